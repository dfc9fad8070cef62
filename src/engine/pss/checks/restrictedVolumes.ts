import type { CheckDefinition, Finding } from '../types.ts';
import { isSet, items, own } from '../util.ts';
import { RESTRICTED_REF, finding } from './shared.ts';

const reason = 'restricted volume types';

/** Volume sources allowed under restricted (image since Kubernetes 1.33). */
export const ALLOWED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Every other volume source of the core/v1 Volume API. */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

export const restrictedVolumes: CheckDefinition = {
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'Volume types',
  description:
    'Besides forbidding hostPath, restricted only allows these volume types: ' +
    ALLOWED_VOLUME_TYPES.join(', ') +
    '. Node-level and network storage must go through a PersistentVolumeClaim.',
  reference: RESTRICTED_REF,
  reason,
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const [i, vol] of items(own(ctx.spec, 'volumes'))) {
      // The API server validates that a volume has exactly one source; as in the admission
      // check, any allowed source accepts the volume. A volume with no known source at all is
      // defaulted to emptyDir by the API server, so it is allowed too.
      if (ALLOWED_VOLUME_TYPES.some((t) => isSet(vol, t))) continue;
      const type = RESTRICTED_VOLUME_TYPES.find((t) => isSet(vol, t));
      if (type === undefined) continue;
      const name = own(vol, 'name');
      const label = typeof name === 'string' ? `volume ${JSON.stringify(name)}` : `volume #${i}`;
      out.push(
        finding(
          reason,
          `${label} uses restricted volume type "${type}" (allowed: ${ALLOWED_VOLUME_TYPES.join(', ')})`,
          ['spec', 'volumes', i, type],
        ),
      );
    }
    return out;
  },
};
