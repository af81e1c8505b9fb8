/**
 * The transactional outbox (DESIGN.md): an event is a row written in the same database transaction as the
 * change it describes, then relayed to JetStream by OutboxRelay. So a change and its event are saved together
 * or not at all, and nothing is lost while NATS or the service is down.
 */
import { DateTimeType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '../ids/uuid-v7';

@Entity({ tableName: 'outbox_event' })
@Index({ name: 'outbox_event_unpublished_idx', properties: ['publishedAt', 'id'] })
export class OutboxEvent {
  /** The event id (UUIDv7): also the JetStream message id, so a re-publish is dropped as a duplicate. */
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** The subject as the contracts name it (without NATS_PREFIX). */
  @Property({ length: 200 })
  subject!: string;

  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ length: 100, nullable: true })
  requestId?: string;

  @Property({ type: DateTimeType, length: 3 })
  occurredAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, nullable: true })
  publishedAt?: Date;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string;
}
