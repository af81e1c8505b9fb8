/**
 * Reading a register file (an export of an existing population register, e.g. from SIAK), streamed:
 *
 * - CSV (RFC 4180): a header row naming the columns, fields separated by commas, a field quoted with `"` when it
 *   holds a comma, a quote (written `""`) or a line break; CRLF or LF line ends; a UTF-8 byte order mark is
 *   skipped. A record's line number is the physical line it starts on (the header is line 1), as an editor shows
 *   it, so that the operator finds a reported row in the file.
 * - NDJSON: one JSON object per line with the same field names; numbers are accepted where the CSV has digits.
 * - XLSX (a spreadsheet, e.g. OpenSID's "format impor penduduk" or SIAK's Buku Induk Penduduk): every worksheet not
 *   named `Kode Data`, in the workbook's order, read with exceljs's streaming reader; a record is a row. Its `row` is
 *   the sheet's row number and its `line` a number unique in the whole workbook that grows in reading order:
 *   `sheetIndex * SHEET_LINE_SPAN + row`, so the first sheet's lines are its row numbers (which layout reads which
 *   sheets is the import's decision, not the reader's).
 *
 * Blank lines are skipped. Records are read chunk by chunk (1 MiB) and handed over in groups: the reader only
 * reads on when the consumer asks for more (async iteration), so memory does not grow with the file and a slow
 * database slows the reading down (backpressure).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { XlsxFile } from './xlsx-reader';
import { Problem } from '@adminduk/platform';

export type RegisterFormat = 'CSV' | 'NDJSON' | 'XLSX';

export const REGISTER_FORMATS: readonly RegisterFormat[] = ['CSV', 'NDJSON', 'XLSX'];

/** A record as read: its line, and its fields by column name, or why it could not be read. */
export interface RawRecord {
  readonly line: number;
  /** For CSV: the cells in header order. For NDJSON: the parsed object. Undefined when malformed. */
  readonly cells?: readonly string[];
  readonly object?: Readonly<Record<string, unknown>>;
  /** Why the record could not be read (unterminated quote, characters after a closing quote, invalid JSON). */
  readonly malformed?: string;
  /** XLSX: the worksheet the row is on. */
  readonly sheet?: string;
  /** XLSX: the position of that worksheet among the sheets read (0 for the first; `Kode Data` is not counted). */
  readonly sheetIndex?: number;
  /** XLSX: the row number in its sheet, as the spreadsheet shows it (`line` is unique in the workbook). */
  readonly row?: number;
}

/**
 * The lines of a workbook: the n-th sheet read (from 0) holds lines n * SHEET_LINE_SPAN + its row numbers. A sheet
 * has at most 1,048,576 rows (2^20), so 2^21 leaves room; the lines grow in reading order (the job's checkpoint is
 * "the last line done") and fit the report's integer column for up to MAX_SHEETS sheets.
 */
export const SHEET_LINE_SPAN = 2 ** 21;
/** Worksheets read at most (lines stay below 2^31). */
export const MAX_SHEETS = 1000;

/** Where a line of a workbook is: the sheet's position among the sheets read and the row in it. */
export function sheetRowOf(line: number): { sheetIndex: number; row: number } {
  return { sheetIndex: Math.floor(line / SHEET_LINE_SPAN), row: line % SHEET_LINE_SPAN };
}

const CHUNK_BYTES = 1 << 20;

/** The format from the file name: .csv → CSV; .ndjson, .jsonl → NDJSON; .xlsx → XLSX; otherwise undefined. */
export function formatOfFile(file: string): RegisterFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'CSV';
  if (ext === '.xlsx') return 'XLSX';
  if (ext === '.ndjson' || ext === '.jsonl') return 'NDJSON';
  return undefined;
}

/** A streaming record parser: feed it text, it returns the complete records so far. */
export interface RecordParser {
  push(text: string, out: RawRecord[]): void;
  /** The end of the input: returns what is left (a last line without a line break). */
  end(out: RawRecord[]): void;
}

export function recordParser(format: Exclude<RegisterFormat, 'XLSX'>): RecordParser {
  return format === 'CSV' ? new CsvParser() : new NdjsonParser();
}

/**
 * RFC 4180 records. The fast path (a line without any quote, by far the most common) is a split on commas; a
 * line with a quote goes through the state machine, which may span chunks and lines.
 */
export class CsvParser implements RecordParser {
  private rest = '';
  /** The line number of the first character of `rest`. */
  private line = 1;
  private started = false;

  push(text: string, out: RawRecord[]): void {
    this.parse(text, false, out);
  }

  end(out: RawRecord[]): void {
    this.parse('', true, out);
  }

  private parse(text: string, final: boolean, out: RawRecord[]): void {
    let s = this.rest.length > 0 ? this.rest + text : text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const n = s.length;
    let pos = 0;
    let quote = s.indexOf('"');
    while (pos < n) {
      const nl = s.indexOf('\n', pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? n : nl;
      if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
      if (quote === -1 || quote >= end) {
        const cr = end > pos && s.charCodeAt(end - 1) === 13 ? end - 1 : end;
        const line = this.line;
        this.line++;
        if (cr > pos) out.push({ line, cells: s.slice(pos, cr).split(',') });
        pos = end + 1;
        continue;
      }
      const record = this.quoted(s, pos, final);
      if (record === undefined) break;
      out.push(record.record);
      this.line += record.lines;
      pos = record.next;
    }
    this.rest = pos < n ? s.slice(pos) : '';
  }

  /** One record from `pos` that holds a quote; undefined when it does not end within `s` and more may come. */
  private quoted(s: string, pos: number, final: boolean): { record: RawRecord; next: number; lines: number } | undefined {
    const n = s.length;
    const line = this.line;
    const cells: string[] = [];
    let p = pos;
    let lines = 0;
    let nl = s.indexOf('\n', p);
    for (;;) {
      let value: string;
      if (s.charCodeAt(p) === 34) {
        value = '';
        let q = p + 1;
        for (;;) {
          const close = s.indexOf('"', q);
          if (close === -1) {
            if (!final) return undefined;
            lines += countLines(s, q, n);
            return { record: { line, malformed: 'a quoted field is not closed before the end of the file' }, next: n, lines };
          }
          lines += countLines(s, q, close);
          value += s.slice(q, close);
          if (close + 1 >= n && !final) return undefined;
          if (s.charCodeAt(close + 1) === 34) {
            value += '"';
            q = close + 2;
            continue;
          }
          p = close + 1;
          break;
        }
        const c = p < n ? s.charCodeAt(p) : -1;
        if (c !== 44 && c !== 10 && c !== 13 && c !== -1) {
          // Characters between a closing quote and the next separator: skip the rest of the physical line.
          const nl = s.indexOf('\n', p);
          if (nl === -1 && !final) return undefined;
          const next = nl === -1 ? n : nl + 1;
          return { record: { line, malformed: 'characters follow a closing quote (a quote inside a field must be doubled)' }, next, lines: lines + 1 };
        }
      } else {
        // The field ends at the next comma or line break, whichever comes first.
        if (nl !== -1 && nl < p) nl = s.indexOf('\n', p);
        const comma = s.indexOf(',', p);
        const e = comma !== -1 && (nl === -1 || comma < nl) ? comma : nl === -1 ? n : nl;
        if (e >= n && !final) return undefined;
        value = s.slice(p, e > p && s.charCodeAt(e - 1) === 13 && (e >= n || s.charCodeAt(e) === 10) ? e - 1 : e);
        p = e;
      }
      cells.push(value);
      if (p >= n) return { record: { line, cells }, next: n, lines: lines + 1 };
      const c = s.charCodeAt(p);
      if (c === 44) {
        p++;
        continue;
      }
      if (c === 13) {
        if (p + 1 >= n && !final) return undefined;
        if (s.charCodeAt(p + 1) === 10) p++;
      }
      // c is a line break: the record ends here.
      return { record: { line, cells }, next: p + 1, lines: lines + 1 };
    }
  }
}

function countLines(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) count++;
  return count;
}

/** One JSON object per line. */
export class NdjsonParser implements RecordParser {
  private rest = '';
  private line = 1;
  private started = false;

  push(text: string, out: RawRecord[]): void {
    this.parse(text, false, out);
  }

  end(out: RawRecord[]): void {
    this.parse('', true, out);
  }

  private parse(text: string, final: boolean, out: RawRecord[]): void {
    let s = this.rest.length > 0 ? this.rest + text : text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let pos = 0;
    const n = s.length;
    while (pos < n) {
      const nl = s.indexOf('\n', pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? n : nl;
      const line = this.line++;
      const text = s.slice(pos, end).trim();
      pos = end + 1;
      if (text === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        out.push({ line, malformed: 'the line is not valid JSON' });
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) out.push({ line, malformed: 'the line is not a JSON object' });
      else out.push({ line, object: parsed as Record<string, unknown> });
    }
    this.rest = pos < n ? s.slice(pos) : '';
  }
}

/**
 * The format from the file's first bytes: an Excel 97–2003 workbook (an OLE2 compound file: SIAK's .xls exports) is
 * refused here with what to do (exceljs reads .xlsx only); a ZIP (`PK\x03\x04`) holding an xlsx workbook (an `xl/` entry among the
 * first entries, as every xlsx writer puts `xl/workbook.xml` and the sheets there) is XLSX; a ZIP without one is
 * `'ZIP'` (an .ods, a .docx, a zipped CSV: not a register file); anything else undefined (text: tell by the name).
 */
export async function sniffFormat(file: string): Promise<'XLSX' | 'ZIP' | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    if (bytesRead >= 8 && head.readUInt32LE(0) === 0xe011cfd0 && head.readUInt32LE(4) === 0xe11ab1a1) {
      throw Problem.badRequest('IMPORT_FORMAT_UNKNOWN', 'the file is an Excel 97–2003 workbook (.xls), which the import does not read: open it in a spreadsheet program and save it as an Excel workbook (.xlsx)');
    }
    if (bytesRead < 4 || head.readUInt32LE(0) !== 0x04034b50) return undefined;
    return head.subarray(0, bytesRead).includes('xl/') ? 'XLSX' : 'ZIP';
  } finally {
    await handle.close();
  }
}

const SNIFF_BYTES = 64 * 1024;

/** Worksheets never read: OpenSID's `Kode Data` (code lists). */
export const XLSX_SKIPPED_SHEETS: ReadonlySet<string> = new Set(['kode data']);

/**
 * The rows of an xlsx workbook's sheets (all but `Kode Data`, in the workbook's order), streamed by xlsx-reader.ts (a
 * sheet's part inflated and parsed as it is read). Rows without any value are skipped; a row's cells are its values
 * from column A to its last value. More than MAX_SHEETS sheets are refused. A file that is no readable workbook is
 * IMPORT_FORMAT_UNKNOWN.
 */
async function* readXlsxRecords(file: string): AsyncGenerator<RawRecord[]> {
  let workbook: XlsxFile;
  try {
    workbook = await XlsxFile.open(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw error;
    throw Problem.badRequest('IMPORT_FORMAT_UNKNOWN', `the file cannot be read as an xlsx workbook (${(error as Error).message}): save it again as an Excel workbook (.xlsx)`);
  }
  let sheetIndex = -1;
  for (const sheet of workbook.sheets) {
    if (XLSX_SKIPPED_SHEETS.has(sheet.name.trim().toLowerCase())) continue;
    sheetIndex++;
    if (sheetIndex >= MAX_SHEETS) throw Problem.badRequest('IMPORT_FORMAT_UNKNOWN', `the workbook has more than ${MAX_SHEETS} worksheets; split it`);
    const base = sheetIndex * SHEET_LINE_SPAN;
    for await (const rows of workbook.rows(sheet)) {
      yield rows.map((row) => ({ line: base + row.number, cells: row.cells, sheet: sheet.name, sheetIndex, row: row.number }));
    }
  }
}

/**
 * The records of a file, in groups (one group per chunk read). Reading pauses while the consumer works on a
 * group. `onBytes` sees every chunk as read (for hashing).
 */
export async function* readRecords(file: string, format: RegisterFormat, onBytes?: (chunk: Buffer) => void): AsyncGenerator<RawRecord[]> {
  if (format === 'XLSX') {
    // A workbook's parts are read out of order: the import hashes it by a read of its own (hashFile).
    yield* readXlsxRecords(file);
    return;
  }
  const parser = recordParser(format);
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes?.(chunk);
      const out: RawRecord[] = [];
      parser.push(decoder.write(chunk), out);
      if (out.length > 0) yield out;
    }
    const out: RawRecord[] = [];
    const tail = decoder.end();
    if (tail) parser.push(tail, out);
    parser.end(out);
    if (out.length > 0) yield out;
  } finally {
    stream.destroy();
  }
}

/** SHA-256 of a file, hex, and its size: the identity of an import (a re-run of the same bytes resumes). */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
