/**
 * A plan of village visits for the next weeks, made by the domain library's planner from the backlog, the
 * teams and the calendar of the day it was made. Plans come in series: a published plan whose visit is cancelled
 * gets a new version (same seriesId, version + 1) that keeps the past and re-plans the rest; the old version is
 * SUPERSEDED. DRAFT → PUBLISHED → SUPERSEDED; only one plan is PUBLISHED at a time.
 */
import { DateTimeType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ServiceCounts } from '@adminduk/domain';
import { uuidv7 } from '@adminduk/platform';

export const PLAN_STATUSES = ['DRAFT', 'PUBLISHED', 'SUPERSEDED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** How a version came about: made from the backlog (POST /plans), or re-planned after a cancelled visit. */
export type PlanOrigin = 'GENERATED' | 'REPLANNED';

export interface StoredProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

@Entity({ tableName: 'outreach_plan' })
@Unique({ name: 'outreach_plan_series_version_unique', properties: ['seriesId', 'version'] })
@Index({ name: 'outreach_plan_status_idx', properties: ['status'] })
export class Plan {
  [OptionalProps]?: 'id' | 'createdAt' | 'allowedHolidays';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** The id of the series' first version. */
  @Property({ type: 'uuid' })
  seriesId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ length: 10 })
  status!: PlanStatus;

  @Property({ length: 10 })
  origin!: PlanOrigin;

  @Property({ type: 'uuid', nullable: true })
  previousPlanId?: string | null;

  /** For a re-plan: the visit whose cancellation caused it. */
  @Property({ type: 'uuid', nullable: true })
  cancelledVisitId?: string | null;

  /** The day the backlog was read. */
  @Property({ length: 10 })
  asOf!: string;

  @Property({ length: 10 })
  startDate!: string;

  @Property({ length: 10 })
  endDate!: string;

  @Property({ type: 'smallint' })
  weeks!: number;

  /** The planner's objective (weighted resident-days of waiting) for the part it planned. */
  @Property({ type: 'double' })
  objective!: number;

  /** The backlog the planner started from, what its visits serve and what is left after them (per kind). */
  @Property({ type: 'json' })
  backlog!: ServiceCounts;

  @Property({ type: 'json' })
  served!: ServiceCounts;

  @Property({ type: 'json' })
  remaining!: ServiceCounts;

  /** Service days of the horizon without outreach (holidays, blackouts). */
  @Property({ type: 'json' })
  skippedDates!: { date: string; reason: string }[];

  /** The planner's warnings (villages out of reach, services no team offers, …). */
  @Property({ type: 'json' })
  warnings!: StoredProblem[];

  /** Holidays the plan may place visits on, by the planner's explicit override (allowHolidays), with their names. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  allowedHolidays: { date: string; name: string | null }[] = [];

  @Property({ length: 200 })
  createdBy!: string;

  @Property({ type: DateTimeType, length: 3 })
  createdAt: Date = new Date();

  @Property({ type: DateTimeType, length: 3, nullable: true })
  publishedAt?: Date | null;

  @Property({ length: 200, nullable: true })
  publishedBy?: string | null;

  @Property({ type: DateTimeType, length: 3, nullable: true })
  supersededAt?: Date | null;
}
