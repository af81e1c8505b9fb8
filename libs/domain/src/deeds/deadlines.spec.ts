import fc from 'fast-check';
import { addDays, parseIsoDate, ymdToIso } from '../calendar';
import { DEED_TYPES } from './deed-types';
import { classifyTimeliness, reportingDeadline, TIMELINESS_CLASSES } from './deadlines';

describe('reporting deadlines (UU 23/2006 as amended by UU 24/2013), counted in calendar days from the day after', () => {
  it.each([
    ['BIRTH', '2026-01-01', '2026-03-02', 'art. 27(1): 60 days'],
    ['STILLBIRTH', '2026-01-01', '2026-01-31', 'art. 33(1): 30 days'],
    ['DEATH', '2026-01-01', '2026-01-31', 'art. 44(1): 30 days'],
    ['MARRIAGE', '2026-01-01', '2026-03-02', 'art. 34(1): 60 days'],
    ['DIVORCE', '2026-01-01', '2026-03-02', 'art. 40(1): 60 days from the final decision'],
    ['RECOGNITION', '2026-01-01', '2026-01-31', 'art. 49(1): 30 days from the recognition letter'],
    ['LEGITIMATION', '2026-01-01', '2026-01-31', "art. 50(1): 30 days from the parents' marriage deed"],
    ['ADOPTION', '2026-01-01', '2026-01-31', 'art. 47(2): 30 days from receiving the court decision'],
    ['BIRTH', '2024-01-01', '2024-03-01', 'a leap year: 60 days reach 1 March'],
  ] as const)('%s from %s: last day %s (%s)', (type, eventDate, deadline, _source) => {
    expect(reportingDeadline(type, eventDate)).toEqual({ ok: true, value: deadline, warnings: [] });
  });

  it('reports a bad type and a bad date together', () => {
    const r = reportingDeadline('BAPTISM' as 'BIRTH', '2026-02-30');
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['DEED_TYPE_INVALID', 'EVENT_DATE_INVALID']);
  });
});

describe('classifyTimeliness: on time, late up to one year, later; the head decides on late births (art. 32(1) as amended)', () => {
  it.each([
    ['BIRTH', '2026-03-02', 'ON_TIME', 60, 0, false],
    ['BIRTH', '2026-03-03', 'LATE_UP_TO_ONE_YEAR', 61, 1, true],
    ['BIRTH', '2027-01-01', 'LATE_UP_TO_ONE_YEAR', 365, 305, true],
    ['BIRTH', '2027-01-02', 'LATE_OVER_ONE_YEAR', 366, 306, true],
    ['DEATH', '2026-01-31', 'ON_TIME', 30, 0, false],
    ['DEATH', '2026-02-01', 'LATE_UP_TO_ONE_YEAR', 31, 1, false],
    ['DIVORCE', '2028-01-01', 'LATE_OVER_ONE_YEAR', 730, 670, false],
    ['ADOPTION', '2026-01-01', 'ON_TIME', 0, 0, false],
  ] as const)('%s of 2026-01-01 reported %s: %s, %i days after, %i late, head decision %p', (type, reportedAt, cls, after, late, head) => {
    expect(classifyTimeliness(type, { eventDate: '2026-01-01', reportedAt })).toEqual({
      ok: true,
      value: { class: cls, deadline: type === 'BIRTH' || type === 'DIVORCE' ? '2026-03-02' : '2026-01-31', daysAfterEvent: after, daysLate: late, headDecisionRequired: head },
      warnings: [],
    });
  });

  it('counts a date-time on its local date: 00:30 WITA on 3 March is day 61', () => {
    const r = classifyTimeliness('BIRTH', { eventDate: '2026-01-01', reportedAt: '2026-03-03T00:30:00+08:00' });
    expect(r.ok && r.value.class).toBe('LATE_UP_TO_ONE_YEAR');
  });

  it('one year from 29 February is 1 March', () => {
    expect(classifyTimeliness('BIRTH', { eventDate: '2024-02-29', reportedAt: '2025-03-01' })).toMatchObject({ value: { class: 'LATE_UP_TO_ONE_YEAR' } });
    expect(classifyTimeliness('BIRTH', { eventDate: '2024-02-29', reportedAt: '2025-03-02' })).toMatchObject({ value: { class: 'LATE_OVER_ONE_YEAR' } });
  });

  it.each([
    [{ eventDate: '2026-01-02', reportedAt: '2026-01-01' }, ['REPORT_BEFORE_EVENT']],
    [{ eventDate: '2026-13-01', reportedAt: 'yesterday' }, ['EVENT_DATE_INVALID', 'REPORT_DATE_INVALID']],
    [null, ['EVENT_DATE_INVALID', 'REPORT_DATE_INVALID']],
  ])('reports the errors of %j', (input, expected) => {
    const r = classifyTimeliness('BIRTH', input as { eventDate: string; reportedAt: string });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(expected);
  });

  it('the class only worsens as the report comes later', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEED_TYPES), fc.nat({ max: 1000 }), fc.nat({ max: 1000 }), (type, a, b) => {
        const event = parseIsoDate('2026-01-01') as number;
        const cls = (d: number) => {
          const r = classifyTimeliness(type, { eventDate: '2026-01-01', reportedAt: ymdToIso(addDays(event, d)) });
          return r.ok ? TIMELINESS_CLASSES.indexOf(r.value.class) : -1;
        };
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(cls(early)).toBeGreaterThanOrEqual(0);
        expect(cls(early)).toBeLessThanOrEqual(cls(late));
      }),
    );
  });
});
