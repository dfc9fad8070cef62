// Everything heavy for the editor lives behind this module, which ManifestEditor imports
// lazily, so Monaco (~4 MB) never weighs on the first page.
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from '../../workers/editor.worker?worker';
import YamlWorker from '../../workers/yaml.worker?worker';

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

export { monaco, configureMonacoYaml };
