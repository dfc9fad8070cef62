// The pods the model marks as not running (`Pod.rejected`, set by model/admission.ts and
// model/placement.ts), as the result's plain data: the same decision the attack graph uses, so
// a scenario's "could this cluster run" check and the page cannot disagree with the MUT.

import { objectRef } from './manifests/document';
import { locate } from './manifests/locate';
import type { ClusterModel } from './model/types';
import type { RefusedPodView } from './result';

export function refusedPods(model: ClusterModel): RefusedPodView[] {
  const out: RefusedPodView[] = [];
  for (const pod of model.pods) {
    const r = pod.rejected;
    if (!r) continue;
    const view: RefusedPodView = {
      object: objectRef(pod.object),
      namespace: pod.namespace,
      by: r.by,
      checks: [...r.checks],
      location: locate(pod.object, pod.templatePath),
    };
    if (r.level === 'baseline' || r.level === 'restricted') view.level = r.level;
    out.push(view);
  }
  return out;
}
