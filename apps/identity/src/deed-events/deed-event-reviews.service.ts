/**
 * The review queue of the deeds events for registrars: the pending reviews of the caller's region, one review, and
 * the decision on a held event (PARTICULARS_MISMATCH): confirmed, it is applied as the consumer would have applied
 * it (DeedEventsService.applyHeld) in the same transaction as the review's resolution and its audit row; rejected,
 * nothing is applied and the refusal is kept. Reads are audited as reads of 'deed-event-review' records (they name
 * residents by id); decisions as UPDATEs, the changes the application makes under their own resource types, all
 * with the registrar as the actor.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode, type FilterQuery } from '@mikro-orm/core';
import { AuditService, canAccessRegion, Problem, SERVICE_CONFIG, type AuditAction, type Principal, type ServiceConfig } from '@adminduk/platform';
import { DeedEventApplication } from './deed-event-application.entity';
import { DeedEventJournalService } from './deed-event-journal.service';
import { DeedEventReview, reviewRegion, type DeedEventReviewResolution } from './deed-event-review.entity';
import { toReviewView, type DeedEventReviewPage, type DeedEventReviewQuery, type DeedEventReviewView, type ReviewDecisionDto, type ReviewDecisionView } from './deed-event-reviews.dto';
import { DeedEventsService } from './deed-events.service';

const RESOURCE = 'deed-event-review';

@Injectable()
export class DeedEventReviewsService {
  constructor(
    private readonly em: EntityManager,
    private readonly journal: DeedEventJournalService,
    private readonly deedEvents: DeedEventsService,
    private readonly audit: AuditService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The reviews of the caller's region (kecamatan of the deed's registration), oldest first: OPEN unless asked otherwise. */
  async list(query: DeedEventReviewQuery, principal: Principal): Promise<DeedEventReviewPage> {
    const where: FilterQuery<DeedEventReview>[] = [{ status: query.status ?? 'OPEN' }];
    if (query.code) where.push({ code: query.code });
    if (!principal.regions.includes('*')) {
      // A kecamatan (or wider) scope takes its reviews by kecamatan; a desa scope those of its desa only.
      where.push({
        $or: principal.regions.map((prefix) => (prefix.length > 6 ? { villageCode: { $like: `${prefix}%` } } : { districtCode: { $like: `${prefix}%` } })),
      });
    }
    const rows = await this.em.fork().find(DeedEventReview, { $and: where }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: query.limit ?? 50 });
    const allowed = rows.filter((r) => canAccessRegion(principal, reviewRegion(r)));
    const items = allowed.map((r) => toReviewView(r, this.config.utcOffset));
    await this.audit.recordNow({ action: 'SEARCH', resourceType: RESOURCE, results: allowed.map((r) => ({ id: r.id, regionCode: reviewRegion(r) })) });
    return { items };
  }

  async get(id: string, principal: Principal): Promise<DeedEventReviewView> {
    const review = await this.find(this.em.fork(), id, principal, 'READ');
    await this.audit.recordNow({ action: 'READ', resourceType: RESOURCE, resourceId: review.id, regionCode: reviewRegion(review) });
    return toReviewView(review, this.config.utcOffset);
  }

  /**
   * Applies a held event on a registrar's explicit confirmation: the register changes as the deed says, although
   * its particulars did not match (the registrar has checked that the deed and the record are one person). What
   * the register cannot do by itself opens further reviews, returned as followUps.
   */
  async confirm(id: string, dto: ReviewDecisionDto, principal: Principal): Promise<ReviewDecisionView> {
    await this.find(this.em.fork(), id, principal, 'UPDATE');
    return this.em.fork().transactional(async (tx) => {
      const review = await this.lockHeld(tx, id);
      const claim = review.heldEvent ? await this.journal.resume(tx, review.heldEvent) : undefined;
      if (!claim) throw Problem.conflict('DEED_EVENT_REVIEW_NOT_HELD', `review ${id} holds no event to apply`);
      const before = new Set((await tx.find(DeedEventReview, { deedId: review.deedId }, { fields: ['id'] })).map((r) => r.id));
      await this.deedEvents.applyHeld(tx, claim);
      this.resolve(tx, review, 'CONFIRMED', dto.reason, principal);
      await tx.flush();
      const followUps = (await tx.find(DeedEventReview, { deedId: review.deedId, status: 'OPEN' }, { orderBy: { createdAt: 'asc', id: 'asc' } }))
        .filter((r) => !before.has(r.id))
        .map((r) => ({ id: r.id, code: r.code }));
      return { ...toReviewView(review, this.config.utcOffset), followUps };
    });
  }

  /** Refuses a held event: nothing is applied, the deed's claim says REJECTED, the review keeps the reason. */
  async reject(id: string, dto: ReviewDecisionDto, principal: Principal): Promise<ReviewDecisionView> {
    await this.find(this.em.fork(), id, principal, 'UPDATE');
    return this.em.fork().transactional(async (tx) => {
      const review = await this.lockHeld(tx, id);
      const claim = await tx.findOne(DeedEventApplication, { deedId: review.deedId, subject: review.subject });
      if (claim) claim.outcome = 'REJECTED';
      this.resolve(tx, review, 'REJECTED', dto.reason, principal);
      await tx.flush();
      return { ...toReviewView(review, this.config.utcOffset), followUps: [] };
    });
  }

  /**
   * Closes a review that holds no event (a child not added to a card, a NIK not in the register, …) once the office
   * has done the work through the ordinary endpoints: RESOLVED with DONE and the reason. Until issue 16's follow-up
   * such reviews stayed OPEN for ever. A held event is not closed this way (409 DEED_EVENT_REVIEW_HELD): it is
   * confirmed or rejected by a registrar.
   */
  async close(id: string, dto: ReviewDecisionDto, principal: Principal): Promise<ReviewDecisionView> {
    await this.find(this.em.fork(), id, principal, 'UPDATE');
    return this.em.fork().transactional(async (tx) => {
      const review = await this.lockOpen(tx, id);
      if (review.heldEvent) {
        throw Problem.conflict('DEED_EVENT_REVIEW_HELD', `review ${id} holds its event: a registrar confirms it (POST …/confirm) or rejects it (POST …/reject)`);
      }
      this.resolve(tx, review, 'DONE', dto.reason, principal);
      await tx.flush();
      return { ...toReviewView(review, this.config.utcOffset), followUps: [] };
    });
  }

  /** 404 DEED_EVENT_REVIEW_NOT_FOUND, or 403 OUTSIDE_REGION recorded in the audit trail as DENIED. */
  private async find(em: EntityManager, id: string, principal: Principal, action: AuditAction): Promise<DeedEventReview> {
    const review = await em.findOne(DeedEventReview, { id });
    if (!review) throw Problem.notFound('DEED_EVENT_REVIEW_NOT_FOUND', `no deed event review ${id}`);
    if (!canAccessRegion(principal, reviewRegion(review))) {
      await this.audit.recordNow({ action, resourceType: RESOURCE, resourceId: review.id, regionCode: reviewRegion(review), outcome: 'DENIED' });
      throw Problem.forbidden('OUTSIDE_REGION', `region ${reviewRegion(review)} is outside your region`);
    }
    return review;
  }

  /** The review under a row lock (PostgreSQL) with its held event: 409 when it is resolved or holds no event. */
  private async lockHeld(tx: EntityManager, id: string): Promise<DeedEventReview> {
    const review = await this.lockOpen(tx, id);
    if (!review.heldEvent) throw Problem.conflict('DEED_EVENT_REVIEW_NOT_HELD', `review ${id} (${review.code}) holds no event: resolve it through the ordinary endpoints`);
    return review;
  }

  /** The review under a row lock (PostgreSQL) with its held event, if any: 409 when it is resolved. */
  private async lockOpen(tx: EntityManager, id: string): Promise<DeedEventReview> {
    const lockMode = this.config.databaseUrl.startsWith('sqlite:') ? undefined : LockMode.PESSIMISTIC_WRITE;
    const review = await tx.findOne(DeedEventReview, { id }, { lockMode, populate: ['heldEvent'] });
    if (!review) throw Problem.notFound('DEED_EVENT_REVIEW_NOT_FOUND', `no deed event review ${id}`);
    if (review.status !== 'OPEN') {
      throw Problem.conflict('DEED_EVENT_REVIEW_RESOLVED', `review ${id} was already resolved${review.resolution ? ` (${review.resolution})` : ''}`);
    }
    return review;
  }

  private resolve(tx: EntityManager, review: DeedEventReview, resolution: DeedEventReviewResolution, reason: string, principal: Principal): void {
    review.status = 'RESOLVED';
    review.resolution = resolution;
    review.resolutionReason = reason.trim();
    review.resolvedAt = new Date();
    review.resolvedBy = principal.id;
    this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: review.id, regionCode: reviewRegion(review) });
  }
}
