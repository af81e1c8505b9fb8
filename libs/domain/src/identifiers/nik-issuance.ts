/**
 * Issuing a new NIK (PP 37/2007 art. 37; Permendagri 95/2019 on SIAK): the registering kecamatan's code,
 * the birth date (day + 40 for women) and the next free serial for that 12-digit prefix.
 */
import { asOfToYmd, parseIsoDate, TWO_DIGITS, pad4, type AsOf, type IsoDate } from '../calendar.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { CODE_CURRENT, CODE_RETIRED, districtCodeStatus } from '../regions/regions.js';
import { allocateSerial, describeInvalidSerials } from './serial.js';
import type { Sex } from './nik.js';

export interface NikIssueRequest {
  /** The registering kecamatan, '531601' or '53.16.01'; must be in the current edition. */
  readonly districtCode: string;
  readonly birthDate: IsoDate;
  readonly sex: Sex;
  /** Every serial already used under this 12-digit prefix (kecamatan + encoded birth date). */
  readonly usedSerials: Iterable<number | string>;
}

/**
 * - `NIK_ISSUE_DISTRICT_UNKNOWN`: not a kecamatan code of our data;
 * - `NIK_ISSUE_DISTRICT_RETIRED`: a retired kecamatan code (new NIKs carry current codes);
 * - `NIK_ISSUE_BIRTH_DATE_INVALID`: not a real date YYYY-MM-DD;
 * - `NIK_ISSUE_BIRTH_DATE_AFTER_AS_OF`: a birth in the future;
 * - `NIK_ISSUE_SEX_INVALID`: sex is not 'M' or 'F';
 * - `NIK_ISSUE_USED_SERIAL_INVALID`: a used serial is not 1–9999;
 * - `NIK_PREFIX_EXHAUSTED`: all 9,999 serials of the prefix are used;
 * - `AS_OF_INVALID`.
 */
export type NikIssueErrorCode = (typeof NIK_ISSUE_ERROR_CODES)[number];

export const NIK_ISSUE_ERROR_CODES = [
  'NIK_ISSUE_DISTRICT_UNKNOWN',
  'NIK_ISSUE_DISTRICT_RETIRED',
  'NIK_ISSUE_BIRTH_DATE_INVALID',
  'NIK_ISSUE_BIRTH_DATE_AFTER_AS_OF',
  'NIK_ISSUE_SEX_INVALID',
  'NIK_ISSUE_USED_SERIAL_INVALID',
  'NIK_PREFIX_EXHAUSTED',
  'AS_OF_INVALID',
] as const;

/** `NIK_CENTURY_AMBIGUOUS`: born 100 or more years before asOf; parseNik will read the year as 20YY. */
export type NikIssueWarningCode = (typeof NIK_ISSUE_WARNING_CODES)[number];

export const NIK_ISSUE_WARNING_CODES = ['NIK_CENTURY_AMBIGUOUS'] as const;

export interface IssuedNik {
  readonly nik: string;
  /** The first 12 digits: kecamatan + encoded birth date. */
  readonly prefix: string;
  readonly serial: string;
}

const DISTRICT = /^(\d{6}|\d{2}\.\d{2}\.\d{2})$/;

/**
 * @example issueNik({ districtCode: '531601', birthDate: '2026-11-20', sex: 'F', usedSerials: [1, 2] }, { asOf: '2026-11-27' })
 * // { ok: true, value: { nik: '5316016011260003', prefix: '531601601126', serial: '0003' }, warnings: [] }
 */
export function issueNik(
  request: NikIssueRequest,
  options: { readonly asOf: AsOf },
): Result<IssuedNik, NikIssueErrorCode, NikIssueWarningCode> {
  const errors: Problem<NikIssueErrorCode>[] = [];
  const asOf = asOfToYmd(options?.asOf);
  if (asOf === undefined) errors.push(problem('AS_OF_INVALID', 'asOf must be a real date (YYYY-MM-DD or a valid Date)'));

  const code = typeof request?.districtCode === 'string' ? request.districtCode.trim() : '';
  const district = DISTRICT.test(code) ? code.replace(/\./g, '') : undefined;
  const status = district === undefined ? 0 : districtCodeStatus(+district);
  if (status === CODE_RETIRED) {
    errors.push(problem('NIK_ISSUE_DISTRICT_RETIRED', `kecamatan ${code} is a retired code; new NIKs carry current codes`));
  } else if (status !== CODE_CURRENT) {
    errors.push(problem('NIK_ISSUE_DISTRICT_UNKNOWN', `${JSON.stringify(request?.districtCode)} is not a kecamatan code of the current edition`));
  }

  const birth = parseIsoDate(request?.birthDate);
  if (birth === undefined) {
    errors.push(problem('NIK_ISSUE_BIRTH_DATE_INVALID', 'birthDate must be a real date YYYY-MM-DD'));
  } else if (asOf !== undefined && birth > asOf) {
    errors.push(problem('NIK_ISSUE_BIRTH_DATE_AFTER_AS_OF', `birthDate ${request.birthDate} is after asOf`));
  }
  const sex = request?.sex;
  if (sex !== 'M' && sex !== 'F') errors.push(problem('NIK_ISSUE_SEX_INVALID', "sex must be 'M' or 'F'"));

  const allocation = allocateSerial(request?.usedSerials ?? []);
  if (!allocation.ok && allocation.reason === 'invalid') {
    errors.push(problem('NIK_ISSUE_USED_SERIAL_INVALID', describeInvalidSerials(allocation.invalid)));
  }
  if (errors.length > 0 || district === undefined || birth === undefined || asOf === undefined) return fail(errors);

  const day = (birth % 100) + (sex === 'F' ? 40 : 0);
  const month = Math.floor(birth / 100) % 100;
  const year = Math.floor(birth / 10000);
  const prefix = district + TWO_DIGITS[day] + TWO_DIGITS[month] + TWO_DIGITS[year % 100];
  if (!allocation.ok) {
    return fail([problem('NIK_PREFIX_EXHAUSTED', `all serials 0001–9999 of prefix ${prefix.slice(0, 6)}…${prefix.slice(10)} are used`)]);
  }
  const serial = pad4(allocation.serial);
  // parseNik reads 20YY unless that is after asOf; warn when that reading would be wrong.
  const yy = year % 100;
  const readYear = (2000 + yy) * 10000 + (birth % 10000) > asOf ? 1900 + yy : 2000 + yy;
  const warnings =
    readYear !== year
      ? [problem('NIK_CENTURY_AMBIGUOUS' as const, `born in ${year}: the NIK's two-digit year will read as ${readYear}`)]
      : [];
  return ok({ nik: prefix + serial, prefix, serial }, warnings);
}
