// Shared helpers for the attack-graph corpus tests: load a corpus folder as input files, and
// query the grounded attack graph (src/engine/graphExport.ts) the way an attack-graph tool
// would: which rules fire today, from which capability, to which.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  exportGraph,
  type ExportedEdge,
  type ExportedGraph,
} from '../../src/engine/graphExport.ts';
import type { InputFile } from '../../src/engine/types.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `../shared/corpus/<name>` beside the repository (CI has it at the same relative path). */
export function corpusDir(name: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'corpus', name);
}

/** Every `.yaml`/`.yml` file under `dir` (recursively), named relative to `root`, sorted. */
export function yamlFiles(root: string, dir = root): InputFile[] {
  const out: InputFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(root, full));
    else if (/\.ya?ml$/.test(entry.name))
      out.push({ path: path.relative(root, full), text: readFileSync(full, 'utf8') });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The parts of `exec:<ns>/<Kind>/<name>#<container>`. */
export function execParts(
  key: string,
): { namespace: string; kind: string; pod: string; container: string } | undefined {
  const m = /^exec:([^/]+)\/([^/]+)\/([^#]+)#(.+)$/.exec(key);
  if (!m) return undefined;
  return { namespace: m[1]!, kind: m[2]!, pod: m[3]!, container: m[4]! };
}

export class CorpusGraph {
  readonly graph: ExportedGraph;
  /** Rules that fire today (every condition of their body holds). */
  readonly firing: ExportedEdge[];

  constructor(files: readonly InputFile[]) {
    this.graph = exportGraph(files);
    this.firing = this.graph.edges.filter((e) => e.fires);
  }

  /** Firing rules of techniques whose references name `kubehound:<edge>`. */
  kubehound(edge: string): ExportedEdge[] {
    return this.firing.filter((e) => e.references.includes(`kubehound:${edge}`));
  }

  /** Firing rules of techniques naming any KubeHound edge that starts with `prefix`. */
  kubehoundPrefix(prefix: string): ExportedEdge[] {
    return this.firing.filter((e) => e.references.some((r) => r.startsWith(`kubehound:${prefix}`)));
  }

  /** Firing rules whose starting capability is code execution in the named container. */
  fromContainer(container: string, edges: readonly ExportedEdge[] = this.firing): ExportedEdge[] {
    return edges.filter((e) => execParts(e.from)?.container === container);
  }

  /**
   * The rights one RBAC binding hands out today: the heads of the firing
   * `rbac-permissions` rules written at that binding (`RoleBinding ns/name` or
   * `ClusterRoleBinding name`).
   */
  grantedBy(binding: string): Set<string> {
    return new Set(
      this.firing
        .filter((e) => e.technique === 'rbac-permissions' && e.objects.includes(binding))
        .map((e) => e.to),
    );
  }

  /**
   * What a set of rights gives by RBAC alone: closes `perms` under the firing rules whose
   * body is made of rights only (scope widening, bind, escalate), ignoring `reach:api`.
   */
  rbacClosure(perms: Iterable<string>): Set<string> {
    const held = new Set(perms);
    const rules = this.firing.filter(
      (e) =>
        isRight(e.to) && e.body.every((b) => b.startsWith('c:') || isRight(b) || b === 'reach:api'),
    );
    for (let changed = true; changed;) {
      changed = false;
      for (const r of rules) {
        if (held.has(r.to)) continue;
        if (r.body.every((b) => b.startsWith('c:') || b === 'reach:api' || held.has(b))) {
          held.add(r.to);
          changed = true;
        }
      }
    }
    return held;
  }

  /** Firing rules (of `edges`) that the rights in `perms` alone let the attacker apply. */
  usableWith(perms: ReadonlySet<string>, edges: readonly ExportedEdge[]): ExportedEdge[] {
    return edges.filter((e) =>
      e.body.every((b) => b.startsWith('c:') || b === 'reach:api' || perms.has(b)),
    );
  }
}

/**
 * Facts that stand for rights: full rights or "may create pods" in a scope (`perm:`), a request
 * the authorizer allows (`can:`), a role one may bind or write into (`bindable:`, `escalated:`).
 */
export function isRight(key: string): boolean {
  return (
    key.startsWith('perm:') ||
    key.startsWith('can:') ||
    key.startsWith('bindable:') ||
    key.startsWith('escalated:') ||
    key === 'impersonator'
  );
}
