// What an input adds: per goal, the MUT of its baseline alone against the MUT with it, and
// the ways in that need at least one of its objects (src/engine/contribution.ts).

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contribution } from '../../src/engine';
import { baselineFiles } from '../../src/engine/contribution';

const folder = (dir: string) =>
  readdirSync(dir).map((f) => ({ path: `${dir}/${f}`, text: readFileSync(`${dir}/${f}`, 'utf8') }));

/** The example application of the docs: an exposed web front end that may create pods anywhere. */
const app = folder('test/cli/fixtures/app');
/** The worked example's first stage: a kube-apiserver static pod, a namespace, RBAC, a ThreatModel. */
const stage1 = folder('test/cli/fixtures/stage1');

const ids = (way: { messUps: { id: string }[] }) => way.messUps.map((m) => m.id).join('+');

describe('contribution', () => {
  it('of nothing is nothing', () => {
    const c = contribution([], { baseline: 'hardened' });
    expect(c.baseline.id).toBe('hardened');
    for (const g of c.goals) {
      expect(g).toMatchObject({ baselineMut: 3, mut: 3, drop: 0, lowers: false, comparable: true });
      expect(g.opened).toEqual([]);
    }
  });

  it('of an exposed app with cluster-wide pod creation on a hardened baseline: lowers both goals by one', () => {
    const c = contribution(app, { baseline: 'hardened' });
    for (const g of c.goals) {
      expect(g).toMatchObject({ baselineMut: 3, mut: 2, drop: 1, lowers: true });
      expect(g.opened.length).toBeGreaterThan(0);
      // Every way it opens goes through the app's own bug.
      for (const way of g.opened) expect(ids(way)).toContain('application-bug:shop/web');
    }
  });

  it('on kubeadm: does not lower the goals, but still opens its own ways in', () => {
    const c = contribution(app, { baseline: 'kubeadm' });
    const admin = c.goals.find((g) => g.goal === 'cluster-admin')!;
    expect(admin).toMatchObject({ baselineMut: 1, mut: 1, drop: 0, lowers: false });
    const opened = admin.opened.map(ids);
    expect(opened).toContain('application-bug:shop/web');
    // The anonymous binding works on the baseline alone: not the app's doing.
    expect(opened).not.toContain('bind-cluster-admin:group:system:unauthenticated');
  });

  it("counts the cluster's own configuration (the API server's static pod, the ThreatModel) as the baseline", () => {
    const kept = baselineFiles(stage1).flatMap((f) => f.text.split('\n---\n'));
    const kinds = kept.map((doc) => (JSON.parse(doc) as { kind: string }).kind).sort();
    expect(kinds).toEqual(['Pod', 'ThreatModel']);
    const admin = contribution(stage1).goals[0]!;
    expect(admin).toMatchObject({ goal: 'cluster-admin', baselineMut: 1, mut: 1, lowers: false });
    // alice's kubeconfig is the ThreatModel's; binding her groups is possible only because
    // the input's RoleBinding names the group developers.
    expect(admin.opened.map(ids)).toEqual([
      'bind-cluster-admin:group:developers+credential-leak:alice-kubeconfig',
    ]);
  });

  it("does not compare a goal about the input's own objects, nor a start in one of its pods", () => {
    const secret = contribution(app, { goals: ['secret:shop/web-token'], baseline: 'hardened' });
    expect(secret.goals[0]!.comparable).toBe(false);
    const fromPod = contribution(app, { start: 'pod:shop/web', baseline: 'hardened' });
    for (const g of fromPod.goals) expect(g.comparable).toBe(false);
  });

  it('says when the input makes reachable what the baseline alone cannot reach', () => {
    const c = contribution(app, {
      baseline: 'hardened',
      goals: ['cluster-admin'],
    });
    expect(c.goals[0]!.lowers).toBe(true);
    const unreachableAlone = contribution(
      [
        ...app,
        {
          path: 'tm.yaml',
          text: 'apiVersion: mutlab.dev/v1alpha1\nkind: ThreatModel\nmetadata: {name: c}\nspec:\n  costs:\n    endpoint-made-public: forbidden\n',
        },
      ],
      { baseline: 'hardened', goals: ['cluster-admin'] },
    ).goals[0]!;
    expect(unreachableAlone).toMatchObject({ baselineMut: null, lowers: true, drop: null });
    expect(unreachableAlone.mut).not.toBeNull();
  });
});
