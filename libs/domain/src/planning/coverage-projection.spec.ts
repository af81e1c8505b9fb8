// The e-KTP coverage projection and the capacity it takes to reach a target by a date, on cases worked out
// by hand. Target by default: the Ministry's 2023 target for e-KTP recording, 99.4% (INDICATOR_TARGETS_2023).
import fc from 'fast-check';
import type { OutreachInput, OutreachVillage } from './outreach-input';
import { planVisits } from './outreach-planner';
import { capacityForDate, projectCoverage, PROJECTION_ERROR_CODES } from './coverage-projection';

// Mbay I, 30 minutes from the office: 480 − 60 − 30 = 390 minutes would take 65 recordings, the kit takes 50.
// 1,000 wajib KTP, 100 not recorded (90%). 99.4% needs at most 6 not recorded.
const mbay: OutreachVillage = { code: '5316011003', districtCode: '531601', travelMinutes: 30, backlog: { EKTP_RECORDING: 100 }, wajibKtp: 1000 };
const input: OutreachInput = { asOf: '2026-11-27', startDate: '2026-11-30', weeks: 4, teams: [{ id: 'A', services: ['EKTP_RECORDING', 'HANDOVER'], capacity: { EKTP_RECORDING: 50 } }], villages: [mbay] };
const with_ = (villages: OutreachVillage[], extra: Partial<OutreachInput> = {}): OutreachInput => ({ ...input, villages, ...extra });

function projection(i: OutreachInput, capacity: Parameters<typeof projectCoverage>[1], options?: Parameters<typeof projectCoverage>[2]) {
  const r = projectCoverage(i, capacity, options);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('projectCoverage at a capacity in team-days per week', () => {
  it('one team-day a week records 50: 95% after week 1, everyone after week 2', () => {
    const p = projection(input, { teamDaysPerWeek: 1 }, { maxWeeks: 3 });
    expect(p.overall).toEqual({
      code: null,
      start: { wajibKtp: 1000, notRecorded: 100, percent: 90 },
      target: { week: 2, date: '2026-12-13' },
      full: { week: 2, date: '2026-12-13' },
      end: { wajibKtp: 1000, notRecorded: 0, percent: 100 },
    });
    expect([p.method, p.targetPercent, p.weeks]).toEqual(['TEAM_DAYS', 99.4, 3]);
  });

  it('another target: 95% is reached at the end of week 1 (Sunday 6 December)', () => {
    expect(projection(input, { teamDaysPerWeek: 1 }, { targetPercent: 95 }).overall.target).toEqual({ week: 1, date: '2026-12-06' });
  });

  it('decides on exact counts: 99.4% of 1,000 is 994 recorded, 99.39% would not do', () => {
    const near = { ...mbay, backlog: { EKTP_RECORDING: 7 } };
    expect(projection(with_([near]), { teamDaysPerWeek: 0 }, { maxWeeks: 1 }).overall.target).toBeNull();
    expect(projection(with_([{ ...near, backlog: { EKTP_RECORDING: 6 } }]), { teamDaysPerWeek: 0 }, { maxWeeks: 1 }).overall.target).toEqual({ week: 0, date: '2026-11-30' });
  });

  it('residents turning 17 join both counts: half a resident a week is 2 in 4 weeks (floor of 0.5 × week)', () => {
    const p = projection(with_([{ ...mbay, newWajibKtpPerWeek: 0.5 }]), { teamDaysPerWeek: 0 }, { maxWeeks: 4 });
    expect(p.overall.end).toEqual({ wajibKtp: 1002, notRecorded: 102, percent: 89.82 });
  });

  it('a holiday on one of the two service days halves that week: 25, then 50, then the last 25', () => {
    const p = projection(with_([mbay], { holidays: ['2026-12-02'] }), { teamDaysPerWeek: 1 }, { maxWeeks: 3 });
    expect([p.overall.target, p.overall.full]).toEqual([
      { week: 3, date: '2026-12-20' },
      { week: 3, date: '2026-12-20' },
    ]);
  });

  it('goes by need: the share not recorded, weighed by what a team-day records there; by kecamatan, regency and overall', () => {
    // Bela, Mauponggo, 150 minutes away: 480 − 300 − 30 = 150 minutes, 25 recordings a team-day. Both at 90%, but a
    // team-day records half as many in Bela: its need counts half (0.1 × 25/50), Mbay I's whole (0.1).
    const bela: OutreachVillage = { code: '5316042002', districtCode: '531604', travelMinutes: 150, backlog: { EKTP_RECORDING: 50 }, wajibKtp: 500 };
    // Week 1: one team-day brings Mbay I down to Bela's need (50 left), the other lowers both together (33⅓ left
    // each, read as 34: a fraction carries over); week 2: 33⅓ ÷ 50 + 33⅓ ÷ 25 = 2 team-days finish both.
    const p = projection(with_([mbay, bela]), { teamDaysPerWeek: 2 }, { maxWeeks: 6 });
    expect(p.districts.map((d) => [d.code, d.start.percent, d.full?.week])).toEqual([
      ['531601', 90, 2],
      ['531604', 90, 2],
    ]);
    expect(projection(with_([mbay, bela]), { teamDaysPerWeek: 2 }, { maxWeeks: 1 }).districts.map((d) => d.end.notRecorded)).toEqual([34, 34]);
    expect([p.regencies.map((r) => [r.code, r.full?.week]), p.overall.full?.week]).toEqual([[['5316', 2]], 2]);
  });

  it('a village no team can reach is never recorded: its kecamatan never gets there', () => {
    const far: OutreachVillage = { code: '5316042002', districtCode: '531604', travelMinutes: 300, backlog: { EKTP_RECORDING: 1 }, wajibKtp: 100 };
    const r = projectCoverage(with_([mbay, far]), { teamDaysPerWeek: 10 }, { maxWeeks: 10 });
    expect(r.ok && [r.value.districts.map((d) => d.full?.week ?? null), r.value.overall.target?.week, r.value.overall.full, r.warnings.map((w) => w.code)]).toEqual([
      [1, null],
      1,
      null,
      ['PLAN_VILLAGE_UNREACHABLE'],
    ]);
  });

  it('a kecamatan at the target already, or with nobody wajib KTP, is there at week 0', () => {
    const p = projection(with_([{ ...mbay, backlog: { EKTP_RECORDING: 5 } }, { code: '5316011005', districtCode: '531601', travelMinutes: 30, backlog: {}, wajibKtp: 0 }]), { teamDaysPerWeek: 0 }, { maxWeeks: 1 });
    expect(p.overall.target).toEqual({ week: 0, date: '2026-11-30' });
    expect(projection(with_([{ ...mbay, backlog: {}, wajibKtp: 0 }]), { teamDaysPerWeek: 0 }, { maxWeeks: 1 }).overall.start).toEqual({ wajibKtp: 0, notRecorded: 0, percent: null });
  });
});

describe("projectCoverage with a plan's recordings", () => {
  it('counts the recordings in the weeks of their visits, and nothing after the plan', () => {
    const big = { ...mbay, backlog: { EKTP_RECORDING: 260 } };
    const i = with_([big], { weeks: 2 });
    const plan = planVisits(i);
    if (!plan.ok) throw new Error('no plan');
    // Four visits of 50: 200 recorded, 60 left of 1,000 (94%).
    const p = projection(i, { plan: plan.value });
    expect([p.method, p.weeks, p.overall.end, p.overall.target]).toEqual(['PLAN', 2, { wajibKtp: 1000, notRecorded: 60, percent: 94 }, null]);
  });
});

describe('projectCoverage: errors', () => {
  const plan = planVisits(input);
  const otherPlan = planVisits({ ...input, startDate: '2026-12-07' });
  it.each<[string, OutreachInput, unknown, unknown, [string, string][]]>([
    ['a village without wajibKtp', with_([{ ...mbay, wajibKtp: undefined }]), { teamDaysPerWeek: 1 }, undefined, [['PLAN_VILLAGE_WAJIB_KTP_MISSING', 'villages[0].wajibKtp']]],
    ['no capacity', input, {}, undefined, [['PLAN_CAPACITY_INVALID', 'capacity']]],
    ['negative team-days', input, { teamDaysPerWeek: -1 }, undefined, [['PLAN_CAPACITY_INVALID', 'capacity']]],
    ['a plan that is not one', input, { plan: { visits: 3 } }, undefined, [['PLAN_CAPACITY_INVALID', 'plan']]],
    ['a plan for another start date', input, { plan: otherPlan.ok && otherPlan.value }, undefined, [['PLAN_PLAN_MISMATCH', 'plan.startDate']]],
    ['a plan for another village', with_([{ ...mbay, code: '5316011005' }]), { plan: plan.ok && plan.value }, undefined, [['PLAN_PLAN_MISMATCH', 'plan.visits[0].villageCode'], ['PLAN_PLAN_MISMATCH', 'plan.visits[1].villageCode']]],
    ['a target of 0%', input, { teamDaysPerWeek: 1 }, { targetPercent: 0 }, [['PLAN_TARGET_INVALID', 'targetPercent']]],
    ['a target over 100%', input, { teamDaysPerWeek: 1 }, { targetPercent: 100.5 }, [['PLAN_TARGET_INVALID', 'targetPercent']]],
    ['maxWeeks 0', input, { teamDaysPerWeek: 1 }, { maxWeeks: 0 }, [['PLAN_MAX_WEEKS_INVALID', 'maxWeeks']]],
    ["the input's own errors", { ...input, weeks: 0 }, { teamDaysPerWeek: 1 }, undefined, [['PLAN_WEEKS_INVALID', 'weeks']]],
  ])('%s', (_what, i, capacity, options, expected) => {
    const r = projectCoverage(i, capacity as Parameters<typeof projectCoverage>[1], options as Parameters<typeof projectCoverage>[2]);
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path])).toEqual(expected);
  });

  it('never throws, whatever the capacity and options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (capacity, options) => {
        const r = projectCoverage(input, capacity as never, options as never);
        if (!r.ok) expect(r.errors.every((e) => typeof e.code === 'string')).toBe(true);
      }),
    );
    expect(PROJECTION_ERROR_CODES).toContain('PLAN_PLAN_MISMATCH');
  });
});

describe('capacityForDate: the least team-days a week that reach the target by a date (fluid bound)', () => {
  it.each([
    // [target date, team-days a week, teams, week reached, why]
    ['2026-12-13', 1, 1, 2, 'two weeks: 50 + 50 ≥ 94 recordings'],
    ['2026-12-06', 2, 1, 1, 'one week: 94 recordings take 2 team-days (one team, both days)'],
    ['2026-12-12', 2, 1, 1, 'a Saturday: only the first week ends by then'],
    ['2027-01-31', 1, 1, 2, 'far ahead: still at least one team-day a week (whole team-days)'],
  ])('by %s: %p team-days a week (%p teams), reached in week %p: %s', (date, teamDays, teams, week) => {
    const r = capacityForDate(input, date);
    expect(r.ok && [r.value.overall?.teamDaysPerWeek, r.value.overall?.teams, r.value.overall?.reached.week, r.value.everyKecamatan?.teamDaysPerWeek]).toEqual([teamDays, teams, week, teamDays]);
  });

  it('0 when the target is met already; another target on request', () => {
    const r = capacityForDate(with_([{ ...mbay, backlog: { EKTP_RECORDING: 6 } }]), '2026-12-31');
    expect(r.ok && r.value.overall).toEqual({ teamDaysPerWeek: 0, teams: 0, reached: { week: 0, date: '2026-11-30' } });
    const half = capacityForDate(input, '2026-12-06', 92);
    expect(half.ok && [half.value.targetPercent, half.value.overall?.teamDaysPerWeek]).toEqual([92, 1]);
  });

  it('every kecamatan can need more than all villages together', () => {
    const bela: OutreachVillage = { code: '5316042002', districtCode: '531604', travelMinutes: 150, backlog: { EKTP_RECORDING: 10 }, wajibKtp: 200 };
    const r = capacityForDate(with_([{ ...mbay, backlog: { EKTP_RECORDING: 0 }, wajibKtp: 20000 }, bela]), '2026-12-06');
    // Overall: 10 not recorded of 20,200 is 99.95% already. Bela needs 9 recordings: 25 a team-day, so 1.
    expect(r.ok && [r.value.overall?.teamDaysPerWeek, r.value.everyKecamatan?.teamDaysPerWeek]).toEqual([0, 1]);
  });

  it('null with a warning when no capacity does it: no whole week before the date, or a village out of reach', () => {
    const early = capacityForDate(input, '2026-12-01');
    expect(early.ok && [early.value.overall, early.warnings.map((w) => w.code)]).toEqual([null, ['PLAN_TARGET_UNREACHABLE', 'PLAN_TARGET_UNREACHABLE']]);
    const far = capacityForDate(with_([{ ...mbay, travelMinutes: 300 }]), '2027-06-30');
    expect(far.ok && [far.value.overall, far.value.everyKecamatan]).toEqual([null, null]);
  });

  it.each([
    ['not a date', 'soon', undefined, 'PLAN_TARGET_DATE_INVALID'],
    ['before the start', '2026-11-29', undefined, 'PLAN_TARGET_DATE_INVALID'],
    ['more than ten years ahead', '2037-01-01', undefined, 'PLAN_TARGET_DATE_INVALID'],
    ['a target of 101%', '2026-12-31', 101, 'PLAN_TARGET_INVALID'],
  ])('rejects a target date %s', (_what, date, target, code) => {
    const r = capacityForDate(input, date, target);
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual([code]);
  });

  it('the answer is the least: at one team-day less the projection misses the date', () => {
    const villages: OutreachVillage[] = [mbay, { ...mbay, code: '5316011005', travelMinutes: 100, backlog: { EKTP_RECORDING: 300 }, wajibKtp: 2000, newWajibKtpPerWeek: 3 }];
    const r = capacityForDate(with_(villages), '2027-02-28');
    if (!r.ok || r.value.overall === null) throw new Error('no answer');
    const { teamDaysPerWeek, reached } = r.value.overall;
    const weeks = 13;
    expect(projection(with_(villages), { teamDaysPerWeek }, { maxWeeks: weeks }).overall.target).toEqual(reached);
    expect(projection(with_(villages), { teamDaysPerWeek: teamDaysPerWeek - 1 }, { maxWeeks: weeks }).overall.target).toBeNull();
  });
});
