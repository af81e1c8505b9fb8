/**
 * OpenSID's "format impor penduduk" (the resident import of the village information system most villages in NTT
 * use) mapped onto the register import's own row (IMPORT_COLUMNS), so that every check of import-row.mapper runs on
 * it unchanged: the particulars rule, the NIK and No. KK, the code lists, the family card rules, the document
 * baselines. Pure functions, no I/O. The code lists and their sources are in opensid-codes.ts; README.md in this
 * folder says what is taken, what is decided on evidence and what is refused.
 */
import { findRegion } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { IMPORT_COLUMNS, type ImportColumn, type RecordRead, type RowProblem } from './import-row.mapper';
import {
  normalizeLabel,
  OPENSID_ALIVE,
  OPENSID_BLOOD_TYPE,
  OPENSID_EDUCATION,
  OPENSID_EKTP,
  OPENSID_MARITAL,
  OPENSID_OCCUPATIONS,
  OPENSID_RELIGION,
  OPENSID_SEX,
  OPENSID_SHDK,
} from './opensid-codes';
import type { RawRecord } from './register-file';

/** The 37 columns of OpenSID's import, in its order (Import_model.php, KOLOM_IMPOR_KELUARGA). */
export const OPENSID_COLUMNS = [
  'alamat',
  'dusun',
  'rw',
  'rt',
  'nama',
  'no_kk',
  'nik',
  'sex',
  'tempatlahir',
  'tanggallahir',
  'agama_id',
  'pendidikan_kk_id',
  'pendidikan_sedang_id',
  'pekerjaan_id',
  'status_kawin',
  'kk_level',
  'warganegara_id',
  'nama_ayah',
  'nama_ibu',
  'golongan_darah_id',
  'akta_lahir',
  'dokumen_pasport',
  'tanggal_akhir_paspor',
  'dokumen_kitas',
  'ayah_nik',
  'ibu_nik',
  'akta_perkawinan',
  'tanggalperkawinan',
  'akta_perceraian',
  'tanggalperceraian',
  'cacat_id',
  'cara_kb_id',
  'hamil',
  'ktp_el',
  'status_rekam',
  'alamat_sekarang',
  'status_dasar',
] as const;

export type OpenSidColumn = (typeof OPENSID_COLUMNS)[number];

/** The dusun value that ends the data (OpenSID's importer stops there; what follows is notes or junk). */
export const OPENSID_END_MARKER = '###';

/** The village an OpenSID file is imported into (OpenSID files carry no region codes). */
export interface ImportVillage {
  readonly districtCode: string;
  readonly villageCode: string;
}

export type VillageResult = { readonly ok: true; readonly village: ImportVillage } | { readonly ok: false; readonly problem: string };

/** `--village`: a current desa / kelurahan (10 digits, dots allowed) of a current kecamatan of the office's regency. */
export function checkImportVillage(code: string, regencyCode: string): VillageResult {
  const village = code.replace(/\./g, '');
  if (!/^\d{10}$/.test(village)) return { ok: false, problem: 'the village is a 10-digit desa / kelurahan code (dots allowed), e.g. 5316012002' };
  const found = findVillage(village);
  if (!found || found.historical) return { ok: false, problem: `${village} is not a current desa / kelurahan code` };
  const districtCode = village.slice(0, 6);
  const district = findRegion(districtCode);
  if (!district || district.level !== 'district' || district.historical) return { ok: false, problem: `the kecamatan ${districtCode} of village ${village} is not a current kecamatan` };
  if (!districtCode.startsWith(regencyCode)) return { ok: false, problem: `village ${village} is outside regency ${regencyCode}, the regency of this office` };
  return { ok: true, village: { districtCode, villageCode: village } };
}

export type OpenSidHeader = { readonly ok: true; readonly columnIndexes: readonly number[] } | { readonly ok: false; readonly problems: readonly string[] };

/** Whether a header looks like an OpenSID one (its own column names, not ours): then its problems are OpenSID's. */
export function looksLikeOpenSid(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return ['no_kk', 'nama', 'dusun', 'kk_level', 'tanggallahir'].filter((c) => names.has(c)).length >= 2;
}

/**
 * The column this register's own OpenSID export writes after OpenSID's 37 (src/export/README.md): the KK's marital
 * status in full (`KAWIN TERCATAT`, `CERAI HIDUP BELUM TERCATAT`, …), which status_kawin's four numbers cannot say.
 * OpenSID's importer reads its columns by position and never sees it; this import reads it when present, and then it
 * decides the marital status (it must agree with status_kawin). Optional: OpenSID's own files do not have it.
 */
export const REGISTER_MARITAL_COLUMN = 'status_kawin_kk';

/**
 * The position of each OpenSID column in a header (by name, case and surrounding spaces aside), then the position
 * of REGISTER_MARITAL_COLUMN (-1 when absent). All 37 are
 * required (an OpenSID export always writes them); repeated columns are refused, and so are columns OpenSID's
 * layout does not have, unless `allowExtraColumns` (newer OpenSID exports add e.g. suku, tag_id_card).
 */
export function mapOpenSidHeader(header: readonly string[], allowExtraColumns: boolean): OpenSidHeader {
  const names = header.map((h) => h.trim().toLowerCase());
  const problems: string[] = [];
  const indexes = [...OPENSID_COLUMNS, REGISTER_MARITAL_COLUMN].map((column) => names.indexOf(column));
  const missing = OPENSID_COLUMNS.filter((_, i) => indexes[i] === -1);
  if (missing.length > 0) problems.push(`OpenSID column(s) ${missing.join(', ')} missing`);
  const repeated = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  for (const name of new Set(repeated)) problems.push(`column ${name} appears more than once`);
  const unknown = names.filter((n) => n !== '' && n !== REGISTER_MARITAL_COLUMN && !(OPENSID_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0 && !allowExtraColumns) problems.push(`column(s) ${unknown.map((n) => JSON.stringify(n.slice(0, 40))).join(', ')} are not OpenSID's (--allow-extra-columns ignores them)`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columnIndexes: indexes };
}

/**
 * Characters that exports (Dukcapil's in particular) leave inside NIK and No. KK without showing them: zero-width
 * space, non-joiner and joiner, word joiner, byte order mark / zero-width no-break space, no-break space, soft hyphen,
 * and the spaces and line breaks around them; also the apostrophe a spreadsheet user types before a number to keep
 * it text. Anything else stays, and a NIK that is then not 16 digits is a NIK_FORMAT rejection.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00A0\u00AD\s]/g;

export function cleanIdentifier(text: string): string {
  return text.replace(INVISIBLE, '').replace(/^'/, '');
}

/** A cell as OpenSID (and SIAK's BIP) reads it: trimmed, a leading apostrophe dropped, `-` empty. */
export function plain(text: string | undefined): string {
  const value = (text ?? '').replace(/^[\s\uFEFF\u00A0]+|[\s\uFEFF\u00A0]+$/g, '').replace(/^'/, '');
  return value === '-' ? '' : value;
}

const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/**
 * A day as the register writes it (YYYY-MM-DD) from `dd-mm-yyyy`, `dd/mm/yyyy` (OpenSID reads both as day first) or
 * an ISO day (what the xlsx reader makes of a date cell). Anything else is passed on as it is, for the particulars
 * rule to refuse (BIRTH_DATE_INVALID), as is a day that does not exist (31-02-2000).
 */
export function openSidDay(text: string): string {
  const m = DMY.exec(text);
  if (!m) return text;
  return `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
}

/** The NIK and No. KK of an OpenSID row ('' when empty): what the first pass needs. */
export function openSidKeys(record: RawRecord, columnIndexes: readonly number[]): { nik: string; kkNumber: string } {
  const cells = record.cells ?? [];
  const at = (column: OpenSidColumn): string => cleanIdentifier(plain(cells[columnIndexes[OPENSID_INDEX[column]] as number]));
  const nik = at('nik');
  return { nik: nik === '0' ? '' : nik, kkNumber: at('no_kk') };
}

const OPENSID_INDEX = Object.fromEntries(OPENSID_COLUMNS.map((c, i) => [c, i])) as Record<OpenSidColumn, number>;

/** Whether the row is OpenSID's end marker (dusun `###`): it and every row after it are not data. */
export function isOpenSidEnd(record: RawRecord, columnIndexes: readonly number[]): boolean {
  return plain(record.cells?.[columnIndexes[OPENSID_INDEX.dusun] as number]) === OPENSID_END_MARKER;
}

/** Whether a row holds nothing at all (a spreadsheet's empty or `-`-only row): skipped, as OpenSID does. */
export function isBlankRecord(record: RawRecord): boolean {
  return record.cells !== undefined && record.cells.every((c) => plain(c) === '');
}

/** The address the register keeps for an OpenSID row: alamat, the dusun, RT/RW (those given). */
export function openSidAddress(alamat: string, dusun: string, rt: string, rw: string): string {
  const parts: string[] = [];
  if (alamat !== '') parts.push(alamat);
  if (dusun !== '') parts.push(/^dusun\b/i.test(dusun) ? dusun : `Dusun ${dusun}`);
  if (rt !== '' || rw !== '') parts.push(`RT ${rt || '-'}/RW ${rw || '-'}`);
  return parts.join(', ');
}

const COLUMN_INDEX = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c, i])) as Record<ImportColumn, number>;
const DIGITS = /^\d{1,3}$/;

/**
 * An OpenSID row as the register import's row: values in IMPORT_COLUMNS order, the problems only OpenSID's layout
 * can have (a label or number outside its list, an undecidable marital status, NIK 0, someone not alive), and the
 * columns those problems leave empty (so that they are not also reported as missing). Every other check is
 * checkRow's.
 */
export function readOpenSidRecord(record: RawRecord, columnIndexes: readonly number[], headerLength: number, village: ImportVillage): RecordRead {
  const cells = record.cells;
  if (!cells) return { malformed: record.malformed ?? 'the row cannot be read', nik: '', kkNumber: '' };
  const { nik: keyNik, kkNumber } = openSidKeys(record, columnIndexes);
  if (cells.length > headerLength && cells.slice(headerLength).some((c) => plain(c) !== '')) {
    return { malformed: `the row has ${cells.length} fields, the header ${headerLength}`, nik: keyNik, kkNumber };
  }
  const cell = (column: OpenSidColumn): string => plain(cells[columnIndexes[OPENSID_INDEX[column]] as number]);
  const values: string[] = IMPORT_COLUMNS.map(() => '');
  const set = (column: ImportColumn, value: string): void => {
    values[COLUMN_INDEX[column]] = value;
  };
  const problems: RowProblem[] = [];
  const unmapped = new Set<ImportColumn>();
  const refuse = (column: ImportColumn, problem: RowProblem): void => {
    problems.push(problem);
    unmapped.add(column);
  };
  /** A coded column: '' when empty, the value when listed, undefined when not. */
  const coded = <T>(column: OpenSidColumn, list: ReadonlyMap<string, T>): T | '' | undefined => {
    const text = cell(column);
    if (text === '') return '';
    return list.get(DIGITS.test(text) ? String(Number(text)) : normalizeLabel(text));
  };

  const nik = cleanIdentifier(cell('nik'));
  if (nik === '0') {
    refuse('nik', { code: 'NIK_UNKNOWN', message: 'nik is 0 (unknown in OpenSID): the import keeps the NIKs of the file and issues none; register the person with POST /residents, which issues a NIK' });
  } else set('nik', nik);
  set('kk_number', cleanIdentifier(cell('no_kk')));

  const shdk = coded('kk_level', OPENSID_SHDK);
  if (shdk === undefined) refuse('shdk', { code: 'SHDK_INVALID', message: 'kk_level must be an SHDK code from 1 (Kepala Keluarga) to 11 (Lainnya) or its label' });
  else set('shdk', String(shdk));

  set('full_name', cell('nama'));
  set('birth_place', cell('tempatlahir'));
  set('birth_date', openSidDay(cell('tanggallahir')));

  const sex = coded('sex', OPENSID_SEX);
  if (sex === undefined) refuse('sex', { code: 'SEX_INVALID', message: 'sex must be 1 or 2, L or P (also LK, Pr, Laki-laki, Perempuan)' });
  else set('sex', sex);

  const religion = coded('agama_id', OPENSID_RELIGION);
  if (religion === undefined) refuse('religion', { code: 'RELIGION_INVALID', message: 'agama_id must be a code from 1 to 7 or its label (Islam, Kristen, Katholik, Hindu, Budha, Khonghucu, Kepercayaan Terhadap Tuhan YME)' });
  else set('religion', religion);

  const marital = coded('status_kawin', OPENSID_MARITAL);
  const kkIndex = columnIndexes[OPENSID_COLUMNS.length] ?? -1;
  const kkText = kkIndex >= 0 ? plain(cells[kkIndex]) : '';
  const kkMarital = kkText !== '' ? OPENSID_MARITAL.get(normalizeLabel(kkText)) : undefined;
  if (kkText !== '') {
    // This register's own export: the KK's status in full, which must be one of the six and agree with status_kawin.
    if (kkMarital === undefined || kkMarital === 'KAWIN' || kkMarital === 'CERAI_HIDUP') {
      refuse('marital_status', { code: 'MARITAL_STATUS_INVALID', message: `${REGISTER_MARITAL_COLUMN} must be a status of the KK in full (BELUM KAWIN, KAWIN TERCATAT, KAWIN BELUM TERCATAT, CERAI HIDUP TERCATAT, CERAI HIDUP BELUM TERCATAT, CERAI MATI)` });
    } else if (marital !== undefined && marital !== '' && marital !== kkMarital && !kkMarital.startsWith(`${marital}_`)) {
      refuse('marital_status', { code: 'MARITAL_STATUS_INVALID', message: `status_kawin and ${REGISTER_MARITAL_COLUMN} disagree` });
    } else set('marital_status', kkMarital);
  } else if (marital === undefined) refuse('marital_status', { code: 'MARITAL_STATUS_INVALID', message: 'status_kawin must be 1–4, BK, K, CH, CM or a label (Belum Kawin, Kawin, Cerai Hidup, Cerai Mati, Kawin Tercatat, …)' });
  else if (marital === 'KAWIN') {
    // OpenSID's KAWIN does not say whether the marriage is registered; a marriage deed (or book) number says it is.
    if (cell('akta_perkawinan') !== '') set('marital_status', 'KAWIN_TERCATAT');
    else refuse('marital_status', { code: 'MARITAL_STATUS_AMBIGUOUS', message: 'status_kawin is KAWIN without akta_perkawinan: whether the marriage is registered (Kawin Tercatat) or not (Kawin Belum Tercatat) cannot be told; give the marriage deed or book number, or write KAWIN TERCATAT or KAWIN BELUM TERCATAT' });
  } else if (marital === 'CERAI_HIDUP') {
    if (cell('akta_perceraian') !== '') set('marital_status', 'CERAI_HIDUP_TERCATAT');
    else refuse('marital_status', { code: 'MARITAL_STATUS_AMBIGUOUS', message: 'status_kawin is CERAI HIDUP without akta_perceraian: whether the divorce is registered (Cerai Hidup Tercatat) or not cannot be told; give the divorce deed number, or write CERAI HIDUP TERCATAT or CERAI HIDUP BELUM TERCATAT' });
  } else set('marital_status', marital);

  const education = coded('pendidikan_kk_id', OPENSID_EDUCATION);
  if (education === undefined) refuse('education', { code: 'EDUCATION_INVALID', message: 'pendidikan_kk_id, when given, is a code from 1 to 10 or its label' });
  else set('education', String(education));

  const blood = coded('golongan_darah_id', OPENSID_BLOOD_TYPE);
  if (blood === undefined) refuse('blood_type', { code: 'BLOOD_TYPE_INVALID', message: 'golongan_darah_id, when given, is a code from 1 to 13 or its label (A, B, AB, O, A+, …, TIDAK TAHU)' });
  else set('blood_type', String(blood));

  // The register keeps the occupation as text: a number is OpenSID's label, a text is kept as written.
  const occupation = cell('pekerjaan_id');
  if (DIGITS.test(occupation)) {
    const label = OPENSID_OCCUPATIONS[Number(occupation) - 1];
    if (label === undefined) refuse('occupation', { code: 'OCCUPATION_INVALID', message: `pekerjaan_id, when a number, is a code from 1 to ${OPENSID_OCCUPATIONS.length}` });
    else set('occupation', label);
  } else set('occupation', occupation);

  set('mother_name', cell('nama_ibu'));
  set('father_name', cell('nama_ayah'));
  set('district_code', village.districtCode);
  set('village_code', village.villageCode);
  set('address', openSidAddress(cell('alamat'), cell('dusun').replace(/_/g, ' '), cell('rt'), cell('rw')));

  const ektp = coded('status_rekam', OPENSID_EKTP);
  if (ektp === undefined) refuse('ektp_state', { code: 'EKTP_STATE_INVALID', message: 'status_rekam, when given, is a code from 1 to 8 or its label (BELUM WAJIB, BELUM REKAM, SUDAH REKAM, …, CARD ISSUED)' });
  else set('ektp_state', ektp ?? '');
  // A birth deed number says the person has one; an empty cell says nothing (not "no").
  set('birth_deed', cell('akta_lahir') !== '' ? 'Y' : '');

  const alive = coded('status_dasar', OPENSID_ALIVE);
  if (alive !== '' && alive !== true) {
    problems.push({ code: 'STATUS_DASAR_NOT_ALIVE', message: 'status_dasar is not HIDUP (1): only living residents of the village are imported (someone dead, moved, missing or invalid is not a resident to register)' });
  }
  return { values, nik: nik === '0' ? '' : nik, kkNumber: values[COLUMN_INDEX.kk_number] as string, problems, unmapped };
}
