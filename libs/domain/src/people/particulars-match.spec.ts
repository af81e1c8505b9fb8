// Particulars matched before the register changes (issue 19, item 4): a deed's reported name, birth date and sex
// against the register's record. The names are NTT's (Catholic given names with their spellings, clan and family
// names: DESIGN.md "Names"); the spellings are those of the current and the older spelling (EYD 1972: dj, tj, oe).
import fc from 'fast-check';
import { matchParticulars, NAME_MATCH_MAX_CHARACTERS, nameKeys, namesMatch, PARTICULARS_MISMATCH_CODES } from './particulars-match';

const codes = (a: Parameters<typeof matchParticulars>[0], b: Parameters<typeof matchParticulars>[1]) => matchParticulars(a, b).differences.map((d) => [d.field, d.code]);

describe('namesMatch: spelling variants of one name match', () => {
  it.each([
    ['Yohanes Dhey', 'Johanes Dhey', 'Y/J'],
    ['Yohanes Dhey', 'Yoanes Dhey', 'a silent h'],
    ['Yohanes Dhey', 'Johannes Dey', 'double letters, dh/d'],
    ['Yohanis Bhoki', 'Yohanes Bhoki', 'Yohanis (table)'],
    ['Maria Goreti Wea', 'Mariya Goretti Wea', 'iy before a vowel, double t'],
    ['Fransiskus Xaverius Nuwa', 'Fransiscus Xaverius Nuwa', 'Latin c before u'],
    ['Fransiskus Nuwa', 'Franciscus Nuwa', 'Latin c before i'],
    ['Filipus Meo', 'Philipus Meo', 'ph/f'],
    ['Yosef Lado', 'Yoseph Lado', 'ph/f at the end'],
    ['Yosep Lado', 'Josef Lado', 'Yosep (table)'],
    ['Agustinus Ngoe', 'Augustinus Ngoe', 'Augustinus (table)'],
    ['Ignasius Wolo', 'Ignatius Wolo', 'ti before a vowel'],
    ['Vinsensius Ria', 'Vincentius Ria', 'v/f, c, ti'],
    ['Katarina Sina', 'Catharina Sina', 'c/k, th/t'],
    ['Theresia Bupu', 'Teresia Bupu', 'th/t'],
    ['Stefanus Djawa', 'Stevanus Jawa', 'v/f, dj/j (EYD 1972)'],
    ['Mikael Soekarno', 'Michael Sukarno', 'ch/k, oe/u'],
    ['MARIA   GORETI   WEA', 'maria goreti wea', 'case and spaces'],
    ['Mária Goreti Wéa', 'Maria Goreti Wea', 'diacritics'],
    ["Yohanes D'hey", 'Yohanes Dhey', 'an apostrophe'],
    ['Maria-Goreti Wea', 'Maria Goreti Wea', 'a hyphen'],
    ['Yohanes Don Bosco Dhey', 'Don Bosco Dhey', 'the baptismal name missing'],
    ['Maria Goreti Wea', 'Maria Wea', 'a middle name missing'],
    ['Y. Dhey', 'Yohanes Dhey', 'an initial'],
    ['J. Dhey', 'Yohanes Dhey', 'an initial J for Y'],
    ['Kornelis', 'Kornelis Sawu', 'recorded by one name'],
  ])('%s ~ %s (%s)', (a, b) => {
    expect(namesMatch(a, b)).toBe(true);
    expect(namesMatch(b, a)).toBe(true);
  });
});

describe('matchParticulars: a different person is caught, with every difference', () => {
  it.each([
    ['another family', 'Yohanes Dhey', 'Yohanes Wea', [['fullName', 'FAMILY_NAME_DIFFERS']]],
    ['another given name', 'Petrus Dhey', 'Yohanes Dhey', [['fullName', 'GIVEN_NAME_DIFFERS']]],
    ['another person altogether', 'Kornelis Sawu', 'Maria Goreti Wea', [['fullName', 'FAMILY_NAME_DIFFERS'], ['fullName', 'GIVEN_NAME_DIFFERS']]],
    ['a one-word name not in the other', 'Kornelis', 'Maria Goreti Wea', [['fullName', 'NAME_DIFFERS']]],
    ['an initial that is another letter', 'P. Dhey', 'Yohanes Dhey', [['fullName', 'GIVEN_NAME_DIFFERS']]],
    ['only initials', 'Y. D.', 'Yohanes Dhey', [['fullName', 'NAME_UNREADABLE']]],
    ['blank', '  ', 'Yohanes Dhey', [['fullName', 'NAME_UNREADABLE']]],
  ])('%s', (_, a, b, expected) => {
    expect(codes({ fullName: a }, { fullName: b })).toEqual(expected);
    expect(codes({ fullName: b }, { fullName: a })).toEqual(expected);
  });

  it('compares birth date and sex when both sides have them, and reports all differences', () => {
    expect(matchParticulars({ fullName: 'Johanes Dey', birthDate: '1950-05-05', sex: 'M' }, { fullName: 'Yohanes Dhey', birthDate: '1950-05-05', sex: 'M' })).toEqual({ verdict: 'MATCH', differences: [] });
    expect(codes({ fullName: 'Maria Wea', birthDate: '1950-05-06', sex: 'F' }, { fullName: 'Yohanes Dhey', birthDate: '1950-05-05', sex: 'M' })).toEqual([
      ['fullName', 'FAMILY_NAME_DIFFERS'],
      ['fullName', 'GIVEN_NAME_DIFFERS'],
      ['birthDate', 'BIRTH_DATE_DIFFERS'],
      ['sex', 'SEX_DIFFERS'],
    ]);
    expect(matchParticulars({ fullName: 'Yohanes Dhey' }, { birthDate: '1950-05-05', sex: 'M' })).toEqual({ verdict: 'MATCH', differences: [] });
    expect(matchParticulars({}, {})).toEqual({ verdict: 'MATCH', differences: [] });
  });

  it('never names a value in its messages, and uses only its listed codes', () => {
    const result = matchParticulars({ fullName: 'Kornelis Sawu', birthDate: '1950-05-06', sex: 'F' }, { fullName: 'Maria Goreti Wea', birthDate: '1950-05-05', sex: 'M' });
    for (const d of result.differences) {
      expect(PARTICULARS_MISMATCH_CODES).toContain(d.code);
      expect(d.message).not.toMatch(/kornelis|sawu|maria|goreti|wea|1950|\bM\b|\bF\b/i);
    }
  });

  it('never throws, whatever it is given', () => {
    const anything = fc.anything();
    fc.assert(
      fc.property(anything, anything, fc.record({ fullName: anything, birthDate: anything, sex: anything }, { requiredKeys: [] }), (a, b, c) => {
        const r1 = matchParticulars(a as never, b as never);
        const r2 = matchParticulars(c as never, { fullName: 'Yohanes Dhey' });
        return ['MATCH', 'MISMATCH'].includes(r1.verdict) && ['MATCH', 'MISMATCH'].includes(r2.verdict);
      }),
    );
    expect(codes({ fullName: 42 as never }, { fullName: 'Yohanes Dhey' })).toEqual([['fullName', 'NAME_UNREADABLE']]);
    expect(namesMatch(`${'Yohanes '.repeat(1000)}Dhey`, 'Yohanes Dhey')).toBe(false); // read up to NAME_MATCH_MAX_CHARACTERS: the family name is beyond
    expect(NAME_MATCH_MAX_CHARACTERS).toBe(300);
  });

  it('shows the keys it compares', () => {
    expect(nameKeys('Fransiscus Xaverius Dhey')).toEqual(['fransiskus', 'ksaferius', 'dey']);
    expect(nameKeys('Johannes, Mariya')).toEqual(['yoanes', 'maria']);
  });
});

// --- properties ---------------------------------------------------------------------------------------------

/** Spelling variants of one name, as seen in NTT registers and deeds. */
const VARIANTS: readonly (readonly string[])[] = [
  ['Yohanes', 'Johanes', 'Yoanes', 'Johannes', 'Yohannes', 'Yohanis'],
  ['Maria', 'Mariya'],
  ['Fransiskus', 'Fransiscus', 'Franciscus', 'Fransiskus'],
  ['Yosef', 'Yoseph', 'Josef', 'Joseph', 'Yosep'],
  ['Filipus', 'Philipus', 'Phillipus'],
  ['Katarina', 'Catharina', 'Katharina'],
  ['Dhey', 'Dey'],
  ['Bhoki', 'Boki'],
  ['Agustinus', 'Augustinus'],
  ['Vinsensius', 'Vincentius'],
];

/** Two pools of names with no word in common, even by their keys or initials. */
const GIVEN_A = ['Yohanes', 'Maria', 'Fransiskus', 'Yosef', 'Agustinus', 'Vinsensius'];
const FAMILY_A = ['Dhey', 'Wea', 'Nuwa', 'Lado'];
const GIVEN_B = ['Kornelis', 'Petrus', 'Benediktus', 'Hendrikus', 'Regina', 'Elisabet'];
const FAMILY_B = ['Sawu', 'Bupu', 'Gore', 'Tiba'];

const nameOf = (given: readonly string[], family: readonly string[]) =>
  fc.tuple(fc.array(fc.constantFrom(...given), { minLength: 0, maxLength: 3 }), fc.constantFrom(...family)).map(([g, f]) => [...g, f].join(' '));

/** The same name written otherwise: case, spaces and diacritics changed. */
const rewritten = (name: string) =>
  fc.tuple(fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), fc.constantFrom(' ', '  ', ' \u00a0 '), fc.boolean(), fc.boolean()).map(([upper, space, accent, pad]) => {
    let s = [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
    s = s.split(' ').join(space);
    if (accent) s = s.replace(/a/g, 'á').replace(/e/g, 'é').replace(/o/g, 'ö');
    return pad ? ` ${s}. ` : s;
  });

describe('properties of the name rule', () => {
  it('a name matches itself after any change of case, spaces or diacritics', () => {
    fc.assert(fc.property(nameOf([...GIVEN_A, ...GIVEN_B], [...FAMILY_A, ...FAMILY_B]).chain((n) => fc.tuple(fc.constant(n), rewritten(n))), ([name, other]) => namesMatch(name, other)));
  });

  it('a name still matches with any word swapped for a listed variant', () => {
    const word = fc.constantFrom(...VARIANTS).chain((group) => fc.tuple(fc.constantFrom(...group), fc.constantFrom(...group)));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (pairs) => {
        const name = pairs.map(([a]) => a).join(' ');
        const variant = pairs.map(([, b]) => b).join(' ');
        return namesMatch(name, variant) && matchParticulars({ fullName: name }, { fullName: variant }).verdict === 'MATCH';
      }),
    );
  });

  it('a completely different name never matches', () => {
    fc.assert(
      fc.property(nameOf(GIVEN_A, FAMILY_A), nameOf(GIVEN_B, FAMILY_B), (a, b) => !namesMatch(a, b) && matchParticulars({ fullName: a }, { fullName: b }).verdict === 'MISMATCH'),
    );
  });

  it('is symmetric', () => {
    const any = fc.oneof(nameOf([...GIVEN_A, ...GIVEN_B], [...FAMILY_A, ...FAMILY_B]), fc.string({ maxLength: 30 }), fc.constantFrom('Y. Dhey', 'J. Wea', 'Dhey', 'Maria'));
    const particulars = fc.record({ fullName: any, birthDate: fc.constantFrom('1950-05-05', '1950-05-06'), sex: fc.constantFrom('M' as const, 'F' as const) }, { requiredKeys: [] });
    fc.assert(fc.property(particulars, particulars, (a, b) => JSON.stringify(matchParticulars(a, b)) === JSON.stringify(matchParticulars(b, a))));
  });
});
