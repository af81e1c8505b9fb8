/**
 * Residents: registration (with a NIK checked or issued by the domain library), reading and search, all
 * limited to the caller's region scope and written to the audit trail (UU 27/2022): a registration is a
 * CREATE row in the registration's transaction; a read is a READ row (DENIED when outside the caller's
 * region) and a search one SEARCH row naming every resident it returned, written before the data is sent.
 * registerIn works inside a caller's transaction, for the consumers of the deeds events (a child from a birth
 * deed is registered in the consumer's inbox transaction).
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { checkParticulars, findRegion, isWajibKtp, issueNik, type Particulars, type ParticularsField } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { SUBJECTS, type ResidentRegistered } from '@adminduk/contracts';
import {
  AuditService,
  canAccessRegion,
  itemsFromDomain,
  localDate,
  officeInstant,
  OutboxService,
  placeOf,
  Problem,
  regionScopeConditions,
  SERVICE_CONFIG,
  type Principal,
  type ServiceConfig,
} from '@adminduk/platform';
import { normalizeName, Resident } from './resident.entity';
import { NikSerialCounter } from './nik-serial.entity';
import { FamilyCard } from '../family-cards/family-card.entity';
import type { RegisterResidentDto, ResidentPage, ResidentSearchQuery, ResidentView } from './resident.dto';

/**
 * A resident to register: the HTTP request's fields, or a consumer's. `origin` BIRTH is for a child from a birth
 * deed; `nikDistrictCode` is the kecamatan the NIK is issued under when it is not the address's (a birth is
 * registered where the deed was registered; the child lives at the family card's address).
 */
export type NewResident = Omit<RegisterResidentDto, 'origin'> & {
  readonly origin?: ResidentRegistered['origin'];
  readonly nikDistrictCode?: string;
};

@Injectable()
export class ResidentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async register(dto: RegisterResidentDto, principal: Principal): Promise<ResidentView> {
    if (!canAccessRegion(principal, placeOf(dto))) {
      throw Problem.forbidden('OUTSIDE_REGION', `you may not register residents in ${dto.villageCode}`);
    }
    this.checkAddress(dto.districtCode, dto.villageCode);
    const em = this.em.fork();
    try {
      return await em.transactional(async (tx) => toView(await this.registerIn(tx, dto), this.config.utcOffset));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw Problem.conflict('NIK_TAKEN', 'a resident with this NIK is already registered');
      throw error;
    }
  }

  /**
   * Registers a resident inside the caller's transaction `tx` (the HTTP registration's own, or a message
   * consumer's): checks the particulars (names, birth date, sex, a NIK given: 422 PARTICULARS_INVALID, see
   * refuseBadParticulars), refuses a likely duplicate (409 POSSIBLE_DUPLICATE), issues a NIK when none is given, creates
   * the record, records identity.resident.registered.v1 in the outbox and a CREATE audit row, and flushes. The
   * caller has checked the address (checkAddress) and the caller's region. Every Problem is thrown before
   * anything is put into the unit of work; a NIK taken meanwhile fails the flush (unique index).
   */
  async registerIn(tx: EntityManager, dto: NewResident): Promise<Resident> {
    const asOf = localDate(this.config.utcOffset);
    refuseBadParticulars(
      { fullName: dto.fullName, motherName: dto.motherName, ...(dto.fatherName !== undefined ? { fatherName: dto.fatherName } : {}), birthDate: dto.birthDate, sex: dto.sex, ...(dto.nik !== undefined ? { nik: dto.nik } : {}) },
      asOf,
    );
    await this.refuseLikelyDuplicate(tx, dto);
    const nik = dto.nik ?? (await this.issueNik(tx, { ...dto, districtCode: dto.nikDistrictCode ?? dto.districtCode }, asOf));
    const resident = tx.create(Resident, {
      nik,
      fullName: dto.fullName.trim(),
      normalizedName: normalizeName(dto.fullName),
      birthPlace: dto.birthPlace.trim(),
      birthDate: dto.birthDate,
      sex: dto.sex,
      religion: dto.religion,
      maritalStatus: dto.maritalStatus,
      education: dto.education,
      bloodType: dto.bloodType,
      occupation: dto.occupation,
      motherName: dto.motherName.trim(),
      normalizedMotherName: normalizeName(dto.motherName),
      fatherName: dto.fatherName?.trim(),
      districtCode: dto.districtCode,
      villageCode: dto.villageCode,
      address: dto.address.trim(),
    });
    this.outbox.record(tx, SUBJECTS.identity.residentRegistered, {
      residentId: resident.id,
      nik,
      birthDate: resident.birthDate,
      sex: resident.sex,
      maritalStatus: resident.maritalStatus,
      origin: dto.origin ?? 'FIRST_REGISTRATION',
      ...documentsKnown(resident, dto.origin ?? 'FIRST_REGISTRATION', asOf),
      districtCode: resident.districtCode,
      villageCode: resident.villageCode,
    });
    this.audit.record(tx, { action: 'CREATE', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
    await tx.flush();
    return resident;
  }

  async get(id: string, principal: Principal): Promise<ResidentView> {
    const resident = await this.em.fork().findOne(Resident, { id });
    if (!resident) throw Problem.notFound('RESIDENT_NOT_FOUND', `no resident ${id}`);
    const audited = { action: 'READ', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode } as const;
    if (!canAccessRegion(principal, placeOf(resident))) {
      await this.audit.recordNow({ ...audited, outcome: 'DENIED' });
      throw Problem.forbidden('OUTSIDE_REGION', 'this resident lives outside your region');
    }
    await this.audit.recordNow(audited);
    return toView(resident, this.config.utcOffset);
  }

  async search(query: ResidentSearchQuery, principal: Principal): Promise<ResidentPage> {
    const where: FilterQuery<Resident>[] = [];
    if (query.nik) where.push({ nik: query.nik });
    if (query.name) {
      if (!query.birthDate && !query.villageCode) throw Problem.badRequest('SEARCH_TOO_BROAD', 'a name search needs birthDate or villageCode too');
      where.push({ normalizedName: { $like: `%${normalizeName(query.name).replace(/[%_]/g, '')}%` } });
    }
    if (query.birthDate) where.push({ birthDate: query.birthDate });
    if (query.villageCode) where.push({ villageCode: query.villageCode });
    if (query.familyCardId) where.push({ familyCardId: query.familyCardId });
    const em = this.em.fork();
    if (query.kkNumber) {
      // The members of the ACTIVE card with this number (a reissued card's old number finds nothing; nor does a closed card's).
      const card = await em.findOne(FamilyCard, { kkNumber: query.kkNumber, status: 'ACTIVE' }, { fields: ['id'] });
      where.push({ familyCardId: { $in: card ? [card.id] : [] } });
    }
    if (where.length === 0) throw Problem.badRequest('SEARCH_TOO_BROAD', 'search by nik, name with birthDate or villageCode, villageCode, familyCardId or kkNumber');
    const scope = regionScopeConditions(principal);
    if (scope) where.push({ $or: scope });
    if (query.after) where.push({ id: { $gt: query.after } });
    const limit = query.limit ?? 50;
    const rows = await em.find(Resident, { $and: where }, { orderBy: { id: 'asc' }, limit: limit + 1 });
    const visible = rows.filter((r) => canAccessRegion(principal, placeOf(r)));
    const items = visible.slice(0, limit).map((r) => toView(r, this.config.utcOffset));
    await this.audit.recordNow({ action: 'SEARCH', resourceType: 'resident', results: items.map((r) => ({ id: r.id, regionCode: r.districtCode })) });
    return { items, ...(rows.length > limit ? { next: items[items.length - 1]?.id } : {}) };
  }

  /** 422 ADDRESS_INVALID unless the kecamatan and desa / kelurahan are current codes, the village in the kecamatan. */
  checkAddress(districtCode: string, villageCode: string): void {
    const district = findRegion(districtCode);
    const village = findVillage(villageCode);
    const errors = [];
    if (!district || district.level !== 'district' || district.historical) {
      errors.push({ code: 'DISTRICT_UNKNOWN', field: 'districtCode', message: `${districtCode} is not a current kecamatan code` });
    }
    if (!village || village.historical || !villageCode.startsWith(districtCode)) {
      errors.push({ code: 'VILLAGE_UNKNOWN', field: 'villageCode', message: `${villageCode} is not a current desa / kelurahan of kecamatan ${districtCode}` });
    }
    if (errors.length > 0) throw Problem.unprocessable('ADDRESS_INVALID', 'the address codes are not current region codes', errors);
  }

  /** Residents with the same name, birth date and mother's name (at most 5): most likely the same person. */
  async likelyDuplicates(em: EntityManager, person: Pick<NewResident, 'fullName' | 'birthDate' | 'motherName'>): Promise<Resident[]> {
    return em.find(
      Resident,
      { normalizedName: normalizeName(person.fullName), birthDate: person.birthDate, normalizedMotherName: normalizeName(person.motherName) },
      { limit: 5 },
    );
  }

  private async refuseLikelyDuplicate(em: EntityManager, dto: NewResident): Promise<void> {
    const same = await this.likelyDuplicates(em, dto);
    const others = same.filter((r) => r.id !== dto.notADuplicateOf);
    if (others.length > 0) {
      throw Problem.conflict(
        'POSSIBLE_DUPLICATE',
        'a resident with the same name, birth date and mother is already registered; a registrar may confirm it is another person with notADuplicateOf',
        others.map((r) => ({ code: 'SAME_PERSON_SUSPECTED', field: 'fullName', message: `resident ${r.id}` })),
      );
    }
  }

  /** A new NIK under the kecamatan and birth date, serialized per prefix by the counter row's lock. */
  private async issueNik(em: EntityManager, dto: Pick<NewResident, 'districtCode' | 'birthDate' | 'sex'>, asOf: string): Promise<string> {
    const day = Number(dto.birthDate.slice(8, 10)) + (dto.sex === 'F' ? 40 : 0);
    const prefix = dto.districtCode + String(day).padStart(2, '0') + dto.birthDate.slice(5, 7) + dto.birthDate.slice(2, 4);
    const connection = em.getConnection();
    const tx = em.getTransactionContext();
    await connection.execute('insert into nik_serial_counter (prefix, last_serial) values (?, 0) on conflict (prefix) do nothing', [prefix], 'run', tx);
    const counter = await em.findOneOrFail(NikSerialCounter, { prefix }, { lockMode: this.lockMode() });
    // A range, not `like 'prefix%'`: PostgreSQL uses a btree index for LIKE only under the C collation, and a
    // database created with another (C.UTF-8, en_US…) scanned every resident for each NIK issued (57 ms with
    // 165,000 residents; the birth consumer managed 5 births/s). NIKs are 16 digits, so the range is exact.
    const used = await connection.execute<{ nik: string }[]>('select nik from resident where nik >= ? and nik <= ?', [`${prefix}0000`, `${prefix}9999`], 'all', tx);
    const issued = issueNik({ districtCode: dto.districtCode, birthDate: dto.birthDate, sex: dto.sex, usedSerials: used.map((r: { nik: string }) => r.nik.slice(12)) }, { asOf });
    if (!issued.ok) throw Problem.unprocessable('NIK_NOT_ISSUED', 'no NIK can be issued for this person', itemsFromDomain(issued.errors));
    counter.lastSerial = Number(issued.value.serial);
    return issued.value.nik;
  }

  private lockMode(): LockMode | undefined {
    return this.config.databaseUrl.startsWith('sqlite:') ? undefined : LockMode.PESSIMISTIC_WRITE;
  }
}

/**
 * The register's particulars rule (the domain's checkParticulars: names trimmed, not blank, no control characters,
 * at most 100 characters; a birth date neither after the office's day nor before 1900; a NIK given consistent with
 * birth date and sex; a death neither before the birth nor after the office's day): 422 PARTICULARS_INVALID with
 * one item per violation, its `code` the domain's (the register import rejects a row with the same codes) and its
 * `field` the request's. Only the fields given are checked; with `judged`, only the violations of those fields are
 * refused (a death is judged against the recorded birth date, which is not the request's to answer for).
 */
export function refuseBadParticulars(particulars: Particulars, asOf: string, judged?: readonly ParticularsField[]): void {
  const checked = checkParticulars(particulars, { asOf });
  const errors = checked.ok ? [] : checked.errors.filter((e) => judged === undefined || (e.field !== undefined && judged.includes(e.field)));
  if (errors.length > 0) {
    throw Problem.unprocessable(
      'PARTICULARS_INVALID',
      "the person's particulars break the register's rules (names, birth date, NIK, date of death); see errors",
      errors.map((e) => ({ code: e.code, ...(e.field ? { field: e.field } : {}), message: e.message })),
    );
  }
}

/** `utcOffset`: the office's; instants are written at it (libs/platform time/office-instant.ts). */
export function toView(r: Resident, utcOffset: string): ResidentView {
  return {
    id: r.id,
    nik: r.nik,
    fullName: r.fullName,
    birthPlace: r.birthPlace,
    birthDate: r.birthDate,
    sex: r.sex,
    religion: r.religion,
    maritalStatus: r.maritalStatus,
    ...(r.education != null ? { education: r.education } : {}),
    ...(r.bloodType != null ? { bloodType: r.bloodType } : {}),
    ...(r.occupation ? { occupation: r.occupation } : {}),
    motherName: r.motherName,
    ...(r.fatherName ? { fatherName: r.fatherName } : {}),
    districtCode: r.districtCode,
    villageCode: r.villageCode,
    address: r.address,
    status: r.status,
    ...(r.familyCardId ? { familyCardId: r.familyCardId } : {}),
    version: r.version,
    createdAt: officeInstant(r.createdAt, utcOffset),
    updatedAt: officeInstant(r.updatedAt, utcOffset),
  };
}

/**
 * What the register knows of a new resident's documents, for identity.resident.registered.v1: no e-KTP or KIA
 * action exists yet, so the e-KTP is what the fold derives from age and marital status (NOT_RECORDED for someone
 * wajib KTP, UU 24/2013 art. 63(1), else NOT_YET_COMPULSORY) and the KIA is NOT_ISSUED. A child registered from a
 * birth deed has that deed; for anyone else the register does not know (left out: unknown downstream).
 */
function documentsKnown(resident: Resident, origin: ResidentRegistered['origin'], asOf: string): Pick<ResidentRegistered, 'ektpState' | 'kiaState' | 'hasBirthDeed'> {
  const wajib = isWajibKtp({ birthDate: resident.birthDate, maritalStatus: resident.maritalStatus }, { asOf });
  return {
    ...(wajib.ok ? { ektpState: wajib.value ? 'NOT_RECORDED' : 'NOT_YET_COMPULSORY' } : {}),
    kiaState: 'NOT_ISSUED',
    ...(origin === 'BIRTH' ? { hasBirthDeed: true } : {}),
  };
}
