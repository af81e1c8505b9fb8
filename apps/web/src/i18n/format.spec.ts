import { formatDate, formatDateTime, formatNumber, formatPercent, formatTime } from './format';

describe('dates, numbers and times as the office writes them', () => {
  it('writes a date as "7 Desember 2026"', () => {
    expect(formatDate('2026-12-07')).toBe('7 Desember 2026');
    expect(formatDate('2026-12-07', 'en')).toBe('7 December 2026');
  });

  it("gives an instant its day in WITA (UTC+8): late evening UTC is already the next day in Nagekeo", () => {
    expect(formatDate('2026-12-06T17:30:00Z')).toBe('7 Desember 2026');
  });

  it('writes thousands with a dot and decimals with a comma', () => {
    expect(formatNumber(164457)).toBe('164.457');
    expect(formatNumber(84.456)).toBe('84,46');
    expect(formatPercent(84.5)).toBe('84,50%');
    expect(formatNumber(164457, 'en')).toBe('164,457');
  });

  it('writes times in WITA, naming the zone', () => {
    expect(formatTime('2026-12-07T06:05:00Z')).toBe('14.05 WITA');
    expect(formatDateTime('2026-12-07T06:05:00Z')).toBe('7 Desember 2026, 14.05 WITA');
  });

  it("shows an instant the APIs write at the office's offset (+08:00) as the same WITA time as its UTC form", () => {
    // Since issue 19 item 9 every instant arrives as '2026-12-07T14:05:00.123+08:00'; the same moment as 06:05Z.
    expect(formatTime('2026-12-07T14:05:00.123+08:00')).toBe(formatTime('2026-12-07T06:05:00.123Z'));
    expect(formatTime('2026-12-07T14:05:00.123+08:00')).toBe('14.05 WITA');
    expect(formatDateTime('2026-12-07T14:05:00.123+08:00')).toBe('7 Desember 2026, 14.05 WITA');
    // just after midnight at the office: the office's day, although it is still the day before in UTC
    expect(formatDate('2026-12-07T00:30:00.000+08:00')).toBe('7 Desember 2026');
    expect(formatDateTime('2026-12-07T00:30:00.000+08:00', 'en')).toBe('7 December 2026, 00:30 WITA');
  });

  it('leaves what is not a date as it is', () => {
    expect(formatDate('besok')).toBe('besok');
  });
});
