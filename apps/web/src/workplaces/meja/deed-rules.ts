/**
 * What the clerk's desk decides on its own, before anything is sent: how urgent a case of the queue is (the legal
 * reporting deadline, UU 23/2006 as amended by UU 24/2013, from the domain's `reportingDeadline`; the BLAS/OMAS
 * clock, days since the office first heard of the event), the order of the queue, which steps the person's role
 * may take (the domain's DEED_ACTION_ROLES), the particulars the deeds service asks for at SUBMIT, and whether a
 * file may be uploaded. Pure functions with the day passed in: tested in deed-rules.spec.ts.
 */
import {
  classifyTimeliness,
  DEED_ACTION_ROLES,
  DEED_TYPES,
  deedCaseKey,
  findRegion,
  PARTICULAR_RULES,
  parseNik,
  particularAt,
  particularPaths,
  reportingDeadline,
  type DeedActionType,
  type DeedActorRole,
  type DeedStatus,
  type DeedType,
} from '@adminduk/domain';
import type { Role } from '../../auth/person';

/** Nagekeo keeps WITA (UTC+8): the office's calendar day of an instant. */
const OFFICE_OFFSET_MS = 8 * 3_600_000;

export function officeDate(at: Date | string): string {
  const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(time + OFFICE_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD each): negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A line of the work queue, as GET /deeds gives it (DeedSummaryView). */
export interface QueueLine {
  readonly id: string;
  readonly deedType: DeedType;
  readonly status: DeedStatus | null;
  readonly eventDate: string;
  readonly timeliness: 'ON_TIME' | 'LATE_UP_TO_ONE_YEAR' | 'LATE_OVER_ONE_YEAR' | null;
  readonly waitingFor: 'IDENTITY' | null;
  readonly notifiedAt: string | null;
  readonly registeredAt: string | null;
  readonly issuedAt: string | null;
}

/** Final statuses, and ISSUED (the deed is in hand: a further copy is not urgent work). */
const DONE: readonly (DeedStatus | null)[] = ['ISSUED', 'RECORDED', 'ANNULLED', 'ARCHIVED'];

/** How many days before the deadline a case not yet reported counts as nearly late. */
export const NEARLY_LATE_DAYS = 7;

export type UrgencyLevel = 'late' | 'near' | 'ok' | 'done';

export interface Urgency {
  readonly level: UrgencyLevel;
  /** The last day on which reporting is on time (the domain's reportingDeadline). */
  readonly deadline: string | undefined;
  /** Reported: days after the deadline it was reported (0 when on time). */
  readonly reportedLateBy: number;
  /** Not reported yet: days left to the deadline (negative: past it). */
  readonly daysLeft: number | undefined;
  /** The BLAS/OMAS clock: days since the office first heard of the event (until the copy was issued). */
  readonly clockDays: number | undefined;
  /** A late birth: the head of the office decides before registration. */
  readonly headDecision: boolean;
}

export function urgencyOf(line: QueueLine, today: string): Urgency {
  const due = reportingDeadline(line.deedType, line.eventDate);
  const deadline = due.ok ? due.value : undefined;
  const reportedOn = line.notifiedAt ? officeDate(line.notifiedAt) : undefined;
  const clockEnd = line.issuedAt ? officeDate(line.issuedAt) : today;
  const clockDays = reportedOn ? Math.max(0, daysFrom(reportedOn, clockEnd)) : undefined;
  const reportedLateBy = reportedOn && deadline ? Math.max(0, daysFrom(deadline, reportedOn)) : 0;
  const late = line.timeliness === 'LATE_UP_TO_ONE_YEAR' || line.timeliness === 'LATE_OVER_ONE_YEAR' || reportedLateBy > 0;
  const headDecision = late && line.deedType === 'BIRTH';
  if (DONE.includes(line.status)) return { level: 'done', deadline, reportedLateBy, daysLeft: undefined, clockDays, headDecision };
  if (reportedOn || line.timeliness) return { level: late ? 'late' : 'ok', deadline, reportedLateBy, daysLeft: undefined, clockDays, headDecision };
  // Not reported yet (an application being prepared): the deadline is still running.
  const daysLeft = deadline ? daysFrom(today, deadline) : undefined;
  const level: UrgencyLevel = daysLeft === undefined ? 'ok' : daysLeft < 0 ? 'late' : daysLeft <= NEARLY_LATE_DAYS ? 'near' : 'ok';
  return { level, deadline, reportedLateBy, daysLeft, clockDays, headDecision: level === 'late' && line.deedType === 'BIRTH' };
}

const RANK: Readonly<Record<UrgencyLevel, number>> = { late: 0, near: 1, ok: 2, done: 3 };

/**
 * The queue's order, most urgent first: late cases, then nearly late, then the rest, then the finished ones; within
 * a level, a case waiting for the identity service first, then the fewest days left to the deadline, then the
 * longest BLAS/OMAS clock (the family that has waited longest). Finished cases: the most recent first.
 */
export function sortQueue<T extends QueueLine>(lines: readonly T[], today: string): T[] {
  const keyed = lines.map((line) => ({ line, u: urgencyOf(line, today) }));
  keyed.sort((a, b) => {
    const rank = RANK[a.u.level] - RANK[b.u.level];
    if (rank !== 0) return rank;
    if (a.u.level === 'done') return (b.line.issuedAt ?? b.line.registeredAt ?? '').localeCompare(a.line.issuedAt ?? a.line.registeredAt ?? '');
    const waiting = Number(b.line.waitingFor === 'IDENTITY') - Number(a.line.waitingFor === 'IDENTITY');
    if (waiting !== 0) return waiting;
    const left = (a.u.daysLeft ?? Number.MAX_SAFE_INTEGER) - (b.u.daysLeft ?? Number.MAX_SAFE_INTEGER);
    if (left !== 0) return left;
    const clock = (b.u.clockDays ?? -1) - (a.u.clockDays ?? -1);
    if (clock !== 0) return clock;
    return a.line.eventDate.localeCompare(b.line.eventDate);
  });
  return keyed.map((k) => k.line);
}

/** The steps this desk offers, in the order shown. */
export const DESK_ACTIONS = ['SUBMIT', 'VERIFY', 'REJECT', 'REGISTER', 'ISSUE', 'CORRECT', 'ANNUL', 'ARCHIVE'] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** The person's roles as actors of the deed lifecycle (an administrator acts as the registrar). */
function actorRoles(roles: readonly Role[]): DeedActorRole[] {
  const actors = new Set<DeedActorRole>();
  for (const role of roles) {
    if (role === 'operator') actors.add('OPERATOR');
    if (role === 'registrar' || role === 'admin') actors.add('REGISTRAR');
  }
  return [...actors];
}

/** The steps offered: allowed next by the record (its `allowedActions`) and by the person's role. */
export function offeredActions(allowed: readonly DeedActionType[], roles: readonly Role[]): DeskAction[] {
  const actors = actorRoles(roles);
  return DESK_ACTIONS.filter((action) => allowed.includes(action) && DEED_ACTION_ROLES[action].some((r) => actors.includes(r)));
}

/** The particulars the deeds service needs at SUBMIT, by deed type: the domain's table, which the service enforces. */
export const SUBMIT_FIELDS: Readonly<Record<DeedType, readonly string[]>> = Object.fromEntries(DEED_TYPES.map((t) => [t, PARTICULAR_RULES[t].toSubmit])) as Record<DeedType, readonly string[]>;

/** The longest value the service takes for a field (its DTO's Length), by the last part of the path. */
export const FIELD_MAX_LENGTH: Readonly<Record<string, number>> = {
  fullName: 200,
  place: 100,
  number: 100,
  court: 200,
  birthDeedNumber: 60,
  marriageDeedNumber: 60,
  address: 300,
};

export type Particulars = Readonly<Record<string, unknown>>;

export const valueAt = (particulars: Particulars, path: string): unknown => particularAt(particulars, path);

/**
 * The particulars to send at SUBMIT: every group the form touched, whole (the service replaces a group given), the
 * stored group with the edited fields over it; blank edits leave the stored value alone.
 */
export function submitParticulars(stored: Particulars, edits: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, raw] of Object.entries(edits)) {
    const value = raw.trim();
    const [group, leaf] = path.split('.') as [string, string | undefined];
    if (leaf === undefined) {
      if (value !== '') out[group] = value;
      continue;
    }
    const base = (out[group] ?? stored[group] ?? {}) as Record<string, unknown>;
    out[group] = value === '' ? { ...base } : { ...base, [leaf]: value };
  }
  return out;
}

/** The particulars a correction may change, by deed type (any other field is 400 FIELD_NOT_CORRECTABLE). */
export function correctableFields(deedType: DeedType): string[] {
  // The event's date first (the commonest clerical error; the domain's EVENT_DATE_FIELD), then the particulars.
  return ['eventDate', ...particularPaths(deedType)];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/**
 * A correction's new value as the service checks it (CorrectionChangeDto: 1 to 300 characters; then the corrected
 * particulars pass the request's own validation, CORRECTION_INVALID, and the checks at SUBMIT: a NIK by parseNik).
 * Answers the codes of what is wrong, none when it may be sent.
 */
export function correctionProblems(field: string, value: string, asOf: string): string[] {
  const v = value.trim();
  if (field === '') return ['FIELD_REQUIRED'];
  if (v === '') return ['FIELD_REQUIRED'];
  if (v.length > 300) return ['IS_LENGTH'];
  if (field === 'eventDate') {
    // The domain's checks that can be judged here (the rest, against the deed's own days, by the service).
    if (!realDate(v)) return ['EVENT_DATE_INVALID'];
    if (v > asOf) return ['EVENT_DATE_IN_FUTURE'];
    if (v < '1900-01-01') return ['EVENT_DATE_TOO_EARLY'];
    return [];
  }
  const leaf = field.split('.').pop() as string;
  if (leaf === 'nik') {
    const parsed = parseNik(v, { asOf });
    return parsed.ok ? [] : [...new Set(parsed.errors.map((e) => e.code))];
  }
  if (leaf === 'kkNumber' && !/^\d{16}$/.test(v)) return ['CORRECTION_INVALID'];
  if (leaf === 'sex' && v !== 'M' && v !== 'F') return ['CORRECTION_INVALID'];
  if (leaf === 'birthDate' && !realDate(v)) return ['DATE_INVALID'];
  if (leaf === 'childOrder' && !(/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 20)) return ['CORRECTION_INVALID'];
  if (leaf === 'birthTime' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) return ['CORRECTION_INVALID'];
  const max = FIELD_MAX_LENGTH[leaf];
  if (max !== undefined && v.length > max) return ['IS_LENGTH'];
  return [];
}

/**
 * Opening an application at the counter (POST /deeds, OpenDeedDto): the facts that name the case (the domain's
 * deedCaseKey) by deed type, and a name where the form asks for one. Nothing else is required at opening; the
 * rest comes at SUBMIT.
 */
export const OPEN_FIELDS: Readonly<Record<DeedType, readonly string[]>> = {
  BIRTH: ['mother.nik', 'mother.fullName', 'place'],
  STILLBIRTH: ['mother.nik', 'mother.fullName', 'place'],
  DEATH: ['deceased.nik', 'deceased.fullName', 'place'],
  MARRIAGE: ['husband.nik', 'husband.fullName', 'wife.nik', 'wife.fullName', 'place'],
  DIVORCE: ['husband.nik', 'wife.nik', 'courtDecision.number'],
  RECOGNITION: ['birthDeedNumber', 'child.fullName'],
  LEGITIMATION: ['birthDeedNumber', 'child.fullName'],
  ADOPTION: ['birthDeedNumber', 'courtDecision.number', 'child.fullName'],
};

/** Of OPEN_FIELDS, those the case key needs (FIELD_REQUIRED when blank); a birth's mother: her NIK, or her name and the desa. */
const OPEN_REQUIRED: Readonly<Record<DeedType, readonly string[]>> = {
  BIRTH: ['mother.fullName'],
  STILLBIRTH: ['mother.fullName'],
  DEATH: ['deceased.nik', 'deceased.fullName'],
  MARRIAGE: ['husband.nik', 'wife.nik'],
  DIVORCE: ['husband.nik', 'wife.nik', 'courtDecision.number'],
  RECOGNITION: ['birthDeedNumber'],
  LEGITIMATION: ['birthDeedNumber'],
  ADOPTION: ['birthDeedNumber', 'courtDecision.number'],
};

export interface OpeningDraft {
  readonly deedType: DeedType | '';
  readonly eventDate: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface OpeningBody {
  readonly deedType: DeedType;
  readonly eventDate: string;
  readonly districtCode: string;
  readonly villageCode?: string;
  readonly channel: 'OFFICE';
  readonly particulars: Record<string, unknown>;
}

/** Problems by field ('deedType', 'eventDate', 'districtCode', 'villageCode' or a particular's path): codes. */
export type OpeningCheck = { readonly ok: true; readonly body: OpeningBody } | { readonly ok: false; readonly problems: Readonly<Record<string, readonly string[]>> };

/**
 * Checks an application before POST /deeds as the deeds service does (deed-checks.service.ts at stage 'open'):
 * the type; the day a real date not after today (EVENT_DATE_INVALID, REPORT_BEFORE_EVENT); the kecamatan and desa
 * current codes of the regency (DISTRICT_UNKNOWN, VILLAGE_UNKNOWN; the desa list comes in as `villageKnown`); every
 * NIK by parseNik; lengths (IS_LENGTH); the facts of the case key (FIELD_REQUIRED, CASE_KEY_FACT_MISSING).
 */
export function checkOpening(draft: OpeningDraft, asOf: string, regencyCode: string, villageKnown: (districtCode: string, villageCode: string) => boolean): OpeningCheck {
  const problems: Record<string, string[]> = {};
  const add = (field: string, code: string) => {
    const list = (problems[field] ??= []);
    if (!list.includes(code)) list.push(code);
  };
  if (draft.deedType === '') {
    add('deedType', 'FIELD_REQUIRED');
    return { ok: false, problems };
  }
  const type = draft.deedType;
  if (draft.eventDate === '') add('eventDate', 'FIELD_REQUIRED');
  else if (!realDate(draft.eventDate)) add('eventDate', 'EVENT_DATE_INVALID');
  else {
    const timeliness = classifyTimeliness(type, { eventDate: draft.eventDate, reportedAt: asOf });
    if (!timeliness.ok) timeliness.errors.filter((e) => e.code === 'EVENT_DATE_INVALID' || e.code === 'REPORT_BEFORE_EVENT').forEach((e) => add('eventDate', e.code));
  }
  if (draft.districtCode === '') add('districtCode', 'FIELD_REQUIRED');
  else {
    const district = findRegion(draft.districtCode);
    if (!/^\d{6}$/.test(draft.districtCode) || !district || district.level !== 'district' || district.historical || !draft.districtCode.startsWith(regencyCode)) add('districtCode', 'DISTRICT_UNKNOWN');
  }
  if (draft.villageCode !== '' && (!draft.villageCode.startsWith(draft.districtCode) || !villageKnown(draft.districtCode, draft.villageCode))) add('villageCode', 'VILLAGE_UNKNOWN');

  const value = (path: string) => (draft.values[path] ?? '').trim();
  for (const path of OPEN_FIELDS[type]) {
    const v = value(path);
    const leaf = path.split('.').pop() as string;
    if (v === '') {
      if (OPEN_REQUIRED[type].includes(path)) add(path, 'FIELD_REQUIRED');
      continue;
    }
    if (leaf === 'nik') {
      const parsed = parseNik(v, { asOf });
      if (!parsed.ok) parsed.errors.forEach((e) => add(path, e.code));
    } else if (FIELD_MAX_LENGTH[leaf] !== undefined && v.length > (FIELD_MAX_LENGTH[leaf] as number)) add(path, 'IS_LENGTH');
  }
  // A mother without a NIK is known by her name and her desa.
  if ((type === 'BIRTH' || type === 'STILLBIRTH') && value('mother.nik') === '' && draft.villageCode === '') add('villageCode', 'CASE_KEY_FACT_MISSING');
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const particulars: Record<string, Record<string, string> | string> = {};
  for (const path of OPEN_FIELDS[type]) {
    const v = value(path);
    if (v === '') continue;
    const [group, leaf] = path.split('.') as [string, string | undefined];
    if (leaf === undefined) particulars[group] = v;
    else particulars[group] = { ...((particulars[group] as Record<string, string> | undefined) ?? {}), [leaf]: v };
  }
  const p = particulars as Record<string, Record<string, string> | undefined>;
  const key = deedCaseKey(type, {
    eventDate: draft.eventDate,
    motherNik: p['mother']?.['nik'],
    motherName: p['mother']?.['fullName'],
    villageCode: draft.villageCode || undefined,
    deceasedNik: p['deceased']?.['nik'],
    husbandNik: p['husband']?.['nik'],
    wifeNik: p['wife']?.['nik'],
    courtDecisionNumber: p['courtDecision']?.['number'],
    birthDeedNumber: particulars['birthDeedNumber'] as string | undefined,
  });
  if (!key.ok) {
    key.errors.forEach((e) => add('_form', e.code));
    return { ok: false, problems };
  }
  return {
    ok: true,
    body: { deedType: type, eventDate: draft.eventDate, districtCode: draft.districtCode, ...(draft.villageCode ? { villageCode: draft.villageCode } : {}), channel: 'OFFICE', particulars },
  };
}
