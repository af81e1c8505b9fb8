import fc from 'fast-check';
import { isNotBefore, parseInstant } from './instant';

describe('instants: a date, or a date-time with its offset', () => {
  it.each([
    ['2026-11-27', { ymd: 20261127, epochMs: null }],
    ['2026-11-27T09:30+08:00', { ymd: 20261127, epochMs: Date.UTC(2026, 10, 27, 1, 30) }],
    ['2026-11-27T09:30:15+08:00', { ymd: 20261127, epochMs: Date.UTC(2026, 10, 27, 1, 30, 15) }],
    ['2026-11-27T09:30:15.123456Z', { ymd: 20261127, epochMs: Date.UTC(2026, 10, 27, 9, 30, 15, 123) }],
    ['2026-11-27T00:30:00+08:00', { ymd: 20261127, epochMs: Date.UTC(2026, 10, 26, 16, 30) }],
    ['2024-02-29T23:59:59-05:00', { ymd: 20240229, epochMs: Date.UTC(2024, 2, 1, 4, 59, 59) }],
  ])('%s reads as %j (the calendar date as written)', (text, expected) => {
    expect(parseInstant(text)).toEqual(expected);
  });

  it.each([
    ['2026-11-27T09:30', 'no offset: not one moment'],
    ['2026-11-27 09:30+08:00', 'a space instead of T'],
    ['2026-02-29', 'no such day'],
    ['2026-11-27T24:00+08:00', 'hour 24'],
    ['2026-11-27T09:60+08:00', 'minute 60'],
    ['2026-11-27T09:30+15:00', 'offset beyond ±14:00'],
    ['27-11-2026', 'day first'],
    ['', 'empty'],
  ])('%s is refused (%s)', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect([20261127, null, undefined, new Date(Date.UTC(2026, 10, 27)), {}].map(parseInstant)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('orders date-times by the moment and anything with a date-only side by the day', () => {
    const p = (s: string) => parseInstant(s) as NonNullable<ReturnType<typeof parseInstant>>;
    expect(isNotBefore(p('2026-11-27T08:00+08:00'), p('2026-11-27T01:00+01:00'))).toBe(true); // 00:00Z vs 00:00Z
    expect(isNotBefore(p('2026-11-27T07:59+08:00'), p('2026-11-27T01:00+01:00'))).toBe(false);
    expect(isNotBefore(p('2026-11-27'), p('2026-11-27T23:00+08:00'))).toBe(true);
    expect(isNotBefore(p('2026-11-27T00:01+08:00'), p('2026-11-27'))).toBe(true);
    expect(isNotBefore(p('2026-11-26T23:59+08:00'), p('2026-11-27'))).toBe(false);
  });

  it('agrees with Date.parse on every date-time of 1900–2100 with an offset', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const parsed = parseInstant(text);
          expect(parsed?.epochMs).toBe(Date.parse(text));
          expect(parsed?.ymd).toBe(+local.slice(0, 10).replace(/-/g, ''));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
