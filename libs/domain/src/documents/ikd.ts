/**
 * The IKD (Identitas Kependudukan Digital, the digital population identity of Permendagri 72/2022) of one
 * resident, as a fold over its append-only list of actions; its status is derived, never stored on its own:
 *
 *   status          allowed actions (→ resulting status)                           IKD_ACTION_TABLE
 *   NOT_ACTIVATED   ACTIVATE → ACTIVE                   (never activated: derived from an empty log)
 *   ACTIVE          DEACTIVATE { reason } → DEACTIVATED (phone lost or changed, at the resident's request, other)
 *   DEACTIVATED     REACTIVATE → ACTIVE                 (again, usually on a new phone)
 *
 * - Only a resident with a recorded e-KTP can activate the IKD: the activation checks the face against the e-KTP
 *   recording. The e-KTP's status comes in with the holder (`ektpStatus`, from foldEktp); ACTIVATE and REACTIVATE
 *   need RECORDED, PRINT_READY, SENT_FOR_PRINTING, PRINTED or ISSUED (`EKTP_NOT_RECORDED` otherwise). An e-KTP
 *   never goes back to unrecorded, so the current status stands for the day of every earlier action too.
 *   DEACTIVATE needs no e-KTP check: only an ACTIVE IKD can be deactivated.
 * - Each action says where it was taken (`channel`: OFFICE, the default, or OUTREACH with the visit's id), like
 *   the e-KTP's hand-over. No phone number or device is kept: it is personal data we have no use for.
 * - As for the e-KTP, no action at or after the office recorded the resident's death or move out of the regency
 *   (`RESIDENT_DECEASED`, `RESIDENT_MOVED_OUT`).
 */
import { ymdToIso, type IsoDate } from '../calendar.js';
import { ok, type Failure, type Ok } from '../result.js';
import {
  describe,
  earlierActions,
  HOLDER_VIOLATION_CODES,
  isRecord,
  isText,
  LOG_VIOLATION_CODES,
  readHead,
  readHolder,
  residentActiveOn,
  residentViolation,
  violation,
  type ActionHistoryEntry,
  type DocumentHolder,
  type DocumentOptions,
  type Fields,
  type Instant,
  type LogViolation,
  type LoggedAction,
  type Report,
} from './action-log.js';
import { CAPTURE_CHANNELS, EKTP_STATUSES, type CaptureChannel, type EktpStatus } from './ektp.js';

export type IkdStatus = 'NOT_ACTIVATED' | 'ACTIVE' | 'DEACTIVATED';

export const IKD_STATUSES: readonly IkdStatus[] = ['NOT_ACTIVATED', 'ACTIVE', 'DEACTIVATED'];

export type IkdActionType = 'ACTIVATE' | 'DEACTIVATE' | 'REACTIVATE';

export const IKD_ACTION_TYPES: readonly IkdActionType[] = ['ACTIVATE', 'DEACTIVATE', 'REACTIVATE'];

/** Why an IKD was deactivated. */
export type IkdDeactivationReason = 'PHONE_LOST' | 'PHONE_CHANGED' | 'RESIDENT_REQUEST' | 'OTHER';

export const IKD_DEACTIVATION_REASONS: readonly IkdDeactivationReason[] = ['PHONE_LOST', 'PHONE_CHANGED', 'RESIDENT_REQUEST', 'OTHER'];

/** The e-KTP statuses with the biometrics recorded: the ones an IKD may be activated with. */
export const IKD_EKTP_RECORDED_STATUSES: readonly EktpStatus[] = ['RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED'];

export interface IkdActivatePayload {
  /** OFFICE when left out. */
  readonly channel?: CaptureChannel;
  /** The outreach visit (only with channel OUTREACH). */
  readonly visitId?: string;
}
export interface IkdDeactivatePayload extends IkdActivatePayload {
  readonly reason: IkdDeactivationReason;
}

/** One entry of an IKD's append-only action log. */
export type IkdAction = LoggedAction<'ACTIVATE' | 'REACTIVATE', IkdActivatePayload> | LoggedAction<'DEACTIVATE', IkdDeactivatePayload>;

/** The holder of an IKD: the document holder, and the status of their e-KTP (from foldEktp). */
export interface IkdHolder extends DocumentHolder {
  readonly ektpStatus: EktpStatus;
}

export interface IkdActivation {
  readonly at: Instant;
  readonly by: string;
  readonly channel: CaptureChannel;
  readonly visitId: string | null;
}
export interface IkdDeactivation extends IkdActivation {
  readonly reason: IkdDeactivationReason;
}

export type IkdHistoryEntry = ActionHistoryEntry<IkdActionType, IkdStatus>;

/** Everything derived from an IKD's actions and its holder, as of a date. */
export interface IkdState {
  readonly asOf: IsoDate;
  readonly status: IkdStatus;
  /** Every activation (ACTIVATE, then each REACTIVATE), the first first. */
  readonly activations: readonly IkdActivation[];
  readonly deactivations: readonly IkdDeactivation[];
  /** What may happen next on asOf, for this holder (none once the resident died or moved out; no activation without a recorded e-KTP). */
  readonly allowedActions: readonly IkdActionType[];
  /** The number of actions: what a client sends back with its next action (optimistic concurrency). */
  readonly version: number;
  readonly history: readonly IkdHistoryEntry[];
}

/**
 * Violations (a closed union), on top of the shared ones of every action log and the holder's (see
 * action-log.ts):
 * - `EKTP_NOT_RECORDED`: an activation for a resident whose e-KTP biometrics are not recorded.
 */
export type IkdViolationCode = (typeof IKD_VIOLATION_CODES)[number];

export const IKD_VIOLATION_CODES = [...LOG_VIOLATION_CODES, ...HOLDER_VIOLATION_CODES, 'EKTP_NOT_RECORDED'] as const;

export type IkdViolation = LogViolation<IkdViolationCode>;

export interface IkdFailure extends Failure<IkdViolationCode> {
  readonly errors: readonly IkdViolation[];
}

export type IkdResult = Ok<IkdState> | IkdFailure;

/** Status → allowed action types. */
export const IKD_ACTION_TABLE: Readonly<Record<IkdStatus, readonly IkdActionType[]>> = {
  NOT_ACTIVATED: ['ACTIVATE'],
  ACTIVE: ['DEACTIVATE'],
  DEACTIVATED: ['REACTIVATE'],
};

/** The status each action leads to. */
export const IKD_ACTION_TARGET_STATUS: Readonly<Record<IkdActionType, IkdStatus>> = {
  ACTIVATE: 'ACTIVE',
  DEACTIVATE: 'DEACTIVATED',
  REACTIVATE: 'ACTIVE',
};

/**
 * The action types the table allows in `status` (the holder aside; IkdState.allowedActions has both). Unknown
 * statuses give an empty list.
 *
 * @example allowedIkdActions('ACTIVE') // ['DEACTIVATE']
 */
export function allowedIkdActions(status: IkdStatus): readonly IkdActionType[] {
  return typeof status === 'string' && (IKD_STATUSES as readonly string[]).includes(status) ? IKD_ACTION_TABLE[status] : [];
}

/**
 * Folds an IKD's action log, for its holder, into its state as of `options.asOf`. An empty log is valid
 * (NOT_ACTIVATED). Every action is checked against the state the valid actions before it produced; an invalid one
 * is reported and skipped, and the fold goes on, so that every violation is reported at once. Never throws.
 *
 * @example foldIkd([], { birthDate: '1990-03-01', maritalStatus: 'KAWIN_TERCATAT', ektpStatus: 'ISSUED' }, { asOf: '2026-12-08' }).value.allowedActions // ['ACTIVATE']
 */
export function foldIkd(actions: readonly IkdAction[], holder: IkdHolder, options: DocumentOptions): IkdResult {
  const errors: IkdViolation[] = [];
  const report: Report<IkdViolationCode> = (code, message) => errors.push(violation(code, message, null));
  const checked = readIkdHolder(holder, options, report);
  if (!Array.isArray(actions)) report('ACTIONS_INVALID', 'actions must be a list');
  if (checked === undefined || !Array.isArray(actions)) return failure(errors);
  let state = emptyState(checked.asOfYmd);
  actions.forEach((raw, index) => {
    const step = applyStep(state, raw, index, checked);
    if (step.ok) state = step.state;
    else errors.push(...step.errors);
  });
  return errors.length > 0 ? failure(errors) : ok(finish(state, checked));
}

/**
 * Applies one more action to a state from foldIkd (or applyIkdAction), for the same holder, as of
 * `options.asOf`: the new state, or every violation of the action. Never throws.
 *
 * @example applyIkdAction(state, { type: 'ACTIVATE', at: '2026-12-08T10:00:00+08:00', by: 'op-7' }, holder, { asOf: '2026-12-08' })
 */
export function applyIkdAction(state: IkdState, action: IkdAction, holder: IkdHolder, options: DocumentOptions): IkdResult {
  const errors: IkdViolation[] = [];
  const report: Report<IkdViolationCode> = (code, message) => errors.push(violation(code, message, null));
  const checked = readIkdHolder(holder, options, report);
  if (!isStateLike(state)) report('STATE_INVALID', 'state must be an IkdState from foldIkd or applyIkdAction');
  if (checked === undefined || !isStateLike(state)) return failure(errors);
  const step = applyStep(state, action, state.history.length, checked);
  return step.ok ? ok(finish(step.state, checked)) : failure(step.errors);
}

// ---------------------------------------------------------------------------------------------------------

type Checked = NonNullable<ReturnType<typeof readHolder>> & { readonly ektpRecorded: boolean };

type Step = { readonly ok: true; readonly state: IkdState } | { readonly ok: false; readonly errors: readonly IkdViolation[] };

function failure(errors: readonly IkdViolation[]): IkdFailure {
  return { ok: false, errors };
}

/** The document holder (readHolder) and the e-KTP status. */
function readIkdHolder(holder: unknown, options: unknown, report: Report<IkdViolationCode>): Checked | undefined {
  const checked = readHolder(holder, options, report);
  const ektpStatus = isRecord(holder) ? holder.ektpStatus : undefined;
  const known = (EKTP_STATUSES as readonly unknown[]).includes(ektpStatus);
  if (isRecord(holder) && !known) report('HOLDER_INVALID', `holder.ektpStatus must be one of ${EKTP_STATUSES.join(', ')}; got ${describe(ektpStatus)}`);
  if (checked === undefined || !known) return undefined;
  return { ...checked, ektpRecorded: (IKD_EKTP_RECORDED_STATUSES as readonly unknown[]).includes(ektpStatus) };
}

function isStateLike(value: unknown): value is IkdState {
  return (
    isRecord(value) &&
    (IKD_STATUSES as readonly unknown[]).includes(value.status) &&
    Array.isArray(value.history) &&
    Array.isArray(value.activations) &&
    Array.isArray(value.deactivations)
  );
}

function emptyState(asOfYmd: number): IkdState {
  return { asOf: ymdToIso(asOfYmd), status: 'NOT_ACTIVATED', activations: [], deactivations: [], allowedActions: [], version: 0, history: [] };
}

/** The fields derived from the holder and the reference date. */
function finish(state: IkdState, checked: Checked): IkdState {
  const allowed = residentActiveOn(checked.holder, checked.asOfYmd) ? IKD_ACTION_TABLE[state.status] : [];
  return {
    ...state,
    asOf: ymdToIso(checked.asOfYmd),
    allowedActions: allowed.filter((type) => type === 'DEACTIVATE' || checked.ektpRecorded),
    version: state.history.length,
  };
}

function applyStep(state: IkdState, raw: unknown, index: number, checked: Checked): Step {
  const errors: IkdViolation[] = [];
  const report: Report<IkdViolationCode> = (code, message) => errors.push(violation(code, message, index));
  const head = readHead(raw, index, IKD_ACTION_TYPES, earlierActions(state.history), checked.asOfYmd, report);
  if (head === undefined) return { ok: false, errors };
  const { type, at } = head;
  if (at !== undefined) {
    const resident = residentViolation(checked.holder, at);
    if (resident === 'RESIDENT_DECEASED') report(resident, `the office recorded this resident's death; the IKD cannot change any more`);
    if (resident === 'RESIDENT_MOVED_OUT') report(resident, `this resident moved out of the regency; the IKD is served by the destination's office`);
  }
  if (type !== undefined) {
    if (!IKD_ACTION_TABLE[state.status].includes(type)) {
      report('ACTION_NOT_ALLOWED', `${type} is not allowed on an IKD in status ${state.status}; allowed: ${IKD_ACTION_TABLE[state.status].join(', ')}`);
    } else if (type !== 'DEACTIVATE' && !checked.ektpRecorded) {
      report('EKTP_NOT_RECORDED', `${type} needs a recorded e-KTP (the activation checks the face against it); the e-KTP is not recorded`);
    }
  }
  const payload = type !== undefined && head.payload !== undefined ? checkPayload(type, head.payload, index, report) : undefined;
  if (errors.length > 0 || type === undefined || head.by === undefined || payload === undefined) return { ok: false, errors };
  return { ok: true, state: nextState(state, type, head.atText, head.by, payload, index) };
}

interface Payload {
  readonly channel: CaptureChannel;
  readonly visitId: string | null;
  readonly reason?: IkdDeactivationReason;
}

function checkPayload(type: IkdActionType, p: Fields, index: number, report: Report<IkdViolationCode>): Payload | undefined {
  const name = (field: string) => `actions[${index}].payload.${field}`;
  let bad = false;
  const channel = p.channel === undefined ? 'OFFICE' : p.channel;
  if (!(CAPTURE_CHANNELS as readonly unknown[]).includes(channel)) {
    bad = true;
    report('PAYLOAD_FIELD_INVALID', `${name('channel')}, if given, must be OFFICE or OUTREACH; got ${describe(p.channel)}`);
  }
  let visitId: string | null = null;
  if (p.visitId !== undefined) {
    if (!isText(p.visitId, 100)) {
      bad = true;
      report('PAYLOAD_FIELD_INVALID', `${name('visitId')}, if given, must be a non-empty string (the outreach visit's id)`);
    } else if (channel !== 'OUTREACH') {
      bad = true;
      report('PAYLOAD_FIELD_INVALID', `${name('visitId')} is only for channel OUTREACH`);
    } else visitId = p.visitId;
  }
  let reason: IkdDeactivationReason | undefined;
  if (type === 'DEACTIVATE') {
    if (p.reason === undefined) {
      bad = true;
      report('PAYLOAD_FIELD_MISSING', `DEACTIVATE needs ${name('reason')} (${IKD_DEACTIVATION_REASONS.join(', ')})`);
    } else if (!(IKD_DEACTIVATION_REASONS as readonly unknown[]).includes(p.reason)) {
      bad = true;
      report('PAYLOAD_FIELD_INVALID', `${name('reason')} must be one of ${IKD_DEACTIVATION_REASONS.join(', ')}; got ${describe(p.reason)}`);
    } else reason = p.reason as IkdDeactivationReason;
  } else if (p.reason !== undefined) {
    bad = true;
    report('PAYLOAD_FIELD_INVALID', `${name('reason')} is only for DEACTIVATE`);
  }
  return bad ? undefined : { channel: channel as CaptureChannel, visitId, ...(reason ? { reason } : {}) };
}

function nextState(state: IkdState, type: IkdActionType, at: Instant, by: string, p: Payload, index: number): IkdState {
  const status = IKD_ACTION_TARGET_STATUS[type];
  const base: IkdState = { ...state, status, version: index + 1, history: [...state.history, { index, type, at, by, status }] };
  const taken = { at, by, channel: p.channel, visitId: p.visitId };
  return type === 'DEACTIVATE'
    ? { ...base, deactivations: [...state.deactivations, { ...taken, reason: p.reason as IkdDeactivationReason }] }
    : { ...base, activations: [...state.activations, taken] };
}
