/**
 * No. KK, the 16-digit family card (Kartu Keluarga) number:
 *
 *   PP RR DD  DDMMYY  SSSS
 *   |         |       serial from 0001 among the cards issued by that kecamatan on that day
 *   |         date of issue (no sex offset)
 *   province, regency or city, kecamatan of the issuing office
 *
 * The number changes whenever the card is reissued (move, death of the head, divorce, split). The year is
 * read as 20YY: the 16-digit number belongs to the computerised register (SIAK), so a number whose date
 * would fall after `asOf` is rejected rather than guessed into the 1900s.
 */
import { asOfToYmd, daysInMonth, parseIsoDate, TWO_DIGITS, pad4, ymdToIso, type AsOf, type IsoDate } from '../calendar.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { CODE_CURRENT, CODE_RETIRED, districtCodeStatus } from '../regions/regions.js';
import { checkRegion, districtUnknownMessage } from './region-digits.js';
import { allocateSerial, describeInvalidSerials } from './serial.js';
import { dotSixteen, maskSixteen, SIXTEEN_DIGITS } from './sixteen-digits.js';

/**
 * - `KK_FORMAT`: not exactly 16 ASCII digits once surrounding whitespace is trimmed;
 * - `KK_REGION_UNKNOWN`: province or regency in neither the current nor the retired list;
 * - `KK_ISSUE_DATE_INVALID`: the date of issue is not a real calendar date (there is no sex offset);
 * - `KK_ISSUE_DATE_AFTER_AS_OF`: the date of issue is after `asOf`;
 * - `KK_SERIAL_INVALID`: serial 0000;
 * - `AS_OF_INVALID`.
 */
export type KkErrorCode = (typeof KK_ERROR_CODES)[number];

/** Every KkErrorCode (the union is derived from this list, so it is complete). */
export const KK_ERROR_CODES = [
  'KK_FORMAT',
  'KK_REGION_UNKNOWN',
  'KK_ISSUE_DATE_INVALID',
  'KK_ISSUE_DATE_AFTER_AS_OF',
  'KK_SERIAL_INVALID',
  'AS_OF_INVALID',
] as const;

/** `KK_DISTRICT_UNKNOWN`: kecamatan missing from our data under a known regency. */
export type KkWarningCode = (typeof KK_WARNING_CODES)[number];

export const KK_WARNING_CODES = ['KK_DISTRICT_UNKNOWN'] as const;

export interface ParsedKkNumber {
  readonly kkNumber: string;
  readonly provinceCode: string;
  readonly regencyCode: string;
  readonly districtCode: string;
  /** 'YYYY-MM-DD' */
  readonly issueDate: IsoDate;
  readonly serial: string;
  readonly historical: boolean;
}

export type KkResult = Result<ParsedKkNumber, KkErrorCode, KkWarningCode>;

/**
 * @example parseKkNumber('5316012511260001', { asOf: '2026-11-27' })
 * // { ok: true, value: { kkNumber: '5316012511260001', districtCode: '531601', issueDate: '2026-11-25', serial: '0001', ... } }
 */
export function parseKkNumber(input: string, options: { readonly asOf: AsOf }): KkResult {
  const asOf = asOfToYmd(options?.asOf);
  if (asOf === undefined) return fail([problem('AS_OF_INVALID', 'asOf must be a real date (YYYY-MM-DD or a valid Date)')]);
  const s = typeof input === 'string' ? input.trim() : undefined;
  if (s === undefined || !SIXTEEN_DIGITS.test(s)) {
    const message =
      s === undefined
        ? 'a No. KK is a string of 16 digits'
        : s.length !== 16
          ? `a No. KK has 16 digits; got ${s.length} characters`
          : 'a No. KK has only the digits 0–9';
    return fail([problem('KK_FORMAT', message)]);
  }
  const regency = +s.slice(0, 4);
  const district = +s.slice(0, 6);
  const day = +s.slice(6, 8);
  const month = +s.slice(8, 10);
  const year = 2000 + +s.slice(10, 12);
  const serial = +s.slice(12);
  const errors: Problem<KkErrorCode>[] = [];
  const region = checkRegion(regency, district);
  if (region.unknown !== undefined) errors.push(problem('KK_REGION_UNKNOWN', region.unknown));
  const issue = year * 10000 + month * 100 + day;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
    errors.push(problem('KK_ISSUE_DATE_INVALID', `issue date digits ${s.slice(6, 12)} (DDMMYY) are not a calendar date`));
  } else if (issue > asOf) {
    errors.push(problem('KK_ISSUE_DATE_AFTER_AS_OF', `issue date ${ymdToIso(issue)} is after asOf ${ymdToIso(asOf)}`));
  }
  if (serial === 0) errors.push(problem('KK_SERIAL_INVALID', 'the serial (digits 13–16) starts at 0001; 0000 is never issued'));
  if (errors.length > 0) return fail(errors);
  return ok(
    {
      kkNumber: s,
      provinceCode: s.slice(0, 2),
      regencyCode: s.slice(0, 4),
      districtCode: s.slice(0, 6),
      issueDate: ymdToIso(issue),
      serial: s.slice(12),
      historical: region.historical,
    },
    region.districtUnknown ? [problem('KK_DISTRICT_UNKNOWN', districtUnknownMessage(district))] : undefined,
  );
}

/** '53.16.01.251126.0001', or undefined when the input is not 16 digits. */
export function formatKkNumber(input: string): string | undefined {
  return dotSixteen(input);
}

/** For logs: '531601******0001' (the date of issue hidden); anything else masked whole. */
export function maskKkNumber(input: string): string {
  return maskSixteen(input);
}

export interface KkIssueRequest {
  /** The issuing kecamatan, '531601' or '53.16.01'; must be in the current edition. */
  readonly districtCode: string;
  /** The date of issue; defaults to asOf and may not be after it. */
  readonly issueDate?: IsoDate;
  /** Every serial already used by this kecamatan on that date. */
  readonly usedSerials: Iterable<number | string>;
}

export type KkIssueErrorCode = (typeof KK_ISSUE_ERROR_CODES)[number];

export const KK_ISSUE_ERROR_CODES = [
  'KK_ISSUE_DISTRICT_UNKNOWN',
  'KK_ISSUE_DISTRICT_RETIRED',
  'KK_ISSUE_DATE_INVALID',
  'KK_ISSUE_DATE_AFTER_AS_OF',
  'KK_ISSUE_USED_SERIAL_INVALID',
  'KK_PREFIX_EXHAUSTED',
  'AS_OF_INVALID',
] as const;

export interface IssuedKkNumber {
  readonly kkNumber: string;
  readonly prefix: string;
  readonly serial: string;
  readonly issueDate: IsoDate;
}

const DISTRICT = /^(\d{6}|\d{2}\.\d{2}\.\d{2})$/;

/**
 * @example issueKkNumber({ districtCode: '531601', usedSerials: [] }, { asOf: '2026-11-27' })
 * // { ok: true, value: { kkNumber: '5316012711260001', prefix: '531601271126', serial: '0001', issueDate: '2026-11-27' } }
 */
export function issueKkNumber(request: KkIssueRequest, options: { readonly asOf: AsOf }): Result<IssuedKkNumber, KkIssueErrorCode> {
  const errors: Problem<KkIssueErrorCode>[] = [];
  const asOf = asOfToYmd(options?.asOf);
  if (asOf === undefined) errors.push(problem('AS_OF_INVALID', 'asOf must be a real date (YYYY-MM-DD or a valid Date)'));
  const code = typeof request?.districtCode === 'string' ? request.districtCode.trim() : '';
  const district = DISTRICT.test(code) ? code.replace(/\./g, '') : undefined;
  const status = district === undefined ? 0 : districtCodeStatus(+district);
  if (status === CODE_RETIRED) {
    errors.push(problem('KK_ISSUE_DISTRICT_RETIRED', `kecamatan ${code} is a retired code; new cards carry current codes`));
  } else if (status !== CODE_CURRENT) {
    errors.push(problem('KK_ISSUE_DISTRICT_UNKNOWN', `${JSON.stringify(request?.districtCode)} is not a kecamatan code of the current edition`));
  }
  const issue = request?.issueDate === undefined ? asOf : parseIsoDate(request.issueDate);
  if (issue === undefined && request?.issueDate !== undefined) {
    errors.push(problem('KK_ISSUE_DATE_INVALID', 'issueDate must be a real date YYYY-MM-DD'));
  } else if (issue !== undefined && asOf !== undefined && issue > asOf) {
    errors.push(problem('KK_ISSUE_DATE_AFTER_AS_OF', `issueDate ${request.issueDate} is after asOf`));
  } else if (issue !== undefined && (issue < 20000101 || issue > 20991231)) {
    errors.push(problem('KK_ISSUE_DATE_INVALID', 'a No. KK encodes issue dates from 2000-01-01 to 2099-12-31'));
  }
  const allocation = allocateSerial(request?.usedSerials ?? []);
  if (!allocation.ok && allocation.reason === 'invalid') {
    errors.push(problem('KK_ISSUE_USED_SERIAL_INVALID', describeInvalidSerials(allocation.invalid)));
  }
  if (errors.length > 0 || district === undefined || issue === undefined) return fail(errors);
  const prefix = district + TWO_DIGITS[issue % 100] + TWO_DIGITS[Math.floor(issue / 100) % 100] + TWO_DIGITS[Math.floor(issue / 10000) % 100];
  if (!allocation.ok) return fail([problem('KK_PREFIX_EXHAUSTED', `all serials 0001–9999 of prefix ${prefix} are used`)]);
  const serial = pad4(allocation.serial);
  return ok({ kkNumber: prefix + serial, prefix, serial, issueDate: ymdToIso(issue) });
}
