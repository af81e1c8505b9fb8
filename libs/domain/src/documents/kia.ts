/**
 * The KIA (Kartu Identitas Anak, the child identity card of Permendagri 2/2016) of one child, as a fold over its
 * append-only list of actions; its status is derived, never stored on its own:
 *
 *   status       allowed actions (→ resulting status)                            KIA_ACTION_TABLE
 *   NOT_ISSUED   PRINT { kiaType } → PRINTED                  (no card yet)
 *   PRINTED      ISSUE → ISSUED                               (handed to the parents, at the office or on a visit)
 *   ISSUED       REISSUE { kiaType, reason LOST | DAMAGED } → PRINTED
 *   EXPIRED      PRINT { kiaType } → PRINTED                  (the next card, while the child is still eligible)
 *
 * - A KIA is for a child under 17 who never married, in two types (Permendagri 2/2016; kiaEligibility): UNDER_5,
 *   valid until the day before the 5th birthday, and FROM_5_TO_UNDER_17, valid until the day before the 17th.
 *   PRINT and REISSUE name the type, which must be the child's type on the day (`KIA_TYPE_MISMATCH`), for a
 *   child eligible on that day (`KIA_NOT_ELIGIBLE`); the card's `validUntil` is fixed when it is printed.
 * - EXPIRED is derived as of a date, never an action: the card's validity ended (`TYPE_ENDED`: the UNDER_5 card
 *   of a child who turned 5, who may get a FROM_5_TO_UNDER_17 card; `AGE_17`: the child turned 17 and is wajib
 *   KTP now), or the child married (`MARRIED`: a married child is wajib KTP, UU 24/2013 art. 63(1)).
 * - A lost or damaged card is printed again (REISSUE) with the child's type on that day.
 * - IMPORT_STATE { status PRINTED | ISSUED | EXPIRED, source? }: the baseline of a KIA taken over from an older
 *   register (a bulk import), only as the first action. The card is reconstructed from the child's birth date:
 *   PRINTED or ISSUED is the card of the child's type on that day (`KIA_NOT_ELIGIBLE` for a child who is 17 or
 *   over, or married, then); EXPIRED is the last card the child can have held, ended by then (`KIA_NOT_ELIGIBLE`
 *   when no card can have ended: an unmarried child under 5, or someone who turned 17 before 2016, when
 *   Permendagri 2/2016 introduced the KIA). Later actions continue from it (ISSUE, REISSUE, the next PRINT).
 *   Never in KIA_ACTION_TYPES (what a counter may do): only an import writes it.
 * - As for the e-KTP, no action at or after the office recorded the child's death or move out of the regency.
 */
import { addDays, parseIsoDate, ymdToIso, type IsoDate } from '../calendar.js';
import { ageOn, dateOfAge, kiaEligibility, KIA_AGE_LIMIT, KIA_UNDER_5_LIMIT, type KiaEligibility, type KiaType } from '../people/age.js';
import { ok, type Failure, type Ok } from '../result.js';
import type { ParsedInstant } from '../deeds/instant.js';
import {
  describe,
  earlierActions,
  HOLDER_VIOLATION_CODES,
  isRecord,
  isText,
  LOG_VIOLATION_CODES,
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
import { CAPTURE_CHANNELS, type CaptureChannel } from './ektp.js';

export type KiaStatus = 'NOT_ISSUED' | 'PRINTED' | 'ISSUED' | 'EXPIRED';

export const KIA_STATUSES: readonly KiaStatus[] = ['NOT_ISSUED', 'PRINTED', 'ISSUED', 'EXPIRED'];

export type KiaActionType = 'PRINT' | 'ISSUE' | 'REISSUE';

export const KIA_ACTION_TYPES: readonly KiaActionType[] = ['PRINT', 'ISSUE', 'REISSUE'];

/** Every type a KIA log may hold: the counter's actions and the import's baseline (IMPORT_STATE). */
export type KiaLogActionType = KiaActionType | 'IMPORT_STATE';

const KIA_LOG_ACTION_TYPES: readonly KiaLogActionType[] = [...KIA_ACTION_TYPES, 'IMPORT_STATE'];

/** The states an import may take over as a baseline (NOT_ISSUED is what an empty log derives). */
export type KiaImportableStatus = 'PRINTED' | 'ISSUED' | 'EXPIRED';

export const KIA_IMPORTABLE_STATUSES: readonly KiaImportableStatus[] = ['PRINTED', 'ISSUED', 'EXPIRED'];

/** The KIA was introduced by Permendagri 2/2016: nobody who turned 17 before 2016 can have held one. */
const KIA_INTRODUCED_YMD = 20160101;

export const KIA_TYPES: readonly KiaType[] = ['UNDER_5', 'FROM_5_TO_UNDER_17'];

/** Why a card was printed again. */
export type KiaReissueReason = 'LOST' | 'DAMAGED';

export const KIA_REISSUE_REASONS: readonly KiaReissueReason[] = ['LOST', 'DAMAGED'];

/** Why a card is no longer valid. */
export type KiaExpiry = 'TYPE_ENDED' | 'AGE_17' | 'MARRIED';

export interface KiaPrintPayload {
  readonly kiaType: KiaType;
  /** Where the card was printed (OFFICE when left out): a team with a printer prints on an outreach visit. */
  readonly channel?: CaptureChannel;
  readonly visitId?: string;
}
export interface KiaIssuePayload {
  /** OFFICE when left out. */
  readonly channel?: CaptureChannel;
  readonly visitId?: string;
}
export interface KiaReissuePayload {
  readonly kiaType: KiaType;
  readonly reason: KiaReissueReason;
  /** A police loss report, or the number of the damaged card. */
  readonly reference?: string;
  readonly channel?: CaptureChannel;
  readonly visitId?: string;
}

export interface KiaImportPayload {
  readonly status: KiaImportableStatus;
  /** Where the state comes from (an import job's id, the older register's name). */
  readonly source?: string;
}

/** One entry of a KIA's append-only action log. */
export type KiaAction =
  | LoggedAction<'PRINT', KiaPrintPayload>
  | LoggedAction<'ISSUE', KiaIssuePayload>
  | LoggedAction<'REISSUE', KiaReissuePayload>
  | LoggedAction<'IMPORT_STATE', KiaImportPayload>;

export interface KiaCard {
  readonly kiaType: KiaType;
  readonly printedAt: Instant;
  readonly printedBy: string;
  /** The last day the card is valid (the day before the 5th or the 17th birthday). */
  readonly validUntil: IsoDate;
  readonly issuedAt: Instant | null;
  readonly issuedChannel: CaptureChannel | null;
  /** Set when the card replaces a lost or damaged one. */
  readonly reissueReason: KiaReissueReason | null;
  readonly reference: string | null;
  /**
   * The card was taken over from an older register (IMPORT_STATE): its type and validity are reconstructed from
   * the birth date, and printedAt / issuedAt are when it was imported (the older register's dates are unknown).
   */
  readonly imported: boolean;
}

export type KiaHistoryEntry = ActionHistoryEntry<KiaLogActionType, KiaStatus>;

/** Everything derived from a KIA's actions and the child, as of a date. */
export interface KiaState {
  readonly asOf: IsoDate;
  readonly status: KiaStatus;
  /** On asOf: eligible, and for which type, or why not. */
  readonly eligibility: KiaEligibility;
  /** The latest card printed, if any. */
  readonly card: KiaCard | null;
  /** Every card printed, the first first. */
  readonly cards: readonly KiaCard[];
  /** Why the latest card is no longer valid on asOf (status EXPIRED). */
  readonly expiry: KiaExpiry | null;
  /** What may happen next on asOf, for this child. */
  readonly allowedActions: readonly KiaActionType[];
  /** The number of actions: what a client sends back with its next action (optimistic concurrency). */
  readonly version: number;
  readonly history: readonly KiaHistoryEntry[];
}

/**
 * Violations (a closed union), on top of the shared and the holder's ones (see EktpViolationCode):
 * - `KIA_NOT_ELIGIBLE`: PRINT or REISSUE for a child who is 17 or over, or ever married, on that day;
 * - `KIA_TYPE_MISMATCH`: the type named is not the child's type on that day.
 */
export type KiaViolationCode = (typeof KIA_VIOLATION_CODES)[number];

export const KIA_VIOLATION_CODES = [...LOG_VIOLATION_CODES, ...HOLDER_VIOLATION_CODES, 'KIA_NOT_ELIGIBLE', 'KIA_TYPE_MISMATCH'] as const;

export type KiaViolation = LogViolation<KiaViolationCode>;

export interface KiaFailure extends Failure<KiaViolationCode> {
  readonly errors: readonly KiaViolation[];
}

export type KiaResult = Ok<KiaState> | KiaFailure;

/** Status → allowed action types. */
export const KIA_ACTION_TABLE: Readonly<Record<KiaStatus, readonly KiaActionType[]>> = {
  NOT_ISSUED: ['PRINT'],
  PRINTED: ['ISSUE'],
  ISSUED: ['REISSUE'],
  EXPIRED: ['PRINT'],
};

/**
 * The action types the table allows in `status` (the child's eligibility aside; KiaState.allowedActions has
 * both). Unknown statuses give an empty list.
 *
 * @example allowedKiaActions('EXPIRED') // ['PRINT']
 */
export function allowedKiaActions(status: KiaStatus): readonly KiaActionType[] {
  return typeof status === 'string' && (KIA_STATUSES as readonly string[]).includes(status) ? KIA_ACTION_TABLE[status] : [];
}

/**
 * Folds a KIA's action log, for the child, into its state as of `options.asOf`. An empty log is valid
 * (NOT_ISSUED). Every violation is reported at once; never throws.
 *
 * @example foldKia([], { birthDate: '2023-06-01', maritalStatus: 'BELUM_KAWIN' }, { asOf: '2026-11-27' }).value.eligibility.type // 'UNDER_5'
 */
export function foldKia(actions: readonly KiaAction[], holder: DocumentHolder, options: DocumentOptions): KiaResult {
  const errors: KiaViolation[] = [];
  const report: Report<KiaViolationCode> = (code, message) => errors.push(violation(code, message, null));
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
 * Applies one more action to a state from foldKia (or applyKiaAction), for the same child, as of
 * `options.asOf`: the new state, or every violation of the action. Never throws.
 */
export function applyKiaAction(state: KiaState, action: KiaAction, holder: DocumentHolder, options: DocumentOptions): KiaResult {
  const errors: KiaViolation[] = [];
  const report: Report<KiaViolationCode> = (code, message) => errors.push(violation(code, message, null));
  const checked = readHolder(holder, options, report);
  if (!isStateLike(state)) report('STATE_INVALID', 'state must be a KiaState from foldKia or applyKiaAction');
  if (checked === undefined || !isStateLike(state)) return failure(errors);
  const step = applyStep(state, action, state.history.length, checked.holder, checked.asOfYmd);
  return step.ok ? ok(finish(step.state, checked.holder, checked.asOfYmd)) : failure(step.errors);
}

// ---------------------------------------------------------------------------------------------------------

type Step = { readonly ok: true; readonly state: KiaState } | { readonly ok: false; readonly errors: readonly KiaViolation[] };

function failure(errors: readonly KiaViolation[]): KiaFailure {
  return { ok: false, errors };
}

function isStateLike(value: unknown): value is KiaState {
  if (!isRecord(value)) return false;
  const card = value.card;
  return (
    (KIA_STATUSES as readonly unknown[]).includes(value.status) &&
    Array.isArray(value.history) &&
    Array.isArray(value.cards) &&
    (card === null || (isRecord(card) && parseIsoDate(card.validUntil) !== undefined))
  );
}

/** Eligibility on a day; an unknown marriage date counts from asOf (see DocumentHolder.marriedOn). */
function eligibilityOn(holder: CheckedHolder, dayYmd: number, asOfYmd: number): KiaEligibility {
  const result = kiaEligibility({ birthDate: holder.birthDate, maritalStatus: maritalStatusOn(holder, dayYmd, asOfYmd) }, { asOf: ymdToIso(dayYmd) });
  // Only a day before the birth fails, which PRINT and REISSUE refuse first (asOf is never before the birth).
  return result.ok ? result.value : { eligible: false, reason: 'AGE_17_OR_OVER' };
}

function expiryOn(card: KiaCard | null, holder: CheckedHolder, dayYmd: number, asOfYmd: number): KiaExpiry | null {
  if (card === null) return null;
  if (dayYmd > (parseIsoDate(card.validUntil) as number)) {
    const age = ageOn(holder.birthDate, ymdToIso(dayYmd));
    return age.ok && age.value >= KIA_AGE_LIMIT ? 'AGE_17' : 'TYPE_ENDED';
  }
  return maritalStatusOn(holder, dayYmd, asOfYmd) === 'BELUM_KAWIN' ? null : 'MARRIED';
}

/** The status on a day: the card's, or EXPIRED when it is no longer valid then. */
function statusOn(state: KiaState, holder: CheckedHolder, dayYmd: number, asOfYmd: number): KiaStatus {
  const card = state.card;
  if (card === null) return 'NOT_ISSUED';
  if (expiryOn(card, holder, dayYmd, asOfYmd) !== null) return 'EXPIRED';
  return card.issuedAt === null ? 'PRINTED' : 'ISSUED';
}

function emptyState(holder: CheckedHolder, asOfYmd: number): KiaState {
  return {
    asOf: ymdToIso(asOfYmd),
    status: 'NOT_ISSUED',
    eligibility: eligibilityOn(holder, asOfYmd, asOfYmd),
    card: null,
    cards: [],
    expiry: null,
    allowedActions: [],
    version: 0,
    history: [],
  };
}

function finish(state: KiaState, holder: CheckedHolder, asOfYmd: number): KiaState {
  const status = statusOn(state, holder, asOfYmd, asOfYmd);
  const eligibility = eligibilityOn(holder, asOfYmd, asOfYmd);
  const allowed = residentActiveOn(holder, asOfYmd)
    ? KIA_ACTION_TABLE[status].filter((type) => type === 'ISSUE' || eligibility.eligible)
    : [];
  return {
    ...state,
    asOf: ymdToIso(asOfYmd),
    status,
    eligibility,
    expiry: expiryOn(state.card, holder, asOfYmd, asOfYmd),
    allowedActions: allowed,
    version: state.history.length,
  };
}

interface Checked {
  readonly kiaType?: KiaType;
  readonly validUntil?: IsoDate;
  readonly reason?: KiaReissueReason;
  readonly reference?: string | null;
  readonly channel?: CaptureChannel;
  readonly imported?: { readonly status: KiaImportableStatus; readonly card: { readonly kiaType: KiaType; readonly validUntil: IsoDate } };
}

function applyStep(state: KiaState, raw: unknown, index: number, holder: CheckedHolder, asOfYmd: number): Step {
  const errors: KiaViolation[] = [];
  const report: Report<KiaViolationCode> = (code, message) => errors.push(violation(code, message, index));
  const head = readHead(raw, index, KIA_LOG_ACTION_TYPES, earlierActions(state.history), asOfYmd, report);
  if (head === undefined) return { ok: false, errors };
  const { type, at } = head;
  if (at !== undefined) {
    const resident = residentViolation(holder, at);
    if (resident === 'RESIDENT_DECEASED') report(resident, `the office recorded this child's death; the KIA cannot change any more`);
    if (resident === 'RESIDENT_MOVED_OUT') report(resident, `this child moved out of the regency; the KIA is served by the destination's office`);
  }
  if (type === 'IMPORT_STATE') {
    if (state.history.length > 0) report('ACTION_NOT_ALLOWED', `IMPORT_STATE is only the first action of a KIA (a baseline taken over from an older register); this one has ${state.history.length}`);
  } else if (type !== undefined && at !== undefined) {
    const before = statusOn(state, holder, at.ymd, asOfYmd);
    const allowed = KIA_ACTION_TABLE[before];
    if (!allowed.includes(type)) {
      report('ACTION_NOT_ALLOWED', `${type} is not allowed on a KIA in status ${before} on ${ymdToIso(at.ymd)}; allowed: ${allowed.join(', ')}`);
    }
  }
  const checked = type !== undefined && head.payload !== undefined ? checkPayload(type, head.payload, index, at, holder, asOfYmd, report) : undefined;
  if (errors.length > 0 || type === undefined || at === undefined || head.by === undefined || checked === undefined) return { ok: false, errors };
  return { ok: true, state: nextState(state, type, head.atText, head.by, checked, index) };
}

function checkPayload(
  type: KiaLogActionType,
  p: Fields,
  index: number,
  at: ParsedInstant | undefined,
  holder: CheckedHolder,
  asOfYmd: number,
  report: Report<KiaViolationCode>,
): Checked | undefined {
  const name = (field: string) => `actions[${index}].payload.${field}`;
  const oneOf = <T extends string>(field: string, values: readonly T[], required: boolean): T | undefined => {
    const value = p[field];
    if (value === undefined) {
      if (required) report('PAYLOAD_FIELD_MISSING', `${type} needs ${name(field)} (${values.join(' or ')})`);
      return undefined;
    }
    if (!(values as readonly unknown[]).includes(value)) {
      report('PAYLOAD_FIELD_INVALID', `${name(field)} must be ${values.join(' or ')}; got ${describe(value)}`);
      return undefined;
    }
    return value as T;
  };
  /** The type named, checked against the child's eligibility on the action's day. */
  const printedType = (): { kiaType?: KiaType; validUntil?: IsoDate } => {
    const kiaType = oneOf('kiaType', KIA_TYPES, true);
    if (kiaType === undefined || at === undefined) return {};
    if (at.ymd < holder.birthYmd) {
      report('KIA_NOT_ELIGIBLE', `${ymdToIso(at.ymd)} is before the child's birth`);
      return {};
    }
    const eligibility = eligibilityOn(holder, at.ymd, asOfYmd);
    if (!eligibility.eligible) {
      const why = eligibility.reason === 'EVER_MARRIED' ? 'has married (a married child is wajib KTP, UU 24/2013 art. 63(1))' : 'is 17 or over';
      report('KIA_NOT_ELIGIBLE', `on ${ymdToIso(at.ymd)} the child ${why}: a KIA is for children under 17 who never married (Permendagri 2/2016)`);
      return {};
    }
    if (eligibility.type !== kiaType) {
      report('KIA_TYPE_MISMATCH', `on ${ymdToIso(at.ymd)} the child's KIA type is ${eligibility.type}, not ${kiaType} (Permendagri 2/2016)`);
      return {};
    }
    return { kiaType, validUntil: eligibility.validUntil };
  };

  /** Where (OFFICE when left out), and the outreach visit (only with OUTREACH). */
  const where = (): CaptureChannel | undefined => {
    const channel = oneOf('channel', CAPTURE_CHANNELS, false) ?? (p.channel === undefined ? 'OFFICE' : undefined);
    if (p.visitId !== undefined) {
      if (!isText(p.visitId, 100)) report('PAYLOAD_FIELD_INVALID', `${name('visitId')}, if given, must be a non-empty string (the outreach visit's id)`);
      else if (channel !== 'OUTREACH') report('PAYLOAD_FIELD_INVALID', `${name('visitId')} is only for channel OUTREACH`);
    }
    return channel;
  };

  switch (type) {
    case 'PRINT':
      return { ...printedType(), channel: where() };
    case 'REISSUE': {
      const printed = printedType();
      where();
      const reason = oneOf('reason', KIA_REISSUE_REASONS, true);
      const reference = p.reference;
      if (reference !== undefined && !isText(reference)) report('PAYLOAD_FIELD_INVALID', `${name('reference')}, if given, must be a non-empty string of at most 200 characters`);
      return { ...printed, reason, reference: isText(reference) ? reference : null };
    }
    case 'ISSUE':
      return { channel: where() };
    case 'IMPORT_STATE': {
      const status = oneOf('status', KIA_IMPORTABLE_STATUSES, true);
      if (p.source !== undefined && !isText(p.source)) report('PAYLOAD_FIELD_INVALID', `${name('source')}, if given, must be a non-empty string of at most 200 characters`);
      if (status === undefined || at === undefined) return {};
      const card = importedCard(status, holder, at.ymd, asOfYmd, report);
      return card ? { imported: { status, card } } : {};
    }
  }
}

/**
 * The card an import's state stands for, reconstructed from the birth date (see IMPORT_STATE above); reports
 * KIA_NOT_ELIGIBLE when the state cannot be the child's on that day.
 */
function importedCard(status: KiaImportableStatus, holder: CheckedHolder, dayYmd: number, asOfYmd: number, report: Report<KiaViolationCode>): { kiaType: KiaType; validUntil: IsoDate } | undefined {
  const day = ymdToIso(dayYmd);
  if (status !== 'EXPIRED') {
    const eligibility = eligibilityOn(holder, dayYmd, asOfYmd);
    if (!eligibility.eligible) {
      const why = eligibility.reason === 'EVER_MARRIED' ? 'has married' : 'is 17 or over';
      report('KIA_NOT_ELIGIBLE', `on ${day} the child ${why}: a KIA ${status} then is not possible (Permendagri 2/2016: for children under 17 who never married)`);
      return undefined;
    }
    return { kiaType: eligibility.type, validUntil: eligibility.validUntil };
  }
  const turned17 = parseIsoDate(dateOfAge(holder.birthDate, KIA_AGE_LIMIT)) as number;
  const turned5 = parseIsoDate(dateOfAge(holder.birthDate, KIA_UNDER_5_LIMIT)) as number;
  // Ever married counts on every day here, so that the reconstruction is the same whatever asOf a later fold has.
  const married = maritalStatusOn(holder, dayYmd, 'ALWAYS') !== 'BELUM_KAWIN';
  if (turned17 <= KIA_INTRODUCED_YMD) {
    report('KIA_NOT_ELIGIBLE', 'the person turned 17 before 2016: no KIA can have been held (Permendagri 2/2016 introduced it)');
    return undefined;
  }
  if (!married && dayYmd < turned5) {
    report('KIA_NOT_ELIGIBLE', `on ${day} the child is under 5 and never married: the UNDER_5 card is still valid, none can have expired`);
    return undefined;
  }
  // The last card the child can have held: FROM_5_TO_UNDER_17 once 5 (ended at 17 or by marriage), else UNDER_5.
  if (dayYmd >= turned5 && (dayYmd >= turned17 || married)) return { kiaType: 'FROM_5_TO_UNDER_17', validUntil: ymdToIso(addDays(turned17, -1)) };
  if (turned5 <= KIA_INTRODUCED_YMD && !married) {
    report('KIA_NOT_ELIGIBLE', 'the child turned 5 before 2016: no UNDER_5 card can have been held, and the FROM_5_TO_UNDER_17 card is still valid');
    return undefined;
  }
  return { kiaType: 'UNDER_5', validUntil: ymdToIso(addDays(turned5, -1)) };
}

function nextState(state: KiaState, type: KiaLogActionType, at: Instant, by: string, c: Checked, index: number): KiaState {
  if (type === 'IMPORT_STATE') {
    const imported = c.imported as NonNullable<Checked['imported']>;
    const card: KiaCard = {
      kiaType: imported.card.kiaType,
      printedAt: at,
      printedBy: by,
      validUntil: imported.card.validUntil,
      issuedAt: imported.status === 'PRINTED' ? null : at,
      issuedChannel: null,
      reissueReason: null,
      reference: null,
      imported: true,
    };
    // The history says what the older register held; the status as of a later day is derived (statusOn).
    return { ...state, status: imported.status, card, cards: [card], version: index + 1, history: [...state.history, { index, type, at, by, status: imported.status }] };
  }
  if (type === 'ISSUE') {
    const card = { ...(state.card as KiaCard), issuedAt: at, issuedChannel: c.channel ?? 'OFFICE' };
    return {
      ...state,
      status: 'ISSUED',
      card,
      cards: [...state.cards.slice(0, -1), card],
      version: index + 1,
      history: [...state.history, { index, type, at, by, status: 'ISSUED' }],
    };
  }
  const card: KiaCard = {
    kiaType: c.kiaType as KiaType,
    printedAt: at,
    printedBy: by,
    validUntil: c.validUntil as IsoDate,
    issuedAt: null,
    issuedChannel: null,
    reissueReason: type === 'REISSUE' ? (c.reason as KiaReissueReason) : null,
    reference: c.reference ?? null,
    imported: false,
  };
  return {
    ...state,
    status: 'PRINTED',
    card,
    cards: [...state.cards, card],
    expiry: null,
    version: index + 1,
    history: [...state.history, { index, type, at, by, status: 'PRINTED' }],
  };
}
