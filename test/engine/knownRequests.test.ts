// One object per request (graph/knownRequests.ts): the first name asked in a namespace sits in
// the namespace's entry, other names in a map of that first request. A request must never come
// back as another object (its rules would be grounded twice) nor as one with another name.

import { describe, expect, it } from 'vitest';
import { request } from '../../src/engine/authz/requests.ts';
import { knownRequest, knownRequestCount } from '../../src/engine/graph/knownRequests.ts';

describe('knownRequest', () => {
  it('finds each request again, whatever name was asked first in its namespace', () => {
    const before = knownRequestCount();
    const asked = [
      request('patch', 'deployments', { namespace: 'kr-a', name: 'web' }),
      request('patch', 'deployments', { namespace: 'kr-a', name: '' }),
      request('patch', 'deployments', { namespace: 'kr-a', name: 'db' }),
      request('patch', 'deployments', { namespace: 'kr-b', name: 'web' }),
      request('update', 'deployments', { namespace: 'kr-a', name: 'web' }),
      request('patch', 'pods/ephemeralcontainers', { namespace: 'kr-a', name: 'web' }),
    ];
    const first = asked.map((r) => knownRequest(r));
    expect(new Set(first).size).toBe(asked.length);
    expect(knownRequestCount() - before).toBe(asked.length);
    // Asked again, with new objects of the same parts, in another order.
    const again = [...asked].reverse().map((r) => knownRequest({ ...r }));
    expect(again.reverse()).toEqual(first);
    again.forEach((k, i) => expect(k).toBe(first[i]));
    first.forEach((k, i) => {
      expect(k.name).toBe(asked[i]!.name);
      expect(k.namespace).toBe(asked[i]!.namespace);
      expect(k.verb).toBe(asked[i]!.verb);
      expect(k.subresource).toBe(asked[i]!.subresource);
    });
    expect(knownRequestCount() - before).toBe(asked.length);
  });
});
