import { buildGame, deriveSeed, strategyEntry, type Game } from '@jcaco/model';
import type { Row } from '../data/csv.js';
import { summarize } from '../data/stats.js';
import { concat, legendFor, lineBand, withLegend, type SeriesSpec } from '../figures/charts.js';
import { axisTitle } from '../figures/labels.js';
import { makeScenario, type ScenarioRecipe } from '../scenarios.js';
import { fmt, fmtCi, num, trajectoryAt as at, resultTable } from './common.js';
import { predictOde, uniformPlayBound } from './masl-adapter.js';
import { maslSchedule, maslTasks, plotSpan, runTracedMasl, timingTable, trajectoryTable } from './traced-masl.js';
import type { TracedMaslInput } from './traced-masl.js';
import type { Experiment, Plan, PlanContext } from './types.js';

/** Experiment 1: convergence of MASL, with the ODE prediction and one UE's strategy probabilities. */

const ID = 1;

interface Input extends TracedMaslInput {
  /** Rep 0 follows one UE's probabilities and integrates the ODE. */
  follow: boolean;
  ue: number;
}

interface Output {
  rep: number;
  seed: number;
  slots: number;
  converged: boolean;
  final: Row;
  trajectory: Row[];
  wallTimeS: number;
  ue?: { labels: string[]; top: number[]; samples: Array<{ slot: number; p: number[] }> };
  ode?: {
    slots: number[];
    expectedPotential: number[];
    expectedMeanTime: number[];
    ue: number[][] | null;
    status: string;
  };
}

/** A readable name of a strategy code: AP · ES · model · steps. */
export function strategyLabel(game: Game, code: number): string {
  const e = strategyEntry(game, code);
  return `${e.ap} · ${e.server} · ${e.model} · ${e.steps} steps`;
}

function grid(maxSlots: number, every: number): number[] {
  const out: number[] = [];
  for (let s = 0; s <= maxSlots; s += every) out.push(s);
  return out;
}

export const convergenceExperiment: Experiment<Input, Output> = {
  name: 'convergence',
  title: '1. Convergence of MASL',
  claim:
    'MASL converges: the mean completion time and the potential decrease over the slots to a pure Nash equilibrium, as the mean ODE predicts.',
  plan(ctx: PlanContext): Plan<Input> {
    const schedule = maslSchedule(ctx.mode, [10_000, 40_000, 150_000], 1000, [2, 6, 20]);
    const { stepSize, maxSlots, traceEvery, reps } = schedule;
    const recipe: ScenarioRecipe = { preset: 'paper', ues: 30, seed: deriveSeed(ctx.seed, ID, 0) };
    const tasks: Input[] = maslTasks(schedule, ctx.seed, ID, () => recipe).map((t) => ({
      ...t,
      follow: t.rep === 0,
      ue: 0,
    }));
    const params = {
      recipe,
      stepSize,
      epsilon: 'MASL default (0.01)',
      normalisation:
        "fixed: the paper's reward r = 1 − T/T_i^max with T_i^max = 1.5 × UE i's largest expected time under uniform play (stationary, as the ODE of docs/spec-model.md §7 assumes)",
      maxSlots,
      traceEvery,
      replications: reps,
      followedUe: 0,
      seeds: `MASL seed of run r = deriveSeed(seed, ${ID}, 1, r); one scenario for all runs`,
    };
    return { tasks, costs: tasks.map((t) => ((t.follow ? 3 : 1) * maxSlots) / 1000), params, notes: [] };
  },
  run(input: Input): Output {
    const game = buildGame(makeScenario(input.recipe));
    const samples: Array<{ slot: number; p: number[] }> = [];
    const lo = game.offsets[input.ue]!;
    const hi = game.offsets[input.ue + 1]!;
    const tmax = uniformPlayBound(game);
    const { run, wallTimeS } = runTracedMasl(game, input, {
      normalisation: 'fixed',
      tmax,
      tmin: 0,
      ...(input.follow
        ? {
            onSample: (slot: number, p: Float64Array) => samples.push({ slot, p: Array.from(p.subarray(lo, hi)) }),
            sampleEvery: input.traceEvery,
          }
        : {}),
    });
    const trajectory = run.trajectory.map((r) => ({
      rep: input.rep,
      slot: r.iteration,
      meanTime: r.meanTime,
      potential: r.potential,
      expectedPotential: r.expectedPotential ?? null,
      observedMeanTime: r.observedMeanTime ?? null,
      convergedShare: r.convergedShare ?? null,
      maxDeviationGain: r.maxDeviationGain ?? null,
    }));
    const res = run.result;
    const out: Output = {
      rep: input.rep,
      seed: input.seed,
      slots: run.slots,
      converged: res.converged,
      final: {
        meanTime: res.meanTime,
        potential: res.potential,
        maxDeviationGain: res.maxDeviationGain,
        qualityMet: res.qualityMet,
      },
      trajectory,
      wallTimeS,
    };
    if (input.follow) {
      const final = run.probabilities.subarray(lo, hi);
      const idx = Array.from(final.keys())
        .sort((a, b) => final[b]! - final[a]! || a - b)
        .slice(0, 4);
      out.ue = {
        labels: Array.from({ length: hi - lo }, (_, a) => strategyLabel(game, game.strategies[lo + a]!)),
        top: idx,
        samples,
      };
      const slots = grid(input.maxSlots, input.traceEvery);
      const pred = predictOde(game, { tmax, stepSize: input.stepSize, slots, ue: input.ue });
      out.ode = {
        slots: pred.slots,
        expectedPotential: pred.expectedPotential,
        expectedMeanTime: pred.expectedMeanTime,
        ue: pred.ueProbabilities,
        status: pred.status,
      };
    }
    return out;
  },
  summarize(outputs: Output[], plan: Plan<Input>) {
    const first = plan.tasks[0]!;
    // Plot up to a little past the slowest run's stop (the budget is generous), on ≈ 200 points.
    const longest = Math.max(...outputs.map((o) => o.slots));
    const span = plotSpan(longest, first.maxSlots, first.traceEvery);
    const every = Math.max(1, Math.ceil(span / 200 / first.traceEvery)) * first.traceEvery;
    const slots = grid(span, every);
    const curves: Row[] = [];
    const series = [
      { field: 'observedMeanTime', quantity: 'meanTime', name: 'MASL: realised mean time in the slot' },
      { field: 'meanTime', quantity: 'meanTime', name: 'MASL: most likely profile' },
      { field: 'expectedPotential', quantity: 'potential', name: 'MASL: E_p[Φ] of the mixed strategies' },
      { field: 'potential', quantity: 'potential', name: 'MASL: most likely profile' },
    ];
    for (const s of series) {
      for (const slot of slots) {
        const vals = outputs.map((o) => at(o.trajectory, slot, s.field));
        const sm = summarize(vals);
        if (sm.n === 0) continue;
        curves.push({
          slot,
          quantity: s.quantity,
          series: s.name,
          n: sm.n,
          mean: sm.mean,
          ciLow: sm.ciLow,
          ciHigh: sm.ciHigh,
        });
      }
    }
    const notes: string[] = [];
    const rep0 = outputs.find((o) => o.ue !== undefined);
    const odeRows: Row[] = [];
    const ueRows: Row[] = [];
    if (rep0?.ode) {
      const ode = rep0.ode;
      ode.slots.forEach((slot, k) => {
        odeRows.push({
          slot,
          expectedPotential: ode.expectedPotential[k]!,
          expectedMeanTime: ode.expectedMeanTime[k]!,
        });
        if (slot > span || Math.round(slot) % every !== 0) return;
        curves.push({
          slot,
          quantity: 'meanTime',
          series: 'ODE prediction: E_p[T]',
          n: 1,
          mean: ode.expectedMeanTime[k]!,
          ciLow: null,
          ciHigh: null,
        });
        curves.push({
          slot,
          quantity: 'potential',
          series: 'ODE prediction: V(p) = E_p[Φ]',
          n: 1,
          mean: ode.expectedPotential[k]!,
          ciLow: null,
          ciHigh: null,
        });
      });
      if (ode.status !== 'success') notes.push(`the ODE integration ended with status ${ode.status}`);
    }
    if (rep0?.ue) {
      const { labels, top, samples } = rep0.ue;
      for (const s of samples) {
        if (s.slot > span || s.slot % every !== 0) continue;
        let rest = 1;
        for (const a of top) {
          ueRows.push({ slot: s.slot, strategy: labels[a]!, source: 'MASL (run 1)', probability: s.p[a]! });
          rest -= s.p[a]!;
        }
        ueRows.push({
          slot: s.slot,
          strategy: 'all other strategies',
          source: 'MASL (run 1)',
          probability: Math.max(0, rest),
        });
      }
      const ode = rep0.ode ?? null;
      if (ode?.ue) {
        ode.slots.forEach((slot, k) => {
          if (slot > span || Math.round(slot) % every !== 0) return;
          const p = ode.ue![k]!;
          let rest = 1;
          for (const a of top) {
            ueRows.push({ slot, strategy: labels[a]!, source: 'ODE prediction', probability: p[a]! });
            rest -= p[a]!;
          }
          ueRows.push({
            slot,
            strategy: 'all other strategies',
            source: 'ODE prediction',
            probability: Math.max(0, rest),
          });
        });
      }
    }
    const runs: Row[] = outputs.map((o) => ({
      rep: o.rep,
      seed: o.seed,
      slots: o.slots,
      converged: o.converged,
      ...o.final,
    }));
    const seriesOrder = [
      'MASL: realised mean time in the slot',
      'MASL: most likely profile',
      'MASL: E_p[Φ] of the mixed strategies',
      'ODE prediction: E_p[T]',
      'ODE prediction: V(p) = E_p[Φ]',
    ];
    const n = outputs.length;
    const curveSeries: SeriesSpec = { field: 'series', title: 'Series', domain: seriesOrder };
    const strategies: SeriesSpec = {
      field: 'strategy',
      title: 'Strategy (AP · ES · model · steps)',
      domain: [...new Set(ueRows.map((r) => String(r.strategy)))],
    };
    const sources: SeriesSpec = { field: 'source', title: 'Source', domain: ['MASL (run 1)', 'ODE prediction'] };
    const figures = [
      {
        name: 'convergence',
        title: 'MASL convergence: mean completion time and potential vs slot',
        caption: `MASL on one paper-preset scenario (30 UEs), step size b = ${first.stepSize}, with the paper's reward r = 1 − T/Tᵢᵐᵃˣ (Tᵢᵐᵃˣ: 1.5 × the UE's largest expected time under uniform play). MASL curves are means over n = ${n} runs with different seeds; bands are 95 % Student-t confidence intervals, cut at 0. A run that met the stop rule keeps its final value. The ODE of docs/spec-model.md §7 is integrated from the uniform point and drawn on the slot scale t = b · slot.`,
        spec: withLegend(
          concat(
            (['meanTime', 'potential'] as const).map((quantity) =>
              lineBand({
                table: 'curves',
                filter: `datum.quantity === '${quantity}'`,
                x: { field: 'slot', title: axisTitle('slot') },
                y: { field: 'mean', title: axisTitle(quantity), zero: false },
                series: curveSeries,
                points: 'sparse',
                width: 380,
              }),
            ),
            'h',
          ),
          legendFor({ series: curveSeries }),
        ),
      },
      ...(ueRows.length
        ? [
            {
              name: 'ue-probabilities',
              title: "One UE's strategy probabilities vs slot",
              caption: `UE ${first.ue + 1}'s probabilities pᵢ,ₐ of its four most likely final strategies (AP · ES · model · steps) and of all others together, in MASL run 1 (solid) and as the ODE of docs/spec-model.md §7 predicts (dashed); one run, so no interval. Paper preset, 30 UEs, b = ${first.stepSize}.`,
              spec: withLegend(
                lineBand({
                  table: 'ue-probabilities',
                  x: { field: 'slot', title: axisTitle('slot') },
                  y: { field: 'probability', title: axisTitle('probability'), domain: [0, 1] },
                  mean: 'probability',
                  interval: null,
                  series: strategies,
                  dash: sources,
                  points: 'sparse',
                  width: 520,
                }),
                legendFor({ series: strategies, dash: sources }),
              ),
            },
          ]
        : []),
    ];
    const slotsS = summarize(outputs.map((o) => o.slots));
    const conv = outputs.filter((o) => o.converged).length;
    const startT = curves.find(
      (r) => r.series === 'MASL: realised mean time in the slot' && Number.isFinite(num(r.mean)),
    );
    const endT = summarize(outputs.map((o) => num(o.final.meanTime)));
    const gain = summarize(outputs.map((o) => num(o.final.maxDeviationGain)));
    const last = slots[slots.length - 1]!;
    const odeEnd = odeRows.find((r) => r.slot === last) ?? odeRows[odeRows.length - 1];
    const maslPhiEnd = curves.find((r) => r.series === 'MASL: E_p[Φ] of the mixed strategies' && r.slot === last);
    const reading = [
      `${conv} of ${outputs.length} runs met the stop rule (every UE at least 99 % sure) within ${first.maxSlots} slots, after ${fmt(slotsS.mean)} ± ${fmt(slotsS.halfWidth, 2)} slots on average.`,
      startT
        ? `The realised mean completion time falls from ${fmt(num(startT.mean))} s at slot ${String(startT.slot)} (near-uniform play) to ${fmt(endT.mean)} ± ${fmt(endT.halfWidth, 2)} s at the learned profile.`
        : '',
      `The learned profiles leave a largest unilateral gain of ${fmt(gain.mean)} ± ${fmt(gain.halfWidth, 2)} s (0 at a pure Nash equilibrium).`,
      odeEnd && maslPhiEnd
        ? `At slot ${last} the ODE predicts V = ${fmt(num(odeEnd.expectedPotential))} s against MASL's 𝔼ₚ[Φ] = ${fmtCi(maslPhiEnd)} s.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    const headline = [
      {
        label: 'Slots to the stop rule (b = ' + first.stepSize + ')',
        value: `${fmt(slotsS.mean)} ± ${fmt(slotsS.halfWidth, 2)}`,
      },
      { label: 'Runs converged', value: `${conv}/${outputs.length}` },
      {
        label: 'Mean completion time at the learned profile',
        value: `${fmt(endT.mean)} ± ${fmt(endT.halfWidth, 2)} s`,
      },
      {
        label: 'Largest deviation gain at the learned profile',
        value: `${fmt(gain.mean)} ± ${fmt(gain.halfWidth, 2)} s`,
      },
    ];
    return {
      tables: [
        resultTable(
          'curves',
          'per slot and series: mean and 95 % CI over runs (ODE rows: the prediction)',
          ['slot', 'quantity', 'series', 'n', 'mean', 'ciLow', 'ciHigh'],
          curves,
        ),
        trajectoryTable(
          [
            'rep',
            'slot',
            'meanTime',
            'potential',
            'expectedPotential',
            'observedMeanTime',
            'convergedShare',
            'maxDeviationGain',
          ],
          outputs,
        ),
        resultTable(
          'ode',
          'the ODE prediction on the slot scale',
          ['slot', 'expectedPotential', 'expectedMeanTime'],
          odeRows,
        ),
        resultTable(
          'ue-probabilities',
          "one UE's strategy probabilities in run 1 and in the ODE",
          ['slot', 'strategy', 'source', 'probability'],
          ueRows,
        ),
        resultTable(
          'runs',
          'one row per run: slots, convergence and the learned profile',
          ['rep', 'seed', 'slots', 'converged', 'meanTime', 'potential', 'maxDeviationGain', 'qualityMet'],
          runs,
        ),
        timingTable(['rep'], outputs),
      ],
      figures,
      reading,
      headline,
      notes,
    };
  },
};
