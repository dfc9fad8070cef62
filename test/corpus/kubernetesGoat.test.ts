// Kubernetes Goat (madhuakula/kubernetes-goat, kept beside the repo in
// ../shared/corpus/kubernetes-goat, see MANIFEST.md there): every manifest-level weakness the
// lab intends must be reported by the engine on the right object, and the negative controls
// (weaknesses that live in images or apps, defences, non-Kubernetes files) must stay quiet.
//
// Evidence, per weakness, is one of (the table below says which):
// - a finding of a technique, or of a Pod Security Standards check, on the object;
// - a goal result: from code execution in the workload the goal is reached with MUT 0;
// - a firing rule of the grounded graph (src/engine/graphExport.ts), for network reach.
// Each file is analysed on its own, except the Helm v2 "pwnchart", whose ClusterRoleBinding is a
// template: it is rendered with the chart's values.yaml (plain substitution) and analysed with
// its ClusterRole and a default-SA workload of the lab (build-code).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze, type AnalysisResult, type Finding } from '../../src/engine/index.ts';
import type { InputFile } from '../../src/engine/types.ts';
import { CorpusGraph, corpusDir, yamlFiles } from './corpusGraph.ts';

interface Weakness {
  resource?: string;
  container?: string;
  field: string;
  risk: string;
}
interface Fixture {
  file: string;
  manifest_level: boolean;
  expect: { findings: Weakness[] };
}
interface Expected {
  fixtures: Fixture[];
}

const dir = corpusDir('kubernetes-goat');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
const files = new Map(yamlFiles(dir).map((f) => [f.path, f]));

function file(name: string): InputFile {
  const f = files.get(name);
  if (!f) throw new Error(`missing corpus file ${name}`);
  return f;
}

/** The Helm template rendered with the chart's values (only `.Values.x` substitutions). */
function renderedBinding(): InputFile {
  const values = parse(file('helm-tiller-pwnchart/values.yaml').text) as Record<string, string>;
  const f = file('helm-tiller-pwnchart/templates/clusterrolebinding.yaml');
  const text = f.text.replace(/\{\{\s*\.Values\.(\w+)\s*\}\}/g, (_, k: string) => values[k] ?? '');
  return { path: f.path, text };
}

const helmInput = [
  file('helm-tiller-pwnchart/templates/clusterrole.yaml'),
  renderedBinding(),
  file('scenarios/build-code/deployment.yaml'),
];

const cache = new Map<string, AnalysisResult>();
function run(name: string, inputs: InputFile[], start?: string, goals?: string[]): AnalysisResult {
  const key = `${name}|${start ?? ''}|${(goals ?? []).join(',')}`;
  let r = cache.get(key);
  if (!r) {
    r = analyze(inputs, { start, goals, alternativesCap: 1 });
    cache.set(key, r);
  }
  return r;
}

function inputsOf(name: string): InputFile[] {
  return name.startsWith('helm-tiller-pwnchart/templates/') ? helmInput : [file(name)];
}

/** `Kind/ns/name` or `Kind/name` of expected.json against a finding's `Kind ns/name`. */
function onObject(f: Finding, resource: string): boolean {
  const parts = resource.split('/');
  const kind = parts[0];
  const name = parts[parts.length - 1];
  return (
    f.object.startsWith(`${kind} `) &&
    (f.object.endsWith(`/${name}`) || f.object === `${kind} ${name}`)
  );
}

type Evidence =
  | { technique: string }
  | { check: string }
  | { goal: string; start: string }
  | { graph: (g: CorpusGraph) => boolean; what: string };

/** How each intended weakness shows in the engine's output (file#field -> evidence). */
const evidence: Record<string, Evidence> = {
  'scenarios/health-check/deployment.yaml#spec.template.spec.containers[0].securityContext.privileged':
    { technique: 'privileged-container' },
  'scenarios/health-check/deployment.yaml#spec.template.spec.volumes[0].hostPath': {
    technique: 'container-runtime-socket',
  },
  'scenarios/internal-proxy/deployment.yaml#spec.type': { technique: 'exploit-exposed-workload' },
  'scenarios/system-monitor/deployment.yaml#spec.template.spec.hostPID': {
    technique: 'nsenter-host-pid',
  },
  'scenarios/system-monitor/deployment.yaml#spec.template.spec.hostIPC': {
    check: 'pss:baseline/hostNamespaces',
  },
  'scenarios/system-monitor/deployment.yaml#spec.template.spec.containers[0].securityContext.privileged':
    { technique: 'privileged-container' },
  'scenarios/system-monitor/deployment.yaml#spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation':
    { check: 'pss:restricted/allowPrivilegeEscalation' },
  'scenarios/system-monitor/deployment.yaml#spec.template.spec.volumes[0].hostPath.path': {
    technique: 'host-path-write',
  },
  'scenarios/system-monitor/deployment.yaml#spec.template.spec.containers[0].env[K8S_GOAT_VAULT_KEY].valueFrom.secretKeyRef':
    { goal: 'secret:default/goatvault', start: 'pod:default/system-monitor-deployment' },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.hostPID': {
    technique: 'nsenter-host-pid',
  },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.hostIPC': {
    check: 'pss:baseline/hostNamespaces',
  },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.hostNetwork': {
    technique: 'reach-kubelet',
  },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.securityContext.runAsUser': {
    check: 'pss:restricted/runAsUser',
  },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.containers[0].securityContext.privileged':
    { technique: 'privileged-container' },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.containers[0].securityContext.capabilities.add':
    { check: 'pss:baseline/capabilities_baseline' },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.volumes[docker-sock-volume].hostPath':
    { technique: 'container-runtime-socket' },
  'scenarios/docker-bench-security/deployment.yaml#spec.template.spec.volumes[etc-vol,var-lib-vol,...].hostPath':
    { technique: 'host-path-read' },
  'scenarios/kube-bench-security/master-job.yaml#spec.template.spec.hostPID': {
    technique: 'nsenter-host-pid',
  },
  'scenarios/kube-bench-security/master-job.yaml#spec.template.spec.volumes[*].hostPath.path': {
    technique: 'host-path-read',
  },
  // Required node affinity to the control plane: reading its credentials is cluster-admin.
  'scenarios/kube-bench-security/master-job.yaml#spec.template.spec.affinity/tolerations': {
    goal: 'cluster-admin',
    start: 'pod:default/kube-bench-master',
  },
  'scenarios/kube-bench-security/node-job.yaml#spec.template.spec.hostPID': {
    technique: 'nsenter-host-pid',
  },
  'scenarios/kube-bench-security/node-job.yaml#spec.template.spec.volumes[*].hostPath.path': {
    technique: 'host-path-traverse',
  },
  'scenarios/cache-store/deployment.yaml#(absence of NetworkPolicy in namespace secure-middleware)':
    {
      what: 'a firing pod-network-lateral rule gives reach:pod to cache-store from the pod network',
      graph: (g) =>
        g.firing.some(
          (e) =>
            e.technique === 'pod-network-lateral' &&
            e.to === 'reach:pod:secure-middleware/Deployment/cache-store-deployment' &&
            e.from === 'net:cluster',
        ),
    },
  // The Role's rules show at the binding that grants them (rbac-permissions) ...
  'scenarios/hunger-check/deployment.yaml#rules[0]': {
    goal: 'secret:big-monolith/vaultapikey',
    start: 'pod:big-monolith/hunger-check-deployment',
  },
  // ... and the namespace-less subject must resolve to big-monolith for the path to exist.
  'scenarios/hunger-check/deployment.yaml#subjects[0]': { technique: 'rbac-permissions' },
  'scenarios/hunger-check/deployment.yaml#spec.template.spec.serviceAccountName': {
    goal: 'secret:big-monolith/webhookapikey',
    start: 'pod:big-monolith/hunger-check-deployment',
  },
  'scenarios/insecure-rbac/setup.yaml#roleRef': { technique: 'rbac-permissions' },
  'helm-tiller-pwnchart/templates/clusterrole.yaml#rules[0]': {
    goal: 'cluster-admin',
    start: 'pod:default/build-code-deployment',
  },
  'helm-tiller-pwnchart/templates/clusterrolebinding.yaml#subjects[0]': {
    technique: 'rbac-permissions',
  },
};

/** Weaknesses outside what the engine models (no attack technique stands for them). */
const outOfScope: Record<string, string> = {
  'scenarios/internal-proxy/deployment.yaml#spec.template.spec.containers':
    'containers of one pod reaching each other over localhost is not modelled (no technique moves between containers of a pod but shareProcessNamespace)',
  'scenarios/hunger-check/deployment.yaml#spec.template.spec.containers[0].resources':
    'resource exhaustion (DoS) is not an attack-path step in the model',
};

function found(f: Fixture, w: Weakness): string | null {
  const key = `${f.file}#${w.field}`;
  const ev = evidence[key];
  if (!ev) return outOfScope[key] ?? `no evidence rule for ${key}`;
  const inputs = inputsOf(f.file);
  if ('goal' in ev) {
    const r = run(f.file, inputs, ev.start, [ev.goal]);
    const mut = r.goals[0]?.mut;
    return mut === 0 ? null : `${ev.goal} from ${ev.start}: MUT ${mut ?? '∞'}, expected 0`;
  }
  if ('graph' in ev) return ev.graph(new CorpusGraph(inputs)) ? null : `missing: ${ev.what}`;
  const r = run(f.file, inputs);
  const hit = r.findings.some(
    (x) =>
      (w.resource === undefined || onObject(x, w.resource)) &&
      ('technique' in ev ? x.technique === ev.technique : x.check === ev.check) &&
      x.location.file === f.file,
  );
  return hit ? null : `no ${'technique' in ev ? ev.technique : ev.check} finding on ${w.resource}`;
}

const weaknesses = expected.fixtures.flatMap((f) =>
  f.expect.findings.map((w) => ({ f, w, id: `${f.file}#${w.field}` })),
);
const controls = expected.fixtures.filter(
  (f) => f.expect.findings.length === 0 && files.has(f.file),
);

const misses: string[] = [];
const loud: string[] = [];
let foundCount = 0;
let quietCount = 0;

afterAll(() => {
  console.log(
    `Kubernetes Goat: ${foundCount}/${weaknesses.length} weaknesses found; negative controls quiet: ${quietCount}/${controls.length}` +
      (misses.length ? `\nmisses:\n  ${misses.join('\n  ')}` : '') +
      (loud.length ? `\nloud controls:\n  ${loud.join('\n  ')}` : ''),
  );
});

describe('Kubernetes Goat corpus (madhuakula/kubernetes-goat @ 56e60a2)', () => {
  it.each(weaknesses.map((x) => [x.id, x] as const))('reports %s', (id, { f, w }) => {
    const why = found(f, w);
    if (why === null) foundCount++;
    else misses.push(`${id}: ${why}`);
    if (outOfScope[id]) expect(why).toBe(outOfScope[id]);
    else expect(why).toBeNull();
  });

  // A control is quiet when no technique finding and no baseline Pod Security check fires on
  // it (restricted-level hardening advice is expected on any default pod), the engine reports
  // no error, and neither node-root nor cluster-admin is reached today from the Internet.
  // A Helm chart's own files hold no Kubernetes object: the engine must say it read nothing
  // there (an error, so a gate never passes on them), and nothing else.
  const notManifests = new Set([
    'helm-tiller-pwnchart/values.yaml',
    'helm-tiller-pwnchart/Chart.yaml',
  ]);
  it.each(controls.map((f) => [f.file, f] as const))('control %s stays quiet', (name) => {
    const r = run(name, inputsOf(name));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (notManifests.has(name)) {
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.message).toMatch(/was not read/);
    }
    const noisy = [
      ...r.findings
        .filter((x) => x.technique !== undefined || x.check?.startsWith('pss:baseline/'))
        .map((x) => `${x.object} ${x.technique ?? x.check}`),
      ...(notManifests.has(name) ? [] : errors.map((d) => d.message)),
      ...r.goals.filter((g) => g.mut === 0).map((g) => `${g.goal} reachable today`),
    ];
    if (noisy.length === 0) quietCount++;
    else loud.push(`${name}: ${noisy.join('; ')}`);
    expect(noisy).toEqual([]);
  });

  it('scenario 20: the website-deny policy closes ingress to app=website pods', () => {
    const website = `apiVersion: v1
kind: Pod
metadata:
  name: website
  labels:
    app: website
spec:
  containers:
    - name: web
      image: nginx
`;
    const g = new CorpusGraph([
      file('doc-snippets/scenario-20-website-deny.yaml'),
      { path: 'website.yaml', text: website },
    ]);
    const reach = g.graph.edges.filter((e) => e.to === 'reach:pod:default/Pod/website');
    expect(reach.length).toBeGreaterThan(0);
    expect(reach.filter((e) => e.fires && e.from === 'net:cluster')).toEqual([]);
  });
});
