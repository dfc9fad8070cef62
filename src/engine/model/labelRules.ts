// Labels and label selectors as the API server validates them: keys are qualified names and
// values label values (k8s.io/apimachinery/pkg/util/validation: IsQualifiedName,
// IsValidLabelValue; ValidateLabels in k8s.io/apimachinery/pkg/apis/meta/v1/validation), and a
// selector's expressions use the four operators with or without values as each needs
// (ValidateLabelSelector, same file). Shared by every object that carries labels or selects.

import { arr, get, isObj, str } from '../manifests/access';
import { isDnsSubdomain } from './names';

type Path = (string | number)[];
type Refuse = (path: Path, what: string) => void;

const nameOrValue = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    if (!isDnsSubdomain(parts[0]!)) return false;
  }
  return name.length <= 63 && nameOrValue.test(name);
}

export const isLabelValue = (v: string) => v === '' || (v.length <= 63 && nameOrValue.test(v));

const labelWords =
  "up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

/** ValidateLabelSelector: operators and their values, keys and values as labels have them. */
export function labelSelectorProblems(selector: unknown, at: Path, refuse: Refuse): void {
  if (!isObj(selector)) return;
  labelProblems(get(selector, 'matchLabels'), [...at, 'matchLabels'], refuse);
  arr(get(selector, 'matchExpressions')).forEach((expression, i) => {
    if (!isObj(expression)) return;
    const here: Path = [...at, 'matchExpressions', i];
    const key = str(get(expression, 'key')) ?? '';
    if (!isQualifiedName(key))
      refuse([...here, 'key'], `label key ${JSON.stringify(key)} is not valid`);
    const operator = str(get(expression, 'operator'));
    const values = arr(get(expression, 'values'));
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) refuse(here, `operator ${operator} needs values`);
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) refuse([...here, 'values'], `operator ${operator} takes no values`);
        break;
      default:
        refuse(
          [...here, 'operator'],
          `operator ${JSON.stringify(operator ?? '')} is not In, NotIn, Exists or DoesNotExist`,
        );
    }
    values.forEach((v, j) => {
      if (typeof v === 'string' && !isLabelValue(v))
        refuse(
          [...here, 'values', j],
          `label value ${JSON.stringify(v)} is not valid (${labelWords})`,
        );
    });
  });
}

// Every object's labels are checked, and the same few keys and values recur across a cluster:
// their verdicts are remembered, keys and values apart (their rules differ), in tables bounded
// so that hostile input cannot grow them without end.
function rememberer(check: (text: string) => boolean): (text: string) => boolean {
  const verdicts = new Map<string, boolean>();
  return (text) => {
    let valid = verdicts.get(text);
    if (valid === undefined) {
      if (verdicts.size >= 10_000) verdicts.clear();
      verdicts.set(text, (valid = check(text)));
    }
    return valid;
  };
}
const keyValid = rememberer(isQualifiedName);
const valueValid = rememberer(isLabelValue);

/** ValidateLabels: a `labels` map's keys and values. */
export function labelProblems(labels: unknown, at: Path, refuse: Refuse): void {
  if (!isObj(labels)) return;
  for (const key of Object.keys(labels)) {
    const value = labels[key];
    if (!keyValid(key)) refuse([...at, key], `label key ${JSON.stringify(key)} is not valid`);
    if (typeof value === 'string' && !valueValid(value))
      refuse([...at, key], `label value ${JSON.stringify(value)} is not valid (${labelWords})`);
  }
}
