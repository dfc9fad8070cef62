// The properties of docs/mut-model.md ("Properties that must hold"), checked on random
// small clusters: monotone, sound witness, optimal against brute force, deterministic.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttackGraph } from '../../src/engine/graph/graph.ts';
import { buildGraph } from '../../src/engine/graph/buildGraph.ts';
import { analyze, type AnalysisResult } from '../../src/engine/index.ts';
import { readObjects } from '../../src/engine/manifests/objects.ts';
import { parseFiles } from '../../src/engine/manifests/parseFiles.ts';
import { buildModel } from '../../src/engine/model/buildModel.ts';
import { watchersOf } from '../../src/engine/tolerance/closure.ts';
import { defaultLimits, solveGoal } from '../../src/engine/tolerance/solve.ts';
import { forwardChain } from './generatedGraphs';
import { clusterArbitrary, clusterFiles, goalsOf, hardenings, type Cluster } from './randomCluster';

const runs = { numRuns: 100 };

/** MUT with null (unreachable) as infinity, for comparisons. */
const value = (mut: number | null) => (mut === null ? Infinity : mut);

function grounded(c: Cluster) {
  const parsed = parseFiles(clusterFiles(c));
  const { model } = buildModel(readObjects(parsed.documents).objects);
  const goals = goalsOf(c);
  const graph = buildGraph(model, goals, model.threat.start);
  return { graph, goals, watchers: watchersOf(graph) };
}

function reachesGoal(graph: AttackGraph, goal: string, messUps: readonly number[]): boolean {
  const g = graph.index.get(`goal:${goal}`);
  return g !== undefined && forwardChain(graph, messUps)[g] === 1;
}

const costOf = (graph: AttackGraph, set: readonly number[]) =>
  set.reduce((s, m) => s + graph.messUps[m]!.cost, 0);

describe('MUT is monotone', () => {
  it('taking one weakness away never lowers the MUT of any goal', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.nat(), (cluster, pick) => {
        const options = hardenings(cluster);
        fc.pre(options.length > 0);
        const { what, cluster: hardened } = options[pick % options.length]!;
        const before = analyze(clusterFiles(cluster), { findings: false });
        const after = analyze(clusterFiles(hardened), { findings: false });
        for (const [i, g] of before.goals.entries()) {
          const h = after.goals[i]!;
          expect(h.goal).toBe(g.goal);
          expect(value(h.mut), `${g.goal} after "${what}"`).toBeGreaterThanOrEqual(value(g.mut));
        }
      }),
      runs,
    );
  });

  it('a mess-up that has already happened (cost 0) never raises the MUT', () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const before = analyze(clusterFiles(cluster), { findings: false });
        for (const g of before.goals) {
          const first = g.witness?.messUps[0];
          if (!first) continue;
          // The ThreatModel says the first witness mess-up already happened.
          const tm = cluster.threatModel ?? {
            start: 'internet',
            goals: goalsOf(cluster),
            credentials: false,
            remoteAccess: false,
            vulnerable: [],
            cloudMetadata: true,
          };
          const files = clusterFiles({ ...cluster, threatModel: tm });
          files[0]!.text += `  costs:\n    ${JSON.stringify(first.id)}: 0\n`;
          const after = analyze(files, { goals: [g.goal], findings: false });
          expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect(value(after.goals[0]!.mut)).toBeLessThanOrEqual(value(g.mut) - first.cost);
        }
      }),
      runs,
    );
  });
});

describe('the witness is sound', () => {
  it("applying the witness's mess-ups and deriving forward reaches the goal", () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const { graph, goals, watchers } = grounded(cluster);
        for (const goal of goals) {
          const { problem, solution } = solveGoal(graph, `goal:${goal}`, defaultLimits, watchers);
          if (!solution.best) continue;
          expect(problem, goal).toBeDefined();
          expect(problem!.reaches(solution.best.messUps), goal).toBe(true);
          expect(reachesGoal(graph, goal, solution.best.messUps), goal).toBe(true);
          expect(costOf(graph, solution.best.messUps)).toBe(solution.best.cost);
        }
      }),
      runs,
    );
  });

  it('every step of the reported witness derives what it claims, from the witness mess-ups', () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const { graph } = grounded(cluster);
        const result = analyze(clusterFiles(cluster), { findings: false });
        for (const g of result.goals) {
          if (!g.witness) {
            expect(g.mut).toBeNull();
            continue;
          }
          const ids = g.witness.messUps.map((m) => m.id);
          const indexes = ids.map((id) => graph.messUps.findIndex((m) => m.id === id));
          expect(indexes).not.toContain(-1);
          expect(g.witness.messUps.reduce((s, m) => s + m.cost, 0)).toBe(g.mut);
          const holds = forwardChain(graph, indexes);
          expect(holds[graph.index.get(`goal:${g.goal}`)!]).toBe(1);
          for (const step of g.witness.steps) {
            expect(holds[graph.index.get(step.toFact)!], step.toFact).toBe(1);
            for (const m of step.messUps) expect(ids).toContain(m);
          }
        }
      }),
      runs,
    );
  });

  it('every alternative reaches the goal, costs at most MUT + 1 and is minimal', () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const { graph, goals, watchers } = grounded(cluster);
        for (const goal of goals) {
          const { solution } = solveGoal(graph, `goal:${goal}`, defaultLimits, watchers);
          for (const alt of solution.alternatives) {
            expect(reachesGoal(graph, goal, alt.messUps), goal).toBe(true);
            expect(alt.cost).toBeLessThanOrEqual(solution.best!.cost + 1);
            expect(alt.messUps).not.toEqual(solution.best!.messUps);
            for (const m of alt.messUps) {
              const without = alt.messUps.filter((x) => x !== m);
              expect(reachesGoal(graph, goal, without), `${goal}: ${m} is needed`).toBe(false);
            }
          }
        }
      }),
      runs,
    );
  });
});

describe('the MUT is optimal', () => {
  it('brute force over every set of relevant candidates finds nothing cheaper, and the MUT is reached', () => {
    let checked = 0;
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const { graph, goals, watchers } = grounded(cluster);
        for (const goal of goals) {
          const { problem, solution } = solveGoal(graph, `goal:${goal}`, defaultLimits, watchers);
          const candidates = problem?.candidates ?? [];
          if (candidates.length > 12) continue;
          checked++;
          let cheapest = Infinity;
          for (let mask = 0; mask < 1 << candidates.length; mask++) {
            const set = candidates.filter((_, i) => mask & (1 << i));
            const cost = costOf(graph, set);
            if (cost >= cheapest) continue;
            if (reachesGoal(graph, goal, set)) cheapest = cost;
          }
          expect(solution.exact, goal).toBe(true);
          expect(value(solution.best?.cost ?? null), goal).toBe(cheapest);
          if (solution.best) expect(solution.lowerBound).toBe(solution.best.cost);
          // No mess-up outside the relevant candidates can help.
          if (cheapest === Infinity)
            expect(
              reachesGoal(
                graph,
                goal,
                graph.messUps.map((_, i) => i),
              ),
            ).toBe(false);
        }
      }),
      // About half the random clusters' goals have more than 12 candidates and are skipped;
      // at 100 runs the count checked ranged 41–73 over 20 repetitions, so a floor of 50
      // failed one run in four. At 300 runs the mean is about 165 and the floor of 100 lies
      // some four standard deviations below it.
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});

describe('the alternatives are complete', () => {
  it('when not cut short, they are every other minimal set of cost at most MUT + 1 (brute force)', () => {
    let checked = 0;
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const { graph, goals, watchers } = grounded(cluster);
        for (const goal of goals) {
          const { problem, solution } = solveGoal(graph, `goal:${goal}`, defaultLimits, watchers);
          const candidates = problem?.candidates ?? [];
          if (!solution.best || solution.alternativesTruncated || candidates.length > 12) continue;
          checked++;
          const limit = solution.best.cost + 1;
          const minimal: string[] = [];
          for (let mask = 0; mask < 1 << candidates.length; mask++) {
            const set = candidates.filter((_, i) => mask & (1 << i)).sort((a, b) => a - b);
            if (costOf(graph, set) > limit || !reachesGoal(graph, goal, set)) continue;
            const needsAll = set.every(
              (m) =>
                !reachesGoal(
                  graph,
                  goal,
                  set.filter((x) => x !== m),
                ),
            );
            if (needsAll) minimal.push(set.join(','));
          }
          const listed = [solution.best, ...solution.alternatives].map((s) => s.messUps.join(','));
          expect(listed.sort(), goal).toEqual(minimal.sort());
        }
      }),
      // Four and a half times the usual runs: about five in six random clusters are too large
      // to brute-force (each namespace is also a place a powerful credential may be kept), and
      // at least 50 must be checked (about 75 are, on average).
      { numRuns: 450 },
    );
    expect(checked).toBeGreaterThan(50);
  }, 150_000);

  it('with no budget left for the search, every single mess-up that suffices is still listed', () => {
    const noSearch = { ...defaultLimits, alternativeWork: 0 };
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const { graph, goals, watchers } = grounded(cluster);
        for (const goal of goals) {
          const { problem, solution } = solveGoal(graph, `goal:${goal}`, noSearch, watchers);
          if (!solution.best || solution.best.cost === 0) continue;
          const limit = solution.best.cost + 1;
          const singles = (problem?.candidates ?? [])
            .filter((m) => graph.messUps[m]!.cost <= limit && reachesGoal(graph, goal, [m]))
            .map(String);
          const listed = [solution.best, ...solution.alternatives]
            .filter((s) => s.messUps.length === 1)
            .map((s) => String(s.messUps[0]));
          expect(listed.sort(), goal).toEqual(singles.sort());
        }
      }),
      runs,
    );
  });
});

describe('the analysis is deterministic', () => {
  const stable = (r: AnalysisResult) => ({
    goals: r.goals,
    findings: r.findings,
    diagnostics: r.diagnostics,
  });

  it('the same input gives the same numbers, witnesses, alternatives, findings and diagnostics', () => {
    fc.assert(
      fc.property(clusterArbitrary, clusterArbitrary, (cluster, other) => {
        const files = clusterFiles(cluster);
        const first = analyze(files);
        // Whatever ran in between (caches, shared state) must not change the answer.
        analyze(clusterFiles(other));
        const again = analyze(clusterFiles(cluster));
        expect(stable(again)).toEqual(stable(first));
      }),
      { numRuns: 50 },
    );
  });
});
