// The outreach backlog's dates by age (UU 24/2013 art. 63(1) for wajib KTP, Permendagri 2/2016 for KIA, the
// Ministry's birth deed indicator for children 0–18) and the re-planning of the rest of a plan.
import fc from 'fast-check';
import { MARITAL_STATUSES, type MaritalStatus } from '../codes/marital-status';
import { isWajibKtp, kiaEligibility } from '../people/age';
import type { OutreachInput, OutreachVillage } from './outreach-input';
import { planVisits } from './outreach-planner';
import { backlogMilestones, replanVisits, type ReplanResult } from './outreach-backlog';

describe('backlogMilestones: when a resident enters and leaves each backlog by age', () => {
  it.each([
    // [birth date, marital status, wajib KTP from, KIA until, child until, why]
    ['2009-05-10', 'BELUM_KAWIN', '2026-05-10', '2026-05-09', '2028-05-09', 'never married: wajib KTP at 17, KIA to the day before, child to 18 inclusive'],
    ['2010-06-01', 'KAWIN_TERCATAT', '2010-06-01', null, '2029-05-31', 'married at 16 (court dispensation): wajib KTP whatever the date, no KIA (UU 24/2013 art. 63(1))'],
    ['2008-02-29', 'BELUM_KAWIN', '2025-03-01', '2025-02-28', '2027-02-28', '29 February: the birthday of a common year is 1 March (ageOn)'],
    ['1990-03-01', 'CERAI_MATI', '1990-03-01', null, '2009-02-28', 'widowed: ever married'],
  ] as const)('%s %s: wajib KTP from %s, KIA until %s, child until %s (%s)', (birthDate, maritalStatus, wajibKtpFrom, kiaUntil, childUntil, _why) => {
    expect(backlogMilestones({ birthDate, maritalStatus })).toEqual({ ok: true, warnings: [], value: { wajibKtpFrom, kiaUntil, childUntil } });
  });

  it('reports every problem of its input', () => {
    const result = backlogMilestones({ birthDate: '2009-02-30', maritalStatus: 'KAWIN' as MaritalStatus });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['BIRTH_DATE_INVALID', 'MARITAL_STATUS_INVALID']);
  });

  it('agrees with isWajibKtp and kiaEligibility on every date from the birth on (property)', () => {
    const day = (offset: number) => new Date(Date.UTC(1990, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.nat(14_000), fc.nat(9_000), fc.constantFrom(...MARITAL_STATUSES.map((m) => m.code)), (birthOffset, age, maritalStatus) => {
        const person = { birthDate: day(birthOffset), maritalStatus };
        const asOf = day(birthOffset + age);
        const m = backlogMilestones(person);
        const wajib = isWajibKtp(person, { asOf });
        const kia = kiaEligibility(person, { asOf });
        if (!m.ok || !wajib.ok || !kia.ok) return false;
        return wajib.value === m.value.wajibKtpFrom <= asOf && kia.value.eligible === (m.value.kiaUntil !== null && asOf <= m.value.kiaUntil);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('replanVisits: the rest of a plan after a cancelled visit', () => {
  const teams = [{ id: 'Tim 1', services: ['EKTP_RECORDING' as const], capacity: { EKTP_RECORDING: 60 } }];
  const village = (code: string, travelMinutes: number, ektp: number): OutreachVillage => ({ code, districtCode: code.slice(0, 6), travelMinutes, backlog: { EKTP_RECORDING: ektp } });
  const villages = [village('5316011003', 30, 120), village('5316042002', 60, 100)];
  // Thursday 10 December 2026; the old plan ended on Sunday 20 December: service days 11, 16 and 18 December.
  const base = { asOf: '2026-12-10', startDate: '2026-12-10', teams, villages };
  const planOf = (r: ReplanResult) => {
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };

  it('plans only up to the old end date, in whole weeks with the days after it blacked out', () => {
    const plan = planOf(replanVisits(base, { endDate: '2026-12-20' }));
    expect(plan.visits.map((v) => v.date)).toEqual(['2026-12-11', '2026-12-16', '2026-12-18']);
    expect([plan.startDate, plan.endDate, plan.weeks, plan.skippedDates]).toEqual(['2026-12-10', '2026-12-20', 2, []]);
    const short = planOf(replanVisits(base, { endDate: '2026-12-16' }));
    expect(short.visits.map((v) => v.date)).toEqual(['2026-12-11', '2026-12-16']);
  });

  it('takes what the kept visits will still deliver out of the backlog first', () => {
    const plan = planOf(replanVisits(base, { endDate: '2026-12-20', committed: [{ villageCode: '53.16.01.1003', services: { EKTP_RECORDING: 100 } }] }));
    const served = (code: string) => plan.visits.filter((v) => v.villageCode === code).reduce((n, v) => n + v.services.EKTP_RECORDING, 0);
    expect([served('5316011003'), served('5316042002')]).toEqual([20, 100]);
    const everything = planOf(replanVisits(base, { endDate: '2026-12-20', committed: [{ villageCode: '5316011003', services: { EKTP_RECORDING: 500 } }] }));
    expect(everything.visits.every((v) => v.villageCode === '5316042002')).toBe(true);
  });

  it('is the planner itself when nothing is committed and the end date closes a whole week', () => {
    const input: OutreachInput = { ...base, weeks: 2 };
    expect(planOf(replanVisits(base, { endDate: '2026-12-23' }))).toEqual(planVisits(input).ok ? (planVisits(input) as { value: unknown }).value : null);
  });

  it('reports a bad end date and bad committed visits with the input’s own problems', () => {
    const result = replanVisits({ ...base, teams: [] }, { endDate: '2026-12-09', committed: [{ villageCode: '', services: { EKTP_RECORDING: -1 } }] });
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.path])).toEqual([
      ['PLAN_END_DATE_INVALID', 'endDate'],
      ['PLAN_COMMITTED_INVALID', 'committed[0]'],
    ]);
    const planner = replanVisits({ ...base, teams: [] }, { endDate: '2026-12-20' });
    expect(planner.ok ? [] : planner.errors.map((e) => e.code)).toEqual(['PLAN_NO_TEAMS']);
  });
});
