// "Could this control plane start as written?" A scenario's static pods must be ones a real
// kube-apiserver and etcd accept; a lesson drawn from a cluster that could not run is wrong.
// Sources (docs/engine.md and scenarios/README.md name them too):
// - boolean flags are parsed by Go's strconv.ParseBool (spf13/pflag BoolVar);
// - 1.20 stopped insecure serving: `--insecure-port` / `--port` may only be 0 ("invalid port
//   value 8080: only zero is allowed", k/k #95856); 1.24 removed the flags ("unknown flag:
//   --insecure-port", k/k #106859);
// - a client whose URL says https cannot talk to an etcd listener that serves http, nor the
//   other way round (etcd serves TLS on a listener exactly when its URL says https).

import { parseAllDocuments } from 'yaml';
import type { InputFile } from '../engine';

export interface StartProblem {
  file: string;
  line: number;
  message: string;
}

interface Flag {
  name: string;
  value: string;
  file: string;
  line: number;
}

interface Component {
  image: string;
  flags: Map<string, Flag>;
}

/** Go's strconv.ParseBool: the only spellings a boolean flag accepts. */
const goBools = new Set([
  '1',
  't',
  'T',
  'TRUE',
  'true',
  'True',
  '0',
  'f',
  'F',
  'FALSE',
  'false',
  'False',
]);

/** kube-apiserver flags of type bool that scenarios use or might (a `--flag` alone means true). */
const apiServerBoolFlags = [
  'anonymous-auth',
  'allow-privileged',
  'profiling',
  'enable-bootstrap-token-auth',
  'service-account-lookup',
  'enable-aggregator-routing',
  'enable-priority-and-fairness',
  'enable-garbage-collector',
  'enable-logs-handler',
  'contention-profiling',
  'audit-log-compress',
];

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  return i === -1 ? 1 : text.slice(0, i).split('\n').length;
}

function components(files: readonly InputFile[], binary: string): Component[] {
  const out: Component[] = [];
  for (const f of files) {
    for (const doc of parseAllDocuments(f.text)) {
      if ('errors' in doc && doc.errors.length > 0) continue;
      const pods: unknown[] = [];
      const o = doc.toJS() as { kind?: unknown; items?: unknown } | null;
      if (o?.kind === 'Pod') pods.push(o);
      if (o?.kind === 'List' && Array.isArray(o.items))
        pods.push(...o.items.filter((i) => (i as { kind?: unknown })?.kind === 'Pod'));
      for (const pod of pods) {
        const containers = (pod as { spec?: { containers?: unknown } }).spec?.containers;
        if (!Array.isArray(containers)) continue;
        for (const c of containers as { image?: unknown; command?: unknown; args?: unknown }[]) {
          const words = [c.command, c.args].flatMap((w) =>
            Array.isArray(w) ? w.filter((x): x is string => typeof x === 'string') : [],
          );
          if (!words.some((w) => w === binary || w.endsWith(`/${binary}`))) continue;
          const flags = new Map<string, Flag>();
          for (const w of words) {
            if (!w.startsWith('--')) continue;
            const eq = w.indexOf('=');
            const name = eq === -1 ? w.slice(2) : w.slice(2, eq);
            flags.set(name, {
              name,
              value: eq === -1 ? 'true' : w.slice(eq + 1),
              file: f.path,
              line: lineOf(f.text, w),
            });
          }
          out.push({ image: typeof c.image === 'string' ? c.image : '', flags });
        }
      }
    }
  }
  return out;
}

/** `registry.k8s.io/kube-apiserver:v1.18.20` → [1, 18]; undefined when the tag says no version. */
export function imageVersion(image: string): [number, number] | undefined {
  const m = /:v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+@].*)?$/.exec(image);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function scheme(url: string): string | undefined {
  return /^([a-z]+):\/\//i.exec(url.trim())?.[1]?.toLowerCase();
}

function port(url: string): string {
  return /:(\d+)\/?$/.exec(url.trim())?.[1] ?? '2379';
}

/** Every reason the API server or etcd of the files would refuse to start, or could not connect. */
export function startProblems(files: readonly InputFile[]): StartProblem[] {
  const problems: StartProblem[] = [];
  const apiServers = components(files, 'kube-apiserver');
  const etcds = components(files, 'etcd');

  for (const api of apiServers) {
    for (const name of apiServerBoolFlags) {
      const f = api.flags.get(name);
      if (f && !goBools.has(f.value))
        problems.push({
          file: f.file,
          line: f.line,
          message: `kube-apiserver would not start: invalid argument "${f.value}" for "--${name}" (a boolean flag takes 1, t, T, TRUE, true, True, 0, f, F, FALSE, false or False)`,
        });
    }
    const version = imageVersion(api.image);
    if (version) {
      const [major, minor] = version;
      for (const name of ['insecure-port', 'insecure-bind-address', 'port', 'address']) {
        const f = api.flags.get(name);
        if (!f) continue;
        if (major > 1 || minor >= 24)
          problems.push({
            file: f.file,
            line: f.line,
            message: `kube-apiserver ${major}.${minor} would not start: unknown flag: --${name} (removed in 1.24)`,
          });
        else if (minor >= 20 && (name === 'insecure-port' || name === 'port') && f.value !== '0')
          problems.push({
            file: f.file,
            line: f.line,
            message: `kube-apiserver ${major}.${minor} would not start: invalid port value ${f.value}: only zero is allowed (insecure serving was removed in 1.20)`,
          });
      }
    }

    const servers = api.flags.get('etcd-servers');
    if (!servers || etcds.length === 0) continue;
    for (const url of servers.value.split(',')) {
      const wanted = scheme(url);
      const listeners = etcds.flatMap((e) =>
        (e.flags.get('listen-client-urls')?.value ?? 'http://localhost:2379').split(','),
      );
      const samePort = listeners.filter((l) => port(l) === port(url));
      if (samePort.length > 0 && !samePort.some((l) => scheme(l) === wanted))
        problems.push({
          file: servers.file,
          line: servers.line,
          message: `kube-apiserver could not reach etcd: --etcd-servers says ${wanted}:// but etcd listens on ${samePort.join(', ')}`,
        });
    }
  }
  return problems;
}
