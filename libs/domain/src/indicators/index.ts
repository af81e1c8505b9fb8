/** Indicator formulas: coverage of e-KTP recording, KIA and birth deeds, timely registration, service times. */
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
