/**
 * Age rules: age on a date, wajib KTP (the duty to hold an e-KTP), KIA (child identity card) eligibility and
 * the minimum age for marriage.
 *
 * Birthdays on 29 February: in a common year the anniversary is taken as 1 March, so an age is reached only
 * once the full years have passed (nobody becomes wajib KTP or of marriageable age a day early). We found no
 * Indonesian rule on this; it is our documented choice.
 */
import { addDays, addYears, asOfToYmd, parseIsoDate, ymdToIso, type AsOf, type IsoDate } from '../calendar.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { isEverMarried, isMaritalStatus, type MaritalStatus } from '../codes/marital-status.js';

/** Age from which an e-KTP is compulsory (UU 24/2013 art. 63(1)). */
export const WAJIB_KTP_AGE = 17;
/** KIA is issued to children under 17 (Permendagri 2/2016). */
export const KIA_AGE_LIMIT = 17;
/** The first KIA type is for children under 5 (Permendagri 2/2016). */
export const KIA_UNDER_5_LIMIT = 5;
/** Minimum age to marry, for men and women alike (UU 1/1974 art. 7(1) as amended by UU 16/2019). */
export const MINIMUM_MARRIAGE_AGE = 19;

/**
 * - `BIRTH_DATE_INVALID`: not a real date YYYY-MM-DD;
 * - `BIRTH_AFTER_AS_OF`: born after the reference date;
 * - `AS_OF_INVALID`: the reference date is not a real date;
 * - `MARITAL_STATUS_INVALID`: not one of MARITAL_STATUSES.
 */
export type AgeErrorCode = (typeof AGE_ERROR_CODES)[number];

export const AGE_ERROR_CODES = ['BIRTH_DATE_INVALID', 'BIRTH_AFTER_AS_OF', 'AS_OF_INVALID', 'MARITAL_STATUS_INVALID'] as const;

interface Dates {
  readonly birth: number;
  readonly asOf: number;
}

function readDates(birthDate: unknown, asOf: unknown, errors: Problem<AgeErrorCode>[]): Dates | undefined {
  const birth = parseIsoDate(birthDate);
  const ref = asOfToYmd(asOf);
  if (birth === undefined) errors.push(problem('BIRTH_DATE_INVALID', 'birthDate must be a real date YYYY-MM-DD'));
  if (ref === undefined) errors.push(problem('AS_OF_INVALID', 'asOf must be a real date (YYYY-MM-DD or a valid Date)'));
  if (birth !== undefined && ref !== undefined && birth > ref) {
    errors.push(problem('BIRTH_AFTER_AS_OF', `born ${ymdToIso(birth)}, after ${ymdToIso(ref)}`));
  }
  return birth !== undefined && ref !== undefined && birth <= ref ? { birth, asOf: ref } : undefined;
}

function completeYears(birth: number, asOf: number): number {
  let years = Math.floor(asOf / 10000) - Math.floor(birth / 10000);
  if (addYears(birth, years) > asOf) years -= 1;
  return years;
}

/**
 * Age in complete years on `asOf`.
 *
 * @example ageOn('2008-02-29', '2025-02-28') // { ok: true, value: 16, warnings: [] }
 * @example ageOn('2008-02-29', '2025-03-01') // { ok: true, value: 17, warnings: [] }
 */
export function ageOn(birthDate: IsoDate, asOf: AsOf): Result<number, AgeErrorCode> {
  const errors: Problem<AgeErrorCode>[] = [];
  const dates = readDates(birthDate, asOf, errors);
  return dates ? ok(completeYears(dates.birth, dates.asOf)) : fail(errors);
}

/**
 * The date a person born on `birthDate` reaches `age` (29 February → 1 March in common years), or
 * undefined when birthDate is not a real date.
 *
 * @example dateOfAge('2009-05-10', 17) // '2026-05-10'
 */
export function dateOfAge(birthDate: IsoDate, age: number): IsoDate | undefined {
  const birth = parseIsoDate(birthDate);
  if (birth === undefined || !Number.isInteger(age) || age < 0) return undefined;
  return ymdToIso(addYears(birth, age));
}

export interface PersonStatus {
  readonly birthDate: IsoDate;
  readonly maritalStatus: MaritalStatus;
}

function readPerson(person: PersonStatus, asOf: unknown, errors: Problem<AgeErrorCode>[]): Dates | undefined {
  const dates = readDates(person?.birthDate, asOf, errors);
  if (!isMaritalStatus(person?.maritalStatus)) {
    errors.push(problem('MARITAL_STATUS_INVALID', `maritalStatus must be one of the MARITAL_STATUSES codes`));
    return undefined;
  }
  return dates;
}

/**
 * Wajib KTP: a resident must hold an e-KTP from age 17, or earlier when married or ever married
 * (UU 24/2013 art. 63(1)).
 *
 * @example isWajibKtp({ birthDate: '2010-01-01', maritalStatus: 'KAWIN_TERCATAT' }, { asOf: '2026-11-27' }) // ok, true
 */
export function isWajibKtp(person: PersonStatus, options: { readonly asOf: AsOf }): Result<boolean, AgeErrorCode> {
  const errors: Problem<AgeErrorCode>[] = [];
  const dates = readPerson(person, options?.asOf, errors);
  if (!dates || errors.length > 0) return fail(errors);
  return ok(isEverMarried(person.maritalStatus) || completeYears(dates.birth, dates.asOf) >= WAJIB_KTP_AGE);
}

/** The two KIA types of Permendagri 2/2016: under 5 (issued without a photo), and 5 to under 17. */
export type KiaType = 'UNDER_5' | 'FROM_5_TO_UNDER_17';

export type KiaEligibility =
  | {
      readonly eligible: true;
      readonly type: KiaType;
      /** Last day the card of this type is valid: the day before the 5th, or before the 17th, birthday. */
      readonly validUntil: IsoDate;
    }
  | { readonly eligible: false; readonly reason: 'AGE_17_OR_OVER' | 'EVER_MARRIED' };

/**
 * KIA eligibility and type: children under 17 who have never married (a married minor is wajib KTP
 * instead, UU 24/2013 art. 63). Under 5: type UNDER_5, valid until the day before the 5th birthday; from 5: type
 * FROM_5_TO_UNDER_17, valid until the day before the 17th birthday (Permendagri 2/2016).
 *
 * @example kiaEligibility({ birthDate: '2023-06-01', maritalStatus: 'BELUM_KAWIN' }, { asOf: '2026-11-27' })
 * // { ok: true, value: { eligible: true, type: 'UNDER_5', validUntil: '2028-05-31' }, warnings: [] }
 */
export function kiaEligibility(person: PersonStatus, options: { readonly asOf: AsOf }): Result<KiaEligibility, AgeErrorCode> {
  const errors: Problem<AgeErrorCode>[] = [];
  const dates = readPerson(person, options?.asOf, errors);
  if (!dates || errors.length > 0) return fail(errors);
  const age = completeYears(dates.birth, dates.asOf);
  if (age >= KIA_AGE_LIMIT) return ok({ eligible: false, reason: 'AGE_17_OR_OVER' });
  if (isEverMarried(person.maritalStatus)) return ok({ eligible: false, reason: 'EVER_MARRIED' });
  const limit = age < KIA_UNDER_5_LIMIT ? KIA_UNDER_5_LIMIT : KIA_AGE_LIMIT;
  return ok({
    eligible: true,
    type: age < KIA_UNDER_5_LIMIT ? 'UNDER_5' : 'FROM_5_TO_UNDER_17',
    validUntil: ymdToIso(addDays(addYears(dates.birth, limit), -1)),
  });
}

/**
 * - `MARRIAGE_UNDER_AGE`: younger than 19 on the marriage date without a court dispensation;
 * - `BIRTH_DATE_INVALID`, `MARRIAGE_DATE_INVALID`, `BIRTH_AFTER_MARRIAGE`.
 */
export type MarriageAgeErrorCode = (typeof MARRIAGE_AGE_ERROR_CODES)[number];

export const MARRIAGE_AGE_ERROR_CODES = ['MARRIAGE_UNDER_AGE', 'BIRTH_DATE_INVALID', 'MARRIAGE_DATE_INVALID', 'BIRTH_AFTER_MARRIAGE'] as const;

/** `MARRIAGE_BY_DISPENSATION`: under 19, allowed by a court dispensation (UU 16/2019 art. 7(2)). */
export type MarriageAgeWarningCode = (typeof MARRIAGE_AGE_WARNING_CODES)[number];

export const MARRIAGE_AGE_WARNING_CODES = ['MARRIAGE_BY_DISPENSATION'] as const;

export interface MarriageAgeOptions {
  readonly marriageDate: IsoDate;
  /** A court has granted a dispensation (dispensasi kawin) for this person. */
  readonly courtDispensation?: boolean;
}

/**
 * Checks one party's age at marriage: at least 19, for men and women alike (UU 16/2019 amending UU 1/1974
 * art. 7(1)); under 19 only with a court dispensation (art. 7(2)), which is returned as a warning.
 *
 * @example checkMarriageAge('2008-03-01', { marriageDate: '2026-11-27' })
 * // { ok: false, errors: [{ code: 'MARRIAGE_UNDER_AGE', ... }] }
 */
export function checkMarriageAge(
  birthDate: IsoDate,
  options: MarriageAgeOptions,
): Result<{ readonly age: number }, MarriageAgeErrorCode, MarriageAgeWarningCode> {
  const birth = parseIsoDate(birthDate);
  const marriage = parseIsoDate(options?.marriageDate);
  const errors: Problem<MarriageAgeErrorCode>[] = [];
  if (birth === undefined) errors.push(problem('BIRTH_DATE_INVALID', 'birthDate must be a real date YYYY-MM-DD'));
  if (marriage === undefined) errors.push(problem('MARRIAGE_DATE_INVALID', 'marriageDate must be a real date YYYY-MM-DD'));
  if (birth === undefined || marriage === undefined) return fail(errors);
  if (birth > marriage) return fail([problem('BIRTH_AFTER_MARRIAGE', 'the birth date is after the marriage date')]);
  const age = completeYears(birth, marriage);
  if (age >= MINIMUM_MARRIAGE_AGE) return ok({ age });
  if (options.courtDispensation === true) {
    return ok({ age }, [
      problem('MARRIAGE_BY_DISPENSATION', `aged ${age} at marriage: allowed by a court dispensation (UU 16/2019 art. 7(2))`),
    ]);
  }
  return fail([
    problem(
      'MARRIAGE_UNDER_AGE',
      `aged ${age} at marriage; the minimum is ${MINIMUM_MARRIAGE_AGE} (UU 16/2019), unless a court grants a dispensation`,
    ),
  ]);
}
