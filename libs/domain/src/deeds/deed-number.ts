/**
 * Deed numbers (nomor akta). We found no regulation that fixes their format, so the format is configurable;
 * the default is
 *
 *   {region}-{type}-{dd}{mm}{yyyy}-{seq}      e.g. 5316-KL-27112026-0042
 *
 * - region: the office's regency or city code, 4 digits without dots (Nagekeo: 5316);
 * - type: a code per deed type, by default our own two-letter mnemonics of the Indonesian names
 *   (DEFAULT_DEED_TYPE_CODES: KL kelahiran, KM kematian, KW perkawinan, CR perceraian, PA pengakuan anak,
 *   SA pengesahan anak, AN pengangkatan anak);
 * - dd mm yyyy: the registration date;
 * - seq: a sequence per (office, deed type, year), from 1, zero-padded to `sequenceWidth` digits (default 4:
 *   up to 9,999 deeds of one type a year, ample for Nagekeo's ~3,000 births; a large city must configure a
 *   wider sequence).
 *
 * Numbers printed on kutipan akta in circulation have a similar shape (region, letters, date, serial), but
 * their letters and serial rules vary, which is why none is hard-coded.
 *
 * Never reused: the allocator is pure, so it is given the last sequence used for the (office, type, year) and
 * returns the next one. A sequence asked for explicitly (e.g. when transcribing a paper register) must be above
 * the last one used, and a sequence that no longer fits the width is an error, never a wrap-around. The
 * caller stores the new last sequence in the same transaction as the deed (with a UNIQUE constraint on the
 * number as the last line of defence). Stillbirths get no deed number (UU 23/2006 art. 33(2)).
 */
import { parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { findRegion } from '../regions/regions.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { DEED_TYPE_RULES, isDeedType, type DeedType } from './deed-types.js';

/** The deed types that get a number (all but STILLBIRTH). */
export type NumberedDeedType = Exclude<DeedType, 'STILLBIRTH'>;

export const DEFAULT_DEED_TYPE_CODES: Readonly<Record<NumberedDeedType, string>> = {
  BIRTH: 'KL',
  DEATH: 'KM',
  MARRIAGE: 'KW',
  DIVORCE: 'CR',
  RECOGNITION: 'PA',
  LEGITIMATION: 'SA',
  ADOPTION: 'AN',
};

/**
 * A deed number format. The template may use {region}, {type}, {dd}, {mm}, {yyyy} and {seq}, and must use
 * {region}, {type}, {yyyy} and {seq} (the sequence restarts for each office, type and year, so a number
 * without one of them could repeat); any other text is copied as it is (no braces).
 */
export interface DeedNumberFormat {
  readonly template: string;
  /** Digits of the sequence, 1–9. */
  readonly sequenceWidth: number;
  /** Letters and digits, 1–8 characters, different for each type. */
  readonly typeCodes: Readonly<Record<NumberedDeedType, string>>;
}

export const DEFAULT_DEED_NUMBER_FORMAT: DeedNumberFormat = {
  template: '{region}-{type}-{dd}{mm}{yyyy}-{seq}',
  sequenceWidth: 4,
  typeCodes: DEFAULT_DEED_TYPE_CODES,
};

export interface DeedNumberRequest {
  /** The office's regency or city code, with or without dots ('53.16' or '5316'). */
  readonly regionCode: string;
  readonly deedType: DeedType;
  /** The registration date. */
  readonly date: IsoDate;
  /** The highest sequence already used for this (office, type, year); 0 when none. */
  readonly lastSequence: number;
  /** A specific sequence to use instead of the next one; must be above `lastSequence`. */
  readonly sequence?: number;
}

/** Overrides of the default format; `typeCodes` are merged with the default codes. */
export interface DeedNumberOptions {
  readonly template?: string;
  readonly sequenceWidth?: number;
  readonly typeCodes?: Partial<Readonly<Record<NumberedDeedType, string>>>;
}

export interface AllocatedDeedNumber {
  readonly deedNumber: string;
  /** The sequence used: store it as the new last sequence of (regionCode, deedType, year). */
  readonly sequence: number;
  readonly year: number;
  /** The region code as 4 digits. */
  readonly regionCode: string;
  readonly typeCode: string;
}

/**
 * - `DEED_NUMBER_REGION_INVALID`: not the code of a current regency or city;
 * - `DEED_TYPE_INVALID`: not one of DEED_TYPES; `DEED_TYPE_NOT_NUMBERED`: a stillbirth (no deed);
 * - `DEED_NUMBER_DATE_INVALID`: not a real date YYYY-MM-DD;
 * - `DEED_NUMBER_LAST_SEQUENCE_INVALID`: lastSequence is not an integer ≥ 0;
 * - `DEED_NUMBER_SEQUENCE_INVALID`: the requested sequence is not an integer ≥ 1;
 * - `DEED_NUMBER_SEQUENCE_USED`: the requested sequence is at or below the last one used (numbers are never
 *   reused);
 * - `DEED_NUMBER_SEQUENCE_EXHAUSTED`: the sequence would not fit in `sequenceWidth` digits;
 * - `DEED_NUMBER_FORMAT_INVALID`: the options are not a valid format (the message says why).
 */
export type DeedNumberErrorCode = (typeof DEED_NUMBER_ERROR_CODES)[number];

export const DEED_NUMBER_ERROR_CODES = [
  'DEED_NUMBER_REGION_INVALID',
  'DEED_TYPE_INVALID',
  'DEED_TYPE_NOT_NUMBERED',
  'DEED_NUMBER_DATE_INVALID',
  'DEED_NUMBER_LAST_SEQUENCE_INVALID',
  'DEED_NUMBER_SEQUENCE_INVALID',
  'DEED_NUMBER_SEQUENCE_USED',
  'DEED_NUMBER_SEQUENCE_EXHAUSTED',
  'DEED_NUMBER_FORMAT_INVALID',
] as const;

const PLACEHOLDER = /\{([a-z]+)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['region', 'type', 'dd', 'mm', 'yyyy', 'seq']);
const REQUIRED_PLACEHOLDERS = ['region', 'type', 'yyyy', 'seq'];
const TYPE_CODE = /^[A-Za-z0-9]{1,8}$/;

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function readFormat(options: unknown, errors: Problem<DeedNumberErrorCode>[]): DeedNumberFormat | undefined {
  if (options === undefined) return DEFAULT_DEED_NUMBER_FORMAT;
  const invalid = (message: string) => errors.push(problem('DEED_NUMBER_FORMAT_INVALID', message));
  if (typeof options !== 'object' || options === null) {
    invalid('options must be an object { template?, sequenceWidth?, typeCodes? }');
    return undefined;
  }
  const o = options as Record<string, unknown>;
  const template = o.template ?? DEFAULT_DEED_NUMBER_FORMAT.template;
  const sequenceWidth = o.sequenceWidth ?? DEFAULT_DEED_NUMBER_FORMAT.sequenceWidth;
  const overrides = o.typeCodes ?? {};
  const before = errors.length;
  if (typeof template !== 'string' || template.length > 100) {
    invalid('template must be a string of at most 100 characters');
  } else {
    const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
    const unknown = names.filter((n) => !KNOWN_PLACEHOLDERS.has(n));
    const absent = REQUIRED_PLACEHOLDERS.filter((n) => !names.includes(n));
    const stray = template.replace(PLACEHOLDER, '').match(/[{}]/);
    if (unknown.length > 0) invalid(`template uses unknown placeholders: ${unknown.map((n) => `{${n}}`).join(', ')}`);
    if (absent.length > 0) invalid(`template must contain ${absent.map((n) => `{${n}}`).join(', ')} so that numbers never repeat`);
    if (stray !== null) invalid('template has a brace outside a placeholder');
  }
  if (!isCount(sequenceWidth, 1) || sequenceWidth > 9) invalid('sequenceWidth must be an integer from 1 to 9');
  let typeCodes: Record<NumberedDeedType, string> | undefined;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    invalid('typeCodes must be an object { BIRTH?: string, DEATH?: string, … }');
  } else {
    typeCodes = { ...DEFAULT_DEED_TYPE_CODES };
    for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
      if (!(key in DEFAULT_DEED_TYPE_CODES)) invalid(`typeCodes has ${JSON.stringify(key)}, which is not a numbered deed type`);
      else if (typeof value !== 'string' || !TYPE_CODE.test(value)) invalid(`typeCodes.${key} must be 1–8 letters or digits`);
      else typeCodes[key as NumberedDeedType] = value;
    }
    const codes = Object.values(typeCodes);
    if (new Set(codes).size !== codes.length) invalid('typeCodes must differ from one deed type to another');
  }
  if (errors.length > before || typeCodes === undefined) return undefined;
  return { template: template as string, sequenceWidth: sequenceWidth as number, typeCodes };
}

/**
 * The next deed number of an office for a deed type and registration date, from the last sequence used in
 * that (office, type, year). Reports every error; never throws.
 *
 * @example allocateDeedNumber({ regionCode: '53.16', deedType: 'BIRTH', date: '2026-11-27', lastSequence: 41 })
 * // ok: { deedNumber: '5316-KL-27112026-0042', sequence: 42, year: 2026, regionCode: '5316', typeCode: 'KL' }
 */
export function allocateDeedNumber(
  request: DeedNumberRequest,
  options?: DeedNumberOptions,
): Result<AllocatedDeedNumber, DeedNumberErrorCode> {
  const errors: Problem<DeedNumberErrorCode>[] = [];
  const r: Partial<Record<keyof DeedNumberRequest, unknown>> = typeof request === 'object' && request !== null ? request : {};
  const format = readFormat(options, errors);

  const region = typeof r.regionCode === 'string' ? findRegion(r.regionCode) : undefined;
  if (region === undefined || region.level !== 'regency' || region.historical) {
    errors.push(problem('DEED_NUMBER_REGION_INVALID', 'regionCode must be the code of a current regency or city, e.g. 53.16'));
  }
  const deedType = r.deedType;
  if (!isDeedType(deedType)) errors.push(problem('DEED_TYPE_INVALID', 'deedType must be one of DEED_TYPES'));
  else if (!DEED_TYPE_RULES[deedType].numbered) {
    errors.push(problem('DEED_TYPE_NOT_NUMBERED', `a ${deedType} record gets no deed number (a ${DEED_TYPE_RULES[deedType].documentName} is issued)`));
  }
  const date = parseIsoDate(r.date);
  if (date === undefined) errors.push(problem('DEED_NUMBER_DATE_INVALID', 'date must be a real date YYYY-MM-DD'));

  const last = r.lastSequence;
  const lastOk = isCount(last, 0);
  if (!lastOk) errors.push(problem('DEED_NUMBER_LAST_SEQUENCE_INVALID', 'lastSequence must be an integer ≥ 0 (0 when none was used)'));
  let sequence: number | undefined;
  if (r.sequence === undefined) {
    if (lastOk) sequence = last + 1;
  } else if (!isCount(r.sequence, 1)) {
    errors.push(problem('DEED_NUMBER_SEQUENCE_INVALID', 'sequence, if given, must be an integer ≥ 1'));
  } else if (lastOk && r.sequence <= last) {
    errors.push(problem('DEED_NUMBER_SEQUENCE_USED', `sequence ${r.sequence} is at or below the last one used (${last}): deed numbers are never reused`));
  } else {
    sequence = r.sequence;
  }
  if (format !== undefined && sequence !== undefined && sequence > 10 ** format.sequenceWidth - 1) {
    errors.push(
      problem(
        'DEED_NUMBER_SEQUENCE_EXHAUSTED',
        `sequence ${sequence} does not fit in ${format.sequenceWidth} digits: the numbers of this office, type and year are used up`,
      ),
    );
  }
  if (errors.length > 0 || format === undefined || region === undefined || date === undefined || sequence === undefined || !isDeedType(deedType)) {
    return fail(errors);
  }
  const typeCode = format.typeCodes[deedType as NumberedDeedType];
  const iso = ymdToIso(date);
  const parts: Record<string, string> = {
    region: region.code,
    type: typeCode,
    yyyy: iso.slice(0, 4),
    mm: iso.slice(5, 7),
    dd: iso.slice(8, 10),
    seq: String(sequence).padStart(format.sequenceWidth, '0'),
  };
  const deedNumber = format.template.replace(PLACEHOLDER, (_match, name: string) => parts[name] as string);
  return ok({ deedNumber, sequence, year: Math.floor(date / 10000), regionCode: region.code, typeCode });
}
