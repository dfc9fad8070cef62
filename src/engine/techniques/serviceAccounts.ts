import type { ClusterModel } from '../model/types';

/** A service account of the model, by its namespace and name. */
export interface AccountName {
  readonly namespace: string;
  /** Everything after the namespace's `/`. */
  readonly name: string;
  /**
   * The name up to a further `/`, as `key.split('/')` reads it: the same but for a name that
   * holds a `/` (which Kubernetes refuses), for the techniques that have always read it so.
   */
  readonly firstPart: string;
}

const cut = new WeakMap<ClusterModel['serviceAccounts'], readonly AccountName[]>();

/**
 * The model's service accounts, in its order, cut into namespace and name once per model:
 * several techniques ask, and on a large cluster cutting every key in each of them was most
 * of their work. Each namespace is one string, the model's own where it knows the namespace:
 * a string cut anew is hashed and compared character by character by every map it is
 * looked up in (the techniques' per-namespace memos, the facts by name).
 */
export function serviceAccountNames(model: ClusterModel): readonly AccountName[] {
  let names = cut.get(model.serviceAccounts);
  if (names) return names;
  const canonical = new Map<string, string>();
  for (const ns of model.namespaces.keys()) canonical.set(ns, ns);
  const out: AccountName[] = [];
  for (const key of model.serviceAccounts.keys()) {
    const slash = key.indexOf('/');
    const read = key.slice(0, slash);
    let namespace = canonical.get(read);
    if (namespace === undefined) canonical.set(read, (namespace = read));
    const name = key.slice(slash + 1);
    const further = name.indexOf('/');
    out.push({ namespace, name, firstPart: further === -1 ? name : name.slice(0, further) });
  }
  cut.set(model.serviceAccounts, (names = out));
  return names;
}
