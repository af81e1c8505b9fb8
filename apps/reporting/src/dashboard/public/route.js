// The dashboard's state lives in the URL hash so that a view can be bookmarked and shared:
//   #/region/5316/indicator/EKTP_RECORDING?date=2026-11-27&range=90
// Every part is optional; unknown or malformed parts fall back to the defaults (the page never breaks on a
// hand-edited link, it shows the nearest valid view).

export const RANGES = [30, 90, 365];
export const DEFAULT_RANGE = 90;

const REGION_CODE = /^(\d{4}|\d{6}|\d{10})$/;
const INDICATOR_ID = /^[A-Z0-9_]{1,40}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the state from a hash ('#/region/…'); `fallbackRegion` is the regency of this office. */
export function parseRoute(hash, fallbackRegion) {
  const raw = String(hash || '').replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '');
  const state = { region: fallbackRegion, indicator: null, date: null, range: DEFAULT_RANGE };
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const key = parts[i];
    let value;
    try {
      value = decodeURIComponent(parts[i + 1]);
    } catch {
      continue; // a broken escape (%E0%A4) in a hand-edited link
    }
    if (key === 'region' && REGION_CODE.test(value)) state.region = value;
    if (key === 'indicator' && INDICATOR_ID.test(value)) state.indicator = value;
  }
  const params = new URLSearchParams(query);
  const date = params.get('date');
  if (date && ISO_DATE.test(date) && isRealDate(date)) state.date = date;
  const range = Number(params.get('range'));
  if (RANGES.includes(range)) state.range = range;
  return state;
}

/** The hash of a state: the inverse of parseRoute. Defaults are left out to keep shared links short. */
export function formatRoute(state) {
  let hash = `#/region/${encodeURIComponent(state.region)}`;
  if (state.indicator) hash += `/indicator/${encodeURIComponent(state.indicator)}`;
  const params = new URLSearchParams();
  if (state.date) params.set('date', state.date);
  if (state.range && state.range !== DEFAULT_RANGE) params.set('range', String(state.range));
  const query = params.toString();
  return query ? `${hash}?${query}` : hash;
}

/** 2026-02-30 looks like a date but is not one. */
export function isRealDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Calendar arithmetic on 'YYYY-MM-DD' strings (a day on the office's calendar, not an instant). */
export function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}
