/**
 * Family cards (Kartu Keluarga): a card issued for registered residents, newborns and residents who move in
 * added, members removed (with head succession), the head changed, and pecah KK (split). Every rule is the
 * domain library's (checkFamilyCard, the family operations, issueKkNumber); this service only
 *
 * 1. loads the card under a row lock and compares its version with the one the client read (409
 *    VERSION_CONFLICT when stale: of two concurrent edits one wins, the other waits for the lock and then
 *    finds the version moved on);
 * 2. maps the stored residents to the domain's FamilyCard and calls the domain operation;
 * 3. saves, in ONE transaction: the card (number, version, status), its memberships, the residents' card and
 *    marital status, a FamilyCardVersion row with the facts (NIKs replaced by resident ids), the outbox
 *    events (FamilyCardChanged per card version, ResidentMaritalStatusChanged per marital fact) and the
 *    audit rows.
 *
 * New No. KK come from issueKkNumber under the row lock of the (kecamatan, date) counter, with the serials of
 * every number this office has issued under that prefix (all versions, so a retired number never returns).
 *
 * addMemberIn and removeMemberIn do the same inside a caller's transaction (the consumers of the deeds events).
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  addMovedInMember,
  addNewborn,
  changeHead,
  checkFamilyCard,
  issueKkNumber,
  removeMember,
  Shdk,
  splitFamilyCard,
  moveFamily,
  type FamilyCard as CardValue,
  type FamilyCardFact,
  type FamilyOperationOptions,
  type FamilyOperationResult,
  type ShdkCode,
} from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import {
  AuditService,
  canAccessRegion,
  currentContext,
  itemsFromDomain,
  localDate,
  OutboxService,
  placeOf,
  Problem,
  SERVICE_CONFIG,
  type Principal,
  type ProblemItem,
  type ServiceConfig,
} from '@adminduk/platform';
import { Resident } from '../residents/resident.entity';
import type {
  AddMemberDto,
  ChangeHeadDto,
  CreateFamilyCardDto,
  FamilyCardPage,
  FamilyCardSearchQuery,
  FamilyCardVersionPage,
  FamilyCardView,
  RelationshipDto,
  RemoveMemberDto,
  SplitFamilyCardDto,
  SplitResultView,
} from './family-card.dto';
import { FamilyCard } from './family-card.entity';
import { FamilyCardMembership } from './family-card-membership.entity';
import { FamilyCardVersion, type FamilyCardVersionOperation, type VersionFact } from './family-card-version.entity';
import { KkSerialCounter } from './kk-serial.entity';
import { eventFacts, factWithResidentIds, operationItems, toCardView, toDomainCard, toDomainMember, toVersionView, type MemberRow } from './family-card.mapper';

/** A member of a card as the card view reads it from SQL (memberRows). */
interface MemberSqlRow {
  readonly card_id: string;
  readonly relationship: number | string;
  readonly position: number | string;
  readonly father_resident_id: string | null;
  readonly mother_resident_id: string | null;
  readonly id: string;
  readonly nik: string;
  readonly full_name: string;
  readonly birth_date: string;
  readonly sex: MemberRow['resident']['sex'];
  readonly marital_status: MemberRow['resident']['maritalStatus'];
  readonly religion: MemberRow['resident']['religion'];
}

/** A card loaded for a change, locked, at the version the client read. */
interface LoadedCard {
  readonly card: FamilyCard;
  readonly memberships: readonly FamilyCardMembership[];
  readonly value: CardValue;
  /** The resident of each member of `value`, by index. */
  readonly residentIds: readonly string[];
  /** The NIK of a resident on this card; undefined for anyone else. */
  nikOf(residentId: string | undefined): string | undefined;
}

/** What one card holds after a change. */
interface CardTarget {
  readonly card: FamilyCard;
  readonly value: CardValue;
  readonly facts: readonly VersionFact[];
  readonly isNew: boolean;
}

interface Parents {
  readonly fatherResidentId?: string;
  readonly motherResidentId?: string;
}

interface Change {
  readonly principal: Principal;
  readonly operation: FamilyCardVersionOperation;
  /** Every resident the change involves, by NIK. */
  readonly residentsByNik: ReadonlyMap<string, Resident>;
  /** The memberships before the change (of the card changed; none for a new card). */
  readonly before: readonly FamilyCardMembership[];
  /** Recorded parents of residents who get a new membership. */
  readonly parents: ReadonlyMap<string, Parents>;
  readonly targets: readonly CardTarget[];
  readonly domainFacts: readonly FamilyCardFact[];
}

/** A change asked for inside a caller's transaction: the request's fields; without `version`, at the current one. */
export type CardChange<Dto extends { version: number }> = Omit<Dto, 'version'> & { readonly version?: number };

const RULES_DETAIL = 'the family card would break the rules of population administration; see errors (members named by resident id)';

@Injectable()
export class FamilyCardsService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Issues a new card with a new No. KK for residents who are on no card yet. */
  async create(dto: CreateFamilyCardDto, principal: Principal): Promise<FamilyCardView> {
    const asOf = localDate(this.config.utcOffset);
    return this.transaction(async (tx) => {
      const ids = dto.members.flatMap((m) => [m.residentId, m.fatherResidentId, m.motherResidentId]).filter((id): id is string => id !== undefined);
      const found = new Map((await tx.find(Resident, { id: { $in: [...new Set(ids)] } })).map((r) => [r.id, r]));
      const missing: ProblemItem[] = [];
      dto.members.forEach((m, i) => {
        for (const field of ['residentId', 'fatherResidentId', 'motherResidentId'] as const) {
          const id = m[field];
          if (id !== undefined && !found.has(id)) missing.push({ code: 'RESIDENT_NOT_FOUND', field: `members[${i}].${field}`, message: `no resident ${id}` });
        }
      });
      if (missing.length > 0) throw Problem.unprocessable('RESIDENT_NOT_FOUND', 'every member must be a registered resident', missing);
      const residents = dto.members.map((m) => found.get(m.residentId) as Resident);
      residents.forEach((r, i) => this.checkJoining(r, principal, `members[${i}].residentId`));
      // The card's address is its head's (the first member's when the head is not one person: the domain check
      // below refuses such a card, and the transaction, with its No. KK, is rolled back).
      const heads = dto.members.filter((m) => m.relationship === Shdk.KEPALA_KELUARGA);
      const home = found.get((heads.length === 1 ? heads[0] : dto.members[0])?.residentId ?? '') as Resident;
      const kkNumber = await this.issueNewNumber(tx, home.districtCode, asOf);
      const nikById = new Map(residents.map((r) => [r.id, r.nik]));
      const value: CardValue = {
        kkNumber,
        polygamyPermitted: dto.polygamyPermitted ?? false,
        version: 1,
        members: dto.members.map((m, i) => toDomainMember({ ...m, resident: residents[i] as Resident }, (id) => (id ? nikById.get(id) : undefined))),
      };
      const checked = checkFamilyCard(value, { asOf });
      if (!checked.ok) throw Problem.unprocessable('FAMILY_CARD_RULE_VIOLATION', RULES_DETAIL, itemsFromDomain(checked.errors, residents.map((r) => r.id)));
      const card = tx.create(FamilyCard, {
        kkNumber,
        districtCode: home.districtCode,
        villageCode: home.villageCode,
        address: home.address,
        polygamyPermitted: dto.polygamyPermitted ?? false,
      });
      const [placed] = this.save(tx, {
        principal,
        operation: 'CREATE',
        residentsByNik: new Map(residents.map((r) => [r.nik, r])),
        before: [],
        parents: new Map(dto.members.map((m) => [m.residentId, { fatherResidentId: m.fatherResidentId, motherResidentId: m.motherResidentId }])),
        targets: [{ card, value, isNew: true, facts: [{ type: 'CARD_ISSUED', kkNumber, operation: 'CREATE' }] }],
        domainFacts: [],
      });
      await tx.flush();
      return toCardView(card, placed ?? [], this.config.utcOffset);
    });
  }

  async get(id: string, principal: Principal): Promise<FamilyCardView> {
    const em = this.em.fork();
    const card = await this.readable(em, id, principal);
    const memberships = await this.memberRows(em, [card.id]);
    await this.audit.recordNow({ action: 'READ', resourceType: 'family-card', resourceId: card.id, regionCode: card.districtCode });
    return toCardView(card, memberships, this.config.utcOffset);
  }

  /**
   * The members of the cards, as the card view shows them, read as plain rows (one joined SELECT, no entities):
   * reads of cards are the busiest endpoint of the office and of integrators, and hydrating a membership and a
   * resident entity per member was most of their cost (REST benchmark, docs/benchmarks.md).
   */
  private async memberRows(em: EntityManager, cardIds: readonly string[]): Promise<(MemberRow & { cardId: string })[]> {
    if (cardIds.length === 0) return [];
    const rows = await em.getConnection().execute<MemberSqlRow[]>(
      `select m.card_id, m.relationship, m.position, m.father_resident_id, m.mother_resident_id,
              r.id, r.nik, r.full_name, r.birth_date, r.sex, r.marital_status, r.religion
         from family_card_membership m join resident r on r.id = m.resident_id
        where m.card_id in (${cardIds.map(() => '?').join(', ')})`,
      [...cardIds],
      'all',
    );
    return rows.map((r: MemberSqlRow) => ({
      cardId: r.card_id,
      relationship: Number(r.relationship) as MemberRow['relationship'],
      position: Number(r.position),
      ...(r.father_resident_id ? { fatherResidentId: r.father_resident_id } : {}),
      ...(r.mother_resident_id ? { motherResidentId: r.mother_resident_id } : {}),
      resident: { id: r.id, nik: r.nik, fullName: r.full_name, birthDate: r.birth_date, sex: r.sex, maritalStatus: r.marital_status, religion: r.religion },
    }));
  }

  /** By the current No. KK, within the caller's region. */
  async search(query: FamilyCardSearchQuery, principal: Principal): Promise<FamilyCardPage> {
    const em = this.em.fork();
    const cards = (await em.find(FamilyCard, { kkNumber: query.kkNumber })).filter((c) => canAccessRegion(principal, placeOf(c)));
    const memberships = await this.memberRows(em, cards.map((c) => c.id));
    await this.audit.recordNow({ action: 'SEARCH', resourceType: 'family-card', results: cards.map((c) => ({ id: c.id, regionCode: c.districtCode })) });
    return { items: cards.map((c) => toCardView(c, memberships.filter((m) => m.cardId === c.id), this.config.utcOffset)) };
  }

  /** Every version of the card, oldest first. */
  async versions(id: string, principal: Principal): Promise<FamilyCardVersionPage> {
    const em = this.em.fork();
    const card = await this.readable(em, id, principal);
    const versions = await em.find(FamilyCardVersion, { card }, { orderBy: { version: 'asc' } });
    await this.audit.recordNow({ action: 'READ', resourceType: 'family-card', resourceId: card.id, regionCode: card.districtCode });
    return { items: versions.map((v) => toVersionView(v, this.config.utcOffset)) };
  }

  /** A newborn (SHDK from the parents on the card; reprinted under its number) or a resident who moves in (new number). */
  async addMember(id: string, dto: AddMemberDto, principal: Principal): Promise<FamilyCardView> {
    if (dto.reason === 'BIRTH' && dto.relationship !== undefined) {
      throw Problem.badRequest('VALIDATION_FAILED', 'some fields are missing or invalid', [
        { code: 'RELATIONSHIP_NOT_ALLOWED', field: 'relationship', message: "a newborn's relationship follows the parents on the card: leave relationship out" },
      ]);
    }
    return this.transaction((tx) => this.addMemberIn(tx, id, dto, principal));
  }

  /**
   * addMember inside the caller's transaction `tx` (for the consumers of the deeds events: a child from a birth
   * deed). Without `version`, the card is changed at whatever version it has under the row lock. Every Problem is
   * thrown before anything is put into the unit of work, so a caller may catch it and carry on.
   */
  async addMemberIn(tx: EntityManager, id: string, dto: CardChange<AddMemberDto>, principal: Principal): Promise<FamilyCardView> {
    const asOf = localDate(this.config.utcOffset);
    const loaded = await this.loadForChange(tx, id, dto.version, principal, asOf);
    const resident = await tx.findOne(Resident, { id: dto.residentId });
    if (!resident) throw Problem.unprocessable('RESIDENT_NOT_FOUND', 'the member must be a registered resident', [{ code: 'RESIDENT_NOT_FOUND', field: 'residentId', message: `no resident ${dto.residentId}` }]);
    // On this very card: the domain answers MEMBER_ALREADY_ON_CARD.
    if (resident.familyCardId !== loaded.card.id) this.checkJoining(resident, principal, 'residentId');
    const parents: Parents = { fatherResidentId: dto.fatherResidentId, motherResidentId: dto.motherResidentId };
    await this.checkParentsExist(tx, parents);
    const result = await this.runOperation(tx, loaded.card, asOf, (options) =>
      dto.reason === 'BIRTH'
        ? addNewborn(
            loaded.value,
            { nik: resident.nik, birthDate: resident.birthDate, sex: resident.sex, religion: resident.religion, fatherNik: loaded.nikOf(dto.fatherResidentId), motherNik: loaded.nikOf(dto.motherResidentId) },
            options,
          )
        : addMovedInMember(loaded.value, toDomainMember({ resident, relationship: dto.relationship as ShdkCode, ...parents }, (pid) => loaded.nikOf(pid)), options),
    );
    // The card an addition produces: the members, then the new one.
    if (!result.ok) throw this.refused(result, loaded.residentIds, [...loaded.residentIds, resident.id]);
    return this.saveOperation(tx, loaded, result.value.card, result.value.facts, dto.reason === 'BIRTH' ? 'ADD_NEWBORN' : 'ADD_MOVE_IN', principal, [resident], new Map([[resident.id, parents]]));
  }

  /** A member who died or moved out; when the head leaves, the successor takes over (new number). */
  async removeMember(id: string, residentId: string, dto: RemoveMemberDto, principal: Principal): Promise<FamilyCardView> {
    return this.transaction((tx) => this.removeMemberIn(tx, id, residentId, dto, principal));
  }

  /**
   * removeMember inside the caller's transaction `tx` (for the consumers of the deeds events: a death, or the
   * spouse who leaves the card after a divorce). Without `version`, the card is changed at whatever version it
   * has under the row lock. Every Problem is thrown before anything is put into the unit of work.
   */
  async removeMemberIn(tx: EntityManager, id: string, residentId: string, dto: CardChange<RemoveMemberDto>, principal: Principal): Promise<FamilyCardView> {
    const asOf = localDate(this.config.utcOffset);
    const loaded = await this.loadForChange(tx, id, dto.version, principal, asOf);
    const result = await this.runOperation(tx, loaded.card, asOf, (options) =>
      removeMember(
        loaded.value,
        {
          nik: this.memberNik(loaded, residentId),
          reason: dto.reason,
          ...(dto.newHeadResidentId !== undefined ? { newHeadNik: this.memberNik(loaded, dto.newHeadResidentId) } : {}),
          relationships: this.relationshipsByNik(loaded, dto.relationships),
        },
        options,
      ),
    );
    // The card a removal produces: the members without the one who left, in their order.
    if (!result.ok) throw this.refused(result, loaded.residentIds, loaded.residentIds.filter((r) => r !== residentId));
    return this.saveOperation(tx, loaded, result.value.card, result.value.facts, dto.reason === 'DEATH' ? 'REMOVE_DEATH' : 'REMOVE_MOVE_OUT', principal);
  }

  /**
   * The whole family moves (the head's application; ResidentStatusService moves each member): within the regency the
   * card takes the new address and a new No. KK of the destination kecamatan, out of it the card is closed and every
   * member leaves it. Inside the caller's transaction `tx`, at the card's current version under its row lock; the
   * caller has checked the destination's region.
   */
  async moveFamilyIn(
    tx: EntityManager,
    id: string,
    destination: { readonly districtCode: string; readonly villageCode: string; readonly address: string } | 'OUT_OF_REGENCY',
    principal: Principal,
  ): Promise<FamilyCardView> {
    const asOf = localDate(this.config.utcOffset);
    const loaded = await this.loadForChange(tx, id, undefined, principal, asOf);
    if (destination !== 'OUT_OF_REGENCY') {
      // The new number is the destination's: the card's kecamatan changes before the number is issued.
      loaded.card.districtCode = destination.districtCode;
      loaded.card.villageCode = destination.villageCode;
      loaded.card.address = destination.address.trim();
    }
    const result = await this.runOperation(tx, loaded.card, asOf, (options) => moveFamily(loaded.value, { leavesRegency: destination === 'OUT_OF_REGENCY' }, options));
    if (!result.ok) throw this.refused(result, loaded.residentIds, destination === 'OUT_OF_REGENCY' ? [] : loaded.residentIds);
    return this.saveOperation(tx, loaded, result.value.card, result.value.facts, 'MOVE_FAMILY', principal);
  }

  /**
   * A recognition (pengakuan anak, UU 23/2006 art. 49) or legitimation (pengesahan anak, art. 50) names the child's
   * father: he is recorded as the father of the child's membership (fatherResidentId), in a new version of the card
   * (RECORD_FATHER, fact FATHER_RECORDED) with identity.family-card.changed.v1, inside the caller's transaction `tx`,
   * at the card's current version under its row lock. The card keeps its No. KK: no member joins or leaves, as for
   * a newborn (the domain's KK_NUMBER_POLICY). A father on the same card then counts in the card's checks (a father
   * younger than his child is refused, 422 FAMILY_CARD_RULE_VIOLATION). Nothing changes, and no version is made, when
   * he is already recorded. Every Problem is thrown before anything is put into the unit of work.
   */
  async recordFatherIn(tx: EntityManager, id: string, childResidentId: string, fatherResidentId: string, principal: Principal): Promise<FamilyCardView> {
    const asOf = localDate(this.config.utcOffset);
    const loaded = await this.loadForChange(tx, id, undefined, principal, asOf);
    const membership = loaded.memberships.find((m) => m.resident.id === childResidentId);
    if (!membership) {
      throw Problem.unprocessable('MEMBER_NOT_ON_CARD', 'the child is not on this family card', [{ code: 'MEMBER_NOT_ON_CARD', field: 'residentId', message: `resident ${childResidentId} is not on card ${id}` }]);
    }
    if (childResidentId === fatherResidentId) {
      throw Problem.unprocessable('FAMILY_CARD_RULE_VIOLATION', RULES_DETAIL, [{ code: 'PARENT_IS_CHILD', field: 'fatherResidentId', message: 'the child cannot be their own father' }]);
    }
    if (membership.fatherResidentId === fatherResidentId) return toCardView(loaded.card, loaded.memberships, this.config.utcOffset);
    await this.checkParentsExist(tx, { fatherResidentId });
    const fatherNik = loaded.nikOf(fatherResidentId);
    const childNik = membership.resident.nik;
    const next: CardValue = {
      ...loaded.value,
      version: (loaded.value.version ?? loaded.card.version) + 1,
      members: loaded.value.members.map((m) => {
        if (m.nik !== childNik) return m;
        const { fatherNik: _previous, ...rest } = m;
        return fatherNik ? { ...rest, fatherNik } : rest;
      }),
    };
    const checked = checkFamilyCard(next, { asOf });
    if (!checked.ok) throw Problem.unprocessable('FAMILY_CARD_RULE_VIOLATION', RULES_DETAIL, itemsFromDomain(checked.errors, loaded.residentIds));
    membership.fatherResidentId = fatherResidentId;
    const residentsByNik = new Map(loaded.memberships.map((m) => [m.resident.nik, m.resident]));
    const [placed] = this.save(tx, {
      principal,
      operation: 'RECORD_FATHER',
      residentsByNik,
      before: loaded.memberships,
      parents: new Map(),
      targets: [{ card: loaded.card, value: next, facts: [{ type: 'FATHER_RECORDED', residentId: childResidentId, fatherResidentId }], isNew: false }],
      domainFacts: [],
    });
    await tx.flush();
    return toCardView(loaded.card, placed ?? [], this.config.utcOffset);
  }

  /** The ids of the residents on a card, in card order (its head first). */
  async memberIdsIn(tx: EntityManager, id: string): Promise<{ readonly residentId: string; readonly relationship: number }[]> {
    const memberships = await tx.find(FamilyCardMembership, { card: id }, { orderBy: { position: 'asc' } });
    return memberships.map((m) => ({ residentId: typeof m.resident === 'string' ? m.resident : m.resident.id, relationship: m.relationship }));
  }

  /** Another member becomes head; the old head stays (new number). */
  async changeHead(id: string, dto: ChangeHeadDto, principal: Principal): Promise<FamilyCardView> {
    const asOf = localDate(this.config.utcOffset);
    return this.transaction(async (tx) => {
      const loaded = await this.loadForChange(tx, id, dto.version, principal, asOf);
      const result = await this.runOperation(tx, loaded.card, asOf, (options) =>
        changeHead(loaded.value, { newHeadNik: this.memberNik(loaded, dto.newHeadResidentId), relationships: this.relationshipsByNik(loaded, dto.relationships) }, options),
      );
      // The card a change of head produces: the same members in the same order.
      if (!result.ok) throw this.refused(result, loaded.residentIds, loaded.residentIds);
      return this.saveOperation(tx, loaded, result.value.card, result.value.facts, 'CHANGE_HEAD', principal);
    });
  }

  /** Pecah KK: a married Anak leaves with their spouse and children on a new card; both cards get new numbers. */
  async split(id: string, dto: SplitFamilyCardDto, principal: Principal): Promise<SplitResultView> {
    const asOf = localDate(this.config.utcOffset);
    return this.transaction(async (tx) => {
      const loaded = await this.loadForChange(tx, id, dto.version, principal, asOf);
      const result = await this.runOperation(tx, loaded.card, asOf, (options) =>
        splitFamilyCard(loaded.value, { newHeadNik: this.memberNik(loaded, dto.newHeadResidentId), memberNiks: dto.memberResidentIds.map((r) => this.memberNik(loaded, r)) }, options),
      );
      // Card checks of a split on a valid card concern the new card (the rest only loses members): its new
      // head, then the members who leave, in the order given.
      const leaving = [dto.newHeadResidentId, ...dto.memberResidentIds.filter((r) => r !== dto.newHeadResidentId && loaded.nikOf(r) !== undefined)];
      if (!result.ok) throw this.refused(result, loaded.residentIds, leaving);
      const newValue = result.value.newCard as CardValue;
      const source = loaded.card;
      const newCard = tx.create(FamilyCard, { kkNumber: newValue.kkNumber, districtCode: source.districtCode, villageCode: source.villageCode, address: source.address });
      const residentsByNik = new Map(loaded.memberships.map((m) => [m.resident.nik, m.resident]));
      const facts = this.versionFacts(result.value.facts, residentsByNik).map((f) => (f.type === 'CARD_SPLIT' ? { ...f, fromFamilyCardId: source.id, newFamilyCardId: newCard.id } : f));
      const splitFact = facts.find((f) => f.type === 'CARD_SPLIT');
      const [rest, split] = this.save(tx, {
        principal,
        operation: 'SPLIT',
        residentsByNik,
        before: loaded.memberships,
        parents: new Map(),
        targets: [
          { card: source, value: result.value.card, facts, isNew: false },
          { card: newCard, value: newValue, facts: [{ type: 'CARD_ISSUED', kkNumber: newValue.kkNumber, operation: 'SPLIT' }, ...(splitFact ? [splitFact] : [])], isNew: true },
        ],
        domainFacts: result.value.facts,
      });
      await tx.flush();
      return { card: toCardView(source, rest ?? [], this.config.utcOffset), newCard: toCardView(newCard, split ?? [], this.config.utcOffset) };
    });
  }

  // --- loading and checking -------------------------------------------------------------------------------

  private async readable(em: EntityManager, id: string, principal: Principal): Promise<FamilyCard> {
    const card = await em.findOne(FamilyCard, { id });
    if (!card) throw Problem.notFound('FAMILY_CARD_NOT_FOUND', `no family card ${id}`);
    if (!canAccessRegion(principal, placeOf(card))) {
      await this.audit.recordNow({ action: 'READ', resourceType: 'family-card', resourceId: card.id, regionCode: card.districtCode, outcome: 'DENIED' });
      throw Problem.forbidden('OUTSIDE_REGION', 'this family card is outside your region');
    }
    return card;
  }

  /**
   * The card under a row lock (PostgreSQL; SQLite runs one transaction at a time), at the client's version
   * (undefined: a consumer's change, at the current version).
   */
  private async loadForChange(tx: EntityManager, id: string, version: number | undefined, principal: Principal, asOf: string): Promise<LoadedCard> {
    const card = await tx.findOne(FamilyCard, { id }, { lockMode: this.lockMode() });
    if (!card) throw Problem.notFound('FAMILY_CARD_NOT_FOUND', `no family card ${id}`);
    if (!canAccessRegion(principal, placeOf(card))) throw Problem.forbidden('OUTSIDE_REGION', 'this family card is outside your region');
    if (card.status === 'CLOSED') throw Problem.conflict('FAMILY_CARD_CLOSED', 'this family card is closed (its last member left); it takes no more changes');
    if (version !== undefined && card.version !== version) {
      throw Problem.conflict('VERSION_CONFLICT', `the card is at version ${card.version} and you sent ${version}: someone changed it since you read it; read it again and retry`);
    }
    const memberships = await tx.find(FamilyCardMembership, { card }, { populate: ['resident'], orderBy: { position: 'asc' } });
    const { value, residentIds } = toDomainCard(card, memberships);
    // The operations work on valid cards only; a stored card that no longer passes (a member's record changed
    // since) is reported as such, not as a fault of the request.
    const stored = checkFamilyCard(value, { asOf });
    if (!stored.ok) {
      throw Problem.unprocessable('FAMILY_CARD_STORED_INVALID', 'the card as stored no longer passes the family card checks; see errors', itemsFromDomain(stored.errors, residentIds));
    }
    const nikById = new Map(memberships.map((m) => [m.resident.id, m.resident.nik]));
    return { card, memberships, value, residentIds, nikOf: (residentId) => (residentId ? nikById.get(residentId) : undefined) };
  }

  /**
   * A member's NIK for the domain. Anyone not on the card is passed as an empty NIK, which is on no card: the
   * domain then answers MEMBER_NOT_ON_CARD or NEW_HEAD_NOT_ELIGIBLE itself.
   */
  private memberNik(loaded: LoadedCard, residentId: string): string {
    return loaded.nikOf(residentId) ?? '';
  }

  private relationshipsByNik(loaded: LoadedCard, relationships: readonly RelationshipDto[] | undefined): Record<string, ShdkCode> {
    const out: Record<string, ShdkCode> = {};
    for (const r of relationships ?? []) {
      const nik = loaded.nikOf(r.residentId);
      if (nik) out[nik] = r.relationship;
    }
    return out;
  }

  /** Recorded parents are registered residents (they need not be on the card). */
  private async checkParentsExist(tx: EntityManager, parents: Parents): Promise<void> {
    const given = (['fatherResidentId', 'motherResidentId'] as const).filter((field) => parents[field] !== undefined);
    if (given.length === 0) return;
    const found = new Set((await tx.find(Resident, { id: { $in: given.map((f) => parents[f] as string) } }, { fields: ['id'] })).map((r) => r.id));
    const missing = given.filter((field) => !found.has(parents[field] as string));
    if (missing.length > 0) {
      throw Problem.unprocessable('RESIDENT_NOT_FOUND', 'a recorded parent must be a registered resident', missing.map((field) => ({ code: 'RESIDENT_NOT_FOUND', field, message: `no resident ${parents[field]}` })));
    }
  }

  /** A resident who joins a card: in the caller's region, alive, on no other card. */
  private checkJoining(resident: Resident, principal: Principal, field: string): void {
    if (!canAccessRegion(principal, placeOf(resident))) throw Problem.forbidden('OUTSIDE_REGION', `the resident in ${field} lives outside your region`);
    if (resident.status !== 'ALIVE') {
      throw Problem.unprocessable('RESIDENT_NOT_ALIVE', 'only living residents of the regency join a family card', [
        { code: 'RESIDENT_NOT_ALIVE', field, message: `resident ${resident.id} is ${resident.status}` },
      ]);
    }
    if (resident.familyCardId) {
      throw Problem.conflict('RESIDENT_ALREADY_ON_CARD', 'a resident is on one family card at a time: remove them from their card first', [
        { code: 'RESIDENT_ALREADY_ON_CARD', field, message: `resident ${resident.id} is on family card ${resident.familyCardId}` },
      ]);
    }
  }

  private refused(result: Extract<FamilyOperationResult, { ok: false }>, before: readonly string[], after: readonly string[]) {
    return Problem.unprocessable('FAMILY_CARD_RULE_VIOLATION', RULES_DETAIL, operationItems(result.errors, before, after));
  }

  // --- No. KK ---------------------------------------------------------------------------------------------

  /**
   * Runs a domain operation. Operations that keep the number (KK_NUMBER_POLICY: REPRINT) succeed without a
   * kkIssue; the others ask for one (KK_ISSUE_REQUIRED), and get it under the counter lock of the card's
   * kecamatan and today's date.
   */
  private async runOperation(
    tx: EntityManager,
    card: FamilyCard,
    asOf: string,
    run: (options: FamilyOperationOptions) => FamilyOperationResult,
  ): Promise<FamilyOperationResult> {
    const withoutNumber = run({ asOf });
    if (withoutNumber.ok || withoutNumber.errors.length !== 1 || withoutNumber.errors[0]?.code !== 'KK_ISSUE_REQUIRED') return withoutNumber;
    const serials = await this.lockKkSerials(tx, card.districtCode, asOf);
    const result = run({ asOf, kkIssue: { districtCode: card.districtCode, usedSerials: serials.used } });
    if (result.ok) this.recordSerials(serials.counter, [result.value.card.kkNumber, result.value.newCard?.kkNumber]);
    return result;
  }

  /** A new No. KK for a new card (POST /family-cards). */
  private async issueNewNumber(tx: EntityManager, districtCode: string, asOf: string): Promise<string> {
    const serials = await this.lockKkSerials(tx, districtCode, asOf);
    const issued = issueKkNumber({ districtCode, usedSerials: serials.used }, { asOf });
    if (!issued.ok) throw Problem.unprocessable('KK_NOT_ISSUED', 'no No. KK can be issued for this card', itemsFromDomain(issued.errors));
    this.recordSerials(serials.counter, [issued.value.kkNumber]);
    return issued.value.kkNumber;
  }

  /**
   * Locks the counter row of the No. KK prefix (kecamatan + date of issue, as the domain builds it) and reads
   * the serials used under it: by current cards and by every earlier version.
   */
  private async lockKkSerials(tx: EntityManager, districtCode: string, asOf: string): Promise<{ counter: KkSerialCounter; used: string[] }> {
    const probe = issueKkNumber({ districtCode, usedSerials: [] }, { asOf });
    if (!probe.ok) throw Problem.unprocessable('KK_NOT_ISSUED', 'no No. KK can be issued for this card', itemsFromDomain(probe.errors));
    const prefix = probe.value.prefix;
    const connection = tx.getConnection();
    const context = tx.getTransactionContext();
    await connection.execute('insert into kk_serial_counter (prefix, last_serial) values (?, 0) on conflict (prefix) do nothing', [prefix], 'run', context);
    const counter = await tx.findOneOrFail(KkSerialCounter, { prefix }, { lockMode: this.lockMode() });
    // Ranges on the indexed numbers, not `like 'prefix%'` (which scans both tables unless the collation is C).
    const [low, high] = [`${prefix}0000`, `${prefix}9999`];
    const rows = await connection.execute<{ kk_number: string }[]>(
      'select kk_number from family_card where kk_number >= ? and kk_number <= ? union select kk_number from family_card_version where kk_number >= ? and kk_number <= ?',
      [low, high, low, high],
      'all',
      context,
    );
    return { counter, used: rows.map((r: { kk_number: string }) => r.kk_number.slice(12)) };
  }

  private recordSerials(counter: KkSerialCounter, kkNumbers: readonly (string | undefined)[]): void {
    for (const kk of kkNumbers) {
      if (kk?.startsWith(counter.prefix)) counter.lastSerial = Math.max(counter.lastSerial, Number(kk.slice(12)));
    }
  }

  private lockMode(): LockMode | undefined {
    return this.config.databaseUrl.startsWith('sqlite:') ? undefined : LockMode.PESSIMISTIC_WRITE;
  }

  // --- saving ---------------------------------------------------------------------------------------------

  private async saveOperation(
    tx: EntityManager,
    loaded: LoadedCard,
    value: CardValue,
    domainFacts: readonly FamilyCardFact[],
    operation: FamilyCardVersionOperation,
    principal: Principal,
    joining: readonly Resident[] = [],
    parents: ReadonlyMap<string, Parents> = new Map(),
  ): Promise<FamilyCardView> {
    const residentsByNik = new Map([...loaded.memberships.map((m) => m.resident), ...joining].map((r) => [r.nik, r]));
    const [placed] = this.save(tx, {
      principal,
      operation,
      residentsByNik,
      before: loaded.memberships,
      parents,
      targets: [{ card: loaded.card, value, facts: this.versionFacts(domainFacts, residentsByNik), isNew: false }],
      domainFacts,
    });
    await tx.flush();
    return toCardView(loaded.card, placed ?? [], this.config.utcOffset);
  }

  private versionFacts(facts: readonly FamilyCardFact[], residentsByNik: ReadonlyMap<string, Resident>): VersionFact[] {
    const idOf = (nik: string): string => {
      const resident = residentsByNik.get(nik.trim());
      if (!resident) throw new Error('a family card fact names a NIK of nobody on the card');
      return resident.id;
    };
    return facts.map((f) => factWithResidentIds(f, idOf));
  }

  /**
   * Puts a change into the unit of work: memberships placed (kept, moved to another card of the change, or
   * created) in card order, memberships left over removed, residents' card and marital status, and for each
   * card its new number, version and status, a version row, a FamilyCardChanged event and an audit row.
   * Returns each target's memberships.
   */
  private save(tx: EntityManager, change: Change): FamilyCardMembership[][] {
    const byResident = new Map(change.before.map((m) => [m.resident.id, m]));
    const touched = new Set<Resident>();
    const claimed = new Set<string>();
    const resident = (nik: string): Resident => {
      const r = change.residentsByNik.get(nik.trim());
      if (!r) throw new Error('the domain returned a member who is not among the residents of the change');
      return r;
    };

    const placed = change.targets.map((target) =>
      target.value.members.map((member, position) => {
        const r = resident(member.nik);
        claimed.add(r.id);
        let membership = byResident.get(r.id);
        if (membership) {
          membership.card = target.card;
          membership.relationship = member.relationship;
          membership.position = position;
        } else {
          const parents = change.parents.get(r.id) ?? {};
          membership = tx.create(FamilyCardMembership, { card: target.card, resident: r, relationship: member.relationship, position, ...parents });
        }
        if (r.familyCardId !== target.card.id) {
          r.familyCardId = target.card.id;
          touched.add(r);
        }
        return membership;
      }),
    );
    for (const membership of change.before) {
      if (claimed.has(membership.resident.id)) continue;
      tx.remove(membership);
      membership.resident.familyCardId = undefined;
      touched.add(membership.resident);
    }

    for (const fact of change.domainFacts) {
      if (fact.type !== 'MARITAL_STATUS_CHANGED') continue;
      const r = resident(fact.nik);
      r.maritalStatus = fact.to;
      touched.add(r);
      this.outbox.record(tx, SUBJECTS.identity.residentMaritalStatusChanged, {
        residentId: r.id,
        from: fact.from,
        to: fact.to,
        districtCode: r.districtCode,
        villageCode: r.villageCode,
      });
    }

    const recordedBy = change.principal.id.slice(0, 200);
    const requestId = currentContext()?.requestId;
    for (const target of change.targets) {
      const card = target.card;
      const previousKkNumber = !target.isNew && card.kkNumber !== target.value.kkNumber ? card.kkNumber : undefined;
      card.kkNumber = target.value.kkNumber;
      card.version = target.value.version ?? 1;
      if (target.facts.some((f) => f.type === 'CARD_CLOSED')) card.status = 'CLOSED';
      tx.create(FamilyCardVersion, {
        card,
        version: card.version,
        kkNumber: card.kkNumber,
        status: card.status,
        operation: change.operation,
        members: target.value.members.map((m) => ({ residentId: resident(m.nik).id, relationship: m.relationship })),
        facts: [...target.facts],
        recordedBy,
        requestId,
      });
      this.outbox.record(tx, SUBJECTS.identity.familyCardChanged, {
        familyCardId: card.id,
        kkNumber: card.kkNumber,
        version: card.version,
        ...(previousKkNumber ? { previousKkNumber } : {}),
        facts: eventFacts(target.facts),
        memberCount: target.value.members.length,
        districtCode: card.districtCode,
        villageCode: card.villageCode,
      });
      this.audit.record(tx, { action: target.isNew ? 'CREATE' : 'UPDATE', resourceType: 'family-card', resourceId: card.id, regionCode: card.districtCode });
    }
    for (const r of touched) this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: r.id, regionCode: r.districtCode });
    return placed;
  }

  /** One transaction; a unique index that catches a concurrent writer becomes a 409 with a stable code. */
  private async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.em.fork().transactional(work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        if (error.message.includes('family_card_membership')) {
          throw Problem.conflict('RESIDENT_ALREADY_ON_CARD', 'a resident is on one family card at a time, and someone has just put them on another');
        }
        if (error.message.includes('family_card_version')) {
          throw Problem.conflict('VERSION_CONFLICT', 'someone changed the card at the same time; read it again and retry');
        }
      }
      throw error;
    }
  }
}
