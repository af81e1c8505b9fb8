/**
 * The lifecycle of a civil registration record, as a fold over its append-only list of actions (after
 * OpenCRVS's events): each action has a type, an actor role, an instant and a payload; the status and
 * everything else about the record is derived by folding the actions in order, never stored on its own.
 *
 *   status       allowed actions (→ resulting status)            DEED_OPENING_ACTIONS, DEED_ACTION_TABLE
 *   (none yet)   NOTIFY → NOTIFIED (types partners notify), SUBMIT → SUBMITTED
 *   NOTIFIED     SUBMIT, ARCHIVE → ARCHIVED
 *   SUBMITTED    VERIFY → VERIFIED, REJECT → REJECTED, ARCHIVE
 *   VERIFIED     REGISTER → REGISTERED (stillbirth: RECORD → RECORDED instead), REJECT, ARCHIVE
 *   REJECTED     SUBMIT (resubmission), ARCHIVE
 *   REGISTERED   ISSUE → ISSUED, CORRECT → REGISTERED, ANNUL → ANNULLED
 *   ISSUED       ISSUE (a further kutipan), CORRECT → REGISTERED, ANNUL → ANNULLED
 *   RECORDED, ANNULLED, ARCHIVED: final, nothing allowed
 *
 * Statuses:
 * - `NOTIFIED`: a partner (health post, hospital, religious institution, RT head, village office) reported the
 *   event; the application is not complete yet. Only births, stillbirths, deaths and marriages are notified
 *   (`DEED_TYPE_RULES[type].partnerNotification`); the others start with a court decision or the parents'
 *   own act and open with SUBMIT.
 * - `SUBMITTED`: the application is complete: the documents of the checklist are there (checkDocuments).
 * - `VERIFIED`: the office checked the data and documents.
 * - `REJECTED`: sent back with a reason; the applicant may resubmit (REJECTED → SUBMITTED).
 * - `REGISTERED`: recorded in the register by the civil registrar (Pejabat Pencatatan Sipil), with a deed
 *   number. A late birth needs the head of the office's decision first (UU 23/2006 art. 32(1) as amended).
 * - `ISSUED`: the kutipan akta was issued. ISSUE again gives a further kutipan (e.g. after loss).
 * - `RECORDED`: a stillbirth was recorded and its Surat Keterangan Lahir Mati issued. The law has the office
 *   record a stillbirth and issue that letter, not a deed (UU 23/2006 art. 33(2)): there is no deed number
 *   and no kutipan, so the record ends here in one step instead of REGISTERED then ISSUED.
 * - `ANNULLED`: the deed was annulled (pembatalan) on a final court decision (UU 23/2006 art. 72). The deed
 *   is kept with its whole history; nothing further can happen to it.
 * - `ARCHIVED`: closed without a deed (a duplicate notification, a withdrawn or abandoned application), as
 *   OpenCRVS archives declarations. A registered deed is never archived: it can only be corrected or annulled.
 *
 * Correction (pembetulan) fixes a clerical error in a registered deed and is made by the office itself
 * (UU 23/2006 art. 71): CORRECT on a REGISTERED or ISSUED deed records what changed and why, and raises the
 * deed's `version`. The status goes back to REGISTERED: the kutipan the holder has shows the previous version,
 * and ISSUE then issues the corrected one. The deed number does not change.
 *
 * A correction may also fix the event date itself (a change of the field `eventDate`, from the deed's date to the
 * right one: the most common clerical error on a deed). The office checks the new date as it checks any reported
 * event date, each violation with its own code, all reported at once:
 * - `EVENT_DATE_INVALID`: not a real date YYYY-MM-DD;
 * - `EVENT_DATE_TOO_EARLY`: before 1900-01-01 (our floor for any date of the register: a typo such as 1790);
 * - `EVENT_DATE_BEFORE_BIRTH`: a death before the deceased's birth date, when the deed knows it (the payload's
 *   `deceasedBirthDate`: the deed's particular as it stands after this correction);
 * - the event cannot follow its own reporting, and only the most telling of these nested rules is reported:
 *   `EVENT_DATE_IN_FUTURE` (after the office day of the correction), else `EVENT_DATE_AFTER_REGISTRATION` (after
 *   the day the deed was registered), else `EVENT_AFTER_ACTION` (after the first report of the event, the
 *   NOTIFY or SUBMIT that opened the record: the rule SUBMIT applies too);
 * - `EVENT_DATE_UNCHANGED`: the new date is the deed's date (nothing to correct); `PAYLOAD_FIELD_INVALID` when
 *   `from` is not the deed's date (a correction of a stale reading) or the date is changed twice in one action.
 *
 * Timeliness after a corrected event date: the registration already happened and is not undone or re-judged
 * (REGISTER was checked against the state before it, and stays valid in the fold). But the timeliness class,
 * deadline, days late and `headDecisionRequired` are facts about the event and its first report, not about the
 * registration: they are recomputed from the corrected date and the unchanged day of the first report, so the
 * deed, its view, the status event and the BLAS/OMAS figures all tell the truth the correction records. A birth
 * that the corrected date makes late therefore reads as late, registered without a head's decision: the record
 * shows what happened, and the history shows why.
 *
 * Roles (`DEED_ACTION_ROLES`): PARTNER notifies, and may submit the documents it collected (as in BLAS);
 * APPLICANT submits (online); OPERATOR submits (at the counter or on an outreach visit), verifies, rejects,
 * issues and archives; REGISTRAR, the civil registrar, may do all of that and alone registers, records,
 * corrects and annuls.
 *
 * Instants: see instant.ts (a date, or a date-time with offset; days are counted on the written local date).
 * Actions must not go back in time.
 */
import { parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { ok, type Failure, type Ok, type Problem } from '../result.js';
import { DEED_TYPE_RULES, DEED_TYPES, isDeedType, type DeedType } from './deed-types.js';
import { timelinessOf, type TimelinessClass } from './deadlines.js';
import { checkDocuments, type DocumentKind } from './documents.js';
import { isNotBefore, parseInstant, type Instant, type ParsedInstant } from './instant.js';

export type DeedStatus =
  | 'NOTIFIED'
  | 'SUBMITTED'
  | 'VERIFIED'
  | 'REJECTED'
  | 'REGISTERED'
  | 'ISSUED'
  | 'RECORDED'
  | 'ANNULLED'
  | 'ARCHIVED';

export const DEED_STATUSES: readonly DeedStatus[] = [
  'NOTIFIED',
  'SUBMITTED',
  'VERIFIED',
  'REJECTED',
  'REGISTERED',
  'ISSUED',
  'RECORDED',
  'ANNULLED',
  'ARCHIVED',
];

export type DeedActionType =
  | 'NOTIFY'
  | 'SUBMIT'
  | 'VERIFY'
  | 'REJECT'
  | 'REGISTER'
  | 'RECORD'
  | 'ISSUE'
  | 'CORRECT'
  | 'ANNUL'
  | 'ARCHIVE';

export const DEED_ACTION_TYPES: readonly DeedActionType[] = [
  'NOTIFY',
  'SUBMIT',
  'VERIFY',
  'REJECT',
  'REGISTER',
  'RECORD',
  'ISSUE',
  'CORRECT',
  'ANNUL',
  'ARCHIVE',
];

/** Who acts: a partner, the applicant, an office operator, or the civil registrar (Pejabat Pencatatan Sipil). */
export type DeedActorRole = 'PARTNER' | 'APPLICANT' | 'OPERATOR' | 'REGISTRAR';

export const DEED_ACTOR_ROLES: readonly DeedActorRole[] = ['PARTNER', 'APPLICANT', 'OPERATOR', 'REGISTRAR'];

/** The partners that notify events: the BLAS and OMAS networks, and the RT head for deaths (UU 23/2006 art. 44(1)). */
export type PartnerKind = 'HEALTH_POST' | 'HOSPITAL' | 'RELIGIOUS_INSTITUTION' | 'RT_HEAD' | 'VILLAGE_OFFICE';

export const PARTNER_KINDS: readonly PartnerKind[] = ['HEALTH_POST', 'HOSPITAL', 'RELIGIOUS_INSTITUTION', 'RT_HEAD', 'VILLAGE_OFFICE'];

export interface DeedActor {
  readonly role: DeedActorRole;
  /** An identifier of the person or partner, kept in the history as given. */
  readonly id?: string;
}

export interface NotifyPayload {
  readonly eventDate: IsoDate;
  readonly partnerKind: PartnerKind;
}
export interface SubmitPayload {
  /** Required when SUBMIT opens the record; otherwise it may correct the notified date. */
  readonly eventDate?: IsoDate;
  readonly documents: readonly DocumentKind[];
  /** For the conditional requirements of checkDocuments; defaults to true. */
  readonly parentsMarried?: boolean;
}
export interface ReasonPayload {
  readonly reason: string;
}
/** The head of the office's decision that allows a late birth to be registered. */
export interface HeadDecision {
  readonly number: string;
  readonly date: IsoDate;
}
export interface RegisterPayload {
  /** From allocateDeedNumber. */
  readonly deedNumber: string;
  /** Required for a late birth (UU 23/2006 art. 32(1) as amended by UU 24/2013). */
  readonly headDecision?: HeadDecision;
}
export interface RecordPayload {
  /** The number of the Surat Keterangan Lahir Mati, if the office numbers its letters. */
  readonly letterNumber?: string;
}
export interface FieldChange {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}
export interface CorrectPayload {
  /** `field: 'eventDate'` corrects the deed's event date (from its current date to a date YYYY-MM-DD). */
  readonly changes: readonly FieldChange[];
  readonly reason: string;
  /**
   * A death deed whose event date is corrected: the deceased's birth date as the deed holds it after this
   * correction, when it is known; the corrected date of death may not be before it.
   */
  readonly deceasedBirthDate?: IsoDate;
}
/** A court decision; `finalOn` is the day it became final (berkekuatan hukum tetap). */
export interface CourtDecision {
  readonly number: string;
  readonly finalOn: IsoDate;
}
export interface AnnulPayload {
  readonly courtDecision: CourtDecision;
  readonly reason?: string;
}
export type NoPayload = Readonly<Record<string, never>>;

interface ActionOf<Type extends DeedActionType, Payload> {
  readonly type: Type;
  readonly at: Instant;
  readonly actor: DeedActor;
  readonly payload: Payload;
}

/** One entry of a record's append-only action log. */
export type DeedAction =
  | ActionOf<'NOTIFY', NotifyPayload>
  | ActionOf<'SUBMIT', SubmitPayload>
  | (Omit<ActionOf<'VERIFY', NoPayload>, 'payload'> & { readonly payload?: NoPayload })
  | ActionOf<'REJECT', ReasonPayload>
  | ActionOf<'REGISTER', RegisterPayload>
  | (Omit<ActionOf<'RECORD', RecordPayload>, 'payload'> & { readonly payload?: RecordPayload })
  | (Omit<ActionOf<'ISSUE', NoPayload>, 'payload'> & { readonly payload?: NoPayload })
  | ActionOf<'CORRECT', CorrectPayload>
  | ActionOf<'ANNUL', AnnulPayload>
  | ActionOf<'ARCHIVE', ReasonPayload>;

export interface RejectionRecord {
  readonly at: Instant;
  readonly actor: DeedActor;
  readonly reason: string;
}
export interface CorrectionRecord {
  /** The deed version this correction produced (2 for the first correction). */
  readonly version: number;
  readonly at: Instant;
  readonly actor: DeedActor;
  readonly changes: readonly FieldChange[];
  readonly reason: string;
}
export interface AnnulmentRecord {
  readonly at: Instant;
  readonly actor: DeedActor;
  readonly courtDecision: CourtDecision;
  readonly reason: string | null;
}
export interface ArchiveRecord {
  readonly at: Instant;
  readonly actor: DeedActor;
  readonly reason: string;
}
export interface HistoryEntry {
  /** Position in the action log. */
  readonly index: number;
  readonly type: DeedActionType;
  readonly at: Instant;
  readonly role: DeedActorRole;
  /** The status after this action. */
  readonly status: DeedStatus;
}

/** Everything derived from a record's actions. */
export interface DeedState {
  readonly deedType: DeedType;
  readonly status: DeedStatus;
  /** The day the deadline counts from (see DEED_TYPE_RULES[type].deadlineFrom). */
  readonly eventDate: IsoDate;
  /** The local date of the first report (NOTIFY or SUBMIT): what timeliness is measured on. */
  readonly reportedOn: IsoDate;
  readonly timeliness: TimelinessClass;
  /** A late birth: REGISTER needs the head of the office's decision. */
  readonly headDecisionRequired: boolean;
  readonly notifiedAt: Instant | null;
  readonly notifiedBy: PartnerKind | null;
  /** The first complete application. */
  readonly submittedAt: Instant | null;
  /** The documents of the latest application. */
  readonly documents: readonly DocumentKind[];
  /** The latest verification. */
  readonly verifiedAt: Instant | null;
  readonly registeredAt: Instant | null;
  readonly deedNumber: string | null;
  readonly headDecision: HeadDecision | null;
  /** Stillbirth: when it was recorded and its letter issued. */
  readonly recordedAt: Instant | null;
  readonly letterNumber: string | null;
  /** The first kutipan issued (the end of BLAS / OMAS). */
  readonly issuedAt: Instant | null;
  readonly lastIssuedAt: Instant | null;
  readonly issueCount: number;
  /** 0 before registration, 1 once registered, one more per correction. */
  readonly version: number;
  readonly corrections: readonly CorrectionRecord[];
  readonly rejections: readonly RejectionRecord[];
  readonly annulment: AnnulmentRecord | null;
  readonly archive: ArchiveRecord | null;
  readonly history: readonly HistoryEntry[];
}

/**
 * Violations of an action log (a closed union):
 * - `DEED_TYPE_INVALID`: the deed type (or the state's) is not one of DEED_TYPES;
 * - `ACTIONS_INVALID`: the log is not a list; `STATE_INVALID`: applyAction got neither a state nor a type;
 * - `DEED_NO_ACTIONS`: the log is empty;
 * - `ACTION_INVALID`: an entry that is not an object with a known `type`;
 * - `ACTION_TIME_INVALID`: `at` is not an instant; `ACTION_OUT_OF_ORDER`: `at` is before an earlier action;
 * - `ACTOR_INVALID`: no actor with a known role; `ACTOR_NOT_ALLOWED`: the role may not take this action;
 * - `OPENING_INVALID`: the first action of a record is not one that may open it (NOTIFY, for types that
 *   partners notify, or SUBMIT);
 * - `ACTION_NOT_ALLOWED`: the action is not in the table for the current status and deed type;
 * - `PAYLOAD_FIELD_MISSING`, `PAYLOAD_FIELD_INVALID`: a payload field is absent, or present but wrong;
 * - `EVENT_AFTER_ACTION`: the event date is after the action that reports it;
 * - `DOCUMENTS_INCOMPLETE`: SUBMIT without every required document (the message names what is missing);
 * - `HEAD_DECISION_REQUIRED`: REGISTER of a late birth without the head's decision;
 * - `COURT_DECISION_NOT_FINAL`: ANNUL on a decision that is not yet final on the day of the action;
 * - `EVENT_DATE_INVALID`, `EVENT_DATE_TOO_EARLY`, `EVENT_DATE_IN_FUTURE`, `EVENT_DATE_AFTER_REGISTRATION`,
 *   `EVENT_DATE_BEFORE_BIRTH`, `EVENT_DATE_UNCHANGED`: a CORRECT of the event date (see the module comment).
 */
export type DeedViolationCode = (typeof DEED_VIOLATION_CODES)[number];

/** Every DeedViolationCode (the union is derived from this list, so it is complete). */
export const DEED_VIOLATION_CODES = [
  'DEED_TYPE_INVALID',
  'ACTIONS_INVALID',
  'STATE_INVALID',
  'DEED_NO_ACTIONS',
  'ACTION_INVALID',
  'ACTION_TIME_INVALID',
  'ACTION_OUT_OF_ORDER',
  'ACTOR_INVALID',
  'ACTOR_NOT_ALLOWED',
  'OPENING_INVALID',
  'ACTION_NOT_ALLOWED',
  'PAYLOAD_FIELD_MISSING',
  'PAYLOAD_FIELD_INVALID',
  'EVENT_AFTER_ACTION',
  'DOCUMENTS_INCOMPLETE',
  'HEAD_DECISION_REQUIRED',
  'COURT_DECISION_NOT_FINAL',
  'EVENT_DATE_INVALID',
  'EVENT_DATE_TOO_EARLY',
  'EVENT_DATE_IN_FUTURE',
  'EVENT_DATE_AFTER_REGISTRATION',
  'EVENT_DATE_BEFORE_BIRTH',
  'EVENT_DATE_UNCHANGED',
] as const;

/** The earliest event date a correction may set (as the register's other dates: a year such as 1790 is a typo). */
export const EARLIEST_EVENT_DATE: IsoDate = '1900-01-01';

/** The field of a CORRECT change that corrects the deed's event date. */
export const EVENT_DATE_FIELD = 'eventDate';

/** A violation and the position of the offending action in the log (null when it concerns the whole log). */
export interface DeedViolation extends Problem<DeedViolationCode> {
  readonly actionIndex: number | null;
}

export interface DeedFailure extends Failure<DeedViolationCode> {
  readonly errors: readonly DeedViolation[];
}

export type DeedResult = Ok<DeedState> | DeedFailure;

/** The status each action leads to. */
export const DEED_ACTION_TARGET_STATUS: Readonly<Record<DeedActionType, DeedStatus>> = {
  NOTIFY: 'NOTIFIED',
  SUBMIT: 'SUBMITTED',
  VERIFY: 'VERIFIED',
  REJECT: 'REJECTED',
  REGISTER: 'REGISTERED',
  RECORD: 'RECORDED',
  ISSUE: 'ISSUED',
  CORRECT: 'REGISTERED',
  ANNUL: 'ANNULLED',
  ARCHIVE: 'ARCHIVED',
};

/** The roles that may take each action. */
export const DEED_ACTION_ROLES: Readonly<Record<DeedActionType, readonly DeedActorRole[]>> = {
  NOTIFY: ['PARTNER'],
  SUBMIT: ['PARTNER', 'APPLICANT', 'OPERATOR', 'REGISTRAR'],
  VERIFY: ['OPERATOR', 'REGISTRAR'],
  REJECT: ['OPERATOR', 'REGISTRAR'],
  REGISTER: ['REGISTRAR'],
  RECORD: ['REGISTRAR'],
  ISSUE: ['OPERATOR', 'REGISTRAR'],
  CORRECT: ['REGISTRAR'],
  ANNUL: ['REGISTRAR'],
  ARCHIVE: ['OPERATOR', 'REGISTRAR'],
};

type StatusTable = Readonly<Record<DeedStatus, readonly DeedActionType[]>>;

const DEED_TABLE: StatusTable = {
  NOTIFIED: ['SUBMIT', 'ARCHIVE'],
  SUBMITTED: ['VERIFY', 'REJECT', 'ARCHIVE'],
  VERIFIED: ['REGISTER', 'REJECT', 'ARCHIVE'],
  REJECTED: ['SUBMIT', 'ARCHIVE'],
  REGISTERED: ['ISSUE', 'CORRECT', 'ANNUL'],
  ISSUED: ['ISSUE', 'CORRECT', 'ANNUL'],
  RECORDED: [],
  ANNULLED: [],
  ARCHIVED: [],
};

/** Stillbirth: recorded with a letter instead of registered and issued as a deed (UU 23/2006 art. 33(2)). */
const STILLBIRTH_TABLE: StatusTable = {
  ...DEED_TABLE,
  VERIFIED: ['RECORD', 'REJECT', 'ARCHIVE'],
  REGISTERED: [],
  ISSUED: [],
};

function buildTables<T>(make: (type: DeedType) => T): Readonly<Record<DeedType, T>> {
  return Object.fromEntries(DEED_TYPES.map((type) => [type, make(type)])) as Record<DeedType, T>;
}

/** Status → allowed action types, per deed type. */
export const DEED_ACTION_TABLE: Readonly<Record<DeedType, StatusTable>> = buildTables((type) =>
  type === 'STILLBIRTH' ? STILLBIRTH_TABLE : DEED_TABLE,
);

/** The actions that may open a record of each type: NOTIFY (if partners notify that type) and SUBMIT. */
export const DEED_OPENING_ACTIONS: Readonly<Record<DeedType, readonly DeedActionType[]>> = buildTables((type) =>
  DEED_TYPE_RULES[type].partnerNotification ? ['NOTIFY', 'SUBMIT'] : ['SUBMIT'],
);

function isDeedStatus(value: unknown): value is DeedStatus {
  return typeof value === 'string' && (DEED_STATUSES as readonly string[]).includes(value);
}

/**
 * The action types allowed next: for a record in `status` (null: a record with no action yet) of `deedType`.
 * Unknown inputs give an empty list.
 *
 * @example allowedActions('SUBMITTED', 'BIRTH') // ['VERIFY', 'REJECT', 'ARCHIVE']
 * @example allowedActions(null, 'DIVORCE') // ['SUBMIT']
 */
export function allowedActions(status: DeedStatus | null, deedType: DeedType): readonly DeedActionType[] {
  if (!isDeedType(deedType)) return [];
  if (status === null) return DEED_OPENING_ACTIONS[deedType];
  return isDeedStatus(status) ? DEED_ACTION_TABLE[deedType][status] : [];
}

// ---------------------------------------------------------------------------------------------------------
// Folding

/**
 * Folds a record's action log into its state. Every action is checked against the state the valid actions
 * before it produced; an invalid action is reported and skipped, and the fold goes on, so that every
 * violation of the log is reported at once (later ones may follow from an earlier one). Never throws.
 *
 * @example foldDeed('BIRTH', [notify, submit, verify, register, issue]).value.status // 'ISSUED'
 */
export function foldDeed(deedType: DeedType, actions: readonly DeedAction[]): DeedResult {
  const errors: DeedViolation[] = [];
  if (!isDeedType(deedType)) errors.push(violation('DEED_TYPE_INVALID', 'deedType must be one of DEED_TYPES', null));
  if (!Array.isArray(actions)) errors.push(violation('ACTIONS_INVALID', 'actions must be a list', null));
  if (errors.length > 0 || !isDeedType(deedType) || !Array.isArray(actions)) return failure(errors);
  if (actions.length === 0) {
    return failure([violation('DEED_NO_ACTIONS', 'a record starts with an action that opens it (NOTIFY or SUBMIT)', null)]);
  }
  let state: DeedState | null = null;
  for (let index = 0; index < actions.length; index++) {
    const step = applyStep(deedType, state, actions[index], index);
    if (step.ok) state = step.state;
    else errors.push(...step.errors);
  }
  return errors.length > 0 || state === null ? failure(errors) : ok(state);
}

/**
 * Applies one action: to a record's current state, or, for the first action, to its deed type. Returns the
 * new state or every violation of the action. Never throws.
 *
 * @example applyAction('DEATH', notify).value.status // 'NOTIFIED'
 */
export function applyAction(previous: DeedState | DeedType, action: DeedAction): DeedResult {
  if (typeof previous === 'string') {
    if (!isDeedType(previous)) return failure([violation('DEED_TYPE_INVALID', 'deedType must be one of DEED_TYPES', 0)]);
    const step = applyStep(previous, null, action, 0);
    return step.ok ? ok(step.state) : failure(step.errors);
  }
  if (!isStateLike(previous)) {
    return failure([violation('STATE_INVALID', 'previous must be a DeedState (from foldDeed or applyAction) or a deed type', null)]);
  }
  const step = applyStep(previous.deedType, previous, action, previous.history.length);
  return step.ok ? ok(step.state) : failure(step.errors);
}

function isStateLike(value: unknown): value is DeedState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Record<keyof DeedState, unknown>>;
  return (
    isDeedType(s.deedType) &&
    isDeedStatus(s.status) &&
    Array.isArray(s.history) &&
    parseIsoDate(s.eventDate) !== undefined &&
    parseIsoDate(s.reportedOn) !== undefined &&
    Array.isArray(s.corrections) &&
    Array.isArray(s.rejections) &&
    Array.isArray(s.documents) &&
    typeof s.version === 'number' &&
    typeof s.issueCount === 'number'
  );
}

function violation(code: DeedViolationCode, message: string, actionIndex: number | null): DeedViolation {
  return { code, message, actionIndex };
}

function failure(errors: readonly DeedViolation[]): DeedFailure {
  return { ok: false, errors };
}

type Step = { readonly ok: true; readonly state: DeedState } | { readonly ok: false; readonly errors: readonly DeedViolation[] };

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Describes an unknown value for a message without ever calling its toString (which may throw). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

function isActionType(value: unknown): value is DeedActionType {
  return typeof value === 'string' && (DEED_ACTION_TYPES as readonly string[]).includes(value);
}

function isActorRole(value: unknown): value is DeedActorRole {
  return typeof value === 'string' && (DEED_ACTOR_ROLES as readonly string[]).includes(value);
}

/** Collects the violations of one action, and builds the next state when there are none. */
function applyStep(deedType: DeedType, state: DeedState | null, raw: unknown, index: number): Step {
  const errors: DeedViolation[] = [];
  const report = (code: DeedViolationCode, message: string) => errors.push(violation(code, message, index));

  if (!isRecord(raw)) {
    report('ACTION_INVALID', `actions[${index}] must be an object with type, at, actor and payload; got ${describe(raw)}`);
    return { ok: false, errors };
  }
  const type = isActionType(raw.type) ? raw.type : undefined;
  if (type === undefined) report('ACTION_INVALID', `actions[${index}].type must be one of DEED_ACTION_TYPES; got ${describe(raw.type)}`);

  const at = parseInstant(raw.at);
  if (at === undefined) {
    report('ACTION_TIME_INVALID', `actions[${index}].at must be YYYY-MM-DD or an ISO date-time with offset; got ${describe(raw.at)}`);
  } else if (state !== null) {
    const earlier = state.history.find((h) => {
      const before = parseInstant(h?.at);
      return before !== undefined && !isNotBefore(at, before);
    });
    if (earlier !== undefined) {
      report('ACTION_OUT_OF_ORDER', `actions[${index}] at ${describe(raw.at)} is before actions[${describe(earlier.index)}] at ${describe(earlier.at)}`);
    }
  }

  const actor = isRecord(raw.actor) && isActorRole(raw.actor.role) ? (raw.actor as unknown as DeedActor) : undefined;
  if (actor === undefined) {
    report('ACTOR_INVALID', `actions[${index}].actor must be an object whose role is one of DEED_ACTOR_ROLES`);
  } else if (actor.id !== undefined && typeof actor.id !== 'string') {
    report('ACTOR_INVALID', `actions[${index}].actor.id, if given, must be a string`);
  } else if (type !== undefined && !DEED_ACTION_ROLES[type].includes(actor.role)) {
    report('ACTOR_NOT_ALLOWED', `${actor.role} may not ${type}; allowed: ${DEED_ACTION_ROLES[type].join(', ')}`);
  }
  if (type === undefined) return { ok: false, errors };

  const allowed = allowedActions(state?.status ?? null, deedType);
  if (!allowed.includes(type)) {
    if (state === null) {
      report('OPENING_INVALID', `a ${deedType} record opens with ${allowed.join(' or ')}; got ${type}`);
    } else {
      const next = allowed.length > 0 ? allowed.join(', ') : 'nothing (final status)';
      report('ACTION_NOT_ALLOWED', `${type} is not allowed on a ${deedType} record in status ${state.status}; allowed: ${next}`);
    }
  }

  const payload = raw.payload === undefined ? {} : raw.payload;
  if (!isRecord(payload)) {
    report('PAYLOAD_FIELD_INVALID', `actions[${index}].payload must be an object; got ${describe(raw.payload)}`);
    return { ok: false, errors };
  }
  const checked = checkPayload(type, payload, { deedType, state, at, index }, report);
  if (errors.length > 0 || at === undefined || actor === undefined || checked === undefined) return { ok: false, errors };
  return { ok: true, state: nextState(deedType, state, type, raw.at as Instant, at, actor, checked, index) };
}

interface Context {
  readonly deedType: DeedType;
  readonly state: DeedState | null;
  readonly at: ParsedInstant | undefined;
  readonly index: number;
}

/** The payload's values once checked (only the fields of the action's type are set). */
interface Checked {
  readonly eventYmd?: number;
  readonly partnerKind?: PartnerKind;
  readonly documents?: readonly DocumentKind[];
  readonly reason?: string;
  readonly deedNumber?: string;
  readonly headDecision?: HeadDecision;
  readonly letterNumber?: string;
  readonly changes?: readonly FieldChange[];
  readonly courtDecision?: CourtDecision;
}

type Report = (code: DeedViolationCode, message: string) => void;

function checkPayload(type: DeedActionType, p: Fields, ctx: Context, report: Report): Checked | undefined {
  const name = (field: string) => `actions[${ctx.index}].payload.${field}`;
  const requireText = (field: string): string | undefined => {
    const value = p[field];
    if (value === undefined || value === null || value === '') report('PAYLOAD_FIELD_MISSING', `${type} needs ${name(field)}`);
    else if (!isText(value)) report('PAYLOAD_FIELD_INVALID', `${name(field)} must be a non-empty string; got ${describe(value)}`);
    else return value;
    return undefined;
  };
  const optionalText = (field: string): string | undefined => {
    const value = p[field];
    if (value === undefined) return undefined;
    if (!isText(value)) report('PAYLOAD_FIELD_INVALID', `${name(field)}, if given, must be a non-empty string; got ${describe(value)}`);
    return isText(value) ? value : undefined;
  };
  /** A real date, not after the action's day; `code` is reported when it is after. */
  const dateField = (field: string, value: unknown, required: boolean, afterCode: DeedViolationCode, what: string): number | undefined => {
    if (value === undefined || value === null || value === '') {
      if (required) report('PAYLOAD_FIELD_MISSING', `${type} needs ${name(field)}`);
      return undefined;
    }
    const ymd = parseIsoDate(value);
    if (ymd === undefined) {
      report('PAYLOAD_FIELD_INVALID', `${name(field)} must be a real date YYYY-MM-DD; got ${describe(value)}`);
      return undefined;
    }
    if (ctx.at !== undefined && ymd > ctx.at.ymd) report(afterCode, `${what} ${ymdToIso(ymd)} is after the action's day ${ymdToIso(ctx.at.ymd)}`);
    return ymd;
  };

  switch (type) {
    case 'NOTIFY': {
      const eventYmd = dateField('eventDate', p.eventDate, true, 'EVENT_AFTER_ACTION', 'the event date');
      const partnerKind = p.partnerKind;
      if (partnerKind === undefined) report('PAYLOAD_FIELD_MISSING', `NOTIFY needs ${name('partnerKind')}`);
      else if (!(PARTNER_KINDS as readonly unknown[]).includes(partnerKind)) {
        report('PAYLOAD_FIELD_INVALID', `${name('partnerKind')} must be one of PARTNER_KINDS; got ${describe(partnerKind)}`);
      }
      return { eventYmd, partnerKind: partnerKind as PartnerKind };
    }
    case 'SUBMIT': {
      const eventYmd = dateField('eventDate', p.eventDate, ctx.state === null, 'EVENT_AFTER_ACTION', 'the event date');
      const firstReport = parseIsoDate(ctx.state?.reportedOn);
      if (eventYmd !== undefined && firstReport !== undefined && eventYmd > firstReport) {
        report('EVENT_AFTER_ACTION', `the event date ${ymdToIso(eventYmd)} is after the first report on ${ymdToIso(firstReport)}`);
      }
      const parentsMarried = p.parentsMarried;
      if (parentsMarried !== undefined && typeof parentsMarried !== 'boolean') {
        report('PAYLOAD_FIELD_INVALID', `${name('parentsMarried')}, if given, must be a boolean`);
      }
      if (p.documents === undefined) {
        report('PAYLOAD_FIELD_MISSING', `SUBMIT needs ${name('documents')} (a list of DOCUMENT_KINDS)`);
        return undefined;
      }
      const check = checkDocuments(ctx.deedType, p.documents as readonly DocumentKind[], {
        parentsMarried: typeof parentsMarried === 'boolean' ? parentsMarried : true,
      });
      if (!check.ok) {
        report('PAYLOAD_FIELD_INVALID', `${name('documents')}: ${check.errors.map((e) => e.message).join('; ')}`);
        return undefined;
      }
      if (!check.value.complete) {
        const missing = check.value.missing.map((m) => `${m.requirement} (${m.anyOf.join(' or ')}${m.needed > 1 ? ` ×${m.needed}` : ''})`);
        report('DOCUMENTS_INCOMPLETE', `the application lacks ${missing.join(', ')}`);
      }
      return { eventYmd, documents: [...(p.documents as readonly DocumentKind[])] };
    }
    case 'REJECT':
    case 'ARCHIVE':
      return { reason: requireText('reason') };
    case 'REGISTER': {
      const deedNumber = requireText('deedNumber');
      let headDecision: HeadDecision | undefined;
      const decision = p.headDecision;
      if (decision !== undefined) {
        if (!isRecord(decision)) {
          report('PAYLOAD_FIELD_INVALID', `${name('headDecision')} must be an object { number, date }`);
        } else {
          const number = decision.number;
          if (!isText(number)) report('PAYLOAD_FIELD_INVALID', `${name('headDecision.number')} must be a non-empty string`);
          const date = dateField('headDecision.date', decision.date, true, 'PAYLOAD_FIELD_INVALID', "the head's decision date");
          if (isText(number) && date !== undefined) headDecision = { number, date: ymdToIso(date) };
        }
      } else if (ctx.state?.headDecisionRequired) {
        report(
          'HEAD_DECISION_REQUIRED',
          `a birth reported ${ctx.state.reportedOn}, after the deadline, is registered only on a decision of the head of the office (UU 23/2006 art. 32(1) as amended by UU 24/2013)`,
        );
      }
      return { deedNumber, headDecision };
    }
    case 'RECORD':
      return { letterNumber: optionalText('letterNumber') };
    case 'CORRECT': {
      const reason = requireText('reason');
      const changes = p.changes;
      if (changes === undefined) {
        report('PAYLOAD_FIELD_MISSING', `CORRECT needs ${name('changes')} (what was corrected)`);
        return { reason };
      }
      if (!Array.isArray(changes) || changes.length === 0) {
        report('PAYLOAD_FIELD_INVALID', `${name('changes')} must be a non-empty list of { field, from, to }`);
        return { reason };
      }
      changes.forEach((c: unknown, i: number) => {
        if (!isRecord(c) || !isText(c.field) || typeof c.from !== 'string' || typeof c.to !== 'string') {
          report('PAYLOAD_FIELD_INVALID', `${name(`changes[${i}]`)} must be { field: non-empty string, from: string, to: string }`);
        } else if (c.from === c.to && c.field !== EVENT_DATE_FIELD) {
          report('PAYLOAD_FIELD_INVALID', `${name(`changes[${i}]`)} changes nothing (from and to are equal)`);
        }
      });
      const copied = changes.map((c: unknown) => {
        const f = c as FieldChange;
        return { field: f?.field, from: f?.from, to: f?.to };
      });
      const eventYmd = checkEventDateChange(changes, p.deceasedBirthDate, ctx, name, report);
      return { reason, changes: copied, ...(eventYmd !== undefined ? { eventYmd } : {}) };
    }
    case 'ANNUL': {
      const reason = optionalText('reason');
      const decision = p.courtDecision;
      if (decision === undefined) {
        report('PAYLOAD_FIELD_MISSING', `ANNUL needs ${name('courtDecision')} (pembatalan needs a final court decision, UU 23/2006 art. 72)`);
        return undefined;
      }
      if (!isRecord(decision)) {
        report('PAYLOAD_FIELD_INVALID', `${name('courtDecision')} must be an object { number, finalOn }`);
        return undefined;
      }
      const number = decision.number;
      if (!isText(number)) report('PAYLOAD_FIELD_INVALID', `${name('courtDecision.number')} must be a non-empty string`);
      const finalOn = dateField('courtDecision.finalOn', decision.finalOn, true, 'COURT_DECISION_NOT_FINAL', 'the court decision becomes final on');
      if (!isText(number) || finalOn === undefined) return undefined;
      return { reason, courtDecision: { number, finalOn: ymdToIso(finalOn) } };
    }
    case 'VERIFY':
    case 'ISSUE':
      return {};
  }
}

/**
 * The checks of a corrected event date (see the module comment): reports every violation and returns the new date
 * (as YYYYMMDD) once it is a real date. A CORRECT without an `eventDate` change returns undefined silently.
 */
function checkEventDateChange(changes: readonly unknown[], rawBirthDate: unknown, ctx: Context, name: (field: string) => string, report: Report): number | undefined {
  const positions = changes.flatMap((c, i) => (isRecord(c) && c.field === EVENT_DATE_FIELD ? [i] : []));
  if (rawBirthDate !== undefined && (ctx.deedType !== 'DEATH' || parseIsoDate(rawBirthDate) === undefined)) {
    report('PAYLOAD_FIELD_INVALID', `${name('deceasedBirthDate')}, if given, must be the real date YYYY-MM-DD of a death deed's deceased; got ${describe(rawBirthDate)}`);
  }
  if (positions.length === 0) return undefined;
  if (positions.length > 1) {
    report('PAYLOAD_FIELD_INVALID', `${name('changes')} corrects the event date ${positions.length} times; correct it once`);
    return undefined;
  }
  const index = positions[0] as number;
  const change = changes[index] as Fields;
  const field = name(`changes[${index}].to`);
  if (typeof change.from !== 'string' || typeof change.to !== 'string') return undefined; // reported with the shape
  const state = ctx.state;
  const current = parseIsoDate(state?.eventDate);
  const to = parseIsoDate(change.to);
  if (current !== undefined && change.from !== state?.eventDate) {
    report('PAYLOAD_FIELD_INVALID', `${name(`changes[${index}].from`)} must be the deed's event date ${describe(state?.eventDate)}; got ${describe(change.from)}`);
  }
  if (to === undefined) {
    report('EVENT_DATE_INVALID', `${field} must be a real date YYYY-MM-DD; got ${describe(change.to)}`);
    return undefined;
  }
  if (current !== undefined && to === current) report('EVENT_DATE_UNCHANGED', `${field} ${ymdToIso(to)} is already the deed's event date: nothing to correct`);
  const earliest = parseIsoDate(EARLIEST_EVENT_DATE) as number;
  if (to < earliest) report('EVENT_DATE_TOO_EARLY', `${field} ${ymdToIso(to)} is before ${EARLIEST_EVENT_DATE}: check the year`);
  const birth = ctx.deedType === 'DEATH' ? parseIsoDate(rawBirthDate) : undefined;
  if (birth !== undefined && to < birth) report('EVENT_DATE_BEFORE_BIRTH', `the date of death ${ymdToIso(to)} is before the deceased's birth date ${ymdToIso(birth)}`);
  const registered = parseInstant(state?.registeredAt)?.ymd;
  const firstReport = parseIsoDate(state?.reportedOn);
  if (ctx.at !== undefined && to > ctx.at.ymd) {
    report('EVENT_DATE_IN_FUTURE', `${field} ${ymdToIso(to)} is after the office day of the correction ${ymdToIso(ctx.at.ymd)}`);
  } else if (registered !== undefined && to > registered) {
    report('EVENT_DATE_AFTER_REGISTRATION', `${field} ${ymdToIso(to)} is after the deed's registration on ${ymdToIso(registered)}: an event cannot follow its own registration`);
  } else if (firstReport !== undefined && to > firstReport) {
    report('EVENT_AFTER_ACTION', `${field} ${ymdToIso(to)} is after the first report of the event on ${ymdToIso(firstReport)}`);
  }
  // Any violation reported here fails the whole step (applyStep), so the date is returned as parsed.
  return to;
}

function nextState(
  deedType: DeedType,
  state: DeedState | null,
  type: DeedActionType,
  atText: Instant,
  at: ParsedInstant,
  rawActor: DeedActor,
  c: Checked,
  index: number,
): DeedState {
  const actor: DeedActor = rawActor.id === undefined ? { role: rawActor.role } : { role: rawActor.role, id: rawActor.id };
  const status = DEED_ACTION_TARGET_STATUS[type];
  const history = [...(state?.history ?? []), { index, type, at: atText, role: actor.role, status }];
  if (state === null) {
    // The opening action (NOTIFY or SUBMIT); both carry the event date (checked).
    const eventYmd = c.eventYmd as number;
    const timeliness = timelinessOf(deedType, eventYmd, at.ymd);
    return {
      deedType,
      status,
      eventDate: ymdToIso(eventYmd),
      reportedOn: ymdToIso(at.ymd),
      timeliness: timeliness.class,
      headDecisionRequired: timeliness.headDecisionRequired,
      notifiedAt: type === 'NOTIFY' ? atText : null,
      notifiedBy: type === 'NOTIFY' ? (c.partnerKind ?? null) : null,
      submittedAt: type === 'SUBMIT' ? atText : null,
      documents: c.documents ?? [],
      verifiedAt: null,
      registeredAt: null,
      deedNumber: null,
      headDecision: null,
      recordedAt: null,
      letterNumber: null,
      issuedAt: null,
      lastIssuedAt: null,
      issueCount: 0,
      version: 0,
      corrections: [],
      rejections: [],
      annulment: null,
      archive: null,
      history,
    };
  }
  const base: DeedState = { ...state, status, history };
  switch (type) {
    case 'NOTIFY':
      return base; // only ever an opening action (see the table)
    case 'SUBMIT': {
      const eventYmd = c.eventYmd ?? (parseIsoDate(state.eventDate) as number);
      const timeliness = timelinessOf(deedType, eventYmd, parseIsoDate(state.reportedOn) as number);
      return {
        ...base,
        eventDate: ymdToIso(eventYmd),
        timeliness: timeliness.class,
        headDecisionRequired: timeliness.headDecisionRequired,
        submittedAt: state.submittedAt ?? atText,
        documents: c.documents ?? [],
      };
    }
    case 'VERIFY':
      return { ...base, verifiedAt: atText };
    case 'REJECT':
      return { ...base, rejections: [...state.rejections, { at: atText, actor, reason: c.reason as string }] };
    case 'REGISTER':
      return { ...base, registeredAt: atText, deedNumber: c.deedNumber as string, headDecision: c.headDecision ?? null, version: 1 };
    case 'RECORD':
      return { ...base, recordedAt: atText, letterNumber: c.letterNumber ?? null };
    case 'ISSUE':
      return { ...base, issuedAt: state.issuedAt ?? atText, lastIssuedAt: atText, issueCount: state.issueCount + 1 };
    case 'CORRECT': {
      const version = state.version + 1;
      const correction = { version, at: atText, actor, changes: c.changes ?? [], reason: c.reason as string };
      const corrected = { ...base, version, corrections: [...state.corrections, correction] };
      if (c.eventYmd === undefined) return corrected;
      // The timeliness facts follow the corrected date (see the module comment); the registration stands.
      const timeliness = timelinessOf(deedType, c.eventYmd, parseIsoDate(state.reportedOn) as number);
      return { ...corrected, eventDate: ymdToIso(c.eventYmd), timeliness: timeliness.class, headDecisionRequired: timeliness.headDecisionRequired };
    }
    case 'ANNUL':
      return { ...base, annulment: { at: atText, actor, courtDecision: c.courtDecision as CourtDecision, reason: c.reason ?? null } };
    case 'ARCHIVE':
      return { ...base, archive: { at: atText, actor, reason: c.reason as string } };
  }
}
