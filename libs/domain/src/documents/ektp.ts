/**
 * The e-KTP (KTP elektronik, the electronic identity card) of one resident, as a fold over its append-only list
 * of actions; its status is derived, never stored on its own. The states are those SIAK-like systems track:
 *
 *   status               allowed actions (→ resulting status)                      EKTP_ACTION_TABLE
 *   NOT_YET_COMPULSORY   nothing: not wajib KTP yet (derived, no action)
 *   NOT_RECORDED         RECORD_BIOMETRICS → RECORDED          (derived: wajib KTP, no action yet)
 *   RECORDED             RECORD_BIOMETRICS (a new capture), MARK_PRINT_READY → PRINT_READY
 *   PRINT_READY          SEND_FOR_PRINTING → SENT_FOR_PRINTING
 *   SENT_FOR_PRINTING    MARK_PRINTED → PRINTED, PRINT_FAILED → PRINT_READY
 *   PRINTED              ISSUE → ISSUED
 *   ISSUED               REPORT_LOST, REPORT_DAMAGED, REPORT_DATA_CHANGED → PRINT_READY (a reprint)
 *
 * - Wajib KTP: a resident must hold an e-KTP from 17, or earlier when married or ever married (UU 24/2013
 *   art. 63(1)); isWajibKtp. Before any action the status is derived from the holder's age and marital status
 *   on the reference date: NOT_YET_COMPULSORY or NOT_RECORDED. Biometrics are recorded only for a wajib KTP
 *   resident on the day of the recording (`NOT_WAJIB_KTP` otherwise).
 * - RECORD_BIOMETRICS: the capture of photo, signature, fingerprints and iris (perekaman), by whom, where, and
 *   whether at the office or on an outreach visit (jemput bola; then the visit's id). The e-KTP is a single
 *   national identity card with biometric data (UU 24/2013 art. 64).
 * - A reprint after loss or damage, or after a change of the data printed on the card (e.g. a move to another
 *   village changes the address), goes back to PRINT_READY without new biometrics: the recording is kept in
 *   the population database and used again (UU 24/2013 art. 64); `reprint` marks the cycle, `reprints` says why.
 * - The resident's own status limits every action: none at or after the office recorded the death or the move
 *   out of the regency (`RESIDENT_DECEASED`, `RESIDENT_MOVED_OUT`; see DocumentHolder).
 *
 * - IMPORT_STATE { status, source? }: the baseline of an e-KTP taken over from an older register (a bulk import):
 *   the state that register held (RECORDED … ISSUED), with no dates of the steps before it. Only as the first
 *   action, only for someone wajib KTP on its day (`NOT_WAJIB_KTP`); later actions continue from that state.
 *   NOT_RECORDED and NOT_YET_COMPULSORY need no baseline: they are what an empty log derives. Never in
 *   EKTP_ACTION_TYPES (what a counter may do): only an import writes it.
 *
 * An e-KTP issued since 2011 no longer needs renewal: it is valid for life (UU 24/2013 art. 64(7)(a)), so there
 * is no expiry here.
 */
import { ymdToIso, type IsoDate } from '../calendar.js';
import { isWajibKtp } from '../people/age.js';
import { ok, type Failure, type Ok } from '../result.js';
import type { ParsedInstant } from '../deeds/instant.js';
import {
  earlierActions,
  HOLDER_VIOLATION_CODES,
  isRecord,
  isText,
  LOG_VIOLATION_CODES,
  describe,
  maritalStatusOn,
  readHead,
  readHolder,
  residentActiveOn,
  residentViolation,
  violation,
  type ActionHistoryEntry,
  type CheckedHolder,
  type DocumentHolder,
  type DocumentOptions,
  type Fields,
  type Instant,
  type LogViolation,
  type LoggedAction,
  type Report,
} from './action-log.js';

export type EktpStatus = 'NOT_YET_COMPULSORY' | 'NOT_RECORDED' | 'RECORDED' | 'PRINT_READY' | 'SENT_FOR_PRINTING' | 'PRINTED' | 'ISSUED';

export const EKTP_STATUSES: readonly EktpStatus[] = ['NOT_YET_COMPULSORY', 'NOT_RECORDED', 'RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED'];

export type EktpActionType =
  | 'RECORD_BIOMETRICS'
  | 'MARK_PRINT_READY'
  | 'SEND_FOR_PRINTING'
  | 'PRINT_FAILED'
  | 'MARK_PRINTED'
  | 'ISSUE'
  | 'REPORT_LOST'
  | 'REPORT_DAMAGED'
  | 'REPORT_DATA_CHANGED';

export const EKTP_ACTION_TYPES: readonly EktpActionType[] = [
  'RECORD_BIOMETRICS',
  'MARK_PRINT_READY',
  'SEND_FOR_PRINTING',
  'PRINT_FAILED',
  'MARK_PRINTED',
  'ISSUE',
  'REPORT_LOST',
  'REPORT_DAMAGED',
  'REPORT_DATA_CHANGED',
];

/** The action that takes over an older register's state (only as the first action; see IMPORT_STATE above). */
export type EktpImportActionType = 'IMPORT_STATE';

/** Every type an e-KTP log may hold: the counter's actions and the import's baseline. */
export type EktpLogActionType = EktpActionType | EktpImportActionType;

/** The states an import may take over as a baseline (the others are derived from an empty log). */
export type EktpImportableStatus = 'RECORDED' | 'PRINT_READY' | 'SENT_FOR_PRINTING' | 'PRINTED' | 'ISSUED';

export const EKTP_IMPORTABLE_STATUSES: readonly EktpImportableStatus[] = ['RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED'];

const EKTP_LOG_ACTION_TYPES: readonly EktpLogActionType[] = [...EKTP_ACTION_TYPES, 'IMPORT_STATE'];

/** Where an e-KTP was recorded or handed over: at the office, or on an outreach visit (jemput bola). */
export type CaptureChannel = 'OFFICE' | 'OUTREACH';

export const CAPTURE_CHANNELS: readonly CaptureChannel[] = ['OFFICE', 'OUTREACH'];

/** Why a card is printed again. */
export type ReprintReason = 'LOST' | 'DAMAGED' | 'DATA_CHANGED';

export interface RecordBiometricsPayload {
  /** Where: 'Kantor Dukcapil Nagekeo, Mbay', 'SMA Negeri 1 Boawae'. */
  readonly place: string;
  readonly channel: CaptureChannel;
  /** The outreach visit (only with channel OUTREACH). */
  readonly visitId?: string;
}
export interface HandOverPayload {
  /** OFFICE when left out. */
  readonly channel?: CaptureChannel;
  readonly visitId?: string;
}
export interface PrintFailedPayload {
  readonly reason: string;
}
export interface EktpImportPayload {
  readonly status: EktpImportableStatus;
  /** Where the state comes from (an import job's id, the older register's name). */
  readonly source?: string;
}
export interface ReprintPayload {
  /** A police loss report, the number of the damaged card, the document of the change. */
  readonly reference?: string;
}

/** One entry of an e-KTP's append-only action log. */
export type EktpAction =
  | LoggedAction<'RECORD_BIOMETRICS', RecordBiometricsPayload>
  | LoggedAction<'MARK_PRINT_READY' | 'SEND_FOR_PRINTING' | 'MARK_PRINTED', Readonly<Record<string, never>>>
  | LoggedAction<'PRINT_FAILED', PrintFailedPayload>
  | LoggedAction<'ISSUE', HandOverPayload>
  | LoggedAction<'REPORT_LOST' | 'REPORT_DAMAGED' | 'REPORT_DATA_CHANGED', ReprintPayload>
  | LoggedAction<'IMPORT_STATE', EktpImportPayload>;

export interface BiometricRecording {
  readonly at: Instant;
  readonly by: string;
  readonly place: string;
  readonly channel: CaptureChannel;
  readonly visitId: string | null;
}
export interface ReprintRecord {
  readonly at: Instant;
  readonly by: string;
  readonly reason: ReprintReason;
  readonly reference: string | null;
}
export interface PrintFailure {
  readonly at: Instant;
  readonly by: string;
  readonly reason: string;
}

export type EktpHistoryEntry = ActionHistoryEntry<EktpLogActionType, EktpStatus>;

/** The baseline an import took over (IMPORT_STATE): when, by whom, which state, from where. */
export interface ImportedBaseline<Status extends string> {
  readonly at: Instant;
  readonly by: string;
  readonly status: Status;
  readonly source: string | null;
}

/** Everything derived from an e-KTP's actions and its holder, as of a date. */
export interface EktpState {
  /** The reference date of the derived fields. */
  readonly asOf: IsoDate;
  readonly status: EktpStatus;
  /** Wajib KTP on asOf (UU 24/2013 art. 63(1)). */
  readonly wajibKtp: boolean;
  /** Every capture, the first first. */
  readonly recordings: readonly BiometricRecording[];
  /** The latest of each step of the print cycle. */
  readonly printReadyAt: Instant | null;
  readonly sentForPrintingAt: Instant | null;
  readonly printedAt: Instant | null;
  /** The first card handed over, and the latest. */
  readonly issuedAt: Instant | null;
  readonly lastIssuedAt: Instant | null;
  readonly lastIssuedChannel: CaptureChannel | null;
  readonly issueCount: number;
  /** The current print cycle is a reprint. */
  readonly reprint: boolean;
  readonly reprints: readonly ReprintRecord[];
  readonly printFailures: readonly PrintFailure[];
  /** The older register's state this e-KTP started from (IMPORT_STATE), if it did: its earlier steps have no dates. */
  readonly imported: ImportedBaseline<EktpImportableStatus> | null;
  /** What may happen next on asOf, for this holder (empty once the resident died or moved out). */
  readonly allowedActions: readonly EktpActionType[];
  /** The number of actions: what a client sends back with its next action (optimistic concurrency). */
  readonly version: number;
  readonly history: readonly EktpHistoryEntry[];
}

/**
 * Violations (a closed union), on top of the shared ones (`ACTIONS_INVALID`, `STATE_INVALID`, `ACTION_INVALID`,
 * `ACTION_TIME_INVALID`, `ACTION_OUT_OF_ORDER`, `ACTOR_INVALID`, `ACTION_NOT_ALLOWED`, `PAYLOAD_FIELD_MISSING`,
 * `PAYLOAD_FIELD_INVALID`) and the holder's (`HOLDER_INVALID`, `AS_OF_INVALID`, `ACTION_AFTER_AS_OF`,
 * `RESIDENT_DECEASED`, `RESIDENT_MOVED_OUT`):
 * - `NOT_WAJIB_KTP`: biometrics recorded for someone under 17 and never married on that day.
 */
export type EktpViolationCode = (typeof EKTP_VIOLATION_CODES)[number];

export const EKTP_VIOLATION_CODES = [...LOG_VIOLATION_CODES, ...HOLDER_VIOLATION_CODES, 'NOT_WAJIB_KTP'] as const;

export type EktpViolation = LogViolation<EktpViolationCode>;

export interface EktpFailure extends Failure<EktpViolationCode> {
  readonly errors: readonly EktpViolation[];
}

export type EktpResult = Ok<EktpState> | EktpFailure;

/** Status → allowed action types. */
export const EKTP_ACTION_TABLE: Readonly<Record<EktpStatus, readonly EktpActionType[]>> = {
  NOT_YET_COMPULSORY: [],
  NOT_RECORDED: ['RECORD_BIOMETRICS'],
  RECORDED: ['RECORD_BIOMETRICS', 'MARK_PRINT_READY'],
  PRINT_READY: ['SEND_FOR_PRINTING'],
  SENT_FOR_PRINTING: ['MARK_PRINTED', 'PRINT_FAILED'],
  PRINTED: ['ISSUE'],
  ISSUED: ['REPORT_LOST', 'REPORT_DAMAGED', 'REPORT_DATA_CHANGED'],
};

/** The status each action leads to. */
export const EKTP_ACTION_TARGET_STATUS: Readonly<Record<EktpActionType, EktpStatus>> = {
  RECORD_BIOMETRICS: 'RECORDED',
  MARK_PRINT_READY: 'PRINT_READY',
  SEND_FOR_PRINTING: 'SENT_FOR_PRINTING',
  PRINT_FAILED: 'PRINT_READY',
  MARK_PRINTED: 'PRINTED',
  ISSUE: 'ISSUED',
  REPORT_LOST: 'PRINT_READY',
  REPORT_DAMAGED: 'PRINT_READY',
  REPORT_DATA_CHANGED: 'PRINT_READY',
};

const REPRINT_REASONS: Readonly<Partial<Record<EktpActionType, ReprintReason>>> = {
  REPORT_LOST: 'LOST',
  REPORT_DAMAGED: 'DAMAGED',
  REPORT_DATA_CHANGED: 'DATA_CHANGED',
};

/**
 * The action types the table allows in `status` (the holder's own status aside; EktpState.allowedActions
 * has both). Unknown statuses give an empty list.
 *
 * @example allowedEktpActions('SENT_FOR_PRINTING') // ['MARK_PRINTED', 'PRINT_FAILED']
 */
export function allowedEktpActions(status: EktpStatus): readonly EktpActionType[] {
  return typeof status === 'string' && (EKTP_STATUSES as readonly string[]).includes(status) ? EKTP_ACTION_TABLE[status] : [];
}

/**
 * Folds an e-KTP's action log, for its holder, into its state as of `options.asOf`. An empty log is valid: the
 * status is then NOT_YET_COMPULSORY or NOT_RECORDED. Every action is checked against the state the valid
 * actions before it produced; an invalid one is reported and skipped, and the fold goes on, so that every
 * violation is reported at once. Never throws.
 *
 * @example foldEktp([], { birthDate: '2009-11-28', maritalStatus: 'BELUM_KAWIN' }, { asOf: '2026-11-28' }).value.status // 'NOT_RECORDED'
 */
export function foldEktp(actions: readonly EktpAction[], holder: DocumentHolder, options: DocumentOptions): EktpResult {
  const errors: EktpViolation[] = [];
  const report: Report<EktpViolationCode> = (code, message) => errors.push(violation(code, message, null));
  const checked = readHolder(holder, options, report);
  if (!Array.isArray(actions)) report('ACTIONS_INVALID', 'actions must be a list');
  if (checked === undefined || !Array.isArray(actions)) return failure(errors);
  let state = emptyState(checked.holder, checked.asOfYmd);
  actions.forEach((raw, index) => {
    const step = applyStep(state, raw, index, checked.holder, checked.asOfYmd);
    if (step.ok) state = step.state;
    else errors.push(...step.errors);
  });
  return errors.length > 0 ? failure(errors) : ok(finish(state, checked.holder, checked.asOfYmd));
}

/**
 * Applies one more action to a state from foldEktp (or applyEktpAction), for the same holder, as of
 * `options.asOf`: the new state, or every violation of the action. Never throws.
 *
 * @example applyEktpAction(state, { type: 'MARK_PRINT_READY', at: '2026-11-28T10:00:00+08:00', by: 'op-7' }, holder, { asOf: '2026-11-28' })
 */
export function applyEktpAction(state: EktpState, action: EktpAction, holder: DocumentHolder, options: DocumentOptions): EktpResult {
  const errors: EktpViolation[] = [];
  const report: Report<EktpViolationCode> = (code, message) => errors.push(violation(code, message, null));
  const checked = readHolder(holder, options, report);
  if (!isStateLike(state)) report('STATE_INVALID', 'state must be an EktpState from foldEktp or applyEktpAction');
  if (checked === undefined || !isStateLike(state)) return failure(errors);
  const step = applyStep(state, action, state.history.length, checked.holder, checked.asOfYmd);
  return step.ok ? ok(finish(step.state, checked.holder, checked.asOfYmd)) : failure(step.errors);
}

// ---------------------------------------------------------------------------------------------------------

type Step = { readonly ok: true; readonly state: EktpState } | { readonly ok: false; readonly errors: readonly EktpViolation[] };

function failure(errors: readonly EktpViolation[]): EktpFailure {
  return { ok: false, errors };
}

function isStateLike(value: unknown): value is EktpState {
  if (!isRecord(value)) return false;
  return (
    (EKTP_STATUSES as readonly unknown[]).includes(value.status) &&
    Array.isArray(value.history) &&
    Array.isArray(value.recordings) &&
    Array.isArray(value.reprints) &&
    Array.isArray(value.printFailures) &&
    (value.imported === null || value.imported === undefined || isRecord(value.imported)) &&
    typeof value.issueCount === 'number' &&
    typeof value.reprint === 'boolean'
  );
}

function wajibOn(holder: CheckedHolder, dayYmd: number): boolean {
  const result = isWajibKtp({ birthDate: holder.birthDate, maritalStatus: maritalStatusOn(holder, dayYmd, 'ALWAYS') }, { asOf: ymdToIso(dayYmd) });
  return result.ok && result.value;
}

/** The status before any action, on a day: derived from age and marital status. */
function derivedStatus(holder: CheckedHolder, dayYmd: number): EktpStatus {
  return wajibOn(holder, dayYmd) ? 'NOT_RECORDED' : 'NOT_YET_COMPULSORY';
}

function emptyState(holder: CheckedHolder, asOfYmd: number): EktpState {
  return {
    asOf: ymdToIso(asOfYmd),
    status: derivedStatus(holder, asOfYmd),
    wajibKtp: wajibOn(holder, asOfYmd),
    recordings: [],
    printReadyAt: null,
    sentForPrintingAt: null,
    printedAt: null,
    issuedAt: null,
    lastIssuedAt: null,
    lastIssuedChannel: null,
    issueCount: 0,
    reprint: false,
    reprints: [],
    printFailures: [],
    imported: null,
    allowedActions: [],
    version: 0,
    history: [],
  };
}

/** The fields derived from the reference date. */
function finish(state: EktpState, holder: CheckedHolder, asOfYmd: number): EktpState {
  const status = state.history.length === 0 ? derivedStatus(holder, asOfYmd) : state.status;
  return {
    ...state,
    asOf: ymdToIso(asOfYmd),
    status,
    wajibKtp: wajibOn(holder, asOfYmd),
    allowedActions: residentActiveOn(holder, asOfYmd) ? EKTP_ACTION_TABLE[status] : [],
    version: state.history.length,
  };
}

interface Checked {
  readonly recording?: Omit<BiometricRecording, 'at' | 'by'>;
  readonly channel?: CaptureChannel;
  readonly reason?: string;
  readonly reference?: string | null;
  readonly imported?: { readonly status: EktpImportableStatus; readonly source: string | null };
}

function applyStep(state: EktpState, raw: unknown, index: number, holder: CheckedHolder, asOfYmd: number): Step {
  const errors: EktpViolation[] = [];
  const report: Report<EktpViolationCode> = (code, message) => errors.push(violation(code, message, index));
  const head = readHead(raw, index, EKTP_LOG_ACTION_TYPES, earlierActions(state.history), asOfYmd, report);
  if (head === undefined) return { ok: false, errors };
  const { type, at } = head;
  if (at !== undefined) {
    const resident = residentViolation(holder, at);
    if (resident === 'RESIDENT_DECEASED') report(resident, `the office recorded this resident's death; the e-KTP cannot change any more`);
    if (resident === 'RESIDENT_MOVED_OUT') report(resident, `this resident moved out of the regency; the e-KTP is served by the destination's office`);
  }
  if (type !== undefined && at !== undefined) checkTable(state, type, at, holder, report);
  const checked = type !== undefined && head.payload !== undefined ? checkPayload(type, head.payload, index, report) : undefined;
  if (errors.length > 0 || type === undefined || at === undefined || head.by === undefined || checked === undefined) return { ok: false, errors };
  return { ok: true, state: nextState(state, type, head.atText, head.by, checked, index) };
}

function checkTable(state: EktpState, type: EktpLogActionType, at: ParsedInstant, holder: CheckedHolder, report: Report<EktpViolationCode>): void {
  if (type === 'IMPORT_STATE') {
    if (state.history.length > 0) report('ACTION_NOT_ALLOWED', `IMPORT_STATE is only the first action of an e-KTP (a baseline taken over from an older register); this one has ${state.history.length}`);
    else if (!wajibOn(holder, at.ymd)) {
      report('NOT_WAJIB_KTP', `on ${ymdToIso(at.ymd)} the resident is under 17 and has never married: not yet wajib KTP (UU 24/2013 art. 63(1)), so no e-KTP can have been recorded`);
    }
    return;
  }
  const before = state.history.length === 0 ? derivedStatus(holder, at.ymd) : state.status;
  if (EKTP_ACTION_TABLE[before].includes(type)) return;
  if (before === 'NOT_YET_COMPULSORY' && type === 'RECORD_BIOMETRICS') {
    report(
      'NOT_WAJIB_KTP',
      `on ${ymdToIso(at.ymd)} the resident is under 17 and has never married: not yet wajib KTP (UU 24/2013 art. 63(1)), so no e-KTP recording`,
    );
    return;
  }
  const allowed = EKTP_ACTION_TABLE[before];
  report('ACTION_NOT_ALLOWED', `${type} is not allowed on an e-KTP in status ${before}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'}`);
}

function checkPayload(type: EktpLogActionType, p: Fields, index: number, report: Report<EktpViolationCode>): Checked | undefined {
  const name = (field: string) => `actions[${index}].payload.${field}`;
  const channelField = (required: boolean): CaptureChannel | undefined => {
    const value = p.channel;
    if (value === undefined) {
      if (required) report('PAYLOAD_FIELD_MISSING', `${type} needs ${name('channel')} (OFFICE or OUTREACH)`);
      return undefined;
    }
    if (!(CAPTURE_CHANNELS as readonly unknown[]).includes(value)) {
      report('PAYLOAD_FIELD_INVALID', `${name('channel')} must be OFFICE or OUTREACH; got ${describe(value)}`);
      return undefined;
    }
    return value as CaptureChannel;
  };
  const visitField = (channel: CaptureChannel | undefined): string | null => {
    const value = p.visitId;
    if (value === undefined) return null;
    if (!isText(value, 100)) report('PAYLOAD_FIELD_INVALID', `${name('visitId')}, if given, must be a non-empty string (the outreach visit's id)`);
    else if (channel !== 'OUTREACH') report('PAYLOAD_FIELD_INVALID', `${name('visitId')} is only for channel OUTREACH`);
    return isText(value, 100) ? value : null;
  };
  const textField = (field: string, required: boolean): string | undefined => {
    const value = p[field];
    if (value === undefined || value === null || value === '') {
      if (required) report('PAYLOAD_FIELD_MISSING', `${type} needs ${name(field)}`);
      return undefined;
    }
    if (!isText(value)) report('PAYLOAD_FIELD_INVALID', `${name(field)} must be a non-empty string of at most 200 characters`);
    return isText(value) ? value : undefined;
  };

  switch (type) {
    case 'RECORD_BIOMETRICS': {
      const place = textField('place', true);
      const channel = channelField(true);
      const visitId = visitField(channel);
      return place !== undefined && channel !== undefined ? { recording: { place, channel, visitId } } : {};
    }
    case 'ISSUE': {
      const channel = channelField(false) ?? (p.channel === undefined ? 'OFFICE' : undefined);
      visitField(channel);
      return { channel };
    }
    case 'PRINT_FAILED':
      return { reason: textField('reason', true) };
    case 'REPORT_LOST':
    case 'REPORT_DAMAGED':
    case 'REPORT_DATA_CHANGED':
      return { reference: textField('reference', false) ?? null };
    case 'MARK_PRINT_READY':
    case 'SEND_FOR_PRINTING':
    case 'MARK_PRINTED':
      return {};
    case 'IMPORT_STATE': {
      const status = p.status;
      if (status === undefined) report('PAYLOAD_FIELD_MISSING', `IMPORT_STATE needs ${name('status')} (${EKTP_IMPORTABLE_STATUSES.join(', ')})`);
      else if (!(EKTP_IMPORTABLE_STATUSES as readonly unknown[]).includes(status)) {
        report('PAYLOAD_FIELD_INVALID', `${name('status')} must be one of ${EKTP_IMPORTABLE_STATUSES.join(', ')} (the others are derived from an empty log); got ${describe(status)}`);
      }
      const source = textField('source', false) ?? null;
      return (EKTP_IMPORTABLE_STATUSES as readonly unknown[]).includes(status) ? { imported: { status: status as EktpImportableStatus, source } } : {};
    }
  }
}

function nextState(state: EktpState, type: EktpLogActionType, at: Instant, by: string, c: Checked, index: number): EktpState {
  if (type === 'IMPORT_STATE') {
    const imported = c.imported as { status: EktpImportableStatus; source: string | null };
    return {
      ...state,
      status: imported.status,
      imported: { at, by, status: imported.status, source: imported.source },
      version: index + 1,
      history: [...state.history, { index, type, at, by, status: imported.status }],
    };
  }
  const status = EKTP_ACTION_TARGET_STATUS[type];
  const base: EktpState = { ...state, status, version: index + 1, history: [...state.history, { index, type, at, by, status }] };
  switch (type) {
    case 'RECORD_BIOMETRICS': {
      const r = c.recording as Omit<BiometricRecording, 'at' | 'by'>;
      return { ...base, recordings: [...state.recordings, { at, by, place: r.place, channel: r.channel, visitId: r.visitId }] };
    }
    case 'MARK_PRINT_READY':
      return { ...base, printReadyAt: at };
    case 'SEND_FOR_PRINTING':
      return { ...base, sentForPrintingAt: at };
    case 'PRINT_FAILED':
      return { ...base, printReadyAt: at, printFailures: [...state.printFailures, { at, by, reason: c.reason as string }] };
    case 'MARK_PRINTED':
      return { ...base, printedAt: at };
    case 'ISSUE':
      return {
        ...base,
        issuedAt: state.issuedAt ?? at,
        lastIssuedAt: at,
        lastIssuedChannel: c.channel ?? 'OFFICE',
        issueCount: state.issueCount + 1,
      };
    case 'REPORT_LOST':
    case 'REPORT_DAMAGED':
    case 'REPORT_DATA_CHANGED':
      return {
        ...base,
        printReadyAt: at,
        reprint: true,
        reprints: [...state.reprints, { at, by, reason: REPRINT_REASONS[type] as ReprintReason, reference: c.reference ?? null }],
      };
  }
}
