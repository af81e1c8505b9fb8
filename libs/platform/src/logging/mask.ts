/**
 * Personal data never reaches the logs in clear (UU 27/2022; DESIGN.md house rule 8): sixteen-digit numbers
 * (NIK, No. KK), however written, are masked as `531601******0001`, fields that hold names or addresses are
 * replaced, and a statement of SQL in any text (a database error's message and stack) loses its values.
 */
import { maskNik } from '@adminduk/domain';

/**
 * A NIK or No. KK in any spelling a log line may carry: plain (`5316014103900001`), grouped by dashes, spaces or
 * plus signs (`5316-0141-0390-0001`, `5316 0141 …`, as people type them and URLs encode spaces), and with digits
 * URL-encoded (`%35316…`, `%2D` or `%20` between groups). Sixteen digits exactly: a longer run of digits is not
 * one, and a run that continues a dashed hexadecimal word (the last groups of a UUID) is not one either.
 */
const DIGIT = '(?:\\d|%3[0-9])';
const SEPARATOR = '(?:[- +]|%2[dD]|%20)';
const SIXTEEN = new RegExp(`(?<!\\d|%3[0-9]|[0-9A-Fa-f]-)${DIGIT}(?:${SEPARATOR}?${DIGIT}){15}(?!${SEPARATOR}?${DIGIT})`, 'g');
/** A statement of SQL (as database drivers put it in their errors: MikroORM's DriverException message is the query with its values). */
const SQL_STATEMENT = /\b(insert\s+into|update\s+\S+\s+set|delete\s+from|select\s[\s\S]*?\sfrom|values\s*\()/i;
/** A string literal of SQL ('it''s'): the values of a statement. */
const SQL_LITERAL = /'(?:[^']|'')*'/g;
const PERSONAL_KEYS = /^(full_?name|name|nama|mother_?name|father_?name|birth_?place|address|alamat|street|rt|rw|phone|email)$/i;
const SECRET_KEYS = /^(authorization|x-api-key|cookie|set-cookie|password|token|secret)$/i;

export function maskText(text: string): string {
  // The values of a statement are dropped whole: names, addresses and NIKs are parameter values (DESIGN.md rule 11).
  const withoutValues = SQL_STATEMENT.test(text) ? text.replace(SQL_LITERAL, "'?'") : text;
  return withoutValues.replace(SIXTEEN, (nik) => maskNik(digitsOf(nik)));
}

/** The sixteen digits of a NIK as written with separators or URL-encoded digits. */
function digitsOf(written: string): string {
  return written.replace(/%2[0dD]/g, '').replace(/%3([0-9])/g, '$1').replace(/\D/g, '');
}

/**
 * A request URL for the logs: NIKs masked, and the values of query parameters that hold names, addresses
 * (`?name=…`, `?motherName=…`) or secrets (`?token=…`) replaced, whatever their encoding.
 */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return maskText(url);
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || eq === pair.length - 1) return pair;
      const key = pair.slice(0, eq);
      const name = decoded(key);
      return PERSONAL_KEYS.test(name) ? `${key}=[personal]` : SECRET_KEYS.test(name) ? `${key}=[secret]` : pair;
    });
  return maskText(`${url.slice(0, q)}?${params.join('&')}`);
}

function decoded(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return component;
  }
}

/** A copy of `value` with NIKs masked and personal or secret fields replaced. Handles cycles and depth. */
export function maskPersonalData(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return { name: value.name, message: maskText(value.message), stack: value.stack ? maskText(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.test(key)) out[key] = '[secret]';
    else if (PERSONAL_KEYS.test(key) && v !== null && v !== undefined && v !== '') out[key] = '[personal]';
    else out[key] = maskPersonalData(v, depth + 1, seen);
  }
  return out;
}
