/**
 * Corrections of a resident's record (PATCH /residents/{id}): pembetulan of clerical errors, which the office
 * makes itself (UU 24/2013 art. 71). In ONE transaction: the resident row locked (PostgreSQL) at the version the
 * client read (409 VERSION_CONFLICT when stale), the fields given compared with the record, the rules checked,
 * then the row, an identity.resident.corrected.v1 event in the outbox and an UPDATE row in the audit trail.
 *
 * What may not change here, and why (422 FIELD_NOT_EDITABLE, one item per field):
 * - the NIK never changes (PP 37/2007 art. 36–37);
 * - the marital status changes with a deed (marriage, divorce, death: the deeds service's events and the family
 *   card operations, which also publish identity.resident.marital-status-changed.v1);
 * - the kecamatan and desa / kelurahan change with a move (POST /residents/{id}/move, which keeps the status
 *   log and publishes identity.resident.status-changed.v1). The address text within the same village may be
 *   corrected here.
 * A field sent with its current value is no change and is accepted, so a client may send back what it read.
 *
 * Birth date and sex are encoded in the NIK (digits 7–12, 40 added to the day for women). A correction of
 * either must still fit the NIK (checkNikAgainstPerson): if it does not, the request is refused with 422
 * NIK_MISMATCH and the domain's codes, and the office handles it as a data correction outside this endpoint
 * (a NIK is never re-issued by an edit). The NIK holds a two-digit year only, so a century is corrected here.
 *
 * A correction must not break what the record feeds: the resident's family card (checkFamilyCard: ages of
 * parents and children, sex of the spouses) and the e-KTP and KIA histories (their folds read the birth date).
 * If the card or a history passed before and would fail after, the correction is refused with 422
 * CORRECTION_CONFLICTS_WITH_RECORDS, one item per violation, `field` naming the record ('familyCard', 'ektp',
 * 'kia'). A record that already failed before is not made the correction's fault.
 *
 * Names and birth date follow the register's particulars rule, as in a registration and the import (422
 * PARTICULARS_INVALID with the domain's codes: NAME_BLANK, NAME_CONTROL_CHARACTER, NAME_TOO_LONG, BIRTH_DATE_INVALID,
 * BIRTH_AFTER_AS_OF, BIRTH_DATE_TOO_EARLY), judged on the fields that change.
 *
 * The record of a deceased or moved-out resident is closed (422 RESIDENT_NOT_ALIVE).
 *
 * correctByDeedIn is the same correction made by a corrected deed (deeds.deed.corrected.v1, pembetulan akta, UU 23/2006
 * art. 71), inside the consumer's transaction, with the same rules, event and audit row: the register follows the deed.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, OptimisticLockError } from '@mikro-orm/core';
import {
  checkFamilyCard,
  checkNikAgainstPerson,
  foldEktp,
  foldKia,
  type DocumentHolder,
  type EktpAction,
  type KiaAction,
  type Particulars,
  type Sex,
} from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, itemsFromDomain, OutboxService, Problem, type Principal, type ProblemItem } from '@adminduk/platform';
import { EktpActionRecord } from '../ektp/ektp-action.entity';
import { FamilyCard } from '../family-cards/family-card.entity';
import { FamilyCardMembership } from '../family-cards/family-card-membership.entity';
import { toDomainCard } from '../family-cards/family-card.mapper';
import { KiaActionRecord } from '../kia/kia-action.entity';
import { OfficeClockService } from '../resident-status/office-clock.service';
import { ResidentAccessService } from '../resident-status/resident-access.service';
import type { ResidentView, UpdateResidentDto } from './resident.dto';
import { normalizeName, type Resident } from './resident.entity';
import { refuseBadParticulars, toView } from './residents.service';

/** The fields a correction may change, in the order they are reported. */
const EDITABLE = ['fullName', 'birthPlace', 'birthDate', 'sex', 'religion', 'education', 'bloodType', 'occupation', 'motherName', 'fatherName', 'address'] as const;
type EditableField = (typeof EDITABLE)[number];

/** Fields of the record that change by other means, with the code that says which. */
const NOT_EDITABLE = {
  nik: { code: 'NIK_NEVER_CHANGES', message: 'a NIK never changes; a wrong NIK is a data correction outside this endpoint' },
  maritalStatus: { code: 'MARITAL_STATUS_CHANGES_BY_DEED', message: 'the marital status changes with a marriage, divorce or death deed, not by an edit' },
  districtCode: { code: 'REGION_CHANGES_BY_MOVE', message: 'a new kecamatan is a move: POST /residents/{id}/move' },
  villageCode: { code: 'REGION_CHANGES_BY_MOVE', message: 'a new desa / kelurahan is a move: POST /residents/{id}/move' },
} as const;

/** The fields the register's particulars rule judges (checkParticulars, as the import does). */
const PARTICULARS: ReadonlySet<EditableField> = new Set(['fullName', 'motherName', 'fatherName', 'birthDate', 'sex']);

/** Text fields are stored trimmed. */
const TEXT: ReadonlySet<EditableField> = new Set(['fullName', 'birthPlace', 'occupation', 'motherName', 'fatherName', 'address']);

type Values = { -readonly [F in EditableField]?: Resident[F] | null };

@Injectable()
export class ResidentUpdateService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly access: ResidentAccessService,
    private readonly clock: OfficeClockService,
  ) {}

  async update(residentId: string, dto: UpdateResidentDto, principal: Principal): Promise<ResidentView> {
    const given = EDITABLE.filter((f) => dto[f] !== undefined);
    // Names are the particulars rule's (NAME_BLANK, as the import says it); the other texts are checked here.
    const blank = given.filter((f) => TEXT.has(f) && !PARTICULARS.has(f) && typeof dto[f] === 'string' && (dto[f] as string).trim() === '');
    if (blank.length > 0) {
      throw Problem.badRequest('VALIDATION_FAILED', 'some fields are missing or invalid', blank.map((field) => ({ code: 'BLANK', field, message: `${field} must not be blank` })));
    }
    const locked = (Object.keys(NOT_EDITABLE) as (keyof typeof NOT_EDITABLE)[]).filter((f) => dto[f] !== undefined);
    if (given.length === 0 && locked.length === 0) {
      throw Problem.badRequest('NOTHING_TO_CHANGE', `send the version and at least one of ${EDITABLE.join(', ')}`);
    }
    const wanted = valuesOf(dto, given);
    const found = await this.access.find(residentId, principal, { resourceType: 'resident', action: 'UPDATE' });
    if (changesOf(found, dto, locked, wanted, given).length === 0) {
      // Nothing differs: no new version, no event; the record was disclosed, so it is a READ.
      await this.audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: found.id, regionCode: found.districtCode });
      return toView(found, this.clock.utcOffset);
    }
    try {
      return await this.em.fork().transactional(async (tx) => {
        // Again under the row lock: someone may have changed the resident since (then a 409).
        const resident = await this.access.lock(tx, residentId, principal);
        const changed = changesOf(resident, dto, locked, wanted, given);
        await this.applyIn(tx, resident, changed, wanted);
        return toView(resident, this.clock.utcOffset);
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw Problem.conflict('VERSION_CONFLICT', 'the resident was changed by someone else at the same time: read it again and retry');
      }
      throw error;
    }
  }

  /**
   * A correction of the resident's particulars by a corrected deed (the child's name, sex or birth date on a birth
   * deed; a person's name), in the caller's transaction `tx`, at the resident's current version. The deed is the
   * register's source for these particulars, so a deceased's or moved-out resident's record follows it too (the
   * counter's edit refuses them). The fields that do not differ are left alone; returns the fields changed. Every
   * Problem is thrown before anything is put into the unit of work.
   */
  async correctByDeedIn(
    tx: EntityManager,
    residentId: string,
    values: { readonly fullName?: string; readonly birthDate?: string; readonly sex?: Sex; readonly fatherName?: string; readonly motherName?: string },
    principal: Principal,
  ): Promise<readonly string[]> {
    const resident = await this.access.lock(tx, residentId, principal);
    const given = EDITABLE.filter((f) => (values as Record<string, unknown>)[f] !== undefined);
    const wanted = valuesOf(values as UpdateResidentDto, given);
    const changed = given.filter((f) => (wanted[f] ?? null) !== (resident[f] ?? null));
    if (changed.length === 0) return changed;
    // A refusal must leave nothing behind in the caller's unit of work, which goes on (a review item instead).
    const kept = { ...resident };
    try {
      await this.applyIn(tx, resident, changed, wanted);
    } catch (error) {
      for (const field of [...changed, 'normalizedName', 'normalizedMotherName'] as const) (resident as unknown as Record<string, unknown>)[field] = kept[field];
      throw error;
    }
    return changed;
  }

  /** The checks, the row, identity.resident.corrected.v1 and the audit row of a correction (see the module comment). */
  private async applyIn(tx: EntityManager, resident: Resident, changed: readonly EditableField[], wanted: Values): Promise<void> {
    // The register's particulars rule on what changes (a value sent back unchanged is not judged again).
    refuseBadParticulars(
      Object.fromEntries(changed.filter((f) => PARTICULARS.has(f) && wanted[f] !== null).map((f) => [f, wanted[f]])) as Particulars,
      this.clock.now().asOf,
    );
    const after = { birthDate: (wanted.birthDate ?? resident.birthDate) as string, sex: (wanted.sex ?? resident.sex) as Sex };
    if (changed.includes('birthDate') || changed.includes('sex')) this.checkAgainstNik(resident.nik, after);
    const dependents = changed.some((f) => f === 'birthDate' || f === 'sex' || f === 'religion');
    const before = dependents ? await this.dependentsCheck(tx, resident) : undefined;

    // null clears an optional column (MikroORM writes NULL for null).
    for (const field of changed) (resident as unknown as Record<string, unknown>)[field] = wanted[field];
    if (changed.includes('fullName')) resident.normalizedName = normalizeName(resident.fullName);
    if (changed.includes('motherName')) resident.normalizedMotherName = normalizeName(resident.motherName);

    if (before) {
      const now = await this.dependentsCheck(tx, resident);
      const broken = (['familyCard', 'ektp', 'kia'] as const).flatMap((record) => (before[record].length === 0 ? now[record] : []));
      if (broken.length > 0) {
        throw Problem.unprocessable(
          'CORRECTION_CONFLICTS_WITH_RECORDS',
          "the correction would break the resident's family card or document history; the office must handle it as a data correction outside this endpoint",
          broken,
        );
      }
    }
    this.outbox.record(tx, SUBJECTS.identity.residentCorrected, {
      residentId: resident.id,
      fields: [...changed],
      birthDate: resident.birthDate,
      sex: resident.sex,
      districtCode: resident.districtCode,
      villageCode: resident.villageCode,
    });
    this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
    await tx.flush();
  }

  /**
   * The corrected birth date and sex against the NIK, which never changes (422 NIK_MISMATCH). The date itself was
   * checked before (refuseBadParticulars: a real date, not after today, not before 1900).
   */
  private checkAgainstNik(nik: string, person: { birthDate: string; sex: Sex }): void {
    const check = checkNikAgainstPerson(nik, person);
    if (!check.ok) {
      throw Problem.unprocessable(
        'NIK_MISMATCH',
        'the corrected birth date or sex does not fit the NIK, which never changes: the office must handle it as a data correction outside this endpoint',
        itemsFromDomain(check.errors).map((item) => ({ ...item, field: item.code === 'NIK_SEX_MISMATCH' ? 'sex' : 'birthDate' })),
      );
    }
  }

  /** The violations of the records that read the resident's birth date, sex and religion, as they stand now. */
  private async dependentsCheck(tx: EntityManager, resident: Resident): Promise<Record<'familyCard' | 'ektp' | 'kia', ProblemItem[]>> {
    const { asOf } = this.clock.now();
    let familyCard: ProblemItem[] = [];
    if (resident.familyCardId) {
      const card = await tx.findOne(FamilyCard, { id: resident.familyCardId });
      if (card) {
        const memberships = await tx.find(FamilyCardMembership, { card }, { populate: ['resident'], orderBy: { position: 'asc' } });
        const { value, residentIds } = toDomainCard(card, memberships);
        const checked = checkFamilyCard(value, { asOf });
        if (!checked.ok) familyCard = itemsFromDomain(checked.errors, residentIds).map((item) => ({ ...item, field: 'familyCard' }));
      }
    }
    const holder: DocumentHolder = await this.access.holder(tx, resident);
    const ektpRows = await tx.find(EktpActionRecord, { residentId: resident.id }, { orderBy: { seq: 'asc' } });
    const ektp = foldEktp(ektpRows.map((r) => ({ type: r.type, at: r.at, by: r.actedBy, payload: r.payload }) as EktpAction), holder, { asOf });
    const kiaRows = await tx.find(KiaActionRecord, { residentId: resident.id }, { orderBy: { seq: 'asc' } });
    const kia = foldKia(kiaRows.map((r) => ({ type: r.type, at: r.at, by: r.actedBy, payload: r.payload }) as KiaAction), holder, { asOf });
    return {
      familyCard,
      ektp: ektp.ok ? [] : itemsFromDomain(ektp.errors).map((item) => ({ ...item, field: 'ektp' })),
      kia: kia.ok ? [] : itemsFromDomain(kia.errors).map((item) => ({ ...item, field: 'kia' })),
    };
  }
}

/**
 * The fields that differ from the record, once the request may change it at all: the version read (409), the
 * fields that are not edits (422 FIELD_NOT_EDITABLE), a living resident (422 RESIDENT_NOT_ALIVE).
 */
function changesOf(
  resident: Resident,
  dto: UpdateResidentDto,
  locked: readonly (keyof typeof NOT_EDITABLE)[],
  wanted: Values,
  given: readonly EditableField[],
): EditableField[] {
  if (dto.version !== resident.version) {
    throw Problem.conflict('VERSION_CONFLICT', `the resident is at version ${resident.version}, you sent ${dto.version}: read it again and retry`);
  }
  const refused = locked.filter((f) => dto[f] !== resident[f]).map((f): ProblemItem => ({ ...NOT_EDITABLE[f], field: f }));
  if (refused.length > 0) throw Problem.unprocessable('FIELD_NOT_EDITABLE', 'some fields cannot be changed by an edit; see errors', refused);
  if (resident.status !== 'ALIVE') {
    throw Problem.unprocessable('RESIDENT_NOT_ALIVE', 'the record of a deceased or moved-out resident is closed to corrections', [
      { code: 'RESIDENT_NOT_ALIVE', message: `resident ${resident.id} is ${resident.status}` },
    ]);
  }
  return given.filter((f) => (wanted[f] ?? null) !== (resident[f] ?? null));
}

/** The values asked for: text trimmed, null kept (it clears an optional field). */
function valuesOf(dto: UpdateResidentDto, fields: readonly EditableField[]): Values {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = dto[f];
    out[f] = typeof value === 'string' && TEXT.has(f) ? value.trim() : value;
  }
  return out as Values;
}
