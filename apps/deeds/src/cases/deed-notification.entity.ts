/**
 * A partner's report of an event (a health post, hospital, religious institution, village office or RT head,
 * authenticated by its API key). The first report of an event opens the case (OPENED); a later report of the
 * same event — another partner, or the same one again — lands on that case (DUPLICATE) and is kept here, so that
 * the office knows who reported what and when.
 *
 * A retried request carries the same Idempotency-Key: (partner, key) is unique, and the stored digest of the
 * request tells a retry (same body: the first answer again) from a reuse of the key for something else (refused).
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { PartnerKind } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

export const NOTIFICATION_OUTCOMES = ['OPENED', 'DUPLICATE'] as const;
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number];

@Entity({ tableName: 'deed_notification' })
@Unique({ name: 'deed_notification_idempotency_unique', properties: ['partnerId', 'idempotencyKey'] })
@Index({ name: 'deed_notification_deed_idx', properties: ['deedId'] })
export class DeedNotification {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  deedId!: string;

  /** The API key's id ('pustu-boawae'). */
  @Property({ length: 200 })
  partnerId!: string;

  @Property({ length: 25 })
  partnerKind!: PartnerKind;

  @Property({ length: 100, nullable: true })
  idempotencyKey?: string | null;

  /** SHA-256 of the request body, to recognise a retry. */
  @Property({ length: 64 })
  requestDigest!: string;

  @Property({ length: 10 })
  outcome!: NotificationOutcome;

  @Property({ length: 40 })
  receivedAt!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();
}
