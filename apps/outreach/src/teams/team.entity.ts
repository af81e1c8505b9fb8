/**
 * An outreach team (tim jemput bola): its staff, its equipment (a mobile e-KTP recording kit, a printer, …),
 * the services it offers and how many of each it can deliver per visit-day, which is the planner's capacity
 * (OutreachTeam of the domain library). No personal data: staff are a count, not names.
 */
import { DateTimeType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ServiceKind } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

/** What a team can carry; EKTP_RECORDING_KIT (camera, fingerprint and iris scanners, signature pad) is needed to record e-KTPs. */
export const EQUIPMENT = ['EKTP_RECORDING_KIT', 'LAPTOP', 'PRINTER', 'GENERATOR', 'INTERNET_MODEM', 'VEHICLE'] as const;
export type Equipment = (typeof EQUIPMENT)[number];

@Entity({ tableName: 'outreach_team' })
export class Team {
  [OptionalProps]?: 'id' | 'active' | 'version' | 'createdAt' | 'updatedAt' | 'baseTravel';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ length: 100 })
  @Unique({ name: 'outreach_team_name_unique' })
  name!: string;

  @Property({ type: 'smallint' })
  staffCount!: number;

  @Property({ type: 'json' })
  equipment!: Equipment[];

  @Property({ type: 'json' })
  services!: ServiceKind[];

  /** Most delivered per visit-day, per kind offered; a kind without one is limited by the working day only. */
  @Property({ type: 'json' })
  capacity!: Partial<Record<ServiceKind, number>>;

  /**
   * The village the team is stationed in (a kecamatan office, say) when not the Dukcapil office: the planner then
   * takes its travel from there (teamBaseTravel of the domain library: the base 0, its kecamatan 30 minutes, any
   * other village through the office), except where the office entered its own figure (baseTravel).
   */
  @Property({ length: 10, nullable: true })
  baseVillageCode?: string | null;

  /** One-way minutes from the base the office entered, by village code (they win over the derived ones). */
  @Property({ type: 'json', defaultRaw: `'{}'` })
  baseTravel: Record<string, number> = {};

  /** Inactive teams are kept (plans name them) but not planned. */
  @Property()
  active = true;

  @Property({ version: true })
  version!: number;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
