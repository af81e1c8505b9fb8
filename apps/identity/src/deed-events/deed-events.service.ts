/**
 * The identity service's side of the deeds service's registered-deed events: each method runs in the consumer's
 * inbox transaction `tx` (see DeedEventsModule for the failure handling), claims the deed (its natural key),
 * loads, asks the domain through the identity services' own transactional methods (ResidentsService.registerIn,
 * FamilyCardsService.addMemberIn / removeMemberIn, KiaService.actIn, ResidentStatusService.dieIn), and leaves the
 * outbox events and audit rows they write in the same transaction. What the rules do not let it finish is a
 * review item (DeedEventReview), never a lost event.
 *
 * Those methods throw a Problem (ProblemException) before they put anything into the unit of work, so a refusal
 * is caught here, becomes a review item, and what was done before it stays (a death is recorded even when the
 * card needs an operator). Any other error propagates: the whole transaction is rolled back and the event retried.
 *
 * Before anything changes, the people the deed changes (the deceased; the mother and father named by NIK; the
 * spouses) are compared with the register's record under their NIK (the domain's matchParticulars: the name with
 * NTT's spelling variants, and the birth date and sex where the event carries them). On a mismatch nothing is
 * applied: the event is held in a PARTICULARS_MISMATCH review with the differences (field and code, no values),
 * and applied only on a registrar's confirmation (applyHeld, from DeedEventReviewsService).
 *
 * Every deed reaches the register (issue 19, item 7): a birth deed's child is registered (or, for a late birth deed
 * that names the child's NIK, the deed is linked to that resident) and identity.resident.birth-deed-linked.v1 says
 * which resident the deed belongs to; a recognition or legitimation records the father on the child; an adoption
 * moves the child onto the adopter's card as Anak.
 */
import { Inject, Injectable } from '@nestjs/common';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import {
  checkFamilyCard,
  isMarried,
  kiaEligibility,
  maskNik,
  matchParticulars,
  removeMember,
  Shdk,
  type ComparedParticulars,
  type FamilyCard as CardValue,
  type MaritalStatus,
} from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import {
  SUBJECTS,
  type AdoptionRegistered,
  type BirthRegistered,
  type DeathRegistered,
  type DivorceRegistered,
  type EventEnvelope,
  type LegitimationRegistered,
  type MarriageRegistered,
  type RecognitionRegistered,
  type ResidentBirthDeedLinked,
  type birthDocuments,
} from '@adminduk/contracts';
import { AuditService, itemsFromDomain, OutboxService, ProblemException, SERVICE_CONFIG, type Principal, type ProblemItem, type ServiceConfig } from '@adminduk/platform';
import { FamilyCard } from '../family-cards/family-card.entity';
import { FamilyCardMembership } from '../family-cards/family-card-membership.entity';
import { operationItems, toDomainCard } from '../family-cards/family-card.mapper';
import { FamilyCardsService } from '../family-cards/family-cards.service';
import { KiaService } from '../kia/kia.service';
import { OfficeClockService } from '../resident-status/office-clock.service';
import { ResidentStatusService } from '../resident-status/resident-status.service';
import { normalizeName, Resident } from '../residents/resident.entity';
import { ResidentsService } from '../residents/residents.service';
import { DeedEventJournalService, type DeedClaim } from './deed-event-journal.service';

/** A document a birth application yields (identity.resident.birth-deed-linked.v1 `documents`). */
type BirthDocument = (typeof birthDocuments)[number];

/**
 * Who the shared services see acting: the system, everywhere in the regency. It passes their region checks and
 * signs the records they keep (actedBy, recordedBy) as 'system'; the audit trail names the actor 'system' from
 * the consumer's request context, which has no caller.
 */
export const DEED_EVENTS_PRINCIPAL: Principal = { id: 'system', kind: 'api-key', roles: ['admin'], regions: ['*'] };

type Role = 'husband' | 'wife';

/** How an event is applied: as it arrives (particulars compared first), or on a registrar's confirmation of a held event. */
export interface ApplyOptions {
  /** The registrar confirmed the held event: the particulars are not compared again. */
  readonly particularsConfirmed?: boolean;
}

/** A person the deed changes, as the deed reports them and as the register holds them. */
interface Compared {
  /** The deed's group ('deceased', 'mother', 'father', 'husband', 'wife'): the items' field is `<role>.<field>`. */
  readonly role: string;
  readonly reported: ComparedParticulars;
  readonly resident: Resident;
}

interface Spouse {
  readonly role: Role;
  readonly resident: Resident;
}

/** A card of a spouse, locked, with its members in card order. */
interface CardOfSpouse {
  readonly card: FamilyCard;
  readonly memberships: readonly FamilyCardMembership[];
}

/** The spouse who leaves the head's card after a divorce. */
interface Leaving {
  readonly card: FamilyCard;
  readonly resident: Resident;
}

interface Home {
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
}

@Injectable()
export class DeedEventsService {
  constructor(
    private readonly journal: DeedEventJournalService,
    private readonly residents: ResidentsService,
    private readonly familyCards: FamilyCardsService,
    private readonly kia: KiaService,
    private readonly status: ResidentStatusService,
    private readonly clock: OfficeClockService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  // --- birth ----------------------------------------------------------------------------------------------

  /**
   * A birth deed: the child registered (NIK issued under the registering kecamatan, origin BIRTH), added to the
   * family card as a newborn (SHDK from the parents on the card; the card reprinted under its number), and a KIA
   * printed of the child's type (UNDER_5 for a birth registered on time).
   */
  async recordBirth(tx: EntityManager, event: EventEnvelope<BirthRegistered>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyBirth(tx, claim, event.payload, {});
  }

  private async applyBirth(tx: EntityManager, claim: DeedClaim, p: BirthRegistered, options: ApplyOptions): Promise<void> {
    const mother = p.motherNik ? await tx.findOne(Resident, { nik: p.motherNik }) : null;
    const father = p.fatherNik ? await tx.findOne(Resident, { nik: p.fatherNik }) : null;
    // A late birth deed names the child already on the register: the deed is linked to that resident (never a
    // second resident), after the child's particulars are compared like the parents'.
    const existing = p.childNik ? await tx.findOne(Resident, { nik: p.childNik }) : null;
    if (p.childNik && !existing) {
      this.journal.review(tx, claim, {
        code: 'NIK_NOT_IN_REGISTER',
        message: "the child the birth deed names by NIK is not in this register: no child was registered and no deed linked (a resident of another regency, or a wrong NIK at the deeds service?)",
        items: [notInRegister('childNik', p.childNik)],
      });
      return;
    }
    const compared: Compared[] = [
      ...(existing ? [{ role: 'child', reported: { fullName: p.child.fullName, sex: p.child.sex, birthDate: p.eventDate }, resident: existing }] : []),
      ...(mother ? [{ role: 'mother', reported: { fullName: p.motherName, sex: 'F' as const }, resident: mother }] : []),
      ...(father ? [{ role: 'father', reported: { ...(p.fatherName ? { fullName: p.fatherName } : {}), sex: 'M' as const }, resident: father }] : []),
    ];
    if (!options.particularsConfirmed && this.held(tx, claim, compared)) return;
    if (existing) {
      this.journal.concern(claim, existing.id);
      this.linkBirthDeed(tx, existing, p, 'EXISTING_RESIDENT');
      return;
    }
    const parents = [mother, father].filter((r): r is Resident => r !== null);
    const card = await this.cardForBirth(tx, p.kkNumber, parents);
    const unknownParents: ProblemItem[] = [
      ...(p.motherNik && !mother ? [notInRegister('motherNik', p.motherNik)] : []),
      ...(p.fatherNik && !father ? [notInRegister('fatherNik', p.fatherNik)] : []),
    ];

    const home = homeOfChild(p, card, parents.find((r) => r.status === 'ALIVE'));
    if (!home) {
      this.journal.review(tx, claim, {
        code: 'BIRTH_ADDRESS_UNKNOWN',
        message: 'no child was registered: no family card was found, the event has no village, and no parent is a living resident',
        items: unknownParents,
        residentIds: parents.map((r) => r.id),
      });
      return;
    }
    const duplicates = await this.residents.likelyDuplicates(tx, { fullName: p.child.fullName, birthDate: p.eventDate, motherName: p.motherName });
    if (duplicates.length > 0) {
      this.journal.review(tx, claim, {
        code: 'BIRTH_POSSIBLE_DUPLICATE',
        message: "no child was registered: a resident with the child's name, birth date and mother's name exists (registered before the deed?)",
        items: duplicates.map((r) => ({ code: 'SAME_PERSON_SUSPECTED', message: `resident ${r.id}`, residentIds: [r.id] })),
        residentIds: duplicates.map((r) => r.id),
      });
      return;
    }

    const registered = await attempt(() => {
      this.residents.checkAddress(home.districtCode, home.villageCode);
      return this.residents.registerIn(tx, {
        fullName: p.child.fullName,
        birthPlace: p.child.birthPlace,
        birthDate: p.eventDate,
        sex: p.child.sex,
        religion: p.child.religion,
        maritalStatus: 'BELUM_KAWIN',
        motherName: p.motherName,
        ...(p.fatherName ? { fatherName: p.fatherName } : {}),
        districtCode: home.districtCode,
        villageCode: home.villageCode,
        address: home.address,
        origin: 'BIRTH',
        nikDistrictCode: p.districtCode,
      });
    });
    if (!registered.ok) {
      this.journal.review(tx, claim, { code: 'BIRTH_NOT_REGISTERED', message: 'no child was registered: the register refused the registration', items: problemItems(registered.refusal) });
      return;
    }
    const child = registered.value;
    const childId = child.id;
    this.journal.concern(claim, childId);
    // The documents this one application yields (an integrated service when several): linked once they are done.
    const documents: BirthDocument[] = ['BIRTH_DEED'];

    if (!card) {
      this.journal.review(tx, claim, {
        code: 'BIRTH_NO_FAMILY_CARD',
        message: "the child was registered on no family card: no active card has the event's No. KK and no parent is a resident on an active card",
        items: unknownParents,
        residentIds: [childId, ...parents.map((r) => r.id)],
      });
    } else {
      const refused = await refusalOf(() =>
        this.familyCards.addMemberIn(tx, card.id, { reason: 'BIRTH', residentId: childId, fatherResidentId: father?.id, motherResidentId: mother?.id }, DEED_EVENTS_PRINCIPAL),
      );
      if (refused) {
        this.journal.review(tx, claim, {
          code: 'BIRTH_NOT_ADDED_TO_CARD',
          message: 'the child was registered but the family card refused the newborn; an operator adds the child to a card',
          items: [...problemItems(refused), ...unknownParents],
          residentIds: [childId],
          familyCardId: card.id,
        });
      } else documents.push('FAMILY_CARD');
    }

    const eligibility = kiaEligibility({ birthDate: child.birthDate, maritalStatus: child.maritalStatus }, { asOf: this.clock.now().asOf });
    if (eligibility.ok && eligibility.value.eligible) {
      const kiaType = eligibility.value.type;
      const refused = await refusalOf(() => this.kia.actIn(tx, childId, { type: 'PRINT', kiaType }, DEED_EVENTS_PRINCIPAL));
      if (refused) this.journal.review(tx, claim, { code: 'KIA_NOT_PRINTED', message: "the child's KIA could not be printed", items: problemItems(refused), residentIds: [childId] });
      else documents.push('KIA');
    }
    this.linkBirthDeed(tx, child, p, 'NEWBORN', documents);
  }

  /**
   * The card the child joins: the active card with the event's No. KK, the mother's, the father's, in that order;
   * the first of them that holds a parent, else the first of them (whose refusal is then reviewed).
   */
  private async cardForBirth(tx: EntityManager, kkNumber: string | undefined, parents: readonly Resident[]): Promise<FamilyCard | undefined> {
    const candidates: FamilyCard[] = [];
    if (kkNumber) {
      const byNumber = await tx.findOne(FamilyCard, { kkNumber, status: 'ACTIVE' });
      if (byNumber) candidates.push(byNumber);
    }
    for (const parent of parents) {
      if (!parent.familyCardId || candidates.some((c) => c.id === parent.familyCardId)) continue;
      const card = await tx.findOne(FamilyCard, { id: parent.familyCardId, status: 'ACTIVE' });
      if (card) candidates.push(card);
    }
    return candidates.find((c) => parents.some((r) => r.familyCardId === c.id)) ?? candidates[0];
  }

  // --- death ----------------------------------------------------------------------------------------------

  /**
   * A death deed: the resident recorded deceased in the status log, effective the date of death, then removed
   * from their card with reason DEATH (the domain's head succession: the surviving spouse, else the eldest adult
   * child; a new No. KK when the head died; the surviving spouses Cerai Mati). A death already recorded at the
   * counter is not recorded twice; the card step still runs.
   */
  async recordDeath(tx: EntityManager, event: EventEnvelope<DeathRegistered>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyDeath(tx, claim, event.payload, {});
  }

  private async applyDeath(tx: EntityManager, claim: DeedClaim, p: DeathRegistered, options: ApplyOptions): Promise<void> {
    const resident = await tx.findOne(Resident, { nik: p.deceasedNik });
    if (!resident) {
      this.journal.review(tx, claim, {
        code: 'NIK_NOT_IN_REGISTER',
        message: "the deceased is not in this register: nothing was recorded (a resident of another regency? tell that regency's office)",
        items: [notInRegister('deceasedNik', p.deceasedNik)],
      });
      return;
    }
    this.journal.concern(claim, resident.id);
    if (!options.particularsConfirmed && p.deceased && this.held(tx, claim, [{ role: 'deceased', reported: p.deceased, resident }])) return;
    if (resident.status !== 'DECEASED') {
      const refused = await refusalOf(() => this.status.dieIn(tx, resident.id, { dateOfDeath: p.eventDate, ...(p.deedNumber ? { reference: p.deedNumber } : {}) }, DEED_EVENTS_PRINCIPAL));
      if (refused) {
        this.journal.review(tx, claim, { code: 'DEATH_NOT_RECORDED', message: "the resident's status log refused the death; nothing was changed", items: problemItems(refused), residentIds: [resident.id] });
        return;
      }
    }
    const cardId = resident.familyCardId;
    if (!cardId) return;
    const refused = await refusalOf(() => this.familyCards.removeMemberIn(tx, cardId, resident.id, { reason: 'DEATH' }, DEED_EVENTS_PRINCIPAL));
    if (refused) {
      this.journal.review(tx, claim, {
        code: 'DEATH_CARD_NEEDS_OPERATOR',
        message: 'the resident is recorded deceased but is still on the family card: an operator removes them, naming the new head or relationships the rules cannot choose',
        items: problemItems(refused),
        residentIds: [resident.id],
        familyCardId: cardId,
      });
    }
  }

  // --- marriage and divorce -------------------------------------------------------------------------------

  /**
   * A marriage (a deed of the office, or a KUA report): both spouses in the register take maritalStatusAfter,
   * each change an identity.resident.marital-status-changed.v1 event. Refused as a whole (a review item) when it
   * is impossible: the same person twice, a spouse of the wrong sex or not alive, a spouse already married
   * (Kawin Tercatat) to someone else (a husband may be, as head of a card with a court's polygamy permission),
   * or a family card the new statuses would break.
   */
  async recordMarriage(tx: EntityManager, event: EventEnvelope<MarriageRegistered>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyMarriage(tx, claim, event.payload, {});
  }

  private async applyMarriage(tx: EntityManager, claim: DeedClaim, p: MarriageRegistered, options: ApplyOptions): Promise<void> {
    const spouses = await this.spouses(tx, claim, p, options);
    if (spouses.length === 0) return;
    const asOf = this.clock.now().asOf;
    const cards = await this.cardsOf(tx, spouses);
    const items = coupleProblems(p, spouses);
    if (!isMarried(p.maritalStatusAfter)) {
      items.push({ code: 'MARITAL_STATUS_AFTER_INVALID', field: 'maritalStatusAfter', message: `a marriage leaves the spouses married, not ${p.maritalStatusAfter}` });
    }
    const husband = spouses.find((s) => s.role === 'husband')?.resident;
    const wife = spouses.find((s) => s.role === 'wife')?.resident;
    const toEachOther = husband !== undefined && wife !== undefined && coupleOnOneCard(cards, husband, wife) !== undefined;
    for (const { role, resident } of spouses) {
      if (resident.maritalStatus !== 'KAWIN_TERCATAT' || toEachOther) continue;
      const home = resident.familyCardId ? cards.get(resident.familyCardId) : undefined;
      const permitted = role === 'husband' && home?.card.polygamyPermitted === true && relationshipOf(home, resident) === Shdk.KEPALA_KELUARGA;
      if (!permitted) {
        items.push({ code: 'ALREADY_MARRIED', field: `${role}Nik`, message: `the ${role} is recorded as married (Kawin Tercatat) to someone else`, residentIds: [resident.id] });
      }
    }
    const after = new Map(spouses.map((s) => [s.resident.id, p.maritalStatusAfter]));
    if (items.length === 0) items.push(...cardChecks(cards, after, undefined, asOf));
    if (items.length > 0) {
      this.journal.review(tx, claim, { code: 'MARRIAGE_NOT_APPLIED', message: 'the marriage was not recorded for either spouse: the register does not allow it', items, residentIds: spouses.map((s) => s.resident.id) });
      return;
    }
    for (const { resident } of spouses) this.setMaritalStatus(tx, resident, p.maritalStatusAfter);
  }

  /**
   * A divorce (after a final court decision): both spouses in the register become Cerai Hidup Tercatat (a
   * husband who heads a card with another wife stays married). When the two are head and spouse on one card, the
   * spouse who is not the head leaves it (the card is reissued under a new No. KK; the children stay with the
   * head) and a review item asks an operator to give them a card. Refused as a whole (a review item) when a
   * spouse is not married, not alive, of the wrong sex, or the card would break.
   */
  async recordDivorce(tx: EntityManager, event: EventEnvelope<DivorceRegistered>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyDivorce(tx, claim, event.payload, {});
  }

  private async applyDivorce(tx: EntityManager, claim: DeedClaim, p: DivorceRegistered, options: ApplyOptions): Promise<void> {
    const spouses = await this.spouses(tx, claim, p, options);
    if (spouses.length === 0) return;
    const asOf = this.clock.now().asOf;
    const cards = await this.cardsOf(tx, spouses);
    const items = coupleProblems(p, spouses);
    for (const { role, resident } of spouses) {
      if (!isMarried(resident.maritalStatus)) items.push({ code: 'NOT_MARRIED', field: `${role}Nik`, message: `the ${role} is not recorded as married`, residentIds: [resident.id] });
    }
    const husband = spouses.find((s) => s.role === 'husband')?.resident;
    const wife = spouses.find((s) => s.role === 'wife')?.resident;
    const leaving = husband && wife ? coupleOnOneCard(cards, husband, wife) : undefined;
    const after = new Map<string, MaritalStatus>(spouses.map((s) => [s.resident.id, 'CERAI_HIDUP_TERCATAT']));
    if (husband && hasAnotherWife(cards, husband, wife)) after.set(husband.id, husband.maritalStatus);
    if (items.length === 0) items.push(...cardChecks(cards, after, leaving, asOf));
    if (items.length > 0) {
      this.journal.review(tx, claim, { code: 'DIVORCE_NOT_APPLIED', message: 'the divorce was not recorded for either spouse: the register does not allow it', items, residentIds: spouses.map((s) => s.resident.id) });
      return;
    }
    if (leaving) {
      const refused = await refusalOf(() => this.familyCards.removeMemberIn(tx, leaving.card.id, leaving.resident.id, { reason: 'MOVE_OUT' }, DEED_EVENTS_PRINCIPAL));
      if (refused) {
        this.journal.review(tx, claim, {
          code: 'DIVORCE_NOT_APPLIED',
          message: "the divorce was not recorded for either spouse: the family card refused the spouse's leaving",
          items: problemItems(refused),
          residentIds: spouses.map((s) => s.resident.id),
          familyCardId: leaving.card.id,
        });
        return;
      }
    }
    for (const { resident } of spouses) this.setMaritalStatus(tx, resident, after.get(resident.id) as MaritalStatus);
    if (leaving) {
      this.journal.review(tx, claim, {
        code: 'DIVORCED_SPOUSE_WITHOUT_CARD',
        message: "the spouse who was not the head left the head's family card (reissued under a new No. KK) and is on no card now: an operator issues them a card and moves any children who go with them",
        residentIds: [leaving.resident.id],
        familyCardId: leaving.card.id,
      });
    }
  }

  /**
   * The spouses in the register, locked (husband first), in the order husband, wife; none when their particulars
   * do not match the deed's (the event is held); a review item for a NIK that is no resident's.
   */
  private async spouses(tx: EntityManager, claim: DeedClaim, p: SpousesReported, options: ApplyOptions): Promise<Spouse[]> {
    const lockMode = this.lockMode();
    const husband = await tx.findOne(Resident, { nik: p.husbandNik }, { lockMode });
    const wife = p.wifeNik === p.husbandNik ? husband : await tx.findOne(Resident, { nik: p.wifeNik }, { lockMode });
    const compared: Compared[] = [
      ...(husband && p.husband ? [{ role: 'husband', reported: p.husband, resident: husband }] : []),
      ...(wife && p.wife ? [{ role: 'wife', reported: p.wife, resident: wife }] : []),
    ];
    if (!options.particularsConfirmed && this.held(tx, claim, compared)) {
      for (const r of [husband, wife]) this.journal.concern(claim, r?.id);
      return [];
    }
    const missing = [...(husband ? [] : [notInRegister('husbandNik', p.husbandNik)]), ...(wife ? [] : [notInRegister('wifeNik', p.wifeNik)])];
    if (missing.length > 0) {
      this.journal.review(tx, claim, {
        code: 'NIK_NOT_IN_REGISTER',
        message: `${missing.length === 2 ? 'neither spouse is' : 'a spouse is not'} in this register: nothing is recorded here for ${missing.length === 2 ? 'them' : 'that spouse'}`,
        items: missing,
      });
    }
    const found: Spouse[] = [];
    if (husband) found.push({ role: 'husband', resident: husband });
    if (wife) found.push({ role: 'wife', resident: wife });
    for (const s of found) this.journal.concern(claim, s.resident.id);
    return found;
  }

  /** The active cards of the spouses, locked, with their members (the cards the change is checked against). */
  private async cardsOf(tx: EntityManager, spouses: readonly Spouse[]): Promise<Map<string, CardOfSpouse>> {
    const cards = new Map<string, CardOfSpouse>();
    for (const { resident } of spouses) {
      const id = resident.familyCardId;
      if (!id || cards.has(id)) continue;
      const card = await tx.findOne(FamilyCard, { id, status: 'ACTIVE' }, { lockMode: this.lockMode() });
      if (!card) continue;
      const memberships = await tx.find(FamilyCardMembership, { card }, { populate: ['resident'], orderBy: { position: 'asc' } });
      cards.set(id, { card, memberships });
    }
    return cards;
  }

  /** A marital status by deed: the resident row, an identity.resident.marital-status-changed.v1 event, an audit row. */
  private setMaritalStatus(tx: EntityManager, resident: Resident, to: MaritalStatus): void {
    const from = resident.maritalStatus;
    if (from === to) return;
    resident.maritalStatus = to;
    this.outbox.record(tx, SUBJECTS.identity.residentMaritalStatusChanged, {
      residentId: resident.id,
      from,
      to,
      districtCode: resident.districtCode,
      villageCode: resident.villageCode,
    });
    this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
  }

  /**
   * identity.resident.birth-deed-linked.v1: the birth deed belongs to this resident (a newborn registered from it,
   * or the resident a late birth deed names), so that downstream read models need not guess by birth date and
   * sex; an audit row for the resident.
   */
  private linkBirthDeed(tx: EntityManager, resident: Resident, p: BirthRegistered, link: ResidentBirthDeedLinked['link'], documents: readonly BirthDocument[] = ['BIRTH_DEED']): void {
    this.outbox.record(tx, SUBJECTS.identity.residentBirthDeedLinked, {
      residentId: resident.id,
      deedId: p.deedId,
      ...(p.deedNumber ? { deedNumber: p.deedNumber } : {}),
      link,
      documents: [...documents],
      districtCode: resident.districtCode,
      villageCode: resident.villageCode,
    });
    if (link === 'EXISTING_RESIDENT') this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
  }

  // --- recognition, legitimation, adoption ----------------------------------------------------------------

  /**
   * A recognition (pengakuan anak, UU 23/2006 art. 49) or legitimation (pengesahan anak, art. 50) deed: the father
   * the deed names is recorded on the child (the resident's father name) and, when the deed names his NIK and he is a
   * resident, as the father of the child's family card membership (FamilyCardsService.recordFatherIn: a card version
   * RECORD_FATHER with identity.family-card.changed.v1; refused: a FATHER_NOT_RECORDED_ON_CARD review, the name
   * stays recorded). The child and a father who is a resident are compared with the register first (held on a
   * mismatch). The register has no "born of the marriage" mark, so a legitimation records no more than a
   * recognition; the deed itself is at the deeds service.
   */
  async recordRecognition(tx: EntityManager, event: EventEnvelope<RecognitionRegistered>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyFather(tx, claim, event.payload, {});
  }

  async recordLegitimation(tx: EntityManager, event: EventEnvelope<LegitimationRegistered>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyFather(tx, claim, event.payload, {});
  }

  private async applyFather(tx: EntityManager, claim: DeedClaim, p: RecognitionRegistered | LegitimationRegistered, options: ApplyOptions): Promise<void> {
    const child = await tx.findOne(Resident, { nik: p.child.nik });
    if (!child) {
      this.journal.review(tx, claim, {
        code: 'NIK_NOT_IN_REGISTER',
        message: 'the child of the deed is not in this register: nothing was recorded (a resident of another regency? tell that office)',
        items: [notInRegister('child.nik', p.child.nik)],
      });
      return;
    }
    this.journal.concern(claim, child.id);
    const father = p.fatherNik ? await tx.findOne(Resident, { nik: p.fatherNik }) : null;
    const compared: Compared[] = [
      { role: 'child', reported: { fullName: p.child.fullName }, resident: child },
      ...(father ? [{ role: 'father', reported: { ...p.father, sex: p.father.sex ?? ('M' as const) }, resident: father }] : []),
    ];
    if (!options.particularsConfirmed && this.held(tx, claim, compared)) return;
    this.journal.concern(claim, father?.id);
    if (child.fatherName !== p.father.fullName) {
      child.fatherName = p.father.fullName;
      this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: child.id, regionCode: child.districtCode });
    }
    if (!father) return;
    const cardId = child.familyCardId;
    const refused = cardId
      ? await refusalOf(() => this.familyCards.recordFatherIn(tx, cardId, child.id, father.id, DEED_EVENTS_PRINCIPAL))
      : undefined;
    if (!cardId || refused) {
      this.journal.review(tx, claim, {
        code: 'FATHER_NOT_RECORDED_ON_CARD',
        message: cardId
          ? "the father's name was recorded on the child, but the family card refused him as the father of the child's membership; an operator records it"
          : "the father's name was recorded on the child, who is on no family card: the father is recorded on the membership when the child joins a card",
        items: cardId ? problemItems(refused) : [{ code: 'CHILD_WITHOUT_CARD', field: 'child.nik', message: 'the child is on no family card', residentIds: [child.id] }],
        residentIds: [child.id, father.id],
        ...(cardId ? { familyCardId: cardId } : {}),
      });
    }
  }

  /**
   * An adoption deed (pengangkatan anak, UU 23/2006 art. 47, on a court decision): the child leaves their card
   * (removeMemberIn, reason MOVE_OUT: the old card is reissued as the rules say) and joins the adopter's as Anak
   * (addMemberIn, MOVE_IN, SHDK 4), each a card version with its events, in the consumer's transaction; the child
   * takes the name the deed gives. The adopter is compared with the register first (held on a mismatch); the
   * child's name is not (the deed may change it). An adopter's card in another desa than the child's address is not
 * joined (a resident is never on a card of a village they do not live in): the child's move comes first. A refusal
 * of the cards is a review item, as for the other deeds:
   * ADOPTION_NOT_APPLIED when nothing changed, ADOPTED_CHILD_WITHOUT_CARD when the child left the old card but the
   * adopter's refused them.
   */
  async recordAdoption(tx: EntityManager, event: EventEnvelope<AdoptionRegistered>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyAdoption(tx, claim, event.payload, {});
  }

  private async applyAdoption(tx: EntityManager, claim: DeedClaim, p: AdoptionRegistered, options: ApplyOptions): Promise<void> {
    const child = await tx.findOne(Resident, { nik: p.child.nik });
    const adopter = p.adopterNik === p.child.nik ? child : await tx.findOne(Resident, { nik: p.adopterNik });
    const missing = [...(child ? [] : [notInRegister('child.nik', p.child.nik)]), ...(adopter ? [] : [notInRegister('adopterNik', p.adopterNik)])];
    if (!child || !adopter) {
      this.journal.review(tx, claim, { code: 'NIK_NOT_IN_REGISTER', message: 'the child or the adopter of the deed is not in this register: nothing was changed', items: missing, residentIds: [child?.id, adopter?.id].filter((id): id is string => id !== undefined) });
      return;
    }
    this.journal.concern(claim, child.id, adopter.id);
    if (!options.particularsConfirmed && this.held(tx, claim, [{ role: 'adopter', reported: p.adopter, resident: adopter }])) return;
    const card = adopter.familyCardId ? await tx.findOne(FamilyCard, { id: adopter.familyCardId, status: 'ACTIVE' }) : null;
    const cardId = card?.id;
    const items: ProblemItem[] = [];
    if (child.id === adopter.id) items.push({ code: 'ADOPTER_IS_CHILD', field: 'adopterNik', message: 'the child and the adopter have the same NIK' });
    for (const [role, r] of [['child', child], ['adopter', adopter]] as const) {
      if (r.status !== 'ALIVE') items.push({ code: 'RESIDENT_NOT_ALIVE', field: role === 'child' ? 'child.nik' : 'adopterNik', message: `the ${role} is recorded ${r.status}`, residentIds: [r.id] });
    }
    if (!card) items.push({ code: 'ADOPTER_WITHOUT_CARD', field: 'adopterNik', message: 'the adopter is on no family card: an operator issues or names the card the child joins', residentIds: [adopter.id] });
    // A resident is never on a card of a village they do not live in (Permendagri 108/2019): a child who lives
    // elsewhere moves first (POST /residents/{id}/move, family ALONE), then an operator adds them to the card.
    else if (card.villageCode !== child.villageCode && child.familyCardId !== card.id) {
      items.push({
        code: 'ADOPTER_CARD_ELSEWHERE',
        field: 'adopterNik',
        message: "the adopter's card is in another desa / kelurahan than the child's address: record the child's move, then add them to the card as Anak",
        residentIds: [child.id, adopter.id],
      });
    }
    if (items.length > 0 || !card || !cardId) {
      this.journal.review(tx, claim, { code: 'ADOPTION_NOT_APPLIED', message: 'the adoption was not applied to the register: see items', items, residentIds: [child.id, adopter.id] });
      return;
    }
    if (child.familyCardId !== cardId) {
      const oldCardId = child.familyCardId;
      if (oldCardId) {
        const refused = await refusalOf(() => this.familyCards.removeMemberIn(tx, oldCardId, child.id, { reason: 'MOVE_OUT' }, DEED_EVENTS_PRINCIPAL));
        if (refused) {
          this.journal.review(tx, claim, {
            code: 'ADOPTION_NOT_APPLIED',
            message: "the adoption was not applied: the child's family card refused their leaving (an operator moves the child, naming what the rules cannot choose)",
            items: problemItems(refused),
            residentIds: [child.id, adopter.id],
            familyCardId: oldCardId,
          });
          return;
        }
      }
      const refused = await refusalOf(() => this.familyCards.addMemberIn(tx, cardId, { reason: 'MOVE_IN', residentId: child.id, relationship: Shdk.ANAK }, DEED_EVENTS_PRINCIPAL));
      if (refused) {
        this.journal.review(tx, claim, {
          code: oldCardId ? 'ADOPTED_CHILD_WITHOUT_CARD' : 'ADOPTION_NOT_APPLIED',
          message: oldCardId
            ? "the child left their family card but the adopter's card refused them: the child is on no card now; an operator adds them to a card"
            : "the adoption was not applied: the adopter's family card refused the child",
          items: problemItems(refused),
          residentIds: [child.id, adopter.id],
          familyCardId: cardId,
        });
        return;
      }
    }
    if (child.fullName !== p.child.fullName) {
      child.fullName = p.child.fullName;
      child.normalizedName = normalizeName(p.child.fullName);
      this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: child.id, regionCode: child.districtCode });
    }
  }

  // --- held events ----------------------------------------------------------------------------------------

  /**
   * Holds the event when a person it changes does not match the register's record (matchParticulars): a
   * PARTICULARS_MISMATCH review with every difference as an item (`field` '<role>.<field>', the domain's code,
   * the resident by id; no values), the event kept for a registrar's confirmation. True when held.
   */
  private held(tx: EntityManager, claim: DeedClaim, people: readonly Compared[]): boolean {
    const items: ProblemItem[] = [];
    for (const { role, reported, resident } of people) {
      const match = matchParticulars(reported, { fullName: resident.fullName, birthDate: resident.birthDate, sex: resident.sex });
      for (const d of match.differences) items.push({ code: d.code, field: `${role}.${d.field}`, message: `${role}: ${d.message}`, residentIds: [resident.id] });
    }
    if (items.length === 0) return false;
    const residentIds = [...new Set(items.flatMap((i) => i.residentIds ?? []))];
    this.journal.review(tx, claim, {
      code: 'PARTICULARS_MISMATCH',
      message:
        "nothing was applied: the deed's particulars of a person do not match the register's record under that NIK (see items); a registrar confirms the event (it is then applied) or rejects it",
      items,
      residentIds,
      hold: true,
    });
    return true;
  }

  /**
   * A held event applied on a registrar's confirmation, in the caller's transaction: as the consumer would have
   * applied it, without comparing the particulars again. Its other refusals become review items as usual.
   */
  async applyHeld(tx: EntityManager, claim: DeedClaim): Promise<void> {
    const confirmed: ApplyOptions = { particularsConfirmed: true };
    const { subject, payload } = claim.event as EventEnvelope<unknown>;
    switch (subject) {
      case SUBJECTS.deeds.birthRegistered:
        return this.applyBirth(tx, claim, payload as BirthRegistered, confirmed);
      case SUBJECTS.deeds.deathRegistered:
        return this.applyDeath(tx, claim, payload as DeathRegistered, confirmed);
      case SUBJECTS.deeds.marriageRegistered:
        return this.applyMarriage(tx, claim, payload as MarriageRegistered, confirmed);
      case SUBJECTS.deeds.divorceRegistered:
        return this.applyDivorce(tx, claim, payload as DivorceRegistered, confirmed);
      case SUBJECTS.deeds.recognitionRegistered:
        return this.applyFather(tx, claim, payload as RecognitionRegistered, confirmed);
      case SUBJECTS.deeds.legitimationRegistered:
        return this.applyFather(tx, claim, payload as LegitimationRegistered, confirmed);
      case SUBJECTS.deeds.adoptionRegistered:
        return this.applyAdoption(tx, claim, payload as AdoptionRegistered, confirmed);
      default:
        throw new Error(`no held deed event of subject ${subject}`);
    }
  }

  private lockMode(): LockMode | undefined {
    return this.config.databaseUrl.startsWith('sqlite:') ? undefined : LockMode.PESSIMISTIC_WRITE;
  }
}

// --- helpers ----------------------------------------------------------------------------------------------

/** What a marriage or divorce event says of the spouses. */
type SpousesReported = Pick<MarriageRegistered, 'husbandNik' | 'wifeNik' | 'husband' | 'wife'>;

type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: ProblemException };

/**
 * Runs a step of a shared service: its value, or its refusal (a Problem, thrown before it wrote anything). Any
 * other error is thrown: the transaction is rolled back and the event retried.
 */
async function attempt<T>(step: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    if (error instanceof ProblemException) return { ok: false, refusal: error };
    throw error;
  }
}

/** The refusal of a step, or undefined when it was done. */
async function refusalOf(step: () => Promise<unknown>): Promise<ProblemException | undefined> {
  const outcome = await attempt(step);
  return outcome.ok ? undefined : outcome.refusal;
}

/** A refusal as review items: its code first, then its violations. */
function problemItems(problem: ProblemException | undefined): ProblemItem[] {
  if (!problem) return [];
  return [{ code: problem.code, message: problem.detail ?? problem.title }, ...(problem.errors ?? [])];
}

function notInRegister(field: string, nik: string): ProblemItem {
  return { code: 'NIK_NOT_IN_REGISTER', field, message: `${maskNik(nik)} is no resident's NIK in this register` };
}

/**
 * Where the child lives: the family card's address; else the event's village (with its address, the living
 * parent's address when they live in that village, or the village's name); else the living parent's address.
 */
function homeOfChild(p: BirthRegistered, card: FamilyCard | undefined, parent: Resident | undefined): Home | undefined {
  if (card) return { districtCode: card.districtCode, villageCode: card.villageCode, address: card.address };
  if (p.villageCode) {
    const address = p.address ?? (parent?.villageCode === p.villageCode ? parent.address : findVillage(p.villageCode)?.name);
    if (address) return { districtCode: p.districtCode, villageCode: p.villageCode, address };
  }
  if (parent) return { districtCode: parent.districtCode, villageCode: parent.villageCode, address: parent.address };
  return undefined;
}

/** What makes a marriage or divorce impossible whatever the statuses: the same person twice, a spouse of the wrong sex, a spouse not alive. */
function coupleProblems(p: { husbandNik: string; wifeNik: string }, spouses: readonly Spouse[]): ProblemItem[] {
  const items: ProblemItem[] = [];
  if (p.husbandNik === p.wifeNik) items.push({ code: 'SAME_PERSON', field: 'wifeNik', message: 'the husband and the wife have the same NIK' });
  for (const { role, resident } of spouses) {
    if (resident.status !== 'ALIVE') items.push({ code: 'RESIDENT_NOT_ALIVE', field: `${role}Nik`, message: `the ${role} is recorded ${resident.status}`, residentIds: [resident.id] });
    const sex = role === 'husband' ? 'M' : 'F';
    if (resident.sex !== sex && p.husbandNik !== p.wifeNik) {
      items.push({ code: 'SEX_MISMATCH', field: `${role}Nik`, message: `the ${role} is recorded as ${resident.sex === 'M' ? 'a man' : 'a woman'}`, residentIds: [resident.id] });
    }
  }
  return items;
}

function relationshipOf(card: CardOfSpouse, resident: Resident): number | undefined {
  return card.memberships.find((m) => m.resident.id === resident.id)?.relationship;
}

/** When the two are head and Suami / Istri of one card: that card and the spouse who is not the head. */
function coupleOnOneCard(cards: ReadonlyMap<string, CardOfSpouse>, husband: Resident, wife: Resident): Leaving | undefined {
  if (!husband.familyCardId || husband.familyCardId !== wife.familyCardId) return undefined;
  const card = cards.get(husband.familyCardId);
  if (!card) return undefined;
  const isSpouse = (r: number | undefined) => r === Shdk.SUAMI || r === Shdk.ISTRI;
  const [h, w] = [relationshipOf(card, husband), relationshipOf(card, wife)];
  if (h === Shdk.KEPALA_KELUARGA && isSpouse(w)) return { card: card.card, resident: wife };
  if (w === Shdk.KEPALA_KELUARGA && isSpouse(h)) return { card: card.card, resident: husband };
  return undefined;
}

/** A husband who heads a card with a married Istri other than `wife`: after the divorce he is still married. */
function hasAnotherWife(cards: ReadonlyMap<string, CardOfSpouse>, husband: Resident, wife: Resident | undefined): boolean {
  const card = husband.familyCardId ? cards.get(husband.familyCardId) : undefined;
  if (!card || relationshipOf(card, husband) !== Shdk.KEPALA_KELUARGA) return false;
  return card.memberships.some((m) => m.relationship === Shdk.ISTRI && m.resident.id !== wife?.id && isMarried(m.resident.maritalStatus));
}

/**
 * The family card checks (checkFamilyCard) of the spouses' cards as they would be after the change: the leaving
 * spouse removed (the domain's removeMember), the new statuses set. A card that already failed is not the
 * event's fault and is not held against it. Violations name residents by id, `field` 'familyCard'.
 */
function cardChecks(cards: ReadonlyMap<string, CardOfSpouse>, statusAfter: ReadonlyMap<string, MaritalStatus>, leaving: Leaving | undefined, asOf: string): ProblemItem[] {
  const items: ProblemItem[] = [];
  for (const { card, memberships } of cards.values()) {
    const { value, residentIds } = toDomainCard(card, memberships);
    if (!checkFamilyCard(value, { asOf }).ok) continue;
    let next: CardValue = value;
    let ids = residentIds;
    if (leaving?.card.id === card.id) {
      const stay = residentIds.filter((id) => id !== leaving.resident.id);
      const removed = removeMember(value, { nik: leaving.resident.nik, reason: 'MOVE_OUT' }, { asOf, kkIssue: { districtCode: card.districtCode, usedSerials: [] } });
      if (!removed.ok) {
        items.push(...operationItems(removed.errors, residentIds, stay).map((i) => ({ ...i, field: 'familyCard' })));
        continue;
      }
      next = removed.value.card;
      ids = stay;
    }
    const statusByNik = new Map(memberships.filter((m) => statusAfter.has(m.resident.id)).map((m) => [m.resident.nik, statusAfter.get(m.resident.id) as MaritalStatus]));
    next = { ...next, members: next.members.map((m) => (statusByNik.has(m.nik) ? { ...m, maritalStatus: statusByNik.get(m.nik) as MaritalStatus } : m)) };
    const checked = checkFamilyCard(next, { asOf });
    if (!checked.ok) items.push(...itemsFromDomain(checked.errors, ids).map((i) => ({ ...i, field: 'familyCard' })));
  }
  return items;
}
