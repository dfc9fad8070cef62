// Everything heavy for the editor lives behind this module, which ManifestEditor imports
// lazily, so Monaco (~4 MB) never weighs on the first page.
import * as monaco from 'monaco-editor';
import { configureMonacoYaml as configureYaml } from 'monaco-yaml';
import type { MonacoYaml, MonacoYamlOptions } from 'monaco-yaml';
import { yamlSchemas } from './schemas';
import { yamlWorkerRefusal } from './yamlGuard';
import EditorWorker from '../../workers/editor.worker?worker';
import YamlWorker from '../../workers/yaml.worker?worker';

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/**
 * monaco-yaml with MUT Lab's combined Kubernetes schema (./schemas) always configured, plus
 * whatever `options.schemas` adds; completion, hover and validation on, no schema downloads.
 */
function configureMonacoYaml(editor: typeof monaco, options: MonacoYamlOptions = {}): MonacoYaml {
  return configureYaml(editor, {
    completion: true,
    hover: true,
    validate: true,
    ...options,
    enableSchemaRequest: false,
    schemas: [...yamlSchemas, ...(options.schemas ?? [])],
  });
}

// Themes whose line numbers pass WCAG contrast (4.5:1), the dimmed last one included: the
// defaults dim it to 1.75:1 on white.
monaco.editor.defineTheme('mutlab-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editorLineNumber.foreground': '#5b6573',
    'editorLineNumber.dimmedForeground': '#5b6573',
    'editorLineNumber.activeForeground': '#0f172a',
  },
});
monaco.editor.defineTheme('mutlab-dark', {
  base: 'hc-black',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#0b1220',
    'editorLineNumber.foreground': '#a8b3c4',
    'editorLineNumber.dimmedForeground': '#a8b3c4',
  },
});

export { monaco, configureMonacoYaml, yamlWorkerRefusal };
