// Properties of parseNik over generated NIKs (fast-check): what is generated parses back exactly, every
// single-field corruption is caught with the right code, and no input of any kind makes it throw.
import fc from 'fast-check';
import { daysInMonth } from '../calendar';
import { listDistricts, listProvinces, listRegencies } from '../regions/regions';
import { parseNik } from './nik';

const asOf = '2026-11-27';
const districts = listProvinces().flatMap((p) => listRegencies(p.code)).flatMap((r) => listDistricts(r.code)).map((d) => d.code);
const knownProvinces = new Set(listProvinces().map((p) => p.code));
const unknownProvinces = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).filter((p) => !knownProvinces.has(p));

const two = (n: number) => String(n).padStart(2, '0');

/** A valid NIK and what it encodes: a person born in the 99 years up to asOf. */
const validNik = fc
  .record({
    district: fc.constantFrom(...districts),
    birth: fc.date({ min: new Date('1927-11-28T00:00:00Z'), max: new Date('2026-11-27T00:00:00Z'), noInvalidDate: true }),
    sex: fc.constantFrom('M' as const, 'F' as const),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .map(({ district, birth, sex, serial }) => {
    const year = birth.getUTCFullYear();
    const month = birth.getUTCMonth() + 1;
    const day = birth.getUTCDate();
    const nik = district + two(day + (sex === 'F' ? 40 : 0)) + two(month) + two(year % 100) + String(serial).padStart(4, '0');
    return { nik, district, birthDate: `${year}-${two(month)}-${two(day)}`, sex, serial: String(serial).padStart(4, '0') };
  });

const codesOf = (nik: string) => {
  const r = parseNik(nik, { asOf });
  return r.ok ? [] : r.errors.map((e) => e.code);
};

describe('parseNik properties', () => {
  it('a generated valid NIK parses back to what generated it', () => {
    fc.assert(
      fc.property(validNik, (g) => {
        const r = parseNik(g.nik, { asOf });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toEqual({
          nik: g.nik,
          provinceCode: g.district.slice(0, 2),
          regencyCode: g.district.slice(0, 4),
          districtCode: g.district,
          birthDate: g.birthDate,
          sex: g.sex,
          serial: g.serial,
          historical: false,
        });
        expect(r.warnings).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('a non-digit anywhere, or a digit too many or too few, is NIK_FORMAT', () => {
    const nonDigit = fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[0-9]/.test(c) && c.trim() !== '');
    fc.assert(
      fc.property(validNik, fc.integer({ min: 0, max: 15 }), nonDigit, fc.boolean(), (g, at, c, shorten) => {
        expect(codesOf(g.nik.slice(0, at) + c + g.nik.slice(at + 1))).toEqual(['NIK_FORMAT']);
        expect(codesOf(shorten ? g.nik.slice(0, at) + g.nik.slice(at + 1) : g.nik + String(at % 10))).toEqual(['NIK_FORMAT']);
      }),
    );
  });

  it('an unknown province is NIK_REGION_UNKNOWN and nothing else', () => {
    fc.assert(
      fc.property(validNik, fc.constantFrom(...unknownProvinces), (g, province) => {
        expect(codesOf(province + g.nik.slice(2))).toEqual(['NIK_REGION_UNKNOWN']);
      }),
    );
  });

  it('an impossible day or month is NIK_BIRTH_DATE_INVALID and nothing else', () => {
    const badDay = fc.constantFrom(0, 32, 33, 34, 35, 36, 37, 38, 39, 40, 72, 80, 99);
    const badMonth = fc.constantFrom(0, 13, 20, 99);
    fc.assert(
      fc.property(validNik, badDay, badMonth, fc.boolean(), (g, day, month, corruptDay) => {
        const nik = corruptDay
          ? g.nik.slice(0, 6) + two(day) + g.nik.slice(8)
          : g.nik.slice(0, 8) + two(month) + g.nik.slice(10);
        expect(codesOf(nik)).toEqual(['NIK_BIRTH_DATE_INVALID']);
      }),
    );
  });

  it('the day after the last day of the birth month is NIK_BIRTH_DATE_INVALID, for men and women', () => {
    fc.assert(
      fc.property(validNik, (g) => {
        const [year, month] = g.birthDate.split('-').map(Number) as [number, number];
        const pastEnd = daysInMonth(year, month) + 1 + (g.sex === 'F' ? 40 : 0);
        expect(codesOf(g.nik.slice(0, 6) + two(pastEnd) + g.nik.slice(8))).toEqual(['NIK_BIRTH_DATE_INVALID']);
      }),
    );
  });

  it('serial 0000 is NIK_SERIAL_INVALID and nothing else', () => {
    fc.assert(fc.property(validNik, (g) => expect(codesOf(g.nik.slice(0, 12) + '0000')).toEqual(['NIK_SERIAL_INVALID'])));
  });

  it('no input of any kind throws, and the result is always a well-formed answer', () => {
    const anyAsOf = fc.oneof(fc.constant(asOf), fc.anything(), fc.date());
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^\s*[0-9]{14,18}\s*$/)), anyAsOf, (input, when) => {
        const r = parseNik(input as string, { asOf: when as string });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});

