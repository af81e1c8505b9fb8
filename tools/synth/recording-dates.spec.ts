// The recording dates of the seeded register (ektp_recorded_on): one for every recorded e-KTP and none otherwise,
// within what the identity import accepts (not before 2011, not after asOf, not before the 17th birthday of
// someone never married), spread over the years, a recent pace of the order of the office's figures, and the
// same for the same seed.
import { generateRegister, type SynthResident } from './population';
import { EKTP_RECORDING_BEGAN, ektpRecordedOn } from './recording-dates';

const AS_OF = '2026-12-07';
const SCALE = 0.05;

function residents(seed: string | number): SynthResident[] {
  const out: SynthResident[] = [];
  for (const card of generateRegister({ region: '5316', seed, asOf: AS_OF, scale: SCALE })) out.push(...card.members);
  return out;
}

const RECORDED = new Set(['RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED']);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('ektp_recorded_on in the seeded register', () => {
  const people = residents(20261207);
  const recorded = people.filter((r) => RECORDED.has(r.ektpState));

  it('dates every recorded e-KTP and no other, within the import rule', () => {
    expect(recorded.length).toBeGreaterThan(1000);
    for (const r of people) {
      if (!RECORDED.has(r.ektpState)) expect(r.ektpRecordedOn).toBe('');
      else {
        expect(r.ektpRecordedOn >= EKTP_RECORDING_BEGAN && r.ektpRecordedOn <= AS_OF).toBe(true);
        if (r.maritalStatus === 'BELUM_KAWIN') expect(r.ektpRecordedOn >= `${Number(r.birthDate.slice(0, 4)) + 17}${r.birthDate.slice(4).replace('-02-29', '-03-01')}`).toBe(true);
      }
    }
  });

  it('spreads them over the years since 2011, most in the mass campaign, with a recent pace like the office’s', () => {
    const byYear = new Map<string, number>();
    for (const r of recorded) byYear.set(r.ektpRecordedOn.slice(0, 4), (byYear.get(r.ektpRecordedOn.slice(0, 4)) ?? 0) + 1);
    for (let y = 2011; y <= 2026; y++) expect(byYear.get(String(y)) ?? 0).toBeGreaterThan(0);
    const campaign = (byYear.get('2011') ?? 0) + (byYear.get('2012') ?? 0) + (byYear.get('2013') ?? 0);
    expect(campaign / recorded.length).toBeGreaterThan(0.4);
    // The last 8 weeks, per week, at full scale: the office recorded some 70 a week in 2022–2023.
    const recent = recorded.filter((r) => r.ektpRecordedOn > plusDays(AS_OF, -56)).length;
    const perWeek = recent / 8 / SCALE;
    expect(perWeek).toBeGreaterThan(30);
    expect(perWeek).toBeLessThan(200);
  });

  it('is the same for the same seed, and another seed gives other days', () => {
    const r = recorded[0] as SynthResident;
    expect(ektpRecordedOn(20261207, r, AS_OF)).toBe(r.ektpRecordedOn);
    expect(residents(20261207).map((x) => x.ektpRecordedOn)).toEqual(people.map((x) => x.ektpRecordedOn));
    const other = recorded.slice(0, 200).filter((x) => ektpRecordedOn('another seed', x, AS_OF) !== x.ektpRecordedOn);
    expect(other.length).toBeGreaterThan(150);
  });
});
