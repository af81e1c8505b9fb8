/**
 * One visit of a plan series: a team in a village on a service day, with what the planner expects it to deliver.
 * A visit keeps its id across the versions of its series (the e-KTP recordings and deed applications taken on it
 * carry that id), so it belongs to versions fromVersion … toVersion (null: up to the latest). A re-plan closes the
 * visits it replaces (toVersion) and adds new ones (fromVersion = the new version).
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ServiceCounts, VisitMinutes } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

export const VISIT_STATUSES = ['PLANNED', 'CANCELLED', 'COMPLETED'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const CANCEL_REASONS = ['WEATHER', 'HOLIDAY', 'ROAD_CLOSED', 'TEAM_UNAVAILABLE', 'EQUIPMENT_FAILURE', 'VILLAGE_REQUEST', 'OTHER'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

@Entity({ tableName: 'outreach_plan_visit' })
@Index({ name: 'outreach_plan_visit_series_idx', properties: ['seriesId', 'date'] })
export class PlanVisit {
  [OptionalProps]?: 'id' | 'status' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  seriesId!: string;

  @Property({ type: 'integer' })
  fromVersion!: number;

  @Property({ type: 'integer', nullable: true })
  toVersion?: number | null;

  @Property({ length: 10 })
  date!: string;

  @Property({ type: 'uuid' })
  teamId!: string;

  /** The team's name when the visit was planned (teams may be renamed or removed later). */
  @Property({ length: 100 })
  teamName!: string;

  @Property({ length: 6 })
  districtCode!: string;

  @Property({ length: 10 })
  villageCode!: string;

  @Property({ type: 'json' })
  planned!: ServiceCounts;

  @Property({ type: 'json' })
  minutes!: VisitMinutes;

  @Property({ length: 10 })
  status: VisitStatus = 'PLANNED';

  @Property({ length: 20, nullable: true })
  cancelReason?: CancelReason | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  cancelledAt?: Date | null;

  @Property({ length: 200, nullable: true })
  cancelledBy?: string | null;

  /** What the team reported it did, per kind. */
  @Property({ type: 'json', nullable: true })
  outcome?: ServiceCounts | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  completedAt?: Date | null;

  @Property({ length: 200, nullable: true })
  completedBy?: string | null;

  @Property({ version: true })
  version!: number;
}
