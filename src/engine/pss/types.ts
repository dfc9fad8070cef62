// Public types of the Pod Security Standards (PSS) evaluator.

/** The three Pod Security Standards levels, from most permissive to most restrictive. */
export type PssLevel = 'privileged' | 'baseline' | 'restricted';

/** A path into the pod-like object that was evaluated, e.g. ['spec', 'containers', 0, 'securityContext']. */
export type JsonPath = (string | number)[];

/** One field (or missing field) that makes the pod fail one check. */
export interface PssViolation {
  /** Upstream check id, e.g. 'runAsNonRoot'. */
  check: string;
  /** The level at which the check is defined. */
  level: 'baseline' | 'restricted';
  /** Learner-facing text; it starts with the upstream admission reason (e.g. "host namespaces"). */
  message: string;
  /**
   * The most specific field responsible, relative to the object passed in. For a required field
   * that is missing, the nearest ancestor that does exist.
   */
  path: JsonPath;
}

/** Metadata of one check. */
export interface PssCheck {
  id: string;
  level: 'baseline' | 'restricted';
  title: string;
  description: string;
  /** Where the control is defined in the official standard. */
  reference: string;
}

/** A finding produced by a check function; the evaluator adds the check id and level. */
export interface Finding {
  message: string;
  path: JsonPath;
}

/** A container, init container or ephemeral container, normalised for the checks. */
export interface ContainerRef {
  /** Path of the container object, e.g. ['spec', 'initContainers', 0]. */
  path: JsonPath;
  /** Human label used in messages, e.g. 'container "web"' or 'init container "setup"'. */
  label: string;
  /** The container object (an empty object when the list entry is not an object). */
  value: Readonly<Record<string, unknown>>;
  /** The container's securityContext when it is an object. */
  securityContext: Readonly<Record<string, unknown>> | undefined;
  /** Path of the container's securityContext (whether or not it exists), shared by the checks. */
  securityContextPath: JsonPath;
}

/** What every check function receives: the pod, read defensively, with a few derived facts. */
export interface PodContext {
  /** The pod-like object as passed in (an empty object if it was not an object). */
  root: Readonly<Record<string, unknown>>;
  metadata: Readonly<Record<string, unknown>> | undefined;
  spec: Readonly<Record<string, unknown>> | undefined;
  /** spec.securityContext when it is an object. */
  podSecurityContext: Readonly<Record<string, unknown>> | undefined;
  /** initContainers, then containers, then ephemeralContainers (the upstream visiting order). */
  containers: readonly ContainerRef[];
  /** spec.os.name === 'windows': exempt from the Linux-only restricted controls. */
  isWindows: boolean;
  /** spec.hostUsers === false: the pod runs in a user namespace. */
  inUserNamespace: boolean;
}

/** A check: its metadata plus a pure function that lists the findings for a pod. */
export interface CheckDefinition extends PssCheck {
  /** Upstream admission reason; every message of this check starts with it. */
  reason: string;
  /**
   * @param version the minor version of upstream's implementation that runs (versions.ts):
   *   a check that changed between versions branches on it.
   */
  evaluate(ctx: PodContext, version: number): Finding[];
}
