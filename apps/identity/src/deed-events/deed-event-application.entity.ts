/**
 * The natural key of the deeds events the identity service has acted on: one row per deed and subject, written
 * first in the consumer's transaction. The inbox already makes one event take effect once; this row makes one
 * DEED take effect once, whatever event carries it (the deeds service publishing a deed again under a new event
 * id, an operator re-publishing it by hand): a birth deed never registers a second child. The primary key makes
 * a concurrent second claim wait (PostgreSQL) and then fail, so that its event is retried and finds this row.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

export const DEED_EVENT_OUTCOMES = ['APPLIED', 'NEEDS_REVIEW', 'REJECTED'] as const;
/**
 * APPLIED: every change of the event was made; NEEDS_REVIEW: some or all were left for an operator (see
 * DeedEventReview); REJECTED: a held event (PARTICULARS_MISMATCH) a registrar refused: nothing was applied.
 */
export type DeedEventOutcome = (typeof DEED_EVENT_OUTCOMES)[number];

@Entity({ tableName: 'deed_event_application' })
export class DeedEventApplication {
  [PrimaryKeyProp]?: ['deedId', 'subject'];
  [OptionalProps]?: 'outcome' | 'residentIds' | 'appliedAt';

  /** The deed (the deeds service's id; for a KUA marriage, its report id). */
  @PrimaryKey({ type: 'uuid' })
  deedId!: string;

  /** The event's subject as the contracts name it (without NATS_PREFIX). */
  @PrimaryKey({ length: 100 })
  subject!: string;

  /** The event that was applied (later events of the same deed are acknowledged without effect). */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ length: 20 })
  outcome: DeedEventOutcome = 'APPLIED';

  /** The residents the event concerned (the child, the deceased, the spouses in the register), by id. */
  @Property({ type: 'json' })
  residentIds: string[] = [];

  @Property({ type: DateTimeType, length: 3 })
  appliedAt: Date = new Date();
}
