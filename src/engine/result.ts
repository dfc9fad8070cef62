import type { Diagnostic, MessUpCategory, Reference, SourceLocation } from './types';

// The engine's answer, as plain JSON-able data: the CLI prints it, the worker posts it,
// a share link or an exported report can carry it unchanged.

export interface MessUpView {
  /** `<template>:<target>`, stable across runs. */
  id: string;
  template: string;
  title: string;
  category: MessUpCategory;
  cost: number;
  /** The lines whose defence the mess-up breaks (where the change would be made). */
  locations: SourceLocation[];
}

export interface StepView {
  technique: string;
  /** The technique's title, for reading without the catalogue. */
  title: string;
  /** What the attacker holds before the step (a phrase), and what it gains. */
  from: string;
  to: string;
  /** Facts behind `from` and `to`, for the map. */
  fromFact: string;
  toFact: string;
  /** Ids of the witness mess-ups this step relies on. */
  messUps: string[];
  /** The lines that enable the step. */
  locations: SourceLocation[];
}

export interface WitnessView {
  messUps: MessUpView[];
  steps: StepView[];
}

export interface AlternativeView {
  messUps: MessUpView[];
  cost: number;
}

export interface GoalResult {
  goal: string;
  title: string;
  /** Least total cost of mess-ups that lets the attacker reach the goal; null when unreachable. */
  mut: number | null;
  /** What the solver proved: no cheaper set exists. Equal to `mut` when `exact`. */
  lowerBound: number;
  exact: boolean;
  witness: WitnessView | null;
  /** Other minimal mess-up sets of cost up to MUT + 1, cheapest first. */
  alternatives: AlternativeView[];
  /**
   * True when the list may miss sets: cut at the cap or by the search's limits, and always
   * when the MUT is not proved (`exact` false: the alternatives were not searched at all).
   */
  alternativesTruncated: boolean;
}

export interface Finding {
  /** `Kind namespace/name` of the object the finding is about. */
  object: string;
  /** The technique the condition enables, or the check it breaks (`pss:baseline/privileged`). */
  technique?: string;
  check?: string;
  message: string;
  /** Shared between findings of the same technique or check: read, never change. */
  references: readonly Reference[];
  location: SourceLocation;
}

/**
 * A pod that does not run as written: the API server refuses it (its namespace's Pod Security
 * level, or a privileged container without `--allow-privileged`), or no node of the input
 * fits it. The attack graph counts none of its facts until a mess-up brings it back.
 */
export interface RefusedPodView {
  /** `Kind namespace/name` of the Pod or of the workload whose pods are refused. */
  object: string;
  namespace: string;
  by: 'pod-security' | 'allow-privileged' | 'unschedulable';
  /** The enforce level that refuses it (pod-security). */
  level?: 'baseline' | 'restricted';
  /** The Pod Security checks it fails at that level, or `privileged`. */
  checks: string[];
  location: SourceLocation;
}

export interface AnalysisStats {
  objects: number;
  facts: number;
  rules: number;
  messUps: number;
  /** Milliseconds spent in each phase. */
  parseMs: number;
  modelMs: number;
  graphMs: number;
  solveMs: number;
}

/** The control-plane profile an analysis assumed where the input says nothing (src/engine/baselines/). */
export interface BaselineView {
  id: string;
  title: string;
}

export interface AnalysisResult {
  /** The baseline the defaults came from: `--baseline`, the ThreatModel's, or kubeadm. */
  baseline: BaselineView;
  goals: GoalResult[];
  findings: Finding[];
  /** The pods that do not run as written, in input order. */
  refused: RefusedPodView[];
  diagnostics: Diagnostic[];
  stats: AnalysisStats;
}

export interface AnalyzeOptions {
  /** Goals to analyse instead of the ThreatModel's (`cluster-admin`, `node-root`, `secret:ns/name`, `exec:ns/workload`). */
  goals?: string[];
  /** Where the attacker starts instead of the ThreatModel's (`internet`, `corporate-network`, `pod:ns/workload`). */
  start?: string;
  /** How many alternatives to list per goal at most (default 20). */
  alternativesCap?: number;
  /** Skip findings (faster when only the numbers matter). */
  findings?: boolean;
  /**
   * The share of the solver's search budget per goal (rounds, branch-and-bound nodes, the
   * alternatives' work), default 1 (also for anything but a positive number). A smaller share answers sooner, with `exact: false` and
   * the interval [`lowerBound`, `mut`] where the proof did not finish; the same input and
   * share always give the same answer. See docs/engine.md, "Anytime".
   */
  effort?: number;
  /**
   * The baseline profile (`kubeadm`, `eks`, `gke`, `aks`, `hardened`) instead of the
   * ThreatModel's `spec.baseline`; default kubeadm. An unknown name is an error diagnostic.
   */
  baseline?: string;
}
