/**
 * The family card rules as the form runs them, live, before anything is sent: the card read from identity is turned
 * into the domain's FamilyCard (parents by NIK, as the service does), and the domain decides — `splitFamilyCard` and
 * `changeHead` (the family operations), and `checkFamilyCard` on each card as it would be after the change, so that
 * the person sees every violation at once, not only the first the operation stops at. Violations name residents
 * (by id), whichever card their indexes pointed into. Pure functions: no DOM, no network; tested in rules.spec.ts.
 */
import {
  addMovedInMember,
  changeHead,
  checkFamilyCard,
  removeMember,
  Shdk,
  splitFamilyCard,
  type FamilyCard,
  type FamilyMember,
  type ShdkCode,
} from '@adminduk/domain';
import type { IdentityComponents } from '@adminduk/clients';

export type CardView = IdentityComponents['schemas']['FamilyCardView'];
export type CardMemberView = IdentityComponents['schemas']['FamilyCardMemberView'];

/** One broken rule: its code (the key of its message, errors.<CODE>) and the residents involved. */
export interface Violation {
  readonly code: string;
  readonly residentIds: readonly string[];
}

/** A member of a card as it would be after the change. */
export interface PreviewMember {
  readonly residentId: string;
  readonly relationship: ShdkCode | undefined;
}

/** Today in the office's time zone (WITA, Asia/Makassar): the `asOf` of the rules. */
export function officeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The card as the domain reads it; parents are given by NIK when they are on the card (the only place the rules look). */
export function toDomainCard(view: CardView): FamilyCard {
  const nikOf = new Map(view.members.map((m) => [m.residentId, m.nik]));
  return {
    kkNumber: view.kkNumber,
    version: view.version,
    polygamyPermitted: view.polygamyPermitted,
    members: view.members.map((m): FamilyMember => {
      const fatherNik = m.fatherResidentId ? nikOf.get(m.fatherResidentId) : undefined;
      const motherNik = m.motherResidentId ? nikOf.get(m.motherResidentId) : undefined;
      return {
        nik: m.nik,
        relationship: m.relationship as ShdkCode,
        birthDate: m.birthDate,
        sex: m.sex,
        maritalStatus: m.maritalStatus,
        religion: m.religion,
        ...(fatherNik ? { fatherNik } : {}),
        ...(motherNik ? { motherNik } : {}),
      };
    }),
  };
}

function idsAt(members: readonly { readonly residentId: string }[], indexes: readonly number[]): string[] {
  return indexes.map((i) => members[i]?.residentId).filter((id): id is string => id !== undefined);
}

/** Adds violations not already listed (same code, same residents). */
function collect(into: Violation[], more: readonly Violation[]): void {
  for (const v of more) {
    const key = `${v.code}|${[...v.residentIds].sort().join(',')}`;
    if (!into.some((x) => `${x.code}|${[...x.residentIds].sort().join(',')}` === key)) into.push(v);
  }
}

/** checkFamilyCard on a card given as view members with new relationships (violations by resident id). */
function checkProjected(view: CardView, projected: readonly PreviewMember[], asOf: string): { errors: Violation[]; warnings: Violation[] } {
  const domain = toDomainCard(view);
  const domainById = new Map(view.members.map((m, i) => [m.residentId, domain.members[i] as FamilyMember]));
  const members = projected.map((p) => ({ ...(domainById.get(p.residentId) as FamilyMember), relationship: (p.relationship ?? 0) as ShdkCode }));
  const card: FamilyCard = { kkNumber: view.kkNumber, members };
  const checked = checkFamilyCard(card, { asOf });
  const toViolation = (e: { code: string; members: readonly number[] }): Violation => ({ code: e.code, residentIds: idsAt(projected, e.members) });
  return checked.ok ? { errors: [], warnings: checked.warnings.map(toViolation) } : { errors: checked.errors.map(toViolation), warnings: [] };
}

export interface SplitPreview {
  readonly newCard: readonly PreviewMember[];
  readonly rest: readonly PreviewMember[];
  readonly violations: readonly Violation[];
  readonly warnings: readonly Violation[];
}

/**
 * Pecah KK as it would be: the chosen member heads a new card, the Menantu among those leaving becomes Suami or Istri
 * and the Cucu become Anak (the domain's own mapping when the operation succeeds); the rest stay. Every violation:
 * the operation's (splitFamilyCard) and each resulting card's (checkFamilyCard), without repeats.
 */
export function previewSplit(view: CardView, newHeadId: string, leavingIds: readonly string[], asOf: string): SplitPreview {
  const domain = toDomainCard(view);
  const nikOf = new Map(view.members.map((m) => [m.residentId, m.nik]));
  const idOfNik = new Map(view.members.map((m) => [m.nik, m.residentId]));
  // In the order printed on the card (the spouse before the children), whatever the order they were ticked in.
  const leaving = view.members.map((m) => m.residentId).filter((id) => id !== newHeadId && leavingIds.includes(id));
  const options = { asOf, kkIssue: { districtCode: view.districtCode, usedSerials: [] } };
  const result = splitFamilyCard(domain, { newHeadNik: nikOf.get(newHeadId) ?? '', memberNiks: leaving.map((id) => nikOf.get(id) as string) }, options);
  if (result.ok && result.value.newCard) {
    const back = (m: FamilyMember): PreviewMember => ({ residentId: idOfNik.get(m.nik) as string, relationship: m.relationship });
    return { newCard: result.value.newCard.members.map(back), rest: result.value.card.members.map(back), violations: [], warnings: result.warnings.map((w) => ({ code: w.code, residentIds: [] })) };
  }
  // The operation refused: the cards as they would be, and every rule they break.
  const byId = new Map(view.members.map((m) => [m.residentId, m]));
  const newCard: PreviewMember[] = [{ residentId: newHeadId, relationship: Shdk.KEPALA_KELUARGA }];
  for (const id of leaving) {
    const m = byId.get(id) as CardMemberView;
    newCard.push({ residentId: id, relationship: m.relationship === Shdk.MENANTU ? (m.sex === 'M' ? Shdk.SUAMI : Shdk.ISTRI) : Shdk.ANAK });
  }
  const moving = new Set([newHeadId, ...leaving]);
  const rest: PreviewMember[] = view.members.filter((m) => !moving.has(m.residentId)).map((m) => ({ residentId: m.residentId, relationship: m.relationship as ShdkCode }));
  const violations: Violation[] = [];
  if (!result.ok) collect(violations, result.errors.map((e) => ({ code: e.code, residentIds: idsAt(view.members, e.members) })));
  const a = checkProjected(view, newCard, asOf);
  const b = checkProjected(view, rest, asOf);
  collect(violations, a.errors);
  collect(violations, b.errors);
  return { newCard, rest, violations, warnings: [...a.warnings, ...b.warnings] };
}

export interface HeadPreview {
  readonly members: readonly PreviewMember[];
  readonly violations: readonly Violation[];
  readonly warnings: readonly Violation[];
  /** Members whose new relationship the rules cannot derive: the person chooses it. */
  readonly undecided: readonly string[];
}

/** A new head as it would be (the domain's changeHead), with the relationships the person chose for the others. */
export function previewChangeHead(view: CardView, newHeadId: string, chosen: Readonly<Record<string, ShdkCode>>, asOf: string): HeadPreview {
  const domain = toDomainCard(view);
  const nikOf = new Map(view.members.map((m) => [m.residentId, m.nik]));
  const relationships: Record<string, ShdkCode> = {};
  for (const [id, code] of Object.entries(chosen)) {
    const nik = nikOf.get(id);
    if (nik) relationships[nik] = code;
  }
  const options = { asOf, kkIssue: { districtCode: view.districtCode, usedSerials: [] } };
  const result = changeHead(domain, { newHeadNik: nikOf.get(newHeadId) ?? '', relationships }, options);
  if (result.ok) {
    return {
      members: result.value.card.members.map((m, i) => ({ residentId: view.members[i]?.residentId as string, relationship: m.relationship })),
      violations: [],
      warnings: result.warnings.map((w) => ({ code: w.code, residentIds: idsAt(view.members, w.members) })),
      undecided: [],
    };
  }
  const undecided = result.errors.filter((e) => e.code === 'RELATIONSHIP_CHOICE_REQUIRED').flatMap((e) => idsAt(view.members, e.members));
  const members = view.members.map((m) => ({
    residentId: m.residentId,
    relationship: m.residentId === newHeadId ? Shdk.KEPALA_KELUARGA : chosen[m.residentId],
  }));
  const violations: Violation[] = [];
  collect(violations, result.errors.map((e) => ({ code: e.code, residentIds: idsAt(view.members, e.members) })));
  return { members, violations, warnings: [], undecided };
}

/** The items of a problem+json answer (a 422 of the rules), as violations: code and residents. */
export function problemViolations(problem: unknown): Violation[] {
  if (typeof problem !== 'object' || problem === null) return [];
  const items = (problem as { errors?: unknown }).errors;
  if (!Array.isArray(items)) return [];
  return items
    .filter((i): i is { code?: unknown; residentIds?: unknown } => typeof i === 'object' && i !== null)
    .map((i) => ({
      code: typeof i.code === 'string' ? i.code : 'VALIDATION_FAILED',
      residentIds: Array.isArray(i.residentIds) ? i.residentIds.filter((r): r is string => typeof r === 'string') : [],
    }));
}

export type ResidentView = IdentityComponents['schemas']['ResidentView'];

export interface RemovePreview {
  readonly members: readonly PreviewMember[];
  readonly violations: readonly Violation[];
  readonly warnings: readonly Violation[];
  /** Members whose new relationship the rules cannot derive (the head left): the person chooses it. */
  readonly undecided: readonly string[];
  /** The head leaves and no rule names one successor: the family chooses among these. */
  readonly headChoice: readonly string[];
}

/**
 * A member moves out (pindah keluar) as the domain's removeMember would do it: when the head leaves, the successor
 * rule (the one spouse, else the eldest adult Anak) or the family's choice, and the relationships re-mapped.
 */
export function previewMoveOut(view: CardView, residentId: string, newHeadId: string | undefined, chosen: Readonly<Record<string, ShdkCode>>, asOf: string): RemovePreview {
  const domain = toDomainCard(view);
  const nikOf = new Map(view.members.map((m) => [m.residentId, m.nik]));
  const idOfNik = new Map(view.members.map((m) => [m.nik, m.residentId]));
  const relationships: Record<string, ShdkCode> = {};
  for (const [id, code] of Object.entries(chosen)) {
    const nik = nikOf.get(id);
    if (nik && id !== newHeadId) relationships[nik] = code;
  }
  const newHeadNik = newHeadId ? nikOf.get(newHeadId) : undefined;
  const options = { asOf, kkIssue: { districtCode: view.districtCode, usedSerials: [] } };
  const result = removeMember(domain, { nik: nikOf.get(residentId) ?? '', reason: 'MOVE_OUT', ...(newHeadNik ? { newHeadNik } : {}), relationships }, options);
  if (result.ok) {
    return {
      members: result.value.card.members.map((m) => ({ residentId: idOfNik.get(m.nik) as string, relationship: m.relationship })),
      violations: [],
      warnings: [],
      undecided: [],
      headChoice: [],
    };
  }
  const staying = view.members.filter((m) => m.residentId !== residentId);
  const violations: Violation[] = [];
  collect(violations, result.errors.map((e) => ({ code: e.code, residentIds: idsAt(view.members, e.members) })));
  return {
    members: staying.map((m) => ({ residentId: m.residentId, relationship: m.residentId === newHeadId ? Shdk.KEPALA_KELUARGA : (chosen[m.residentId] ?? (m.relationship as ShdkCode)) })),
    violations,
    warnings: [],
    undecided: result.errors.filter((e) => e.code === 'RELATIONSHIP_CHOICE_REQUIRED').flatMap((e) => idsAt(view.members, e.members)),
    headChoice: result.errors.filter((e) => e.code === 'HEAD_CHOICE_REQUIRED').flatMap((e) => idsAt(view.members, e.members)),
  };
}

export interface AddPreview {
  readonly members: readonly PreviewMember[];
  readonly violations: readonly Violation[];
  readonly warnings: readonly Violation[];
}

/**
 * A resident moves in (pindah datang) with the SHDK the family declares, as addMovedInMember would add them; a
 * resident who is already on a card, or not living in the register, is refused as identity refuses them.
 */
export function previewMoveIn(view: CardView, resident: ResidentView, relationship: ShdkCode | undefined, asOf: string): AddPreview {
  const violations: Violation[] = [];
  if (resident.familyCardId && resident.familyCardId !== view.id) violations.push({ code: 'RESIDENT_ALREADY_ON_CARD', residentIds: [resident.id] });
  if (resident.status !== 'ALIVE') violations.push({ code: 'RESIDENT_NOT_ALIVE', residentIds: [resident.id] });
  const members: PreviewMember[] = [...view.members.map((m) => ({ residentId: m.residentId, relationship: m.relationship as ShdkCode })), { residentId: resident.id, relationship }];
  if (relationship === undefined) return { members, violations, warnings: [] };
  const member: FamilyMember = { nik: resident.nik, relationship, birthDate: resident.birthDate, sex: resident.sex, maritalStatus: resident.maritalStatus, religion: resident.religion };
  const options = { asOf, kkIssue: { districtCode: view.districtCode, usedSerials: [] } };
  const result = addMovedInMember(toDomainCard(view), member, options);
  const ids = [...view.members.map((m) => m.residentId), resident.id];
  if (result.ok) return { members, violations, warnings: result.warnings.map((w) => ({ code: w.code, residentIds: idsAt(ids.map((residentId) => ({ residentId })), w.members) })) };
  collect(violations, result.errors.map((e) => ({ code: e.code, residentIds: idsAt(ids.map((residentId) => ({ residentId })), e.members) })));
  return { members, violations, warnings: [] };
}
