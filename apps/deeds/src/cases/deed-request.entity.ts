/**
 * An office request sent with an `Idempotency-Key` (the village team's tablet sends the applications it took
 * offline with one): who sent it, the key, what it was (OPEN: POST /deeds; UPLOAD: POST /deeds/{id}/documents), a
 * digest of what was asked and what it made (the case, the document). A retry with the same key and the same
 * request gets that answer again and nothing is written twice; the same key with another request is refused (422
 * IDEMPOTENCY_KEY_REUSED). Keys are per caller (partyOf): (caller, key) is unique, so two retries racing each
 * other collide on the constraint instead of both acting. Written in the transaction of the change it answers.
 * The answer is kept as references, not as a copy of the view: the view holds personal data (names, NIKs), which
 * stays in deed_record only.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '@adminduk/platform';

export const DEED_REQUEST_OPERATIONS = ['OPEN', 'UPLOAD'] as const;
export type DeedRequestOperation = (typeof DEED_REQUEST_OPERATIONS)[number];

@Entity({ tableName: 'deed_request' })
@Unique({ name: 'deed_request_caller_key_unique', properties: ['caller', 'idempotencyKey'] })
export class DeedRequest {
  [OptionalProps]?: 'id' | 'documentId' | 'receivedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Who sent it: partyOf(principal) (a person's token subject, or a partner institution). */
  @Property({ length: 200 })
  caller!: string;

  @Property({ length: 100 })
  idempotencyKey!: string;

  @Property({ length: 12 })
  operation!: DeedRequestOperation;

  /** sha256 (hex) of the request: the canonical body (OPEN); the deed, kind, content type, file name header and the file's sha256 (UPLOAD). */
  @Property({ length: 64 })
  requestDigest!: string;

  /** The case opened (OPEN) or the case the document was added to (UPLOAD). */
  @Property({ type: 'uuid' })
  deedId!: string;

  /** The document stored (UPLOAD). */
  @Property({ type: 'uuid', nullable: true })
  documentId?: string | null = null;

  @Property({ type: DateTimeType, length: 3 })
  receivedAt: Date = new Date();
}
