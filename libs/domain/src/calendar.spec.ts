import { addDays, addYears, asOfToYmd, daysBetween, daysInMonth, isLeapYear, parseIsoDate, ymdToIso } from './calendar';

describe('calendar', () => {
  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 13)).toBe(0);
  });
  it('reads only real ISO dates', () => {
    expect(parseIsoDate('2026-11-27')).toBe(20261127);
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2026-1-1')).toBeUndefined();
    expect(parseIsoDate(20261127)).toBeUndefined();
  });
  it('reads asOf from a string or a Date in UTC', () => {
    expect(asOfToYmd(new Date(Date.UTC(2026, 0, 31, 23)))).toBe(20260131);
    expect(asOfToYmd('2026-11-27')).toBe(20261127);
    expect(asOfToYmd('2026-11-27')).toBe(20261127);
    expect(asOfToYmd('nope')).toBeUndefined();
  });
  it('adds years (29 February to 1 March in common years) and days, and counts days between', () => {
    expect(ymdToIso(addYears(20080229, 1))).toBe('2009-03-01');
    expect(ymdToIso(addDays(20261231, 1))).toBe('2027-01-01');
    expect(ymdToIso(addDays(20240301, -1))).toBe('2024-02-29');
    expect(daysBetween(20260101, 20260302)).toBe(60);
    expect(daysBetween(20260302, 20260101)).toBe(-60);
  });
});
