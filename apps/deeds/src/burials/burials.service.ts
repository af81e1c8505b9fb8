/**
 * The burial register (Buku Pokok Pemakaman): cemetery keepers, parishes, mosques and villages report each burial
 * through the partners' flow of the death reports (notifications.service.ts): the institution's API key or a
 * person signed in for it (partyOf), the region check, an Idempotency-Key, 201 for a new burial and 200 for one
 * already recorded.
 *
 * - Checked before anything is written (422 BURIAL_INVALID, one item per problem): the village a current desa /
 *   kelurahan of this regency, the name, the NIK and the date of death by the domain's particulars check
 *   (checkParticulars: NIK valid and of the sex given, death not after today), the burial day real, not after
 *   today and not before the death.
 * - One burial, one row (burial.entity.ts): by the partner and its register entry number, or by the deceased and
 *   the burial day. A burial reported again answers 200 with the burial recorded first, and writes nothing.
 * - Matched with the deaths by burial-matching.ts. No match: the burial opens a death case exactly as a partner's
 *   death report does (NotificationsService.openCase: NOTIFIED, channel PARTNER), waiting for the family's report
 *   (an OMAS lead). Its case key is the deceased's NIK (deedCaseKey DEATH), so a later report of the death joins
 *   it; without a NIK, the digest of `DEATH|burial:` and the burial's own key (the village, the name's phonetic
 *   keys, the sex, the burial day): unique and stable for this burial, and the same burial reported again is a
 *   duplicate before it is looked at. A death reported later with the NIK gets its own case, which the office
 *   archives as the duplicate (as for any two reports whose facts differ).
 * - The burial row, its audit row and deeds.burial.recorded.v1 (no name, no NIK) in one transaction, with the new
 *   case's rows when there is one.
 *
 * The reporter kinds map to the partner kinds of a death report: a parish, a mosque or another religious
 * institution is RELIGIOUS_INSTITUTION; a cemetery keeper (public cemeteries are kept by the village or the
 * regency) and the village are VILLAGE_OFFICE.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { checkParticulars, nameKeys, type PartnerKind } from '@adminduk/domain';
import { AuditService, canAccessRegion, hasRole, OutboxService, partyOf, Problem, regionScopeConditions, type Principal, type ProblemItem } from '@adminduk/platform';
import { regionOf } from '../cases/deed-access.service';
import { DeedChecksService } from '../cases/deed-checks.service';
import { DeedRecord } from '../cases/deed-record.entity';
import { IDEMPOTENCY_KEY, NotificationsService } from '../cases/notifications.service';
import { canonicalJson } from '../copies/signing.service';
import { OfficeClockService } from '../office-clock.service';
import type { BurialListQuery, BurialPage, BurialReportDto, BurialView } from './burial.dto';
import { Burial, type BurialReporterKind } from './burial.entity';
import { deathCaseKeyOfNik, matchDeath } from './burial-matching';

export const BURIAL_RESOURCE = 'burial';

const PARTNER_KIND: Readonly<Record<BurialReporterKind, PartnerKind>> = {
  CEMETERY: 'VILLAGE_OFFICE',
  VILLAGE: 'VILLAGE_OFFICE',
  PARISH: 'RELIGIOUS_INSTITUTION',
  MOSQUE: 'RELIGIOUS_INSTITUTION',
  OTHER_RELIGIOUS: 'RELIGIOUS_INSTITUTION',
};

export interface BurialOutcome {
  /** 201 for a new burial, 200 for one recorded before (the answer is that burial). */
  readonly status: 200 | 201;
  readonly view: BurialView;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Upper case, letters and digits only: '12/2026' and '12-2026' are one entry number. */
const normalizedNumber = (value: string) => value.toUpperCase().replace(/[^A-Z0-9]+/g, '');

@Injectable()
export class BurialsService {
  constructor(
    private readonly em: EntityManager,
    private readonly checks: DeedChecksService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
  ) {}

  async record(dto: BurialReportDto, principal: Principal, idempotencyKey: string | undefined): Promise<BurialOutcome> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw Problem.badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–100 letters, digits, dots, dashes, colons or underscores');
    }
    const districtCode = dto.villageCode.slice(0, 6);
    if (!canAccessRegion(principal, dto.villageCode)) throw Problem.forbidden('OUTSIDE_REGION', `${dto.villageCode} is outside your region`);
    const requestDigest = sha256(canonicalJson(JSON.parse(JSON.stringify(dto))));
    const key = idempotencyKey ?? null;
    const partnerId = partyOf(principal);
    if (key) {
      const replay = await this.replay(principal, key, requestDigest);
      if (replay) return replay;
    }
    const { at, asOf } = this.clock.now();
    const fullName = this.check(dto, districtCode, asOf);

    const entryKey = dto.registerEntryNumber ? sha256(`entry|${partnerId}|${normalizedNumber(dto.registerEntryNumber)}`) : null;
    const person = dto.nik ? `nik:${dto.nik}|${dto.burialDate}` : `name:${dto.villageCode}|${nameKeys(fullName).join(' ')}|${dto.sex}|${dto.burialDate}`;
    // One row per partner and burial: a parish and the cemetery keeper who both report a burial each keep their own
    // record (attached to the same death record), and neither is ever answered with the other's.
    const personKey = sha256(`${partnerId}|${person}`);
    const facts = { fullName, sex: dto.sex, nik: dto.nik, dateOfDeath: dto.dateOfDeath, burialDate: dto.burialDate, villageCode: dto.villageCode };

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.em.fork().transactional(async (tx) => {
          const byEntry = entryKey ? await tx.findOne(Burial, { entryKey }) : null;
          if (byEntry && byEntry.personKey !== personKey) {
            // A register numbered again each year or book: the same entry number names another burial. Never
            // answered as a duplicate (a death would be lost without a sign).
            const message = `entry ${dto.registerEntryNumber} of your burial register is already recorded for another burial (buried on ${byEntry.burialDate}); give the entry's number with its book or year`;
            throw Problem.conflict('BURIAL_ENTRY_NUMBER_REUSED', message, [{ code: 'BURIAL_ENTRY_NUMBER_REUSED', field: 'registerEntryNumber', message }]);
          }
          const existing = byEntry ?? (await tx.findOne(Burial, { personKey }));
          if (existing) {
            const death = await tx.findOne(DeedRecord, { id: existing.deathDeedId });
            return { status: 200 as const, view: toView(existing, true, death, principal) };
          }
          const found = await matchDeath(tx, facts);
          let death: DeedRecord;
          let match: Burial['match'];
          let matchedBy: Burial['matchedBy'];
          if (found.record) {
            ({ record: death, match, matchedBy } = found);
          } else {
            const eventDate = dto.dateOfDeath ?? dto.burialDate;
            const caseKey = (dto.nik ? deathCaseKeyOfNik(dto.nik) : undefined) ?? sha256(`DEATH|burial:${person}`);
            ({ record: death } = this.notifications.openCase(
              tx,
              {
                deedType: 'DEATH',
                caseKey,
                districtCode,
                villageCode: dto.villageCode,
                eventDate,
                particulars: { deceased: { ...(dto.nik ? { nik: dto.nik } : {}), fullName, sex: dto.sex } },
                partnerKind: PARTNER_KIND[dto.reporterKind],
              },
              principal,
              { at, idempotencyKey: null, requestDigest },
            ));
            match = 'NEW_CASE';
            matchedBy = 'NONE';
          }
          const burial = tx.create(Burial, {
            entryKey,
            personKey,
            partnerId,
            reporterKind: dto.reporterKind,
            registerEntryNumber: dto.registerEntryNumber ?? null,
            deceasedName: fullName,
            deceasedSex: dto.sex,
            deceasedNik: dto.nik ?? null,
            dateOfDeath: dto.dateOfDeath ?? null,
            burialDate: dto.burialDate,
            cemeteryName: dto.cemeteryName.trim(),
            districtCode,
            villageCode: dto.villageCode,
            deathDeedId: death.id,
            match,
            matchedBy,
            idempotencyKey: key,
            requestDigest,
            recordedAt: at,
          });
          this.outbox.record(tx, SUBJECTS.deeds.burialRecorded, {
            burialId: burial.id,
            buriedOn: burial.burialDate,
            ...(burial.dateOfDeath ? { diedOn: burial.dateOfDeath } : {}),
            reporterKind: burial.reporterKind,
            deathDeedId: death.id,
            match,
            matchedBy,
            recordedAt: at,
            districtCode,
            villageCode: burial.villageCode,
          });
          this.audit.record(tx, { action: 'CREATE', resourceType: BURIAL_RESOURCE, resourceId: burial.id, regionCode: districtCode });
          await tx.flush();
          return { status: 201 as const, view: toView(burial, false, death, principal) };
        });
      } catch (error) {
        // The same burial (or the same death, opening its case) was saved first by a concurrent report: look again.
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) throw error;
        if (key) {
          const replay = await this.replay(principal, key, requestDigest);
          if (replay) return replay;
        }
      }
    }
  }

  /** GET /burials/{id}: the partner's own burial (another's is 404), or, for the office, one in its region (else 404). */
  async get(id: string, principal: Principal): Promise<BurialView> {
    const em = this.em.fork();
    const burial = await em.findOne(Burial, { id });
    if (!burial) throw Problem.notFound('BURIAL_NOT_FOUND', `no burial ${id}`);
    const own = burial.partnerId === partyOf(principal);
    if (!own) {
      // Another institution's burial does not exist for a partner; for the office, one outside its region does not
      // either (as GET /notifications/{id} answers an administrator: a 403 would tell that it exists). The
      // refusal of an office reader is kept in the audit trail.
      if (!isOffice(principal)) throw Problem.notFound('BURIAL_NOT_FOUND', `no burial ${id}`);
      if (!canAccessRegion(principal, burial.villageCode)) {
        await this.audit.recordNow({ action: 'READ', resourceType: BURIAL_RESOURCE, resourceId: burial.id, regionCode: burial.districtCode, outcome: 'DENIED' });
        throw Problem.notFound('BURIAL_NOT_FOUND', `no burial ${id}`);
      }
    }
    const death = await em.findOne(DeedRecord, { id: burial.deathDeedId });
    await this.audit.recordNow({ action: 'READ', resourceType: BURIAL_RESOURCE, resourceId: burial.id, regionCode: burial.districtCode });
    return toView(burial, false, death, principal);
  }

  /**
   * GET /burials, newest first: a partner's own burials; for the office (operator, registrar), the burials of its
   * region, by village, burial days and match.
   */
  async list(query: BurialListQuery, principal: Principal): Promise<BurialPage> {
    const where: FilterQuery<Burial>[] = [];
    const office = isOffice(principal);
    if (!office) where.push({ partnerId: partyOf(principal) });
    else {
      const scope = regionScopeConditions(principal);
      if (scope) {
        if (scope.length === 0) return { items: [] };
        where.push({ $or: scope });
      }
    }
    if (query.villageCode) where.push({ villageCode: query.villageCode });
    if (query.from) where.push({ burialDate: { $gte: query.from } });
    if (query.to) where.push({ burialDate: { $lte: query.to } });
    if (query.match) where.push({ match: query.match });
    if (query.before) where.push({ id: { $lt: query.before } });
    const limit = query.limit ?? 20;
    const em = this.em.fork();
    const rows = await em.find(Burial, where.length > 0 ? { $and: where } : {}, { orderBy: { id: 'desc' }, limit: limit + 1 });
    const page = rows.slice(0, limit).filter((b) => !office || canAccessRegion(principal, b.villageCode));
    const deaths = new Map((await em.find(DeedRecord, { id: { $in: [...new Set(page.map((b) => b.deathDeedId))] } })).map((r) => [r.id, r]));
    const items = page.map((b) => toView(b, false, deaths.get(b.deathDeedId) ?? null, principal));
    await this.audit.recordNow({ action: 'SEARCH', resourceType: BURIAL_RESOURCE, results: page.map((b) => ({ id: b.id, regionCode: b.districtCode })) });
    return { items, ...(rows.length > limit ? { next: rows[limit - 1]?.id } : {}) };
  }

  /** Throws 422 BURIAL_INVALID with every problem (see the module comment); returns the name, trimmed. */
  private check(dto: BurialReportDto, districtCode: string, asOf: string): string {
    // The kecamatan is not sent: its problems are the village's.
    const items: ProblemItem[] = this.checks.addressProblems(districtCode, dto.villageCode).map((p) => ({ ...p, field: 'villageCode' }));
    const particulars = checkParticulars({ fullName: dto.fullName, sex: dto.sex, ...(dto.nik ? { nik: dto.nik } : {}), ...(dto.dateOfDeath ? { dateOfDeath: dto.dateOfDeath } : {}) }, { asOf });
    if (!particulars.ok) items.push(...particulars.errors.map((e) => ({ code: e.code, ...(e.field ? { field: e.field } : {}), message: e.message })));
    if (!isRealDate(dto.burialDate)) items.push({ code: 'BURIAL_DATE_INVALID', field: 'burialDate', message: 'burialDate must be a real date YYYY-MM-DD' });
    else if (dto.burialDate > asOf) items.push({ code: 'BURIAL_AFTER_AS_OF', field: 'burialDate', message: 'burialDate is after today' });
    else if (dto.dateOfDeath && isRealDate(dto.dateOfDeath) && dto.burialDate < dto.dateOfDeath) {
      items.push({ code: 'BURIAL_BEFORE_DEATH', field: 'burialDate', message: 'burialDate is before dateOfDeath' });
    }
    if (items.length > 0) throw Problem.unprocessable('BURIAL_INVALID', 'the burial cannot be recorded', items);
    return particulars.ok ? (particulars.value.fullName ?? dto.fullName.trim()) : dto.fullName.trim();
  }

  private async replay(principal: Principal, key: string, requestDigest: string): Promise<BurialOutcome | undefined> {
    const em = this.em.fork();
    const earlier = await em.findOne(Burial, { partnerId: partyOf(principal), idempotencyKey: key });
    if (!earlier) return undefined;
    if (earlier.requestDigest !== requestDigest) {
      throw Problem.unprocessable('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another report: use a new key for a new report', [
        { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', message: `burial ${earlier.id} was reported with this key` },
      ]);
    }
    const death = await em.findOne(DeedRecord, { id: earlier.deathDeedId });
    return { status: 201, view: toView(earlier, false, death, principal) };
  }
}

/** The office's roles see the burials of their region; a partner sees its own. */
function isOffice(principal: Principal): boolean {
  return hasRole(principal, 'operator', 'registrar');
}

function isRealDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function toView(b: Burial, duplicate: boolean, death: DeedRecord | null, principal: Principal): BurialView {
  return {
    id: b.id,
    duplicate,
    reporterKind: b.reporterKind,
    registerEntryNumber: b.registerEntryNumber ?? null,
    burialDate: b.burialDate,
    dateOfDeath: b.dateOfDeath ?? null,
    cemeteryName: b.cemeteryName,
    districtCode: b.districtCode,
    villageCode: b.villageCode,
    deathDeedId: b.deathDeedId,
    match: b.match,
    matchedBy: b.matchedBy,
    deathStatus: death && canAccessRegion(principal, regionOf(death)) ? death.status : null,
    recordedAt: b.recordedAt,
  };
}
