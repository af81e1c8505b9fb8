/**
 * An e-KTP action sent with an `Idempotency-Key` (the office app's offline outbox sends every command with one):
 * the caller, the key, a digest of what was asked (resident and body) and the answer given. A retry with the same
 * key and the same request gets that answer again and nothing is written twice; the same key with another request
 * is refused (422 IDEMPOTENCY_KEY_REUSED). Keys are per caller: (caller, key) is unique, so two retries racing each
 * other collide on the constraint instead of both acting. Written in the action's own transaction.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

@Entity({ tableName: 'ektp_request' })
@Unique({ name: 'ektp_request_caller_key_unique', properties: ['caller', 'idempotencyKey'] })
export class EktpRequestRecord {
  [OptionalProps]?: 'id' | 'receivedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Who sent it: the caller's id (token subject or API key id). */
  @Property({ length: 200 })
  caller!: string;

  @Property({ length: 100 })
  idempotencyKey!: string;

  @Property({ type: 'uuid' })
  residentId!: string;

  /** sha256 (hex) of the resident id and the body's fields in a fixed order. */
  @Property({ length: 64 })
  requestDigest!: string;

  /** The answer given the first time (the e-KTP view: ids, dates, statuses; no personal data). */
  @Property({ type: 'json' })
  response!: Record<string, unknown>;

  @Property({ type: DateTimeType, length: 3 })
  receivedAt: Date = new Date();
}
