/**
 * What the e-KTP, KIA and resident status lifecycles share: each is a fold over an append-only list of actions
 * `{ type, at, by, payload? }` (after OpenCRVS's events, like the deed lifecycle in ../deeds/lifecycle.ts),
 * checked action by action, every violation reported with the position of the action, never thrown.
 *
 * - `at`: an instant (../deeds/instant.ts): 'YYYY-MM-DD' or a date-time with its offset. Services write the
 *   office's local time (+08:00 for Nagekeo), so that the written date is the office's day.
 * - `by`: who took the action (a user or API key id), kept in the history as given.
 *
 * The person a document belongs to (`DocumentHolder`) comes in as data, with the reference date `asOf`.
 */
import { asOfToYmd, parseIsoDate, ymdToIso, type AsOf, type IsoDate } from '../calendar.js';
import { isMaritalStatus, type MaritalStatus } from '../codes/marital-status.js';
import { isNotBefore, parseInstant, type Instant, type ParsedInstant } from '../deeds/instant.js';
import type { Problem } from '../result.js';

/** A resident's status in the register (see resident-status.ts). */
export type ResidentStatus = 'ALIVE' | 'DECEASED' | 'MOVED_OUT';

export const RESIDENT_STATUSES: readonly ResidentStatus[] = ['ALIVE', 'DECEASED', 'MOVED_OUT'];

/** The person an e-KTP or a KIA belongs to, as the register knows them. */
export interface DocumentHolder {
  readonly birthDate: IsoDate;
  /** The current marital status (MARITAL_STATUSES code). */
  readonly maritalStatus: MaritalStatus;
  /**
   * The day of the first marriage, when known. When it is not known, an ever-married person's marriage is
   * taken at the date that keeps the recorded history valid: for wajib KTP as before every action (the e-KTP
   * recorded earlier stays valid), for KIA as `asOf` (the KIA issued earlier stays valid). Our documented
   * choice: a history is never invalidated by a marriage whose date the register does not hold.
   */
  readonly marriedOn?: IsoDate;
  /** The resident's status in the register; ALIVE when left out. */
  readonly residentStatus?: ResidentStatus;
  /**
   * When the office recorded the current status (the `at` of the action that set it): required unless ALIVE.
   * Document actions at or after it are refused for a DECEASED or MOVED_OUT resident; earlier ones stand.
   */
  readonly residentStatusSince?: Instant;
}

export interface DocumentOptions {
  /** The reference date: the derived status (wajib KTP, KIA expiry) is as of this day. */
  readonly asOf: AsOf;
}

/** One entry of an action log. */
export interface LoggedAction<Type extends string, Payload> {
  readonly type: Type;
  readonly at: Instant;
  /** Who took the action: a user or API key id. */
  readonly by: string;
  readonly payload?: Payload;
}

/** An action of the history, with the status it led to. */
export interface ActionHistoryEntry<Type extends string, Status extends string> {
  /** Position in the action log. */
  readonly index: number;
  readonly type: Type;
  readonly at: Instant;
  readonly by: string;
  readonly status: Status;
}

/** A violation and the position of the offending action in the log (null when it concerns the whole log). */
export interface LogViolation<Code extends string> extends Problem<Code> {
  readonly actionIndex: number | null;
}

/** The codes every action log may report. */
export type LogViolationCode = (typeof LOG_VIOLATION_CODES)[number];

export const LOG_VIOLATION_CODES = [
  'ACTIONS_INVALID',
  'STATE_INVALID',
  'ACTION_INVALID',
  'ACTION_TIME_INVALID',
  'ACTION_OUT_OF_ORDER',
  'ACTOR_INVALID',
  'ACTION_NOT_ALLOWED',
  'PAYLOAD_FIELD_MISSING',
  'PAYLOAD_FIELD_INVALID',
] as const;

/** The codes of the document lifecycles (e-KTP, KIA) on top of LogViolationCode. */
export type HolderViolationCode = (typeof HOLDER_VIOLATION_CODES)[number];

export const HOLDER_VIOLATION_CODES = ['HOLDER_INVALID', 'AS_OF_INVALID', 'ACTION_AFTER_AS_OF', 'RESIDENT_DECEASED', 'RESIDENT_MOVED_OUT'] as const;

export type Fields = Record<string, unknown>;

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isText(value: unknown, max = 200): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max;
}

/** Describes an unknown value for a message without ever calling its toString (which may throw). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

export function violation<Code extends string>(code: Code, message: string, actionIndex: number | null): LogViolation<Code> {
  return { code, message, actionIndex };
}

export type Report<Code extends string> = (code: Code, message: string) => void;

/** The parts every action has, once checked. */
export interface ActionHead<Type extends string> {
  readonly type: Type | undefined;
  readonly at: ParsedInstant | undefined;
  readonly atText: Instant;
  readonly by: string | undefined;
  readonly payload: Fields | undefined;
}

/**
 * Checks what every action has: an object with a known `type`, an instant `at` not before the earlier actions
 * (and, when `asOfYmd` is given, not after that day), a `by`, and a payload object (or none).
 */
export function readHead<Type extends string, Code extends string>(
  raw: unknown,
  index: number,
  types: readonly Type[],
  earlier: readonly { readonly index: number; readonly at: Instant }[],
  asOfYmd: number | undefined,
  report: Report<Code | LogViolationCode | 'ACTION_AFTER_AS_OF'>,
): ActionHead<Type> | undefined {
  if (!isRecord(raw)) {
    report('ACTION_INVALID', `actions[${index}] must be an object with type, at, by and payload; got ${describe(raw)}`);
    return undefined;
  }
  const type = typeof raw.type === 'string' && (types as readonly string[]).includes(raw.type) ? (raw.type as Type) : undefined;
  if (type === undefined) report('ACTION_INVALID', `actions[${index}].type must be one of ${types.join(', ')}; got ${describe(raw.type)}`);

  const at = parseInstant(raw.at);
  if (at === undefined) {
    report('ACTION_TIME_INVALID', `actions[${index}].at must be YYYY-MM-DD or an ISO date-time with offset; got ${describe(raw.at)}`);
  } else {
    const before = earlier.find((h) => {
      const previous = parseInstant(h?.at);
      return previous !== undefined && !isNotBefore(at, previous);
    });
    if (before !== undefined) {
      report('ACTION_OUT_OF_ORDER', `actions[${index}] at ${describe(raw.at)} is before actions[${describe(before.index)}] at ${describe(before.at)}`);
    }
    if (asOfYmd !== undefined && at.ymd > asOfYmd) {
      report('ACTION_AFTER_AS_OF', `actions[${index}] on ${ymdToIso(at.ymd)} is after the reference date ${ymdToIso(asOfYmd)}`);
    }
  }
  if (!isText(raw.by)) report('ACTOR_INVALID', `actions[${index}].by must name who took the action (a non-empty string of at most 200 characters)`);

  const payload = raw.payload === undefined ? {} : raw.payload;
  if (!isRecord(payload)) {
    report('PAYLOAD_FIELD_INVALID', `actions[${index}].payload, if given, must be an object; got ${describe(raw.payload)}`);
  }
  return {
    type,
    at,
    atText: raw.at as Instant,
    by: isText(raw.by) ? raw.by : undefined,
    payload: isRecord(payload) ? payload : undefined,
  };
}

/** A holder once checked: dates as YYYYMMDD. */
export interface CheckedHolder {
  readonly birthDate: IsoDate;
  readonly birthYmd: number;
  readonly maritalStatus: MaritalStatus;
  readonly marriedOnYmd: number | undefined;
  readonly residentStatus: ResidentStatus;
  readonly since: ParsedInstant | undefined;
}

/** Checks a holder and asOf; reports HOLDER_INVALID and AS_OF_INVALID. */
export function readHolder(
  holder: unknown,
  options: unknown,
  report: Report<'HOLDER_INVALID' | 'AS_OF_INVALID'>,
): { readonly holder: CheckedHolder; readonly asOfYmd: number } | undefined {
  const asOfYmd = asOfToYmd(isRecord(options) ? options.asOf : undefined);
  if (asOfYmd === undefined) report('AS_OF_INVALID', 'options.asOf must be a real date (YYYY-MM-DD or a valid Date)');
  if (!isRecord(holder)) {
    report('HOLDER_INVALID', `the holder must be an object { birthDate, maritalStatus, marriedOn?, residentStatus?, residentStatusSince? }; got ${describe(holder)}`);
    return undefined;
  }
  let problems = 0;
  const bad = (message: string) => {
    problems++;
    report('HOLDER_INVALID', message);
  };
  const birthYmd = parseIsoDate(holder.birthDate);
  if (birthYmd === undefined) bad(`holder.birthDate must be a real date YYYY-MM-DD; got ${describe(holder.birthDate)}`);
  else if (asOfYmd !== undefined && birthYmd > asOfYmd) bad(`holder.birthDate ${ymdToIso(birthYmd)} is after the reference date ${ymdToIso(asOfYmd)}`);
  if (!isMaritalStatus(holder.maritalStatus)) bad(`holder.maritalStatus must be one of the MARITAL_STATUSES codes; got ${describe(holder.maritalStatus)}`);
  let marriedOnYmd: number | undefined;
  if (holder.marriedOn !== undefined) {
    marriedOnYmd = parseIsoDate(holder.marriedOn);
    if (marriedOnYmd === undefined) bad(`holder.marriedOn, if given, must be a real date YYYY-MM-DD; got ${describe(holder.marriedOn)}`);
    else if (holder.maritalStatus === 'BELUM_KAWIN') bad('holder.marriedOn is given but the marital status is BELUM_KAWIN (never married)');
  }
  const residentStatus = holder.residentStatus === undefined ? 'ALIVE' : holder.residentStatus;
  if (!(RESIDENT_STATUSES as readonly unknown[]).includes(residentStatus)) {
    bad(`holder.residentStatus, if given, must be one of ${RESIDENT_STATUSES.join(', ')}; got ${describe(holder.residentStatus)}`);
  }
  const since = parseInstant(holder.residentStatusSince);
  if (holder.residentStatusSince !== undefined && since === undefined) {
    bad(`holder.residentStatusSince, if given, must be an instant; got ${describe(holder.residentStatusSince)}`);
  } else if (residentStatus !== 'ALIVE' && since === undefined) {
    bad(`holder.residentStatusSince is required for a ${describe(residentStatus)} resident (when the office recorded it)`);
  }
  if (problems > 0 || asOfYmd === undefined || birthYmd === undefined) return undefined;
  return {
    holder: {
      birthDate: holder.birthDate as IsoDate,
      birthYmd,
      maritalStatus: holder.maritalStatus as MaritalStatus,
      marriedOnYmd,
      residentStatus: residentStatus as ResidentStatus,
      since,
    },
    asOfYmd,
  };
}

/**
 * The marital status to judge a day by: the current one, except that a person whose marriage came later (by
 * `marriedOn`, or by `unknownMarriageFrom` when the date is not known) was BELUM_KAWIN on that day.
 */
export function maritalStatusOn(holder: CheckedHolder, dayYmd: number, unknownMarriageFrom: number | 'ALWAYS'): MaritalStatus {
  if (holder.maritalStatus === 'BELUM_KAWIN') return holder.maritalStatus;
  const from = holder.marriedOnYmd ?? unknownMarriageFrom;
  return from === 'ALWAYS' || dayYmd >= from ? holder.maritalStatus : 'BELUM_KAWIN';
}

/**
 * The violation for a document action taken at or after the office recorded the resident's death or move out
 * of the regency: a deceased resident's record cannot change any more (the death is reported and recorded
 * under UU 23/2006 art. 44); a resident who moved out left with a moving letter (Surat Keterangan Pindah,
 * UU 23/2006 art. 15) and is served by the office of the destination.
 */
export function residentViolation(holder: CheckedHolder, at: ParsedInstant): 'RESIDENT_DECEASED' | 'RESIDENT_MOVED_OUT' | undefined {
  if (holder.residentStatus === 'ALIVE' || holder.since === undefined || !isNotBefore(at, holder.since)) return undefined;
  return holder.residentStatus === 'DECEASED' ? 'RESIDENT_DECEASED' : 'RESIDENT_MOVED_OUT';
}

/** True when the resident may still have document actions on `asOfYmd`. */
export function residentActiveOn(holder: CheckedHolder, asOfYmd: number): boolean {
  return holder.residentStatus === 'ALIVE' || holder.since === undefined || holder.since.ymd > asOfYmd;
}

/** The earlier actions of a history, for the order check. */
export function earlierActions(history: readonly { readonly index: number; readonly at: Instant }[] | undefined): readonly { index: number; at: Instant }[] {
  return Array.isArray(history) ? history : [];
}

export type { Instant };
