import { dump, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/synthetic';
import { analyze } from '../../src/engine';
import { importDump, isDump, partChars } from '../../src/workers/dumpImport';

// A kubectl dump in the page: split per namespace, analysed like the dump itself.

function objectsOf(count: number): Record<string, unknown>[] {
  return generateCluster(count).flatMap((f) =>
    (loadAll(f.text) as unknown[]).filter(
      (d): d is Record<string, unknown> => typeof d === 'object' && d !== null,
    ),
  );
}

/** As `kubectl get -A -o yaml` prints it: items at column 0, `kind: List` last. */
const kubectlYaml = (items: unknown[]) =>
  dump({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

describe('importDump', () => {
  const items = objectsOf(300);
  const yaml = kubectlYaml(items);

  it('recognises kubectl’s YAML and JSON lists, not ordinary manifests', () => {
    expect(isDump(yaml)).toBe(true);
    expect(isDump(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }))).toBe(true);
    expect(isDump('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n')).toBe(false);
  });

  it('writes every object once, one file per namespace, and the MUT does not change', () => {
    const split = importDump('dump.yaml', yaml);
    expect(split.problems).toEqual([]);
    expect(split.objects).toBe(items.length);
    const paths = split.files.map((f) => f.path);
    expect(paths).toContain('dump/cluster.yaml');
    expect(paths).toContain('dump/team-0.yaml');
    for (const file of split.files.filter((f) => f.path !== 'dump/cluster.yaml'))
      for (const doc of loadAll(file.text) as { metadata: { namespace: string } }[])
        expect(`dump/${doc.metadata.namespace}.yaml`).toBe(file.path);
    const whole = analyze([{ path: 'dump.yaml', text: yaml }]);
    const parts = analyze(split.files);
    expect(parts.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parts.goals.map((g) => [g.goal, g.mut])).toEqual(
      whole.goals.map((g) => [g.goal, g.mut]),
    );
  });

  it('reads `-o json` too', () => {
    const split = importDump(
      'dump.json',
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
    );
    expect(split.objects).toBe(items.length);
    expect(split.files.map((f) => f.path)).toEqual(
      importDump('dump.yaml', yaml).files.map((f) => f.path),
    );
  });

  it('keeps each item’s text as written, comments and block scalars included', () => {
    const text = [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata:',
      '    name: script',
      '    namespace: a',
      '  data:',
      '    run.sh: |',
      '      echo one',
      '',
      '      - not an item',
      '- apiVersion: v1',
      '  kind: Namespace',
      '  metadata:',
      '    name: a',
      'kind: List',
      'metadata: {}',
      '',
    ].join('\n');
    const split = importDump('x.yaml', text);
    expect(split.files).toEqual([
      { path: 'x/cluster.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' },
      {
        path: 'x/a.yaml',
        text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n  namespace: a\ndata:\n  run.sh: |\n    echo one\n\n    - not an item\n',
      },
    ]);
  });

  it('says which items it left out, by line', () => {
    const split = importDump('x.yaml', 'items:\n- just text\n- kind: Pod\n  metadata: {name: p}\n');
    expect(split.objects).toBe(1);
    expect(split.problems).toEqual([
      'x.yaml:2: an item that is not a Kubernetes object was left out',
    ]);
  });

  it('cuts a namespace larger than a part into several files, each under the engine’s limit', () => {
    const big = Array.from({ length: 60 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `c${i}`, namespace: 'big' },
      data: { blob: 'x'.repeat(100_000) },
    }));
    const split = importDump('d.yaml', kubectlYaml(big));
    expect(split.files.map((f) => f.path)).toEqual(['d/big.yaml', 'd/big-2.yaml']);
    for (const f of split.files) expect(f.text.length).toBeLessThanOrEqual(partChars);
  });

  it('reports progress up to the whole text', () => {
    const seen: number[] = [];
    importDump('dump.yaml', yaml, ({ done, total }) => {
      expect(total).toBe(yaml.length);
      seen.push(done);
    });
    expect(seen.at(-1)).toBe(yaml.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
