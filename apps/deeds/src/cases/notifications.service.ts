/**
 * Partners' reports (BLAS and OMAS): a health post, hospital, religious institution, village office or RT head
 * reports a birth, stillbirth, death or non-Muslim marriage with its institution's API key.
 *
 * One event, one case:
 * - the natural key (the domain's deedCaseKey: a birth by its day, the mother and the child's order; a death by
 *   the deceased's NIK; a marriage by its day and both NIKs) is stored as a digest with a UNIQUE constraint: the
 *   first report opens the case (201, NOTIFIED), a later report of the same event lands on it (200, duplicate),
 *   even when both arrive at the same moment (the loser of the insert reads the winner's case);
 * - a retried request carries the same `Idempotency-Key`: it gets the first answer again (same status, the
 *   case as it stands now) and writes nothing; the same key with another body is refused (422
 *   IDEMPOTENCY_KEY_REUSED). Keys are per partner.
 *
 * "The partner" is the institution: its API key, or a person signed in for it (the token's institution claim;
 * partyOf). The midwife and her Pustu's key share their reports, their idempotency keys and "my reports"; no
 * institution sees another's reports (404, as if it did not exist).
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { DeedType, PartnerKind } from '@adminduk/domain';
import { AuditService, canAccessRegion, partyOf, Problem, type Principal } from '@adminduk/platform';
import { canonicalJson } from '../copies/signing.service';
import { OfficeClockService } from '../office-clock.service';
import { DeedAccessService, DEED_RESOURCE, regionOf } from './deed-access.service';
import { DeedChecksService } from './deed-checks.service';
import { actorFor, DeedJournalService } from './deed-journal.service';
import { DeedNotification } from './deed-notification.entity';
import { DeedRecord } from './deed-record.entity';
import type { NotificationListQuery, NotificationPage, NotificationView, NotifyDto } from './deed.dto';
import { toNotificationView } from './deed.mapper';
import { plainParticulars, type Particulars } from './particulars.dto';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

/** A case a partner's report opens (see openCase). */
export interface PartnerCase {
  readonly deedType: DeedType;
  readonly caseKey: string;
  readonly districtCode: string;
  readonly villageCode?: string | null;
  readonly eventDate: string;
  readonly particulars: Particulars;
  readonly partnerKind: PartnerKind;
}

export interface NotifyOutcome {
  /** 201 when the report opened the case, 200 when it joined an existing one. */
  readonly status: 200 | 201;
  readonly view: NotificationView;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DeedAccessService,
    private readonly journal: DeedJournalService,
    private readonly checks: DeedChecksService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
  ) {}

  async notify(dto: NotifyDto, principal: Principal, idempotencyKey: string | undefined): Promise<NotifyOutcome> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw Problem.badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–100 letters, digits, dots, dashes, colons or underscores');
    }
    if (!canAccessRegion(principal, regionOf(dto))) throw Problem.forbidden('OUTSIDE_REGION', `${regionOf(dto)} is outside your region`);
    const particulars = plainParticulars(dto.particulars);
    const requestDigest = createHash('sha256').update(canonicalJson({ ...dto, particulars }), 'utf8').digest('hex');
    const key = idempotencyKey ?? null;
    if (key) {
      const replay = await this.replay(principal, key, requestDigest);
      if (replay) return replay;
    }
    const { at } = this.clock.now();
    const caseKey = this.checks.check({ ...dto, particulars }, 'notify', at);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.em.fork().transactional(async (tx) => {
          const existing = await tx.findOne(DeedRecord, { caseKey }, { lockMode: this.access.lockMode() });
          const notification = (deedId: string, outcome: DeedNotification['outcome']) =>
            tx.create(DeedNotification, { deedId, partnerId: partyOf(principal), partnerKind: dto.partnerKind, idempotencyKey: key, requestDigest, outcome, receivedAt: at });
          if (existing) {
            // The same event, reported from another region (a death's key is the deceased's NIK, wherever they
            // lived): the report is kept beside the case, but this partner neither acts on the case nor learns of it
            // more than that it joined one (no status, number or date: toNotificationView).
            const inScope = canAccessRegion(principal, regionOf(existing));
            if (!inScope) {
              this.audit.record(tx, { action: 'UPDATE', resourceType: DEED_RESOURCE, resourceId: existing.id, regionCode: existing.districtCode });
              const n = notification(existing.id, 'DUPLICATE');
              await tx.flush();
              return { status: 200 as const, view: toNotificationView(n, existing, false) };
            }
            // An application the office is still preparing has no action yet: this report is the first one (BLAS and
            // OMAS count from it).
            if (existing.status === null) {
              this.journal.append(tx, existing, null, { type: 'NOTIFY', at, actor: actorFor(principal, 'NOTIFY'), payload: { eventDate: existing.eventDate, partnerKind: dto.partnerKind } });
            } else {
              this.audit.record(tx, { action: 'UPDATE', resourceType: DEED_RESOURCE, resourceId: existing.id, regionCode: existing.districtCode });
            }
            const n = notification(existing.id, 'DUPLICATE');
            await tx.flush();
            return { status: 200 as const, view: toNotificationView(n, existing) };
          }
          const { record, notification: n } = this.openCase(tx, { ...dto, caseKey, particulars }, principal, { at, idempotencyKey: key, requestDigest });
          await tx.flush();
          return { status: 201 as const, view: toNotificationView(n, record) };
        });
      } catch (error) {
        // Another report of the same event (or a retry with the same key) was saved first: answer as the later one.
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) throw error;
        if (key) {
          const replay = await this.replay(principal, key, requestDigest);
          if (replay) return replay;
        }
      }
    }
  }

  /**
   * Opens the case of a partner's report, in the caller's transaction: the record (channel PARTNER), its NOTIFY
   * action (status NOTIFIED, the status-changed event, the audit row) and the report that opened it. The one way a
   * partner's report becomes a case: a notification, and a burial of a death nobody reported (burials.service.ts).
   * The caller has checked the facts and made the case key; a concurrent report of the same event fails the
   * UNIQUE case key at the flush.
   */
  openCase(tx: EntityManager, c: PartnerCase, principal: Principal, report: { at: string; idempotencyKey: string | null; requestDigest: string }): { record: DeedRecord; notification: DeedNotification } {
    const record = tx.create(DeedRecord, {
      deedType: c.deedType,
      caseKey: c.caseKey,
      districtCode: c.districtCode,
      villageCode: c.villageCode ?? null,
      channel: 'PARTNER',
      eventDate: c.eventDate,
      particulars: c.particulars,
    });
    this.journal.append(tx, record, null, { type: 'NOTIFY', at: report.at, actor: actorFor(principal, 'NOTIFY'), payload: { eventDate: c.eventDate, partnerKind: c.partnerKind } }, 'CREATE');
    const notification = tx.create(DeedNotification, {
      deedId: record.id,
      partnerId: partyOf(principal),
      partnerKind: c.partnerKind,
      idempotencyKey: report.idempotencyKey,
      requestDigest: report.requestDigest,
      outcome: 'OPENED',
      receivedAt: report.at,
    });
    return { record, notification };
  }

  /** GET /notifications/{id}: how one of the partner's own reports is getting on (no personal data). */
  async get(id: string, principal: Principal): Promise<NotificationView> {
    const em = this.em.fork();
    const notification = await em.findOne(DeedNotification, { id });
    if (!notification) throw Problem.notFound('NOTIFICATION_NOT_FOUND', `no report ${id}`);
    if (notification.partnerId !== partyOf(principal)) {
      // Another institution's report does not exist for this caller, wherever it is (a 403 for one outside the
      // caller's region would tell that it exists); an administrator reads it, within their region.
      const deed = await em.findOneOrFail(DeedRecord, { id: notification.deedId });
      if (!isAdmin(principal) || !canAccessRegion(principal, regionOf(deed))) throw Problem.notFound('NOTIFICATION_NOT_FOUND', `no report ${id}`);
      const record = await this.access.find(notification.deedId, principal, 'READ');
      return toNotificationView(notification, record);
    }
    const record = await em.findOneOrFail(DeedRecord, { id: notification.deedId });
    return toNotificationView(notification, record, canAccessRegion(principal, regionOf(record)));
  }

  /** GET /notifications: the partner's own reports, newest first (ids are UUIDv7: their order is the time order). */
  async list(query: NotificationListQuery, principal: Principal): Promise<NotificationPage> {
    const em = this.em.fork();
    const limit = query.limit ?? 20;
    const rows = await em.find(
      DeedNotification,
      { partnerId: partyOf(principal), ...(query.before ? { id: { $lt: query.before } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit + 1 },
    );
    const page = rows.slice(0, limit);
    const records = new Map((await em.find(DeedRecord, { id: { $in: [...new Set(page.map((n) => n.deedId))] } })).map((r) => [r.id, r]));
    // A case outside the partner's scope (a report that joined a case elsewhere, or a scope narrowed since) shows
    // only that the report joined a case.
    const items = page.flatMap((n) => {
      const record = records.get(n.deedId);
      return record ? [toNotificationView(n, record, canAccessRegion(principal, regionOf(record)))] : [];
    });
    await this.audit.recordNow({
      action: 'SEARCH',
      resourceType: DEED_RESOURCE,
      results: items.filter((v) => v.status !== null || !v.duplicate).map((v) => ({ id: v.deedId, regionCode: records.get(v.deedId)?.districtCode ?? null })),
    });
    return { items, ...(rows.length > limit ? { next: page[page.length - 1]?.id } : {}) };
  }

  private async replay(principal: Principal, key: string, requestDigest: string): Promise<NotifyOutcome | undefined> {
    const em = this.em.fork();
    const earlier = await em.findOne(DeedNotification, { partnerId: partyOf(principal), idempotencyKey: key });
    if (!earlier) return undefined;
    if (earlier.requestDigest !== requestDigest) {
      throw Problem.unprocessable('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another report: use a new key for a new report', [
        { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', message: `report ${earlier.id} was made with this key` },
      ]);
    }
    const record = await em.findOneOrFail(DeedRecord, { id: earlier.deedId });
    return { status: earlier.outcome === 'OPENED' ? 201 : 200, view: toNotificationView(earlier, record, canAccessRegion(principal, regionOf(record))) };
  }
}

function isAdmin(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
