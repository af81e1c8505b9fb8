/**
 * A resident's status in the regency's register, as a fold over the append-only list of what happened to them:
 *
 *   status       allowed actions (→ resulting status)                          RESIDENT_STATUS_TABLE
 *   (none yet)   REGISTER → ALIVE, MOVE_IN → ALIVE                             RESIDENT_OPENING_ACTIONS
 *   ALIVE        MOVE_WITHIN → ALIVE, MOVE_OUT → MOVED_OUT, DIE → DECEASED
 *   MOVED_OUT    RETURN → ALIVE
 *   DECEASED     only by the death deed: ANNUL_DEATH → ALIVE, CORRECT_DEATH → DECEASED; nothing else
 *                (`RESIDENT_DECEASED`)
 *
 * - REGISTER: the resident entered this register at an address of the regency (a birth, a first registration,
 *   or a register entry that predates this log).
 * - MOVE_IN (datang): a resident arriving from another regency, with the region they come from (UU 23/2006
 *   art. 15: they bring the moving letter, Surat Keterangan Pindah, of their former office).
 * - MOVE_WITHIN (pindah within the regency): a new address in another village, or another kecamatan, of the
 *   regency. The NIK never changes: it keeps the region digits where it was first issued (PP 37/2007 art. 37).
 * - MOVE_OUT (pindah out of the regency): the destination region, outside the regency (UU 23/2006 art. 15);
 *   a move to another village or kecamatan of the regency is MOVE_WITHIN (`DESTINATION_INSIDE_REGENCY`).
 * - RETURN: a resident who moved out comes back, to an address in the regency (a datang of a former resident).
 * - DIE: the death, with its date (reported under UU 23/2006 art. 44).
 * - ANNUL_DEATH: the death deed was annulled on a final court decision (pembatalan akta, UU 23/2006 art. 72): the
 *   death is undone and the resident is alive again; the reference (the annulled deed and the decision) is required.
 * - CORRECT_DEATH: the death deed's date of death was corrected (pembetulan akta, UU 23/2006 art. 71): the resident
 *   stays deceased with the corrected date; the reference (the corrected deed) is required.
 *
 * Every move is classified as Perpres 96/2018 classifies moves (klasifikasi pindah): within a village, between
 * villages of a kecamatan, between kecamatan of a regency, between regencies of a province, between provinces.
 * Region codes are checked against the library's region data; villages against `options.isCurrentVillage`
 * when given (the villages are in the separate entry point `@adminduk/domain/villages`).
 */
import { parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { findRegion } from '../regions/regions.js';
import { ok, type Failure, type Ok } from '../result.js';
import type { ParsedInstant } from '../deeds/instant.js';
import {
  describe,
  earlierActions,
  isRecord,
  isText,
  LOG_VIOLATION_CODES,
  readHead,
  violation,
  RESIDENT_STATUSES,
  type ActionHistoryEntry,
  type Fields,
  type Instant,
  type LogViolation,
  type LoggedAction,
  type Report,
  type ResidentStatus,
} from './action-log.js';

export type ResidentActionType = 'REGISTER' | 'MOVE_IN' | 'MOVE_WITHIN' | 'MOVE_OUT' | 'RETURN' | 'DIE' | 'ANNUL_DEATH' | 'CORRECT_DEATH';

export const RESIDENT_ACTION_TYPES: readonly ResidentActionType[] = ['REGISTER', 'MOVE_IN', 'MOVE_WITHIN', 'MOVE_OUT', 'RETURN', 'DIE', 'ANNUL_DEATH', 'CORRECT_DEATH'];

/** The classes of moves (klasifikasi pindah, Perpres 96/2018). */
export type MoveKind = 'WITHIN_VILLAGE' | 'BETWEEN_VILLAGES' | 'BETWEEN_DISTRICTS' | 'BETWEEN_REGENCIES' | 'BETWEEN_PROVINCES';

export interface AddressPayload {
  /** The kecamatan of the new address (6 digits), in the regency. */
  readonly districtCode: string;
  /** The desa / kelurahan of the new address (10 digits), in that kecamatan. */
  readonly villageCode: string;
}
interface MovePayloadFields {
  /** The day of the move; the action's day when left out. */
  readonly movedOn?: IsoDate;
  /** The moving letter's number (Surat Keterangan Pindah) or another reference. */
  readonly reference?: string;
}
export type RegisterPayload = AddressPayload;
export interface MoveInPayload extends AddressPayload, MovePayloadFields {
  /** Where the resident comes from: a regency (4 digits), kecamatan (6) or village (10), outside the regency. */
  readonly fromRegionCode: string;
}
export type MoveWithinPayload = AddressPayload & MovePayloadFields;
export interface MoveOutPayload extends MovePayloadFields {
  /** Where the resident goes: a regency (4 digits), kecamatan (6) or village (10), outside the regency. */
  readonly toRegionCode: string;
}
export interface ReturnPayload extends AddressPayload, MovePayloadFields {
  /** Where the resident comes back from; the region they moved to when left out. */
  readonly fromRegionCode?: string;
}
export interface DiePayload {
  readonly dateOfDeath: IsoDate;
  /** The death deed's number or the death letter's. */
  readonly reference?: string;
}

export interface AnnulDeathPayload {
  /** The annulled death deed and the court decision (e.g. '5316-KM-03112026-0007; 88/Pdt.G/2026/PN Bjw'). */
  readonly reference: string;
}
export interface CorrectDeathPayload {
  readonly dateOfDeath: IsoDate;
  /** The corrected death deed. */
  readonly reference: string;
}

/** One entry of a resident's append-only status log. */
export type ResidentAction =
  | LoggedAction<'REGISTER', RegisterPayload>
  | LoggedAction<'MOVE_IN', MoveInPayload>
  | LoggedAction<'MOVE_WITHIN', MoveWithinPayload>
  | LoggedAction<'MOVE_OUT', MoveOutPayload>
  | LoggedAction<'RETURN', ReturnPayload>
  | LoggedAction<'DIE', DiePayload>
  | LoggedAction<'ANNUL_DEATH', AnnulDeathPayload>
  | LoggedAction<'CORRECT_DEATH', CorrectDeathPayload>;

export interface MoveRecord {
  readonly type: 'MOVE_IN' | 'MOVE_WITHIN' | 'MOVE_OUT' | 'RETURN';
  readonly at: Instant;
  readonly by: string;
  readonly kind: MoveKind;
  /** Region codes (digits): where from and where to, as precise as known. */
  readonly from: string;
  readonly to: string;
  readonly movedOn: IsoDate;
  readonly reference: string | null;
}

export type ResidentHistoryEntry = ActionHistoryEntry<ResidentActionType, ResidentStatus>;

/** Everything derived from a resident's status log. */
export interface ResidentStatusState {
  readonly status: ResidentStatus;
  /** When the office recorded the current status (the `at` of the action that set it). */
  readonly since: Instant;
  /** The day the latest action took effect: the day of the death or the move, or the action's day. */
  readonly effectiveDate: IsoDate;
  /** How the record opened: REGISTER or MOVE_IN. */
  readonly origin: 'REGISTER' | 'MOVE_IN';
  /** The current address in the regency (for a deceased or moved-out resident: the last one). */
  readonly districtCode: string;
  readonly villageCode: string;
  /** While MOVED_OUT: where to. */
  readonly movedOutTo: string | null;
  readonly dateOfDeath: IsoDate | null;
  readonly moves: readonly MoveRecord[];
  readonly allowedActions: readonly ResidentActionType[];
  /** The number of actions. */
  readonly version: number;
  readonly history: readonly ResidentHistoryEntry[];
}

export interface ResidentStatusOptions {
  /** The regency whose register this is (4 digits): '5316' for Nagekeo. */
  readonly regencyCode: string;
  /** Whether a village code (10 digits) is a current desa / kelurahan; villages are not checked when left out. */
  readonly isCurrentVillage?: (villageCode: string) => boolean;
}

/**
 * Violations (a closed union), on top of the shared ones (see EktpViolationCode):
 * - `OPTIONS_INVALID`: the regency code is not a current regency, or isCurrentVillage is not a function;
 * - `NO_ACTIONS`: the log is empty; `OPENING_INVALID`: it does not start with REGISTER or MOVE_IN;
 * - `RESIDENT_DECEASED`: any action after the death;
 * - `REGION_UNKNOWN`: a region code that is not a current kecamatan, regency or village;
 * - `OUTSIDE_REGENCY`: an address outside the regency; `VILLAGE_NOT_IN_DISTRICT`: a village of another kecamatan;
 * - `DESTINATION_INSIDE_REGENCY`, `ORIGIN_INSIDE_REGENCY`: a move out to, or in from, the regency itself;
 * - `DATE_AFTER_ACTION`: the day of the move or the death is after the action that records it.
 */
export type ResidentViolationCode = (typeof RESIDENT_VIOLATION_CODES)[number];

export const RESIDENT_VIOLATION_CODES = [
  ...LOG_VIOLATION_CODES,
  'OPTIONS_INVALID',
  'NO_ACTIONS',
  'OPENING_INVALID',
  'RESIDENT_DECEASED',
  'REGION_UNKNOWN',
  'OUTSIDE_REGENCY',
  'VILLAGE_NOT_IN_DISTRICT',
  'DESTINATION_INSIDE_REGENCY',
  'ORIGIN_INSIDE_REGENCY',
  'DATE_AFTER_ACTION',
] as const;

export type ResidentViolation = LogViolation<ResidentViolationCode>;

export interface ResidentFailure extends Failure<ResidentViolationCode> {
  readonly errors: readonly ResidentViolation[];
}

export type ResidentResult = Ok<ResidentStatusState> | ResidentFailure;

/** The actions that may open a resident's log. */
export const RESIDENT_OPENING_ACTIONS: readonly ResidentActionType[] = ['REGISTER', 'MOVE_IN'];

/** Status → allowed action types. */
export const RESIDENT_STATUS_TABLE: Readonly<Record<ResidentStatus, readonly ResidentActionType[]>> = {
  ALIVE: ['MOVE_WITHIN', 'MOVE_OUT', 'DIE'],
  MOVED_OUT: ['RETURN'],
  // Only the death deed undoes or corrects a death (UU 23/2006 art. 71–72); nothing else changes a deceased's record.
  DECEASED: ['ANNUL_DEATH', 'CORRECT_DEATH'],
};

/** The status each action leads to. */
export const RESIDENT_ACTION_TARGET_STATUS: Readonly<Record<ResidentActionType, ResidentStatus>> = {
  REGISTER: 'ALIVE',
  MOVE_IN: 'ALIVE',
  MOVE_WITHIN: 'ALIVE',
  MOVE_OUT: 'MOVED_OUT',
  RETURN: 'ALIVE',
  DIE: 'DECEASED',
  ANNUL_DEATH: 'ALIVE',
  CORRECT_DEATH: 'DECEASED',
};

/**
 * The action types allowed next for a resident in `status` (null: a log with no action yet). Unknown
 * statuses give an empty list.
 *
 * @example allowedResidentActions('MOVED_OUT') // ['RETURN']
 */
export function allowedResidentActions(status: ResidentStatus | null): readonly ResidentActionType[] {
  if (status === null) return RESIDENT_OPENING_ACTIONS;
  return typeof status === 'string' && (RESIDENT_STATUSES as readonly string[]).includes(status) ? RESIDENT_STATUS_TABLE[status] : [];
}

/**
 * Folds a resident's status log into their status, address and moves. Every violation is reported at once,
 * each with its action's position; never throws.
 *
 * @example foldResidentStatus([register, moveOut], { regencyCode: '5316' }).value.status // 'MOVED_OUT'
 */
export function foldResidentStatus(actions: readonly ResidentAction[], options: ResidentStatusOptions): ResidentResult {
  const errors: ResidentViolation[] = [];
  const report: Report<ResidentViolationCode> = (code, message) => errors.push(violation(code, message, null));
  const checked = readOptions(options, report);
  if (!Array.isArray(actions)) report('ACTIONS_INVALID', 'actions must be a list');
  if (checked === undefined || !Array.isArray(actions)) return failure(errors);
  if (actions.length === 0) return failure([violation('NO_ACTIONS', 'a resident log opens with REGISTER or MOVE_IN', null)]);
  let state: ResidentStatusState | null = null;
  actions.forEach((raw, index) => {
    const step = applyStep(state, raw, index, checked);
    if (step.ok) state = step.state;
    else errors.push(...step.errors);
  });
  return errors.length > 0 || state === null ? failure(errors) : ok(state);
}

/**
 * Applies one more action to a state from foldResidentStatus (or applyResidentAction): the new state, or every
 * violation of the action. Never throws.
 */
export function applyResidentAction(state: ResidentStatusState, action: ResidentAction, options: ResidentStatusOptions): ResidentResult {
  const errors: ResidentViolation[] = [];
  const report: Report<ResidentViolationCode> = (code, message) => errors.push(violation(code, message, null));
  const checked = readOptions(options, report);
  if (!isStateLike(state)) report('STATE_INVALID', 'state must be a ResidentStatusState from foldResidentStatus or applyResidentAction');
  if (checked === undefined || !isStateLike(state)) return failure(errors);
  const step = applyStep(state, action, state.history.length, checked);
  return step.ok ? ok(step.state) : failure(step.errors);
}

// ---------------------------------------------------------------------------------------------------------

interface CheckedOptions {
  readonly regencyCode: string;
  readonly isCurrentVillage: ((code: string) => boolean) | undefined;
}

type Step = { readonly ok: true; readonly state: ResidentStatusState } | { readonly ok: false; readonly errors: readonly ResidentViolation[] };

function failure(errors: readonly ResidentViolation[]): ResidentFailure {
  return { ok: false, errors };
}

function readOptions(options: unknown, report: Report<ResidentViolationCode>): CheckedOptions | undefined {
  if (!isRecord(options)) {
    report('OPTIONS_INVALID', 'options must be an object { regencyCode, isCurrentVillage? }');
    return undefined;
  }
  const regencyCode = options.regencyCode;
  const regency = typeof regencyCode === 'string' && /^\d{4}$/.test(regencyCode) ? findRegion(regencyCode) : undefined;
  let valid = true;
  if (regency === undefined || regency.level !== 'regency' || regency.historical) {
    report('OPTIONS_INVALID', `options.regencyCode must be a current regency code of 4 digits; got ${describe(regencyCode)}`);
    valid = false;
  }
  const lookup = options.isCurrentVillage;
  if (lookup !== undefined && typeof lookup !== 'function') {
    report('OPTIONS_INVALID', 'options.isCurrentVillage, if given, must be a function');
    valid = false;
  }
  return valid ? { regencyCode: regencyCode as string, isCurrentVillage: lookup as ((code: string) => boolean) | undefined } : undefined;
}

function isStateLike(value: unknown): value is ResidentStatusState {
  if (!isRecord(value)) return false;
  return (
    (RESIDENT_STATUSES as readonly unknown[]).includes(value.status) &&
    Array.isArray(value.history) &&
    value.history.length > 0 &&
    Array.isArray(value.moves) &&
    typeof value.districtCode === 'string' &&
    typeof value.villageCode === 'string'
  );
}

function applyStep(state: ResidentStatusState | null, raw: unknown, index: number, options: CheckedOptions): Step {
  const errors: ResidentViolation[] = [];
  const report: Report<ResidentViolationCode> = (code, message) => errors.push(violation(code, message, index));
  const head = readHead(raw, index, RESIDENT_ACTION_TYPES, earlierActions(state?.history), undefined, report as Report<ResidentViolationCode | 'ACTION_AFTER_AS_OF'>);
  if (head === undefined) return { ok: false, errors };
  const { type, at } = head;
  if (type !== undefined) {
    const allowed = allowedResidentActions(state?.status ?? null);
    if (!allowed.includes(type)) {
      if (state === null) report('OPENING_INVALID', `a resident log opens with ${RESIDENT_OPENING_ACTIONS.join(' or ')}; got ${type}`);
      else if (state.status === 'DECEASED') report('RESIDENT_DECEASED', `the resident died on ${state.dateOfDeath ?? '?'}: the record cannot change any more`);
      else report('ACTION_NOT_ALLOWED', `${type} is not allowed for a resident who is ${state.status}; allowed: ${allowed.join(', ')}`);
    }
  }
  const checked = type !== undefined && head.payload !== undefined ? checkPayload(type, head.payload, index, at, state, options, report) : undefined;
  if (errors.length > 0 || type === undefined || at === undefined || head.by === undefined || checked === undefined) return { ok: false, errors };
  return { ok: true, state: nextState(state, type, head.atText, at, head.by, checked, index) };
}

interface Checked {
  readonly districtCode?: string;
  readonly villageCode?: string;
  readonly regionCode?: string;
  readonly dayYmd?: number;
  readonly reference?: string | null;
}

function checkPayload(
  type: ResidentActionType,
  p: Fields,
  index: number,
  at: ParsedInstant | undefined,
  state: ResidentStatusState | null,
  options: CheckedOptions,
  report: Report<ResidentViolationCode>,
): Checked | undefined {
  const name = (field: string) => `actions[${index}].payload.${field}`;
  const present = (field: string, required: boolean): unknown => {
    const value = p[field];
    if ((value === undefined || value === null || value === '') && required) report('PAYLOAD_FIELD_MISSING', `${type} needs ${name(field)}`);
    return value === null || value === '' ? undefined : value;
  };
  const address = (): { districtCode?: string; villageCode?: string } => {
    const district = present('districtCode', true);
    const village = present('villageCode', true);
    let districtCode: string | undefined;
    if (district !== undefined) {
      if (typeof district !== 'string' || !/^\d{6}$/.test(district)) {
        report('PAYLOAD_FIELD_INVALID', `${name('districtCode')} must be a kecamatan code of 6 digits; got ${describe(district)}`);
      } else if (!district.startsWith(options.regencyCode)) {
        report('OUTSIDE_REGENCY', `kecamatan ${district} is not in regency ${options.regencyCode}${type === 'MOVE_WITHIN' ? ' (a move out of the regency is MOVE_OUT)' : ''}`);
      } else if (!isCurrentDistrict(district)) {
        report('REGION_UNKNOWN', `${district} is not a current kecamatan code`);
      } else districtCode = district;
    }
    let villageCode: string | undefined;
    if (village !== undefined) {
      if (typeof village !== 'string' || !/^\d{10}$/.test(village)) {
        report('PAYLOAD_FIELD_INVALID', `${name('villageCode')} must be a desa / kelurahan code of 10 digits; got ${describe(village)}`);
      } else if (typeof district === 'string' && /^\d{6}$/.test(district) && !village.startsWith(district)) {
        report('VILLAGE_NOT_IN_DISTRICT', `village ${village} is not in kecamatan ${district}`);
      } else if (options.isCurrentVillage !== undefined && !safeLookup(options.isCurrentVillage, village)) {
        report('REGION_UNKNOWN', `${village} is not a current desa / kelurahan code`);
      } else villageCode = village;
    }
    return { districtCode, villageCode };
  };
  /** A region outside the regency: `insideCode` when it is inside. */
  const elsewhere = (field: string, required: boolean, insideCode: 'DESTINATION_INSIDE_REGENCY' | 'ORIGIN_INSIDE_REGENCY'): string | undefined => {
    const value = present(field, required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !/^(\d{4}|\d{6}|\d{10})$/.test(value)) {
      report('PAYLOAD_FIELD_INVALID', `${name(field)} must be a region code of 4 (regency), 6 (kecamatan) or 10 (village) digits; got ${describe(value)}`);
      return undefined;
    }
    if (value.startsWith(options.regencyCode)) {
      const hint = insideCode === 'DESTINATION_INSIDE_REGENCY' ? 'a move within the regency is MOVE_WITHIN' : 'a resident of the regency moves with MOVE_WITHIN';
      report(insideCode, `${value} is in regency ${options.regencyCode} itself: ${hint}`);
      return undefined;
    }
    const regency = findRegion(value.slice(0, 4));
    if (regency === undefined || regency.historical || (value.length > 4 && !isCurrentDistrict(value.slice(0, 6)))) {
      report('REGION_UNKNOWN', `${value} is not in a current regency and kecamatan`);
      return undefined;
    }
    return value;
  };
  /** A day not after the action's. */
  const day = (field: string, required: boolean, what: string): number | undefined => {
    const value = present(field, required);
    if (value === undefined) return undefined;
    const ymd = parseIsoDate(value);
    if (ymd === undefined) {
      report('PAYLOAD_FIELD_INVALID', `${name(field)} must be a real date YYYY-MM-DD; got ${describe(value)}`);
      return undefined;
    }
    if (at !== undefined && ymd > at.ymd) report('DATE_AFTER_ACTION', `${what} ${ymdToIso(ymd)} is after the action's day ${ymdToIso(at.ymd)}`);
    return ymd;
  };
  const reference = (required = false): string | null => {
    const value = p.reference;
    if ((value === undefined || value === null || value === '') && required) report('PAYLOAD_FIELD_MISSING', `${type} needs ${name('reference')}`);
    if (value === undefined) return null;
    if (!isText(value)) report('PAYLOAD_FIELD_INVALID', `${name('reference')}, if given, must be a non-empty string of at most 200 characters`);
    return isText(value) ? value : null;
  };

  switch (type) {
    case 'REGISTER':
      return address();
    case 'MOVE_IN': {
      const regionCode = elsewhere('fromRegionCode', true, 'ORIGIN_INSIDE_REGENCY');
      return { ...address(), regionCode, dayYmd: day('movedOn', false, 'the move'), reference: reference() };
    }
    case 'MOVE_WITHIN':
      return { ...address(), dayYmd: day('movedOn', false, 'the move'), reference: reference() };
    case 'MOVE_OUT': {
      const regionCode = elsewhere('toRegionCode', true, 'DESTINATION_INSIDE_REGENCY');
      return { regionCode, dayYmd: day('movedOn', false, 'the move'), reference: reference() };
    }
    case 'RETURN': {
      const regionCode = elsewhere('fromRegionCode', false, 'ORIGIN_INSIDE_REGENCY') ?? state?.movedOutTo ?? undefined;
      return { ...address(), regionCode, dayYmd: day('movedOn', false, 'the return'), reference: reference() };
    }
    case 'DIE':
      return { dayYmd: day('dateOfDeath', true, 'the death on'), reference: reference() };
    case 'ANNUL_DEATH':
      return { reference: reference(true) };
    case 'CORRECT_DEATH':
      return { dayYmd: day('dateOfDeath', true, 'the death on'), reference: reference(true) };
  }
}

function isCurrentDistrict(code: string): boolean {
  const region = findRegion(code);
  return region !== undefined && region.level === 'district' && !region.historical;
}

function safeLookup(lookup: (code: string) => boolean, code: string): boolean {
  try {
    return lookup(code) === true;
  } catch {
    return false;
  }
}

/** The class of a move between two region codes (digits; the shorter one decides how far they can be compared). */
function moveKind(from: string, to: string): MoveKind {
  if (from.slice(0, 2) !== to.slice(0, 2)) return 'BETWEEN_PROVINCES';
  if (from.slice(0, 4) !== to.slice(0, 4)) return 'BETWEEN_REGENCIES';
  if (from.slice(0, 6) !== to.slice(0, 6)) return 'BETWEEN_DISTRICTS';
  return from === to ? 'WITHIN_VILLAGE' : 'BETWEEN_VILLAGES';
}

function nextState(
  state: ResidentStatusState | null,
  type: ResidentActionType,
  atText: Instant,
  at: ParsedInstant,
  by: string,
  c: Checked,
  index: number,
): ResidentStatusState {
  const status = RESIDENT_ACTION_TARGET_STATUS[type];
  const effectiveDate = ymdToIso(c.dayYmd ?? at.ymd);
  const history = [...(state?.history ?? []), { index, type, at: atText, by, status }];
  const common = { status, effectiveDate, history, version: history.length, allowedActions: RESIDENT_STATUS_TABLE[status] };
  const move = (from: string, to: string): MoveRecord => ({
    type: type as MoveRecord['type'],
    at: atText,
    by,
    kind: moveKind(from, to),
    from,
    to,
    movedOn: effectiveDate,
    reference: c.reference ?? null,
  });
  if (state === null) {
    const districtCode = c.districtCode as string;
    const villageCode = c.villageCode as string;
    return {
      ...common,
      since: atText,
      origin: type === 'MOVE_IN' ? 'MOVE_IN' : 'REGISTER',
      districtCode,
      villageCode,
      movedOutTo: null,
      dateOfDeath: null,
      moves: type === 'MOVE_IN' ? [move(c.regionCode as string, villageCode)] : [],
    };
  }
  switch (type) {
    case 'MOVE_WITHIN': {
      const villageCode = c.villageCode as string;
      // The status stays ALIVE: `since` keeps the instant it became so.
      return { ...state, ...common, districtCode: c.districtCode as string, villageCode, moves: [...state.moves, move(state.villageCode, villageCode)] };
    }
    case 'MOVE_OUT': {
      const to = c.regionCode as string;
      return { ...state, ...common, since: atText, movedOutTo: to, moves: [...state.moves, move(state.villageCode, to)] };
    }
    case 'RETURN': {
      const villageCode = c.villageCode as string;
      const from = c.regionCode ?? state.movedOutTo ?? state.villageCode;
      return {
        ...state,
        ...common,
        since: atText,
        districtCode: c.districtCode as string,
        villageCode,
        movedOutTo: null,
        moves: [...state.moves, move(from, villageCode)],
      };
    }
    case 'DIE':
      return { ...state, ...common, since: atText, dateOfDeath: effectiveDate };
    case 'ANNUL_DEATH':
      // The death never was, in law: alive again from the action, at the last address.
      return { ...state, ...common, since: atText, dateOfDeath: null };
    case 'CORRECT_DEATH':
      // Still deceased (since the death was recorded); only the day changes.
      return { ...state, ...common, dateOfDeath: effectiveDate };
    case 'REGISTER':
    case 'MOVE_IN':
      return { ...state, ...common }; // only ever opening actions (see the table)
  }
}
