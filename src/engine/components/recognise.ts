import type { SemVer } from 'semver';
import coerce from 'semver/functions/coerce';
import lt from 'semver/functions/lt';
import parse from 'semver/functions/parse';
import { arr, get, getIn, str, stringMap } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { ref, type SourceRef } from '../manifests/locate';
import { parseGoBool, readCommandLine, type CommandLine } from '../model/flags';
import type { ClusterModel, Container, Pod } from '../model/types';
import type { Behaviour, Component, SettingTest, VersionRange } from './component';
import { components as catalogue } from './index';

/** A behaviour of a recognised component that holds, and the line that makes it hold. */
export interface BehaviourMatch {
  behaviour: Behaviour;
  /** The setting that decides it (a flag, a ConfigMap key), else the container's image. */
  at: SourceRef;
}

/** A container the catalogue recognises. */
export interface ComponentMatch {
  component: Component;
  pod: Pod;
  container: Container;
  image: string;
  /** The release read from the image tag; undefined when the tag names none (`latest`, a digest). */
  version: string | undefined;
  /** Namespaces it watches: `all`, or those its watch flag names. */
  watched: 'all' | readonly string[];
  /** The behaviours that hold for this container, in catalogue order. */
  behaviours: BehaviourMatch[];
  at: SourceRef;
  /** The ConfigMap its configuration flag names, when the input has it (it is read). */
  configMap?: KubeObject;
}

const byModel = new WeakMap<ClusterModel, readonly ComponentMatch[]>();

/**
 * Every container of the model that a catalogue entry recognises, with the behaviours that
 * hold for it. Worked out once per model: the technique and the tests ask for it.
 */
export function recogniseComponents(
  model: ClusterModel,
  entries: readonly Component[] = catalogue,
): readonly ComponentMatch[] {
  const cached = entries === catalogue ? byModel.get(model) : undefined;
  if (cached) return cached;
  const out: ComponentMatch[] = [];
  let configMaps: Map<string, KubeObject> | undefined;
  const configMap = (key: string) => {
    if (!configMaps) {
      configMaps = new Map();
      for (const o of model.objects)
        if (o.kind === 'ConfigMap' && o.apiVersion === 'v1')
          configMaps.set(`${o.namespace ?? 'default'}/${o.name}`, o);
    }
    return configMaps.get(key);
  };
  for (const pod of model.pods) {
    for (const container of pod.containers) {
      // Init containers run to completion before the component starts; they serve nothing.
      if (container.path[0] !== 'containers') continue;
      // Read in place: only a recognised container needs its path (for the lines it points at).
      const raw = getIn(get(getIn(pod.object.raw, pod.templatePath), 'spec'), container.path);
      const image = str(get(raw, 'image')) ?? '';
      const repository = repositoryOf(image);
      let words: readonly unknown[] | undefined;
      const commandLine = () => (words ??= [...arr(get(raw, 'command')), ...arr(get(raw, 'args'))]);
      for (const component of candidates(entries, repository)) {
        if (!recognises(component, repository, commandLine)) continue;
        const path = [...pod.templatePath, 'spec', ...container.path];
        const version = versionOf(image);
        const env = environment(raw, pod);
        const line = readCommandLine(
          pod.object,
          path,
          raw,
          component.binary ?? '',
          new Set(component.booleanFlags ?? []),
        );
        const flag = (name: string) =>
          (line.flags.get(name) ?? []).map((f) => ({ value: expand(f.value, env), at: f.at }));
        const imageAt = ref(pod.object, [...path, 'image']);
        const config = component.configMapFlag && flag(component.configMapFlag).at(-1);
        const map = config ? configMap(config.value) : undefined;
        const read = (test: SettingTest) => readSetting(test, version, flag, map);
        const behaviours: BehaviourMatch[] = [];
        for (const behaviour of component.behaviours) {
          const decided = holds(behaviour, version, read);
          if (decided) behaviours.push({ behaviour, at: decided.at ?? imageAt });
        }
        out.push({
          component,
          pod,
          container,
          image,
          version: version?.version,
          watched: watchedNamespaces(component, line, env),
          behaviours,
          at: imageAt,
          ...(map ? { configMap: map } : {}),
        });
      }
    }
  }
  if (entries === catalogue) byModel.set(model, out);
  return out;
}

/** Per catalogue, its entries by the last path segment of the images they match. */
const byImageName = new WeakMap<
  readonly Component[],
  { bySegment: Map<string, Component[]>; byCommand: Component[] }
>();

/**
 * The entries that may recognise an image of `repository`, in catalogue order: those matched
 * by command alone, and those with an image whose last segment is the repository's (a name
 * the repository ends with in whole segments ends with its last one). Every container was
 * tested against every entry.
 */
function candidates(entries: readonly Component[], repository: string): readonly Component[] {
  let index = byImageName.get(entries);
  if (!index) {
    const byCommand = entries.filter((c) => !c.match.images);
    const bySegment = new Map<string, Component[]>();
    for (const c of entries)
      for (const name of c.match.images ?? []) bySegment.set(lastSegment(name), []);
    for (const [segment, list] of bySegment)
      for (const c of entries)
        if (!c.match.images || c.match.images.some((name) => lastSegment(name) === segment))
          list.push(c);
    index = { bySegment, byCommand };
    byImageName.set(entries, index);
  }
  return index.bySegment.get(lastSegment(repository)) ?? index.byCommand;
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function recognises(
  component: Component,
  repository: string,
  commandLine: () => readonly unknown[],
): boolean {
  const { images, command } = component.match;
  if (!images && !command) return false;
  if (images && !images.some((name) => endsWithSegments(repository, name))) return false;
  if (command) {
    const words = commandLine();
    if (words.length < command.length) return false;
    for (let i = 0; i < command.length; i++) {
      const word = words[i];
      if (typeof word !== 'string') return false;
      const name = i === 0 ? word.slice(word.lastIndexOf('/') + 1) : word;
      if (name !== command[i]) return false;
    }
  }
  return true;
}

/** The repository ends with `name` in whole path segments (the registry never matters). */
function endsWithSegments(repository: string, name: string): boolean {
  return (
    repository.endsWith(name) &&
    (repository.length === name.length || repository[repository.length - name.length - 1] === '/')
  );
}

/** The image's repository: what precedes its tag and digest. */
function repositoryOf(image: string): string {
  const at = image.indexOf('@');
  const named = at === -1 ? image : image.slice(0, at);
  const colon = named.lastIndexOf(':');
  return colon > named.lastIndexOf('/') ? named.slice(0, colon) : named;
}

/** The semantic version an image tag names (`v1.5.2`, `v2.0.0-alpha0`), if it names one. */
export function versionOf(image: string): SemVer | undefined {
  const at = image.indexOf('@');
  const named = at === -1 ? image : image.slice(0, at);
  const colon = named.lastIndexOf(':');
  if (colon <= named.lastIndexOf('/')) return undefined;
  const tag = named.slice(colon + 1);
  return parse(tag, { loose: true }) ?? coerce(tag) ?? undefined;
}

/**
 * A version inside a range. An image whose tag names no release is read as affected (the
 * cautious side: the MUT may come out lower, never higher).
 */
function inRange(version: SemVer | undefined, range: VersionRange): boolean {
  if (!version) return true;
  if (range.from !== undefined && lt(version, range.from)) return false;
  if (range.before !== undefined && !lt(version, range.before)) return false;
  return true;
}

/** Whether the behaviour holds, and the first written setting that decided it. */
function holds(
  behaviour: Behaviour,
  version: SemVer | undefined,
  read: (test: SettingTest) => Setting[],
): { at?: SourceRef } | undefined {
  if (behaviour.versions && !behaviour.versions.some((r) => inRange(version, r))) return undefined;
  let at: SourceRef | undefined;
  for (const test of behaviour.when ?? []) {
    const passing = read(test).find(({ value }) =>
      test.oneOf ? test.oneOf.includes(value) : !(test.noneOf ?? []).includes(value),
    );
    if (!passing) return undefined;
    at ??= passing.at;
  }
  return { at };
}

interface Setting {
  value: string;
  at?: SourceRef;
}

/**
 * The values a setting test looks at: the flag's last occurrence (every occurrence of a
 * repeatable one), the ConfigMap's key, else the default for the release.
 */
function readSetting(
  test: SettingTest,
  version: SemVer | undefined,
  flag: (name: string) => Setting[],
  configMap: KubeObject | undefined,
): Setting[] {
  let found: Setting[] = [];
  if (test.flag !== undefined) {
    const all = flag(test.flag);
    found = test.repeated ? all : all.slice(-1);
  } else if (test.config !== undefined && configMap) {
    const value = stringMap(get(configMap.raw, 'data')).get(test.config);
    if (value !== undefined) found = [{ value, at: ref(configMap, ['data', test.config]) }];
  }
  if (found.length === 0) found = [{ value: defaultValue(test, version) }];
  if (!test.boolean) return found;
  return found.map((f) => {
    const b = parseGoBool(f.value);
    return b === undefined ? f : { ...f, value: String(b) };
  });
}

/** The setting's default for this release; the oldest one's when the release is unknown. */
function defaultValue(test: SettingTest, version: SemVer | undefined): string {
  if (typeof test.default === 'string') return test.default;
  const entry = version ? test.default.find((d) => inRange(version, d)) : test.default[0];
  return entry?.value ?? '';
}

function watchedNamespaces(
  component: Component,
  line: CommandLine,
  env: ReadonlyMap<string, string>,
): 'all' | readonly string[] {
  const name = component.watchNamespaceFlag;
  const value = name && line.flags.get(name)?.at(-1)?.value;
  if (!value) return 'all';
  const names = expand(value, env)
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return names.length === 0 ? 'all' : names;
}

/**
 * The container's environment as `$(VAR)` references in its arguments see it: plain values,
 * and the pod's namespace and name through the downward API.
 */
function environment(container: unknown, pod: Pod): Map<string, string> {
  const env = new Map<string, string>();
  for (const e of arr(get(container, 'env'))) {
    const name = str(get(e, 'name'));
    if (!name) continue;
    const value = str(get(e, 'value'));
    const field = str(getIn(e, ['valueFrom', 'fieldRef', 'fieldPath']));
    if (value !== undefined) env.set(name, value);
    else if (field === 'metadata.namespace') env.set(name, pod.namespace);
    else if (field === 'metadata.name' && pod.kind === 'Pod') env.set(name, pod.name);
  }
  return env;
}

/** Kubernetes' `$(VAR)` expansion in command and args (`$$` escapes; unknown names stay). */
function expand(text: string, env: ReadonlyMap<string, string>): string {
  if (!text.includes('$')) return text;
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name?: string) =>
    whole === '$$' ? '$' : (env.get(name!) ?? whole),
  );
}
