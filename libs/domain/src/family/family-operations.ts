/**
 * Family card operations. Each takes a valid card and returns the new version of the card (never mutating
 * its input) with the facts that happened, or every violation. The new card is checked with
 * checkFamilyCard before it is returned, so an operation can never produce a card that the check rejects.
 */
import { asOfToYmd, addYears, parseIsoDate, type IsoDate } from '../calendar.js';
import { isEverMarried, isMarried, type MaritalStatus } from '../codes/marital-status.js';
import type { Religion } from '../codes/religion.js';
import { Shdk, type ShdkCode } from '../codes/shdk.js';
import { issueKkNumber } from '../identifiers/kk-number.js';
import { maskNik, type Sex } from '../identifiers/nik.js';
import { WAJIB_KTP_AGE } from '../people/age.js';
import {
  checkFamilyCard,
  FAMILY_CARD_VIOLATION_CODES,
  type FamilyCard,
  type FamilyCardCheckOptions,
  type FamilyCardViolation,
  type FamilyCardWarningCode,
  type FamilyMember,
} from './family-card.js';

/** The family card operations, as named in facts and in KK_NUMBER_POLICY. */
export type FamilyOperation = 'ADD_NEWBORN' | 'ADD_MOVE_IN' | 'REMOVE_DEATH' | 'REMOVE_MOVE_OUT' | 'CHANGE_HEAD' | 'SPLIT' | 'MOVE_FAMILY';

/**
 * Whether an operation gives the card a new No. KK or reprints it under the same number. The number changes
 * when the card is reissued after a move, a change of head (the head's death) or a split; a birth or the
 * death of a member other than the head reprints the card under its number. When an operation both removes
 * the head and changes it, CHANGE_HEAD decides.
 */
export const KK_NUMBER_POLICY: Readonly<Record<FamilyOperation, 'NEW_NUMBER' | 'REPRINT'>> = {
  ADD_NEWBORN: 'REPRINT',
  ADD_MOVE_IN: 'NEW_NUMBER',
  REMOVE_DEATH: 'REPRINT',
  REMOVE_MOVE_OUT: 'NEW_NUMBER',
  CHANGE_HEAD: 'NEW_NUMBER',
  SPLIT: 'NEW_NUMBER',
  MOVE_FAMILY: 'NEW_NUMBER',
};

/** How the new head was found when the head leaves the card. */
export type HeadSuccessionRule = 'SPOUSE' | 'ELDEST_ADULT_CHILD' | 'CHOSEN';

export type FamilyCardFact =
  | { readonly type: 'MEMBER_ADDED'; readonly nik: string; readonly reason: 'BIRTH' | 'MOVE_IN'; readonly relationship: ShdkCode }
  | { readonly type: 'MEMBER_REMOVED'; readonly nik: string; readonly reason: 'DEATH' | 'MOVE_OUT' }
  | { readonly type: 'HEAD_CHANGED'; readonly previousHeadNik: string; readonly newHeadNik: string; readonly rule: HeadSuccessionRule }
  | { readonly type: 'RELATIONSHIP_CHANGED'; readonly nik: string; readonly from: ShdkCode; readonly to: ShdkCode }
  | { readonly type: 'MARITAL_STATUS_CHANGED'; readonly nik: string; readonly from: MaritalStatus; readonly to: MaritalStatus }
  | { readonly type: 'CARD_SPLIT'; readonly fromKkNumber: string; readonly newKkNumber: string; readonly niks: readonly string[] }
  | { readonly type: 'KK_NUMBER_REISSUED'; readonly previousKkNumber: string; readonly kkNumber: string; readonly operation: FamilyOperation }
  | { readonly type: 'CARD_REPRINTED'; readonly kkNumber: string; readonly operation: FamilyOperation }
  | { readonly type: 'CARD_CLOSED'; readonly kkNumber: string };

export interface FamilyCardChange {
  /** The card after the operation (a new object; the input is untouched). Empty members when closed. */
  readonly card: FamilyCard;
  /** For a split: the new card of the members who left. */
  readonly newCard?: FamilyCard;
  readonly facts: readonly FamilyCardFact[];
}

/**
 * Operation errors, besides the FamilyCardViolationCode of the input or resulting card:
 * - `MEMBER_NOT_ON_CARD`: a NIK named by the request is not on the card;
 * - `MEMBER_ALREADY_ON_CARD`: the member to add is already on the card;
 * - `NEWBORN_PARENT_NOT_ON_CARD`: neither parent of the newborn is on the card;
 * - `NEWBORN_INVALID`: the newborn's record is incomplete;
 * - `HEAD_CHOICE_REQUIRED`: the head leaves and no rule finds one successor (several wives, adult twins, no
 *   adult): name one with `newHeadNik`;
 * - `NEW_HEAD_NOT_ELIGIBLE`: the chosen head is not on the card or not wajib KTP;
 * - `RELATIONSHIP_CHOICE_REQUIRED`: after a change of head, some members' new SHDK cannot be derived; give
 *   them in `relationships`;
 * - `SPLIT_NEW_HEAD_NOT_MARRIED_CHILD`: pecah KK is for an Anak who is married or ever married;
 * - `SPLIT_MEMBER_NOT_ELIGIBLE`: only the new head's spouse (Menantu) and children (Cucu) leave with them;
 * - `KK_ISSUE_REQUIRED`: the operation needs a new No. KK and `kkIssue` was not given;
 * - `KK_ISSUE_FAILED`: the No. KK could not be issued (the message names the KK_ISSUE_* codes).
 */
export type FamilyOperationErrorCode = (typeof FAMILY_OPERATION_ERROR_CODES)[number];

/** The card's own violations (FAMILY_CARD_VIOLATION_CODES) and the operations'. */
export const FAMILY_OPERATION_ERROR_CODES = [
  ...FAMILY_CARD_VIOLATION_CODES,
  'MEMBER_NOT_ON_CARD',
  'MEMBER_ALREADY_ON_CARD',
  'NEWBORN_PARENT_NOT_ON_CARD',
  'NEWBORN_INVALID',
  'HEAD_CHOICE_REQUIRED',
  'NEW_HEAD_NOT_ELIGIBLE',
  'RELATIONSHIP_CHOICE_REQUIRED',
  'SPLIT_NEW_HEAD_NOT_MARRIED_CHILD',
  'SPLIT_MEMBER_NOT_ELIGIBLE',
  'KK_ISSUE_REQUIRED',
  'KK_ISSUE_FAILED',
] as const;

export type FamilyOperationResult =
  | { readonly ok: true; readonly value: FamilyCardChange; readonly warnings: readonly FamilyCardViolation<FamilyCardWarningCode>[] }
  | { readonly ok: false; readonly errors: readonly FamilyCardViolation<FamilyOperationErrorCode>[] };

export interface FamilyOperationOptions extends FamilyCardCheckOptions {
  /**
   * Where a new No. KK is issued and the serials already used there on the asOf date. Needed only by the
   * operations that reissue the number (KK_NUMBER_POLICY).
   */
  readonly kkIssue?: { readonly districtCode: string; readonly usedSerials: Iterable<number | string> };
}

type Err = FamilyCardViolation<FamilyOperationErrorCode>;
const err = (code: FamilyOperationErrorCode, members: readonly number[], message: string): Err => ({ code, members, message });
const failure = (...errors: Err[]): FamilyOperationResult => ({ ok: false, errors });

function indexOfNik(card: FamilyCard, nik: unknown): number {
  if (typeof nik !== 'string') return -1;
  const wanted = nik.trim();
  return card.members.findIndex((m) => m.nik.trim() === wanted);
}

/** Checks the input card first: operations work on valid cards only. */
function checkInput(card: FamilyCard, options: FamilyOperationOptions): FamilyOperationResult | undefined {
  const checked = checkFamilyCard(card, options);
  return checked.ok ? undefined : { ok: false, errors: checked.errors };
}

interface Draft {
  members: FamilyMember[];
  facts: FamilyCardFact[];
}

function setRelationship(draft: Draft, index: number, to: ShdkCode): void {
  const member = draft.members[index] as FamilyMember;
  if (member.relationship === to) return;
  draft.facts.push({ type: 'RELATIONSHIP_CHANGED', nik: member.nik, from: member.relationship, to });
  draft.members[index] = { ...member, relationship: to };
}

function setMaritalStatus(draft: Draft, index: number, to: MaritalStatus): void {
  const member = draft.members[index] as FamilyMember;
  if (member.maritalStatus === to) return;
  draft.facts.push({ type: 'MARITAL_STATUS_CHANGED', nik: member.nik, from: member.maritalStatus, to });
  draft.members[index] = { ...member, maritalStatus: to };
}

/** Gives the new card its number (new or reprinted), checks it and builds the result. */
function finish(
  original: FamilyCard,
  draft: Draft,
  operation: FamilyOperation,
  options: FamilyOperationOptions,
  extra: { usedSerials?: number[]; closed?: boolean } = {},
): FamilyOperationResult {
  const version = (original.version ?? 1) + 1;
  if (extra.closed) {
    return {
      ok: true,
      value: { card: { ...original, members: [], version }, facts: [...draft.facts, { type: 'CARD_CLOSED', kkNumber: original.kkNumber }] },
      warnings: [],
    };
  }
  let kkNumber = original.kkNumber;
  const facts = [...draft.facts];
  if (KK_NUMBER_POLICY[operation] === 'NEW_NUMBER') {
    const issued = issueNumber(options, extra.usedSerials ?? []);
    if (!issued.ok) return failure(issued.error);
    kkNumber = issued.kkNumber;
    facts.push({ type: 'KK_NUMBER_REISSUED', previousKkNumber: original.kkNumber, kkNumber, operation });
  } else {
    facts.push({ type: 'CARD_REPRINTED', kkNumber, operation });
  }
  const card: FamilyCard = { ...original, kkNumber, members: draft.members, version };
  const checked = checkFamilyCard(card, options);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return { ok: true, value: { card, facts }, warnings: checked.warnings };
}

function issueNumber(
  options: FamilyOperationOptions,
  alsoUsed: readonly number[],
): { ok: true; kkNumber: string; serial: number } | { ok: false; error: Err } {
  if (!options.kkIssue) return { ok: false, error: err('KK_ISSUE_REQUIRED', [], 'this operation reissues the No. KK: give kkIssue (district and used serials)') };
  const issued = issueKkNumber(
    { districtCode: options.kkIssue.districtCode, usedSerials: [...options.kkIssue.usedSerials, ...alsoUsed] },
    { asOf: options.asOf },
  );
  if (!issued.ok) return { ok: false, error: err('KK_ISSUE_FAILED', [], `the No. KK could not be issued: ${issued.errors.map((e) => e.code).join(', ')}`) };
  return { ok: true, kkNumber: issued.value.kkNumber, serial: +issued.value.serial };
}

export interface Newborn {
  readonly nik: string;
  readonly birthDate: IsoDate;
  readonly sex: Sex;
  readonly religion: Religion;
  readonly fatherNik?: string;
  readonly motherNik?: string;
}

/**
 * Adds a newborn from a birth deed. The SHDK follows the parents on the card: a child of the head or a
 * spouse is Anak, a child of an Anak or Menantu is Cucu, any other is Famili Lain. At least one parent must
 * be on the card. The card is reprinted under its number.
 */
export function addNewborn(card: FamilyCard, newborn: Newborn, options: FamilyOperationOptions): FamilyOperationResult {
  const invalid = checkInput(card, options);
  if (invalid) return invalid;
  if (typeof newborn !== 'object' || newborn === null || typeof newborn.nik !== 'string') {
    return failure(err('NEWBORN_INVALID', [], 'a newborn has a nik, birthDate, sex and religion'));
  }
  if (indexOfNik(card, newborn.nik) !== -1) return failure(err('MEMBER_ALREADY_ON_CARD', [indexOfNik(card, newborn.nik)], `${maskNik(newborn.nik)} is already on the card`));
  const parents = [newborn.fatherNik, newborn.motherNik].map((nik) => indexOfNik(card, nik)).filter((i) => i !== -1);
  if (parents.length === 0) return failure(err('NEWBORN_PARENT_NOT_ON_CARD', [], 'neither parent of the newborn is on this card'));
  const parentRoles = parents.map((i) => (card.members[i] as FamilyMember).relationship);
  const relationship: ShdkCode = parentRoles.some((r) => r === Shdk.KEPALA_KELUARGA || r === Shdk.SUAMI || r === Shdk.ISTRI)
    ? Shdk.ANAK
    : parentRoles.some((r) => r === Shdk.ANAK || r === Shdk.MENANTU)
      ? Shdk.CUCU
      : Shdk.FAMILI_LAIN;
  const member: FamilyMember = {
    nik: newborn.nik.trim(),
    relationship,
    birthDate: newborn.birthDate,
    sex: newborn.sex,
    maritalStatus: 'BELUM_KAWIN',
    religion: newborn.religion,
    ...(newborn.fatherNik ? { fatherNik: newborn.fatherNik } : {}),
    ...(newborn.motherNik ? { motherNik: newborn.motherNik } : {}),
  };
  const draft: Draft = { members: [...card.members, member], facts: [{ type: 'MEMBER_ADDED', nik: member.nik, reason: 'BIRTH', relationship }] };
  return finish(card, draft, 'ADD_NEWBORN', options);
}

/** Adds a member who moves in, with the SHDK the family declares. The card gets a new No. KK. */
export function addMovedInMember(card: FamilyCard, member: FamilyMember, options: FamilyOperationOptions): FamilyOperationResult {
  const invalid = checkInput(card, options);
  if (invalid) return invalid;
  if (typeof member !== 'object' || member === null || typeof member.nik !== 'string') {
    return failure(err('MEMBER_INVALID', [], 'a member has a nik, relationship, birthDate, sex, maritalStatus and religion'));
  }
  const existing = indexOfNik(card, member.nik);
  if (existing !== -1) return failure(err('MEMBER_ALREADY_ON_CARD', [existing], `${maskNik(member.nik)} is already on the card`));
  const draft: Draft = {
    members: [...card.members, { ...member, nik: member.nik.trim() }],
    facts: [{ type: 'MEMBER_ADDED', nik: member.nik.trim(), reason: 'MOVE_IN', relationship: member.relationship }],
  };
  return finish(card, draft, 'ADD_MOVE_IN', options);
}

export interface RemoveRequest {
  readonly nik: string;
  readonly reason: 'DEATH' | 'MOVE_OUT';
  /** When the head leaves: the new head, if the family has chosen (otherwise the succession rule decides). */
  readonly newHeadNik?: string;
  /** When the head leaves: SHDK codes for members whose new relationship cannot be derived. */
  readonly relationships?: Readonly<Record<string, ShdkCode>>;
}

/**
 * Removes a member who died or moved out. When the head leaves, a new head is found (see changeHead and
 * findSuccessor) and the card gets a new No. KK. When a spouse dies, the head becomes Cerai Mati once no
 * spouse remains; when the head dies, the surviving spouses become Cerai Mati. Removing the last member
 * closes the card.
 */
export function removeMember(card: FamilyCard, request: RemoveRequest, options: FamilyOperationOptions): FamilyOperationResult {
  const invalid = checkInput(card, options);
  if (invalid) return invalid;
  const index = indexOfNik(card, request?.nik);
  if (index === -1) return failure(err('MEMBER_NOT_ON_CARD', [], `${maskNik(String(request?.nik))} is not on the card`));
  const leaving = card.members[index] as FamilyMember;
  const reason = request.reason === 'DEATH' ? 'DEATH' : 'MOVE_OUT';
  const draft: Draft = { members: [...card.members], facts: [{ type: 'MEMBER_REMOVED', nik: leaving.nik, reason }] };
  if (card.members.length === 1) return finish(card, draft, reason === 'DEATH' ? 'REMOVE_DEATH' : 'REMOVE_MOVE_OUT', options, { closed: true });

  if (reason === 'DEATH' && isSpouseRole(leaving.relationship)) {
    const headIndex = card.members.findIndex((m) => m.relationship === Shdk.KEPALA_KELUARGA);
    const otherSpouses = card.members.filter((m, i) => i !== index && isSpouseRole(m.relationship));
    if (headIndex !== -1 && otherSpouses.length === 0) setMaritalStatus(draft, headIndex, 'CERAI_MATI');
  }

  if (leaving.relationship !== Shdk.KEPALA_KELUARGA) {
    draft.members.splice(index, 1);
    return finish(card, draft, reason === 'DEATH' ? 'REMOVE_DEATH' : 'REMOVE_MOVE_OUT', options);
  }

  // The head leaves: find the successor, then re-map every relationship to the new head.
  const successor = request.newHeadNik !== undefined
    ? { index: indexOfNik(card, request.newHeadNik), rule: 'CHOSEN' as const }
    : findSuccessor(card, index, options);
  if ('error' in successor) return failure(successor.error);
  if (reason === 'DEATH') {
    card.members.forEach((m, i) => {
      if (isSpouseRole(m.relationship) && isMarried(m.maritalStatus)) setMaritalStatus(draft, i, 'CERAI_MATI');
    });
  }
  return changeHeadOn(card, draft, index, successor.index, successor.rule, request.relationships ?? {}, options, true);
}

export interface MoveFamilyRequest {
  /** The family leaves the regency (pindah keluar): the card is closed here; the destination issues its own. */
  readonly leavesRegency: boolean;
}

/**
 * The whole family moves (pindah satu keluarga, on the head's application; Permendagri 108/2019): within the regency
 * the same members are reissued on a card under a new No. KK of the destination, numbered from `options.kkIssue`
 * (the destination kecamatan); out of the regency every member leaves and the card is closed (its number retired;
 * the destination issues the family's new card).
 */
export function moveFamily(card: FamilyCard, request: MoveFamilyRequest, options: FamilyOperationOptions): FamilyOperationResult {
  const invalid = checkInput(card, options);
  if (invalid) return invalid;
  if (request?.leavesRegency === true) {
    const facts: FamilyCardFact[] = card.members.map((m) => ({ type: 'MEMBER_REMOVED', nik: m.nik, reason: 'MOVE_OUT' }));
    return finish(card, { members: [], facts }, 'MOVE_FAMILY', options, { closed: true });
  }
  return finish(card, { members: [...card.members], facts: [] }, 'MOVE_FAMILY', options);
}

export interface ChangeHeadRequest {
  readonly newHeadNik: string;
  /** SHDK codes for members whose new relationship cannot be derived. */
  readonly relationships?: Readonly<Record<string, ShdkCode>>;
}

/**
 * Makes another member the head while the old head stays on the card (for example when the family decides
 * so). The old head becomes the new head's Suami or Istri, or Orang Tua. The card gets a new No. KK.
 */
export function changeHead(card: FamilyCard, request: ChangeHeadRequest, options: FamilyOperationOptions): FamilyOperationResult {
  const invalid = checkInput(card, options);
  if (invalid) return invalid;
  const oldHead = card.members.findIndex((m) => m.relationship === Shdk.KEPALA_KELUARGA);
  const draft: Draft = { members: [...card.members], facts: [] };
  return changeHeadOn(card, draft, oldHead, indexOfNik(card, request?.newHeadNik), 'CHOSEN', request?.relationships ?? {}, options, false);
}

/**
 * The successor when the head leaves (documented rule): the one spouse on the card; else the eldest Anak who
 * is wajib KTP (17 or older, or ever married); else, or when that is not one person (several wives, twins),
 * the family must choose (`HEAD_CHOICE_REQUIRED`).
 */
export function findSuccessor(
  card: FamilyCard,
  headIndex: number,
  options: FamilyCardCheckOptions,
): { index: number; rule: HeadSuccessionRule } | { error: Err } {
  const spouses = card.members.map((m, i) => [m, i] as const).filter(([m, i]) => i !== headIndex && isSpouseRole(m.relationship));
  if (spouses.length === 1) return { index: (spouses[0] as readonly [FamilyMember, number])[1], rule: 'SPOUSE' };
  if (spouses.length > 1) {
    return { error: err('HEAD_CHOICE_REQUIRED', spouses.map(([, i]) => i), 'several spouses remain: the family must choose the new head') };
  }
  const asOf = asOfToYmd(options.asOf) as number;
  const adults = card.members
    .map((m, i) => [m, i] as const)
    .filter(([m, i]) => i !== headIndex && m.relationship === Shdk.ANAK && isWajibKtpOn(m, asOf))
    .sort(([a], [b]) => (a.birthDate < b.birthDate ? -1 : a.birthDate > b.birthDate ? 1 : 0));
  const eldest = adults[0];
  if (eldest && (adults.length === 1 || (adults[1] as readonly [FamilyMember, number])[0].birthDate !== eldest[0].birthDate)) {
    return { index: eldest[1], rule: 'ELDEST_ADULT_CHILD' };
  }
  const candidates = card.members.map((m, i) => [m, i] as const).filter(([m, i]) => i !== headIndex && isWajibKtpOn(m, asOf));
  return {
    error: err(
      'HEAD_CHOICE_REQUIRED',
      candidates.map(([, i]) => i),
      adults.length > 1 ? 'the eldest adult children share a birth date: the family must choose the new head' : 'no spouse or adult child remains: the family must choose the new head',
    ),
  };
}

function isSpouseRole(r: ShdkCode): boolean {
  return r === Shdk.SUAMI || r === Shdk.ISTRI;
}

function isWajibKtpOn(m: FamilyMember, asOf: number): boolean {
  const birth = parseIsoDate(m.birthDate);
  return birth !== undefined && (isEverMarried(m.maritalStatus) || addYears(birth, WAJIB_KTP_AGE) <= asOf);
}

/**
 * Re-maps SHDK codes to a new head. When a spouse takes over: children and grandchildren stay, the old
 * head's parents become Mertua, the spouse's parents (Mertua) become Orang Tua, other wives become Famili
 * Lain. When an Anak takes over: the old head's spouses become Orang Tua, brothers and sisters Famili Lain
 * (SHDK has no sibling code), the Anak's own spouse (the one married Menantu of the other sex) Suami or
 * Istri, Cucu whose recorded parent is the new head or that spouse become Anak and other Cucu with a
 * recorded parent Famili Lain, grandparents and the old head's in-laws Famili Lain. Pembantu, Lainnya and
 * Famili Lain stay. What cannot be derived (a Cucu with no recorded parent, any member when someone else
 * takes over) must be given in `relationships`.
 */
function changeHeadOn(
  original: FamilyCard,
  draft: Draft,
  oldHead: number,
  newHead: number,
  rule: HeadSuccessionRule,
  overrides: Readonly<Record<string, ShdkCode>>,
  options: FamilyOperationOptions,
  oldHeadLeaves: boolean,
): FamilyOperationResult {
  const asOf = asOfToYmd(options.asOf) as number;
  const candidate = original.members[newHead];
  if (newHead === -1 || newHead === oldHead || !candidate || !isWajibKtpOn(candidate, asOf)) {
    return failure(err('NEW_HEAD_NOT_ELIGIBLE', newHead === -1 ? [] : [newHead], 'the new head must be another member of the card who is wajib KTP (17 or older, or ever married)'));
  }
  const from = candidate.relationship;
  const newHeadSpouse = from === Shdk.ANAK ? findChildSpouse(original, newHead) : -1;
  const undecided: number[] = [];
  const mapped: Array<ShdkCode | undefined> = original.members.map((m, i) => {
    if (i === newHead) return Shdk.KEPALA_KELUARGA;
    if (i === oldHead) {
      if (oldHeadLeaves) return undefined;
      if (isSpouseRole(from)) return m.sex === 'M' ? Shdk.SUAMI : Shdk.ISTRI;
      return from === Shdk.ANAK ? Shdk.ORANG_TUA : undefined;
    }
    const r = m.relationship;
    if (r === Shdk.PEMBANTU || r === Shdk.LAINNYA || r === Shdk.FAMILI_LAIN) return r;
    if (isSpouseRole(from)) {
      if (isSpouseRole(r)) return Shdk.FAMILI_LAIN;
      if (r === Shdk.ORANG_TUA) return Shdk.MERTUA;
      if (r === Shdk.MERTUA) return Shdk.ORANG_TUA;
      return r;
    }
    if (from === Shdk.ANAK) {
      if (isSpouseRole(r)) return Shdk.ORANG_TUA;
      if (r === Shdk.ANAK || r === Shdk.ORANG_TUA || r === Shdk.MERTUA) return Shdk.FAMILI_LAIN;
      if (r === Shdk.MENANTU) return i === newHeadSpouse ? (m.sex === 'M' ? Shdk.SUAMI : Shdk.ISTRI) : Shdk.FAMILI_LAIN;
      if (r === Shdk.CUCU) {
        const parents = [m.fatherNik, m.motherNik].map((nik) => indexOfNik(original, nik)).filter((p) => p !== -1);
        if (parents.length === 0) return undefined;
        return parents.some((p) => p === newHead || p === newHeadSpouse) ? Shdk.ANAK : Shdk.FAMILI_LAIN;
      }
    }
    return undefined;
  });
  const result: ShdkCode[] = [];
  for (let i = 0; i < original.members.length; i++) {
    if (i === oldHead && oldHeadLeaves) continue;
    const override = overrides[(original.members[i] as FamilyMember).nik];
    const code = override ?? mapped[i];
    if (code === undefined) undecided.push(i);
    else result.push(code);
  }
  if (undecided.length > 0) {
    return failure(
      err('RELATIONSHIP_CHOICE_REQUIRED', undecided, `the new relationship to the head of ${undecided.length} member(s) cannot be derived: give it in relationships`),
    );
  }
  for (let i = 0; i < original.members.length; i++) {
    if (i === oldHead && oldHeadLeaves) continue;
    setRelationship(draft, i, (overrides[(original.members[i] as FamilyMember).nik] ?? mapped[i]) as ShdkCode);
  }
  if (oldHeadLeaves) draft.members.splice(oldHead, 1);
  draft.facts.push({ type: 'HEAD_CHANGED', previousHeadNik: (original.members[oldHead] as FamilyMember).nik, newHeadNik: candidate.nik, rule });
  return finish(original, draft, 'CHANGE_HEAD', options);
}

/** The spouse of an Anak among the Menantu: the only married Menantu of the other sex, or -1. */
function findChildSpouse(card: FamilyCard, child: number): number {
  const anak = card.members[child] as FamilyMember;
  const matches = card.members
    .map((m, i) => [m, i] as const)
    .filter(([m]) => m.relationship === Shdk.MENANTU && m.sex !== anak.sex && isMarried(m.maritalStatus) && isMarried(anak.maritalStatus));
  return matches.length === 1 ? (matches[0] as readonly [FamilyMember, number])[1] : -1;
}

export interface SplitRequest {
  /** The married Anak who becomes head of the new card. */
  readonly newHeadNik: string;
  /** Who leaves with them: their spouse (Menantu) and their children (Cucu). */
  readonly memberNiks: readonly string[];
}

/**
 * Pecah KK: a married Anak leaves with their spouse and children to a new card. On the new card the Anak is
 * Kepala Keluarga, the Menantu becomes Suami or Istri and the Cucu become Anak. Both cards get a new
 * No. KK (the new card first, then the original's).
 */
export function splitFamilyCard(card: FamilyCard, request: SplitRequest, options: FamilyOperationOptions): FamilyOperationResult {
  const invalid = checkInput(card, options);
  if (invalid) return invalid;
  const head = indexOfNik(card, request?.newHeadNik);
  const headMember = card.members[head];
  if (head === -1 || !headMember) return failure(err('MEMBER_NOT_ON_CARD', [], 'the new head is not on the card'));
  if (headMember.relationship !== Shdk.ANAK || !isEverMarried(headMember.maritalStatus)) {
    return failure(err('SPLIT_NEW_HEAD_NOT_MARRIED_CHILD', [head], 'pecah KK is for an Anak who is married or ever married'));
  }
  const errors: Err[] = [];
  const leaving: number[] = [];
  for (const nik of Array.isArray(request.memberNiks) ? request.memberNiks : []) {
    const i = indexOfNik(card, nik);
    if (i === -1) {
      errors.push(err('MEMBER_NOT_ON_CARD', [], `${maskNik(String(nik))} is not on the card`));
      continue;
    }
    if (i === head) continue;
    const m = card.members[i] as FamilyMember;
    const parents = [m.fatherNik, m.motherNik].map((p) => indexOfNik(card, p)).filter((p) => p !== -1);
    const ownChild = m.relationship === Shdk.CUCU && (parents.length === 0 || parents.some((p) => p === head || leavingSpouse(card, p)));
    const spouse = m.relationship === Shdk.MENANTU && m.sex !== headMember.sex && isMarried(m.maritalStatus);
    if (!ownChild && !spouse) {
      errors.push(err('SPLIT_MEMBER_NOT_ELIGIBLE', [i], `member ${i + 1} is neither the new head's spouse (Menantu) nor their child (Cucu)`));
      continue;
    }
    leaving.push(i);
  }
  if (errors.length > 0) return failure(...errors);
  const newMembers: FamilyMember[] = [{ ...headMember, relationship: Shdk.KEPALA_KELUARGA }];
  for (const i of leaving) {
    const m = card.members[i] as FamilyMember;
    newMembers.push({ ...m, relationship: m.relationship === Shdk.MENANTU ? (m.sex === 'M' ? Shdk.SUAMI : Shdk.ISTRI) : Shdk.ANAK });
  }
  const movedNiks = newMembers.map((m) => m.nik);
  const newNumber = issueNumber(options, []);
  if (!newNumber.ok) return failure(newNumber.error);
  const newCard: FamilyCard = { kkNumber: newNumber.kkNumber, members: newMembers, version: 1 };
  const newChecked = checkFamilyCard(newCard, options);
  if (!newChecked.ok) return { ok: false, errors: newChecked.errors };
  const staying = new Set([head, ...leaving]);
  const draft: Draft = {
    members: card.members.filter((_, i) => !staying.has(i)),
    facts: [{ type: 'CARD_SPLIT', fromKkNumber: card.kkNumber, newKkNumber: newCard.kkNumber, niks: movedNiks }],
  };
  const rest = finish(card, draft, 'SPLIT', options, { usedSerials: [newNumber.serial] });
  if (!rest.ok) return rest;
  return { ok: true, value: { ...rest.value, newCard }, warnings: [...rest.warnings, ...newChecked.warnings] };

  function leavingSpouse(c: FamilyCard, index: number): boolean {
    const m = c.members[index] as FamilyMember;
    return m.relationship === Shdk.MENANTU && request.memberNiks.some((n) => typeof n === 'string' && n.trim() === m.nik.trim());
  }
}
