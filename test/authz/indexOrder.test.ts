import { describe, expect, it } from 'vitest';
import { RbacIndex } from '../../src/engine/authz/authorizer';
import type { RbacBinding, RbacRole } from '../../src/engine/authz/rbacModel';
import { ruleAllows, type Request } from '../../src/engine/authz/rules';
import type { KubeObject } from '../../src/engine/manifests/document';

// The index files each grant by resource, verb and the binding's namespace; its answer must
// still be every matching grant of a binding in scope, each once, in the order the attack
// graph's rules have always followed: by the rule's entry that matched (the resource, `*`,
// then `*\/sub`), then its verb (the request's, then `*`), then binding and rule order.

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const verbs = ['get', 'list', 'create', 'patch', '*'];
const resources = ['pods', 'secrets', 'pods/exec', '*', '*/exec', 'deployments'];
const groups = ['', 'apps', '*'];
const namespaces = ['a', 'b', 'c'];
const object = {} as KubeObject;

function randomBindings(random: () => number): RbacBinding[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[]) => [...new Set([pick(list), pick(list)])];
  const bindings: RbacBinding[] = [];
  for (let i = 0; i < 25; i++) {
    const cluster = random() < 0.4;
    const namespace = cluster ? '' : pick(namespaces);
    const role: RbacRole = {
      kind: cluster ? 'ClusterRole' : 'Role',
      namespace,
      name: `r${i}`,
      labels: new Map(),
      builtin: false,
      object,
      rules: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        verbs: some(verbs),
        apiGroups: some(groups),
        resources: some(resources),
        resourceNames: random() < 0.2 ? ['web'] : [],
        nonResourceURLs: [],
        at: { object, path: [] },
      })),
    };
    bindings.push({
      kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      namespace,
      name: `b${i}`,
      id: `b${i}`,
      roleRef: { kind: role.kind, name: role.name },
      role,
      subjects: [],
      object,
      builtin: false,
      facts: { table: -1, entries: [] },
    });
  }
  return bindings;
}

describe('RbacIndex.grantsFor', () => {
  it('lists the grants a scan of every binding in scope finds, in the same order', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = lcg(seed);
      const bindings = randomBindings(random);
      const index = new RbacIndex(bindings);
      for (const namespace of ['', ...namespaces])
        for (const verb of ['get', 'create', 'patch'])
          for (const [resource, subresource] of [
            ['pods', ''],
            ['pods', 'exec'],
            ['secrets', ''],
            ['deployments', ''],
          ] as const)
            for (const name of ['', 'web']) {
              const request: Request = {
                resourceRequest: true,
                verb,
                apiGroup: resource === 'deployments' ? 'apps' : '',
                resource,
                subresource,
                namespace,
                name,
              };
              const keys = subresource
                ? [`${resource}/${subresource}`, '*', `*/${subresource}`]
                : [resource, '*'];
              const scan: unknown[] = [];
              const seen = new Set<unknown>();
              for (const key of keys)
                for (const v of [verb, '*'])
                  for (const b of bindings) {
                    if (b.namespace !== '' && b.namespace !== namespace) continue;
                    for (const r of b.role!.rules) {
                      if (!r.resources.includes(key) || !r.verbs.includes(v)) continue;
                      if (seen.has(r) || !ruleAllows(r, request)) continue;
                      seen.add(r);
                      scan.push([b.id, r]);
                    }
                  }
              const found = index.grantsFor(request).map((g) => [g.binding.id, g.rule]);
              expect(found).toEqual(scan);
            }
    }
  });
});
