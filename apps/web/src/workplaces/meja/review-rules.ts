/**
 * The rules of "Pemeriksaan Data Akta" (identity's reviews of the deeds events, GET /deed-event-reviews), kept apart
 * from the screens so that they are tested without a browser: the order of the list, the deed type an event names,
 * the differences a held event found set side by side (what the deed reports, what the register holds), and the
 * registrar's reason checked as identity checks it (ReviewDecisionDto: 1–500 characters, not blank, no control
 * characters).
 */
import type { IdentityComponents } from '@adminduk/clients';
import { DEED_TYPES, type DeedType } from '@adminduk/domain';

export type ReviewView = IdentityComponents['schemas']['DeedEventReviewView'];
export type ReviewItem = IdentityComponents['schemas']['ReviewItemView'];
export type ReviewCode = ReviewView['code'];

/** What a review is about in the register: the particulars of a person the register compares (matchParticulars). */
export const COMPARED_FIELDS = ['fullName', 'birthDate', 'sex'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** The people a deed names, as the deed's particulars and the review's fields call them ('deceased.fullName'). */
export const PERSON_ROLES = ['deceased', 'mother', 'father', 'child', 'husband', 'wife', 'adopter'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** What a deeds event says happened to the deed. */
export type EventKind = 'REGISTERED' | 'CORRECTED' | 'ANNULLED';

/** 'deeds.death.registered.v1' → DEATH; a correction or an annulment (deeds.deed.…) names no type. */
export function deedTypeOfSubject(subject: string): DeedType | undefined {
  const [service, aggregate] = subject.split('.');
  if (service !== 'deeds' || aggregate === undefined) return undefined;
  return DEED_TYPES.find((t) => t.toLowerCase() === aggregate);
}

export function eventKindOfSubject(subject: string): EventKind {
  const fact = subject.split('.')[2];
  return fact === 'corrected' ? 'CORRECTED' : fact === 'annulled' ? 'ANNULLED' : 'REGISTERED';
}

/**
 * The most urgent first: an event held for a registrar's decision (nothing of the deed reached the register yet)
 * before the work left to an operator, and within each the one waiting longest first (identity answers oldest first).
 */
export function sortReviews<T extends Pick<ReviewView, 'id' | 'held' | 'createdAt'>>(reviews: readonly T[]): T[] {
  return [...reviews].sort((a, b) => {
    if (a.held !== b.held) return a.held ? -1 : 1;
    const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
    return byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** What the register holds of a resident, as far as the comparison goes. */
export interface RegisterRecord {
  readonly fullName: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
}

/** One line of the differences: a person's field, what the deed reports and what the register holds, and why. */
export interface DifferenceRow {
  /** The review's field ('deceased.fullName'). */
  readonly field: string;
  readonly role: PersonRole;
  readonly leaf: ComparedField;
  /** The domain's codes for this field (a name may differ in its family name and its given names both). */
  readonly codes: readonly string[];
  readonly residentId?: string;
  /** What the deed reports (undefined: the deed was not read, or it does not say). */
  readonly reported?: string;
  /** What the register holds (undefined: the resident was not read). */
  readonly registered?: string;
}

export interface Differences {
  readonly rows: readonly DifferenceRow[];
  /** The items that are no comparison of particulars (a refusal of the register, a card's rule): shown as they are. */
  readonly others: readonly ReviewItem[];
}

function comparedField(field: string | undefined): { role: PersonRole; leaf: ComparedField } | undefined {
  if (!field) return undefined;
  const [role, leaf, ...rest] = field.split('.');
  if (rest.length > 0) return undefined;
  const r = PERSON_ROLES.find((x) => x === role);
  const l = COMPARED_FIELDS.find((x) => x === leaf);
  return r && l ? { role: r, leaf: l } : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/**
 * The review's items side by side with the deed's particulars and the register's records: one row per person and
 * field (its codes together), in the order the items came; every other item as it is.
 */
export function differenceRows(
  items: readonly ReviewItem[],
  particulars: Readonly<Record<string, unknown>> | undefined,
  residents: ReadonlyMap<string, RegisterRecord>,
): Differences {
  const rows: DifferenceRow[] = [];
  const others: ReviewItem[] = [];
  for (const item of items) {
    const at = comparedField(item.field);
    if (!at || !item.field) {
      others.push(item);
      continue;
    }
    const residentId = item.residentIds?.[0];
    const existing = rows.findIndex((r) => r.field === item.field && r.residentId === residentId);
    if (existing >= 0) {
      const row = rows[existing] as DifferenceRow;
      if (item.code && !row.codes.includes(item.code)) rows[existing] = { ...row, codes: [...row.codes, item.code] };
      continue;
    }
    const person = particulars?.[at.role];
    const reported = typeof person === 'object' && person !== null ? text((person as Record<string, unknown>)[at.leaf]) : undefined;
    const record = residentId ? residents.get(residentId) : undefined;
    rows.push({
      field: item.field,
      role: at.role,
      leaf: at.leaf,
      codes: item.code ? [item.code] : [],
      ...(residentId ? { residentId } : {}),
      ...(reported !== undefined ? { reported } : {}),
      ...(record ? { registered: record[at.leaf] } : {}),
    });
  }
  return { rows, others };
}

/** The reason as sent: a textarea's line breaks become spaces (identity refuses control characters, a line break too). */
export function reasonToSend(reason: string): string {
  return reason.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * A review item's field as a path of the deed's particulars, to name it in words: 'husbandNik' → 'husband.nik'
 * (the register's refusals name a person by their NIK field); 'familyCard' stays (the card, not a particular).
 */
export function reviewFieldPath(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const nik = /^([a-z]+)Nik$/.exec(field);
  const role = nik ? PERSON_ROLES.find((r) => r === nik[1]) : undefined;
  return role ? `${role}.nik` : field;
}

export type ReasonProblem = 'REQUIRED' | 'TOO_LONG' | 'CONTROL_CHARACTER';

export const REASON_MAX_LENGTH = 500;

/** The registrar's reason as identity takes it: not blank, at most 500 characters, no control characters. */
export function reasonProblem(reason: string): ReasonProblem | undefined {
  if (reason.trim() === '') return 'REQUIRED';
  if (reason.length > REASON_MAX_LENGTH) return 'TOO_LONG';
  for (const c of reason) {
    const n = c.codePointAt(0) ?? 0;
    if (n <= 0x1f || (n >= 0x7f && n <= 0x9f)) return 'CONTROL_CHARACTER';
  }
  return undefined;
}

/** The roles that decide a held event (identity: POST …/confirm and …/reject are the registrar's; admin always). */
export function mayDecide(roles: readonly string[]): boolean {
  return roles.includes('registrar') || roles.includes('admin');
}

/** The roles that close a review holding nothing once its work is done (POST /deed-event-reviews/{id}/close). */
export function mayCloseReview(roles: readonly string[]): boolean {
  return roles.includes('operator') || mayDecide(roles);
}

/** The roles that read the reviews at all (GET /deed-event-reviews). */
export function mayReadReviews(roles: readonly string[]): boolean {
  return roles.includes('operator') || roles.includes('registrar') || roles.includes('admin');
}
