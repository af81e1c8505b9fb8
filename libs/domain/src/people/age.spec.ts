import { ageOn, checkMarriageAge, dateOfAge, isWajibKtp, kiaEligibility } from './age';

describe('ageOn', () => {
  it.each([
    ['1990-03-01', '2026-02-28', 35],
    ['1990-03-01', '2026-03-01', 36],
    ['2026-11-27', '2026-11-27', 0],
    // 29 February: the anniversary in a common year is 1 March (our documented choice).
    ['2008-02-29', '2025-02-28', 16],
    ['2008-02-29', '2025-03-01', 17],
    ['2008-02-29', '2024-02-29', 16],
  ])('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toEqual({ ok: true, value: age, warnings: [] });
  });

  it('reports a birth after asOf and invalid dates', () => {
    expect(ageOn('2027-01-01', '2026-11-27')).toMatchObject({ ok: false, errors: [{ code: 'BIRTH_AFTER_AS_OF' }] });
    expect(ageOn('2026-02-30', 'x')).toMatchObject({ ok: false, errors: [{ code: 'BIRTH_DATE_INVALID' }, { code: 'AS_OF_INVALID' }] });
  });

  it('gives the date an age is reached', () => {
    expect(dateOfAge('2009-05-10', 17)).toBe('2026-05-10');
    expect(dateOfAge('2008-02-29', 17)).toBe('2025-03-01');
    expect(dateOfAge('nope', 17)).toBeUndefined();
  });
});

describe('isWajibKtp (UU 24/2013 art. 63(1))', () => {
  const asOf = '2026-11-27';
  it.each([
    ['2009-11-27', 'BELUM_KAWIN', true, 'turns 17 on asOf'],
    ['2009-11-28', 'BELUM_KAWIN', false, 'turns 17 the day after'],
    ['2010-06-01', 'KAWIN_TERCATAT', true, 'married at 16 (with dispensation): wajib KTP'],
    ['2010-06-01', 'CERAI_HIDUP_BELUM_TERCATAT', true, 'ever married counts'],
    ['2010-06-01', 'CERAI_MATI', true, 'widowed counts'],
  ] as const)('born %s, %s: %p (%s)', (birthDate, maritalStatus, expected, _why) => {
    expect(isWajibKtp({ birthDate, maritalStatus }, { asOf })).toEqual({ ok: true, value: expected, warnings: [] });
  });

  it('rejects an unknown marital status', () => {
    const r = isWajibKtp({ birthDate: '2000-01-01', maritalStatus: 'KAWIN' as 'KAWIN_TERCATAT' }, { asOf });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['MARITAL_STATUS_INVALID']);
  });
});

describe('kiaEligibility (Permendagri 2/2016)', () => {
  const asOf = '2026-11-27';
  it('under 5: the first type, valid until the day before the 5th birthday', () => {
    expect(kiaEligibility({ birthDate: '2023-06-01', maritalStatus: 'BELUM_KAWIN' }, { asOf })).toEqual({
      ok: true,
      value: { eligible: true, type: 'UNDER_5', validUntil: '2028-05-31' },
      warnings: [],
    });
  });
  it('from 5: the second type, valid until the day before the 17th birthday', () => {
    const r = kiaEligibility({ birthDate: '2021-11-27', maritalStatus: 'BELUM_KAWIN' }, { asOf });
    expect(r.ok && r.value).toEqual({ eligible: true, type: 'FROM_5_TO_UNDER_17', validUntil: '2038-11-26' });
  });
  it('not for those 17 or older, nor for married minors (they are wajib KTP)', () => {
    expect(kiaEligibility({ birthDate: '2009-11-27', maritalStatus: 'BELUM_KAWIN' }, { asOf })).toMatchObject({
      value: { eligible: false, reason: 'AGE_17_OR_OVER' },
    });
    expect(kiaEligibility({ birthDate: '2010-06-01', maritalStatus: 'KAWIN_TERCATAT' }, { asOf })).toMatchObject({
      value: { eligible: false, reason: 'EVER_MARRIED' },
    });
  });
});

describe('checkMarriageAge (UU 16/2019 amending UU 1/1974 art. 7)', () => {
  it('accepts 19, for men and women alike', () => {
    expect(checkMarriageAge('2007-11-27', { marriageDate: '2026-11-27' })).toEqual({ ok: true, value: { age: 19 }, warnings: [] });
  });
  it('refuses 18 without a court dispensation', () => {
    const r = checkMarriageAge('2007-11-28', { marriageDate: '2026-11-27' });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['MARRIAGE_UNDER_AGE']);
  });
  it('accepts 18 with a court dispensation (art. 7(2)), with a warning', () => {
    const r = checkMarriageAge('2007-11-28', { marriageDate: '2026-11-27', courtDispensation: true });
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['MARRIAGE_BY_DISPENSATION']);
  });
  it('reports invalid dates', () => {
    const r = checkMarriageAge('2007-13-01', { marriageDate: '' });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['BIRTH_DATE_INVALID', 'MARRIAGE_DATE_INVALID']);
    expect(checkMarriageAge('2027-01-01', { marriageDate: '2026-01-01' })).toMatchObject({ errors: [{ code: 'BIRTH_AFTER_MARRIAGE' }] });
  });
});
