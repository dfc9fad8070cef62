import type { Diagnostic, InputFile } from './types';

// A Kustomize overlay or a Helm chart is a template of manifests, not manifests: the engine
// analyses what it renders to, and says how to render it. A kustomization file is set aside
// (the plain manifests beside it are read; its patches are not applied, which the warning
// says). A chart's files stay in: Chart.yaml, values and templates hold no Kubernetes object
// until rendered, so they fail to read (errors), and a gate never passes over a chart.

const kustomizationNames = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? (slash === 0 ? '/' : '.') : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The warning for a Kustomization (by file name, or a `kind: Kustomization` object). */
export function kustomizationWarning(file: string, line: number): Diagnostic {
  const dir = file === '<stdin>' ? 'DIR' : folderOf(file);
  return {
    severity: 'warning',
    message: `a Kustomization is a template of manifests, not manifests: MUT Lab does not apply it (its patches, generators and remote bases are not in this analysis). Render it and analyse the result: kubectl kustomize ${dir} | mut analyze -`,
    file,
    line,
    column: 1,
  };
}

function chartWarning(file: string): Diagnostic {
  const dir = folderOf(file);
  return {
    severity: 'warning',
    message: `${dir} is a Helm chart, a template of manifests: MUT Lab does not render it. Render it (with -f and the values you install it with) and analyse the result: helm template RELEASE ${dir} | mut analyze -`,
    file,
    line: 1,
    column: 1,
  };
}

/** The input without kustomization files, and a warning for each overlay and chart. */
export function setTemplatesAside(files: readonly InputFile[]): {
  files: readonly InputFile[];
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const kept: InputFile[] = [];
  for (const f of files) {
    const name = baseName(f.path);
    if (kustomizationNames.has(name)) diagnostics.push(kustomizationWarning(f.path, 1));
    else {
      if (name === 'Chart.yaml') diagnostics.push(chartWarning(f.path));
      kept.push(f);
    }
  }
  return kept.length < files.length ? { files: kept, diagnostics } : { files, diagnostics };
}
