/**
 * Which resident a birth deed belongs to: the projection of identity.resident.birth-deed-linked.v1 (this service's
 * own fact, published when the deeds consumer registers the newborn from the deed or links a late birth deed to a
 * resident already on the register), and of identity.resident.birth-deed-unlinked.v1 (the deed annulled). One row
 * per deed; a later link of the same deed replaces it. It answers
 * identity.rpc.resident.by-birth-deed.v1 (the deeds service printing the child's NIK on a kutipan akta kelahiran).
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ResidentBirthDeedLinked } from '@adminduk/contracts';

@Entity({ tableName: 'birth_deed_link' })
export class BirthDeedLink {
  [OptionalProps]?: 'linkedAt' | 'unlinkedAt';

  /** The birth deed (the deeds service's id). */
  @PrimaryKey({ type: 'uuid' })
  deedId!: string;

  @Property({ type: 'uuid' })
  @Index({ name: 'birth_deed_link_resident_idx' })
  residentId!: string;

  /** NEWBORN (registered from the deed) or EXISTING_RESIDENT (a late birth deed naming a resident by NIK). */
  @Property({ length: 20 })
  link!: ResidentBirthDeedLinked['link'];

  /** The identity.resident.birth-deed-linked.v1 event the row was written from. */
  @Property({ type: 'uuid' })
  eventId!: string;

  /** When the link happened (the event's occurredAt): the latest link of the deed wins. */
  @Property({ type: DateTimeType, length: 3 })
  linkedAt: Date = new Date();

  /**
   * When the deed was last unlinked (identity.resident.birth-deed-unlinked.v1: annulled by a court), null if never.
   * The deed belongs to the resident while unlinkedAt is null or older than linkedAt: an unlink and a link that
   * arrive out of order (their own durables) give the same answer.
   */
  @Property({ type: DateTimeType, length: 3, nullable: true })
  unlinkedAt?: Date | null;
}

/** Whether the row says the deed belongs to its resident now. */
export function isLinked(row: Pick<BirthDeedLink, 'linkedAt' | 'unlinkedAt'>): boolean {
  return !row.unlinkedAt || row.linkedAt.getTime() > row.unlinkedAt.getTime();
}
