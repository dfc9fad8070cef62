import type { SourceRef } from '../manifests/locate';
import type { MessUpTemplate } from '../messups/template';
import type { MessUpCategory } from '../types';
import type { AdmissionGuard } from './admission';
import {
  Fact,
  FactKind,
  kindOf,
  limitFacts,
  named,
  podIdCount,
  podIdNumber,
  podNumberOf,
} from './facts';
import { int32s, uint8s } from '../typedArrays';

/**
 * The rules, capabilities + conditions → a new capability as one technique says, in flat
 * arrays: rule r derives `head[r]` from the distinct facts `body[bodyStart[r]]` up to
 * `body[bodyStart[r + 1] - 1]`. A large cluster grounds about 80,000 rules; as objects
 * they were most of what the garbage collector had to copy.
 */
export class RuleTable {
  constructor(
    readonly head: Int32Array,
    readonly bodyStart: Int32Array,
    readonly body: Int32Array,
    /** Each rule's technique, as an index into `names`. */
    private readonly technique: Int32Array,
    private readonly names: readonly string[],
    /**
     * The lines behind the grounded rules that have some, ascending by the index each was
     * grounded at (most rules have none: a list per rule was 9 MB at 90,000 objects)...
     */
    private readonly refRules: Int32Array,
    private readonly refs: Chunked<readonly SourceRef[]>,
    /** ...and that index of each rule (null: its own). */
    private readonly grounded: Int32Array | null,
    /**
     * For each fact, the rules whose body holds it, ascending (as tolerance/flatRules.ts
     * lays them out), when building the graph already made them: no rule was dropped.
     */
    readonly watchers?: { readonly start: Int32Array; readonly rules: Int32Array },
  ) {}

  get count(): number {
    return this.head.length;
  }

  bodyOf(rule: number): Int32Array {
    return this.body.subarray(this.bodyStart[rule], this.bodyStart[rule + 1]);
  }

  /** The technique's id; empty for bookkeeping rules (group membership, scope widening). */
  techniqueOf(rule: number): string {
    return this.names[this.technique[rule]!]!;
  }

  /** The lines that enable the rule. */
  atOf(rule: number): readonly SourceRef[] {
    const r = this.grounded ? this.grounded[rule]! : rule;
    const rules = this.refRules;
    let lo = 0;
    let hi = rules.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rules[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo < rules.length && rules[lo] === r ? this.refs.get(lo)! : none;
  }
}

/** A candidate mess-up of the graph: what it makes true, at what cost, and where. */
export class MessUp {
  constructor(
    readonly id: string,
    private readonly kind: MessUpTemplate,
    /** What the template's sentence speaks of. */
    private readonly about: unknown,
    readonly cost: number,
    readonly provides: readonly number[],
    /** Where the change would be made (the defence it breaks), when it is a line of the input. */
    readonly at: readonly SourceRef[],
  ) {}

  get template(): string {
    return this.kind.id;
  }

  get category(): MessUpCategory {
    return this.kind.category;
  }

  /** Written when asked: a large cluster has thousands of candidates and few are shown. */
  get title(): string {
    return this.kind.describe(this.about);
  }
}

/**
 * The grounded attack graph: an AND/OR graph over facts. A fact holds when it is
 * initial (a condition true today, or the attacker's start), provided by an applied
 * mess-up, or the head of a rule whose body holds.
 */
export interface AttackGraph {
  facts: string[];
  /** Fact ids by key (built on first use: the engine asks `idOf`). */
  readonly index: ReadonlyMap<string, number>;
  /** The id of the fact named `key`, if the graph has it. */
  idOf(key: string): number | undefined;
  rules: RuleTable;
  messUps: MessUp[];
  initial: number[];
  /** Where a condition that holds today is written. */
  presentAt: Map<number, SourceRef[]>;
}

/** Numbers each grounding, so a fact can tell whose id it carries. */
let groundings = 0;

export class GraphBuilder {
  /** The fact objects, by id (their keys become the graph's `facts` when it is built). */
  readonly handles: Fact[] = [];
  /**
   * The ids of the identities and of the rights named, in order: what bookkeeping widens
   * (buildGraph's identityRules, scopeRules), without reading every fact's key.
   */
  readonly identities: number[] = [];
  readonly rights: number[] = [];
  readonly messUps: MessUp[] = [];
  // Rules as they are grounded, in growing integer arrays (no object per rule).
  private readonly heads = new IntList();
  private readonly bodyStarts = new IntList([0]);
  private readonly bodies = new IntList();
  private readonly techniques = new IntList();
  private readonly techniqueNames: string[] = [];
  /** The rules grounded with lines behind them, and those lines. */
  private readonly refRules = new IntList();
  private readonly refs = new Chunked<readonly SourceRef[]>();
  private readonly present = new Set<number>();
  private readonly presentAt = new Map<number, SourceRef[]>();
  private readonly grounding: number;
  /** While `record` runs: what is named, in order; rules are not kept. */
  private naming: Naming[] | undefined;

  constructor() {
    limitFacts();
    this.grounding = ++groundings;
  }

  /** The fact's id in this graph, given on first sight: written on the fact, not looked up. */
  id(f: Fact): number {
    this.naming?.push(f);
    if (f.grounding !== this.grounding) {
      f.grounding = this.grounding;
      f.id = this.handles.length;
      this.handles.push(f);
      const kind = kindOf(f);
      if (kind === FactKind.Identity) this.identities.push(f.id);
      else if (kind === FactKind.Right) this.rights.push(f.id);
    }
    return f.id;
  }

  /** Whether some rule or condition named the fact so far. */
  has(f: Fact): boolean {
    return f.grounding === this.grounding;
  }

  /** Whether a condition holds today (declared present, or a starting position). */
  holds(f: Fact): boolean {
    return this.has(f) && this.present.has(f.id);
  }

  start(f: Fact): void {
    this.present.add(this.id(f));
  }

  condition(f: Fact, present: boolean, at?: SourceRef): Fact {
    const i = this.id(f);
    if (!present) return f;
    this.present.add(i);
    this.naming?.push(at ? { at } : holdsToday);
    this.holdsAt(i, at);
    return f;
  }

  /** Notes where condition `i`, which holds today, is written. */
  private holdsAt(i: number, at: SourceRef | undefined): void {
    if (at) {
      const list = this.presentAt.get(i);
      if (!list) this.presentAt.set(i, [at]);
      else if (!listed(list, at)) list.push(at);
    }
  }

  /**
   * `guarded`: a technique's rule, which needs every refused pod it names admitted (added by
   * `build`, see graph/admission.ts).
   */
  rule(
    technique: string,
    body: readonly Fact[],
    head: Fact,
    at: readonly (SourceRef | undefined)[] = none,
    guarded = false,
  ): void {
    if (this.naming) {
      for (const b of body) this.id(b);
      this.id(head);
      return;
    }
    const start = this.bodies.length;
    // Each body fact once: the solver counts missing body facts by the body's length.
    for (const b of body) {
      const id = this.id(b);
      if (!this.bodies.includesFrom(id, start)) this.bodies.push(id);
    }
    this.bodyStarts.push(this.bodies.length);
    const refs = present(at);
    if (refs.length > 0) {
      this.refRules.push(this.heads.length);
      this.refs.push(refs);
    }
    this.heads.push(this.id(head));
    this.techniques.push(this.techniqueIndex(technique) | (guarded ? guardedRule : 0));
  }

  /**
   * Runs `ground`, naming the facts it names in the same order but keeping none of its rules,
   * and returns what it named, for `replay`. Facts are numbered in the order they are first
   * named, and the search breaks ties by those numbers: rules left out this way leave every
   * other fact its number.
   */
  record(ground: () => void): readonly Naming[] {
    const naming: Naming[] = [];
    this.naming = naming;
    try {
      ground();
    } finally {
      this.naming = undefined;
    }
    return naming;
  }

  /** Names again what a `record` named (of this grounding or an earlier one), in order. */
  replay(naming: readonly Naming[]): void {
    let last = -1;
    for (const n of naming) {
      if (n instanceof Fact) last = this.id(n);
      else {
        this.present.add(last);
        if (n !== holdsToday) this.holdsAt(last, n.at);
      }
    }
  }

  /**
   * The rules' bodies with, in each guarded rule, the admission condition of every refused
   * pod whose facts it names (head first, then the body's, each once), after what it had.
   * Worked out here, once per fact, rather than per rule as it was grounded: that was a pod
   * id cut from each fact's key and three fields on every fact.
   */
  private admitted(guard: AdmissionGuard | undefined): [Int32Array, Int32Array] {
    const techniques = this.techniques.data;
    const count = this.heads.length;
    const bodyStarts = this.bodyStarts.data;
    const bodies = this.bodies.data;
    const owners = guard === undefined ? undefined : this.owners(guard);
    if (owners === undefined) {
      for (let r = 0; r < count; r++) techniques[r]! &= ~guardedRule;
      return [bodyStarts, bodies];
    }
    // What each guarded rule gains, worked out first: most gain nothing, and the bodies are
    // then copied once, at their final size (grown by doubling, the copy was a sixth of what
    // a 9,000-object grounding allocated).
    const gains = guardGains(techniques, this.heads.data, bodyStarts, bodies, count, owners);
    if (gains.rules.length === 0) return [bodyStarts, bodies];
    return withGains(bodyStarts, bodies, count, gains);
  }

  /** The admission condition's id for each fact of a refused pod, -1 for the others. */
  private owners(guard: AdmissionGuard): Int32Array | undefined {
    const { handles } = this;
    // The guard by the numbers facts carry for the pod ids their keys end with (each refused
    // pod's condition is named as the grounding starts: no id is given here).
    const numbers: number[] = [];
    const conditions: number[] = [];
    for (const [pod, admitted] of guard) {
      numbers.push(podIdNumber(pod));
      conditions.push(this.id(admitted));
    }
    const byNumber = int32s(podIdCount() + 1, -1);
    for (let i = 0; i < numbers.length; i++) byNumber[numbers[i]!] = conditions[i]!;
    let owners: Int32Array | undefined;
    for (let f = 0; f < handles.length; f++) {
      const pod = podNumberOf(handles[f]!);
      if (pod === 0 || byNumber[pod] === -1) continue;
      owners ??= int32s(handles.length, -1);
      owners[f] = byNumber[pod]!;
    }
    return owners;
  }

  /** A technique's index in `techniqueNames`: rules come in runs of one technique. */
  private techniqueIndex(technique: string): number {
    const names = this.techniqueNames;
    const last = names.length - 1;
    if (last >= 0 && names[last] === technique) return last;
    const i = names.indexOf(technique);
    if (i !== -1) return i;
    names.push(technique);
    return names.length - 1;
  }

  /** A candidate mess-up; each `id` once (buildGraph drops a template's repeated targets). */
  messUp(
    id: string,
    template: MessUpTemplate,
    about: unknown,
    cost: number,
    provides: readonly Fact[],
    at: readonly SourceRef[],
  ): void {
    const ids = provides.map((p) => this.id(p));
    this.messUps.push(new MessUp(id, template, about, cost, ids, at));
  }

  /** After `build`: which facts could hold, whatever mess-ups happen (by id). */
  private possible: Uint8Array | undefined;

  /** Whether one of `facts` could hold, whatever mess-ups happen (asked after `build`). */
  couldHold(facts: Iterable<Fact>): boolean {
    const possible = this.possible!;
    for (const f of facts) if (this.has(f) && possible[f.id]) return true;
    return false;
  }

  /**
   * Drops rules that can never fire: some fact of their body can never hold, whatever
   * mess-ups happen. Keeps large clusters' graphs small.
   */
  build(guard?: AdmissionGuard): AttackGraph {
    const heads = this.heads.data;
    const count = this.heads.length;
    const [bodyStarts, bodies] = this.admitted(guard);
    const { handles, grounding } = this;
    const facts = handles.map((f) => f.key);
    // What could ever hold: forward from today's conditions, the start and everything any
    // mess-up provides, through every rule. A rule whose body can never hold in full is
    // dropped: it can change no MUT, witness or alternative. (The authorizer names every
    // identity a binding grants something, the controller manager's included; most of them
    // no attack can ever become.)
    const n = facts.length;
    const { start: watchStart, rules: watchers } = watcherLists(n, count, bodyStarts, bodies);
    const missing = int32s(count);
    const possible = (this.possible = uint8s(n));
    const stack = int32s(n);
    let top = 0;
    for (const f of this.present) if (!possible[f]) top = reach(f, possible, stack, top);
    for (const m of this.messUps)
      for (const p of m.provides) if (!possible[p]) top = reach(p, possible, stack, top);
    top = axioms(heads, bodyStarts, count, missing, possible, stack, top);
    spread(heads, watchStart, watchers, missing, possible, stack, top);
    const keep = uint8s(count);
    let kept = 0;
    let bodySize = 0;
    for (let r = 0; r < count; r++) {
      if (missing[r] !== 0) continue;
      keep[r] = 1;
      kept++;
      bodySize += bodyStarts[r + 1]! - bodyStarts[r]!;
    }
    // Every rule can fire (the usual case for a small cluster): the lists as they grew.
    let head = heads.subarray(0, count);
    let bodyStart = bodyStarts.subarray(0, count + 1);
    let body = bodies.subarray(0, bodySize);
    let technique = this.techniques.data.subarray(0, count);
    let grounded: Int32Array | null = null;
    if (kept < count) {
      const techniques = technique;
      head = int32s(kept);
      bodyStart = int32s(kept + 1);
      body = int32s(bodySize);
      technique = int32s(kept);
      grounded = int32s(kept);
      for (let r = 0, i = 0, k = 0; r < count; r++) {
        if (!keep[r]) continue;
        head[i] = heads[r]!;
        for (let j = bodyStarts[r]!; j < bodyStarts[r + 1]!; j++) body[k++] = bodies[j]!;
        bodyStart[i + 1] = k;
        technique[i] = techniques[r]!;
        grounded[i] = r;
        i++;
      }
    }
    return new Graph(
      facts,
      new RuleTable(
        head,
        bodyStart,
        body,
        technique,
        this.techniqueNames,
        this.refRules.data.subarray(0, this.refRules.length),
        this.refs,
        grounded,
        // The watcher lists of the pass above are the graph's own when every rule was kept.
        grounded === null ? { start: watchStart, rules: watchers } : undefined,
      ),
      this.messUps,
      [...this.present].sort((a, b) => a - b),
      this.presentAt,
      grounding,
    );
  }
}

/** What `record` saw: a fact named, or "the fact named last holds today" (and where it is written). */
export type Naming = Fact | typeof holdsToday | { at: SourceRef };

const holdsToday = Symbol('holds today');

/** A class, not an object literal: a literal with a getter was built slowly, in every analysis. */
class Graph implements AttackGraph {
  private byKey: Map<string, number> | undefined = undefined;

  constructor(
    readonly facts: string[],
    readonly rules: RuleTable,
    readonly messUps: MessUp[],
    readonly initial: number[],
    readonly presentAt: Map<number, SourceRef[]>,
    private readonly grounding: number,
  ) {}

  /** Built when asked for (tests, tools): the engine itself never needs it. */
  get index(): ReadonlyMap<string, number> {
    return (this.byKey ??= new Map(this.facts.map((key, i) => [key, i])));
  }

  idOf(key: string): number | undefined {
    // The fact still carries its id from this grounding unless a later one took it.
    const f = named(key);
    return f.grounding === this.grounding ? f.id : this.index.get(key);
  }
}

const none: readonly never[] = [];

/** Marks a guarded rule's technique index while grounding (see `rule`). */
const guardedRule = 1 << 30;

/**
 * The lines given, without the missing ones. Techniques and templates pass a fresh list,
 * kept as it is when nothing is missing (the usual case: no copy per rule or mess-up).
 */
export function present(at: readonly (SourceRef | undefined)[] = none): readonly SourceRef[] {
  if (at.length === 0) return none;
  if (!at.includes(undefined)) return at as readonly SourceRef[];
  // A namespace without a Pod Security label gives `[undefined]` for every rule it enables.
  let found: SourceRef[] | undefined;
  for (const a of at) if (a !== undefined) (found ??= []).push(a);
  return found ?? none;
}

/**
 * A growing list of objects in fixed-size chunks. One array of 80,000 rules' locations was
 * reallocated as it grew and, being large, lived outside the young generation: every
 * location stored in it had to be tracked for the garbage collector's next scavenge.
 */
class Chunked<T> {
  private readonly chunks: T[][] = [];
  private length = 0;

  push(value: T): void {
    // Each chunk grows as it fills: a small graph's rules fill a fraction of one.
    if ((this.length++ & (chunkSize - 1)) === 0) this.chunks.push([]);
    this.chunks[this.chunks.length - 1]!.push(value);
  }

  get(index: number): T | undefined {
    return this.chunks[index >> chunkBits]?.[index & (chunkSize - 1)];
  }
}

const chunkBits = 10;
const chunkSize = 1 << chunkBits;

/**
 * A growing list of 32-bit integers. Grounding appends a few hundred thousand; a typed
 * array doubling in size did that several times faster than Array.prototype.push here.
 */
class IntList {
  data: Int32Array;
  length: number;

  constructor(initial: readonly number[] = []) {
    this.data = int32s(Math.max(256, initial.length));
    this.data.set(initial);
    this.length = initial.length;
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = int32s(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Whether `value` is among the entries from `start` on. */
  includesFrom(value: number, start: number): boolean {
    for (let i = start; i < this.length; i++) if (this.data[i] === value) return true;
    return false;
  }
}

// The passes of `GraphBuilder.build`, each a function of its own over typed arrays: it runs
// once per grounding, and one function holding every loop was compiled anew for each loop
// (on-stack replacement) and dropped again at the next, in analysis after analysis.

/** For each fact, the rules whose body holds it, ascending (as tolerance/flatRules.ts). */
function watcherLists(
  n: number,
  count: number,
  bodyStarts: Int32Array,
  bodies: Int32Array,
): { start: Int32Array; rules: Int32Array } {
  const start = int32s(n + 1);
  const size = bodyStarts[count]!;
  for (let j = 0; j < size; j++) start[bodies[j]! + 1]!++;
  for (let f = 0; f < n; f++) start[f + 1]! += start[f]!;
  const rules = int32s(size);
  const fill = int32s(n);
  fill.set(start.subarray(0, n));
  for (let r = 0; r < count; r++) {
    const end = bodyStarts[r + 1]!;
    for (let j = bodyStarts[r]!; j < end; j++) rules[fill[bodies[j]!]!++] = r;
  }
  return { start, rules };
}

/** Marks `f` possible and stacks it: the new top. */
function reach(f: number, possible: Uint8Array, stack: Int32Array, top: number): number {
  possible[f] = 1;
  stack[top] = f;
  return top + 1;
}

/** Sets each rule's count of missing body facts; the heads of rules with none are reached. */
function axioms(
  heads: Int32Array,
  bodyStarts: Int32Array,
  count: number,
  missing: Int32Array,
  possible: Uint8Array,
  stack: Int32Array,
  top: number,
): number {
  for (let r = 0; r < count; r++) {
    const m = bodyStarts[r + 1]! - bodyStarts[r]!;
    missing[r] = m;
    if (m === 0 && !possible[heads[r]!]) top = reach(heads[r]!, possible, stack, top);
  }
  return top;
}

/** Forward from the stacked facts: a rule whose body has all become possible gives its head. */
function spread(
  heads: Int32Array,
  watchStart: Int32Array,
  watchers: Int32Array,
  missing: Int32Array,
  possible: Uint8Array,
  stack: Int32Array,
  top: number,
): void {
  while (top > 0) {
    const f = stack[--top]!;
    const end = watchStart[f + 1]!;
    for (let w = watchStart[f]!; w < end; w++) {
      const r = watchers[w]!;
      if (--missing[r]! === 0 && !possible[heads[r]!]) top = reach(heads[r]!, possible, stack, top);
    }
  }
}

/** The facts guarded rules gain (`GraphBuilder.admitted`): for each such rule, in order. */
interface Gains {
  readonly rules: IntList;
  /** Rule `rules[i]` gains `facts[ends[i - 1]]` up to `facts[ends[i] - 1]` (`ends[-1]`: 0). */
  readonly ends: IntList;
  readonly facts: IntList;
}

/**
 * The admission conditions of the refused pods whose facts each guarded rule names (head
 * first, then the body's, each once and not already in the body), clearing the guard marks.
 */
function guardGains(
  techniques: Int32Array,
  heads: Int32Array,
  bodyStarts: Int32Array,
  bodies: Int32Array,
  count: number,
  owners: Int32Array,
): Gains {
  const gains = { rules: new IntList(), ends: new IntList(), facts: new IntList() };
  const facts = gains.facts;
  for (let r = 0; r < count; r++) {
    if ((techniques[r]! & guardedRule) === 0) continue;
    techniques[r]! &= ~guardedRule;
    const from = facts.length;
    const start = bodyStarts[r]!;
    const end = bodyStarts[r + 1]!;
    gain(owners[heads[r]!]!, bodies, start, end, facts, from);
    for (let j = start; j < end; j++) gain(owners[bodies[j]!]!, bodies, start, end, facts, from);
    if (facts.length > from) {
      gains.rules.push(r);
      gains.ends.push(facts.length);
    }
  }
  return gains;
}

function gain(
  owner: number,
  bodies: Int32Array,
  start: number,
  end: number,
  facts: IntList,
  from: number,
): void {
  if (owner === -1) return;
  for (let j = start; j < end; j++) if (bodies[j] === owner) return;
  if (!facts.includesFrom(owner, from)) facts.push(owner);
}

/** The bodies with each rule's gains after what it had, at their final size. */
function withGains(
  bodyStarts: Int32Array,
  bodies: Int32Array,
  count: number,
  gains: Gains,
): [Int32Array, Int32Array] {
  const rules = gains.rules.data;
  const ends = gains.ends.data;
  const facts = gains.facts.data;
  const starts = int32s(count + 1);
  const out = int32s(bodyStarts[count]! + gains.facts.length);
  let shift = 0;
  let from = 0;
  let gained = 0;
  for (let i = 0; i < gains.rules.length; i++) {
    const r = rules[i]!;
    // Rules `from` to `r` keep their bodies, moved by what the rules before gained. (Copied
    // by hand: a view per run to copy with `set` was most of what this allocated.)
    for (let j = bodyStarts[from]!; j < bodyStarts[r + 1]!; j++) out[j + shift] = bodies[j]!;
    for (let q = from; q < r; q++) starts[q + 1] = bodyStarts[q + 1]! + shift;
    const at = bodyStarts[r + 1]! + shift;
    const end = ends[i]!;
    for (let j = gained; j < end; j++) out[at + j - gained] = facts[j]!;
    shift += end - gained;
    gained = end;
    starts[r + 1] = bodyStarts[r + 1]! + shift;
    from = r + 1;
  }
  for (let j = bodyStarts[from]!; j < bodyStarts[count]!; j++) out[j + shift] = bodies[j]!;
  for (let q = from; q < count; q++) starts[q + 1] = bodyStarts[q + 1]! + shift;
  return [starts, out];
}

/** Whether `at` is in `list` (no closure per call: bindings' subjects ask it thousands of times). */
function listed(list: readonly SourceRef[], at: SourceRef): boolean {
  for (const r of list) if (r.object === at.object && samePath(r.path, at.path)) return true;
  return false;
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
