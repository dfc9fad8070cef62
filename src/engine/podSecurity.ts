import { readObjects } from './manifests/objects';
import { objectRef } from './manifests/document';
import { locate } from './manifests/locate';
import { parseFiles } from './manifests/parseFiles';
import { podsOf } from './model/workloads';
import { evaluatePodSecurity } from './pss';
import type { Diagnostic, InputFile, SourceLocation } from './types';

export interface PodSecurityReport {
  level: 'baseline' | 'restricted';
  pods: {
    object: string;
    location: SourceLocation;
    allowed: boolean;
    violations: { check: string; level: string; message: string; location: SourceLocation }[];
  }[];
  diagnostics: Diagnostic[];
}

/** Per pod (or pod template), the verdict the Pod Security admission controller would give. */
export function podSecurity(
  files: readonly InputFile[],
  level: 'baseline' | 'restricted',
): PodSecurityReport {
  const parsed = parseFiles(files);
  const read = readObjects(parsed.documents);
  const pods: PodSecurityReport['pods'] = [];
  for (const object of read.objects) {
    const pod = podsOf(object, () => '');
    if (!pod) continue;
    const template = { metadata: undefined as unknown, spec: undefined as unknown };
    const { violations } = evaluatePodSecurity(
      templateOf(object.raw, pod.templatePath, template),
      level,
    );
    pods.push({
      object: objectRef(object),
      location: locate(object),
      allowed: violations.length === 0,
      violations: violations.map((v) => ({
        check: v.check,
        level: v.level,
        message: v.message,
        location: locate(object, [...pod.templatePath, ...v.path]),
      })),
    });
  }
  return { level, pods, diagnostics: [...parsed.diagnostics, ...read.diagnostics] };
}

function templateOf(
  raw: unknown,
  path: readonly (string | number)[],
  out: { metadata: unknown; spec: unknown },
) {
  let node: unknown = raw;
  for (const step of path)
    node =
      node && typeof node === 'object'
        ? (node as Record<string, unknown>)[step as string]
        : undefined;
  const obj = node && typeof node === 'object' ? (node as Record<string, unknown>) : {};
  out.metadata = Object.prototype.hasOwnProperty.call(obj, 'metadata') ? obj.metadata : undefined;
  out.spec = Object.prototype.hasOwnProperty.call(obj, 'spec') ? obj.spec : undefined;
  return out;
}
