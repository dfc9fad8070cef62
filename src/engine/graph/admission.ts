import type { ClusterModel, Pod } from '../model/types';
import { named, type Fact } from './facts';

// A pod the API server refuses (model/admission.ts) does not run: nothing that names one of
// its facts (code execution in it, its network port, its privileged container...) holds
// until the pod is admitted. One condition per refused pod, false today, and every rule
// naming the pod's facts requires it; a mess-up that brings the pod back makes it true.

/** `c:admitted:<pod id>`: the API server admits the pod, so it runs. */
export function admitted(pod: Pod): Fact {
  return named(`c:admitted:${pod.id}`);
}

/**
 * The admission condition of each refused pod, by pod id, for the guard techniques' rules go
 * through (GraphBuilder.build adds to each rule the condition of every refused pod whose facts
 * it names). Undefined when every pod is admitted, so a cluster without refused pods pays
 * nothing. `declare` records each condition (false today).
 */
export function admissionGuard(
  model: ClusterModel,
  declare: (condition: Fact) => void,
): AdmissionGuard | undefined {
  let refused: Map<string, Fact> | undefined;
  for (const pod of model.pods) {
    if (!pod.rejected) continue;
    const condition = admitted(pod);
    declare(condition);
    (refused ??= new Map()).set(pod.id, condition);
  }
  return refused;
}

/** Refused pods' admission conditions, by pod id. */
export type AdmissionGuard = ReadonlyMap<string, Fact>;
