/**
 * A deed record of the deeds service as the backlog sees it (deeds.deed.status-changed.v1): its type, status
 * and place. SUBMITTED or VERIFIED: an open application; REGISTERED and not yet ISSUED: a document ready to hand
 * over. The newest step wins (`at`), whatever order the events arrive in.
 */
import { DateTimeType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'outreach_deed' })
@Index({ name: 'outreach_deed_village_idx', properties: ['districtCode', 'villageCode'] })
export class DeedApplication {
  @PrimaryKey({ type: 'uuid' })
  deedId!: string;

  @Property({ length: 20 })
  deedType!: string;

  @Property({ length: 12 })
  status!: string;

  @Property({ length: 6 })
  districtCode!: string;

  @Property({ length: 10, nullable: true })
  villageCode?: string | null;

  /** PARTNER, ONLINE, OFFICE or OUTREACH. */
  @Property({ length: 10 })
  channel!: string;

  @Property({ type: 'uuid', nullable: true })
  visitId?: string | null;

  /** The instant of the step the row shows. */
  @Property({ type: DateTimeType, length: 3 })
  at!: Date;
}
