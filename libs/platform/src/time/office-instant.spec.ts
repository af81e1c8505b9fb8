import { OFFICE_INSTANT_PATTERN, officeInstant, officeInstantOrNull, utcOffsetMinutes } from './office-instant';

describe('officeInstant: every instant leaves a service at the office offset, with milliseconds', () => {
  it.each([
    ['a Date, WITA', new Date('2026-11-27T01:30:00.123Z'), '+08:00', '2026-11-27T09:30:00.123+08:00'],
    ['milliseconds are always written (.000)', new Date('2026-11-27T01:30:00Z'), '+08:00', '2026-11-27T09:30:00.000+08:00'],
    ['epoch milliseconds', Date.UTC(2026, 10, 27, 1, 30, 0, 7), '+08:00', '2026-11-27T09:30:00.007+08:00'],
    ['a string in UTC (Z)', '2026-11-27T01:30:00.123Z', '+08:00', '2026-11-27T09:30:00.123+08:00'],
    ['a string at another offset (WIB)', '2026-11-27T08:30:00.123+07:00', '+08:00', '2026-11-27T09:30:00.123+08:00'],
    ['a string already at the office offset is unchanged', '2026-11-27T09:30:00.123+08:00', '+08:00', '2026-11-27T09:30:00.123+08:00'],
    ['a string without seconds', '2026-11-27T09:30+08:00', '+08:00', '2026-11-27T09:30:00.000+08:00'],
    ['sub-millisecond digits are cut to milliseconds', '2026-11-27T01:30:00.123456Z', '+08:00', '2026-11-27T09:30:00.123+08:00'],
    ['WIT (+09:00)', new Date('2026-11-27T01:30:00.123Z'), '+09:00', '2026-11-27T10:30:00.123+09:00'],
    ['a half-hour offset', new Date('2026-11-27T01:30:00.123Z'), '+05:30', '2026-11-27T07:00:00.123+05:30'],
    ['UTC is written +00:00, not Z', new Date('2026-11-27T01:30:00.123Z'), '+00:00', '2026-11-27T01:30:00.123+00:00'],
    ['a negative offset goes back a day', new Date('2026-11-27T01:30:00.123Z'), '-05:00', '2026-11-26T20:30:00.123-05:00'],
    ['a negative half-hour offset', new Date('2026-11-27T01:30:00.123Z'), '-03:30', '2026-11-26T22:00:00.123-03:30'],
  ])('%s', (_name, moment, offset, expected) => {
    expect(officeInstant(moment, offset)).toBe(expected);
    expect(expected).toMatch(OFFICE_INSTANT_PATTERN);
  });

  it("midnight rolls over to the office's next day: 16:00Z is 00:00 the next day in Mbay", () => {
    expect(officeInstant(new Date('2026-11-30T15:59:59.999Z'), '+08:00')).toBe('2026-11-30T23:59:59.999+08:00');
    expect(officeInstant(new Date('2026-11-30T16:00:00.000Z'), '+08:00')).toBe('2026-12-01T00:00:00.000+08:00');
    // over a year end and a leap day
    expect(officeInstant(new Date('2026-12-31T16:00:00.000Z'), '+08:00')).toBe('2027-01-01T00:00:00.000+08:00');
    expect(officeInstant(new Date('2028-02-28T16:30:00.000Z'), '+08:00')).toBe('2028-02-29T00:30:00.000+08:00');
  });

  it('a fixed offset has no daylight saving: the same wall-clock hour in January and July', () => {
    expect(officeInstant(new Date('2026-01-15T12:00:00Z'), '+08:00')).toBe('2026-01-15T20:00:00.000+08:00');
    expect(officeInstant(new Date('2026-07-15T12:00:00Z'), '+08:00')).toBe('2026-07-15T20:00:00.000+08:00');
    expect(officeInstant(new Date('2026-07-15T12:00:00Z'), '-05:00')).toBe('2026-07-15T07:00:00.000-05:00');
  });

  it('names the same moment as its input (round trip through Date.parse)', () => {
    for (const iso of ['2026-11-27T01:30:00.123Z', '1999-12-31T23:59:59.999Z', '2040-02-29T16:00:00.000Z']) {
      for (const offset of ['+08:00', '-05:00', '+00:00', '+14:00', '-12:00']) {
        expect(Date.parse(officeInstant(iso, offset))).toBe(Date.parse(iso));
      }
    }
  });

  it.each([
    ['an invalid Date', new Date(NaN)],
    ['not a date-time', 'yesterday'],
    ['a calendar date alone (a day is not a moment)', '2026-11-27'],
    ['a date-time without an offset', '2026-11-27T09:30:00.123'],
    ['an impossible date-time', '2026-13-01T09:30:00.000+08:00'],
    ['a year past 9999', Date.UTC(10000, 0, 1)],
  ])('refuses %s', (_name, moment) => {
    expect(() => officeInstant(moment, '+08:00')).toThrow(RangeError);
  });

  it.each(['08:00', '+8:00', 'Z', '+08:60', '+24:00', 'WITA'])('refuses the offset %s', (offset) => {
    expect(() => officeInstant(new Date(), offset)).toThrow(RangeError);
  });

  it('officeInstantOrNull keeps a missing value missing', () => {
    expect(officeInstantOrNull(null, '+08:00')).toBeNull();
    expect(officeInstantOrNull(undefined, '+08:00')).toBeNull();
    expect(officeInstantOrNull(new Date('2026-11-27T01:30:00.123Z'), '+08:00')).toBe('2026-11-27T09:30:00.123+08:00');
  });

  it('utcOffsetMinutes reads the offset east of UTC', () => {
    expect(utcOffsetMinutes('+08:00')).toBe(480);
    expect(utcOffsetMinutes('-03:30')).toBe(-210);
    expect(utcOffsetMinutes('+00:00')).toBe(0);
  });
});
