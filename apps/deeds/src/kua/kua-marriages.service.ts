/**
 * KUA reports of Muslim marriages (marriageRoute('ISLAM') of the domain: registered by the KUA, no deed, the
 * marital status of both spouses becomes KAWIN_TERCATAT). A report is checked (address codes, NIKs, the day),
 * saved and published as deeds.marriage.registered.v1 with route KUA in ONE transaction. The same marriage
 * reported twice (its natural key: the day and both NIKs) is one report (200, duplicate, nothing published
 * again); a retry with the same Idempotency-Key gets the first answer.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { classifyTimeliness, deedCaseKey, marriageRoute, parseNik } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, canAccessRegion, OutboxService, Problem, type Principal, type ProblemItem } from '@adminduk/platform';
import { regionOf } from '../cases/deed-access.service';
import { DeedChecksService } from '../cases/deed-checks.service';
import { IDEMPOTENCY_KEY } from '../cases/notifications.service';
import { canonicalJson } from '../copies/signing.service';
import { OfficeClockService } from '../office-clock.service';
import { KuaMarriage } from './kua-marriage.entity';
import type { KuaMarriageDto, KuaMarriageView } from './kua-marriage.dto';

export const KUA_RESOURCE = 'kua-marriage';

@Injectable()
export class KuaMarriagesService {
  constructor(
    private readonly em: EntityManager,
    private readonly checks: DeedChecksService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
  ) {}

  async report(dto: KuaMarriageDto, principal: Principal, idempotencyKey: string | undefined): Promise<{ status: 200 | 201; view: KuaMarriageView }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw Problem.badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–100 letters, digits, dots, dashes, colons or underscores');
    }
    if (!canAccessRegion(principal, regionOf(dto))) throw Problem.forbidden('OUTSIDE_REGION', `${regionOf(dto)} is outside your region`);
    const requestDigest = createHash('sha256').update(canonicalJson(JSON.parse(JSON.stringify(dto))), 'utf8').digest('hex');
    const key = idempotencyKey ?? null;
    if (key) {
      const replay = await this.replay(principal.id, key, requestDigest);
      if (replay) return replay;
    }
    const { at, asOf } = this.clock.now();
    const items: ProblemItem[] = [...this.checks.addressProblems(dto.districtCode, dto.villageCode)];
    for (const [field, nik] of [['husband.nik', dto.husband.nik], ['wife.nik', dto.wife.nik]] as const) {
      const parsed = parseNik(nik, { asOf });
      if (!parsed.ok) items.push(...parsed.errors.map((e) => ({ code: e.code, field, message: e.message })));
    }
    if (dto.husband.nik === dto.wife.nik) items.push({ code: 'SAME_PERSON', field: 'wife.nik', message: 'the husband and the wife must be two people' });
    const timeliness = classifyTimeliness('MARRIAGE', { eventDate: dto.marriageDate, reportedAt: at });
    if (!timeliness.ok) items.push(...timeliness.errors.map((e) => ({ code: e.code, field: 'marriageDate', message: e.message })));
    const natural = deedCaseKey('MARRIAGE', { eventDate: dto.marriageDate, husbandNik: dto.husband.nik, wifeNik: dto.wife.nik });
    if (!natural.ok) items.push(...natural.errors.map((e) => ({ code: e.code, message: e.message })));
    if (items.length > 0 || !timeliness.ok || !natural.ok) throw Problem.unprocessable('KUA_REPORT_INVALID', 'the KUA report cannot be recorded', items);
    const route = marriageRoute('ISLAM');
    const maritalStatusAfter = route.ok ? route.value.maritalStatusAfter : 'KAWIN_TERCATAT';
    const caseKey = createHash('sha256').update(`KUA|${natural.value}`, 'utf8').digest('hex');

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.em.fork().transactional(async (tx) => {
          const existing = await tx.findOne(KuaMarriage, { caseKey });
          if (existing) return { status: 200 as const, view: toView(existing, true) };
          const report = tx.create(KuaMarriage, {
            caseKey,
            husbandNik: dto.husband.nik,
            husbandName: dto.husband.fullName,
            wifeNik: dto.wife.nik,
            wifeName: dto.wife.fullName,
            marriageDate: dto.marriageDate,
            marriageCertificateNumber: dto.marriageCertificateNumber,
            kuaName: dto.kuaName,
            districtCode: dto.districtCode,
            villageCode: dto.villageCode ?? null,
            reportedBy: principal.id,
            idempotencyKey: key,
            requestDigest,
            reportedAt: at,
            timeliness: timeliness.value.class,
          });
          this.outbox.record(tx, SUBJECTS.deeds.marriageRegistered, {
            deedId: report.id,
            registeredAt: at,
            eventDate: dto.marriageDate,
            timeliness: timeliness.value.class,
            districtCode: dto.districtCode,
            ...(dto.villageCode ? { villageCode: dto.villageCode } : {}),
            route: 'KUA',
            husbandNik: dto.husband.nik,
            wifeNik: dto.wife.nik,
            husband: { fullName: dto.husband.fullName },
            wife: { fullName: dto.wife.fullName },
            maritalStatusAfter,
          });
          this.audit.record(tx, { action: 'CREATE', resourceType: KUA_RESOURCE, resourceId: report.id, regionCode: report.districtCode });
          await tx.flush();
          return { status: 201 as const, view: toView(report, false) };
        });
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) throw error;
        if (key) {
          const replay = await this.replay(principal.id, key, requestDigest);
          if (replay) return replay;
        }
      }
    }
  }

  private async replay(reportedBy: string, key: string, requestDigest: string): Promise<{ status: 200 | 201; view: KuaMarriageView } | undefined> {
    const earlier = await this.em.fork().findOne(KuaMarriage, { reportedBy, idempotencyKey: key });
    if (!earlier) return undefined;
    if (earlier.requestDigest !== requestDigest) {
      throw Problem.unprocessable('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another report: use a new key for a new report', [
        { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', message: `report ${earlier.id} was made with this key` },
      ]);
    }
    return { status: 201, view: toView(earlier, false) };
  }
}

function toView(r: KuaMarriage, duplicate: boolean): KuaMarriageView {
  return {
    id: r.id,
    duplicate,
    route: 'KUA',
    deedNumber: null,
    maritalStatusAfter: 'KAWIN_TERCATAT',
    marriageDate: r.marriageDate,
    districtCode: r.districtCode,
    timeliness: r.timeliness,
    reportedAt: r.reportedAt,
  };
}
