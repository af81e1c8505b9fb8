/**
 * What the desk's register import (identity's POST /imports) takes, checked before a file is sent: a spreadsheet
 * (.xlsx) or a CSV, not empty, not larger than identity's default IMPORT_UPLOAD_MAX_BYTES; and which villages a
 * person may import for (their region scope), and whether they may send a file without a village (a file in the
 * register's own layout names villages anywhere in the regency: only a regency-wide scope).
 */
import { VILLAGES_REGENCY, villagesOf, type VillageChoice } from '../../region/villages';

/** identity's default upload limit for a register file (16 MiB); a larger limit set there is not known here. */
export const IMPORT_MAX_BYTES = 16 * 1024 * 1024;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type to send a register file as, from its name first (Excel on Windows calls a .csv "application/vnd.ms-excel"); undefined: refused. */
export function importType(file: { readonly name: string; readonly type: string }): string | undefined {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlsx') return XLSX_TYPE;
  if (ext === 'csv') return 'text/csv';
  if (file.type === XLSX_TYPE) return XLSX_TYPE;
  if (file.type === 'text/csv') return 'text/csv';
  return undefined;
}

/** Whether identity would take the file, with its code when not: UNSUPPORTED_MEDIA_TYPE, IMPORT_FILE_EMPTY, BODY_TOO_LARGE. */
export function importFileProblem(file: { readonly name: string; readonly type: string; readonly size: number }): string | undefined {
  if (!importType(file)) return 'UNSUPPORTED_MEDIA_TYPE';
  if (file.size === 0) return 'IMPORT_FILE_EMPTY';
  if (file.size > IMPORT_MAX_BYTES) return 'BODY_TOO_LARGE';
  return undefined;
}

/** The kecamatan codes of the regency (6 digits), in order. */
const DISTRICTS = ['531601', '531602', '531603', '531604', '531605', '531606', '531607'];

/** Whether a region scope covers a code (a prefix of it, or `*`), as the services decide. */
function covers(regions: readonly string[], code: string): boolean {
  return regions.some((r) => r === '*' || code.startsWith(r));
}

/** The villages a person may import for, by kecamatan (only kecamatan with at least one). */
export function importVillages(regions: readonly string[]): { readonly districtCode: string; readonly villages: readonly VillageChoice[] }[] {
  return DISTRICTS.map((districtCode) => ({ districtCode, villages: villagesOf(districtCode).filter((v) => covers(regions, v.code)) })).filter((d) => d.villages.length > 0);
}

/** Whether a person may send a file without a village (the register's own layout): a scope covering the whole regency. */
export function mayImportWithoutVillage(regions: readonly string[]): boolean {
  return covers(regions, VILLAGES_REGENCY);
}

/** How many current villages a kecamatan of the regency has (a whole kecamatan is offered when a scope covers them all). */
export function villagesIn(districtCode: string): number {
  return villagesOf(districtCode).length;
}
