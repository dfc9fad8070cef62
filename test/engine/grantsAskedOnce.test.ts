// The authorizer's index is on the hot path: a request's grants are looked up once per
// analysis, even when a technique looks at them before asking whether the attacker may
// make the request (rbac-escalate does, to skip roles nobody may escalate).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RbacIndex } from '../../src/engine/authz/authorizer.ts';
import type { NonResourceRequest, Request, ResourceRequest } from '../../src/engine/authz/rules.ts';
import { analyze } from '../../src/engine/index.ts';
import { fixturesDir } from './fixtureFiles.ts';

afterEach(() => vi.restoreAllMocks());

describe('grants of a request', () => {
  it.each(['exploitable-own-role.yaml', 'exploitable-new-role.yaml'])(
    'are asked of each index once when rbac-escalate grounds %s',
    (file) => {
      // Every ask goes through grantsApart (grantsFor joins what it gives; the graph reads it apart).
      const spy = vi.spyOn(RbacIndex.prototype, 'grantsApart');
      const text = readFileSync(join(fixturesDir, 'rbac-escalate', file), 'utf8');
      const r = analyze([{ path: file, text }]);
      expect(
        r.goals.some((g) => g.witness?.steps.some((s) => s.technique === 'rbac-escalate')),
      ).toBe(true);
      const asked = new Map<unknown, Set<string>>();
      const repeated: string[] = [];
      spy.mock.calls.forEach(([request], i) => {
        const index = spy.mock.contexts[i];
        // By its parts: the table's requests (graph/knownRequests.ts) also carry their answers.
        const r = request as Request & Partial<ResourceRequest & NonResourceRequest>;
        const key = JSON.stringify([
          r.verb,
          r.apiGroup,
          r.resource,
          r.subresource,
          r.namespace,
          r.name,
          r.path,
        ]);
        let seen = asked.get(index);
        if (!seen) asked.set(index, (seen = new Set()));
        if (seen.has(key)) repeated.push(key);
        seen.add(key);
      });
      expect(repeated.filter((k) => k.includes('"escalate"'))).toEqual([]);
    },
  );
});
