import type { Baseline } from './baseline';
import { baseline as aks } from './aks';
import { baseline as eks } from './eks';
import { baseline as gke } from './gke';
import { baseline as hardened } from './hardened';
import { baseline as kubeadm } from './kubeadm';

export type { Baseline, BaselineCredential, BaselineSettings } from './baseline';

/** Every profile, the default first (an explicit registry: style practice 3). */
export const baselines: readonly Baseline[] = [kubeadm, eks, gke, aks, hardened];

export const defaultBaseline: Baseline = kubeadm;

export const baselineIds: readonly string[] = baselines.map((b) => b.id);

export function findBaseline(id: string): Baseline | undefined {
  return baselines.find((b) => b.id === id);
}

/** What a picker lists: id and title, the default first. */
export function baselineChoices(): { id: string; title: string }[] {
  return baselines.map(({ id, title }) => ({ id, title }));
}
