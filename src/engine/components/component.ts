// The component catalogue: well-known software that, installed in a cluster, acts for whoever
// calls it with rights of its own (its service account, or code execution in its container).
// One file per component, plain data: a new component needs no code. The generic technique
// `component-acts-for-caller` grounds every entry the manifests match.

/**
 * Versions of a component, as semantic versions read from the image tag: `from` included,
 * `before` excluded; either may be left out.
 */
export interface VersionRange {
  from?: string;
  before?: string;
}

/** A setting's value by version: the first entry whose range holds the image's version. */
export interface VersionedValue extends VersionRange {
  value: string;
}

/**
 * A setting the behaviour depends on: a command-line flag of the component's container, or a
 * key of the ConfigMap its `configMapFlag` names. `value` is what it reads when the setting is
 * absent: one value, or one per version range. Boolean settings are read as Go's
 * `strconv.ParseBool` reads them and compared as `true` / `false`.
 */
export interface SettingTest {
  flag?: string;
  config?: string;
  boolean?: boolean;
  /** A flag that may be given more than once (`--auth-mode`): any occurrence may pass. */
  repeated?: boolean;
  /** The behaviour holds when the value is one of these... */
  oneOf?: readonly string[];
  /** ...or is none of these. */
  noneOf?: readonly string[];
  default: string | readonly VersionedValue[];
}

/**
 * Who can make the component act: an API request (`create ingresses`) on any of `resources`,
 * in the namespaces the component watches (`watched`: all, unless its `watchNamespaceFlag`
 * names some), in every namespace (`all`) or in its own; or a network connection to its pod,
 * from anywhere that reaches it (`anywhere`: the Internet through a Service or Ingress, or
 * another pod) or only from other pods (`pods`: a port no Service exposes outside, such as an
 * admission webhook's).
 */
export type Trigger =
  | {
      kind: 'request';
      verbs: readonly string[];
      resources: readonly string[];
      group: string;
      namespaces: 'watched' | 'all' | 'own';
    }
  | { kind: 'network'; from: 'anywhere' | 'pods' };

/** One way the component acts for its caller. */
export interface Behaviour {
  /** Unique within the component. */
  id: string;
  title: string;
  /** What happens, for a learner: who may do what, and what they get. */
  description: string;
  /** `cve:CVE-2021-25742`, `ghsa:GHSA-...`, or the address of an advisory, issue or doc page. */
  references: readonly string[];
  /** The releases that behave so; every release when absent. */
  versions?: readonly VersionRange[];
  /** Settings that must all hold. */
  when?: readonly SettingTest[];
  trigger: Trigger;
  /**
   * `code-execution`: the caller runs code in the component's container (its token, its
   * mounts, its network follow from the other techniques); `service-account`: the component
   * makes API requests for the caller with its own service account; `pod-creation`: the
   * component creates pods of the caller's choosing in the namespace of the request (any image,
   * any service account of that namespace, privileged where Pod Security Admission allows), as
   * if the caller could create pods there.
   */
  yields: 'code-execution' | 'service-account' | 'pod-creation';
}

export interface Component {
  /** The file name. */
  id: string;
  name: string;
  description: string;
  references: readonly string[];
  /**
   * How a container is recognised: its image repository ends with one of `images` (whole path
   * segments, the registry left out: `ingress-nginx/controller`), and, when given, its command
   * line (`command` then `args`) starts with the words of `command` (a program by its file
   * name, so `/usr/local/bin/kubectl` is `kubectl`). At least one of the two is given.
   */
  match: {
    images?: readonly string[];
    command?: readonly string[];
  };
  /** The program's name on its command line: flags are read after it (or from the start). */
  binary?: string;
  /** Flags that take no value (`--enable-skip-login` alone means true), as pflag reads them. */
  booleanFlags?: readonly string[];
  /** The flag naming the component's ConfigMap as `<namespace>/<name>`. */
  configMapFlag?: string;
  /** The flag naming the namespaces it watches (comma-separated); absent: all of them. */
  watchNamespaceFlag?: string;
  behaviours: readonly Behaviour[];
}
