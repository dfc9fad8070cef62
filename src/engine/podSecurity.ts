import { readObjects } from './manifests/objects';
import { objectRef } from './manifests/document';
import { locate } from './manifests/locate';
import { parseFiles } from './manifests/parseFiles';
import { podsOf } from './model/workloads';
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
    // Each pod was evaluated at restricted, which runs the baseline checks too (the same
    // verdicts as a baseline evaluation: checked on the PSS corpus).
    const violations = pod.pssViolations.filter(
      (v) => level === 'restricted' || v.level === 'baseline',
    );
    pods.push({
      object: objectRef(object),
      location: locate(object),
      allowed: violations.length === 0,
      violations: violations.map((v) => ({
        check: v.check,
        level: v.level,
        message: v.message,
        location: locate(object, pod.templatePath, v.path),
      })),
    });
  }
  return { level, pods, diagnostics: [...parsed.diagnostics, ...read.diagnostics] };
}
