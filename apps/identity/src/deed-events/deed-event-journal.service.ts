/**
 * The bookkeeping of the deeds events' consumers, in the consumer's transaction: the claim of a deed (its natural
 * key, DeedEventApplication) and the review items (DeedEventReview) for what an operator must finish. Logs name
 * ids and codes only (house rule 8).
 */
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EventEnvelope } from '@adminduk/contracts';
import type { ProblemItem } from '@adminduk/platform';
import { DeedEventApplication } from './deed-event-application.entity';
import { DeedEventReview, type DeedEventReviewCode, type HeldDeedEvent } from './deed-event-review.entity';

/** What every registered-deed event carries that the bookkeeping needs. */
export interface DeedEventPayload {
  readonly deedId: string;
  readonly districtCode: string;
  /** The desa of the deed's registration, when the event names it (a village-scoped operator's scope). */
  readonly villageCode?: string;
}

export interface ReviewInput {
  readonly code: DeedEventReviewCode;
  readonly message: string;
  readonly items?: readonly ProblemItem[];
  readonly residentIds?: readonly string[];
  readonly familyCardId?: string;
  /** PARTICULARS_MISMATCH: the event is kept, to be applied on a registrar's confirmation. */
  readonly hold?: boolean;
}

/** A deed being applied: its claim row and event. */
export interface DeedClaim {
  readonly row: DeedEventApplication;
  readonly event: EventEnvelope<DeedEventPayload>;
}

@Injectable()
export class DeedEventJournalService {
  private readonly logger = new Logger('DeedEvents');

  /**
   * Claims the deed for this subject, or returns undefined when an earlier event of the same deed was applied
   * (the event is then acknowledged without effect). The claim is inserted at once, before any change. `step`
   * tells apart facts that happen more than once to one deed (its corrections, by the deed's version): the claim's
   * subject is then '<subject>#<step>'.
   */
  async claim(tx: EntityManager, event: EventEnvelope<DeedEventPayload>, step?: string): Promise<DeedClaim | undefined> {
    const key = { deedId: event.payload.deedId, subject: step === undefined ? event.subject : `${event.subject}#${step}` };
    const earlier = await tx.findOne(DeedEventApplication, key);
    if (earlier) {
      this.logger.log({ deedId: key.deedId, subject: key.subject, eventId: event.id, appliedEventId: earlier.eventId }, 'deed already applied by an earlier event; nothing to do');
      return undefined;
    }
    const row = tx.create(DeedEventApplication, { ...key, eventId: event.id });
    await tx.flush();
    return { row, event };
  }

  /**
   * The claim of a held event again, for its application on a registrar's confirmation: the deed's claim row
   * (written when the event was held) back to APPLIED, to be marked NEEDS_REVIEW again by any review the
   * application opens. Undefined when the claim is missing (never expected: it is written with the hold).
   */
  async resume(tx: EntityManager, held: HeldDeedEvent): Promise<DeedClaim | undefined> {
    const event = held as unknown as EventEnvelope<DeedEventPayload>;
    const row = await tx.findOne(DeedEventApplication, { deedId: event.payload.deedId, subject: event.subject });
    if (!row) return undefined;
    row.outcome = 'APPLIED';
    return { row, event };
  }

  /** Adds residents the event concerned to the claim. */
  concern(claim: DeedClaim, ...residentIds: readonly (string | undefined)[]): void {
    for (const id of residentIds) if (id && !claim.row.residentIds.includes(id)) claim.row.residentIds = [...claim.row.residentIds, id];
  }

  /** Opens a review item in the consumer's transaction and marks the claim NEEDS_REVIEW. */
  review(tx: EntityManager, claim: DeedClaim, input: ReviewInput): DeedEventReview {
    const { event } = claim;
    const review = tx.create(DeedEventReview, {
      deedId: event.payload.deedId,
      subject: event.subject,
      eventId: event.id,
      code: input.code,
      message: input.message.slice(0, 500),
      items: [...(input.items ?? [])],
      residentIds: [...(input.residentIds ?? [])],
      familyCardId: input.familyCardId,
      districtCode: event.payload.districtCode,
      villageCode: event.payload.villageCode ?? null,
      ...(input.hold ? { heldEvent: { id: event.id, subject: event.subject, occurredAt: event.occurredAt, producer: event.producer, payload: { ...event.payload } } } : {}),
    });
    claim.row.outcome = 'NEEDS_REVIEW';
    this.concern(claim, ...(input.residentIds ?? []));
    this.logger.warn(
      {
        code: input.code,
        deedId: event.payload.deedId,
        subject: event.subject,
        eventId: event.id,
        reviewId: review.id,
        residentIds: input.residentIds ?? [],
        familyCardId: input.familyCardId,
        itemCodes: (input.items ?? []).map((i) => i.code),
      },
      `deed event needs review (${input.code})`,
    );
    return review;
  }
}
