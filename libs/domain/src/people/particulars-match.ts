/**
 * Is the person a deed reports the person the register holds under that NIK? Before a deed changes a resident
 * irreversibly (a death, the parents of a birth, the spouses of a marriage or divorce), the reported particulars
 * are compared with the register's record: the name, and the birth date and sex where the deed carries them.
 * A typing error in a NIK must not make someone else deceased; a spelling variant of the same name must not hold
 * up a deed.
 *
 * The name rule (documented in the README, "Matching particulars"):
 *
 * 1. Normalised: Unicode NFKD with the diacritics dropped, lower case, apostrophes dropped, every other character
 *    that is not a letter or a digit a space ('Ma-ria  GORETI' and 'Maria Goreti' are the same words). At most
 *    NAME_MATCH_MAX_CHARACTERS characters are read.
 * 2. Each word gets a phonetic key for the spellings in use in NTT and in Indonesia's older spelling (EYD 1972):
 *    'dj' → 'j', 'tj' → 'c', 'oe' → 'u'; 'ph' → 'f', 'dh' → 'd', 'th' → 't', 'kh' → 'k', 'ch' → 'k', 'gh' → 'g';
 *    the Latin 'c' → 's' before e, i, y and 'k' elsewhere; 'q' → 'k', 'x' → 'ks', 'v' → 'f', 'z' → 's';
 *    'ti' before a vowel → 'si' (Ignatius / Ignasius); 'j' → 'y' (Johanes / Yohanes; the initial J. / Y.);
 *    an 'h' after the first letter dropped (Yohanes / Yoanes, Thomas / Tomas); 'iy' and 'uw' before a vowel →
 *    'i', 'u' (Mariya / Maria); doubled letters once (Johannes / Johanes); then a short table of variants that
 *    differ by more (NAME_VARIANTS: Yohanis / Yohanes, Augustinus / Agustinus, Yosep / Yosef, Yosepina /
 *    Yosefina).
 * 3. A one-letter word is an initial. A name without a word of two or more characters cannot be compared
 *    (NAME_UNREADABLE).
 * 4. Two words match when their keys are equal, or when one is an initial and the other's key starts with it.
 * 5. When either name is a single word, the names match when that word matches a word of the other (a
 *    resident recorded by one name). Otherwise the family name (the last word that is not an initial) must match
 *    (FAMILY_NAME_DIFFERS) and at least one other word of each must match one of the other's (GIVEN_NAME_DIFFERS):
 *    a missing middle name, clan name or baptismal name is tolerated, another family or no common given name is
 *    not.
 *
 * The rule is symmetric (the report and the register may be swapped) and never throws. Birth dates and sexes are
 * compared as given, when both sides have one. Differences name the field and a code, never a value (UU 27/2022).
 */
import type { IsoDate } from '../calendar.js';
import type { Sex } from '../identifiers/nik.js';
import type { Problem } from '../result.js';

/**
 * - `NAME_UNREADABLE`: a name that is not text or has no word of two or more characters (either side);
 * - `NAME_DIFFERS`: a one-word name that matches no word of the other name;
 * - `FAMILY_NAME_DIFFERS`: the family names (last words) differ;
 * - `GIVEN_NAME_DIFFERS`: no other word of the one name matches another word of the other;
 * - `BIRTH_DATE_DIFFERS`: the birth dates differ;
 * - `SEX_DIFFERS`: the sexes differ.
 */
export const PARTICULARS_MISMATCH_CODES = ['NAME_UNREADABLE', 'NAME_DIFFERS', 'FAMILY_NAME_DIFFERS', 'GIVEN_NAME_DIFFERS', 'BIRTH_DATE_DIFFERS', 'SEX_DIFFERS'] as const;
export type ParticularsMatchCode = (typeof PARTICULARS_MISMATCH_CODES)[number];

/** Characters of a name that are read (names in the register have at most 100). */
export const NAME_MATCH_MAX_CHARACTERS = 300;

/** The particulars compared: absent fields (either side) are not compared. */
export interface ComparedParticulars {
  readonly fullName?: string;
  readonly birthDate?: IsoDate;
  readonly sex?: Sex;
}

export type ParticularsMatchField = 'fullName' | 'birthDate' | 'sex';

/** A difference: the field and a code, and an English message without any value. */
export interface ParticularsDifference extends Problem<ParticularsMatchCode> {
  readonly field: ParticularsMatchField;
}

export type ParticularsMatch =
  | { readonly verdict: 'MATCH'; readonly differences: readonly [] }
  | { readonly verdict: 'MISMATCH'; readonly differences: readonly ParticularsDifference[] };

/** Spellings that differ by more than the key's rules, by key: the variant's key → the key it counts as. */
const NAME_VARIANTS: Readonly<Record<string, string>> = {
  yoanis: 'yoanes',
  augustinus: 'agustinus',
  yosep: 'yosef',
  yosepina: 'yosefina',
};

interface Word {
  readonly key: string;
  readonly initial: boolean;
}

/** The words of a name, lower case, without diacritics and punctuation; undefined for what is not text. */
function words(name: unknown): string[] | undefined {
  if (typeof name !== 'string') return undefined;
  return name
    .slice(0, NAME_MATCH_MAX_CHARACTERS)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`ʼ]/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** The phonetic key of a word (see the module comment, rule 2). */
function keyOf(word: string): string {
  const key = word
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/oe/g, 'u')
    .replace(/ph/g, 'f')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/kh/g, 'k')
    .replace(/ch/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/v/g, 'f')
    .replace(/z/g, 's')
    .replace(/ti(?=[aeiou])/g, 'si')
    .replace(/j/g, 'y')
    .replace(/(?<=.)h/gu, '')
    .replace(/iy(?=[aeiou])/g, 'i')
    .replace(/uw(?=[aeiou])/g, 'u')
    .replace(/(.)\1+/gu, '$1');
  return NAME_VARIANTS[key] ?? key;
}

function parse(name: unknown): Word[] | undefined {
  const list = words(name);
  if (!list) return undefined;
  const parsed = list.map((w) => ({ key: keyOf(w), initial: [...w].length === 1 }));
  return parsed.some((w) => !w.initial) ? parsed : undefined;
}

function wordsMatch(a: Word, b: Word): boolean {
  if (a.key === b.key) return true;
  if (a.initial && !b.initial) return b.key.startsWith(a.key);
  if (b.initial && !a.initial) return a.key.startsWith(b.key);
  return false;
}

/** The index of the family name: the last word that is not an initial. */
function familyIndex(name: readonly Word[]): number {
  for (let i = name.length - 1; i >= 0; i--) if (!(name[i] as Word).initial) return i;
  return -1;
}

type NameDifference = Exclude<ParticularsMatchCode, 'BIRTH_DATE_DIFFERS' | 'SEX_DIFFERS'>;

const NAME_MESSAGES: Readonly<Record<NameDifference, string>> = {
  NAME_UNREADABLE: 'a name has no word of two or more letters to compare',
  NAME_DIFFERS: 'the one-word name is no word of the other name',
  FAMILY_NAME_DIFFERS: 'the family names (last words) differ',
  GIVEN_NAME_DIFFERS: 'no given name of the one is a given name of the other',
};

function nameDifferences(a: unknown, b: unknown): NameDifference[] {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return ['NAME_UNREADABLE'];
  if (x.length === 1 || y.length === 1) {
    const [short, long] = x.length === 1 ? [x, y] : [y, x];
    return long.some((w) => wordsMatch(short[0] as Word, w)) ? [] : ['NAME_DIFFERS'];
  }
  const fx = familyIndex(x);
  const fy = familyIndex(y);
  const found: NameDifference[] = [];
  if ((x[fx] as Word).key !== (y[fy] as Word).key) found.push('FAMILY_NAME_DIFFERS');
  const gx = x.filter((_, i) => i !== fx);
  const gy = y.filter((_, i) => i !== fy);
  if (!gx.some((w) => gy.some((v) => wordsMatch(w, v)))) found.push('GIVEN_NAME_DIFFERS');
  return found;
}

/**
 * True when two names are the same person's by the rule of the module comment (spelling variants, a missing
 * middle or baptismal name, initials). Symmetric; never throws.
 *
 * @example namesMatch('Yohanes Don Bosco Dhey', 'johannes dey') // true
 */
export function namesMatch(a: string, b: string): boolean {
  return nameDifferences(a, b).length === 0;
}

/**
 * The phonetic keys of a name's words, as the comparison sees them (for explaining a verdict; not a value to
 * store: the keys are names too).
 *
 * @example nameKeys('Fransiscus Xaverius Dhey') // ['fransiskus', 'ksaferius', 'dey']
 */
export function nameKeys(name: string): string[] {
  return (words(name) ?? []).map(keyOf);
}

/**
 * Compares the particulars a deed reports with the register's record: MATCH, or MISMATCH with every difference
 * (field, code). Fields absent on either side are not compared; a name that cannot be read is a difference.
 * Symmetric; never throws.
 *
 * @example matchParticulars({ fullName: 'Johanes Dey', sex: 'M' }, { fullName: 'Yohanes Dhey', birthDate: '1950-05-05', sex: 'M' })
 * // { verdict: 'MATCH', differences: [] }
 */
export function matchParticulars(reported: ComparedParticulars, registered: ComparedParticulars): ParticularsMatch {
  const a: ComparedParticulars = typeof reported === 'object' && reported !== null ? reported : {};
  const b: ComparedParticulars = typeof registered === 'object' && registered !== null ? registered : {};
  const differences: ParticularsDifference[] = [];
  if (a.fullName !== undefined && b.fullName !== undefined) {
    for (const code of nameDifferences(a.fullName, b.fullName)) differences.push({ field: 'fullName', code, message: NAME_MESSAGES[code] });
  }
  if (a.birthDate !== undefined && b.birthDate !== undefined && a.birthDate !== b.birthDate) {
    differences.push({ field: 'birthDate', code: 'BIRTH_DATE_DIFFERS', message: 'the birth dates differ' });
  }
  if (a.sex !== undefined && b.sex !== undefined && a.sex !== b.sex) differences.push({ field: 'sex', code: 'SEX_DIFFERS', message: 'the sexes differ' });
  return differences.length === 0 ? { verdict: 'MATCH', differences: [] } : { verdict: 'MISMATCH', differences };
}
