// Monaco's generic editor worker (diffing, links, word ranges); loaded with Vite's `?worker`.
import 'monaco-editor/esm/vs/editor/editor.worker.js';
