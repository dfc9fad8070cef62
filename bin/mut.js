#!/usr/bin/env node
// Launcher for the `mut` CLI: registers tsx's loader in this process, then runs the
// TypeScript entry point, so the CLI needs no build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
