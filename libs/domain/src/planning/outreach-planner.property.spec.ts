// Properties of the outreach planner, the baseline and the coverage projection (fast-check), on generated
// inputs: random teams (services, kits, home bases), villages across Nagekeo's seven kecamatan, calendars
// with holidays and blackouts, day limits and service minutes (fractional and zero included).
import fc from 'fast-check';
import { SERVICE_KINDS, WEEKDAYS, DEFAULT_SERVICE_MINUTES, DEFAULT_WEIGHTS, type OutreachInput, type OutreachTeam, type OutreachVillage, type ServiceKind, type Weekday } from './outreach-input';
import { compileOutreachInput } from './outreach-input';
import { Engine } from './outreach-engine';
import { planVisits, roundRobinPlan } from './outreach-planner';
import type { OutreachPlan } from './outreach-engine';
import { capacityForDate, projectCoverage, type CoverageProjection, type WeekReached } from './coverage-projection';
import { NATIONAL_HOLIDAYS } from '../holidays';

const NATIONAL_DAYS = new Set(NATIONAL_HOLIDAYS.years.flatMap((y) => y.days.map((d) => d.date)));

const START = '2026-11-30';
const dateAt = (offset: number) => new Date(Date.UTC(2026, 10, 30) + offset * 86_400_000).toISOString().slice(0, 10);
const weekdayOf = (date: string) => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] as Weekday;
const DISTRICTS = ['531601', '531602', '531603', '531604', '531605', '531606', '531607'];

const villageArb = fc.record({
  district: fc.constantFrom(...DISTRICTS),
  serial: fc.integer({ min: 1, max: 40 }),
  travel: fc.integer({ min: 0, max: 260 }),
  backlog: fc.record({ EKTP_RECORDING: fc.nat(300), BIRTH_DEED: fc.nat(40), KIA: fc.nat(100), APPLICATION: fc.nat(20), HANDOVER: fc.nat(40) }, { requiredKeys: ['EKTP_RECORDING'] }),
  others: fc.nat(3000),
  rate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 20, noNaN: true })),
});

const teamArb = fc.record({
  services: fc.subarray([...SERVICE_KINDS], { minLength: 1 }),
  capacity: fc.dictionary(fc.constantFrom(...SERVICE_KINDS), fc.nat(80), { maxKeys: 5 }),
  base: fc.option(fc.array(fc.tuple(fc.nat(30), fc.integer({ min: 0, max: 200 })), { maxLength: 6 }), { nil: undefined }),
});

const inputArb: fc.Arbitrary<OutreachInput> = fc
  .record({
    villages: fc.uniqueArray(villageArb, { minLength: 1, maxLength: 9, selector: (v) => v.district + v.serial }),
    teams: fc.array(teamArb, { minLength: 1, maxLength: 3 }),
    weeks: fc.integer({ min: 1, max: 4 }),
    serviceDays: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    holidays: fc.array(fc.nat(27), { maxLength: 4 }),
    blackouts: fc.array(fc.nat(27), { maxLength: 3 }),
    dayMinutes: fc.integer({ min: 200, max: 600 }),
    setupMinutes: fc.integer({ min: 0, max: 60 }),
    serviceMinutes: fc.dictionary(fc.constantFrom(...SERVICE_KINDS), fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 15, noNaN: true })), { maxKeys: 3 }),
    seed: fc.integer(),
  })
  .map(({ villages, teams, holidays, blackouts, ...rest }) => {
    const vs: OutreachVillage[] = villages.map((v) => ({
      code: `${v.district}2${String(v.serial).padStart(3, '0')}`,
      districtCode: v.district,
      travelMinutes: v.travel,
      backlog: v.backlog,
      wajibKtp: v.backlog.EKTP_RECORDING + v.others,
      newWajibKtpPerWeek: v.rate,
    }));
    const ts: OutreachTeam[] = teams.map((t, i) => ({
      id: `Tim ${i + 1}`,
      services: t.services,
      capacity: t.capacity,
      ...(t.base ? { base: { name: `Base ${i + 1}`, travelMinutes: Object.fromEntries(t.base.map(([j, minutes]) => [(vs[j % vs.length] as OutreachVillage).code, minutes])) } } : {}),
    }));
    return { asOf: '2026-11-27', startDate: START, ...rest, teams: ts, villages: vs, holidays: holidays.map(dateAt), blackouts: blackouts.map(dateAt), searchEffort: 5_000 };
  });

function planOf(input: OutreachInput, planner = planVisits): OutreachPlan {
  const r = planner(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const minutesOf = (input: OutreachInput, kind: ServiceKind) => input.serviceMinutes?.[kind] ?? DEFAULT_SERVICE_MINUTES[kind];

/** Every constraint of a plan, checked from the input alone. */
function checkPlan(input: OutreachInput, plan: OutreachPlan): void {
  const dayMinutes = input.dayMinutes ?? 480;
  const setup = input.setupMinutes ?? 30;
  const teams = new Map(input.teams.map((t) => [t.id, t]));
  const villages = new Map(input.villages.map((v) => [v.code, v]));
  const teamDays = new Set<string>();
  const served = new Map<string, number>();
  for (const visit of plan.visits) {
    const team = teams.get(visit.teamId) as OutreachTeam;
    const village = villages.get(visit.villageCode) as OutreachVillage;
    // One visit per team per day, on a service day of the horizon that is no holiday or blackout.
    expect(teamDays.has(visit.teamId + visit.date)).toBe(false);
    teamDays.add(visit.teamId + visit.date);
    expect(plan.serviceDates).toContain(visit.date);
    // Capacity, services offered, and something delivered.
    let units = 0;
    let serviceMinutes = 0;
    for (const kind of SERVICE_KINDS) {
      const q = visit.services[kind];
      expect(Number.isInteger(q) && q >= 0).toBe(true);
      if (!team.services.includes(kind)) expect(q).toBe(0);
      const cap = team.capacity?.[kind];
      if (cap !== undefined) expect(q).toBeLessThanOrEqual(cap);
      units += q;
      serviceMinutes += q * minutesOf(input, kind);
      served.set(visit.villageCode + kind, (served.get(visit.villageCode + kind) ?? 0) + q);
    }
    expect(units).toBeGreaterThan(0);
    // The day limit: travel out and back from the team's base (or the office), setup, service.
    const oneWay = team.base ? team.base.travelMinutes[visit.villageCode] : village.travelMinutes;
    expect(oneWay).toBeDefined();
    expect(visit.minutes.travel).toBe(2 * (oneWay as number));
    expect(visit.minutes.total).toBeCloseTo(2 * (oneWay as number) + setup + serviceMinutes, 6);
    expect(visit.minutes.total).toBeLessThanOrEqual(dayMinutes + 1e-6);
  }
  // Never beyond the backlog; served and remaining add up.
  for (const village of input.villages) {
    for (const kind of SERVICE_KINDS) expect(served.get(village.code + kind) ?? 0).toBeLessThanOrEqual(village.backlog[kind] ?? 0);
  }
  for (const kind of SERVICE_KINDS) {
    expect(plan.served[kind] + plan.remaining[kind]).toBe(input.villages.reduce((s, v) => s + (v.backlog[kind] ?? 0), 0));
  }
}

describe('outreach planner: properties', () => {
  it('plans respect capacity, the day limit, the calendar and the backlog (planVisits and roundRobinPlan)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        checkPlan(input, planOf(input));
        checkPlan(input, planOf(input, roundRobinPlan));
      }),
      { numRuns: 150 },
    );
  });

  it('service dates are exactly the service weekdays of the horizon that are neither holidays nor blackouts', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planOf(input);
        const expected: string[] = [];
        for (let offset = 0; offset < 7 * input.weeks; offset++) {
          const date = dateAt(offset);
          // The national holidays and cuti bersama (NATIONAL_HOLIDAYS) count as holidays too.
          const holiday = input.holidays?.includes(date) || NATIONAL_DAYS.has(date);
          if (input.serviceDays?.includes(weekdayOf(date)) && !holiday && !input.blackouts?.includes(date)) expected.push(date);
        }
        expect(plan.serviceDates).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('the objective is the weighted resident-days of waiting, recomputed from the visits', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planOf(input);
        const horizon = 7 * input.weeks;
        const start = Date.UTC(2026, 10, 30);
        let expected = 0;
        for (const kind of SERVICE_KINDS) {
          const weight = DEFAULT_WEIGHTS[kind];
          const waiting = plan.visits.reduce((s, v) => s + v.services[kind] * ((Date.parse(`${v.date}T00:00:00Z`) - start) / 86_400_000), 0);
          expected += weight * (waiting + plan.remaining[kind] * horizon);
        }
        expect(plan.objective).toBeCloseTo(expected, 6);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same input gives an identical plan', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(planVisits(JSON.parse(JSON.stringify(input)))).toEqual(planVisits(input));
        expect(roundRobinPlan(JSON.parse(JSON.stringify(input)))).toEqual(roundRobinPlan(input));
      }),
      { numRuns: 60 },
    );
  });

  it('is never worse than roundRobinPlan on the objective', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(planOf(input).objective).toBeLessThanOrEqual(planOf(input, roundRobinPlan).objective);
      }),
      { numRuns: 200 },
    );
  });
});

describe('outreach planner: against brute force', () => {
  // Every skeleton of a small instance (each team-day: a village it can reach, or none), scored by the
  // engine's own fill. The search is a heuristic, so this is a measurement pinned by a fixed seed, not a law.
  const smallArb = inputArb.filter((input) => {
    const compiled = compileOutreachInput(input);
    return compiled.ok && compiled.model.dates.length * input.teams.length <= 6 && input.villages.length <= 4;
  });

  it('finds the optimal plan of small instances', () => {
    fc.assert(
      fc.property(smallArb, (input) => {
        const compiled = compileOutreachInput(input);
        if (!compiled.ok) throw new Error('invalid');
        const engine = new Engine(compiled.model);
        const assign = new Int32Array(engine.S).fill(-1);
        let best = Infinity;
        const visit = (s: number): void => {
          if (s === engine.S) {
            best = Math.min(best, engine.toPlan(assign, 'ROUND_ROBIN', null).objective);
            return;
          }
          const t = s % engine.T;
          for (let i = -1; i < engine.V; i++) {
            if (i >= 0 && (compiled.model.serviceTime[t * engine.V + i] as number) < 0) continue;
            assign[s] = i;
            visit(s + 1);
          }
          assign[s] = -1;
        };
        visit(0);
        expect(planOf({ ...input, searchEffort: 1_000_000 }).objective).toBeCloseTo(best, 6);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });
});

describe('coverage projection: properties', () => {
  const weekOf = (r: WeekReached | null) => (r === null ? Infinity : r.week);
  const areas = (p: CoverageProjection) => [...p.districts, ...p.regencies, p.overall];

  it('is monotonic: more team-days never reach a target, or full recording, later', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 50, max: 100, noNaN: true }),
        (input, a, b, targetPercent) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const options = { targetPercent, maxWeeks: 60 };
          const low = projectCoverage(input, { teamDaysPerWeek: less }, options);
          const high = projectCoverage(input, { teamDaysPerWeek: more }, options);
          if (!low.ok || !high.ok) throw new Error('projection failed');
          const lows = areas(low.value);
          areas(high.value).forEach((area, i) => {
            const before = lows[i] as (typeof lows)[number];
            expect(area.code).toBe(before.code);
            expect(weekOf(area.target)).toBeLessThanOrEqual(weekOf(before.target));
            expect(weekOf(area.full)).toBeLessThanOrEqual(weekOf(before.full));
            expect(area.end.notRecorded).toBeLessThanOrEqual(before.end.notRecorded);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a plan's projection counts the plan's own recordings: what is left at the end is backlog + arrivals − recorded", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planOf(input);
        const r = projectCoverage(input, { plan });
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        const arrivals = input.villages.reduce((s, v) => s + Math.floor((v.newWajibKtpPerWeek ?? 0) * input.weeks + 1e-9), 0);
        expect(r.value.overall.end.notRecorded).toBe(plan.backlog.EKTP_RECORDING + arrivals - plan.served.EKTP_RECORDING);
        expect(r.value.weeks).toBe(input.weeks);
      }),
      { numRuns: 60 },
    );
  });

  it('capacityForDate gives the least whole team-days a week that reach the target by the date', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 40 }), fc.double({ min: 80, max: 100, noNaN: true }), (input, days, targetPercent) => {
        const r = capacityForDate(input, dateAt(days), targetPercent);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        const weeks = Math.floor((days + 1) / 7);
        const reachedWith = (teamDaysPerWeek: number) => {
          const p = projectCoverage(input, { teamDaysPerWeek }, { targetPercent, maxWeeks: Math.max(1, weeks) });
          if (!p.ok) throw new Error(JSON.stringify(p.errors));
          return p.value;
        };
        const answer = r.value.overall;
        if (answer === null) {
          expect(r.warnings.map((w) => w.code)).toContain('PLAN_TARGET_UNREACHABLE');
          return;
        }
        expect(weekOf(reachedWith(answer.teamDaysPerWeek).overall.target)).toBeLessThanOrEqual(weeks);
        if (answer.teamDaysPerWeek > 0) expect(weekOf(reachedWith(answer.teamDaysPerWeek - 1).overall.target)).toBeGreaterThan(weeks);
        const every = r.value.everyKecamatan;
        if (every !== null) expect(every.teamDaysPerWeek).toBeGreaterThanOrEqual(answer.teamDaysPerWeek);
      }),
      { numRuns: 100 },
    );
  });
});
