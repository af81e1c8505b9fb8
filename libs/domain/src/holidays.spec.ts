// The national holiday calendar: the days of the 2026 joint decree (SKB Menag, Menaker, MenPANRB Nomor 1497, 2 and
// 5 Tahun 2025, 19 September 2025), the fixed-date holidays of 2027 under Keppres 8/2024, and an office's additions.
import { extendHolidayCalendar, holidaysBetween, NATIONAL_HOLIDAYS, type HolidayCalendar } from './holidays';

describe('NATIONAL_HOLIDAYS', () => {
  const year = (y: number) => NATIONAL_HOLIDAYS.years.find((h) => h.year === y);

  it('2026: 17 national holidays and 8 cuti bersama of SKB 1497/2/5 of 2025, complete', () => {
    const y2026 = year(2026);
    expect(y2026?.complete).toBe(true);
    expect(y2026?.source).toContain('Nomor 1497 Tahun 2025');
    expect(y2026?.days.filter((d) => d.kind === 'LIBUR_NASIONAL')).toHaveLength(17);
    expect(y2026?.days.filter((d) => d.kind === 'CUTI_BERSAMA').map((d) => d.date)).toEqual([
      '2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24',
    ]);
    expect(y2026?.days.find((d) => d.date === '2026-12-25')).toEqual({ date: '2026-12-25', kind: 'LIBUR_NASIONAL', name: 'Kelahiran Yesus Kristus' });
  });

  it('2027: only the fixed-date holidays of Keppres 8/2024, and the year says it is incomplete', () => {
    const y2027 = year(2027);
    expect(y2027?.complete).toBe(false);
    expect(y2027?.source).toContain('Keputusan Presiden Nomor 8 Tahun 2024');
    expect(y2027?.days.map((d) => d.date)).toEqual(['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']);
  });

  it('every day is a real date of its year, listed once, in order', () => {
    for (const y of NATIONAL_HOLIDAYS.years) {
      const dates = y.days.map((d) => d.date);
      expect(dates.every((d) => d.startsWith(`${y.year}-`))).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    }
  });
});

describe('holidaysBetween', () => {
  it('lists the days of the range and the years the calendar does not know in full', () => {
    const r = holidaysBetween('2026-12-20', '2027-01-02');
    expect(r.ok && r.value.days.map((d) => [d.date, d.kind])).toEqual([
      ['2026-12-24', 'CUTI_BERSAMA'],
      ['2026-12-25', 'LIBUR_NASIONAL'],
      ['2027-01-01', 'LIBUR_NASIONAL'],
    ]);
    expect(r.ok && r.value.incompleteYears).toEqual([2027]);
    const y2028 = holidaysBetween('2028-01-01', '2028-12-31');
    expect(y2028.ok && y2028.value.incompleteYears).toEqual([2028]);
  });

  it('refuses dates that are not real, or a range that ends before it starts', () => {
    expect(holidaysBetween('2026-02-30', '2026-03-01')).toMatchObject({ ok: false, errors: [{ code: 'HOLIDAY_DATE_INVALID' }] });
    expect(holidaysBetween('2026-03-02', '2026-03-01')).toMatchObject({ ok: false, errors: [{ code: 'HOLIDAY_DATE_INVALID' }] });
  });
});

describe('extendHolidayCalendar', () => {
  it("adds an office's days to a year, replacing a day of the same date, and completes the year when the addition is its decree", () => {
    const r = extendHolidayCalendar(NATIONAL_HOLIDAYS, {
      year: 2027,
      source: 'SKB 2027 as entered by the office',
      complete: true,
      days: [
        { date: '2027-03-26', kind: 'LIBUR_NASIONAL', name: 'Wafat Yesus Kristus' },
        { date: '2027-01-01', kind: 'LIBUR_NASIONAL', name: 'Tahun Baru Masehi' },
      ],
    });
    expect(r.ok).toBe(true);
    const calendar = (r as { value: HolidayCalendar }).value;
    const y2027 = calendar.years.find((y) => y.year === 2027);
    expect(y2027?.complete).toBe(true);
    expect(y2027?.source).toContain('Keputusan Presiden Nomor 8 Tahun 2024');
    expect(y2027?.source).toContain('SKB 2027 as entered by the office');
    expect(y2027?.days.map((d) => [d.date, d.name]).slice(0, 2)).toEqual([
      ['2027-01-01', 'Tahun Baru Masehi'],
      ['2027-03-26', 'Wafat Yesus Kristus'],
    ]);
    // The original is not changed.
    expect(NATIONAL_HOLIDAYS.years.find((y) => y.year === 2027)?.complete).toBe(false);
  });

  it('adds a year the calendar does not have', () => {
    const r = extendHolidayCalendar(NATIONAL_HOLIDAYS, { year: 2028, source: 'Kantor', days: [{ date: '2028-01-01', kind: 'OFFICE', name: 'Tahun Baru' }] });
    expect(r.ok && r.value.years.map((y) => [y.year, y.complete])).toEqual([[2026, true], [2027, false], [2028, false]]);
  });

  it('reports every problem: year, source, each bad day', () => {
    const r = extendHolidayCalendar(NATIONAL_HOLIDAYS, {
      year: 2026.5,
      source: ' ',
      days: [{ date: '2026-02-30', kind: 'LIBUR_NASIONAL', name: 'x' }, { date: '2026-03-01', kind: 'NOPE' as never, name: '' }],
    });
    expect(r.ok === false && r.errors.map((e) => e.code)).toEqual(['HOLIDAY_YEAR_INVALID', 'HOLIDAY_SOURCE_MISSING', 'HOLIDAY_DAY_INVALID', 'HOLIDAY_DAY_INVALID']);
    const wrongYear = extendHolidayCalendar(NATIONAL_HOLIDAYS, { year: 2027, source: 'Kantor', days: [{ date: '2026-12-31', kind: 'OFFICE', name: 'Akhir tahun' }] });
    expect(wrongYear.ok === false && wrongYear.errors.map((e) => e.code)).toEqual(['HOLIDAY_DAY_INVALID']);
  });
});
