// A local shim: importing monaco-yaml's worker directly through `?worker` fails in `vite dev`.
import 'monaco-yaml/yaml.worker.js';
