/**
 * The pure part of the `adminduk-nik` command: argument parsing and output formatting. The I/O (argv,
 * standard input, the clock for the default asOf) is in src/bin/adminduk-nik.ts.
 */
import { parseIsoDate } from '../calendar.js';
import { formatNik, parseNik, type NikResult } from '../identifiers/nik.js';
import { findRegion } from '../regions/regions.js';

export type OutputFormat = 'text' | 'csv' | 'json';

export interface CliOptions {
  readonly asOf: string;
  /** undefined: text for NIKs given as arguments, csv for standard input. */
  readonly format?: OutputFormat;
  readonly niks: readonly string[];
  readonly help: boolean;
}

export const USAGE = `Usage: adminduk-nik [options] [NIK ...]

Checks Indonesian NIKs (Nomor Induk Kependudukan) and prints what they encode.
With no NIK arguments, reads NIKs from standard input, one per line.

Options:
  --as-of YYYY-MM-DD   reference date for the birth century (default: today, UTC)
  --format text|csv|json
                       output format (default: text for arguments, csv for standard input);
                       json writes one JSON object per line
  -h, --help           show this help

Exit status: 0 when every NIK is valid, 1 when any is invalid, 2 on a usage error.`;

export function parseCliArgs(argv: readonly string[], today: string): { ok: true; value: CliOptions } | { ok: false; error: string } {
  let asOf = today;
  let format: OutputFormat | undefined;
  let help = false;
  const niks: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--as-of' || arg.startsWith('--as-of=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined || parseIsoDate(value) === undefined) return { ok: false, error: `--as-of needs a date YYYY-MM-DD, got ${value ?? 'nothing'}` };
      asOf = value;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value !== 'text' && value !== 'csv' && value !== 'json') return { ok: false, error: `--format must be text, csv or json, got ${value ?? 'nothing'}` };
      format = value;
    } else if (arg.startsWith('-') && arg.length > 1) {
      return { ok: false, error: `unknown option ${arg}` };
    } else niks.push(arg);
  }
  return { ok: true, value: { asOf, format, niks, help } };
}

function regionLine(code: string): string {
  const region = findRegion(code);
  if (!region) return `${code} (not in our region data)`;
  return `${region.dottedCode} ${region.name}${region.historical ? ` (historical code, last seen ${region.editions?.last})` : ''}`;
}

/** Human-readable report of one NIK. */
export function formatText(input: string, result: NikResult): string {
  if (!result.ok) {
    return [`NIK         ${JSON.stringify(input)}`, 'valid       no', ...result.errors.map((e) => `error       ${e.code}: ${e.message}`)].join('\n');
  }
  const v = result.value;
  return [
    `NIK         ${v.nik} (${formatNik(v.nik)})`,
    'valid       yes',
    `province    ${regionLine(v.provinceCode)}`,
    `regency     ${regionLine(v.regencyCode)}`,
    `kecamatan   ${regionLine(v.districtCode)}`,
    `birth date  ${v.birthDate}`,
    `sex         ${v.sex === 'F' ? 'F (perempuan)' : 'M (laki-laki)'}`,
    `serial      ${v.serial}`,
    `historical  ${v.historical ? 'yes' : 'no'}`,
    ...result.warnings.map((w) => `warning     ${w.code}: ${w.message}`),
  ].join('\n');
}

export const CSV_HEADER = 'input,valid,province_code,regency_code,district_code,birth_date,sex,serial,historical,errors,warnings';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV row (see CSV_HEADER); errors and warnings as codes separated by ';'. */
export function formatCsv(input: string, result: NikResult): string {
  if (!result.ok) return [csvField(input), 'false', '', '', '', '', '', '', '', result.errors.map((e) => e.code).join(';'), ''].join(',');
  const v = result.value;
  return [
    csvField(input),
    'true',
    v.provinceCode,
    v.regencyCode,
    v.districtCode,
    v.birthDate,
    v.sex,
    v.serial,
    String(v.historical),
    '',
    result.warnings.map((w) => w.code).join(';'),
  ].join(',');
}

/** One JSON object (JSON Lines): the input and the result as parseNik returns it. */
export function formatJson(input: string, result: NikResult): string {
  return JSON.stringify({ input, ...result });
}

export function formatResult(format: OutputFormat, input: string, result: NikResult): string {
  return format === 'csv' ? formatCsv(input, result) : format === 'json' ? formatJson(input, result) : formatText(input, result);
}

/** Checks one line of input (a blank line is skipped: returns undefined). */
export function checkLine(line: string, asOf: string): { input: string; result: NikResult } | undefined {
  const input = line.replace(/\r$/, '');
  if (input.trim() === '') return undefined;
  return { input, result: parseNik(input, { asOf }) };
}
