import { get, getIn, isObj, str, stringMap } from '../manifests/access';
import type { KubeObject } from '../manifests/document';
import { apiServerBooleans, findComponent } from './controlPlane';
import { parseGoBool } from './flags';
import type { ClusterModel, SecretCredential } from './types';

// What a Secret gives whoever reads it, when its type or keys show a credential (issue #21,
// item 3). Where the manifests say whose power it is, the holder is named; where they cannot
// (a cloud key, a registry login, an Argo CD cluster credential), the credential is of
// unknown power, and assuming it powerful is a mess-up (messups/powerful-credential-kept.ts).

const bootstrapTokenType = 'bootstrap.kubernetes.io/token';
// k8s.io/cluster-bootstrap/token/api (types.go): the secret's name, the user's prefix, the
// default group and the pattern every extra group must match.
const bootstrapNamePattern = /^bootstrap-token-([a-z0-9]{6})$/;
const bootstrapGroupPattern = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;
// RFC 3339 as Go's time.Parse(time.RFC3339, ...) accepts it (fraction optional, zone Z or ±hh:mm).
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Data keys that hold a credential of unknown power, by their well-known names. */
const credentialKeys: readonly { keys: readonly string[]; what: string }[] = [
  {
    keys: ['awssecretaccesskey', 'secretaccesskey', 'awscredentials'],
    what: 'an AWS access key',
  },
  {
    keys: [
      'googleapplicationcredentials',
      'gcpcredentials',
      'gcpcredentialsjson',
      'serviceaccountjson',
      'keyjson',
      'credentialsjson',
    ],
    what: 'a Google Cloud service-account key',
  },
  {
    keys: ['azureclientsecret', 'azurejson', 'aadclientsecret'],
    what: 'an Azure client secret',
  },
  { keys: ['kubeconfig', 'adminconf', 'kubeconfigyaml'], what: 'a kubeconfig' },
];

/** Lower case without `-`, `_` and `.`: `AWS_SECRET_ACCESS_KEY` and `aws-secret-access-key` alike. */
const normalise = (key: string) => key.toLowerCase().replace(/[-_.]/g, '');

const byKey = new Map<string, string>();
for (const { keys, what } of credentialKeys) for (const k of keys) byKey.set(k, what);

/** A value of the Secret: `stringData` as written, else `data` decoded from base64. */
function value(o: KubeObject, key: string): string | undefined {
  const plain = str(getIn(o.raw, ['stringData', key]));
  if (plain !== undefined) return plain;
  const encoded = str(getIn(o.raw, ['data', key]));
  return encoded === undefined ? undefined : decodeBase64(encoded);
}

/** Base64 as the API server stores `data` (standard alphabet); undefined when it is not. */
function decodeBase64(text: string): string | undefined {
  const atob = (globalThis as { atob?: (s: string) => string }).atob;
  if (!atob) return undefined;
  try {
    return atob(text.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
}

function dataKeys(o: KubeObject): string[] {
  const keys: string[] = [];
  for (const field of ['data', 'stringData']) {
    const d = get(o.raw, field);
    // One at a time: a spread of 200,000 keys overflows the call stack.
    if (isObj(d)) for (const key of Object.keys(d)) keys.push(key);
  }
  return keys;
}

/**
 * The bootstrap token authenticator: `--enable-bootstrap-token-auth` (false by default), which
 * kubeadm writes as true; without a kube-apiserver command line in the input, kubeadm's.
 */
function bootstrapTokenAuth(objects: readonly KubeObject[]): boolean {
  const apiServer = findComponent(objects, 'kube-apiserver', apiServerBooleans);
  if (!apiServer) return true;
  const all = apiServer.line.flags.get('enable-bootstrap-token-auth');
  const last = all?.[all.length - 1];
  return last ? parseGoBool(last.value) === true : false;
}

/**
 * A bootstrap token Secret as the API server's authenticator reads it
 * (plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, cluster-bootstrap's
 * util/secrets GetGroups): in kube-system, named `bootstrap-token-<id>` with that `token-id`,
 * marked `usage-bootstrap-authentication: "true"`, with an expiry that parses and extra
 * groups that all match the pattern. Its user is `system:bootstrap:<id>`, in
 * `system:bootstrappers` and the extra groups. An expiry in the past is not checked: the
 * analysis has no clock, and the token cleaner deletes expired tokens.
 */
function bootstrapToken(o: KubeObject): SecretCredential | undefined {
  if (o.namespace !== 'kube-system') return undefined;
  const id = bootstrapNamePattern.exec(o.name)?.[1];
  if (!id || value(o, 'token-id') !== id) return undefined;
  if (value(o, 'usage-bootstrap-authentication') !== 'true') return undefined;
  const expiration = value(o, 'expiration');
  if (expiration && !rfc3339.test(expiration)) return undefined;
  const groups = new Set(['system:bootstrappers']);
  const extra = value(o, 'auth-extra-groups');
  if (extra)
    for (const g of extra.split(',')) {
      if (!bootstrapGroupPattern.test(g)) return undefined;
      groups.add(g);
    }
  return { kind: 'bootstrap-token', user: `system:bootstrap:${id}`, groups: [...groups].sort() };
}

/** What the Secret's type, labels or keys say it holds; undefined when nothing a credential. */
function credentialOf(o: KubeObject, bootstrapAuth: boolean): SecretCredential | undefined {
  const type = str(get(o.raw, 'type'));
  if (type === 'kubernetes.io/service-account-token') {
    const name = str(
      getIn(o.raw, ['metadata', 'annotations', 'kubernetes.io/service-account.name']),
    );
    return name ? { kind: 'service-account-token', serviceAccount: name } : undefined;
  }
  if (type === bootstrapTokenType) return bootstrapAuth ? bootstrapToken(o) : undefined;
  const labels = stringMap(getIn(o.raw, ['metadata', 'labels']));
  if (type === 'helm.sh/release.v1') {
    // pkg/storage/driver/secrets.go (newSecretsObject): labels owner=helm and name=<release>.
    const release = labels.get('name');
    return release ? { kind: 'helm-release', release, contains: [] } : undefined;
  }
  if (type === 'kubernetes.io/dockerconfigjson' || type === 'kubernetes.io/dockercfg')
    return { kind: 'unknown-holder', what: 'a container registry login' };
  if (labels.get('argocd.argoproj.io/secret-type') === 'cluster')
    return { kind: 'unknown-holder', what: 'an Argo CD cluster credential' };
  for (const key of dataKeys(o)) {
    const what = byKey.get(normalise(key));
    if (what) return { kind: 'unknown-holder', what };
  }
  return undefined;
}

/**
 * The Secrets of the input by `ns/name`, with the credential each holds. A Helm release
 * Secret holds the release's rendered manifests, so every Secret that Helm annotates as
 * part of that release (`meta.helm.sh/release-name` and `-namespace`, helm's
 * pkg/action/validate.go) is read with it.
 */
export function readSecrets(objects: readonly KubeObject[]): ClusterModel['secrets'] {
  const secrets: ClusterModel['secrets'] = new Map();
  const bootstrapAuth = objects.some(
    (o) => o.kind === 'Secret' && str(get(o.raw, 'type')) === bootstrapTokenType,
  )
    ? bootstrapTokenAuth(objects)
    : false;
  const releases = new Map<string, string[]>();
  for (const o of objects) {
    if (o.kind !== 'Secret') continue;
    const key = `${o.namespace ?? 'default'}/${o.name}`;
    const credential = credentialOf(o, bootstrapAuth);
    secrets.set(key, {
      object: o,
      serviceAccount:
        credential?.kind === 'service-account-token' ? credential.serviceAccount : undefined,
      credential,
    });
    const annotations = stringMap(getIn(o.raw, ['metadata', 'annotations']));
    const release = annotations.get('meta.helm.sh/release-name');
    if (release) {
      const at = `${annotations.get('meta.helm.sh/release-namespace') ?? o.namespace ?? 'default'}/${release}`;
      const list = releases.get(at);
      if (list) list.push(key);
      else releases.set(at, [key]);
    }
  }
  if (releases.size > 0)
    for (const [key, s] of secrets) {
      const c = s.credential;
      if (c?.kind !== 'helm-release') continue;
      const ns = key.slice(0, key.indexOf('/'));
      c.contains = releases.get(`${ns}/${c.release}`) ?? [];
    }
  return secrets;
}

/**
 * The namespaces where a powerful credential may be kept without the input showing it:
 * every namespace of the model, and kube-system, which every cluster has and where
 * controllers and installers keep theirs.
 */
export function credentialNamespaces(model: ClusterModel): string[] {
  const names = new Set(model.namespaces.keys());
  names.add('kube-system');
  return [...names].sort();
}
