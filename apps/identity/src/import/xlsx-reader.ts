/**
 * A streaming reader of an xlsx workbook's worksheets: the rows of each sheet, in the workbook's order, with their
 * cells as text — without exceljs's streaming reader.
 *
 * Why our own: exceljs's WorkbookReader (through unzipper's streaming parse) lost whole trailing sheets at random on
 * Node 26, the Active LTS CI runs on (a kecamatan workbook read 275 or 284 of its 325 rows, no error), and named the
 * sheets "Sheet1", "Sheet2", … when `xl/workbook.xml` comes after them in the ZIP, as in every streamed workbook. This
 * reader opens the ZIP by its central directory (the end of the file), so it knows every part and the sheets' real
 * names and order before it reads a row; each sheet's part is then inflated from the file as a stream and its XML
 * parsed as it arrives (saxes), so memory does not grow with the sheet. The shared strings (one copy of each distinct
 * text) and the styles (which cells hold dates) are read whole first, as a spreadsheet program does.
 *
 * Cell values: shared and inline strings as written, formulas by their cached result, booleans TRUE / FALSE, errors
 * empty, numbers as JavaScript writes them (a whole number beyond 2^53 cannot have kept all its digits: written in
 * exponent form, which no 16-digit identifier matches), and a number in a date format as its calendar day
 * (YYYY-MM-DD, from the serial day number: the office's time zone cannot move it; the 1904 date system honoured).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The parts read whole (shared strings, styles, workbook): bounded, so that a hostile file cannot exhaust memory. */
const MAX_WHOLE_PART = 256 * 1024 * 1024;

interface ZipEntry {
  readonly method: number;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly offset: number;
}

/** A worksheet of the workbook: its name and its part, in the workbook's order. */
export interface XlsxSheet {
  readonly name: string;
  readonly part: string;
}

/** One row as read: its number in the sheet and its cells from column A to the last one with a value. */
export interface XlsxRow {
  readonly number: number;
  readonly cells: string[];
}

export class XlsxFile {
  private constructor(
    private readonly file: string,
    private readonly entries: ReadonlyMap<string, ZipEntry>,
    readonly sheets: readonly XlsxSheet[],
    private readonly sharedStrings: readonly string[],
    private readonly dateStyles: ReadonlySet<number>,
    private readonly date1904: boolean,
  ) {}

  /** Opens a workbook: its directory, its sheets, shared strings and date styles. Throws when it is no readable xlsx. */
  static async open(file: string): Promise<XlsxFile> {
    const entries = await readDirectory(file);
    const text = async (name: string): Promise<string | undefined> => (entries.has(name) ? (await readWhole(file, entries.get(name) as ZipEntry)).toString('utf8') : undefined);
    const workbook = await text('xl/workbook.xml');
    const rels = await text('xl/_rels/workbook.xml.rels');
    if (workbook === undefined || rels === undefined) throw new Error('the workbook has no xl/workbook.xml or its relationships');
    const { sheets, date1904 } = sheetsOf(workbook, rels);
    const shared = await text('xl/sharedStrings.xml');
    const styles = await text('xl/styles.xml');
    return new XlsxFile(file, entries, sheets.filter((s) => entries.has(s.part)), shared === undefined ? [] : sharedStringsOf(shared), styles === undefined ? new Set() : dateStylesOf(styles), date1904);
  }

  /** The rows of a sheet, in groups, as its part is inflated and parsed. */
  async *rows(sheet: XlsxSheet): AsyncGenerator<XlsxRow[]> {
    const entry = this.entries.get(sheet.part);
    if (!entry) return;
    const parser = new SaxesParser();
    let out: XlsxRow[] = [];
    let rowNumber = 0;
    let cells: string[] | undefined;
    let column = -1;
    let cell: { type: string; style: number; column: number } | undefined;
    let value = '';
    let inValue = false;
    let inInline = false;
    let phonetic = 0;
    parser.on('opentag', (tag: SaxesTagPlain) => {
      switch (localName(tag.name)) {
        case 'row': {
          const r = Number(tag.attributes['r']);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          column = -1;
          break;
        }
        case 'c': {
          const ref = String(tag.attributes['r'] ?? '');
          const at = columnOf(ref);
          column = at ?? column + 1;
          cell = { type: String(tag.attributes['t'] ?? 'n'), style: Number(tag.attributes['s'] ?? 0), column };
          value = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          if (inInline && phonetic === 0) inValue = true;
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    });
    parser.on('text', (text: string) => {
      if (inValue && cell) value += text;
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      switch (localName(tag.name)) {
        case 'v':
        case 't':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (cell && cells) {
            const text = this.cellValue(cell.type, cell.style, value);
            if (text !== '') {
              while (cells.length < cell.column) cells.push('');
              cells[cell.column] = text;
            }
          }
          cell = undefined;
          break;
        case 'row':
          if (cells) {
            while (cells.length > 0 && (cells[cells.length - 1] as string).trim() === '') cells.pop();
            if (cells.length > 0) out.push({ number: rowNumber, cells });
          }
          cells = undefined;
          break;
      }
    });
    if (entry.compressed === 0) return;
    const start = await dataStart(this.file, entry);
    const stream = createReadStream(this.file, { start, end: start + entry.compressed - 1, highWaterMark: 1 << 20 });
    const inflated = entry.method === 8 ? stream.pipe(createInflateRaw()) : stream;
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`a ZIP entry is compressed with method ${entry.method}`);
    // A chunk may end inside a character of several bytes: the decoder keeps it for the next one.
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of inflated as AsyncIterable<Buffer>) {
        parser.write(decoder.write(chunk));
        if (out.length > 0) {
          yield out;
          out = [];
        }
      }
      parser.write(decoder.end());
      parser.close();
      if (out.length > 0) yield out;
    } finally {
      stream.destroy();
      if (inflated !== stream) (inflated as unknown as { destroy(): void }).destroy();
    }
  }

  private cellValue(type: string, style: number, raw: string): string {
    switch (type) {
      case 's':
        return this.sharedStrings[Number(raw)] ?? '';
      case 'inlineStr':
      case 'str':
        return raw;
      case 'b':
        return raw === '1' ? 'TRUE' : raw === '' ? '' : 'FALSE';
      case 'e':
        return '';
      case 'd':
        return raw.slice(0, 10);
      default: {
        if (raw.trim() === '') return '';
        const number = Number(raw);
        if (!Number.isFinite(number)) return raw;
        if (this.dateStyles.has(style)) return serialDay(number, this.date1904);
        return Number.isInteger(number) && !Number.isSafeInteger(number) ? number.toExponential() : String(number);
      }
    }
  }
}

/** YYYY-MM-DD of a spreadsheet serial day (1900 system: day 1 is 1900-01-01, Excel's phantom 1900-02-29 counted). */
function serialDay(serial: number, date1904: boolean): string {
  const day = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + day * 86_400_000);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The 0-based column of a cell reference (`C5` → 2); undefined when it has none. */
function columnOf(ref: string): number | undefined {
  const letters = /^([A-Z]+)\d*$/i.exec(ref)?.[1];
  if (!letters) return undefined;
  let column = 0;
  for (const ch of letters.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return column - 1;
}

async function readDirectory(file: string): Promise<Map<string, ZipEntry>> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const tailLength = Math.min(size, 65_557);
    const tail = await read(size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new Error('no ZIP directory');
    const count = tail.readUInt16LE(at + 10);
    const directory = await read(tail.readUInt32LE(at + 16), tail.readUInt32LE(at + 12));
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < count && p + 46 <= directory.length && directory.readUInt32LE(p) === CENTRAL; n++) {
      const nameLength = directory.readUInt16LE(p + 28);
      const name = directory.toString('utf8', p + 46, p + 46 + nameLength);
      entries.set(name.replace(/^\//, ''), {
        method: directory.readUInt16LE(p + 10),
        compressed: directory.readUInt32LE(p + 20),
        uncompressed: directory.readUInt32LE(p + 24),
        offset: directory.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Where an entry's data starts: after its local header, whose name and extra field may differ from the directory's. */
async function dataStart(file: string, entry: ZipEntry): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(30);
    const { bytesRead } = await handle.read(header, 0, 30, entry.offset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL) throw new Error('a ZIP entry has no local header');
    return entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
}

async function readWhole(file: string, entry: ZipEntry): Promise<Buffer> {
  if (entry.uncompressed > MAX_WHOLE_PART || entry.compressed > MAX_WHOLE_PART) throw new Error('a workbook part is too large');
  const start = await dataStart(file, entry);
  const handle = await open(file, 'r');
  let data: Buffer;
  try {
    data = Buffer.alloc(entry.compressed);
    await handle.read(data, 0, entry.compressed, start);
  } finally {
    await handle.close();
  }
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new Error(`a ZIP entry is compressed with method ${entry.method}`);
  return inflateRawSync(data, { maxOutputLength: MAX_WHOLE_PART });
}

/** The worksheets in the workbook's order, with their parts, and the date system. */
export function sheetsOf(workbookXml: string, relsXml: string): { sheets: XlsxSheet[]; date1904: boolean } {
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id === undefined || target === undefined) continue;
    targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: XlsxSheet[] = [];
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, 'name');
    const rid = attribute(tag, 'r:id');
    const part = rid === undefined ? undefined : targets.get(rid);
    if (name !== undefined && part !== undefined) sheets.push({ name, part });
  }
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbookXml)?.[0];
  const date1904 = pr !== undefined && /^(1|true)$/i.test(attribute(pr, 'date1904') ?? '');
  return { sheets, date1904 };
}

/** The shared strings in order: each `<si>`'s text (its runs joined, phonetic readings left out). */
function sharedStringsOf(xml: string): string[] {
  const strings: string[] = [];
  const parser = new SaxesParser();
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    if (name === 'si') current = '';
    else if (name === 'rPh') phonetic++;
    else if (name === 't' && phonetic === 0) inText = true;
  });
  parser.on('text', (text: string) => {
    if (inText && current !== undefined) current += text;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si') {
      strings.push(current ?? '');
      current = undefined;
    }
  });
  parser.write(xml).close();
  return strings;
}

/** Built-in number formats that are dates (ECMA-376 18.8.30, and the locale date formats 27–36, 50–58). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** The indexes of the cell formats (cellXfs) whose number format shows a date. */
function dateStylesOf(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const tag of xml.match(/<(?:\w+:)?numFmt\b[^>]*>/g) ?? []) {
    const id = Number(attribute(tag, 'numFmtId'));
    const code = attribute(tag, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const isDate = (id: number): boolean => {
    if (BUILT_IN_DATES.has(id)) return true;
    const code = custom.get(id);
    if (code === undefined) return false;
    // Quoted text, escaped characters, colours and conditions say nothing of dates.
    const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
    return /[dy]/i.test(bare);
  };
  const styles = new Set<number>();
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  let index = 0;
  for (const tag of xfs.match(/<(?:\w+:)?xf\b[^>]*>/g) ?? []) {
    if (isDate(Number(attribute(tag, 'numFmtId') ?? 0))) styles.add(index);
    index++;
  }
  return styles;
}

function attribute(tag: string, name: string): string | undefined {
  const escaped = name.replace(':', '\\:');
  const match = new RegExp(`\\s${escaped}="([^"]*)"`).exec(tag) ?? new RegExp(`\\s${escaped}='([^']*)'`).exec(tag);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
