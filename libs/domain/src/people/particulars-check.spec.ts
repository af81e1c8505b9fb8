// The particulars every way into the register checks the same way (issue 19, item 5). Sources: PP 37/2007 art. 37
// (the NIK encodes birth date and sex), Permendagri 73/2022 art. 4 (names; why 100 characters: see the module).
import fc from 'fast-check';
import { checkParticulars, EARLIEST_BIRTH_DATE, NAME_MAX_LENGTH, PARTICULARS_ERROR_CODES, type Particulars } from './particulars-check';

const asOf = '2026-11-27';
const pairs = (p: Particulars) => {
  const r = checkParticulars(p, { asOf });
  return r.ok ? [] : r.errors.map((e) => [e.code, e.field]);
};

describe('checkParticulars', () => {
  it('accepts good particulars and returns the names trimmed', () => {
    expect(
      checkParticulars({ fullName: ' Maria Goreti Wea ', motherName: 'Yohana Bhoki', birthDate: '1990-03-01', sex: 'F', nik: '5316014103900001' }, { asOf }),
    ).toEqual({ ok: true, value: { fullName: 'Maria Goreti Wea', motherName: 'Yohana Bhoki', birthDate: '1990-03-01', sex: 'F', nik: '5316014103900001' }, warnings: [] });
    expect(checkParticulars({}, { asOf })).toEqual({ ok: true, value: {}, warnings: [] });
  });

  describe('names: trimmed, not blank, no control characters, at most NAME_MAX_LENGTH (Permendagri 73/2022 art. 4)', () => {
    it.each([
      ['blank', '   ', [['NAME_BLANK', 'fullName']]],
      ['empty', '', [['NAME_BLANK', 'fullName']]],
      ['a tab inside', 'Maria\tWea', [['NAME_CONTROL_CHARACTER', 'fullName']]],
      ['NUL', 'Maria\u0000', [['NAME_CONTROL_CHARACTER', 'fullName']]],
      ['DEL', 'Maria\u007fWea', [['NAME_CONTROL_CHARACTER', 'fullName']]],
      ['a C1 code (U+0085)', 'Maria\u0085Wea', [['NAME_CONTROL_CHARACTER', 'fullName']]],
      ['a C1 code (U+009F)', 'Maria\u009fWea', [['NAME_CONTROL_CHARACTER', 'fullName']]],
      ['101 characters', 'a'.repeat(NAME_MAX_LENGTH + 1), [['NAME_TOO_LONG', 'fullName']]],
      ['not text', 42, [['NAME_INVALID', 'fullName']]],
    ] as const)('%s: %p', (_, fullName, expected) => {
      expect(pairs({ fullName: fullName as string })).toEqual(expected);
    });
    it.each([
      ['100 characters', 'a'.repeat(NAME_MAX_LENGTH)],
      ['100 characters with spaces around', `  ${'a'.repeat(NAME_MAX_LENGTH)} `],
      ['a pasted line break at the end (trimmed)', 'Maria Goreti Wea\r\n'],
      ['apostrophes, hyphens, accents and non-Latin letters', "Yohanes D'Silva-Ngéa 王"],
      ['100 letters beyond the BMP (counted as characters)', '𝓐'.repeat(NAME_MAX_LENGTH)],
    ])('%s: accepted', (_, fullName) => {
      expect(pairs({ fullName })).toEqual([]);
    });
    it("checks the mother's and the father's names too, each with its field", () => {
      expect(pairs({ fullName: 'Maria', motherName: ' ', fatherName: 'Yosef\nDhey' })).toEqual([
        ['NAME_BLANK', 'motherName'],
        ['NAME_CONTROL_CHARACTER', 'fatherName'],
      ]);
    });
    it('never puts the name in the message', () => {
      const r = checkParticulars({ fullName: 'Rahasia\u0007Pribadi' }, { asOf });
      expect(!r.ok && r.errors[0]?.message).toBe('fullName has a control character (U+0007 at character 8); type the name again');
    });
  });

  describe(`birth dates: real, not after asOf, not before ${EARLIEST_BIRTH_DATE}`, () => {
    it.each([
      ['2026-11-27', []],
      ['2026-11-28', [['BIRTH_AFTER_AS_OF', 'birthDate']]],
      ['1900-01-01', []],
      ['1899-12-31', [['BIRTH_DATE_TOO_EARLY', 'birthDate']]],
      ['1700-05-01', [['BIRTH_DATE_TOO_EARLY', 'birthDate']]],
      ['1990-02-30', [['BIRTH_DATE_INVALID', 'birthDate']]],
      ['01-03-1990', [['BIRTH_DATE_INVALID', 'birthDate']]],
    ] as const)('%s: %p', (birthDate, expected) => {
      expect(pairs({ birthDate })).toEqual(expected);
    });
  });

  describe('an explicit NIK consistent with birth date and sex (PP 37/2007 art. 37)', () => {
    it.each([
      ['fits', { nik: '5316014103900001', birthDate: '1990-03-01', sex: 'F' }, []],
      ['another birth date', { nik: '5316014103900001', birthDate: '1990-03-02', sex: 'F' }, [['NIK_BIRTH_DATE_MISMATCH', 'birthDate']]],
      ['the other sex', { nik: '5316014103900001', birthDate: '1990-03-01', sex: 'M' }, [['NIK_SEX_MISMATCH', 'sex']]],
      ['both', { nik: '5316010103900001', birthDate: '1990-03-02', sex: 'F' }, [['NIK_BIRTH_DATE_MISMATCH', 'birthDate'], ['NIK_SEX_MISMATCH', 'sex']]],
      ['not a NIK', { nik: '53160141039', birthDate: '1990-03-01', sex: 'F' }, [['NIK_FORMAT', 'nik']]],
      ['a birth date that is itself wrong is not compared', { nik: '5316014103900001', birthDate: '2099-03-01', sex: 'F' }, [['BIRTH_AFTER_AS_OF', 'birthDate']]],
      ['the sex alone', { nik: '5316014103900001', sex: 'M' }, [['NIK_SEX_MISMATCH', 'sex']]],
      ['a sex that is not M or F', { nik: '5316014103900001', sex: 'X' }, [['SEX_INVALID', 'sex']]],
      ['the century is the record\'s (born 1920)', { nik: '5316010101200001', birthDate: '1920-01-01', sex: 'M' }, []],
    ] as const)('%s: %p', (_, p, expected) => {
      expect(pairs(p as Particulars)).toEqual(expected);
    });
  });

  describe('deaths: not before the birth, not after asOf', () => {
    it.each([
      ['on the day of birth', { birthDate: '2026-01-05', dateOfDeath: '2026-01-05' }, []],
      ['before the birth', { birthDate: '1990-03-01', dateOfDeath: '1990-02-28' }, [['DEATH_BEFORE_BIRTH', 'dateOfDeath']]],
      ['tomorrow', { birthDate: '1990-03-01', dateOfDeath: '2026-11-28' }, [['DEATH_AFTER_AS_OF', 'dateOfDeath']]],
      ['not a date', { dateOfDeath: '2026-02-29' }, [['DEATH_DATE_INVALID', 'dateOfDeath']]],
      ['without a birth date', { dateOfDeath: '1950-01-01' }, []],
    ] as const)('%s: %p', (_, p, expected) => {
      expect(pairs(p)).toEqual(expected);
    });
  });

  it('reports every violation at once, and AS_OF_INVALID alone', () => {
    expect(pairs({ fullName: '', motherName: 'a'.repeat(101), birthDate: '1850-01-01', dateOfDeath: '1849-01-01' })).toEqual([
      ['NAME_BLANK', 'fullName'],
      ['NAME_TOO_LONG', 'motherName'],
      ['BIRTH_DATE_TOO_EARLY', 'birthDate'],
      ['DEATH_BEFORE_BIRTH', 'dateOfDeath'],
    ]);
    expect(checkParticulars({ fullName: 'x' }, { asOf: 'soon' })).toMatchObject({ ok: false, errors: [{ code: 'AS_OF_INVALID' }] });
  });

  it('never throws, and only reports codes from PARTICULARS_ERROR_CODES', () => {
    const anything = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.integer({ min: -5_000_000_000_000, max: 5_000_000_000_000 }).map((t) => new Date(t).toISOString().slice(0, 10)));
    fc.assert(
      fc.property(fc.record({ fullName: anything, motherName: anything, fatherName: anything, birthDate: anything, sex: anything, nik: anything, dateOfDeath: anything }), (p) => {
        const r = checkParticulars(p as Particulars, { asOf });
        for (const e of r.ok ? [] : r.errors) expect(PARTICULARS_ERROR_CODES).toContain(e.code);
      }),
      { numRuns: 300 },
    );
  });
});
