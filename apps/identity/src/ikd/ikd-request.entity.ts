/**
 * An IKD action sent with an `Idempotency-Key` (columns: IdempotentRequestRecord), as for the e-KTP: a retry with
 * the same key and request gets the first answer again and nothing is written twice; the same key with another
 * request is refused (422 IDEMPOTENCY_KEY_REUSED). Written in the action's own transaction (IdempotentRequests).
 */
import { Entity, Unique } from '@mikro-orm/core';
import { IdempotentRequestRecord } from '../idempotency/idempotent-request.entity';

@Entity({ tableName: 'ikd_request' })
@Unique({ name: 'ikd_request_caller_key_unique', properties: ['caller', 'idempotencyKey'] })
export class IkdRequestRecord extends IdempotentRequestRecord {}
