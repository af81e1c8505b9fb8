/** Indicator formulas: coverage of e-KTP recording, KIA and birth deeds, timely registration, service times. */
export {
  type Coverage,
  type CoverageErrorCode,
  type CoverageOptions,
  INDICATOR_TARGETS_2023,
  ektpRecordingCoverage,
  kiaCoverage,
  birthDeedCoverage,
  timelyRegistrationShare,
} from './coverage.js';
export {
  type ServiceTimeErrorCode,
  type ServiceTimeSummary,
  nearestRankPercentile,
  serviceTimeSummary,
} from './service-times.js';
