/**
 * The outreach service's read model of one resident, kept from the identity service's events: only what the
 * backlog needs — birth date, sex, marital status, kecamatan and village, status, e-KTP and KIA state, whether a
 * birth deed is known — keyed by the resident's id. No name, no NIK, no address (UU 27/2022).
 *
 * Each group of fields remembers the occurredAt of the event that set it, and an older event never overwrites a
 * newer one: the consumers of different subjects run side by side (an e-KTP step may arrive before the
 * registration it follows), and a retried event comes back after later ones. A row created by such an early event
 * has no birth date yet and is left out of every count until the registration arrives.
 *
 * The milestones (wajibKtpFrom, kiaUntil, childUntil; backlogMilestones of the domain library) are derived from
 * birth date and marital status whenever those change, so that the backlog as of any date is a plain comparison.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'outreach_resident' })
@Index({ name: 'outreach_resident_village_idx', properties: ['districtCode', 'villageCode'] })
export class ResidentState {
  [OptionalProps]?: 'status' | 'birthDeed' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  /** 'YYYY-MM-DD'; null until the registration (or a correction) has arrived. */
  @Property({ length: 10, nullable: true })
  birthDate?: string | null;

  @Property({ length: 1, nullable: true })
  sex?: 'M' | 'F' | null;

  @Property({ length: 30, nullable: true })
  maritalStatus?: string | null;

  /** BIRTH (from a birth deed), FIRST_REGISTRATION, MOVE_IN or IMPORT. */
  @Property({ length: 20, nullable: true })
  origin?: string | null;

  @Property({ length: 6, nullable: true })
  districtCode?: string | null;

  @Property({ length: 10, nullable: true })
  villageCode?: string | null;

  /** ALIVE, DECEASED or MOVED_OUT: only the living residents of the regency count. */
  @Property({ length: 12 })
  status = 'ALIVE';

  /** The e-KTP state of the identity service (ektpStates of the contracts); null before any e-KTP step. */
  @Property({ length: 20, nullable: true })
  ektpState?: string | null;

  /** NOT_ISSUED, PRINTED, ISSUED or EXPIRED; null before any KIA step. */
  @Property({ length: 12, nullable: true })
  kiaState?: string | null;

  /** The last day the current KIA is valid. */
  @Property({ length: 10, nullable: true })
  kiaValidUntil?: string | null;

  /** A birth deed is known for the resident (registered from one, or matched to a deeds.birth.registered). */
  @Property()
  birthDeed = false;

  /** The deed matched to the resident, when one was. */
  @Property({ type: 'uuid', nullable: true })
  birthDeedId?: string | null;

  @Property({ length: 10, nullable: true })
  wajibKtpFrom?: string | null;

  @Property({ length: 10, nullable: true })
  kiaUntil?: string | null;

  @Property({ length: 10, nullable: true })
  childUntil?: string | null;

  // When each group of fields was last set (the event's occurredAt).
  @Property({ type: DateTimeType, length: 3, nullable: true })
  profileAt?: Date | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  maritalAt?: Date | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  placeAt?: Date | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  statusAt?: Date | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  ektpAt?: Date | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  kiaAt?: Date | null;

  @Property({ type: DateTimeType, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
