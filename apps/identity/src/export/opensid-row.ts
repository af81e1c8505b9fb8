/**
 * A resident of the register as a row of OpenSID's "format impor penduduk" (the 37 columns of OPENSID_COLUMNS, in
 * OpenSID's order). Pure functions, no I/O. What is written, and why, is in README.md of this folder; in short:
 * codes as OpenSID's numbers, dates dd-mm-yyyy, `-` for an unknown text or code, an empty cell for an unknown date
 * (OpenSID's importer turns `-` in a date column into 1970-01-01), and never a number the register does not hold.
 */
import { BLOOD_TYPES, EDUCATION_LEVELS, MARITAL_STATUSES, RELIGIONS, type EktpStatus, type MaritalStatus } from '@adminduk/domain';
import { OPENSID_OCCUPATIONS } from '../import/opensid-codes';
import { OPENSID_COLUMNS, openSidAddress, REGISTER_MARITAL_COLUMN, type OpenSidColumn } from '../import/opensid-row.mapper';

/**
 * How the marital status is written (README.md, "Marital status"): status_kawin as OpenSID's number (1 BELUM KAWIN,
 * 2 KAWIN, 3 CERAI HIDUP, 4 CERAI MATI), which every OpenSID loads; and after OpenSID's 37 columns one more,
 * REGISTER_MARITAL_COLUMN, with the KK's status in full (KAWIN TERCATAT, KAWIN BELUM TERCATAT, …), which OpenSID's
 * importer never reads (it takes its columns by position) and this register's import does. No deed number is
 * invented: OpenSID shows a KAWIN without one as KAWIN BELUM TERCATAT until the village types the number in.
 */
/** What the export reads of one resident on a card. */
export interface ExportResident {
  readonly nik: string;
  readonly kkNumber: string;
  readonly relationship: number;
  readonly fullName: string;
  readonly birthPlace: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  readonly religion: string;
  readonly maritalStatus: MaritalStatus;
  readonly education?: number | null;
  readonly bloodType?: number | null;
  readonly occupation?: string | null;
  readonly motherName: string;
  readonly fatherName?: string | null;
  readonly address: string;
  /** The e-KTP's state today (folded from its log); undefined when the log does not fold. */
  readonly ektp?: EktpStatus;
}

export type OpenSidCell = string | number;

/** OpenSID's status_rekam (StatusKTPEnum) for each e-KTP state; 6 CARD SHIPPED has no state of ours. */
export const EKTP_STATUS_REKAM: Readonly<Record<EktpStatus, number>> = {
  NOT_YET_COMPULSORY: 1,
  NOT_RECORDED: 2,
  RECORDED: 3,
  PRINTED: 4,
  PRINT_READY: 5,
  SENT_FOR_PRINTING: 7,
  ISSUED: 8,
};

const MARITAL_NUMBER: Readonly<Record<MaritalStatus, number>> = {
  BELUM_KAWIN: 1,
  KAWIN_TERCATAT: 2,
  KAWIN_BELUM_TERCATAT: 2,
  CERAI_HIDUP_TERCATAT: 3,
  CERAI_HIDUP_BELUM_TERCATAT: 3,
  CERAI_MATI: 4,
};

/** status_kawin: OpenSID's number. */
export function statusKawin(status: MaritalStatus): number {
  return MARITAL_NUMBER[status];
}

/** REGISTER_MARITAL_COLUMN: the KK's status in full, as the KK prints it. */
export function statusKawinKk(status: MaritalStatus): string {
  return (MARITAL_STATUSES.find((m) => m.code === status)?.label ?? status).toUpperCase();
}

/** The header of an exported sheet: OpenSID's 37 columns, then the register's own. */
export const EXPORT_COLUMNS: readonly string[] = [...OPENSID_COLUMNS, REGISTER_MARITAL_COLUMN];

/** Where OpenSID's unknown goes: `-` in a text or code column, an empty cell in a date column. */
const UNKNOWN = '-';
const DATE_COLUMNS: ReadonlySet<OpenSidColumn> = new Set(['tanggallahir', 'tanggal_akhir_paspor', 'tanggalperkawinan', 'tanggalperceraian']);

/** dd-mm-yyyy (OpenSID's own date format) of YYYY-MM-DD. */
export function openSidDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : iso;
}

export interface AddressParts {
  readonly alamat: string;
  readonly dusun: string;
  readonly rt: string;
  readonly rw: string;
}

const RT_RW = /^(?:(.*), )?RT ([^,/]*)\/RW ([^,/]*)$/;
const DUSUN_TAIL = /^(?:(.*), )?((?:dusun)\b[^,]*)$/i;

/**
 * The address split back into OpenSID's alamat, dusun, rt and rw, where it has the shape the OpenSID import composes
 * (`<alamat>, Dusun <dusun>, RT <rt>/RW <rw>`, openSidAddress) and composing the parts gives the very same text;
 * otherwise the whole address in alamat and `-` in dusun, rt and rw (OpenSID needs the three filled: a row with them
 * empty is skipped, and one with any empty is refused; `-` is its own "none" and the register's import reads it as
 * empty, so the address comes back unchanged).
 */
export function splitAddress(address: string): AddressParts {
  const whole: AddressParts = { alamat: address, dusun: UNKNOWN, rt: UNKNOWN, rw: UNKNOWN };
  const tail = RT_RW.exec(address);
  if (!tail) return whole;
  const rest = tail[1] ?? '';
  const dusun = DUSUN_TAIL.exec(rest);
  const parts: AddressParts = {
    alamat: dusun ? (dusun[1] ?? '') : rest,
    dusun: dusun ? (dusun[2] as string) : '',
    rt: tail[2] as string,
    rw: tail[3] as string,
  };
  // What the import reads of each cell: trimmed, `-` empty, `_` in dusun a space.
  const read = (text: string) => {
    const t = text.trim();
    return t === '-' ? '' : t;
  };
  const recomposed = openSidAddress(read(parts.alamat), read(parts.dusun).replace(/_/g, ' '), read(parts.rt), read(parts.rw));
  if (recomposed !== address) return whole;
  return { alamat: parts.alamat || UNKNOWN, dusun: parts.dusun || UNKNOWN, rt: parts.rt || UNKNOWN, rw: parts.rw || UNKNOWN };
}

/** pekerjaan_id: OpenSID's number when the text is exactly its label, else the text (OpenSID matches labels case-blind). */
export function pekerjaan(occupation: string | null | undefined): OpenSidCell {
  if (!occupation) return UNKNOWN;
  const index = OPENSID_OCCUPATIONS.indexOf(occupation);
  return index >= 0 ? index + 1 : occupation;
}

const religionNumber = new Map(RELIGIONS.map((r) => [r.code as string, r.siakCode]));
const educationCodes = new Set<number>(EDUCATION_LEVELS.map((e) => e.code));
const bloodCodes = new Set<number>(BLOOD_TYPES.map((b) => b.code));

/** The cells of a resident, in EXPORT_COLUMNS order (OpenSID's 37, then the KK's marital status). */
export function openSidRow(r: ExportResident): OpenSidCell[] {
  const address = splitAddress(r.address);
  const values: Partial<Record<OpenSidColumn, OpenSidCell>> = {
    alamat: address.alamat,
    dusun: address.dusun,
    rw: address.rw,
    rt: address.rt,
    nama: r.fullName,
    no_kk: r.kkNumber,
    nik: r.nik,
    sex: r.sex === 'M' ? 1 : 2,
    tempatlahir: r.birthPlace,
    tanggallahir: openSidDate(r.birthDate),
    agama_id: religionNumber.get(r.religion) ?? UNKNOWN,
    pendidikan_kk_id: r.education != null && educationCodes.has(r.education) ? r.education : UNKNOWN,
    pekerjaan_id: pekerjaan(r.occupation),
    status_kawin: statusKawin(r.maritalStatus),
    kk_level: r.relationship,
    nama_ayah: r.fatherName || UNKNOWN,
    nama_ibu: r.motherName,
    golongan_darah_id: r.bloodType != null && bloodCodes.has(r.bloodType) ? r.bloodType : UNKNOWN,
    status_rekam: r.ektp ? EKTP_STATUS_REKAM[r.ektp] : UNKNOWN,
    status_dasar: 1,
  };
  return [...OPENSID_COLUMNS.map((c) => values[c] ?? (DATE_COLUMNS.has(c) ? '' : UNKNOWN)), statusKawinKk(r.maritalStatus)];
}

/** A worksheet's name: `<village code> <village name>`, without the characters Excel refuses, at most 31 characters. */
export function sheetName(villageCode: string, villageName: string): string {
  return `${villageCode} ${villageName.replace(/[\\/?*[\]:]/g, ' ')}`.slice(0, 31).trim();
}
