#!/usr/bin/env node
// Outreach planner benchmark: @adminduk/domain's planVisits against the roundRobinPlan baseline on Kabupaten
// Nagekeo (7 kecamatan, 113 villages, 3 teams, 52 weeks), then a province-sized input (NTT, province 53: all
// its villages, 3 teams in each of its 22 regencies), and the coverage projection. Prints figures; asserts
// nothing (timings belong here, not in tests).
//
//   (cd libs/domain && node build.mjs)        builds libs/domain/dist/esm, which this script imports
//   node tools/bench/planner-bench.mjs [--runs 3] [--seed 20261127] [--skip-ntt]
//
// The villages are real (the library's village list, 2025 edition); everything else is synthetic and seeded:
// backlog, travel times and team set-up are made up to look like Nagekeo (totals scaled to its May 2023
// figures: 122,478 wajib KTP, 19,040 not recorded), not measured. Holidays are an illustrative list.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'libs/domain/dist/esm');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('libs/domain/dist/esm is missing: run (cd libs/domain && node build.mjs) first.');
  process.exit(2);
}
const domain = await import(join(dist, 'index.js'));
const { listVillages } = await import(join(dist, 'villages.js'));
const { planVisits, roundRobinPlan, projectCoverage, capacityForDate, listDistricts, listRegencies } = domain;
if (typeof planVisits !== 'function') {
  console.error('this build of @adminduk/domain has no planVisits: rebuild it (cd libs/domain && node build.mjs).');
  process.exit(2);
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const RUNS = Number(arg('runs', 3));
const SEED = Number(arg('seed', 20261127));
const SKIP_NTT = process.argv.includes('--skip-ntt');

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const between = (lo, hi) => lo + random() * (hi - lo);
const int = (lo, hi) => Math.floor(between(lo, hi + 1));

const ASOF = '2026-11-27';
const START = '2026-11-30';
// Illustrative national holidays and cuti bersama on Wednesdays and Fridays of the horizon (not an official list).
const HOLIDAYS = ['2026-12-25', '2027-01-01', '2027-03-10', '2027-03-12', '2027-03-26', '2027-05-14', '2027-06-16', '2027-12-24'];
const BLACKOUTS = ['2027-02-17']; // e.g. an office-wide event
const ALL_SERVICES = ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'];

/**
 * Villages of a regency with a synthetic backlog: one-way travel minutes drawn from a range per kecamatan;
 * wajib KTP, e-KTP backlog and new wajib KTP per week scaled to `totals(numberOfVillages)`.
 */
function regencyVillages(regencyCode, travelRange, totalsFor) {
  const out = [];
  for (const district of listDistricts(regencyCode)) {
    const [lo, hi] = travelRange(district);
    for (const village of listVillages(district.code)) {
      out.push({
        code: village.code,
        districtCode: district.code,
        travelMinutes: Math.round(between(lo, hi)),
        size: between(400, 1800),
        gap: between(0.04, 0.3),
        backlog: { BIRTH_DEED: int(0, 40), KIA: int(40, 300), APPLICATION: int(0, 15), HANDOVER: int(0, 30) },
      });
    }
  }
  // Scale wajib KTP and e-KTP backlog to the totals.
  const totals = totalsFor(out.length);
  const sizeSum = out.reduce((s, v) => s + v.size, 0);
  for (const v of out) v.wajibKtp = Math.round((v.size / sizeSum) * totals.wajibKtp);
  const gapSum = out.reduce((s, v) => s + v.wajibKtp * v.gap, 0);
  for (const v of out) {
    v.backlog.EKTP_RECORDING = Math.min(v.wajibKtp, Math.round(((v.wajibKtp * v.gap) / gapSum) * totals.notRecorded));
    v.newWajibKtpPerWeek = (v.wajibKtp / totals.wajibKtp) * totals.newPerWeek;
    delete v.size;
    delete v.gap;
  }
  return out;
}

const ms = (t) => `${t.toFixed(0)} ms`;
const num = (n) => Math.round(n).toLocaleString('en-US');
function timed(fn, runs) {
  const times = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { result, first: times[0], median: sorted[Math.floor(sorted.length / 2)] };
}
const dayOf = (weeks) => new Date(Date.UTC(2026, 10, 30) + (7 * weeks - 1) * 86_400_000).toISOString().slice(0, 10);
function closedBy(plan, weeks) {
  const last = dayOf(weeks);
  let all = 0;
  let ektp = 0;
  for (const v of plan.visits) {
    if (v.date > last) break;
    ektp += v.services.EKTP_RECORDING;
    for (const k of ALL_SERVICES) all += v.services[k];
  }
  return { all, ektp };
}
function report(name, input, runs) {
  const plan = timed(() => planVisits(input), runs);
  const baseline = timed(() => roundRobinPlan(input), 1);
  if (!plan.result.ok) throw new Error(JSON.stringify(plan.result.errors.slice(0, 5)));
  const p = plan.result.value;
  const b = baseline.result.value;
  const backlog = ALL_SERVICES.reduce((s, k) => s + p.backlog[k], 0);
  console.log(`\n## ${name}: ${num(input.villages.length)} villages, ${input.teams.length} teams, ${input.weeks} weeks, ${p.serviceDates.length} service days`);
  console.log(`planVisits      ${ms(plan.median)} median of ${runs} (first run ${ms(plan.first)}); ${p.visits.length} visits; search: ${JSON.stringify(p.search)}`);
  console.log(`roundRobinPlan  ${ms(baseline.median)}; ${b.visits.length} visits`);
  console.log(`objective (weighted resident-days): planner ${num(p.objective)}, round robin ${num(b.objective)}, ratio ${(p.objective / b.objective).toFixed(4)}; greedy alone ${num(p.search.greedyObjective)} (${(p.search.greedyObjective / b.objective).toFixed(4)})`);
  console.log(`backlog: ${num(backlog)} in all, ${num(p.backlog.EKTP_RECORDING)} e-KTP recordings`);
  console.log('closed after     planner: all (e-KTP)          round robin: all (e-KTP)');
  for (const w of [4, 12, 26, 52].filter((w) => w <= input.weeks)) {
    const a = closedBy(p, w);
    const r = closedBy(b, w);
    console.log(`  ${String(w).padStart(2)} weeks       ${num(a.all).padStart(8)} (${num(a.ektp).padStart(6)})        ${num(r.all).padStart(8)} (${num(r.ektp).padStart(6)})`);
  }
  return { plan: p, baseline: b };
}

console.log(`# Outreach planner benchmark (Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, seed ${SEED})`);

// ---- Nagekeo --------------------------------------------------------------------------------------------
// One-way minutes from the office in Mbay by kecamatan (synthetic ranges: Aesesa holds Mbay; Mauponggo is the
// far south coast).
const NAGEKEO_TRAVEL = { '531601': [10, 40], '531607': [30, 60], '531605': [45, 90], '531603': [45, 90], '531606': [60, 120], '531602': [75, 120], '531604': [90, 150] };
const nagekeoVillages = regencyVillages('5316', (d) => NAGEKEO_TRAVEL[d.code] ?? [30, 120], () => ({ wajibKtp: 122478, notRecorded: 19040, newPerWeek: 50 }));
const south = Object.fromEntries(
  nagekeoVillages.filter((v) => ['531604', '531606', '531602'].includes(v.districtCode)).map((v) => [v.code, Math.round(between(10, 60))]),
);
const nagekeo = {
  asOf: ASOF,
  startDate: START,
  weeks: 52,
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
const { plan } = report('Kabupaten Nagekeo (53.16)', nagekeo, RUNS);

const t0 = performance.now();
const withPlan = projectCoverage(nagekeo, { plan });
const perWeek = projectCoverage(nagekeo, { teamDaysPerWeek: 6 });
const capacity = capacityForDate(nagekeo, '2027-12-31');
const t1 = performance.now();
const when = (area) => (area.target ? `${area.target.date} (week ${area.target.week})` : 'not within the projection');
console.log(`\ncoverage (e-KTP recorded / wajib KTP, target 99.4%), projections in ${ms(t1 - t0)}:`);
console.log(`  start ${withPlan.value.overall.start.percent}%; after the 52-week plan ${withPlan.value.overall.end.percent}%, target: ${when(withPlan.value.overall)}`);
console.log(`  at 6 team-days a week (fluid bound): regency ${when(perWeek.value.overall)}; by kecamatan:`);
for (const d of perWeek.value.districts) console.log(`    ${d.code} ${String(d.start.percent).padStart(6)}% -> ${when(d)}`);
const answer = (a) => (a ? `${a.teamDaysPerWeek} team-days a week (${a.teams} teams), reached ${a.reached.date}` : 'unreachable');
console.log(`  99.4% by 2027-12-31: regency ${answer(capacity.value.overall)}; every kecamatan ${answer(capacity.value.everyKecamatan)}`);

// ---- Nusa Tenggara Timur ------------------------------------------------------------------------------
if (!SKIP_NTT) {
  const villages = [];
  const teams = [];
  for (const regency of listRegencies('53')) {
    // Each regency's teams start from its own office; travel by kecamatan from 10–40 up to 60–150 minutes.
    const ranges = new Map(listDistricts(regency.code).map((d) => [d.code, [between(10, 60), 0]]));
    for (const r of ranges.values()) r[1] = r[0] + between(30, 90);
    // About 1,000 wajib KTP per village, 13% not recorded, 0.4 new a week.
    const own = regencyVillages(regency.code, (d) => ranges.get(d.code), (n) => ({ wajibKtp: 1000 * n, notRecorded: 130 * n, newPerWeek: 0.4 * n }));
    const base = Object.fromEntries(own.map((v) => [v.code, v.travelMinutes]));
    for (let j = 1; j <= 3; j++) {
      teams.push({ id: `${regency.code}-${j}`, services: ALL_SERVICES, capacity: { EKTP_RECORDING: j === 3 ? 40 : 60 }, base: { name: regency.name, travelMinutes: base } });
    }
    villages.push(...own);
  }
  const ntt = { asOf: ASOF, startDate: START, weeks: 52, holidays: HOLIDAYS, blackouts: BLACKOUTS, teams, villages };
  report('Provinsi Nusa Tenggara Timur (53)', ntt, 1);
}
