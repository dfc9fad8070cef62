import type { KubeObject } from '../manifests/document';
import type { PssLevel, PssViolation } from '../pss';
import type { SourceRef } from '../manifests/locate';
import type { JsonPath } from '../types';
import type { RbacModel, SubjectKey } from '../authz/rbacModel';
import type { ControlPlaneComponent } from './staticPods';
import type { Baseline } from '../baselines';

export type { SubjectKey };

/** A fact read from the manifests, with where it is written (for markers and findings). */
export interface Setting<T> {
  value: T;
  /** Where the value is written; absent when it is a default nobody wrote. */
  at?: SourceRef;
}

export interface HostPathMount {
  volume: string;
  hostPath: string;
  readOnly: boolean;
  at: SourceRef;
}

export interface Container {
  name: string;
  /** `containers`, `initContainers` or `ephemeralContainers`, and the index there. */
  path: JsonPath;
  privileged: Setting<boolean>;
  capabilities: ReadonlyMap<string, SourceRef>;
  hostPathMounts: HostPathMount[];
  /** Secrets mounted or read into environment variables, by name. */
  secrets: ReadonlyMap<string, SourceRef>;
  ports: number[];
  /** Grounding's memo of the container's facts (see graph/facts.ts). */
  readonly facts: GroundingMemo;
}

/** A pod, or the pod template of a workload: the unit the attacker lands in. */
export interface Pod {
  /** `namespace/Kind/name` of the object that carries the pod spec. */
  id: string;
  object: KubeObject;
  namespace: string;
  name: string;
  kind: string;
  /** Path from the object to its pod template (`[]` for a Pod). */
  templatePath: JsonPath;
  labels: Map<string, string>;
  serviceAccount: string;
  automountToken: Setting<boolean>;
  hostPID: Setting<boolean>;
  hostNetwork: Setting<boolean>;
  hostIPC: Setting<boolean>;
  shareProcessNamespace: Setting<boolean>;
  containers: Container[];
  node: string;
  pssLevel: PssLevel;
  /** Checks the pod template breaks, at restricted (which includes baseline). */
  pssViolations: PssViolation[];
  /**
   * Why the API server refuses the pod (its namespace's Pod Security `enforce` level, or
   * `--allow-privileged=false`): such a pod does not run. Absent when it is admitted.
   */
  rejected?: PodRejection;
  /**
   * The control-plane component a static pod runs (its mirror pod is `name`): set only for
   * the control plane's static pods (model/staticPods.ts).
   */
  component?: ControlPlaneComponent;
  /** Grounding's memo of the pod's facts (see graph/facts.ts). */
  readonly facts: GroundingMemo;
}

/**
 * Room for the attack graph's builder to remember what it named for a pod or container. The
 * model is rebuilt per analysis, but the memo is kept per pod id (and container name), which
 * is all those facts are named by: a pod's next analysis finds them already looked up.
 */
export interface GroundingMemo {
  /** Which fact table the entries belong to (the table is rebuilt when it grows too large). */
  table: number;
  entries: unknown[];
}

/**
 * The rights the graph names as one fact: full rights (`*` on `*`) in a scope, and "may
 * create pods", which any of several requests gives (pods, or a controller's template).
 * Every other right is a request put to the authorizer (graph/authorization.ts).
 */
export type Ability = 'admin' | 'create-pods' | 'list-secrets';

export interface NamespaceInfo {
  name: string;
  labels: Map<string, string>;
  /** The Pod Security level enforced, as the admission plugin reads the label (or its default). */
  enforce: Setting<PssLevel>;
  /** `pod-security.kubernetes.io/enforce-version`: `latest` or `v1.x` (an invalid one is latest). */
  enforceVersion?: Setting<string>;
  /**
   * Whoever creates a pod here can have it privileged past Pod Security: the level is
   * `privileged`, the namespace is exempt, or a RuntimeClass is (any pod may name it).
   */
  admitsPrivileged?: Setting<boolean>;
}

/** Why the API server refuses a pod (see Pod.rejected). */
export interface PodRejection {
  /**
   * `pod-security`: the namespace's enforce level; `allow-privileged`: validation refuses it;
   * `unschedulable`: no node of the input fits it, so the scheduler leaves it Pending.
   */
  by: 'pod-security' | 'allow-privileged' | 'unschedulable';
  /** The level that refuses it (pod-security). */
  level?: PssLevel;
  /** The Pod Security checks the pod fails at that level (pod-security). */
  checks: string[];
  /** The setting that refuses it: the namespace's label, its default, or the flag. */
  at?: SourceRef;
}

/** The PodSecurity admission plugin's configuration (PodSecurityConfiguration). */
export interface PodSecurityAdmission {
  /** The plugin runs (`--disable-admission-plugins` does not name PodSecurity). */
  enabled: Setting<boolean>;
  /** The level for namespaces without an `enforce` label (`defaults.enforce`). */
  defaultEnforce: Setting<PssLevel>;
  /** The policy version for namespaces without an `enforce-version` label (`latest` if unset). */
  defaultEnforceVersion?: Setting<string>;
  exemptNamespaces: ReadonlySet<string>;
  exemptRuntimeClasses: ReadonlySet<string>;
  /** Requesting users whose pods are not checked (controllers create most pods). */
  exemptUsernames: ReadonlySet<string>;
  /** Where the exemptions are written. */
  at?: SourceRef;
}

export interface ApiServerSettings {
  anonymousAuth: Setting<boolean>;
  /**
   * The authorizer chain in order (`--authorization-mode`, or the types of an
   * AuthorizationConfiguration's `authorizers`): Node, RBAC, Webhook, AlwaysAllow, AlwaysDeny, ABAC.
   */
  authorization: Setting<{ modes: readonly string[] }>;
  /** The chain includes AlwaysAllow: every request no authorizer before it denies is allowed. */
  alwaysAllow: Setting<boolean>;
  /** The chain includes RBAC: without it, RBAC bindings grant nothing. */
  rbacEnabled: Setting<boolean>;
  /** The chain includes Node: kubelets' own requests are authorised by the Node authorizer. */
  nodeEnabled: Setting<boolean>;
  /** `--allow-privileged`: when false, validation rejects every privileged container. */
  allowPrivileged: Setting<boolean>;
  /** The PodSecurity admission plugin's defaults and exemptions. */
  podSecurity: PodSecurityAdmission;
  /** The endpoint is reachable from the Internet. */
  publicEndpoint: Setting<boolean>;
  /** A static token file: a credential kept in plain text on the control plane. */
  tokenAuthFile: Setting<string | undefined>;
  /** The unauthenticated, unauthorised port of old versions. */
  insecurePort: Setting<boolean>;
}

export interface KubeletSettings {
  anonymousAuth: Setting<boolean>;
  alwaysAllow: Setting<boolean>;
  readOnlyPort: Setting<number>;
}

export interface EtcdSettings {
  present: boolean;
  clientCertAuth: Setting<boolean>;
  /** Listens beyond loopback, so pods can reach it. */
  exposed: Setting<boolean>;
}

export interface Credential {
  id: string;
  subject: SubjectKey;
  groups: string[];
  keptAt: string;
  at?: SourceRef;
}

export interface RemoteAccess {
  name: string;
  kind: string;
  at?: SourceRef;
}

export interface Goal {
  /** `cluster-admin`, `node-root`, `secret:<ns>/<name>` or `exec:<ns>/<workload>`. */
  id: string;
  title: string;
}

export interface ThreatModelSettings {
  start: string;
  goals: Goal[];
  remoteAccess?: RemoteAccess;
  credentials: Credential[];
  /** Pods whose code has a known exploitable bug today (no mess-up needed). */
  vulnerable: Set<string>;
  cloudMetadata: boolean;
  /**
   * Every service account has a long-lived token Secret that reading its namespace's secrets
   * yields (clusters from before Kubernetes 1.24, and KubeHound's assumption).
   */
  legacyTokenSecrets: boolean;
  /**
   * Where pods without placement run when the input has no Node objects: one shared worker
   * (the default) or a worker per workload (model/placement.ts).
   */
  nodes: 'shared' | 'separate';
  costs: Map<string, number | 'forbidden'>;
  /** The control-plane profile behind every default above (src/engine/baselines/). */
  baseline: Baseline;
  object?: KubeObject;
}

export interface Service {
  object: KubeObject;
  namespace: string;
  name: string;
  type: string;
  selector: Map<string, string>;
  /** Reachable from outside the cluster (LoadBalancer, NodePort, or behind an Ingress). */
  external: Setting<boolean>;
}

export interface NetworkPeer {
  /** All pods and all addresses (an empty `from`/`to`). */
  any: boolean;
  podSelector?: unknown;
  namespaceSelector?: unknown;
  ipBlock?: { cidr: string; except: string[] };
}

export interface NetworkPolicy {
  object: KubeObject;
  id: string;
  namespace: string;
  podSelector: unknown;
  ingress?: NetworkPeer[][];
  egress?: NetworkPeer[][];
}

/**
 * A credential a Secret holds (model/secrets.ts): whose power it is when the manifests say
 * (a service account, a bootstrap token's user and groups, the Secrets of a Helm release),
 * or a credential of unknown power (`what` names it for a sentence).
 */
export type SecretCredential =
  | { kind: 'service-account-token'; serviceAccount: string }
  | { kind: 'bootstrap-token'; user: string; groups: string[] }
  | { kind: 'helm-release'; release: string; contains: string[] }
  | { kind: 'unknown-holder'; what: string };

export interface ClusterModel {
  objects: KubeObject[];
  namespaces: Map<string, NamespaceInfo>;
  pods: Pod[];
  serviceAccounts: Map<string, { object?: KubeObject; automount?: Setting<boolean> }>;
  /**
   * Secrets by `ns/name`; `serviceAccount` is set for service-account-token secrets, and
   * `credential` for every secret whose type or keys show a credential.
   */
  secrets: Map<
    string,
    { object: KubeObject; serviceAccount?: string; credential?: SecretCredential }
  >;
  /** Roles, bindings and the authorizer's index over them (src/engine/authz/). */
  rbac: RbacModel;
  /** Every subject a binding, credential or pod names (mess-ups may over-grant them). */
  subjects: Set<SubjectKey>;
  services: Service[];
  networkPolicies: NetworkPolicy[];
  apiServer: ApiServerSettings;
  kubelet: KubeletSettings;
  etcd: EtcdSettings;
  nodes: string[];
  controlPlaneNode: string;
  threat: ThreatModelSettings;
}
