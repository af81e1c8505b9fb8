/** Indicator formulas: coverage of e-KTP recording, KIA and birth deeds, timely registration, service times, the e-KTP target date at the current pace. */
export {
  type Coverage,
  type CoverageErrorCode,
  type CoverageOptions,
  INDICATOR_TARGETS_2023,
  COVERAGE_ERROR_CODES,
  ektpRecordingCoverage,
  kiaCoverage,
  birthDeedCoverage,
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
