// A planner an office would follow (issue 19, item 2): every service a team offers is served in proportion to need,
// national holidays and cuti bersama are never planned on unless the input overrides them (and the plan says so),
// and the projection spends its team-days where the need is greatest, not in code order.
import fc from 'fast-check';
import { DEFAULT_WEIGHTS, SERVICE_KINDS, type OutreachInput, type OutreachTeam, type OutreachVillage, type ServiceKind } from './outreach-input';
import { planVisits } from './outreach-planner';
import { projectCoverage, type AreaProjection } from './coverage-projection';
import type { OutreachPlan } from './outreach-engine';

const OFFERED: ServiceKind[] = ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'HANDOVER'];
const demoTeam = (id: string): OutreachTeam => ({ id, services: OFFERED, capacity: { EKTP_RECORDING: 60 } });

function planOf(input: OutreachInput): OutreachPlan {
  const r = planVisits(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Nagekeo-like: big e-KTP and KIA backlogs, a smaller birth-deed one, villages within an hour of Mbay. */
const demoVillages: OutreachVillage[] = [
  { code: '5316011003', districtCode: '531601', travelMinutes: 15, backlog: { EKTP_RECORDING: 420, BIRTH_DEED: 60, KIA: 300, HANDOVER: 20 }, wajibKtp: 3000 },
  { code: '5316031001', districtCode: '531603', travelMinutes: 45, backlog: { EKTP_RECORDING: 260, BIRTH_DEED: 35, KIA: 240, HANDOVER: 8 }, wajibKtp: 1800 },
  { code: '5316042002', districtCode: '531604', travelMinutes: 60, backlog: { EKTP_RECORDING: 310, BIRTH_DEED: 48, KIA: 280 }, wajibKtp: 2100 },
];

describe('proportional shares of a visit', () => {
  const input: OutreachInput = { asOf: '2026-11-27', startDate: '2026-11-30', weeks: 4, teams: [demoTeam('Tim 1'), demoTeam('Tim 2')], villages: demoVillages, searchEffort: 2_000 };

  it('serves birth deeds and KIA, not only e-KTP and hand-overs, in proportion to backlog and weight', () => {
    const plan = planOf(input);
    const share = (k: ServiceKind) => plan.served[k] / plan.backlog[k];
    for (const k of OFFERED) expect(plan.served[k]).toBeGreaterThan(0);
    // Each kind's share of its backlog follows its weight (e-KTP 4, birth deed 3, KIA 1): never below half of that.
    for (const k of ['BIRTH_DEED', 'KIA'] as const) {
      expect(share(k)).toBeGreaterThanOrEqual(0.5 * (DEFAULT_WEIGHTS[k] / DEFAULT_WEIGHTS.EKTP_RECORDING) * share('EKTP_RECORDING'));
    }
    // The first visit to each village serves every kind the team offers there.
    const first = new Map<string, OutreachPlan['visits'][number]>();
    for (const v of plan.visits) if (!first.has(v.villageCode)) first.set(v.villageCode, v);
    for (const v of first.values()) for (const k of ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA'] as const) expect(v.services[k]).toBeGreaterThan(0);
  });

  const villageArb = fc.record({
    district: fc.constantFrom('531601', '531602', '531603', '531604'),
    serial: fc.integer({ min: 1, max: 30 }),
    travel: fc.integer({ min: 0, max: 60 }),
    backlog: fc.record({ EKTP_RECORDING: fc.nat(400), BIRTH_DEED: fc.nat(80), KIA: fc.nat(400), APPLICATION: fc.nat(30), HANDOVER: fc.nat(50) }),
  });
  const teamArb = fc.record({
    services: fc.subarray([...SERVICE_KINDS], { minLength: 1 }),
    capacity: fc.dictionary(fc.constantFrom(...SERVICE_KINDS), fc.integer({ min: 1, max: 80 }), { maxKeys: 3 }),
  });
  const inputArb = fc
    .record({ villages: fc.uniqueArray(villageArb, { minLength: 1, maxLength: 6, selector: (v) => v.district + v.serial }), teams: fc.array(teamArb, { minLength: 1, maxLength: 3 }), weeks: fc.integer({ min: 1, max: 3 }) })
    .map(({ villages, teams, weeks }): OutreachInput => ({
      asOf: '2026-11-27',
      startDate: '2026-11-30',
      weeks,
      searchEffort: 1_000,
      teams: teams.map((t, i) => ({ id: `Tim ${i + 1}`, services: t.services, capacity: t.capacity })),
      villages: villages.map((v) => ({ code: `${v.district}2${String(v.serial).padStart(3, '0')}`, districtCode: v.district, travelMinutes: v.travel, backlog: v.backlog })),
    }));

  it('no offered service with need gets nothing: every visit serves each kind its team offers while the village has some left', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planOf(input);
        const left = new Map(input.villages.map((v) => [v.code, { ...v.backlog } as Record<ServiceKind, number>]));
        const teams = new Map(input.teams.map((t) => [t.id, t]));
        const offeredWithNeed = new Set<ServiceKind>();
        // Visits to a village take from its backlog in date order (then team order): replay them so.
        for (const v of [...plan.visits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
          const team = teams.get(v.teamId) as OutreachTeam;
          const rest = left.get(v.villageCode) as Record<ServiceKind, number>;
          for (const k of team.services) {
            if ((rest[k] ?? 0) > 0 && (team.capacity?.[k] ?? 1) > 0) {
              offeredWithNeed.add(k);
              expect(v.services[k]).toBeGreaterThan(0);
            }
          }
          for (const k of SERVICE_KINDS) rest[k] = (rest[k] ?? 0) - v.services[k];
        }
        for (const k of offeredWithNeed) expect(plan.served[k]).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('shares follow need: of two kinds alike in weight and minutes, the one with more waiting gets at least as much of the visit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, b, ektp) => {
        const plan = planOf({
          asOf: '2026-11-27',
          startDate: '2026-11-30',
          weeks: 1,
          serviceDays: ['MON'],
          searchEffort: 0,
          weights: { BIRTH_DEED: 3, APPLICATION: 3 },
          serviceMinutes: { BIRTH_DEED: 10, APPLICATION: 10 },
          teams: [{ id: 'Tim 1', services: ['EKTP_RECORDING', 'BIRTH_DEED', 'APPLICATION'] }],
          villages: [{ code: '5316011003', districtCode: '531601', travelMinutes: 30, backlog: { EKTP_RECORDING: ektp, BIRTH_DEED: a, APPLICATION: b } }],
        });
        const [visit] = plan.visits;
        expect(visit).toBeDefined();
        const q = (visit as OutreachPlan['visits'][number]).services;
        expect(q.BIRTH_DEED).toBeGreaterThan(0);
        expect(q.APPLICATION).toBeGreaterThan(0);
        if (a >= b) expect(q.BIRTH_DEED).toBeGreaterThanOrEqual(q.APPLICATION - 1);
        if (b >= a) expect(q.APPLICATION).toBeGreaterThanOrEqual(q.BIRTH_DEED - 1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('national holidays and cuti bersama', () => {
  // Wednesdays and Fridays from Monday 21 December 2026 for three weeks: 23, 25 (Natal), 30 December, 1 January (Tahun
  // Baru), 6 and 8 January.
  const input: OutreachInput = { asOf: '2026-12-07', startDate: '2026-12-21', weeks: 3, teams: [demoTeam('Tim 1')], villages: demoVillages, searchEffort: 500 };

  it('are never planned on, and the plan says which were skipped and why', () => {
    const r = planVisits(input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const plan = r.value;
    expect(plan.visits.map((v) => v.date)).not.toContain('2026-12-25');
    expect(plan.visits.map((v) => v.date)).not.toContain('2027-01-01');
    expect(plan.serviceDates).toEqual(['2026-12-23', '2026-12-30', '2027-01-06', '2027-01-08']);
    expect(plan.skippedDates).toEqual([
      { date: '2026-12-25', reason: 'HOLIDAY', name: 'Kelahiran Yesus Kristus' },
      { date: '2027-01-01', reason: 'HOLIDAY', name: 'Tahun Baru 2027 Masehi' },
    ]);
    expect(plan.allowedHolidays).toEqual([]);
    // 2027's joint decree is not in the calendar: the plan warns that its holidays may be missing.
    expect(r.warnings.map((w) => w.code)).toContain('PLAN_HOLIDAYS_INCOMPLETE');
  });

  it('a visit on a holiday only with an explicit override, which the plan records', () => {
    const plan = planOf({ ...input, allowHolidays: ['2026-12-25'] });
    expect(plan.visits.map((v) => v.date)).toContain('2026-12-25');
    expect(plan.visits.map((v) => v.date)).not.toContain('2027-01-01');
    expect(plan.allowedHolidays).toEqual([{ date: '2026-12-25', name: 'Kelahiran Yesus Kristus' }]);
  });

  it('refuses an override of a day that is no holiday', () => {
    const r = planVisits({ ...input, allowHolidays: ['2026-12-23', 'soon'] });
    expect(r.ok === false && r.errors.map((e) => [e.code, e.path])).toEqual([
      ['PLAN_ALLOW_HOLIDAY_INVALID', 'allowHolidays[0]'],
      ['PLAN_ALLOW_HOLIDAY_INVALID', 'allowHolidays[1]'],
    ]);
  });
});

describe('the projection spends team-days by need', () => {
  // Three kecamatan alike but for their backlog: Aesesa (531601, lowest code) is nearly done, Nangaroro (531602) is
  // furthest behind, Boawae (531603) in between.
  const village = (code: string, notRecorded: number): OutreachVillage => ({ code, districtCode: code.slice(0, 6), travelMinutes: 30, backlog: { EKTP_RECORDING: notRecorded }, wajibKtp: 1000 });
  const input: OutreachInput = {
    asOf: '2026-11-27',
    startDate: '2026-11-30',
    weeks: 1,
    teams: [{ id: 'Tim 1', services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: 60 } }],
    villages: [village('5316011001', 50), village('5316021001', 300), village('5316031001', 150)],
  };

  it('the first week goes to the kecamatan furthest behind, not to the lowest code', () => {
    const r = projectCoverage(input, { teamDaysPerWeek: 1 }, { maxWeeks: 1 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const end = r.value.districts.map((d) => [d.code, d.end.notRecorded]);
    expect(end).toEqual([['531601', 50], ['531602', 240], ['531603', 150]]);
  });

  it('kecamatan are levelled by need: the one furthest behind never ends a week further behind than the others', () => {
    const r = projectCoverage(input, { teamDaysPerWeek: 2 }, { maxWeeks: 6 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [aesesa, nangaroro, boawae] = r.value.districts as [AreaProjection, AreaProjection, AreaProjection];
    // 12 team-days of 60: 720 recordings for 500 waiting — everyone is done, Aesesa not before the others.
    expect(nangaroro.end.notRecorded + boawae.end.notRecorded + aesesa.end.notRecorded).toBe(0);
    expect((aesesa.full as { week: number }).week).toBeGreaterThanOrEqual((nangaroro.full as { week: number }).week - 1);
  });
});
