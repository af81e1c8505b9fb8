/**
 * The names of an xlsx workbook's worksheets, by the number of their part (`xl/worksheets/sheet<N>.xml` → name), read
 * from the ZIP's central directory before the workbook is streamed.
 *
 * Why: exceljs's streaming reader learns the names from `xl/workbook.xml`, and a streaming writer (exceljs's own
 * WorkbookWriter, which the OpenSID export uses, and others) puts that part at the END of the ZIP, after the sheets:
 * the reader then calls every sheet "Sheet<N>". The import needs the real names — `Kode Data` is skipped, an OpenSID
 * village sheet `<code> <name>` gives its village, and the report names each row's sheet. Only two small parts are
 * read (workbook.xml and its relationships); the sheets themselves are still streamed.
 *
 * A minimal ZIP reader: the end-of-central-directory record (within the last 64 KiB + 22 bytes), the central
 * directory's entries, and the two parts stored (method 0) or deflated (method 8). Anything it cannot read gives an
 * empty map, and the reader's own names are kept.
 */
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_PART = 8 * 1024 * 1024;

export async function xlsxSheetNames(file: string): Promise<Map<number, string>> {
  try {
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
      if (at < 0) return new Map();
      const entries = tail.readUInt16LE(at + 10);
      const directorySize = tail.readUInt32LE(at + 12);
      const directoryOffset = tail.readUInt32LE(at + 16);
      if (directorySize > MAX_PART * 4) return new Map();
      const directory = await read(directoryOffset, directorySize);
      const parts = new Map<string, { method: number; compressed: number; offset: number }>();
      let p = 0;
      for (let n = 0; n < entries && p + 46 <= directory.length && directory.readUInt32LE(p) === CENTRAL; n++) {
        const method = directory.readUInt16LE(p + 10);
        const compressed = directory.readUInt32LE(p + 20);
        const nameLength = directory.readUInt16LE(p + 28);
        const extraLength = directory.readUInt16LE(p + 30);
        const commentLength = directory.readUInt16LE(p + 32);
        const offset = directory.readUInt32LE(p + 42);
        const name = directory.toString('utf8', p + 46, p + 46 + nameLength);
        parts.set(name, { method, compressed, offset });
        p += 46 + nameLength + extraLength + commentLength;
      }
      const part = async (name: string): Promise<string | undefined> => {
        const entry = parts.get(name);
        if (!entry || entry.compressed > MAX_PART) return undefined;
        const header = await read(entry.offset, 30);
        if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) return undefined;
        const data = await read(entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28), entry.compressed);
        if (entry.method === 0) return data.toString('utf8');
        if (entry.method === 8) return inflateRawSync(data).toString('utf8');
        return undefined;
      };
      const workbook = await part('xl/workbook.xml');
      const rels = await part('xl/_rels/workbook.xml.rels');
      if (workbook === undefined || rels === undefined) return new Map();
      return sheetNamesOf(workbook, rels);
    } finally {
      await handle.close();
    }
  } catch {
    return new Map();
  }
}

/** workbook.xml's `<sheet name r:id>` joined with the relationships' `Id → worksheets/sheet<N>.xml`. */
export function sheetNamesOf(workbookXml: string, relsXml: string): Map<number, string> {
  const targets = new Map<string, number>();
  for (const tag of relsXml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    const number = target === undefined ? undefined : /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
    if (id !== undefined && number !== undefined) targets.set(id, Number(number));
  }
  const names = new Map<number, string>();
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, 'name');
    const rid = attribute(tag, 'r:id') ?? attribute(tag, 'id');
    const number = rid === undefined ? undefined : targets.get(rid);
    if (name !== undefined && number !== undefined) names.set(number, name);
  }
  return names;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag) ?? new RegExp(`\\s${name.replace(':', '\\:')}='([^']*)'`).exec(tag);
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
