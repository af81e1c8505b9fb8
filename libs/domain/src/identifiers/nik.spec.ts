import { checkNikAgainstPerson, formatNik, maskNik, parseNik, NIK_ERROR_CODES } from './nik';

const asOf = '2026-11-27';

describe('parseNik: the layout (PP 37/2007 art. 37)', () => {
  it('reads region, birth date, sex and serial of a woman from Aesesa, Nagekeo', () => {
    expect(parseNik('5316014103900001', { asOf })).toEqual({
      ok: true,
      value: {
        nik: '5316014103900001',
        provinceCode: '53',
        regencyCode: '5316',
        districtCode: '531601',
        birthDate: '1990-03-01',
        sex: 'F',
        serial: '0001',
        historical: false,
      },
      warnings: [],
    });
  });

  it.each([
    ['01', 'M', '01'],
    ['31', 'M', '31'],
    ['41', 'F', '01'],
    ['71', 'F', '31'],
  ])('day digits %s mean sex %s, day %s (40 is added for women)', (digits, sex, day) => {
    const result = parseNik(`531601${digits}0190` + '0001', { asOf });
    expect(result.ok && result.value.sex).toBe(sex);
    expect(result.ok && result.value.birthDate).toBe(`1990-01-${day}`);
  });

  it.each(['00', '32', '39', '40', '72', '99'])('day digits %s are rejected', (digits) => {
    const result = parseNik(`531601${digits}0190` + '0001', { asOf });
    expect(!result.ok && result.errors.map((e) => e.code)).toEqual(['NIK_BIRTH_DATE_INVALID']);
  });
});

describe('parseNik: the century', () => {
  it('reads 20YY when that date is not after asOf', () => {
    const r = parseNik('5316011505250001', { asOf });
    expect(r.ok && r.value.birthDate).toBe('2025-05-15');
  });
  it('reads 19YY when 20YY would be after asOf', () => {
    const r = parseNik('5316011505270001', { asOf });
    expect(r.ok && r.value.birthDate).toBe('1927-05-15');
  });
  it('checks the calendar in the inferred year: 29 February 00 is valid in 2000, not in 1900', () => {
    expect(parseNik('5316012902000001', { asOf }).ok).toBe(true);
    expect(parseNik('5316012902000001', { asOf: '1999-12-31' }).ok).toBe(false);
  });
  it('accepts asOf as a Date, read in UTC', () => {
    const r = parseNik('5316012711260001', { asOf: new Date(Date.UTC(2026, 10, 27, 23, 59)) });
    expect(r.ok && r.value.birthDate).toBe('2026-11-27');
  });
  it.each([undefined, '2026-02-30', 'today', new Date(NaN)])('rejects asOf %p with AS_OF_INVALID', (bad) => {
    const r = parseNik('5316010103900001', { asOf: bad as string });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['AS_OF_INVALID']);
  });
});

describe('parseNik: regions', () => {
  it('flags a retired code as historical (Merauke 91.01.01 before the 2022 Papua split)', () => {
    const r = parseNik('9101010103900001', { asOf });
    expect(r.ok && r.value.historical).toBe(true);
  });
  it('warns, but accepts, an unknown kecamatan under a known regency', () => {
    const r = parseNik('5316990103900001', { asOf });
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['NIK_DISTRICT_UNKNOWN']);
  });
  it('names the unknown part: province or regency', () => {
    const province = parseNik('9916010103900001', { asOf });
    const regency = parseNik('5399010103900001', { asOf });
    expect(!province.ok && province.errors[0]?.message).toMatch(/province code 99/);
    expect(!regency.ok && regency.errors[0]?.message).toMatch(/regency code 53\.99/);
  });
});

describe('parseNik: never throws, whatever it is given', () => {
  it.each([null, undefined, 5316010103900001, {}, [], Symbol('nik'), 12n])('returns NIK_FORMAT for %p', (bad) => {
    const r = parseNik(bad as unknown as string, { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['NIK_FORMAT']);
  });
  it('documents every error code it can return', () => {
    expect(NIK_ERROR_CODES).toEqual(['NIK_FORMAT', 'NIK_REGION_UNKNOWN', 'NIK_BIRTH_DATE_INVALID', 'NIK_SERIAL_INVALID', 'AS_OF_INVALID']);
  });
});

describe('formatNik and maskNik', () => {
  it('formats the dotted display form', () => {
    expect(formatNik('5316014103900001')).toBe('53.16.01.410390.0001');
    expect(formatNik('12345')).toBeUndefined();
  });
  it('masks the birth date for logs (UU 27/2022)', () => {
    expect(maskNik('5316014103900001')).toBe('531601******0001');
    expect(maskNik(' 5316014103900001 ')).toBe('531601******0001');
  });
  it('masks a malformed value whole, so nothing leaks', () => {
    expect(maskNik('5316-0141-0390')).toBe('**************');
    expect(maskNik(undefined as unknown as string)).toBe('*');
  });
});

describe('checkNikAgainstPerson', () => {
  it('accepts a NIK that matches the record', () => {
    const r = checkNikAgainstPerson('5316014103900001', { birthDate: '1990-03-01', sex: 'F' });
    expect(r.ok).toBe(true);
  });
  it('uses the recorded century: a person born in 1920 is not a child born in 2020', () => {
    const r = checkNikAgainstPerson('5316010101200001', { birthDate: '1920-01-01', sex: 'M' });
    expect(r.ok && r.value.birthDate).toBe('1920-01-01');
  });
  it('reports a sex and a birth date mismatch together', () => {
    const r = checkNikAgainstPerson('5316010103900001', { birthDate: '1990-03-02', sex: 'F' });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['NIK_BIRTH_DATE_MISMATCH', 'NIK_SEX_MISMATCH']);
  });
  it('reports the NIK errors of an invalid NIK', () => {
    const r = checkNikAgainstPerson('5316010103900000', { birthDate: '1990-03-01', sex: 'M' });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['NIK_SERIAL_INVALID']);
  });
  it('reports an invalid record', () => {
    const r = checkNikAgainstPerson('5316010103900001', { birthDate: '1990-02-30', sex: 'X' as 'M' });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['PERSON_BIRTH_DATE_INVALID', 'PERSON_SEX_INVALID']);
  });
});
