/**
 * The planner benchmark's workload, run in a process of its own (so that its peak RSS is its own): the domain
 * library's planVisits against roundRobinPlan on Kabupaten Nagekeo (7 kecamatan, 113 villages, 3 teams) and on
 * the province (NTT: every village of its 22 regencies, 3 teams in each regency). Prints one JSON line.
 *
 *   node -r ./tools/scripts/ts-register.cjs bench/lib/planner-worker.ts [--weeks 52] [--runs 3] [--ntt-regencies 22] [--skip-ntt]
 *
 * The villages are real (the library's village list, 2025 edition); everything else is synthetic and seeded:
 * backlog, travel times and team set-up are made up to look like Nagekeo (totals scaled to its May 2023 figures:
 * 122,478 wajib KTP, 19,040 not recorded), not measured. Holidays are an illustrative list. The input is made as
 * tools/bench/planner-bench.mjs makes it (same seed, same draws), which prints the detailed report (backlog closed
 * week by week, coverage projections) from the built library; this runs the sources, for the benchmark tables.
 */
import { listDistricts, listRegencies, planVisits, roundRobinPlan, type OutreachInput, type OutreachVillage, type ServiceKind } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const WEEKS = Number(arg('weeks', '52'));
const RUNS = Number(arg('runs', '3'));
const NTT_REGENCIES = Number(arg('ntt-regencies', '99'));
const SKIP_NTT = process.argv.includes('--skip-ntt');

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261127);
const between = (lo: number, hi: number) => lo + random() * (hi - lo);
const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));

const ASOF = '2026-11-27';
const START = '2026-11-30';
// Illustrative national holidays and cuti bersama on Wednesdays and Fridays of the horizon (not an official list).
const HOLIDAYS = ['2026-12-25', '2027-01-01', '2027-03-10', '2027-03-12', '2027-03-26', '2027-05-14', '2027-06-16', '2027-12-24'];
const BLACKOUTS = ['2027-02-17'];
const ALL_SERVICES: ServiceKind[] = ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'];

interface Totals {
  readonly wajibKtp: number;
  readonly notRecorded: number;
  readonly newPerWeek: number;
}

/** The villages of a regency with a synthetic backlog scaled to `totalsFor(numberOfVillages)`. */
function regencyVillages(regencyCode: string, travelRange: (districtCode: string) => readonly [number, number], totalsFor: (n: number) => Totals): OutreachVillage[] {
  const draft: { code: string; districtCode: string; travelMinutes: number; size: number; gap: number; backlog: Record<string, number> }[] = [];
  for (const district of listDistricts(regencyCode)) {
    const [lo, hi] = travelRange(district.code);
    for (const village of listVillages(district.code)) {
      draft.push({
        code: village.code,
        districtCode: district.code,
        travelMinutes: Math.round(between(lo, hi)),
        size: between(400, 1800),
        gap: between(0.04, 0.3),
        backlog: { BIRTH_DEED: int(0, 40), KIA: int(40, 300), APPLICATION: int(0, 15), HANDOVER: int(0, 30) },
      });
    }
  }
  const totals = totalsFor(draft.length);
  const sizeSum = draft.reduce((s, v) => s + v.size, 0);
  const wajib = draft.map((v) => Math.round((v.size / sizeSum) * totals.wajibKtp));
  const gapSum = draft.reduce((s, v, i) => s + (wajib[i] as number) * v.gap, 0);
  return draft.map((v, i) => {
    const wajibKtp = wajib[i] as number;
    return {
      code: v.code,
      districtCode: v.districtCode,
      travelMinutes: v.travelMinutes,
      wajibKtp,
      backlog: { ...v.backlog, EKTP_RECORDING: Math.min(wajibKtp, Math.round(((wajibKtp * v.gap) / gapSum) * totals.notRecorded)) },
      newWajibKtpPerWeek: (wajibKtp / totals.wajibKtp) * totals.newPerWeek,
    } as OutreachVillage;
  });
}

/** What one measurement of the worker reports (read by planner.bench.ts). */
export interface Measured {
  readonly villages: number;
  readonly teams: number;
  readonly weeks: number;
  readonly plannerMs: number;
  readonly plannerFirstMs: number;
  readonly roundRobinMs: number;
  readonly plannerObjective: number;
  readonly roundRobinObjective: number;
  readonly visits: number;
  /** e-KTP recordings the plan makes within its weeks. */
  readonly plannerEktp: number;
  readonly roundRobinEktp: number;
}

const ektpOf = (visits: readonly { services: Readonly<Partial<Record<ServiceKind, number>>> }[]): number => visits.reduce((sum, v) => sum + (v.services.EKTP_RECORDING ?? 0), 0);

function measure(input: OutreachInput, runs: number): Measured {
  const times: number[] = [];
  let plan: ReturnType<typeof planVisits> | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    plan = planVisits(input);
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const baseline = roundRobinPlan(input);
  const roundRobinMs = performance.now() - t0;
  if (!plan?.ok || !baseline.ok) throw new Error(`the planner refused the input: ${JSON.stringify(plan && !plan.ok ? plan.errors.slice(0, 3) : baseline)}`);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    villages: input.villages.length,
    teams: input.teams.length,
    weeks: input.weeks,
    plannerMs: sorted[Math.floor(sorted.length / 2)] as number,
    plannerFirstMs: times[0] as number,
    roundRobinMs,
    plannerObjective: plan.value.objective,
    roundRobinObjective: baseline.value.objective,
    visits: plan.value.visits.length,
    plannerEktp: ektpOf(plan.value.visits),
    roundRobinEktp: ektpOf(baseline.value.visits),
  };
}

// Nagekeo: one-way minutes from the office in Mbay by kecamatan (synthetic ranges: Aesesa holds Mbay; Mauponggo is
// the far south coast).
const NAGEKEO_TRAVEL: Record<string, readonly [number, number]> = {
  '531601': [10, 40],
  '531607': [30, 60],
  '531605': [45, 90],
  '531603': [45, 90],
  '531606': [60, 120],
  '531602': [75, 120],
  '531604': [90, 150],
};
const nagekeoVillages = regencyVillages('5316', (d) => NAGEKEO_TRAVEL[d] ?? [30, 120], () => ({ wajibKtp: 122_478, notRecorded: 19_040, newPerWeek: 50 }));
const south = Object.fromEntries(nagekeoVillages.filter((v) => ['531604', '531606', '531602'].includes(v.districtCode)).map((v) => [v.code, Math.round(between(10, 60))]));
const nagekeo: OutreachInput = {
  asOf: ASOF,
  startDate: START,
  weeks: WEEKS,
  holidays: HOLIDAYS,
  blackouts: BLACKOUTS,
  teams: [
    { id: 'Tim 1', services: ALL_SERVICES, capacity: { EKTP_RECORDING: 60 } },
    { id: 'Tim 2', services: ALL_SERVICES, capacity: { EKTP_RECORDING: 60 } },
    // Stationed in Mauponggo, with an older kit, serving the south.
    { id: 'Tim 3 (Mauponggo)', services: ALL_SERVICES, capacity: { EKTP_RECORDING: 40 }, base: { name: 'Kantor Camat Mauponggo', travelMinutes: south } },
  ],
  villages: nagekeoVillages,
};
const result: { nagekeo: Measured; ntt?: Measured } = { nagekeo: measure(nagekeo, RUNS) };

if (!SKIP_NTT) {
  const villages: OutreachVillage[] = [];
  const teams: OutreachInput['teams'][number][] = [];
  for (const regency of listRegencies('53').slice(0, NTT_REGENCIES)) {
    // Each regency's teams start from its own office; travel by kecamatan from 10–40 up to 60–150 minutes.
    const ranges = new Map(listDistricts(regency.code).map((d) => [d.code, [between(10, 60), 0] as [number, number]]));
    for (const r of ranges.values()) r[1] = r[0] + between(30, 90);
    // About 1,000 wajib KTP per village, 13% not recorded, 0.4 new a week.
    const own = regencyVillages(regency.code, (d) => ranges.get(d) ?? [30, 120], (n) => ({ wajibKtp: 1000 * n, notRecorded: 130 * n, newPerWeek: 0.4 * n }));
    const base = Object.fromEntries(own.map((v) => [v.code, v.travelMinutes]));
    for (let j = 1; j <= 3; j++) {
      teams.push({ id: `${regency.code}-${j}`, services: ALL_SERVICES, capacity: { EKTP_RECORDING: j === 3 ? 40 : 60 }, base: { name: regency.name, travelMinutes: base } });
    }
    villages.push(...own);
  }
  result.ntt = measure({ asOf: ASOF, startDate: START, weeks: WEEKS, holidays: HOLIDAYS, blackouts: BLACKOUTS, teams, villages }, 1);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
