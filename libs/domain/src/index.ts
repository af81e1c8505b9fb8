/**
 * `@adminduk/domain`: pure rules of Indonesian population administration (administrasi kependudukan).
 * No runtime dependencies, no I/O, no clock: reference data is compiled in and time comes in as `asOf`.
 * Villages live in the separate entry point `@adminduk/domain/villages`.
 */
export { type Problem, type Result, type Ok, type Failure } from './result.js';
export { type IsoDate, type AsOf, isLeapYear, daysInMonth } from './calendar.js';
export {
  type HolidayKind,
  type Holiday,
  type HolidayYear,
  type HolidayCalendar,
  type HolidayAddition,
  type HolidaysInRange,
  type HolidayErrorCode,
  HOLIDAY_KINDS,
  HOLIDAY_ERROR_CODES,
  NATIONAL_HOLIDAYS,
  extendHolidayCalendar,
  holidaysBetween,
} from './holidays.js';

export {
  type Region,
  type RegionLevel,
  type ListOptions,
  type FindByNameOptions,
  findRegion,
  findRegionsByName,
  listProvinces,
  listRegencies,
  listDistricts,
  dotRegionCode,
} from './regions/regions.js';

export {
  type Sex,
  type ParsedNik,
  type NikResult,
  type NikOptions,
  type NikErrorCode,
  type NikWarningCode,
  type NikMismatchCode,
  type PersonFacts,
  NIK_ERROR_CODES,
  NIK_WARNING_CODES,
  NIK_MISMATCH_CODES,
  parseNik,
  formatNik,
  maskNik,
  checkNikAgainstPerson,
} from './identifiers/nik.js';
export {
  type NikIssueRequest,
  type NikIssueErrorCode,
  type NikIssueWarningCode,
  type IssuedNik,
  NIK_ISSUE_ERROR_CODES,
  NIK_ISSUE_WARNING_CODES,
  issueNik,
} from './identifiers/nik-issuance.js';
export {
  type ParsedKkNumber,
  type KkResult,
  type KkErrorCode,
  type KkWarningCode,
  type KkIssueRequest,
  type KkIssueErrorCode,
  type IssuedKkNumber,
  KK_ERROR_CODES,
  KK_WARNING_CODES,
  KK_ISSUE_ERROR_CODES,
  parseKkNumber,
  formatKkNumber,
  maskKkNumber,
  issueKkNumber,
} from './identifiers/kk-number.js';

export {
  type AgeErrorCode,
  type PersonStatus,
  type KiaType,
  type KiaEligibility,
  type MarriageAgeErrorCode,
  type MarriageAgeWarningCode,
  type MarriageAgeOptions,
  WAJIB_KTP_AGE,
  KIA_AGE_LIMIT,
  KIA_UNDER_5_LIMIT,
  MINIMUM_MARRIAGE_AGE,
  AGE_ERROR_CODES,
  MARRIAGE_AGE_ERROR_CODES,
  MARRIAGE_AGE_WARNING_CODES,
  ageOn,
  dateOfAge,
  isWajibKtp,
  kiaEligibility,
  checkMarriageAge,
} from './people/age.js';
export {
  type Particulars,
  type ParticularsField,
  type ParticularsProblem,
  type ParticularsResult,
  type ParticularsErrorCode,
  NAME_MAX_LENGTH,
  EARLIEST_BIRTH_DATE,
  PARTICULARS_ERROR_CODES,
  checkParticulars,
} from './people/particulars-check.js';
export {
  type ComparedParticulars,
  type ParticularsMatch,
  type ParticularsMatchCode,
  type ParticularsMatchField,
  type ParticularsDifference,
  PARTICULARS_MISMATCH_CODES,
  NAME_MATCH_MAX_CHARACTERS,
  matchParticulars,
  namesMatch,
  nameKeys,
} from './people/particulars-match.js';

export { type CodeEntry, type CodeOf, findCode, findCodeByLabel } from './codes/code-list.js';
export { SHDK, Shdk, type ShdkCode } from './codes/shdk.js';
export { RELIGIONS, type Religion } from './codes/religion.js';
export { MARITAL_STATUSES, type MaritalStatus, isMarried, isEverMarried, isMaritalStatus } from './codes/marital-status.js';
export { EDUCATION_LEVELS, type EducationLevel } from './codes/education.js';
export { BLOOD_TYPES, type BloodType } from './codes/blood-type.js';

export * from './family/index.js';
export * from './deeds/index.js';
export * from './indicators/index.js';
export * from './documents/index.js';
export * from './planning/index.js';
