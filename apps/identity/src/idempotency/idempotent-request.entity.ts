/**
 * The columns every document action sent with an `Idempotency-Key` keeps (the office app's offline outbox sends
 * every command with one): the caller, the key, a digest of what was asked (resident and body) and the answer
 * given. Each document has its own table (EktpRequestRecord → ektp_request, KiaRequestRecord → kia_request), each
 * with a unique (caller, key) constraint, so that two retries racing each other collide on the constraint instead
 * of both acting. Not an entity itself: MikroORM copies these properties into each subclass's table.
 */
import { DateTimeType, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

export abstract class IdempotentRequestRecord {
  [OptionalProps]?: 'id' | 'receivedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Who sent it: the caller's id (token subject or API key id). Keys are per caller. */
  @Property({ length: 200 })
  caller!: string;

  @Property({ length: 100 })
  idempotencyKey!: string;

  @Property({ type: 'uuid' })
  residentId!: string;

  /** sha256 (hex) of the resident id and the body's fields in a fixed order. */
  @Property({ length: 64 })
  requestDigest!: string;

  /** The answer given the first time (the document's view: ids, dates, statuses; no personal data). */
  @Property({ type: 'json' })
  response!: Record<string, unknown>;

  @Property({ type: DateTimeType, length: 3 })
  receivedAt: Date = new Date();
}
