/**
 * The review queue of the deeds events: what a consumer could not do by itself and left for an operator, one row
 * per problem, with a stable code (DeedEventReviewCode), the residents and card involved by id, and the domain's
 * violations as items. Rows are opened in the consumer's transaction, with whatever part of the event was
 * applied; an operator resolves them through the ordinary endpoints (a family card change with an explicit new
 * head, a new card, a registration) and then closes them. No names and no NIKs in clear in the code, message and
 * items: the deed itself is at the deeds service, by deedId.
 *
 * A held event (PARTICULARS_MISMATCH) is the exception that keeps its event: nothing of it was applied, and a
 * registrar's confirmation applies it later (GET /deed-event-reviews, POST /deed-event-reviews/{id}/confirm or
 * …/reject). `heldEvent` then holds the event's envelope as it arrived (NIKs and names, like the register's own
 * tables): it is never logged and never returned by the API; the differences are the items (field and code).
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ProblemItem } from '@adminduk/platform';
import { uuidv7 } from '@adminduk/platform';

/**
 * What needs an operator (DO NOT RENAME: operators' tools and reports switch on them):
 * - NIK_NOT_IN_REGISTER: a NIK of the event (the deceased, a spouse) is no resident's (from another regency, or a
 *   wrong NIK at the deeds service); what concerned known residents was applied;
 * - BIRTH_POSSIBLE_DUPLICATE: a resident with the child's name, birth date and mother's name exists (registered by
 *   hand before the deed?); no child was registered;
 * - BIRTH_ADDRESS_UNKNOWN: no family card, no village in the event and no parent in the register: no child was
 *   registered (a resident needs an address);
 * - BIRTH_NOT_REGISTERED: the registration was refused (no NIK could be issued, an address that is no current
 *   region code; see items);
 * - BIRTH_NO_FAMILY_CARD: the child was registered, with a NIK, on no card: no active card has the event's No. KK
 *   and neither parent is a resident on an active card;
 * - BIRTH_NOT_ADDED_TO_CARD: the child was registered but the card refused the newborn (no parent on that card,
 *   a card that no longer passes its checks; see items);
 * - KIA_NOT_PRINTED: the child's KIA could not be printed (see items);
 * - DEATH_NOT_RECORDED: the status log refused the death (a resident who moved out of the regency, a date of death
 *   after today, a log that does not fit the record; see items);
 * - DEATH_CARD_NEEDS_OPERATOR: the resident is recorded deceased but is still on the card: the card needs a choice
 *   (HEAD_CHOICE_REQUIRED, RELATIONSHIP_CHOICE_REQUIRED) or refused the removal; an operator removes the member
 *   with newHeadResidentId / relationships;
 * - MARRIAGE_NOT_APPLIED, DIVORCE_NOT_APPLIED: the change is impossible for the register (see items: SAME_PERSON,
 *   SEX_MISMATCH, RESIDENT_NOT_ALIVE, ALREADY_MARRIED, NOT_MARRIED, MARITAL_STATUS_AFTER_INVALID, or the family
 *   card checks the change would break); neither spouse was changed;
 * - DIVORCED_SPOUSE_WITHOUT_CARD: after a divorce the spouse who was not the head left the head's card (which was
 *   reissued under a new No. KK) and is on no card now: an operator issues them a card, and moves any children
 *   who go with them;
 * - PARTICULARS_MISMATCH: a person the deed changes (the deceased, a parent named by NIK, a spouse) is reported
 *   with a name, birth date or sex that does not match the register's record under that NIK (the domain's
 *   matchParticulars; the differences are the items, by field and code): nothing of the event was applied, the
 *   event is held (heldEvent) until a registrar confirms it (it is then applied) or rejects it;
 * - ADOPTION_NOT_APPLIED: an adoption changed nothing: the same person twice, a child or adopter not alive, an
 *   adopter on no card (ADOPTER_WITHOUT_CARD), or a card refused the change (see items); an operator moves the child;
 * - ADOPTED_CHILD_WITHOUT_CARD: the adopted child left their card, but the adopter's card refused them (see items):
 *   the child is on no card now; an operator adds them to a card;
 * - CORRECTION_NOT_APPLIED: a corrected deed (deeds.deed.corrected.v1) could not be carried into the register, wholly
 *   or in part (see items: NIK_CORRECTED — the deed now names another person —, NIK_NOT_IN_REGISTER,
 *   BIRTH_DEED_NOT_LINKED, NOT_ON_REGISTER, or the refusal of the resident's correction such as NIK_MISMATCH);
 * - ANNULMENT_NOT_APPLIED: an annulled deed (deeds.deed.annulled.v1) could not be undone in the register (see items:
 *   PREVIOUS_MARITAL_STATUS_UNKNOWN, NOT_DIVORCED, RESIDENT_NOT_DECEASED, NOT_UNDONE_BY_IDENTITY, …);
 * - FATHER_NOT_RECORDED_ON_CARD: a recognition or legitimation recorded the father's name, but not the father on the
 *   child's card membership (the child is on no card, or the card refused it; see items);
 * - ANNULMENT_NEEDS_OPERATOR: the annulment was applied, and something it cannot choose is left to an operator (a
 *   resident alive again is on no family card; divorced spouses married again who no longer share a card).
 */
export const DEED_EVENT_REVIEW_CODES = [
  'NIK_NOT_IN_REGISTER',
  'BIRTH_POSSIBLE_DUPLICATE',
  'BIRTH_ADDRESS_UNKNOWN',
  'BIRTH_NOT_REGISTERED',
  'BIRTH_NO_FAMILY_CARD',
  'BIRTH_NOT_ADDED_TO_CARD',
  'KIA_NOT_PRINTED',
  'DEATH_NOT_RECORDED',
  'DEATH_CARD_NEEDS_OPERATOR',
  'MARRIAGE_NOT_APPLIED',
  'DIVORCE_NOT_APPLIED',
  'DIVORCED_SPOUSE_WITHOUT_CARD',
  'PARTICULARS_MISMATCH',
  'ADOPTION_NOT_APPLIED',
  'ADOPTED_CHILD_WITHOUT_CARD',
  'CORRECTION_NOT_APPLIED',
  'ANNULMENT_NOT_APPLIED',
  'ANNULMENT_NEEDS_OPERATOR',
  'FATHER_NOT_RECORDED_ON_CARD',
] as const;
export type DeedEventReviewCode = (typeof DEED_EVENT_REVIEW_CODES)[number];

export type DeedEventReviewStatus = 'OPEN' | 'RESOLVED';

/**
 * How a review was resolved: a held event CONFIRMED (applied on a registrar's confirmation) or REJECTED (never
 * applied); a review that holds nothing DONE (closed by hand once the office finished the work through the ordinary
 * endpoints, with the reason).
 */
export const DEED_EVENT_REVIEW_RESOLUTIONS = ['CONFIRMED', 'REJECTED', 'DONE'] as const;
export type DeedEventReviewResolution = (typeof DEED_EVENT_REVIEW_RESOLUTIONS)[number];

/** The envelope of a held event, as it arrived (its payload checked against the contract). */
export interface HeldDeedEvent {
  readonly id: string;
  readonly subject: string;
  readonly occurredAt: string;
  readonly producer: string;
  readonly payload: Record<string, unknown>;
}

@Entity({ tableName: 'deed_event_review' })
@Index({ name: 'deed_event_review_status_idx', properties: ['status', 'createdAt'] })
@Index({ name: 'deed_event_review_deed_idx', properties: ['deedId'] })
export class DeedEventReview {
  [OptionalProps]?: 'id' | 'items' | 'residentIds' | 'status' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  deedId!: string;

  @Property({ length: 100 })
  subject!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ length: 40 })
  code!: DeedEventReviewCode;

  /** What happened and what is left to do, for people (no names; NIKs masked). */
  @Property({ length: 500 })
  message!: string;

  /** The violations behind it (the domain's codes, members by resident id). */
  @Property({ type: 'json' })
  items: ProblemItem[] = [];

  @Property({ type: 'json' })
  residentIds: string[] = [];

  @Property({ type: 'uuid', nullable: true })
  familyCardId?: string;

  /** The kecamatan of the deed's registration (region scope of whoever reviews it). */
  @Property({ length: 6 })
  districtCode!: string;

  /**
   * The desa of the deed's registration when its event named one: an operator scoped to a desa sees the reviews
   * of that desa (a review without it, older or from an event without a desa, only the kecamatan's people see).
   */
  @Property({ length: 10, nullable: true })
  villageCode?: string | null;

  @Property({ length: 10 })
  status: DeedEventReviewStatus = 'OPEN';

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, nullable: true })
  resolvedAt?: Date;

  @Property({ length: 200, nullable: true })
  resolvedBy?: string;

  /** PARTICULARS_MISMATCH only: the event held back, applied on confirmation (never logged, never returned). */
  @Property({ type: 'json', nullable: true, lazy: true })
  heldEvent?: HeldDeedEvent;

  /** A held event's resolution. */
  @Property({ length: 20, nullable: true })
  resolution?: DeedEventReviewResolution;

  /** The registrar's reason for the resolution (required by the API). */
  @Property({ length: 500, nullable: true })
  resolutionReason?: string;
}

/** The narrowest region a review belongs to: its desa, else its kecamatan (whose people may see and resolve it). */
export function reviewRegion(review: Pick<DeedEventReview, 'districtCode' | 'villageCode'>): string {
  return review.villageCode ?? review.districtCode;
}
