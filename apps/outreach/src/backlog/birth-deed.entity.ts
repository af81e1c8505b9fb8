/**
 * A birth deed registered by the deeds service (deeds.birth.registered.v1), with what is needed to find its
 * child in the read model: the birth date, sex and place, never the child's or parents' names. The event names
 * no resident, so the deed is matched to a living resident of the same village (or kecamatan) born that day, of
 * that sex, without a deed yet; when none is there yet (the identity service registers a newborn only after the
 * deed), it waits here and is matched when the resident arrives.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'outreach_birth_deed' })
@Index({ name: 'outreach_birth_deed_match_idx', properties: ['birthDate', 'sex', 'districtCode'] })
export class BirthDeed {
  [OptionalProps]?: 'receivedAt' | 'annulledAt';

  @PrimaryKey({ type: 'uuid' })
  deedId!: string;

  @Property({ length: 10 })
  birthDate!: string;

  @Property({ length: 1 })
  sex!: 'M' | 'F';

  @Property({ length: 6 })
  districtCode!: string;

  @Property({ length: 10, nullable: true })
  villageCode?: string | null;

  /** The resident the deed was matched to; null while it waits. */
  @Property({ type: 'uuid', nullable: true })
  residentId?: string | null;

  @Property({ type: DateTimeType, length: 3 })
  receivedAt: Date = new Date();

  /**
   * When a court annulled the deed (identity.resident.birth-deed-unlinked.v1's occurredAt), null if never: an
   * annulled deed is nobody's, is never matched again, and a link older than the annulment is ignored.
   */
  @Property({ type: DateTimeType, length: 3, nullable: true })
  annulledAt?: Date | null;
}
