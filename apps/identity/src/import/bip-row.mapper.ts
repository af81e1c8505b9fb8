/**
 * SIAK's "Buku Induk Penduduk" (BIP) export in its 2016 layout, mapped onto the register import's own row
 * (IMPORT_COLUMNS), so that every check of import-row.mapper runs on it unchanged. No I/O: the rows come in file
 * order, one at a time, and a BipReader keeps the little state the layout needs (the family block a member row
 * belongs to, the column titles of the sheet). README.md in this folder says what is read, what is refused and why.
 *
 * The layout (facts read from OpenSID's BIP importer, github.com/OpenSID/OpenSID, GPL v3, and its sample export
 * `assets/import/format_bip_2016.xls`; no code taken): one or more sheets, each starting with title rows (cell A1
 * `BUKU INDUK PENDUDUK WNI`; `PROVINSI : …`, `KABUPATEN/KOTA : …`, `KECAMATAN : …`, `DESA/KELURAHAN : …`,
 * `PERIODE/TANGGAL : …`), the column titles (`No`, `Nama Lengkap`, `NIK`, `Tempat dan Tanggal Lahir`, `JK`,
 * `SHDK`, `Agama`, `Pendidikan Terakhir`, `Pekerjaan`, `Nama Orang Tua Kandung` Ibu / Ayah), a row of sub-titles and
 * a row numbering the columns; then family blocks: a row whose column A reads `No. KK : <16 digits>` and whose
 * column C reads `Alamat : …, Nama Dusun : …, RT/RW : …/…`, followed by the members, numbered in column A, with
 * name (B), NIK (C), place (D) and date of birth (E), sex (F), SHDK (G), religion (H), education (I), occupation (J),
 * mother's (K) and father's name (L), every coded value a label. A row whose column A begins `Keterangan` ends the
 * data of the sheet.
 */
import { findRegion } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { Problem } from '@adminduk/platform';
import { IMPORT_COLUMNS, type ImportColumn, type RecordRead, type RowProblem } from './import-row.mapper';
import { normalizeLabel, OPENSID_EDUCATION, OPENSID_MARITAL, OPENSID_OCCUPATION, OPENSID_RELIGION, OPENSID_SEX, OPENSID_SHDK } from './opensid-codes';
import { cleanIdentifier, openSidAddress, openSidDay, plain, type ImportVillage } from './opensid-row.mapper';
import type { RawRecord } from './register-file';

/** Column A of the first row of a BIP 2016 export. */
export const BIP_TITLE = 'BUKU INDUK PENDUDUK WNI';

/**
 * The spreadsheets SIAK (and OpenSID's importer) know as BIP, by their first row. Only the 2016 layout is read; the
 * others are told apart so that the refusal can say what the file is.
 */
export type BipVariant = 'BIP_2016' | 'BIP_2012' | 'BIP_LUWU_TIMUR' | 'BIP_EKTP' | 'SIAK_REGISTER';

/** Why a BIP variant other than 2016 is refused (the columns differ, and each would need its own reader). */
export const BIP_UNSUPPORTED: Readonly<Record<Exclude<BipVariant, 'BIP_2016'>, string>> = {
  BIP_2012:
    "the file is SIAK's Buku Induk Penduduk in its 2012 layout (title 'BUKU INDUK KEPENDUDUKAN …' in B1, a NO.KK / NAMA.KK / ALAMAT title over every card, columns NIK, NAMA, JK, …, NO.AKTE LAHIR), which this import does not read: export the 2016 layout (BUKU INDUK PENDUDUK WNI) or OpenSID's format impor penduduk",
  BIP_LUWU_TIMUR:
    "the file is a regency's own BIP layout ('BUKU INDUK KEPENDUDUKAN … (DAFTAR KELUARGA)', one card per sheet), which this import does not read: export SIAK's 2016 layout (BUKU INDUK PENDUDUK WNI) or OpenSID's format impor penduduk",
  BIP_EKTP:
    "the file is SIAK's BIP with e-KTP columns (Stat Kwn, Gol. Drh, …, Wjb KTP, KTP-eL, Status, Stat Rkm), which this import does not read: export the 2016 layout (BUKU INDUK PENDUDUK WNI) or OpenSID's format impor penduduk",
  SIAK_REGISTER:
    "the file is SIAK's flat resident list (Nomor KK, NIK, Nama Penduduk, …, Petugas Registrasi), which this import does not read: export the 2016 BIP layout (BUKU INDUK PENDUDUK WNI), OpenSID's format impor penduduk, or the register's own columns",
};

/** A cell as compared: no-break spaces as spaces, spaces collapsed, trimmed, upper case. */
function squeeze(text: string | undefined): string {
  return (text ?? '').replace(/[\u00A0\uFEFF]/g, ' ').replace(/\s+/g, ' ').trim().toUpperCase();
}

const KK_ROW = /^NO\.?\s*KK\b\s*:?\s*(.*)$/;
const END_ROW = /^KETERANGAN\b/;
const MEMBER_NUMBER = /^\d{1,7}$/;
const SIXTEEN = /\d{16}/;
const TITLE_LABEL = /^(PROVINSI|KABUPATEN\/KOTA|KABUPATEN|KOTA|KECAMATAN|DESA\/KELURAHAN|DESA|KELURAHAN|PERIODE\/TANGGAL|PERIODE|TANGGAL)\s*(?::\s*(.*))?$/;

/** Which BIP a sheet's first row says the file is; undefined: none (another layout, or not a BIP at all). */
export function bipVariant(cells: readonly string[]): BipVariant | undefined {
  const at = (i: number): string => squeeze(cells[i]);
  if (at(0) === BIP_TITLE) return 'BIP_2016';
  if (at(1).startsWith('BUKU INDUK KEPENDUDUKAN')) return at(1).includes('DAFTAR KELUARGA') ? 'BIP_LUWU_TIMUR' : 'BIP_2012';
  if (at(15).includes('WJB KTP') && at(16).includes('KTP-EL')) return 'BIP_EKTP';
  if (at(0) === 'NOMOR KK' && at(33) === 'PETUGAS REGISTRASI') return 'SIAK_REGISTER';
  // A 2016 export whose title rows were deleted: it starts with the column titles or with a family block.
  if (isBipHeaderRow(cells) && mapBipHeader(cells, true).ok) return 'BIP_2016';
  if (KK_ROW.test(at(0)) && cells.some((c) => /ALAMAT\s*:/i.test(c))) return 'BIP_2016';
  return undefined;
}

/** Where the 2016 layout's columns are (0 = column A), and the optional columns an operator may add after L. */
export interface BipColumns {
  readonly name: number;
  readonly nik: number;
  readonly birthPlace: number;
  readonly birthDate: number;
  readonly sex: number;
  readonly shdk: number;
  readonly religion: number;
  readonly education: number;
  readonly occupation: number;
  readonly mother: number;
  readonly father: number;
  /** `Status Kawin`: the 2016 layout has none (see readBipMember). */
  readonly marital?: number;
  /** `Akta Perkawinan`: the marriage deed or book number, the evidence of a registered marriage. */
  readonly marriageDeed?: number;
  /** `Akta Perceraian`: the divorce deed number, the evidence of a registered divorce. */
  readonly divorceDeed?: number;
}

export const BIP_2016_COLUMNS: BipColumns = { name: 1, nik: 2, birthPlace: 3, birthDate: 4, sex: 5, shdk: 6, religion: 7, education: 8, occupation: 9, mother: 10, father: 11 };

/** The titles of columns A–L (an empty title where SIAK merges two cells over one title). */
const BIP_TITLES: readonly (readonly [RegExp, string])[] = [
  [/^NO\.?$/, 'No'],
  [/^NAMA( LENGKAP)?$/, 'Nama Lengkap'],
  [/^NIK$/, 'NIK'],
  [/^TEMPAT\b/, 'Tempat dan Tanggal Lahir'],
  [/^(|TGL\b.*|TANGGAL\b.*)$/, 'Tanggal Lahir (or empty: merged with D)'],
  [/^(JK|JENIS KELAMIN)$/, 'JK'],
  [/^(SHDK|HUBUNGAN\b.*|HUB\. ?KEL.*)$/, 'SHDK'],
  [/^AGAMA$/, 'Agama'],
  [/^PENDIDIKAN\b/, 'Pendidikan'],
  [/^PEKERJAAN$/, 'Pekerjaan'],
  [/^(NAMA ORANG ?TUA\b.*|NAMA IBU|IBU)$/, 'Nama Orang Tua Kandung (Ibu)'],
  [/^(|NAMA ORANG ?TUA\b.*|NAMA AYAH|AYAH)$/, 'Nama Orang Tua Kandung (Ayah)'],
];

/** Columns an operator may add after L (the 2016 layout has no marital status; see README.md). */
const BIP_OPTIONAL: readonly (readonly [RegExp, 'marital' | 'marriageDeed' | 'divorceDeed'])[] = [
  [/^(STATUS KAWIN|STATUS PERKAWINAN|STAT\.? KWN|STATUS KWN)$/, 'marital'],
  [/^(NO\.? )?AKTA (PER)?KAWIN(AN)?$/, 'marriageDeed'],
  [/^(NO\.? )?AKTA (PER)?CERAI(AN)?$/, 'divorceDeed'],
];

/** Whether a row is the column titles: `No` in A and a cell `NIK`. */
export function isBipHeaderRow(cells: readonly string[]): boolean {
  return /^NO\.?$/.test(squeeze(cells[0])) && cells.some((c) => squeeze(c) === 'NIK');
}

export type BipHeader = { readonly ok: true; readonly columns: BipColumns } | { readonly ok: false; readonly problems: readonly string[] };

/** The columns of a sheet from its column titles: A–L as the 2016 layout has them, then the optional ones. */
export function mapBipHeader(cells: readonly string[], allowExtraColumns: boolean): BipHeader {
  const problems: string[] = [];
  BIP_TITLES.forEach(([pattern, title], i) => {
    const written = squeeze(cells[i]);
    if (!pattern.test(written)) problems.push(`column ${columnLetter(i)} is ${written === '' ? 'empty' : JSON.stringify(written.slice(0, 40))}, the 2016 layout has ${title} there`);
  });
  const optional: { marital?: number; marriageDeed?: number; divorceDeed?: number } = {};
  for (let i = BIP_TITLES.length; i < cells.length; i++) {
    const written = squeeze(cells[i]);
    if (written === '') continue;
    const known = BIP_OPTIONAL.find(([pattern]) => pattern.test(written));
    if (known) {
      if (optional[known[1]] !== undefined) problems.push(`column ${columnLetter(i)} repeats ${written}`);
      optional[known[1]] = i;
    } else if (!allowExtraColumns) problems.push(`column ${columnLetter(i)} ${JSON.stringify(written.slice(0, 40))} is not one of the layout's (the columns that may follow L are Status Kawin, Akta Perkawinan, Akta Perceraian; --allow-extra-columns ignores others)`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns: { ...BIP_2016_COLUMNS, ...optional } };
}

function columnLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(64 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
}

/**
 * The fields of a title row (`KECAMATAN : X`, `DESA/KELURAHAN : Y`, label and value in one cell or in cells of their
 * own with `:` between), upper case; undefined when the row is not a title row.
 */
export function bipTitleFields(cells: readonly string[]): Map<string, string> | undefined {
  if (!TITLE_LABEL.test(squeeze(cells[0]))) return undefined;
  const fields = new Map<string, string>();
  for (let i = 0; i < cells.length; i++) {
    const m = TITLE_LABEL.exec(squeeze(cells[i]));
    if (!m) continue;
    let value = (m[2] ?? '').trim();
    for (let j = i + 1; value === '' && j < cells.length; j++) {
      const next = squeeze(cells[j]);
      if (TITLE_LABEL.test(next)) break;
      if (next !== '' && next !== ':') value = next.replace(/^:\s*/, '');
    }
    fields.set(m[1] as string, value);
  }
  return fields;
}

/** Whether a row is the sub-titles under the column titles (`Tempat Lahir`, `Tgl/Bln/Th`, `Terakhir`, `Ibu`, `Ayah`). */
function isSubtitleRow(cells: readonly string[]): boolean {
  return cells.some((c) => /^(TEMPAT LAHIR|TGL\/BLN\/TH)$/.test(squeeze(c))) && !cells.some((c) => SIXTEEN.test(c));
}

/** Whether a row numbers the columns: (1), (2), … or 1, 2, … (a spreadsheet may read `(1)` as −1). */
function isColumnNumberRow(cells: readonly string[]): boolean {
  let numbered = 0;
  for (let i = 0; i < cells.length; i++) {
    const text = squeeze(cells[i]);
    if (text === '') continue;
    if (text !== String(i + 1) && text !== `(${i + 1})` && text !== `-${i + 1}`) return false;
    numbered++;
  }
  return numbered >= 3;
}

/** A family block's row: its No. KK and the address of the card, composed as for OpenSID. */
export interface BipBlock {
  readonly kkNumber: string;
  readonly address: string;
}

/** `No. KK : 5316…` (invisible characters removed) and `Alamat : …, Nama Dusun : …, RT/RW : …/…`. */
export function readBipBlock(cells: readonly string[]): BipBlock {
  const m = KK_ROW.exec(squeeze(cells[0]));
  let kkNumber = cleanIdentifier(plain(m?.[1] ?? ''));
  // SIAK writes the number after the label; a file edited by hand may have it in the next cell.
  if (kkNumber === '') kkNumber = cleanIdentifier(plain(cells.slice(1).find((c) => plain(c) !== '' && !/ALAMAT\s*:/i.test(c)) ?? ''));
  const addressCell = cells.find((c) => /ALAMAT\s*:/i.test(c)) ?? '';
  const parts = new Map<string, string>();
  const label = /(ALAMAT|NAMA DUSUN|DUSUN|RT\s*\/\s*RW)\s*:/gi;
  const found = [...addressCell.matchAll(label)];
  found.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = i + 1 < found.length ? (found[i + 1]?.index ?? addressCell.length) : addressCell.length;
    const key = squeeze(match[1]).replace(/\s/g, '');
    parts.set(key === 'NAMADUSUN' ? 'DUSUN' : key, addressCell.slice(start, end).replace(/[\s,]+$/, ''));
  });
  const [rt = '', rw = ''] = (parts.get('RT/RW') ?? '').split('/');
  const address = openSidAddress(plain(parts.get('ALAMAT')), plain(parts.get('DUSUN')), plain(rt), plain(rw));
  return { kkNumber, address };
}

const COLUMN_INDEX = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c, i])) as Record<ImportColumn, number>;
const DIGITS = /^\d{1,3}$/;

/**
 * A member row as the register import's row: values in IMPORT_COLUMNS order, the problems only this layout can have
 * (a label outside SIAK's list, a marital status the row cannot decide), the columns those leave empty. The No. KK
 * and the address are the block's; the kecamatan and village are `village`'s (BIP rows carry no region codes).
 */
export function readBipMember(cells: readonly string[], columns: BipColumns, block: BipBlock, village: ImportVillage): RecordRead {
  const cell = (i: number | undefined): string => (i === undefined ? '' : plain(cells[i]));
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
  /** A coded column: '' when empty, the value when listed (a number or a label), undefined when not. */
  const coded = <T>(i: number | undefined, list: ReadonlyMap<string, T>): T | '' | undefined => {
    const text = cell(i);
    if (text === '') return '';
    return list.get(DIGITS.test(text) ? String(Number(text)) : normalizeLabel(text));
  };

  const nik = cleanIdentifier(cell(columns.nik));
  set('nik', nik);
  set('kk_number', block.kkNumber);

  const shdk = coded(columns.shdk, OPENSID_SHDK);
  if (shdk === undefined) refuse('shdk', { code: 'SHDK_INVALID', message: 'SHDK (column G) must be one of SIAK\'s relationships (KEPALA KELUARGA, SUAMI, ISTRI, ANAK, MENANTU, CUCU, ORANG TUA, MERTUA, FAMILI LAIN, PEMBANTU, LAINNYA) or its number 1–11' });
  else set('shdk', String(shdk));

  set('full_name', cell(columns.name));
  set('birth_place', cell(columns.birthPlace));
  set('birth_date', openSidDay(cell(columns.birthDate)));

  const sex = coded(columns.sex, OPENSID_SEX);
  if (sex === undefined) refuse('sex', { code: 'SEX_INVALID', message: 'JK (column F) must be Lk or Pr (also L, P, Laki-laki, Perempuan, 1, 2)' });
  else set('sex', sex);

  const religion = coded(columns.religion, OPENSID_RELIGION);
  if (religion === undefined) refuse('religion', { code: 'RELIGION_INVALID', message: 'Agama (column H) must be one of SIAK\'s religions (ISLAM, KRISTEN, KATHOLIK, HINDU, BUDHA, KHONGHUCU, KEPERCAYAAN TERHADAP TUHAN YME) or its number 1–7' });
  else set('religion', religion);

  const education = coded(columns.education, OPENSID_EDUCATION);
  if (education === undefined) refuse('education', { code: 'EDUCATION_INVALID', message: 'Pendidikan (column I), when given, must be one of SIAK\'s levels (TIDAK/BELUM SEKOLAH … STRATA III) or its number 1–10' });
  else set('education', String(education));

  const occupation = coded(columns.occupation, OPENSID_OCCUPATION);
  if (occupation === undefined) refuse('occupation', { code: 'OCCUPATION_INVALID', message: 'Pekerjaan (column J), when given, must be one of SIAK\'s 89 occupations (BELUM/TIDAK BEKERJA, PETANI/PEKEBUN, …, WIRASWASTA) or its number' });
  else set('occupation', occupation);

  // The 2016 layout prints no marital status: without a Status Kawin column there is nothing to decide it from.
  if (columns.marital === undefined) {
    refuse('marital_status', {
      code: 'MARITAL_STATUS_AMBIGUOUS',
      message: 'the BIP 2016 layout has no marital status, which the register keeps as on the KK (Belum Kawin, Kawin Tercatat, …): add a column Status Kawin after Nama Orang Tua (Ayah) and write each member\'s status as the KK prints it',
    });
  } else {
    const marital = coded(columns.marital, OPENSID_MARITAL);
    if (marital === undefined) refuse('marital_status', { code: 'MARITAL_STATUS_INVALID', message: 'Status Kawin must be BELUM KAWIN, KAWIN TERCATAT, KAWIN BELUM TERCATAT, CERAI HIDUP TERCATAT, CERAI HIDUP BELUM TERCATAT, CERAI MATI (or BK, K, CH, CM, 1–4)' });
    else if (marital === 'KAWIN') {
      if (cell(columns.marriageDeed) !== '') set('marital_status', 'KAWIN_TERCATAT');
      else refuse('marital_status', { code: 'MARITAL_STATUS_AMBIGUOUS', message: 'Status Kawin is KAWIN without an Akta Perkawinan: whether the marriage is registered (Kawin Tercatat) or not cannot be told; write KAWIN TERCATAT or KAWIN BELUM TERCATAT, or give the marriage deed or book number' });
    } else if (marital === 'CERAI_HIDUP') {
      if (cell(columns.divorceDeed) !== '') set('marital_status', 'CERAI_HIDUP_TERCATAT');
      else refuse('marital_status', { code: 'MARITAL_STATUS_AMBIGUOUS', message: 'Status Kawin is CERAI HIDUP without an Akta Perceraian: whether the divorce is registered or not cannot be told; write CERAI HIDUP TERCATAT or CERAI HIDUP BELUM TERCATAT, or give the divorce deed number' });
    } else set('marital_status', marital);
  }

  set('mother_name', cell(columns.mother));
  set('father_name', cell(columns.father));
  set('district_code', village.districtCode);
  set('village_code', village.villageCode);
  set('address', block.address);
  return { values, nik, kkNumber: block.kkNumber, problems, unmapped };
}

/** Whether a name written in a title row is the region's name: case, spaces, punctuation and `DESA` / `KEC.` aside. */
export function sameRegionName(written: string, name: string): boolean {
  const norm = (t: string): string =>
    squeeze(t)
      .replace(/^(DESA|KELURAHAN|KEL\.?|KECAMATAN|KEC\.?)\s+/, '')
      .replace(/[^A-Z0-9]/g, '');
  return norm(written) !== '' && norm(written) === norm(name);
}

/**
 * Reads a BIP workbook row by row, in file order (both passes of the import make a reader of their own). A row is
 * data (a resident, counted and checked) or not (titles, column titles, a family block's row, blank rows, notes, the
 * `Keterangan` row and all after it on its sheet). A row the layout cannot place — a member row outside a family
 * block, or a row of several cells that is none of the above — is data that cannot be read (ROW_MALFORMED): it may
 * have been a member, so the cards next to it are rejected rather than imported without it.
 */
export class BipReader {
  private sheetIndex = -1;
  private sheet = '';
  private columns: BipColumns = BIP_2016_COLUMNS;
  /** A title, the column titles or a family block has been seen on this sheet: what follows is the BIP. */
  private started = false;
  private ended = false;
  private block: BipBlock | undefined;
  private last: { line: number; malformed?: string } = { line: -1 };
  private readonly villageName: string;
  private readonly districtName: string;

  constructor(
    private readonly village: ImportVillage,
    private readonly allowExtraColumns: boolean,
  ) {
    this.villageName = findVillage(village.villageCode)?.name ?? '';
    this.districtName = findRegion(village.districtCode)?.name ?? '';
  }

  /** Whether the record is a resident row; keeps the state (call it for every record, in order, before keys/read). */
  isData(record: RawRecord): boolean {
    const sheetIndex = record.sheetIndex ?? 0;
    if (sheetIndex !== this.sheetIndex) {
      this.sheetIndex = sheetIndex;
      this.sheet = record.sheet ?? '';
      this.started = false;
      this.ended = false;
      this.block = undefined;
    }
    const cells = record.cells;
    if (!cells) return this.data(record, record.malformed ?? 'the row cannot be read');
    if (this.ended || cells.every((c) => plain(c) === '')) return false;
    const first = squeeze(cells[0]);
    if (END_ROW.test(first)) {
      this.ended = true;
      return false;
    }
    if (first === BIP_TITLE) {
      this.started = true;
      return false;
    }
    const title = bipTitleFields(cells);
    if (title) {
      this.started = true;
      this.checkTitle(title, record);
      return false;
    }
    if (isBipHeaderRow(cells)) {
      const header = mapBipHeader(cells, this.allowExtraColumns);
      if (!header.ok) throw Problem.badRequest('IMPORT_HEADER_INVALID', `the column titles on row ${record.row ?? record.line}${this.where()} are not those of SIAK's BIP 2016: ${header.problems.join('; ')}`);
      this.columns = header.columns;
      this.started = true;
      return false;
    }
    if (isSubtitleRow(cells) || isColumnNumberRow(cells)) return false;
    if (KK_ROW.test(first)) {
      this.block = readBipBlock(cells);
      this.started = true;
      return false;
    }
    const numbered = MEMBER_NUMBER.test(plain(cells[0])) && Number(plain(cells[0])) > 0;
    const withNik = cells.some((c) => SIXTEEN.test(cleanIdentifier(c)));
    if (numbered && this.block) return this.data(record);
    if (numbered && (this.started || withNik)) return this.data(record, 'a member row before the first No. KK row of its sheet: which card it belongs to cannot be told');
    if (!this.started) {
      // Before the BIP begins on this sheet (a sheet of notes, say): only what looks like a resident counts.
      return withNik ? this.data(record, 'a row with a NIK before the first No. KK row of its sheet: which card it belongs to cannot be told') : false;
    }
    // A note of one cell (a total, a remark) is not a resident; anything more may have been one.
    if (!withNik && cells.filter((c) => plain(c) !== '').length <= 1) return false;
    return this.data(record, 'not a member row (numbered in column A), a No. KK row, a title row or the Keterangan row: it may have been a member, so the cards next to it are left out');
  }

  /** The NIK and No. KK of the row isData just took ('' when not known). */
  keys(record: RawRecord): { nik: string; kkNumber: string } {
    if (this.last.line !== record.line || this.last.malformed !== undefined || !this.block || !record.cells) return { nik: '', kkNumber: '' };
    return { nik: cleanIdentifier(plain(record.cells[this.columns.nik])), kkNumber: this.block.kkNumber };
  }

  /** The row isData just took, as the register's row. */
  read(record: RawRecord): RecordRead {
    if (this.last.line !== record.line || !record.cells || !this.block) return { malformed: this.last.malformed ?? 'the row cannot be read', nik: '', kkNumber: '' };
    if (this.last.malformed !== undefined) return { malformed: this.last.malformed, nik: '', kkNumber: '' };
    return readBipMember(record.cells, this.columns, this.block, this.village);
  }

  private data(record: RawRecord, malformed?: string): true {
    this.last = { line: record.line, ...(malformed !== undefined ? { malformed } : {}) };
    return true;
  }

  private where(): string {
    return this.sheet === '' ? '' : ` of sheet ${this.sheet}`;
  }

  /** The desa and kecamatan a sheet's title names must be --village's (when the title names them). */
  private checkTitle(fields: ReadonlyMap<string, string>, record: RawRecord): void {
    const desa = fields.get('DESA/KELURAHAN') ?? fields.get('DESA') ?? fields.get('KELURAHAN');
    const row = record.row ?? record.line;
    if (desa && this.villageName !== '' && !sameRegionName(desa, this.villageName)) {
      throw Problem.badRequest(
        'IMPORT_VILLAGE_MISMATCH',
        `the title on row ${row}${this.where()} names the desa / kelurahan ${desa}, but --village ${this.village.villageCode} is ${this.villageName.toUpperCase()}: give the code of the village the file is of`,
      );
    }
    const kecamatan = fields.get('KECAMATAN');
    if (kecamatan && this.districtName !== '' && !sameRegionName(kecamatan, this.districtName)) {
      throw Problem.badRequest(
        'IMPORT_VILLAGE_MISMATCH',
        `the title on row ${row}${this.where()} names the kecamatan ${kecamatan}, but the kecamatan of --village ${this.village.villageCode} is ${this.districtName.toUpperCase()}: give the code of the village the file is of`,
      );
    }
  }
}
