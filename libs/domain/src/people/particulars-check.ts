/**
 * The particulars of a register record that every way into the register must check the same way (the REST
 * registration and correction, the bulk import of an older register, a death): names, birth date, sex, an
 * explicit NIK against them, and a date of death. One rule, one list of codes (DESIGN.md house rules 2 and 11).
 *
 * - Names (the resident's, the mother's, the father's) are stored trimmed (a pasted trailing line break goes with
 *   the spaces); blank, a control character left inside
 *   (U+0000–U+001F, U+007F–U+009F: tabs, line breaks, escape sequences, C1 codes, which print as nothing or break
 *   documents, CSV exports and terminals) or more than NAME_MAX_LENGTH characters are refused.
 *   NAME_MAX_LENGTH is 100: Permendagri 73/2022 on recording names in population documents (art. 4) allows at
 *   most 60 letters including spaces for a name recorded from 2022 on, but names recorded before it stay valid
 *   and older registers hold longer ones (with titles, baptismal and clan names); 100 keeps every such name and
 *   still refuses pasted paragraphs. The check counts characters (code points), not bytes.
 * - A birth date is a real date, not after `asOf` (the office's day) and not before EARLIEST_BIRTH_DATE
 *   (1900-01-01): nobody alive was born earlier (the oldest living people were born after 1907), so an earlier
 *   date is a typing error ('1700' for '1970'), and the NIK's two-digit year could not tell it from 2000 onwards.
 * - An explicit NIK is valid (parseNik) and consistent with the birth date and sex (checkNikAgainstPerson,
 *   PP 37/2007 art. 37): compared with whichever of them is given and itself acceptable.
 * - A date of death is a real date, not after `asOf` and not before the birth date (a death on the day of birth
 *   is possible).
 *
 * Only the fields given are checked (a correction sends some of them). Messages name the field, never its value
 * (UU 27/2022: names, NIKs and birth dates stay out of logs and reports).
 */
import { asOfToYmd, parseIsoDate, type AsOf, type IsoDate } from '../calendar.js';
import { checkNikAgainstPerson, NIK_ERROR_CODES, parseNik, type Sex } from '../identifiers/nik.js';
import { NO_PROBLEMS, type Ok } from '../result.js';

/** Longest name accepted, in characters (see the module comment for why 100). */
export const NAME_MAX_LENGTH = 100;

/** No birth date before this one (see the module comment). */
export const EARLIEST_BIRTH_DATE: IsoDate = '1900-01-01';

/**
 * - `NAME_INVALID`: a name that is not text;
 * - `NAME_BLANK`: empty or only spaces;
 * - `NAME_CONTROL_CHARACTER`: a character U+0000–U+001F or U+007F–U+009F;
 * - `NAME_TOO_LONG`: more than NAME_MAX_LENGTH characters once trimmed;
 * - `BIRTH_DATE_INVALID`: not a real date YYYY-MM-DD;
 * - `BIRTH_AFTER_AS_OF`: born after `asOf`;
 * - `BIRTH_DATE_TOO_EARLY`: born before EARLIEST_BIRTH_DATE;
 * - `SEX_INVALID`: not 'M' or 'F';
 * - the NIK_ERROR_CODES of parseNik for an explicit NIK that is not valid;
 * - `NIK_BIRTH_DATE_MISMATCH`, `NIK_SEX_MISMATCH`: the NIK encodes another birth date or sex;
 * - `DEATH_DATE_INVALID`: not a real date YYYY-MM-DD;
 * - `DEATH_AFTER_AS_OF`: a death after `asOf`;
 * - `DEATH_BEFORE_BIRTH`: a death before the birth date;
 * - `AS_OF_INVALID` (from NIK_ERROR_CODES).
 */
export type ParticularsErrorCode = (typeof PARTICULARS_ERROR_CODES)[number];

export const PARTICULARS_ERROR_CODES = [
  'NAME_INVALID',
  'NAME_BLANK',
  'NAME_CONTROL_CHARACTER',
  'NAME_TOO_LONG',
  'BIRTH_DATE_INVALID',
  'BIRTH_AFTER_AS_OF',
  'BIRTH_DATE_TOO_EARLY',
  'SEX_INVALID',
  ...NIK_ERROR_CODES,
  'NIK_BIRTH_DATE_MISMATCH',
  'NIK_SEX_MISMATCH',
  'DEATH_DATE_INVALID',
  'DEATH_AFTER_AS_OF',
  'DEATH_BEFORE_BIRTH',
] as const;

/** The particulars checked; absent fields are not checked. */
export interface Particulars {
  readonly fullName?: string;
  readonly motherName?: string;
  readonly fatherName?: string;
  readonly birthDate?: IsoDate;
  readonly sex?: Sex;
  /** An explicit NIK (one given by the person or an older register, not one the office issues). */
  readonly nik?: string;
  readonly dateOfDeath?: IsoDate;
}

export type ParticularsField = keyof Particulars;

/** A violation, with the field it concerns (none for AS_OF_INVALID). */
export interface ParticularsProblem {
  readonly code: ParticularsErrorCode;
  readonly field?: ParticularsField;
  readonly message: string;
}

export type ParticularsResult = Ok<Particulars> | { readonly ok: false; readonly errors: readonly ParticularsProblem[] };

const NAMES = ['fullName', 'motherName', 'fatherName'] as const;
const EARLIEST = 19000101;

/**
 * Checks the particulars given; returns them with names trimmed, or every violation.
 *
 * @example checkParticulars({ fullName: ' Maria Goreti Wea ', birthDate: '1990-03-01' }, { asOf: '2026-11-27' })
 */
export function checkParticulars(particulars: Particulars, options: { readonly asOf: AsOf }): ParticularsResult {
  const asOf = asOfToYmd(options?.asOf);
  if (asOf === undefined) return { ok: false, errors: [{ code: 'AS_OF_INVALID', message: 'asOf must be a real date (YYYY-MM-DD or a valid Date)' }] };
  const p: Particulars = typeof particulars === 'object' && particulars !== null ? particulars : {};
  const errors: ParticularsProblem[] = [];
  const report = (code: ParticularsErrorCode, field: ParticularsField, message: string) => errors.push({ code, field, message });
  const value: Record<string, unknown> = { ...p };

  for (const field of NAMES) {
    const name: unknown = p[field];
    if (name === undefined) continue;
    if (typeof name !== 'string') {
      report('NAME_INVALID', field, `${field} must be text`);
      continue;
    }
    const trimmed = name.trim();
    value[field] = trimmed;
    if (trimmed === '') report('NAME_BLANK', field, `${field} must not be blank`);
    const control = controlCharacterAt(trimmed);
    if (control !== undefined) report('NAME_CONTROL_CHARACTER', field, `${field} has a control character (${control}); type the name again`);
    const length = [...trimmed].length;
    if (length > NAME_MAX_LENGTH) report('NAME_TOO_LONG', field, `${field} has ${length} characters; at most ${NAME_MAX_LENGTH}`);
  }

  // The birth date: `birth` when it is a real date, `birthOk` when it also passed its own checks.
  let birth: number | undefined;
  let birthOk = false;
  if (p.birthDate !== undefined) {
    birth = parseIsoDate(p.birthDate);
    if (birth === undefined) report('BIRTH_DATE_INVALID', 'birthDate', 'birthDate must be a real date YYYY-MM-DD');
    else if (birth > asOf) report('BIRTH_AFTER_AS_OF', 'birthDate', 'birthDate is after today');
    else if (birth < EARLIEST) report('BIRTH_DATE_TOO_EARLY', 'birthDate', `birthDate is before ${EARLIEST_BIRTH_DATE}`);
    else birthOk = true;
  }
  const sexOk = p.sex === 'M' || p.sex === 'F';
  if (p.sex !== undefined && !sexOk) report('SEX_INVALID', 'sex', "sex must be 'M' or 'F'");

  if (p.nik !== undefined) {
    const parsed = parseNik(p.nik, { asOf: options.asOf });
    if (!parsed.ok) {
      for (const e of parsed.errors) if (e.code !== 'AS_OF_INVALID') report(e.code, 'nik', e.message);
    } else {
      const nikSex = parsed.value.sex;
      if (birthOk) {
        // Any sex will do to compare the date; the sex is compared below.
        const check = checkNikAgainstPerson(parsed.value.nik, { birthDate: p.birthDate as IsoDate, sex: nikSex });
        if (!check.ok && check.errors.some((e) => e.code === 'NIK_BIRTH_DATE_MISMATCH')) {
          report('NIK_BIRTH_DATE_MISMATCH', 'birthDate', "the NIK's birth date (digits 7–12, 40 added to the day for women) is not birthDate");
        }
      }
      if (sexOk && p.sex !== nikSex) report('NIK_SEX_MISMATCH', 'sex', 'the NIK encodes the other sex (40 added to the birth day for women)');
    }
  }

  if (p.dateOfDeath !== undefined) {
    const death = parseIsoDate(p.dateOfDeath);
    if (death === undefined) report('DEATH_DATE_INVALID', 'dateOfDeath', 'dateOfDeath must be a real date YYYY-MM-DD');
    else if (death > asOf) report('DEATH_AFTER_AS_OF', 'dateOfDeath', 'dateOfDeath is after today');
    else if (birth !== undefined && death < birth) report('DEATH_BEFORE_BIRTH', 'dateOfDeath', 'dateOfDeath is before birthDate');
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value as Particulars, warnings: NO_PROBLEMS };
}

/** 'U+0009 at character 6' for the first control character, or undefined. */
function controlCharacterAt(text: string): string | undefined {
  let position = 0;
  for (const ch of text) {
    position++;
    const c = ch.codePointAt(0) as number;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return `U+${c.toString(16).toUpperCase().padStart(4, '0')} at character ${position}`;
  }
  return undefined;
}
