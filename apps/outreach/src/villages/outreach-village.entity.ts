/**
 * A desa or kelurahan the teams may visit, seeded from the region data (the current villages of REGENCY_CODE,
 * Kemendagri 2025 edition) on the service's first start, with its one-way travel time from the office: editable
 * data, `travelSource` DEFAULT until someone enters a measured or estimated figure (see DEFAULT_TRAVEL_MINUTES).
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The travel time a seeded village starts with: one hour each way from the office. We hold no road data for
 * Nagekeo, so every village gets the same placeholder, marked DEFAULT, until the office enters its own figure
 * (PATCH /villages/{code}); the planner and the projection use whatever is there.
 */
export const DEFAULT_TRAVEL_MINUTES = 60;

@Entity({ tableName: 'outreach_village' })
export class OutreachVillage {
  [OptionalProps]?: 'active' | 'travelSource' | 'version' | 'updatedAt';

  /** Kemendagri code, 10 digits. */
  @PrimaryKey({ length: 10 })
  code!: string;

  @Property({ length: 6 })
  @Index({ name: 'outreach_village_district_idx' })
  districtCode!: string;

  @Property({ length: 100 })
  name!: string;

  /** kelurahan, desa or desa_adat. */
  @Property({ length: 12 })
  kind!: string;

  /** One-way travel from the office, minutes. */
  @Property({ type: 'smallint' })
  travelMinutes!: number;

  /** DEFAULT: the seeded placeholder; SET: entered by the office. */
  @Property({ length: 8 })
  travelSource: 'DEFAULT' | 'SET' = 'DEFAULT';

  /** Villages taken out of planning (a merged village, one served from elsewhere) stay in the backlog. */
  @Property()
  active = true;

  @Property({ version: true })
  version!: number;

  @Property({ type: DateTimeType, length: 3, onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
