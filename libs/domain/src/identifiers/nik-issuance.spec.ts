import { issueNik } from './nik-issuance';
import { parseNik } from './nik';

const asOf = '2026-11-27';

describe('issueNik (PP 37/2007 art. 37)', () => {
  it('issues the first NIK of a prefix with serial 0001, and +40 on the day for a girl', () => {
    const r = issueNik({ districtCode: '531601', birthDate: '2026-11-20', sex: 'F', usedSerials: [] }, { asOf });
    expect(r).toEqual({ ok: true, value: { nik: '5316016011260001', prefix: '531601601126', serial: '0001' }, warnings: [] });
  });

  it('takes the serial after the highest used one, given as numbers or 4-digit strings', () => {
    const r = issueNik({ districtCode: '53.16.03', birthDate: '2026-11-20', sex: 'M', usedSerials: ['0001', 2, 7] }, { asOf });
    expect(r.ok && r.value.nik).toBe('5316032011260008');
  });

  it('fills the lowest gap once 9999 is taken (migrated records sharing a default birth date)', () => {
    const used = Array.from({ length: 9999 }, (_, i) => i + 1).filter((n) => n !== 42);
    const r = issueNik({ districtCode: '531601', birthDate: '1970-01-01', sex: 'M', usedSerials: used }, { asOf });
    expect(r.ok && r.value.serial).toBe('0042');
  });

  it('reports NIK_PREFIX_EXHAUSTED when all 9,999 serials are used', () => {
    const used = Array.from({ length: 9999 }, (_, i) => i + 1);
    const r = issueNik({ districtCode: '531601', birthDate: '1970-01-01', sex: 'M', usedSerials: used }, { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['NIK_PREFIX_EXHAUSTED']);
  });

  it('issues NIKs that parseNik reads back to the same person', () => {
    const r = issueNik({ districtCode: '531607', birthDate: '1988-02-29', sex: 'F', usedSerials: [1] }, { asOf });
    expect(r.ok).toBe(true);
    const parsed = parseNik(r.ok ? r.value.nik : '', { asOf });
    expect(parsed.ok && [parsed.value.birthDate, parsed.value.sex, parsed.value.districtCode, parsed.value.serial]).toEqual([
      '1988-02-29',
      'F',
      '531607',
      '0002',
    ]);
  });

  it('warns when the person is so old that the two-digit year will read as this century', () => {
    const r = issueNik({ districtCode: '531601', birthDate: '1925-01-01', sex: 'M', usedSerials: [] }, { asOf });
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['NIK_CENTURY_AMBIGUOUS']);
  });

  it('reports every problem of a bad request at once', () => {
    const r = issueNik(
      { districtCode: '5316', birthDate: '2026-02-30', sex: 'X' as 'M', usedSerials: [0, 'abc', 10000] },
      { asOf },
    );
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual([
      'NIK_ISSUE_DISTRICT_UNKNOWN',
      'NIK_ISSUE_BIRTH_DATE_INVALID',
      'NIK_ISSUE_SEX_INVALID',
      'NIK_ISSUE_USED_SERIAL_INVALID',
    ]);
  });

  it('refuses a retired kecamatan code and a birth after asOf', () => {
    const r = issueNik({ districtCode: '910101', birthDate: '2026-11-28', sex: 'M', usedSerials: [] }, { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['NIK_ISSUE_DISTRICT_RETIRED', 'NIK_ISSUE_BIRTH_DATE_AFTER_AS_OF']);
  });

  it('refuses an invalid asOf', () => {
    const r = issueNik({ districtCode: '531601', birthDate: '2020-01-01', sex: 'M', usedSerials: [] }, { asOf: 'now' });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['AS_OF_INVALID']);
  });
});
