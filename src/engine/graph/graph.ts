import type { SourceRef } from '../manifests/locate';
import type { MessUpCategory } from '../types';
import { isCondition } from './facts';

/** capabilities + conditions → a new capability, as one technique says. */
export interface Rule {
  /** The technique's id; empty for bookkeeping rules (group membership, scope widening). */
  technique: string;
  /** Distinct facts. */
  body: number[];
  head: number;
  at: SourceRef[];
}

export interface MessUp {
  id: string;
  template: string;
  title: string;
  category: MessUpCategory;
  cost: number;
  provides: number[];
  /** Where the change would be made (the defence it breaks), when it is a line of the input. */
  at: SourceRef[];
}

/**
 * The grounded attack graph: an AND/OR graph over facts. A fact holds when it is
 * initial (a condition true today, or the attacker's start), provided by an applied
 * mess-up, or the head of a rule whose body holds.
 */
export interface AttackGraph {
  facts: string[];
  index: Map<string, number>;
  rules: Rule[];
  messUps: MessUp[];
  initial: number[];
  /** Where a condition that holds today is written. */
  presentAt: Map<number, SourceRef[]>;
  /** Where the defence that keeps a condition false is written. */
  defenceAt: Map<number, SourceRef[]>;
}

export class GraphBuilder {
  readonly facts: string[] = [];
  readonly index = new Map<string, number>();
  readonly rules: Rule[] = [];
  readonly messUps: MessUp[] = [];
  private readonly present = new Set<number>();
  private readonly presentAt = new Map<number, SourceRef[]>();
  private readonly defenceAt = new Map<number, SourceRef[]>();
  private readonly messUpIds = new Set<string>();

  /** Whether each fact is a condition, by id: `build` asks once per body fact. */
  private readonly conditions: boolean[] = [];

  id(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.facts.length;
      this.facts.push(key);
      this.conditions.push(isCondition(key));
      this.index.set(key, i);
    }
    return i;
  }

  /** Whether a condition holds today (declared present, or a starting position). */
  holds(key: string): boolean {
    const i = this.index.get(key);
    return i !== undefined && this.present.has(i);
  }

  start(key: string): void {
    this.present.add(this.id(key));
  }

  condition(key: string, present: boolean, at?: SourceRef): string {
    const i = this.id(key);
    if (present) this.present.add(i);
    if (at) {
      const target = present ? this.presentAt : this.defenceAt;
      const list = target.get(i);
      if (!list) target.set(i, [at]);
      else if (!list.some((r) => r.object === at.object && samePath(r.path, at.path)))
        list.push(at);
    }
    return key;
  }

  rule(
    technique: string,
    body: readonly string[],
    head: string,
    at: readonly (SourceRef | undefined)[] = [],
  ): void {
    const ids: number[] = [];
    for (const b of body) ids.push(this.id(b));
    const refs: SourceRef[] = [];
    for (const a of at) if (a !== undefined) refs.push(a);
    // Each body fact once: the solver counts missing body facts by the body's length.
    this.rules.push({ technique, body: distinct(ids), head: this.id(head), at: refs });
  }

  messUp(m: Omit<MessUp, 'provides'> & { provides: readonly string[] }): void {
    if (this.messUpIds.has(m.id)) return;
    this.messUpIds.add(m.id);
    this.messUps.push({ ...m, provides: m.provides.map((p) => this.id(p)) });
  }

  /**
   * Drops rules that can never fire: a condition in their body is false today, no
   * mess-up makes it true and no rule derives it. Keeps large clusters' graphs small.
   */
  build(): AttackGraph {
    const possible = new Uint8Array(this.facts.length);
    for (const f of this.present) possible[f] = 1;
    for (const m of this.messUps) for (const p of m.provides) possible[p] = 1;
    for (const r of this.rules) possible[r.head] = 1;
    const rules = this.rules.filter((r) => r.body.every((b) => possible[b] || !this.conditions[b]));
    return {
      facts: this.facts,
      index: this.index,
      rules,
      messUps: this.messUps,
      initial: [...this.present].sort((a, b) => a - b),
      presentAt: this.presentAt,
      defenceAt: this.defenceAt,
    };
  }
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((step, i) => step === b[i]);
}

/** The ids without repeats, in order; bodies are a handful of facts, so no Set is needed. */
function distinct(ids: number[]): number[] {
  for (let i = 1; i < ids.length; i++) {
    if (ids.lastIndexOf(ids[i]!, i - 1) !== -1) return ids.filter((id, j) => ids.indexOf(id) === j);
  }
  return ids;
}
