/**
 * Between stored family cards and the domain library: a card and its members as the domain's FamilyCard (in
 * card order, with the data the rules need), the domain's facts with NIKs replaced by resident ids, the
 * domain's violations with member indexes replaced by resident ids, and the API views. No rule lives here.
 */
import {
  findCode,
  SHDK,
  type FamilyCard as CardValue,
  type FamilyCardFact,
  type FamilyCardViolation,
  type FamilyCardViolationCode,
  type FamilyMember,
  type FamilyOperationErrorCode,
  type ShdkCode,
} from '@adminduk/domain';
import { itemsFromDomain, officeInstant, type ProblemItem } from '@adminduk/platform';
import type { Resident } from '../residents/resident.entity';
import type { FamilyCardMemberView, FamilyCardVersionView, FamilyCardView } from './family-card.dto';
import type { FamilyCard } from './family-card.entity';
import type { FamilyCardMembership } from './family-card-membership.entity';
import type { FamilyCardVersion, VersionFact } from './family-card-version.entity';

/** What the domain needs of one member: the resident, the SHDK and the recorded parents. */
export interface MemberSource {
  readonly resident: Resident;
  readonly relationship: ShdkCode;
  readonly fatherResidentId?: string;
  readonly motherResidentId?: string;
}

/** A member for the domain. Parents are given by NIK when they are on the card (the only place the rules look). */
export function toDomainMember(source: MemberSource, nikOnCard: (residentId: string | undefined) => string | undefined): FamilyMember {
  const r = source.resident;
  const fatherNik = nikOnCard(source.fatherResidentId);
  const motherNik = nikOnCard(source.motherResidentId);
  return {
    nik: r.nik,
    relationship: source.relationship,
    birthDate: r.birthDate,
    sex: r.sex,
    maritalStatus: r.maritalStatus,
    religion: r.religion,
    ...(fatherNik ? { fatherNik } : {}),
    ...(motherNik ? { motherNik } : {}),
  };
}

/** The stored card as the domain's FamilyCard; `residentIds[i]` is the resident of member i. */
export function toDomainCard(card: FamilyCard, memberships: readonly FamilyCardMembership[]): { value: CardValue; residentIds: string[] } {
  const ordered = [...memberships].sort((a, b) => a.position - b.position);
  const nikById = new Map(ordered.map((m) => [m.resident.id, m.resident.nik]));
  const nikOnCard = (id: string | undefined) => (id ? nikById.get(id) : undefined);
  return {
    value: {
      kkNumber: card.kkNumber,
      polygamyPermitted: card.polygamyPermitted,
      version: card.version,
      members: ordered.map((m) => toDomainMember(m, nikOnCard)),
    },
    residentIds: ordered.map((m) => m.resident.id),
  };
}

/**
 * Operation errors whose member indexes point into the card as it was before the operation. The card checks
 * (FamilyCardViolationCode) of an operation on a valid card point into the card the operation produced. The
 * Record makes a new domain code a compile error here until it is placed.
 */
const BEFORE_OPERATION: Record<Exclude<FamilyOperationErrorCode, FamilyCardViolationCode>, true> = {
  MEMBER_NOT_ON_CARD: true,
  MEMBER_ALREADY_ON_CARD: true,
  NEWBORN_PARENT_NOT_ON_CARD: true,
  NEWBORN_INVALID: true,
  HEAD_CHOICE_REQUIRED: true,
  NEW_HEAD_NOT_ELIGIBLE: true,
  RELATIONSHIP_CHOICE_REQUIRED: true,
  SPLIT_NEW_HEAD_NOT_MARRIED_CHILD: true,
  SPLIT_MEMBER_NOT_ELIGIBLE: true,
  KK_ISSUE_REQUIRED: true,
  KK_ISSUE_FAILED: true,
};

/**
 * Problem items for a refused operation, each naming its members by resident id: `before` are the residents
 * of the card given to the operation, `after` those of the card it would have produced (see each operation).
 */
export function operationItems(
  errors: readonly FamilyCardViolation<FamilyOperationErrorCode>[],
  before: readonly string[],
  after: readonly string[],
): ProblemItem[] {
  return errors.flatMap((e) => itemsFromDomain([e], e.code in BEFORE_OPERATION ? before : after));
}

/**
 * A domain fact with its NIKs replaced by resident ids: `nik` → `residentId`, `niks` → `residentIds`,
 * `…Nik` → `…ResidentId` (HEAD_CHANGED's previousHeadNik and newHeadNik). Every NIK in a fact is a member's.
 */
export function factWithResidentIds(fact: FamilyCardFact, idOf: (nik: string) => string): VersionFact {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fact)) {
    if (key === 'nik') out.residentId = idOf(value as string);
    else if (key === 'niks') out.residentIds = (value as string[]).map(idOf);
    else if (key.endsWith('Nik')) out[`${key.slice(0, -3)}ResidentId`] = idOf(value as string);
    else out[key] = value;
  }
  return out as VersionFact;
}

/** The facts as the FamilyCardChanged event carries them: the type and the resident it is about. */
export function eventFacts(facts: readonly VersionFact[]): { type: string; residentId?: string }[] {
  return facts.map((f) => {
    const residentId = (f.residentId ?? f.newHeadResidentId) as string | undefined;
    return { type: f.type, ...(residentId ? { residentId } : {}) };
  });
}

/** What toMemberView reads of a membership and its resident (entities, or the plain rows of a card read). */
export type MemberRow = Pick<FamilyCardMembership, 'relationship' | 'position' | 'fatherResidentId' | 'motherResidentId'> & {
  readonly resident: Pick<Resident, 'id' | 'nik' | 'fullName' | 'birthDate' | 'sex' | 'maritalStatus' | 'religion'>;
};

export function toMemberView(m: MemberRow): FamilyCardMemberView {
  const r = m.resident;
  return {
    residentId: r.id,
    relationship: m.relationship,
    relationshipLabel: findCode(SHDK, m.relationship)?.label ?? String(m.relationship),
    nik: r.nik,
    fullName: r.fullName,
    birthDate: r.birthDate,
    sex: r.sex,
    maritalStatus: r.maritalStatus,
    religion: r.religion,
    ...(m.fatherResidentId ? { fatherResidentId: m.fatherResidentId } : {}),
    ...(m.motherResidentId ? { motherResidentId: m.motherResidentId } : {}),
  };
}

/** `utcOffset`: the office's; instants are written at it (libs/platform time/office-instant.ts). */
export function toCardView(card: FamilyCard, memberships: readonly MemberRow[], utcOffset: string): FamilyCardView {
  return {
    id: card.id,
    kkNumber: card.kkNumber,
    districtCode: card.districtCode,
    villageCode: card.villageCode,
    address: card.address,
    polygamyPermitted: card.polygamyPermitted,
    status: card.status,
    version: card.version,
    members: [...memberships].sort((a, b) => a.position - b.position).map(toMemberView),
    createdAt: officeInstant(card.createdAt, utcOffset),
    updatedAt: officeInstant(card.updatedAt, utcOffset),
  };
}

export function toVersionView(v: FamilyCardVersion, utcOffset: string): FamilyCardVersionView {
  return {
    version: v.version,
    kkNumber: v.kkNumber,
    status: v.status,
    operation: v.operation,
    members: v.members.map((m) => ({ residentId: m.residentId, relationship: m.relationship })),
    facts: v.facts.map((f) => ({ ...f })),
    recordedBy: v.recordedBy,
    recordedAt: officeInstant(v.recordedAt, utcOffset),
  };
}
