/** Indicator formulas: coverage of e-KTP recording, KIA, birth deeds and IKD activation, timely registration, service times, the e-KTP target date at the current pace. */
export {
  type Coverage,
  type CoverageErrorCode,
  type CoverageOptions,
  INDICATOR_TARGETS_2023,
  COVERAGE_ERROR_CODES,
  ektpRecordingCoverage,
  kiaCoverage,
  birthDeedCoverage,
  burialRegisterCoverage,
  ikdActivationCoverage,
  timelyRegistrationShare,
} from './coverage.js';
export {
  type ServiceTimeErrorCode,
  type ServiceTimeSummary,
  SERVICE_TIME_ERROR_CODES,
  nearestRankPercentile,
  serviceTimeSummary,
} from './service-times.js';
export {
  type EktpPaceInput,
  type EktpPaceOptions,
  type EktpTargetDate,
  type EktpProjectionReason,
  type EktpProjectionErrorCode,
  EKTP_PACE_WINDOW_WEEKS,
  EKTP_PROJECTION_MAX_WEEKS,
  EKTP_PROJECTION_REASON_CODES,
  EKTP_PROJECTION_ERROR_CODES,
  ektpTargetDate,
} from './ektp-target-date.js';
export {
  type MinistryIndicator,
  type MinistryIndicatorId,
  type MinistryTarget,
  type ScorecardErrorCode,
  type ScorecardMeasurement,
  type ScorecardStanding,
  type ScorecardUnit,
  MINISTRY_INDICATOR_IDS,
  MINISTRY_INDICATORS,
  MINISTRY_TARGETS,
  SCORECARD_ERROR_CODES,
  isMinistryIndicatorId,
  ministryTarget,
  scorecardStanding,
} from './ministry-scorecard.js';
