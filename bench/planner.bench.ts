/**
 * Planner benchmark: the outreach planner (`planVisits` of @adminduk/domain) for 52 weeks of Wednesday and Friday
 * visits, on Kabupaten Nagekeo (113 villages, 3 teams) and on Nusa Tenggara Timur (about 3,400 villages, 3 teams in
 * each of its 22 regencies), against the round-robin plan (`roundRobinPlan`) of the same input in the same run —
 * for time and for the plan's objective (weighted resident-days waited: lower is better). The workload runs in a
 * process of its own (bench/lib/planner-worker.ts). Targets (issue 9): Nagekeo ≤ 1 s, NTT ≤ 30 s.
 */
import { join } from 'node:path';
import { progress } from './lib/cleanup';
import type { Measured } from './lib/planner-worker';
import { figure, type BenchResult, type Figure } from './lib/report';
import { ROOT, runScript } from './lib/service';

export interface PlannerOptions {
  readonly weeks?: number;
  readonly runs?: number;
  /** How many of NTT's regencies (default all 22); 0 leaves NTT out. */
  readonly nttRegencies?: number;
}

export const PLANNER_SMOKE: PlannerOptions = { weeks: 2, runs: 1, nttRegencies: 1 };

export async function runPlanner(options: PlannerOptions = {}): Promise<BenchResult> {
  const weeks = options.weeks ?? 52;
  const runs = options.runs ?? 3;
  const nttRegencies = options.nttRegencies ?? 99;
  progress('planner', `planning ${weeks} weeks for Nagekeo${nttRegencies > 0 ? ' and NTT' : ''}…`);
  const args = ['--weeks', String(weeks), '--runs', String(runs), ...(nttRegencies > 0 ? ['--ntt-regencies', String(nttRegencies)] : ['--skip-ntt'])];
  const run = await runScript(join(ROOT, 'bench', 'lib', 'planner-worker.ts'), args, {});
  if (run.code !== 0) throw new Error(`the planner worker failed (exit ${run.code}):\n${run.stderr.slice(-3000)}`);
  const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { nagekeo: Measured; ntt?: Measured };
  const rows = (label: string, m: Measured, targetMs: number): Figure[] => [
    figure(`${label}: ${m.villages.toLocaleString('en-US')} villages, ${m.teams} teams, ${m.weeks} weeks — planVisits${m === result.nagekeo ? ` (median of ${runs})` : ''}`, m.plannerMs, 'ms', {
      baseline: { name: 'roundRobinPlan', value: m.roundRobinMs },
      target: { kind: 'max', value: targetMs },
    }),
    figure(`${label}: plan objective (weighted resident-days, lower is better)`, m.plannerObjective, 'resident-days', { baseline: { name: 'roundRobinPlan', value: m.roundRobinObjective } }),
    figure(`${label}: e-KTP recordings planned in the ${m.weeks} weeks`, m.plannerEktp, 'recordings', { baseline: { name: 'roundRobinPlan', value: m.roundRobinEktp } }),
  ];
  const figures: Figure[] = [...rows('Nagekeo', result.nagekeo, 1_000)];
  if (result.ntt) figures.push(...rows(nttRegencies >= 22 ? 'NTT' : `NTT (${nttRegencies} regencies)`, result.ntt, 30_000));
  figures.push(figure('peak RSS: planner process', run.peakRssMb, 'MiB'));
  return {
    name: 'planner',
    title: `Planner: ${weeks} weeks of outreach visits`,
    command: 'npm run bench:planner',
    setup: `planVisits vs roundRobinPlan on the same input, one core; the villages are the real 2025 list, backlog, travel times and teams synthetic and seeded (bench/lib/planner-worker.ts); Nagekeo's time is the median of ${runs} runs, NTT's one run.`,
    figures,
    notes: ['The planner\'s first run in a process includes the JIT warming up; the median of later runs is the figure.'],
  };
}
