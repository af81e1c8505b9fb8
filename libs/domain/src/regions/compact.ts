/**
 * Decoder for the compact region data written by tools/regions/compile-regions.mjs: one record per line, a
 * code's digits followed directly by its name ('5316Kabupaten Nagekeo'); children grouped under their
 * parent, one parent per line ('5316:01Aesesa;02Nangaroro'); retired records end with '@<first>-<last>'.
 */

export interface CompactRecord {
  /** The full code, digits only. */
  readonly code: string;
  readonly name: string;
  /** For retired records: the first and last archived edition (year) the code appears in. */
  readonly editions?: { readonly first: number; readonly last: number };
}

function record(code: string, text: string): CompactRecord {
  const at = text.indexOf('@');
  if (at === -1) return { code, name: text };
  const dash = text.indexOf('-', at);
  return { code, name: text.slice(0, at), editions: { first: +text.slice(at + 1, dash), last: +text.slice(dash + 1) } };
}

/** Lines of the form '<code><name>' with a fixed code length. */
export function decodeFlat(data: string, codeLength: number): CompactRecord[] {
  const out: CompactRecord[] = [];
  for (const line of data.split('\n')) {
    if (line === '') continue;
    out.push(record(line.slice(0, codeLength), line.slice(codeLength)));
  }
  return out;
}

/** Lines of the form '<parent>:<own><name>;<own><name>' with a fixed length of the own code part. */
export function decodeGrouped(data: string, ownLength: number): CompactRecord[] {
  const out: CompactRecord[] = [];
  for (const line of data.split('\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    const parent = line.slice(0, colon);
    for (const item of line.slice(colon + 1).split(';')) {
      out.push(record(parent + item.slice(0, ownLength), item.slice(ownLength)));
    }
  }
  return out;
}

/** Accepts '53.16.01' or '531601' (and the shorter levels); returns the digits, or undefined. */
export function normaliseRegionCode(input: unknown, dottedPattern: RegExp, plainPattern: RegExp): string | undefined {
  if (typeof input !== 'string') return undefined;
  const code = input.trim();
  if (plainPattern.test(code)) return code;
  if (dottedPattern.test(code)) return code.replace(/\./g, '');
  return undefined;
}

/** Lower case, apostrophes dropped, other punctuation as spaces, spaces collapsed. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
