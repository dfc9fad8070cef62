import { arr, get, getIn, isObj, str } from '../manifests/access';
import type { SourceRef } from '../manifests/locate';
import type { Container, Pod } from './types';

// Projected volumes (`volumes[].projected.sources`), read on demand for the techniques that
// need them rather than kept on every container of the model.

export interface ProjectedMounts {
  /** Mounts of a volume with a `serviceAccountToken` source: the pod's service account token. */
  tokens: SourceRef[];
  /** Secrets a `secret` source projects, by name, with the mount that exposes them. */
  secrets: Map<string, SourceRef>;
}

const empty: ProjectedMounts = Object.freeze({ tokens: [], secrets: new Map() });

/**
 * What the projected volumes a container mounts expose. The kubelet requests the token
 * (TokenRequest for the pod's service account) whatever `automountServiceAccountToken` says:
 * that field only decides whether the ServiceAccount admission plugin adds its own volume
 * (plugin/pkg/admission/serviceaccount/admission.go; pkg/volume/projected/projected.go).
 */
export function projectedMounts(pod: Pod, container: Container): ProjectedMounts {
  const spec = getIn(pod.object.raw, [...pod.templatePath, 'spec']);
  const volumes = arr(get(spec, 'volumes'));
  if (volumes.length === 0) return empty;
  const byName = new Map<string, readonly unknown[]>();
  for (const v of volumes) {
    const name = str(get(v, 'name'));
    const sources = arr(getIn(v, ['projected', 'sources']));
    if (name && sources.length > 0) byName.set(name, sources);
  }
  if (byName.size === 0) return empty;
  const out: ProjectedMounts = { tokens: [], secrets: new Map() };
  const c = getIn(spec, container.path);
  arr(get(c, 'volumeMounts')).forEach((m, i) => {
    const sources = byName.get(str(get(m, 'name')) ?? '');
    if (!sources) return;
    const at: SourceRef = {
      object: pod.object,
      path: [...pod.templatePath, 'spec', ...container.path, 'volumeMounts', i],
    };
    for (const s of sources) {
      if (isObj(get(s, 'serviceAccountToken'))) out.tokens.push(at);
      const secret = str(getIn(s, ['secret', 'name']));
      if (secret) out.secrets.set(secret, at);
    }
  });
  return out;
}
