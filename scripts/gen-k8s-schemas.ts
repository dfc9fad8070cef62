/**
 * Generates the editor's combined JSON schema, src/ui/editor/schemas/kubernetes.schema.json:
 *
 *   npm run gen:schemas        # = tsx scripts/gen-k8s-schemas.ts
 *
 * The Kubernetes kinds come from `kubernetes-types` (the maintained TypeScript definitions,
 * API docs as comments) through `ts-json-schema-generator` (skipTypeCheck, i.e. the CLI's
 * `--no-type-check`); nothing of them is written by hand. Only the control-plane formats
 * below (kubeadm, kubelet, apiserver, eksctl, Config Connector) are hand-written, because no
 * maintained source ships them as JSON Schema; they stay permissive. The ThreatModel schema
 * is read from src/engine/model/threatModel.schema.json.
 *
 * The output dispatches on `kind` (+ the API group of `apiVersion`) with `if`/`then`, so each
 * document of a multi-document YAML file is validated by its own kind, and a kind it does not
 * know is not an error. The output is committed; rerun this after upgrading
 * `kubernetes-types` and commit the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createGenerator } from 'ts-json-schema-generator';
import { messUpTemplates } from '../src/engine/messups/index.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const root = fileURLToPath(new URL('..', import.meta.url));
const typesDir = join(root, 'node_modules', 'kubernetes-types');
const threatModelPath = join(root, 'src', 'engine', 'model', 'threatModel.schema.json');
const outPath = join(root, 'src', 'ui', 'editor', 'schemas', 'kubernetes.schema.json');

/** The kinds the engine models, by the `kubernetes-types` file that declares them. */
const kinds: Record<string, string[]> = {
  'core/v1': ['Namespace', 'Pod', 'ServiceAccount', 'Secret', 'Service', 'Node'],
  'apps/v1': ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'],
  'batch/v1': ['Job', 'CronJob'],
  'rbac/v1': ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  'networking/v1': ['Ingress', 'NetworkPolicy'],
};

const isSchema = (value: Json | undefined): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function generate(): { definitions: Record<string, Schema>; apiVersions: Record<string, string> } {
  const generator = createGenerator({
    path: join(typesDir, `{${Object.keys(kinds).join(',')}}.d.ts`),
    type: Object.values(kinds).flat(),
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
  });
  const schema = generator.createSchema() as unknown as Schema;
  const definitions = schema.definitions as Record<string, Schema>;
  const apiVersions: Record<string, string> = {};
  for (const kind of Object.values(kinds).flat()) {
    const definition = definitions[kind];
    const properties = definition?.properties;
    if (!isSchema(properties)) throw new Error(`no definition generated for ${kind}`);
    const apiVersion = isSchema(properties.apiVersion) ? properties.apiVersion.const : undefined;
    if (typeof apiVersion !== 'string') throw new Error(`${kind}: no apiVersion const`);
    apiVersions[kind] = apiVersion;
  }
  // Status is written by the cluster, never by the author of a manifest: keep the field (as
  // `kubectl create --dry-run -o yaml` prints `status: {}`) but not its large subtree.
  for (const definition of Object.values(definitions)) {
    const status = isSchema(definition.properties) ? definition.properties.status : undefined;
    if (isSchema(status) && typeof status.$ref === 'string' && status.$ref.endsWith('Status')) {
      definition.properties = {
        ...(definition.properties as Schema),
        status: {
          type: 'object',
          description: status.description ?? 'Status, written by the cluster.',
        },
      };
    }
  }
  return { definitions, apiVersions };
}

/** Fixes where the TypeScript types are narrower than what the API server accepts. */
function patch(definitions: Record<string, Schema>): void {
  // `Quantity` is `string` in kubernetes-types, but `cpu: 1` or `storage: 1e9` are valid YAML.
  const quantity = definitions.Quantity;
  if (!quantity || quantity.type !== 'string') throw new Error('Quantity definition not found');
  quantity.type = ['string', 'number'];
  // `kubectl create --dry-run -o yaml` prints `creationTimestamp: null`.
  const time = definitions.Time;
  if (!time || time.type !== 'string') throw new Error('Time definition not found');
  time.type = ['string', 'null'];
  // Empty interfaces (FieldsV1, RawExtension) hold arbitrary JSON: do not forbid their fields.
  for (const definition of Object.values(definitions)) {
    const { properties } = definition;
    if (
      definition.additionalProperties === false &&
      (!isSchema(properties) || Object.keys(properties).length === 0)
    ) {
      delete definition.additionalProperties;
    }
  }
}

/** Drops the definitions nothing reaches any more (the status subtrees). */
function prune(definitions: Record<string, Schema>, roots: string[]): Record<string, Schema> {
  const reached = new Set<string>();
  const visit = (node: Json | undefined): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isSchema(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
          const name = decodeURIComponent(value.slice('#/definitions/'.length));
          if (!reached.has(name)) {
            reached.add(name);
            visit(definitions[name]);
          }
        } else visit(value);
      }
    }
  };
  for (const name of roots) {
    reached.add(name);
    visit(definitions[name]);
  }
  return Object.fromEntries(
    Object.keys(definitions)
      .filter((name) => reached.has(name))
      .sort()
      .map((name) => [name, definitions[name]!]),
  );
}

const str = (description: string): Schema => ({ type: 'string', description });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const open = (description: string, properties: Record<string, Schema>): Schema => ({
  type: 'object',
  description,
  properties,
  additionalProperties: true,
});
const header = (group: string, example: string, kind: string, description: string): Schema => ({
  apiVersion: {
    type: 'string',
    pattern: `^${group.replaceAll('.', '\\.')}/`,
    description: `${description} API version, e.g. ${example}.`,
    examples: [example],
  },
  kind: { const: kind },
  metadata: {
    type: 'object',
    description: 'Object metadata (name, labels, ...).',
    additionalProperties: true,
  },
});

/**
 * Hand-written, permissive schemas of the control-plane formats the engine reads
 * (src/engine/model/controlPlane.ts): the fields it reads are typed, anything else is allowed.
 */
function controlPlane(): Record<string, { group: string; schema: Schema }> {
  const extraArgs: Schema = {
    description:
      'Extra flags for kube-apiserver: a map of flag name to value (kubeadm v1beta3) or a list of {name, value} (v1beta4).',
    anyOf: [
      { type: 'object', additionalProperties: { type: 'string' } },
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: str('Flag name without leading dashes, e.g. anonymous-auth.'),
            value: str('Flag value.'),
          },
          required: ['name'],
          additionalProperties: true,
        },
      },
    ],
  };
  return {
    ClusterConfiguration: {
      group: 'kubeadm.k8s.io',
      schema: {
        type: 'object',
        description:
          'kubeadm ClusterConfiguration: cluster-wide settings of a kubeadm-built control plane.',
        properties: {
          ...header('kubeadm.k8s.io', 'kubeadm.k8s.io/v1beta4', 'ClusterConfiguration', 'kubeadm'),
          apiServer: open('Settings of the kube-apiserver static pod.', { extraArgs }),
        },
        additionalProperties: true,
      },
    },
    KubeletConfiguration: {
      group: 'kubelet.config.k8s.io',
      schema: {
        type: 'object',
        description: "KubeletConfiguration: the config file of a node's kubelet (--config).",
        properties: {
          ...header(
            'kubelet.config.k8s.io',
            'kubelet.config.k8s.io/v1beta1',
            'KubeletConfiguration',
            'Kubelet config',
          ),
          authentication: open('How requests to the kubelet API are authenticated.', {
            anonymous: open('Anonymous requests to the kubelet API.', {
              enabled: bool('Allow anonymous requests (user system:anonymous) to the kubelet API.'),
            }),
          }),
          authorization: open('How requests to the kubelet API are authorized.', {
            mode: {
              type: 'string',
              enum: ['Webhook', 'AlwaysAllow'],
              description:
                'Webhook asks the API server (SubjectAccessReview); AlwaysAllow authorizes every request.',
            },
          }),
          readOnlyPort: {
            type: 'integer',
            minimum: 0,
            maximum: 65535,
            description: 'Port of the unauthenticated read-only kubelet API; 0 disables it.',
          },
        },
        additionalProperties: true,
      },
    },
    AuthenticationConfiguration: {
      group: 'apiserver.config.k8s.io',
      schema: {
        type: 'object',
        description:
          'AuthenticationConfiguration: the kube-apiserver --authentication-config file.',
        properties: {
          ...header(
            'apiserver.config.k8s.io',
            'apiserver.config.k8s.io/v1beta1',
            'AuthenticationConfiguration',
            'apiserver config',
          ),
          anonymous: open('Anonymous authentication.', {
            enabled: bool('Allow anonymous requests (user system:anonymous).'),
            conditions: {
              type: 'array',
              description: 'When set, anonymous requests are allowed only to these paths.',
              items: open('A path anonymous requests may reach.', {
                path: str('Request path, e.g. /livez.'),
              }),
            },
          }),
        },
        additionalProperties: true,
      },
    },
    ClusterConfig: {
      group: 'eksctl.io',
      schema: {
        type: 'object',
        description: 'eksctl ClusterConfig: an EKS cluster as eksctl creates it.',
        properties: {
          ...header('eksctl.io', 'eksctl.io/v1alpha5', 'ClusterConfig', 'eksctl'),
          vpc: open('The cluster VPC.', {
            clusterEndpoints: open('Access to the EKS API endpoint.', {
              publicAccess: bool('The API endpoint is reachable from the Internet.'),
              privateAccess: bool('The API endpoint is reachable from inside the VPC.'),
            }),
            publicAccessCIDRs: {
              type: 'array',
              items: { type: 'string' },
              description:
                'CIDR blocks allowed to reach the public API endpoint (default 0.0.0.0/0).',
            },
          }),
        },
        additionalProperties: true,
      },
    },
    ContainerCluster: {
      group: 'container.cnrm.cloud.google.com',
      schema: {
        type: 'object',
        description: 'GKE Config Connector ContainerCluster: a GKE cluster.',
        properties: {
          ...header(
            'container.cnrm.cloud.google.com',
            'container.cnrm.cloud.google.com/v1beta1',
            'ContainerCluster',
            'Config Connector',
          ),
          spec: open('The desired GKE cluster.', {
            privateClusterConfig: open('Private cluster settings.', {
              enablePrivateEndpoint: bool('The control plane has only a private endpoint.'),
            }),
            masterAuthorizedNetworksConfig: open(
              'Networks allowed to reach the control plane endpoint.',
              {
                cidrBlocks: {
                  type: 'array',
                  description: 'Authorized networks.',
                  items: open('An authorized network.', {
                    cidrBlock: str('CIDR block, e.g. 203.0.113.0/24.'),
                    displayName: str('Name of the network.'),
                  }),
                },
              },
            ),
          }),
        },
        additionalProperties: true,
      },
    },
  };
}

/** `if` this document is of `kind` in API `group` (or has no apiVersion), `then` check it. */
function branch(kind: string, group: string | undefined): Schema {
  const pattern = group ? `^${group.replaceAll('.', '\\.')}/` : '^[^/]*$';
  return {
    if: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { const: kind }, apiVersion: { type: 'string', pattern } },
    },
    then: { $ref: `#/definitions/${kind}` },
  };
}

/**
 * In the editor, a `costs` key naming no mess-up template is marked as you type. The engine's
 * own schema leaves keys open and warns instead (src/engine/model/threatModel.ts): a cost on
 * nothing changes no number, so it is no reason to stop an analysis.
 */
function editorOnlyCostNames(threatModel: Schema): void {
  const spec = (threatModel.properties as Record<string, Schema>).spec as Schema;
  const costs = (spec.properties as Record<string, Schema>).costs as Schema;
  const ids = messUpTemplates.map((t) => t.id);
  costs.propertyNames = {
    pattern: `^(${ids.join('|')})(:.+)?$`,
    description: `A mess-up template id (${ids.join(', ')}) or a mess-up id <template>:<target> (mut techniques lists them).`,
  };
}

function main(): void {
  const started = Date.now();
  const { definitions: generated, apiVersions } = generate();
  patch(generated);

  const extra = controlPlane();
  const threatModel = JSON.parse(readFileSync(threatModelPath, 'utf8')) as Schema;
  delete threatModel.$schema;
  delete threatModel.$id;
  editorOnlyCostNames(threatModel);

  const groups: Record<string, string | undefined> = {};
  for (const [kind, apiVersion] of Object.entries(apiVersions)) {
    groups[kind] = apiVersion.includes('/') ? apiVersion.split('/')[0] : undefined;
  }
  for (const [kind, { group }] of Object.entries(extra)) groups[kind] = group;
  groups.ThreatModel = 'mutlab.dev';
  groups.List = undefined;

  const allKinds = Object.keys(groups);
  const definitions: Record<string, Schema> = {
    ...prune(generated, Object.keys(apiVersions)),
    ...Object.fromEntries(Object.entries(extra).map(([kind, { schema }]) => [kind, schema])),
    ThreatModel: threatModel,
    List: {
      type: 'object',
      description:
        'A list of objects, as `kubectl get -o yaml` prints several. Each item is checked by its kind.',
      properties: {
        apiVersion: { const: 'v1', description: 'APIVersion of a List: v1.' },
        kind: { const: 'List' },
        metadata: { $ref: '#/definitions/ListMeta', description: 'Standard list metadata.' },
        items: {
          type: 'array',
          items: { $ref: '#/definitions/KubernetesObject' },
          description: 'The objects.',
        },
      },
      required: ['items'],
      additionalProperties: false,
    },
    KubernetesObject: {
      description:
        'Any Kubernetes object: those MUT Lab models are checked by their kind; others are accepted as they are.',
      allOf: allKinds.map((kind) => branch(kind, groups[kind])),
    },
  };
  if (!definitions.ListMeta) definitions.ListMeta = generated.ListMeta!;

  const apiVersionExamples = [
    ...new Set([
      ...Object.values(apiVersions),
      'kubeadm.k8s.io/v1beta4',
      'kubelet.config.k8s.io/v1beta1',
      'apiserver.config.k8s.io/v1beta1',
      'eksctl.io/v1alpha5',
      'container.cnrm.cloud.google.com/v1beta1',
      'mutlab.dev/v1alpha1',
    ]),
  ].sort();
  const schema: Schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated by scripts/gen-k8s-schemas.ts (npm run gen:schemas) from kubernetes-types ${typesVersion()}; do not edit.`,
    title: 'Kubernetes manifests (MUT Lab)',
    properties: {
      apiVersion: {
        type: 'string',
        description: 'APIVersion defines the versioned schema of this representation of an object.',
        examples: apiVersionExamples,
      },
      kind: {
        type: 'string',
        description:
          'The kind of object. Kinds MUT Lab does not model are accepted and reported as not modelled.',
        examples: allKinds.filter((k) => k !== 'KubernetesObject').sort(),
      },
    },
    allOf: definitions.KubernetesObject!.allOf!,
    definitions,
  };

  const text = `${JSON.stringify(schema, null, 2)}\n`;
  writeFileSync(outPath, text);
  const minified = Buffer.from(JSON.stringify(schema));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${relative(root, outPath)}: ${Object.keys(definitions).length} definitions, ${kb(Buffer.byteLength(text))} (${kb(gzipSync(text).length)} gzip); minified ${kb(minified.length)} (${kb(gzipSync(minified).length)} gzip); ${Date.now() - started} ms`,
  );
}

function typesVersion(): string {
  const pkg = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

main();
