/**
 * Serial allocation shared by NIK and No. KK issuance: the last four digits count from 0001 among the
 * numbers that share the first twelve digits. Internal to the identifiers.
 */

export type SerialAllocation =
  | { readonly ok: true; readonly serial: number }
  | { readonly ok: false; readonly reason: 'exhausted' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly invalid: readonly unknown[] };

const SERIAL_STRING = /^\d{4}$/;

/**
 * The next serial: one after the highest used (numbers are handed out in order, as a register would), or,
 * when 9999 is taken, the lowest free one (this happens where migrated records share a default birth date
 * such as 1 January or 31 December). Accepts serials as numbers 1–9999 or 4-digit strings.
 */
export function allocateSerial(used: Iterable<number | string>): SerialAllocation {
  const taken = new Uint8Array(10_000);
  const invalid: unknown[] = [];
  let highest = 0;
  for (const entry of used ?? []) {
    const n = typeof entry === 'number' ? entry : typeof entry === 'string' && SERIAL_STRING.test(entry) ? +entry : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 9999) {
      invalid.push(entry);
      continue;
    }
    taken[n] = 1;
    if (n > highest) highest = n;
  }
  if (invalid.length > 0) return { ok: false, reason: 'invalid', invalid };
  if (highest < 9999) return { ok: true, serial: highest + 1 };
  for (let n = 1; n <= 9999; n++) if (taken[n] === 0) return { ok: true, serial: n };
  return { ok: false, reason: 'exhausted' };
}

export function describeInvalidSerials(invalid: readonly unknown[]): string {
  const shown = invalid.slice(0, 5).map((v) => JSON.stringify(v) ?? String(v));
  return `used serials must be numbers 1–9999 or 4-digit strings; got ${shown.join(', ')}${invalid.length > 5 ? ', …' : ''}`;
}
