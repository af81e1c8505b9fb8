/**
 * Personal data never reaches the logs in clear (UU 27/2022; DESIGN.md house rule 8): sixteen-digit numbers
 * (NIK, No. KK) are masked as `531601******0001`, and fields that hold names or addresses are replaced.
 */
import { maskNik } from '@adminduk/domain';

const SIXTEEN = /(?<!\d)\d{16}(?!\d)/g;
const PERSONAL_KEYS = /^(full_?name|name|nama|mother_?name|father_?name|birth_?place|address|alamat|street|rt|rw|phone|email)$/i;
const SECRET_KEYS = /^(authorization|x-api-key|cookie|set-cookie|password|token|secret)$/i;

export function maskText(text: string): string {
  return text.replace(SIXTEEN, (nik) => maskNik(nik));
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
