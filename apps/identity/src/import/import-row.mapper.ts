/**
 * From a register file's records to residents and family cards, with every problem found (DESIGN.md house
 * rule 2): pure functions, no I/O, the date of the check comes in as `asOf`. Every rule is the domain
 * library's (checkParticulars for names, birth date and the NIK — the same rule and codes as the REST registration
 * —, parseKkNumber, region and village codes, the code lists, checkFamilyCard); this file only maps the columns of
 * an export onto them and says which row a problem is on.
 *
 * A row is a resident on a family card. The rows of one card (same kk_number) are checked together, and a card
 * with any problem is rejected whole: a half card is worse than none.
 */
import {
  BLOOD_TYPES,
  checkFamilyCard,
  checkParticulars,
  documentBaseline,
  EDUCATION_LEVELS,
  findRegion,
  MARITAL_STATUSES,
  maskKkNumber,
  maskNik,
  parseKkNumber,
  RELIGIONS,
  type BaselineViolationCode,
  type EktpImportableStatus,
  type EktpStatus,
  type FamilyCardViolationCode,
  type KiaImportableStatus,
  type KiaStatus,
  type KkErrorCode,
  type MaritalStatus,
  type ParticularsErrorCode,
  type ParticularsField,
  type Religion,
  type Sex,
  type ShdkCode,
} from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import type { RawRecord } from './register-file';

/** The columns of a register file, in the order the generator and the documentation list them. */
export const IMPORT_COLUMNS = [
  'nik',
  'kk_number',
  'shdk',
  'full_name',
  'birth_place',
  'birth_date',
  'sex',
  'religion',
  'marital_status',
  'education',
  'blood_type',
  'occupation',
  'mother_name',
  'father_name',
  'district_code',
  'village_code',
  'address',
  'ektp_state',
  'kia_state',
  'birth_deed',
  'ektp_recorded_on',
  'registered_on',
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns that may be left out of the file (or left empty). */
export const OPTIONAL_COLUMNS: readonly ImportColumn[] = ['education', 'blood_type', 'occupation', 'father_name', 'ektp_state', 'kia_state', 'birth_deed', 'ektp_recorded_on', 'registered_on'];

const COLUMN_INDEX = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c, i])) as Record<ImportColumn, number>;

/**
 * Longest accepted text, as the resident table stores it. Names are not here: the particulars rule judges them
 * (NAME_TOO_LONG beyond NAME_MAX_LENGTH, NAME_BLANK for an empty one), as it does for the REST registration.
 */
const MAX_LENGTH: Partial<Record<ImportColumn, number>> = {
  birth_place: 100,
  occupation: 100,
  address: 300,
};

/** The columns checkParticulars reads, with the field it names them by. */
const PARTICULAR_COLUMNS: Readonly<Record<ParticularsField, ImportColumn | undefined>> = {
  fullName: 'full_name',
  motherName: 'mother_name',
  fatherName: 'father_name',
  birthDate: 'birth_date',
  sex: 'sex',
  nik: 'nik',
  dateOfDeath: undefined,
};
/** Required columns whose emptiness the particulars rule reports (NAME_BLANK), not FIELD_MISSING. */
const BLANK_IS_PARTICULAR: ReadonlySet<ImportColumn> = new Set(['full_name', 'mother_name']);

/**
 * Why a row is rejected (a closed list; the report's `codes` column). Besides the domain library's codes:
 * - `ROW_MALFORMED`: the record cannot be read (field count differs from the header, a quote is not closed,
 *   not a JSON object, a field that is not text or a number);
 * - `FIELD_MISSING`, `FIELD_TOO_LONG`;
 * - the particulars rule's codes (PARTICULARS_ERROR_CODES, the REST registration's too): `NAME_BLANK`,
 *   `NAME_CONTROL_CHARACTER`, `NAME_TOO_LONG` (full_name, mother_name, father_name), `BIRTH_DATE_INVALID`,
 *   `BIRTH_AFTER_AS_OF`, `BIRTH_DATE_TOO_EARLY`, the NIK's codes and `NIK_BIRTH_DATE_MISMATCH`, `NIK_SEX_MISMATCH`;
 * - `SHDK_INVALID`, `SEX_INVALID`, `RELIGION_INVALID`, `MARITAL_STATUS_INVALID`, `EDUCATION_INVALID`,
 *   `BLOOD_TYPE_INVALID`: a value outside its code list;
 * - `DISTRICT_UNKNOWN` (not a current kecamatan), `DISTRICT_OUTSIDE_REGENCY` (not one of this office's
 *   regency: the import's region scope), `VILLAGE_UNKNOWN` (not a current desa / kelurahan of that kecamatan);
 * - `NIK_DUPLICATE_IN_FILE`: the NIK is on more than one row of the file (every such row is rejected: which one
 *   is the person cannot be told);
 * - `NIK_ALREADY_REGISTERED`, `KK_ALREADY_REGISTERED`: already in the register (or a No. KK it issued before);
 * - `KK_NOT_CONTIGUOUS`: the rows of the card are not together in the file (the whole card is rejected);
 * - `CARD_ADDRESS_INCONSISTENT`: a member's kecamatan or village differs from the head's (one card, one address);
 * - `CARD_REJECTED`: the row is fine, but another row of its card is not;
 * - `BIRTH_DEED_INVALID`: birth_deed is not a yes/no value; `EKTP_STATE_*`, `KIA_STATE_*`: documentBaseline's codes
 *   (a state code unknown, or one the age rules do not allow for the person on the import day);
 * - `EKTP_RECORDED_ON_INVALID`: ektp_recorded_on is not a real YYYY-MM-DD date, is after the import day, is before
 *   EKTP_RECORDING_BEGAN (2011-01-01) or, for someone who never married, before the 17th birthday, or is given
 *   without a recorded ektp_state;
 * - `REGISTERED_ON_INVALID`: registered_on (the day the person entered the older register) is not a real
 *   YYYY-MM-DD date, is after the import day, before 1900 or before the person's birth.
 * - OpenSID's layout only (opensid-row.mapper): `NIK_UNKNOWN` (NIK 0: the import issues no NIK),
 *   `MARITAL_STATUS_AMBIGUOUS` (KAWIN / CERAI HIDUP without the deed that says it is registered),
 *   `OCCUPATION_INVALID` (a pekerjaan_id number outside OpenSID's list), `STATUS_DASAR_NOT_ALIVE` (status_dasar is
 *   not HIDUP).
 */
export const IMPORT_ROW_CODES = [
  'ROW_MALFORMED',
  'FIELD_MISSING',
  'FIELD_TOO_LONG',
  'SHDK_INVALID',
  'SEX_INVALID',
  'RELIGION_INVALID',
  'MARITAL_STATUS_INVALID',
  'EDUCATION_INVALID',
  'BLOOD_TYPE_INVALID',
  'DISTRICT_UNKNOWN',
  'DISTRICT_OUTSIDE_REGENCY',
  'VILLAGE_UNKNOWN',
  'NIK_DUPLICATE_IN_FILE',
  'NIK_ALREADY_REGISTERED',
  'KK_ALREADY_REGISTERED',
  'KK_NOT_CONTIGUOUS',
  'CARD_ADDRESS_INCONSISTENT',
  'CARD_REJECTED',
  'BIRTH_DEED_INVALID',
  'EKTP_RECORDED_ON_INVALID',
  'REGISTERED_ON_INVALID',
  'NIK_UNKNOWN',
  'MARITAL_STATUS_AMBIGUOUS',
  'OCCUPATION_INVALID',
  'STATUS_DASAR_NOT_ALIVE',
] as const;

export type ImportRowCode =
  | (typeof IMPORT_ROW_CODES)[number]
  | Exclude<ParticularsErrorCode, 'AS_OF_INVALID'>
  | Exclude<KkErrorCode, 'AS_OF_INVALID'>
  | FamilyCardViolationCode
  | Exclude<BaselineViolationCode, 'HOLDER_INVALID' | 'OPTIONS_INVALID'>;

export interface RowProblem {
  readonly code: ImportRowCode;
  /** English, with NIKs masked; never a name, an address or a field's value. */
  readonly message: string;
}

/** A resident as the import writes it: checked, trimmed, codes as the register stores them. */
export interface ImportedResident {
  readonly line: number;
  readonly nik: string;
  readonly kkNumber: string;
  readonly relationship: ShdkCode;
  readonly fullName: string;
  readonly birthPlace: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly religion: Religion;
  readonly maritalStatus: MaritalStatus;
  readonly education?: number;
  readonly bloodType?: number;
  readonly occupation?: string;
  readonly motherName: string;
  readonly fatherName?: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
  /** The older register's e-KTP state (undefined: it did not say), checked against the person. */
  readonly ektpState?: EktpStatus;
  /** A recorded state that starts the e-KTP log with an IMPORT_STATE action. */
  readonly ektpBaseline?: EktpImportableStatus;
  readonly kiaState?: KiaStatus;
  /** A card state that starts the KIA log with an IMPORT_STATE action. */
  readonly kiaBaseline?: KiaImportableStatus;
  /** Whether the person has a birth deed (undefined: the register did not say). */
  readonly birthDeed?: boolean;
  /** The day the e-KTP was recorded (undefined: the file did not say); only with a recorded ektpState. */
  readonly ektpRecordedOn?: string;
  /**
   * The day the person entered the older register (undefined: the file did not say): from then on, not from the
   * import day, the person counts in the register's history (reporting's trends and denominators).
   */
  readonly registeredOn?: string;
}

/** A row that will not be imported: where it is, its NIK and No. KK masked, and why. */
export interface RowRejection {
  readonly line: number;
  readonly maskedNik: string;
  readonly maskedKkNumber: string;
  readonly problems: readonly RowProblem[];
}

export type RowResult = { readonly ok: true; readonly line: number; readonly value: ImportedResident } | { readonly ok: false; readonly line: number; readonly nik: string; readonly kkNumber: string; readonly problems: readonly RowProblem[] };

/** A card ready to be written: its members in file order (their order on the card). */
export interface ImportCard {
  readonly kkNumber: string;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
  readonly members: readonly ImportedResident[];
}

export type CardResult = { readonly ok: true; readonly card: ImportCard } | { readonly ok: false; readonly rejections: readonly RowRejection[] };

/** What the whole file says about a row's NIK and card (found by the first pass over the file). */
export interface FileFacts {
  /** NIKs on more than one row, with those rows' lines. */
  readonly duplicateNiks: ReadonlyMap<string, readonly number[]>;
  /** No. KK whose rows are in more than one place, with the first line of each place. */
  readonly scatteredCards: ReadonlyMap<string, readonly number[]>;
}

export interface RowContext {
  /** The day the rows are checked for (birth dates, No. KK issue dates, ages). */
  readonly asOf: string;
  /** The office's regency (4 digits): rows must live in one of its kecamatan. */
  readonly regencyCode: string;
  readonly facts: FileFacts;
}

// --- header ---------------------------------------------------------------------------------------------

export type HeaderResult =
  | { readonly ok: true; readonly columnIndexes: readonly number[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The position of each IMPORT_COLUMNS column in a CSV header (-1 when an optional column is absent). Missing
 * required columns and repeated columns are refused; so are columns this import does not know, unless
 * `allowExtraColumns` (their values are then ignored): data is never dropped silently.
 */
export function mapHeader(header: readonly string[], allowExtraColumns: boolean): HeaderResult {
  const names = header.map((h) => h.trim().toLowerCase());
  const problems: string[] = [];
  const indexes = IMPORT_COLUMNS.map((column) => names.indexOf(column));
  IMPORT_COLUMNS.forEach((column, i) => {
    if (indexes[i] === -1 && !OPTIONAL_COLUMNS.includes(column)) problems.push(`required column ${column} is missing`);
  });
  const repeated = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  for (const name of new Set(repeated)) problems.push(`column ${name} appears more than once`);
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0 && !allowExtraColumns) {
    problems.push(`unknown column(s) ${unknown.map((n) => JSON.stringify(n.slice(0, 40))).join(', ')} (columns: ${IMPORT_COLUMNS.join(', ')}; --allow-extra-columns ignores others)`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columnIndexes: indexes };
}

/**
 * A record as the checks read it: its values in IMPORT_COLUMNS order (undefined for an absent optional column),
 * or why it cannot be read; and its NIK and No. KK (trimmed) as far as they can be told, '' when not. A CSV row
 * with the wrong number of fields keeps a NIK and No. KK that still look like 16 digits at their columns (a
 * stray comma in an address does not move them), so that it stays with its card. For NDJSON, numbers become
 * their decimal text and null is an empty value.
 */
export interface RecordRead {
  readonly values?: readonly (string | undefined)[];
  readonly malformed?: string;
  readonly nik: string;
  readonly kkNumber: string;
  /** Problems found while mapping another layout's row onto IMPORT_COLUMNS (OpenSID's: a label outside its list). */
  readonly problems?: readonly RowProblem[];
  /** Columns left empty because their value could not be mapped (`problems` says why): not also FIELD_MISSING. */
  readonly unmapped?: ReadonlySet<ImportColumn>;
}

const SIXTEEN_DIGITS = /^\d{16}$/;

/** The NIK and No. KK of a record as far as they can be told ('' when not): what the first pass needs. */
export function recordKeys(record: RawRecord, columnIndexes: readonly number[] | undefined, headerLength: number): { nik: string; kkNumber: string } {
  if (record.cells) {
    const cells = record.cells;
    const at = (column: ImportColumn): string => {
      const i = columnIndexes?.[COLUMN_INDEX[column]] ?? -1;
      return i === -1 ? '' : (cells[i] ?? '').trim();
    };
    if (!columnIndexes || cells.length !== headerLength) {
      const guess = (column: ImportColumn) => (SIXTEEN_DIGITS.test(at(column)) ? at(column) : '');
      return { nik: guess('nik'), kkNumber: guess('kk_number') };
    }
    return { nik: at('nik'), kkNumber: at('kk_number') };
  }
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
  return { nik: text(record.object?.nik), kkNumber: text(record.object?.kk_number) };
}

const identityCache = new WeakMap<readonly number[], boolean>();

function isIdentity(indexes: readonly number[]): boolean {
  let identity = identityCache.get(indexes);
  if (identity === undefined) {
    identity = indexes.every((index, i) => index === i);
    identityCache.set(indexes, identity);
  }
  return identity;
}

export function readRecord(record: RawRecord, columnIndexes: readonly number[] | undefined, headerLength: number, allowExtraColumns: boolean): RecordRead {
  if (record.cells) {
    const cells = record.cells;
    const { nik, kkNumber } = recordKeys(record, columnIndexes, headerLength);
    if (!columnIndexes || cells.length !== headerLength) return { malformed: `the row has ${cells.length} fields, the header ${headerLength}`, nik, kkNumber };
    // A header in IMPORT_COLUMNS order (a SIAK export, the generator): the cells are the values.
    const values = isIdentity(columnIndexes) && cells.length === IMPORT_COLUMNS.length ? cells : columnIndexes.map((i) => (i === -1 ? undefined : cells[i]));
    return { values, nik, kkNumber };
  }
  if (!record.object) return { malformed: record.malformed ?? 'the row cannot be read', nik: '', kkNumber: '' };
  const object = record.object;
  const values: (string | undefined)[] = [];
  const wrong: string[] = [];
  for (const column of IMPORT_COLUMNS) {
    const v = object[column];
    if (v === undefined || v === null) values.push(undefined);
    else if (typeof v === 'string') values.push(v);
    else if (typeof v === 'number' && Number.isFinite(v)) values.push(String(v));
    else {
      wrong.push(column);
      values.push(undefined);
    }
  }
  const nik = (values[COLUMN_INDEX.nik] ?? '').trim();
  const kkNumber = (values[COLUMN_INDEX.kk_number] ?? '').trim();
  if (wrong.length > 0) return { malformed: `field(s) ${wrong.join(', ')} must be text or a number`, nik, kkNumber };
  if (!allowExtraColumns) {
    const unknown = Object.keys(object).filter((k) => !(IMPORT_COLUMNS as readonly string[]).includes(k));
    if (unknown.length > 0) return { malformed: `unknown field(s) ${unknown.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (--allow-extra-columns ignores them)`, nik, kkNumber };
  }
  return { values, nik, kkNumber };
}

// --- one row ---------------------------------------------------------------------------------------------

const RELIGION_CODES = new Set<string>(RELIGIONS.map((r) => r.code));
const MARITAL_CODES = new Set<string>(MARITAL_STATUSES.map((m) => m.code));
const SMALL_INT = /^\d{1,2}$/;
const SEXES: Readonly<Record<string, Sex>> = { M: 'M', F: 'F', L: 'M', P: 'F' };
/** birth_deed: yes or no, as exports write it (case does not matter). */
const YES_NO: Readonly<Record<string, boolean>> = { Y: true, N: false, TRUE: true, FALSE: false, '1': true, '0': false };

/** District checks, cached: a register has a few dozen distinct codes. */
const districtCache = new Map<string, RowProblem | null>();
const villageCache = new Map<string, RowProblem | null>();

/** Checks one row; every problem of the row is reported. */
export function checkRow(line: number, read: RecordRead, context: RowContext): RowResult {
  if (read.malformed !== undefined || !read.values) return { ok: false, line, nik: read.nik, kkNumber: read.kkNumber, problems: [{ code: 'ROW_MALFORMED', message: read.malformed ?? 'the row cannot be read' }] };
  const v = read.values;
  const problems: RowProblem[] = [...(read.problems ?? [])];
  const unmapped = read.unmapped;
  const text = (column: ImportColumn): string => (unmapped?.has(column) ? '' : field(v, COLUMN_INDEX[column], problems));

  const nik = text('nik');
  const kkNumber = text('kk_number');
  const shdkText = text('shdk');
  const fullName = text('full_name');
  const birthPlace = text('birth_place');
  const birthDate = text('birth_date');
  const sexText = text('sex').toUpperCase();
  const religion = text('religion').toUpperCase();
  const maritalStatus = text('marital_status').toUpperCase();
  const educationText = text('education');
  const bloodTypeText = text('blood_type');
  const occupation = text('occupation');
  const motherName = text('mother_name');
  const fatherName = text('father_name');
  const districtCode = withoutDots(text('district_code'));
  const villageCode = withoutDots(text('village_code'));
  const address = text('address');
  const ektpText = text('ektp_state').toUpperCase();
  const kiaText = text('kia_state').toUpperCase();
  const birthDeedText = text('birth_deed').toUpperCase();
  const recordedOnText = text('ektp_recorded_on');
  const registeredOnText = text('registered_on');

  const relationship = SMALL_INT.test(shdkText) ? Number(shdkText) : NaN;
  if (shdkText !== '' && !(relationship >= 1 && relationship <= 11)) problems.push({ code: 'SHDK_INVALID', message: 'shdk must be an SHDK code from 1 (Kepala Keluarga) to 11 (Lainnya)' });

  const sex = SEXES[sexText];
  if (sexText !== '' && !sex) problems.push({ code: 'SEX_INVALID', message: 'sex must be M or F (L or P as SIAK writes them)' });
  // Names, birth date and the NIK against them: the register's particulars rule, as for a REST registration.
  const particulars = checkParticulars(
    {
      fullName,
      motherName,
      ...(fatherName !== '' ? { fatherName } : {}),
      ...(birthDate !== '' ? { birthDate } : {}),
      ...(sex ? { sex } : {}),
      ...(nik !== '' ? { nik } : {}),
    },
    { asOf: context.asOf },
  );
  const particularProblems = particulars.ok ? [] : particulars.errors.filter((e) => e.code !== 'AS_OF_INVALID');
  for (const e of particularProblems) problems.push({ code: e.code as ImportRowCode, message: inColumns(e.message) });
  // The birth date is usable (for the documents' age rules) when it is a real date, not after today nor too early.
  const birthOk = birthDate !== '' && !particularProblems.some((e) => e.field === 'birthDate' && e.code.startsWith('BIRTH_'));
  if (religion !== '' && !RELIGION_CODES.has(religion)) problems.push({ code: 'RELIGION_INVALID', message: `religion must be one of ${[...RELIGION_CODES].join(', ')}` });
  if (maritalStatus !== '' && !MARITAL_CODES.has(maritalStatus)) problems.push({ code: 'MARITAL_STATUS_INVALID', message: `marital_status must be one of ${[...MARITAL_CODES].join(', ')}` });
  const education = optionalCode(educationText, EDUCATION_LEVELS.length);
  if (education === null) problems.push({ code: 'EDUCATION_INVALID', message: `education, when given, is a code from 1 to ${EDUCATION_LEVELS.length}` });
  const bloodType = optionalCode(bloodTypeText, BLOOD_TYPES.length);
  if (bloodType === null) problems.push({ code: 'BLOOD_TYPE_INVALID', message: `blood_type, when given, is a code from 1 to ${BLOOD_TYPES.length}` });

  if (nik !== '') {
    const lines = context.facts.duplicateNiks.get(nik);
    if (lines) problems.push({ code: 'NIK_DUPLICATE_IN_FILE', message: `the NIK ${maskNik(nik)} is on ${lines.length} rows of the file (lines ${listLines(lines)})` });
  }
  if (kkNumber !== '') {
    const parsed = parseKkNumber(kkNumber, { asOf: context.asOf });
    if (!parsed.ok) for (const e of parsed.errors) problems.push({ code: e.code as ImportRowCode, message: e.message });
    const places = context.facts.scatteredCards.get(kkNumber);
    if (places) problems.push({ code: 'KK_NOT_CONTIGUOUS', message: `the rows of card ${maskKkNumber(kkNumber)} are not together in the file (they start at lines ${listLines(places)}); the whole card is left out` });
  }
  if (districtCode !== '') {
    const problem = districtProblem(districtCode, context.regencyCode);
    if (problem) problems.push(problem);
    else if (villageCode !== '') {
      const village = villageProblem(villageCode, districtCode);
      if (village) problems.push(village);
    }
  }

  const birthDeed = birthDeedText === '' ? undefined : YES_NO[birthDeedText];
  if (birthDeedText !== '' && birthDeed === undefined) problems.push({ code: 'BIRTH_DEED_INVALID', message: 'birth_deed, when given, is Y or N (also true/false, 1/0)' });
  // The documents, against the person on the import day (documentBaseline: the age rules of the e-KTP and KIA).
  let baseline: { ektpState?: EktpStatus; kiaState?: KiaStatus; ektp?: EktpImportableStatus; kia?: KiaImportableStatus } = {};
  if ((ektpText !== '' || kiaText !== '') && birthOk && MARITAL_CODES.has(maritalStatus)) {
    const states = { ...(ektpText !== '' ? { ektpState: ektpText as EktpStatus } : {}), ...(kiaText !== '' ? { kiaState: kiaText as KiaStatus } : {}) };
    const checked = documentBaseline(states, { birthDate, maritalStatus: maritalStatus as MaritalStatus }, { asOf: context.asOf, at: context.asOf, by: 'import' });
    if (!checked.ok) {
      for (const e of checked.errors) if (e.code !== 'HOLDER_INVALID' && e.code !== 'OPTIONS_INVALID') problems.push({ code: e.code, message: e.message.replace(`${context.asOf}`, 'the import day') });
    } else {
      const v = checked.value;
      baseline = {
        ektpState: v.ektpState,
        kiaState: v.kiaState,
        ektp: v.ektp ? (v.ektp.payload as { status: EktpImportableStatus }).status : undefined,
        kia: v.kia ? (v.kia.payload as { status: KiaImportableStatus }).status : undefined,
      };
    }
  }

  // The recording day: only for a recorded e-KTP, judged against the import day, the e-KTP programme and the person.
  if (recordedOnText !== '') {
    const problem = recordedOnProblem(recordedOnText, context.asOf, birthOk ? birthDate : undefined, maritalStatus, ektpText);
    if (problem) problems.push({ code: 'EKTP_RECORDED_ON_INVALID', message: problem });
  }

  if (registeredOnText !== '') {
    const problem = registeredOnProblem(registeredOnText, context.asOf, birthOk ? birthDate : undefined);
    if (problem) problems.push({ code: 'REGISTERED_ON_INVALID', message: problem });
  }

  if (problems.length > 0) return { ok: false, line, nik, kkNumber, problems };
  // Every property set, absent ones undefined: one object shape for all rows.
  const value: ImportedResident = {
    line,
    nik,
    kkNumber,
    relationship: relationship as ShdkCode,
    fullName,
    birthPlace,
    birthDate,
    sex: sex as Sex,
    religion: religion as Religion,
    maritalStatus: maritalStatus as MaritalStatus,
    education: education ?? undefined,
    bloodType: bloodType ?? undefined,
    occupation: occupation === '' ? undefined : occupation,
    motherName,
    fatherName: fatherName === '' ? undefined : fatherName,
    districtCode,
    villageCode,
    address,
    ektpState: baseline.ektpState,
    ektpBaseline: baseline.ektp,
    kiaState: baseline.kiaState,
    kiaBaseline: baseline.kia,
    birthDeed,
    ektpRecordedOn: recordedOnText === '' ? undefined : recordedOnText,
    registeredOn: registeredOnText === '' ? undefined : registeredOnText,
  };
  return { ok: true, line, value };
}

/**
 * The first day an e-KTP can have been recorded: the national e-KTP recording began in 2011 (Perpres 26/2009 as
 * amended by Perpres 35/2010; mass recording from 2011). A date before it is a typo or another document's date.
 */
export const EKTP_RECORDING_BEGAN = '2011-01-01';
const RECORDED_STATES: ReadonlySet<string> = new Set(['RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED']);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why ektp_recorded_on cannot be the e-KTP's recording day (undefined: it can). A real date, not after the import
 * day, not before EKTP_RECORDING_BEGAN; for someone who never married also not before the 17th birthday (wajib KTP
 * from then, UU 24/2013 art. 63(1); for the married the marriage day is not in the file, so 2011 is the bound); and
 * only with a recorded ektp_state (a date for a state without biometrics contradicts it).
 */
function recordedOnProblem(value: string, asOf: string, birthDate: string | undefined, maritalStatus: string, ektpState: string): string | undefined {
  if (!isRealDay(value)) return 'ektp_recorded_on, when given, is a real date YYYY-MM-DD';
  if (!RECORDED_STATES.has(ektpState)) return 'ektp_recorded_on is given only with a recorded ektp_state (RECORDED, PRINT_READY, SENT_FOR_PRINTING, PRINTED, ISSUED)';
  if (value > asOf) return 'ektp_recorded_on is after the import day';
  if (value < EKTP_RECORDING_BEGAN) return `ektp_recorded_on is before ${EKTP_RECORDING_BEGAN}, when e-KTP recording began`;
  if (birthDate !== undefined && maritalStatus === 'BELUM_KAWIN') {
    const seventeen = `${Number(birthDate.slice(0, 4)) + 17}${birthDate.slice(4).replace('-02-29', '-03-01')}`;
    if (value < seventeen) return 'ektp_recorded_on is before the 17th birthday of someone who never married (not yet wajib KTP)';
  }
  return undefined;
}

/**
 * Why registered_on cannot be the day the person entered the older register (undefined: it can). A real date, not
 * after the import day, not before 1900 (the register's earliest birth date) and not before the person's birth (a
 * newborn enters the register at the earliest on the day of birth). Before the person's e-KTP recording is allowed:
 * someone recorded elsewhere may move into the regency later.
 */
function registeredOnProblem(value: string, asOf: string, birthDate: string | undefined): string | undefined {
  if (!isRealDay(value)) return 'registered_on, when given, is a real date YYYY-MM-DD';
  if (value > asOf) return 'registered_on is after the import day';
  if (value < '1900-01-01') return 'registered_on is before 1900';
  if (birthDate !== undefined && value < birthDate) return 'registered_on is before the birth date';
  return undefined;
}

function isRealDay(value: string): boolean {
  const time = ISO_DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

const REQUIRED = IMPORT_COLUMNS.map((c) => !OPTIONAL_COLUMNS.includes(c));
const MAX = IMPORT_COLUMNS.map((c) => MAX_LENGTH[c] ?? Number.POSITIVE_INFINITY);

/** The domain's field names in a message, as the file's columns ('birthDate' → 'birth_date'). */
function inColumns(message: string): string {
  return message.replace(/\b(fullName|motherName|fatherName|birthDate)\b/g, (f) => PARTICULAR_COLUMNS[f as ParticularsField] ?? f);
}

/** A value trimmed; a missing required value or one too long is a problem. */
function field(values: readonly (string | undefined)[], i: number, problems: RowProblem[]): string {
  const raw = values[i];
  const value = raw === undefined ? '' : raw.trim();
  if (value === '') {
    if (REQUIRED[i] && !BLANK_IS_PARTICULAR.has(IMPORT_COLUMNS[i] as ImportColumn)) problems.push({ code: 'FIELD_MISSING', message: `${IMPORT_COLUMNS[i]} is required` });
  } else if (value.length > (MAX[i] as number)) problems.push({ code: 'FIELD_TOO_LONG', message: `${IMPORT_COLUMNS[i]} has more than ${MAX[i]} characters` });
  return value;
}

function withoutDots(code: string): string {
  return code.includes('.') ? code.replace(/\./g, '') : code;
}

/** undefined when empty, the code when 1..max, null when invalid. */
function optionalCode(text: string, max: number): number | undefined | null {
  if (text === '') return undefined;
  if (!SMALL_INT.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= max ? n : null;
}

function districtProblem(code: string, regencyCode: string): RowProblem | undefined {
  const key = `${regencyCode}:${code}`;
  let cached = districtCache.get(key);
  if (cached === undefined) {
    const region = /^\d{6}$/.test(code) ? findRegion(code) : undefined;
    if (!region || region.level !== 'district' || region.historical) cached = { code: 'DISTRICT_UNKNOWN', message: 'district_code is not a current kecamatan code (6 digits)' };
    else if (!code.startsWith(regencyCode)) cached = { code: 'DISTRICT_OUTSIDE_REGENCY', message: `district_code is a kecamatan outside regency ${regencyCode}, the regency of this office` };
    else cached = null;
    districtCache.set(key, cached);
  }
  return cached ?? undefined;
}

function villageProblem(code: string, districtCode: string): RowProblem | undefined {
  const key = `${districtCode}:${code}`;
  let cached = villageCache.get(key);
  if (cached === undefined) {
    const village = /^\d{10}$/.test(code) ? findVillage(code) : undefined;
    cached = !village || village.historical || !code.startsWith(districtCode) ? { code: 'VILLAGE_UNKNOWN', message: `village_code is not a current desa / kelurahan of kecamatan ${districtCode}` } : null;
    villageCache.set(key, cached);
  }
  return cached ?? undefined;
}

function listLines(lines: readonly number[]): string {
  return lines.length > 5 ? `${lines.slice(0, 5).join(', ')}, …` : lines.join(', ');
}

// --- one card --------------------------------------------------------------------------------------------

/**
 * Checks the rows of one card together: a card is imported only when every row is fine, every member lives
 * at the head's kecamatan and village, and checkFamilyCard accepts the whole card. Otherwise every row of the
 * card is rejected: a row with its own problems lists them, the others say CARD_REJECTED. A row that cannot be
 * read and whose No. KK cannot be told (`unreadableNeighbours`, the lines of such rows just before or after the
 * card) may be one of its members: the card is rejected too, rather than imported without them.
 */
export function checkCard(rows: readonly RowResult[], asOf: string, unreadableNeighbours: readonly number[] = []): CardResult {
  const first = rows[0];
  if (!first) return { ok: false, rejections: [] };
  const kkNumber = first.ok ? first.value.kkNumber : first.kkNumber;
  const own = new Map<number, RowProblem[]>();
  const add = (index: number, problem: RowProblem) => own.set(index, [...(own.get(index) ?? []), problem]);
  rows.forEach((r, i) => {
    if (!r.ok) for (const p of r.problems) add(i, p);
  });

  if (own.size === 0) {
    const members = rows.map((r) => (r as Extract<RowResult, { ok: true }>).value);
    const heads = members.filter((m) => m.relationship === 1);
    const home = heads.length === 1 ? (heads[0] as ImportedResident) : (members[0] as ImportedResident);
    members.forEach((m, i) => {
      if (m.districtCode !== home.districtCode || m.villageCode !== home.villageCode) {
        add(i, { code: 'CARD_ADDRESS_INCONSISTENT', message: `the member lives in another kecamatan or village than the head of card ${maskKkNumber(kkNumber)} (line ${home.line}); one card has one address` });
      }
    });
    const checked = checkFamilyCard(
      {
        kkNumber,
        version: 1,
        members: members.map((m) => ({ nik: m.nik, relationship: m.relationship, birthDate: m.birthDate, sex: m.sex, maritalStatus: m.maritalStatus, religion: m.religion })),
      },
      { asOf },
    );
    if (!checked.ok) {
      for (const e of checked.errors) {
        const message = e.message.replace(/\bmember (\d+)\b/g, (_, n: string) => `the member on line ${members[Number(n) - 1]?.line ?? '?'}`);
        const involved = e.members.length > 0 ? e.members : members.map((_, i) => i);
        for (const i of involved) add(i, { code: e.code, message });
      }
    }
    if (own.size === 0 && unreadableNeighbours.length === 0) {
      const last = rows[rows.length - 1] as RowResult;
      return { ok: true, card: { kkNumber, firstLine: first.line, lastLine: last.line, districtCode: home.districtCode, villageCode: home.villageCode, address: home.address, members } };
    }
  }

  const badLines = rows.filter((_, i) => own.has(i)).map((r) => r.line);
  const why =
    badLines.length > 0
      ? `another row of card ${maskKkNumber(kkNumber)} has problems (line ${listLines(badLines)}): the whole card is left out`
      : `a row next to card ${maskKkNumber(kkNumber)} cannot be read and may be one of its members (line ${listLines(unreadableNeighbours)}): the whole card is left out`;
  const rejections = rows.map((r, i) => {
    const nik = r.ok ? r.value.nik : r.nik;
    const problems = own.get(i) ?? [{ code: 'CARD_REJECTED' as const, message: why }];
    return { line: r.line, maskedNik: maskNik(nik), maskedKkNumber: maskKkNumber(r.ok ? r.value.kkNumber : r.kkNumber), problems };
  });
  return { ok: false, rejections };
}

/** A card found in the register already (a member's NIK or its No. KK): every row rejected. */
export function rejectRegistered(card: ImportCard, registeredNiks: ReadonlySet<string>, kkRegistered: boolean): RowRejection[] {
  return card.members.map((m) => {
    const problems: RowProblem[] = [];
    if (kkRegistered) problems.push({ code: 'KK_ALREADY_REGISTERED', message: `the No. KK ${maskKkNumber(card.kkNumber)} is already in the register` });
    if (registeredNiks.has(m.nik)) problems.push({ code: 'NIK_ALREADY_REGISTERED', message: `a resident with NIK ${maskNik(m.nik)} is already registered` });
    if (problems.length === 0) problems.push({ code: 'CARD_REJECTED', message: `another member of card ${maskKkNumber(card.kkNumber)} is already registered: the whole card is left out` });
    return { line: m.line, maskedNik: maskNik(m.nik), maskedKkNumber: maskKkNumber(card.kkNumber), problems };
  });
}
