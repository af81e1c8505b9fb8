/**
 * Outreach planning (jemput bola): the visit planner, its round-robin baseline, and the e-KTP coverage
 * projection with the capacity it takes to reach a target by a date.
 */
export {
  type ServiceKind,
  type ServiceCounts,
  type Weekday,
  type TeamBase,
  type OutreachTeam,
  type OutreachVillage,
  type OutreachInput,
  type OutreachInputErrorCode,
  type OutreachWarningCode,
  type PlanningProblem,
  type PlanningResult,
  type SkippedDate,
  type AllowedHoliday,
  SERVICE_KINDS,
  WEEKDAYS,
  DEFAULT_SERVICE_DAYS,
  DEFAULT_DAY_MINUTES,
  DEFAULT_SETUP_MINUTES,
  DEFAULT_SERVICE_MINUTES,
  DEFAULT_WEIGHTS,
  DEFAULT_SEARCH_EFFORT,
  MAX_PLAN_WEEKS,
  OUTREACH_INPUT_ERROR_CODES,
  OUTREACH_WARNING_CODES,
} from './outreach-input.js';
export { type VisitMinutes, type PlannedVisit, type PlanSearchStats, type OutreachPlan, MIN_SERVICE_SHARE } from './outreach-engine.js';
export { type PlanResult, planVisits, roundRobinPlan } from './outreach-planner.js';
export {
  type RecordingCapacity,
  type ProjectionOptions,
  type WeekReached,
  type CoverageState,
  type AreaProjection,
  type CoverageProjection,
  type CapacityAnswer,
  type CapacityEstimate,
  type ProjectionErrorCode,
  type ProjectionWarningCode,
  PROJECTION_ERROR_CODES,
  PROJECTION_WARNING_CODES,
  projectCoverage,
  capacityForDate,
} from './coverage-projection.js';
export {
  type BacklogMilestones,
  type MilestoneErrorCode,
  type CommittedVisit,
  type ReplanOptions,
  type ReplanErrorCode,
  type ReplanResult,
  BIRTH_DEED_CHILD_AGE_LIMIT,
  MILESTONE_ERROR_CODES,
  REPLAN_ERROR_CODES,
  backlogMilestones,
  replanVisits,
} from './outreach-backlog.js';
export {
  type BaseVillage,
  type TeamBaseInput,
  type TeamBaseOptions,
  type TeamBaseErrorCode,
  DEFAULT_SAME_DISTRICT_MINUTES,
  TEAM_BASE_ERROR_CODES,
  teamBaseTravel,
} from './team-base.js';
