/**
 * The natural key of a civil registration case: the facts that name one event, so that the same event reported
 * twice (by two partners, by a partner and again at the counter, or by a retried request) lands on one case.
 *
 * The rule, per deed type (our own; no regulation sets one):
 * - `BIRTH`, `STILLBIRTH`: the type, the day of the birth, the mother and the child's order in that birth
 *   (1 unless twins or more; default 1). A woman gives birth to one child a day unless it is a multiple birth,
 *   which the order tells apart. The mother is named by her NIK; when she has none (or the reporter does not
 *   know it), by her normalized name and the village (desa / kelurahan, 10 digits) of the report, which is a
 *   weaker key: a report with her NIK and one without do not meet.
 * - `DEATH`: the deceased's NIK. A person dies once, so the date is left out: two reports that disagree on the
 *   day still name one death.
 * - `MARRIAGE`: the day of the marriage and both spouses' NIKs.
 * - `DIVORCE`: both spouses' NIKs and the number of the court decision.
 * - `RECOGNITION`, `LEGITIMATION`: the number of the child's birth deed (each happens once to a child).
 * - `ADOPTION`: the number of the child's birth deed and of the court decision (a child may be adopted again).
 *
 * Reports whose facts differ (a wrong day, a NIK mistyped) give two keys, and so two cases: the office archives
 * the duplicate (ARCHIVE, with the reason). Numbers and names are compared normalized (case, spacing,
 * punctuation and diacritics ignored). The key holds NIKs: a service stores a digest of it, not the key itself.
 */
import { parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { isDeedType, type DeedType } from './deed-types.js';

/** The facts a key is made of; each deed type reads its own (see the module comment). */
export interface CaseKeyFacts {
  /** The day of the birth, stillbirth or marriage. */
  readonly eventDate?: IsoDate;
  readonly motherNik?: string;
  /** Used, with `villageCode`, when the mother's NIK is not given. */
  readonly motherName?: string;
  /** The desa / kelurahan of the report (10 digits). */
  readonly villageCode?: string;
  /** 1 for the first (or only) child of a birth, 2 for the second twin, …; default 1. */
  readonly childOrder?: number;
  readonly deceasedNik?: string;
  readonly husbandNik?: string;
  readonly wifeNik?: string;
  readonly courtDecisionNumber?: string;
  /** The number of the child's kutipan akta kelahiran. */
  readonly birthDeedNumber?: string;
}

/**
 * - `DEED_TYPE_INVALID`: not one of DEED_TYPES;
 * - `FACTS_INVALID`: the facts are not an object;
 * - `CASE_KEY_FACT_MISSING`: a fact the deed type's key needs is absent (the message names it);
 * - `CASE_KEY_FACT_INVALID`: a fact is present but malformed (a NIK that is not 16 digits, a date that is not
 *   real, a child order that is not 1–20, an empty number).
 */
export type CaseKeyErrorCode = (typeof CASE_KEY_ERROR_CODES)[number];

export const CASE_KEY_ERROR_CODES = ['DEED_TYPE_INVALID', 'FACTS_INVALID', 'CASE_KEY_FACT_MISSING', 'CASE_KEY_FACT_INVALID'] as const;

const SIXTEEN_DIGITS = /^\d{16}$/;
const VILLAGE = /^\d{10}$/;

/** Lower case, diacritics and apostrophes dropped, other punctuation as spaces, single spaces. */
function normalizedName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Upper case, letters and digits only: '474/Pdt.G/2026/PN Bjw' and '474 / PDT.G / 2026 / PN BJW' are one number. */
function normalizedNumber(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]+/g, '');
}

/**
 * The natural key of a case of `deedType` with these facts, as a string (it holds NIKs: store a digest of it).
 * Reports every missing or invalid fact; never throws.
 *
 * @example deedCaseKey('BIRTH', { eventDate: '2026-11-01', motherNik: '5316014103900001' }).value
 * // 'BIRTH|2026-11-01|mother-nik:5316014103900001|child:1'
 */
export function deedCaseKey(deedType: DeedType, facts: CaseKeyFacts): Result<string, CaseKeyErrorCode> {
  const errors: Problem<CaseKeyErrorCode>[] = [];
  if (!isDeedType(deedType)) errors.push(problem('DEED_TYPE_INVALID', 'deedType must be one of DEED_TYPES'));
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) errors.push(problem('FACTS_INVALID', 'facts must be an object'));
  if (errors.length > 0 || !isDeedType(deedType)) return fail(errors);
  const f = facts as Readonly<Record<keyof CaseKeyFacts, unknown>>;

  const missing = (field: keyof CaseKeyFacts, why: string) => errors.push(problem('CASE_KEY_FACT_MISSING', `a ${deedType} case is named by ${why}: ${field} is missing`));
  const invalid = (field: keyof CaseKeyFacts, what: string) => errors.push(problem('CASE_KEY_FACT_INVALID', `${field} must be ${what}`));
  const nik = (field: keyof CaseKeyFacts, why: string): string | undefined => {
    const value = f[field];
    if (value === undefined || value === null || value === '') missing(field, why);
    else if (typeof value !== 'string' || !SIXTEEN_DIGITS.test(value)) invalid(field, '16 digits');
    else return value;
    return undefined;
  };
  const date = (field: 'eventDate', why: string): string | undefined => {
    const value = f[field];
    if (value === undefined || value === null || value === '') {
      missing(field, why);
      return undefined;
    }
    const ymd = parseIsoDate(value);
    if (ymd === undefined) invalid(field, 'a real date YYYY-MM-DD');
    return ymd === undefined ? undefined : ymdToIso(ymd);
  };
  const number = (field: 'courtDecisionNumber' | 'birthDeedNumber', why: string): string | undefined => {
    const value = f[field];
    if (value === undefined || value === null || value === '') missing(field, why);
    else if (typeof value !== 'string' || normalizedNumber(value) === '') invalid(field, 'a number with letters or digits');
    else return normalizedNumber(value);
    return undefined;
  };

  let key: string | undefined;
  switch (deedType) {
    case 'BIRTH':
    case 'STILLBIRTH': {
      const why = "the day of the birth, the mother (NIK, or name and village) and the child's order";
      const day = date('eventDate', why);
      const order = f.childOrder ?? 1;
      if (typeof order !== 'number' || !Number.isInteger(order) || order < 1 || order > 20) invalid('childOrder', 'an integer from 1 to 20');
      let mother: string | undefined;
      if (f.motherNik !== undefined && f.motherNik !== null && f.motherNik !== '') {
        const value = nik('motherNik', why);
        if (value !== undefined) mother = `mother-nik:${value}`;
      } else {
        const name = f.motherName;
        const village = f.villageCode;
        if (name === undefined || name === null || name === '') missing('motherNik', why);
        else if (typeof name !== 'string' || normalizedName(name) === '') invalid('motherName', 'a name with letters');
        if (village === undefined || village === null || village === '') {
          if (typeof name === 'string' && name !== '') missing('villageCode', `${why} (the village, when the mother has no NIK)`);
        } else if (typeof village !== 'string' || !VILLAGE.test(village)) invalid('villageCode', '10 digits');
        if (typeof name === 'string' && normalizedName(name) !== '' && typeof village === 'string' && VILLAGE.test(village)) {
          mother = `mother:${normalizedName(name)}@${village}`;
        }
      }
      if (day !== undefined && mother !== undefined) key = `${deedType}|${day}|${mother}|child:${String(order)}`;
      break;
    }
    case 'DEATH': {
      const deceased = nik('deceasedNik', "the deceased's NIK");
      if (deceased !== undefined) key = `DEATH|deceased-nik:${deceased}`;
      break;
    }
    case 'MARRIAGE': {
      const why = "the day of the marriage and both spouses' NIKs";
      const day = date('eventDate', why);
      const husband = nik('husbandNik', why);
      const wife = nik('wifeNik', why);
      if (day !== undefined && husband !== undefined && wife !== undefined) key = `MARRIAGE|${day}|husband:${husband}|wife:${wife}`;
      break;
    }
    case 'DIVORCE': {
      const why = "both spouses' NIKs and the court decision";
      const husband = nik('husbandNik', why);
      const wife = nik('wifeNik', why);
      const court = number('courtDecisionNumber', why);
      if (husband !== undefined && wife !== undefined && court !== undefined) key = `DIVORCE|husband:${husband}|wife:${wife}|court:${court}`;
      break;
    }
    case 'RECOGNITION':
    case 'LEGITIMATION': {
      const deed = number('birthDeedNumber', "the child's birth deed");
      if (deed !== undefined) key = `${deedType}|birth-deed:${deed}`;
      break;
    }
    case 'ADOPTION': {
      const why = "the child's birth deed and the court decision";
      const deed = number('birthDeedNumber', why);
      const court = number('courtDecisionNumber', why);
      if (deed !== undefined && court !== undefined) key = `ADOPTION|birth-deed:${deed}|court:${court}`;
      break;
    }
    default: {
      // A deed type added to DEED_TYPES without its natural key here does not compile (DESIGN.md house rule 10).
      const unkeyed: never = deedType;
      return unkeyed;
    }
  }
  return errors.length > 0 || key === undefined ? fail(errors) : ok(key);
}
