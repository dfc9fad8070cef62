// What each public install manifest adds to the cluster it is installed on (issue 21): the MUT
// of the baseline alone and with the app, per goal, on kubeadm's defaults and on the hardened
// baseline. On kubeadm one mistake already suffices without any app (anonymous
// authentication on a public endpoint), so no app can lower it; the hardened baseline needs
// three, and an app that acts for its callers brings that to two.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, contribution, type InputFile } from '../../src/engine';

function app(name: string): InputFile[] {
  const dir = join('test/apps', name);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: `${name}/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

interface Expected {
  /** Why it lowers the hardened baseline, or why not. */
  because: string;
  /** MUT on the hardened baseline alone → with the app, for cluster-admin and node-root. */
  hardened: [number, number];
}

const apps: Record<string, Expected> = {
  'ingress-nginx': {
    because: 'v1.5.2: snippet annotations on, and its admission webhook reachable from any pod',
    hardened: [3, 2],
  },
  'argo-cd': {
    because: 'whoever may create Applications in its namespace gets the controller',
    hardened: [3, 2],
  },
  'kubernetes-dashboard-alternative': {
    because: 'plain HTTP without --enable-insecure-login: the UI acts with its own account',
    hardened: [3, 2],
  },
  'kubernetes-dashboard-v2': {
    because: 'no skip-login: callers bring their own credentials',
    hardened: [3, 3],
  },
  'kubernetes-dashboard-v1': {
    because: 'v1.10.1 turned skip-login off by default (CVE-2018-18264)',
    hardened: [3, 3],
  },
  'kube-state-metrics': {
    because: 'reads Secrets cluster-wide, but acts for nobody',
    hardened: [3, 3],
  },
  'metrics-server': { because: 'acts for nobody', hardened: [3, 3] },
};

for (const [name, expected] of Object.entries(apps)) {
  describe(`${name} (${expected.because})`, () => {
    const files = app(name);

    it('reads without an error', () => {
      const errors = analyze(files).diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
    });

    it('on kubeadm: the baseline alone has MUT 1 already, and the app does not lower it', () => {
      const result = analyze(files, { baseline: 'kubeadm' });
      const added = contribution(files, { baseline: 'kubeadm' }, result);
      expect(added.goals.map((g) => [g.baselineMut, g.drop])).toEqual([
        [1, 0],
        [1, 0],
      ]);
    });

    it(`on hardened: MUT ${expected.hardened[0]} alone, ${expected.hardened[1]} with the app`, () => {
      const result = analyze(files, { baseline: 'hardened' });
      const added = contribution(files, { baseline: 'hardened' }, result);
      const [alone, withApp] = expected.hardened;
      expect(result.goals.map((g) => g.goal)).toEqual(['cluster-admin', 'node-root']);
      for (const [i, goal] of added.goals.entries()) {
        expect(goal.baselineMut, result.goals[i]?.goal).toBe(alone);
        expect(result.goals[i]?.mut, result.goals[i]?.goal).toBe(withApp);
        expect(goal.lowers).toBe(withApp < alone);
        // What lowers it uses the app's objects: a way in the baseline alone does not have.
        if (withApp < alone) expect(goal.opened.length).toBeGreaterThan(0);
      }
    });
  });
}
