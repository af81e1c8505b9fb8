// Every closed code union of the library has an exported list (`NIK_ERROR_CODES`, `FAMILY_CARD_VIOLATION_CODES`
// …), from which the union is derived, so the compiler keeps list and union equal. An app that translates codes
// (apps/web shows each one in Bahasa Indonesia) reads the lists at run time: here, that they are well formed, and
// for two of them that they are exactly what the functions return.
import fc from 'fast-check';
import { card, household, member } from '../../test/family-builders';
import * as domain from '../index';
import * as villages from '../villages';
import {
  checkFamilyCard,
  parseNik,
  FAMILY_CARD_VIOLATION_CODES,
  FAMILY_CARD_WARNING_CODES,
  FAMILY_OPERATION_ERROR_CODES,
  NIK_ERROR_CODES,
  NIK_WARNING_CODES,
  type FamilyCard,
} from '../index';

const asOf = '2026-11-27';

const codeLists = Object.entries({ ...domain, ...villages }).filter(([name, value]) => name.endsWith('_CODES') && Array.isArray(value));

describe('the exported code lists', () => {
  it('cover the code unions (one list for each)', () => {
    expect(codeLists.length).toBeGreaterThanOrEqual(36);
  });

  // A list's name says what its codes are: errors, warnings, violations, mismatches, or the reasons a result gives
  // instead of a value (EKTP_PROJECTION_REASON_CODES: why no date can be said).
  it.each(codeLists)('%s is a non-empty list of unique UPPER_SNAKE codes', (name, list) => {
    expect(name).toMatch(/_(ERROR|WARNING|VIOLATION|MISMATCH|REASON)_CODES$/);
    const codes = list as readonly unknown[];
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('a `_CODES` export that is not a list is not a code list either (the deed-number type codes are a map)', () => {
    const others = Object.entries(domain).filter(([name, value]) => name.endsWith('_CODES') && !Array.isArray(value));
    expect(others.map(([name]) => name)).toEqual(['DEFAULT_DEED_TYPE_CODES']);
  });
});

describe('NIK_ERROR_CODES: exactly what parseNik can fail with (PP 37/2007 art. 37)', () => {
  const failures = (nik: unknown, at: unknown = asOf) => {
    const r = parseNik(nik as string, { asOf: at as string });
    return r.ok ? [] : r.errors.map((e) => e.code);
  };

  it('each code in the list is met by some NIK', () => {
    const met = new Set([
      ...failures('5316-0141-0390'), // NIK_FORMAT
      ...failures('9916010103900001'), // NIK_REGION_UNKNOWN: no province 99
      ...failures('5316013202900001'), // NIK_BIRTH_DATE_INVALID: day 32
      ...failures('5316010103900000'), // NIK_SERIAL_INVALID: serial 0000
      ...failures('5316014103900001', 'soon'), // AS_OF_INVALID
    ]);
    expect([...met].sort()).toEqual([...NIK_ERROR_CODES].sort());
  });

  it('and no input yields a code outside the lists', () => {
    const sixteenDigits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 16, maxLength: 16 }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.oneof(sixteenDigits, fc.string(), fc.anything()), fc.constantFrom(asOf, '2026-02-30', 'soon'), (nik, at) => {
        const r = parseNik(nik as string, { asOf: at });
        const codes = r.ok ? r.warnings.map((w) => w.code) : r.errors.map((e) => e.code);
        for (const code of codes) expect(r.ok ? NIK_WARNING_CODES : NIK_ERROR_CODES).toContain(code);
      }),
    );
  });
});

describe('FAMILY_CARD_VIOLATION_CODES: what checkFamilyCard reports on bad cards', () => {
  const head = () => member(1, '1960-01-01', 'M', 'KAWIN_TERCATAT');
  const bad: Array<[string, FamilyCard]> = [
    ['no card at all', null as unknown as FamilyCard],
    ['no head, a bad No. KK', card([member(4, '2010-01-01', 'M')], { kkNumber: '123' })],
    ['two heads', card([head(), member(1, '1962-01-01', 'M', 'KAWIN_TERCATAT')])],
    ['a wife who is not married, a child older than the head', card([head(), member(3, '1965-01-01', 'F', 'BELUM_KAWIN'), member(4, '1955-01-01', 'F')])],
    ['a NIK that does not match the member', card([{ ...head(), sex: 'F' }])],
  ];

  it.each(bad)('%s', (_label, input) => {
    const r = checkFamilyCard(input, { asOf });
    expect(r.ok).toBe(false);
    for (const e of r.ok ? [] : r.errors) {
      expect(FAMILY_CARD_VIOLATION_CODES).toContain(e.code);
      expect(FAMILY_OPERATION_ERROR_CODES).toContain(e.code);
    }
  });

  it('and its warnings are in FAMILY_CARD_WARNING_CODES', () => {
    const h = head();
    const r = checkFamilyCard(card([h, member(3, '1985-01-01', 'F', 'KAWIN_TERCATAT'), member(4, '1990-01-01', 'M'), member(8, '1965-01-01', 'F', 'CERAI_MATI')]), { asOf });
    expect(r.ok && r.warnings.map((w) => w.code).sort()).toEqual([...FAMILY_CARD_WARNING_CODES].sort());
    expect(checkFamilyCard(household(), { asOf })).toMatchObject({ ok: true, warnings: [] });
  });
});
