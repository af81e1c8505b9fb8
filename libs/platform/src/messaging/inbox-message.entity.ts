/**
 * The inbox (DESIGN.md): one row per event a consumer has processed, keyed by the consumer's durable name and
 * the event id. The row is written in the same database transaction as the handler's changes, so an event
 * takes effect exactly once per consumer: a redelivered event whose row exists is acknowledged without
 * running the handler again.
 */
import { DateTimeType, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

@Entity({ tableName: 'inbox_message' })
export class InboxMessage {
  [PrimaryKeyProp]?: ['consumer', 'eventId'];

  /** The durable consumer name ('reporting-resident-registered'). */
  @PrimaryKey({ length: 100 })
  consumer!: string;

  /** The event id (the envelope's `id`, also its Nats-Msg-Id). */
  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  /** The subject as the contracts name it (without NATS_PREFIX). */
  @Property({ length: 200 })
  subject!: string;

  @Property({ type: DateTimeType, length: 3 })
  processedAt: Date = new Date();
}
