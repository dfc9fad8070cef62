import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';
import {
  addedThreatModelPath,
  defaultPicks,
  newThreatModel,
  readPicks,
  withThreatModel,
  writePicks,
} from '../../src/ui/sandbox/threatModelText';

// The attacker and goal pickers of "Your cluster" read and write the ThreatModel in the files.

const pod =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers: [{ name: c, image: nginx }]\n';

describe('the ThreatModel the page writes', () => {
  it('is added when the files have none, and the engine reads what it says', () => {
    const files = withThreatModel([{ path: 'pod.yaml', text: pod }]);
    expect(files.map((f) => f.path)).toEqual(['pod.yaml', addedThreatModelPath]);
    const text = writePicks(files[1]!.text, { start: 'pod:shop/web', goals: ['node-root'] })!;
    const result = analyze([files[0]!, { path: addedThreatModelPath, text }]);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.goals.map((g) => g.goal)).toEqual(['node-root']);
    expect(readPicks([{ path: addedThreatModelPath, text }])?.picks).toEqual({
      start: 'pod:shop/web',
      goals: ['node-root'],
    });
  });

  it('names the baseline the picker chose, and the engine analyses on it', () => {
    const [podFile, added] = withThreatModel([{ path: 'pod.yaml', text: pod }]);
    const text = writePicks(added!.text, { ...defaultPicks, baseline: 'hardened' })!;
    expect(text).toContain('baseline: hardened');
    expect(readPicks([{ path: addedThreatModelPath, text }])?.picks.baseline).toBe('hardened');
    expect(analyze([podFile!, { path: addedThreatModelPath, text }]).baseline.id).toBe('hardened');
    // Left unset, the file says nothing and the engine's default applies.
    expect(readPicks([added!])?.picks.baseline).toBeUndefined();
    expect(analyze([podFile!, added!]).baseline.id).toBe('kubeadm');
  });

  it('is not added when the user’s files carry one; another name is found if the path is taken', () => {
    const own = { path: 'tm.yaml', text: newThreatModel(defaultPicks) };
    expect(withThreatModel([own])).toEqual([own]);
    const taken = withThreatModel([{ path: addedThreatModelPath, text: pod }]);
    expect(taken.map((f) => f.path)).toEqual([addedThreatModelPath, 'threat-model-2.yaml']);
  });

  it('keeps the user’s comments, other fields and other documents when the pickers change it', () => {
    const text = [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: { name: shop }',
      '---',
      '# who may reach what',
      'apiVersion: mutlab.dev/v1alpha1',
      'kind: ThreatModel',
      'metadata:',
      '  name: prod',
      'spec:',
      '  attacker:',
      '    start: internet # the default',
      '  costs:',
      '    kernel-escape-bug: 2',
      '',
    ].join('\n');
    const written = writePicks(text, { start: 'corporate-network', goals: ['cluster-admin'] })!;
    expect(written).toContain('kind: Namespace');
    expect(written).toContain('# who may reach what');
    expect(written).toContain('start: corporate-network # the default');
    expect(written).toContain('kernel-escape-bug: 2');
    expect(readPicks([{ path: 'x.yaml', text: written }])?.picks).toEqual({
      start: 'corporate-network',
      goals: ['cluster-admin'],
    });
  });

  it('is left alone when it does not parse, and says so with null', () => {
    const broken = 'apiVersion: mutlab.dev/v1alpha1\nkind: ThreatModel\nspec: [\n';
    expect(writePicks(broken, defaultPicks)).toBeNull();
    expect(readPicks([{ path: 'x.yaml', text: broken }])).toBeNull();
  });
});
