import { arr, get, isObj, str, stringMap, strings } from '../manifests/access';

/**
 * Kubernetes label-selector semantics: `matchLabels` and `matchExpressions` all hold.
 * An empty selector matches everything; a missing one (undefined) matches nothing
 * where the API says so, which callers decide.
 */
export function matchesSelector(selector: unknown, labels: Map<string, string>): boolean {
  if (!isObj(selector)) return false;
  for (const [key, value] of stringMap(get(selector, 'matchLabels'))) {
    if (labels.get(key) !== value) return false;
  }
  for (const expr of arr(get(selector, 'matchExpressions'))) {
    const key = str(get(expr, 'key')) ?? '';
    const values = strings(get(expr, 'values'));
    const has = labels.has(key);
    switch (str(get(expr, 'operator'))) {
      case 'In':
        if (!has || !values.includes(labels.get(key) ?? '')) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels.get(key) ?? '')) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service's plain `selector` map: every pair must match, and an empty one selects nothing. */
export function matchesServiceSelector(
  selector: Map<string, string>,
  labels: Map<string, string>,
): boolean {
  if (selector.size === 0) return false;
  for (const [key, value] of selector) if (labels.get(key) !== value) return false;
  return true;
}
