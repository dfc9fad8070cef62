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
 * The guard techniques' rules go through: it adds the admission condition of every refused
 * pod whose facts the rule names. Undefined when every pod is admitted, so a cluster without
 * refused pods pays nothing. `declare` records each condition (false today).
 */
let runs = 0;

export function admissionGuard(
  model: ClusterModel,
  declare: (condition: Fact) => void,
): ((body: readonly Fact[], head: Fact) => readonly Fact[]) | undefined {
  let refused: Map<string, Fact> | undefined;
  for (const pod of model.pods) {
    if (!pod.rejected) continue;
    const condition = admitted(pod);
    declare(condition);
    (refused ??= new Map()).set(pod.id, condition);
  }
  if (!refused) return undefined;
  const byPod = refused;
  // Which refused pod a fact belongs to (null: none), worked out once per fact and guard run
  // and kept on the fact: a map of every fact named was most of a large cluster's grounding.
  const run = ++runs;
  const admissionOf = (f: Fact): Fact | null => {
    if (f.guardRun !== run) {
      f.guardRun = run;
      f.guardOwner = byPod.get((f.guardPodId ??= podIdOf(f.key))) ?? null;
    }
    return f.guardOwner;
  };
  // Called for every technique rule: no closure or array is made unless the rule needs one.
  return (body, head) => {
    let extra: Fact[] | undefined;
    const a = admissionOf(head);
    if (a) extra = [a];
    for (let i = 0; i < body.length; i++) {
      const b = admissionOf(body[i]!);
      if (b && !extra?.includes(b)) (extra ??= []).push(b);
    }
    return extra ? body.concat(extra) : body;
  };
}

/**
 * The pod id a fact's key ends with (`exec:<pod id>#<container>`, `c:host-pid:<pod id>`...):
 * pod ids (`ns/Kind/name`) hold no colon, so it is what follows the last one, up to a `#`.
 * For any other fact this is a string no pod id equals.
 */
function podIdOf(key: string): string {
  const tail = key.slice(key.lastIndexOf(':') + 1);
  const hash = tail.indexOf('#');
  return hash === -1 ? tail : tail.slice(0, hash);
}
