import { formatKkNumber, issueKkNumber, maskKkNumber, parseKkNumber } from './kk-number';

const asOf = '2026-11-27';

describe('parseKkNumber', () => {
  it('reads the issuing kecamatan, the date of issue and the serial', () => {
    expect(parseKkNumber('5316012511260001', { asOf })).toEqual({
      ok: true,
      value: {
        kkNumber: '5316012511260001',
        provinceCode: '53',
        regencyCode: '5316',
        districtCode: '531601',
        issueDate: '2026-11-25',
        serial: '0001',
        historical: false,
      },
      warnings: [],
    });
  });

  it('has no sex offset: day 41 is an invalid date of issue', () => {
    const r = parseKkNumber('5316014111250001', { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['KK_ISSUE_DATE_INVALID']);
  });

  it('rejects a date of issue after asOf rather than guessing the 1900s', () => {
    const r = parseKkNumber('5316012811260001', { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['KK_ISSUE_DATE_AFTER_AS_OF']);
  });

  it.each([
    ['5316012902240001', true, '29 February 2024 (leap)'],
    ['5316012902250001', false, '29 February 2025'],
    ['5316013104250001', false, '31 April'],
    ['5316010113250001', false, 'month 13'],
  ])('%s valid=%p (%s)', (kk, valid) => {
    expect(parseKkNumber(kk, { asOf }).ok).toBe(valid);
  });

  it('reports every error: unknown region, bad date and serial 0000', () => {
    const r = parseKkNumber('9999003213250000', { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['KK_REGION_UNKNOWN', 'KK_ISSUE_DATE_INVALID', 'KK_SERIAL_INVALID']);
  });

  it.each(['', '531601251126000', '5316-01-251126-0001', null, 42])('rejects %p with KK_FORMAT', (bad) => {
    const r = parseKkNumber(bad as string, { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['KK_FORMAT']);
  });

  it('warns about an unknown kecamatan and flags a retired one', () => {
    const unknown = parseKkNumber('5316992511260001', { asOf });
    expect(unknown.ok && unknown.warnings.map((w) => w.code)).toEqual(['KK_DISTRICT_UNKNOWN']);
    const retired = parseKkNumber('9101012511200001', { asOf });
    expect(retired.ok && retired.value.historical).toBe(true);
  });

  it('formats and masks', () => {
    expect(formatKkNumber('5316012511260001')).toBe('53.16.01.251126.0001');
    expect(maskKkNumber('5316012511260001')).toBe('531601******0001');
  });
});

describe('issueKkNumber', () => {
  it('issues a number dated asOf by default, serial after the highest used', () => {
    const r = issueKkNumber({ districtCode: '531601', usedSerials: [1, 2] }, { asOf });
    expect(r).toEqual({
      ok: true,
      value: { kkNumber: '5316012711260003', prefix: '531601271126', serial: '0003', issueDate: '2026-11-27' },
      warnings: [],
    });
    expect(parseKkNumber(r.ok ? r.value.kkNumber : '', { asOf }).ok).toBe(true);
  });

  it('accepts an explicit earlier issue date', () => {
    const r = issueKkNumber({ districtCode: '53.16.02', issueDate: '2026-01-05', usedSerials: [] }, { asOf });
    expect(r.ok && r.value.kkNumber).toBe('5316020501260001');
  });

  it('refuses a future issue date, a retired kecamatan and bad serials together', () => {
    const r = issueKkNumber({ districtCode: '910101', issueDate: '2026-12-01', usedSerials: ['1'] }, { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual([
      'KK_ISSUE_DISTRICT_RETIRED',
      'KK_ISSUE_DATE_AFTER_AS_OF',
      'KK_ISSUE_USED_SERIAL_INVALID',
    ]);
  });

  it('reports KK_PREFIX_EXHAUSTED when every serial of the day is used', () => {
    const used = Array.from({ length: 9999 }, (_, i) => i + 1);
    const r = issueKkNumber({ districtCode: '531601', usedSerials: used }, { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['KK_PREFIX_EXHAUSTED']);
  });
});
