/**
 * Small cells in public figures (issue 16; DESIGN.md house rule 8, UU 27/2022): a count of 1 to 4 people in a
 * village on a day ("one death in Labolewa today") points at a person. The public — anyone without credentials,
 * and callers outside the office — gets such counts withheld; the office (operator, registrar, analyst, admin)
 * gets the exact figures of the regions its scope covers.
 *
 * The JSON form: a withheld count is `null`, and the figure names what it withheld in `suppressed` (field paths:
 * `total`, `value`, `parts.<KEY>`, `details.<name>`); a ranking row or a series point carries `suppressed: true`.
 * The dashboard and the CSV export show a withheld count as "< 5". Zero is shown: it points at nobody.
 *
 * What is withheld, so that no withheld count can be recomputed from what is shown:
 * - a total of 1–4: the total, every part (zeros too: the breakdown of so few is theirs), the value, the
 *   people-counting details and the service times of so few;
 * - a part of 1–4 under a total of 5 or more: that part, and when it is the only one, the next smallest non-zero
 *   part too (else total − the others gives it back);
 * - a percentage (PERCENT) whenever a part or the total is withheld (percent × total gives the part back), with
 *   the shortfall to the target (target × total − the part);
 * - details counting people (`count`, `datedRecordings`, `newWajibKtpNextYear`) of 1–4, with the rates derived
 *   from them (`recordingsPerWeek`, `newWajibKtpPerWeek`).
 * Counts that are not people (visits, villages not visited) and dates are shown as they are.
 */
import { canAccessRegion, hasRole, type Principal } from '@adminduk/platform';
import type { IndicatorValue } from '../api/shapes';

/** The smallest count shown to the public; 1 to SMALL_CELL − 1 are withheld. */
export const SMALL_CELL = 5;

/** Details that count people, and the details derived from each. */
const PEOPLE_DETAILS: Readonly<Record<string, readonly string[]>> = {
  count: ['median', 'p90'],
  datedRecordings: ['recordingsPerWeek'],
  newWajibKtpNextYear: ['newWajibKtpPerWeek'],
};
/** Details that give a part back when a part or the total is withheld. */
const DERIVED_FROM_PARTS = ['shortfall'];
/** Details that describe the people counted by the total (service times of BLAS and OMAS). */
const OF_THE_TOTAL = ['median', 'p90'];

const small = (n: number | null): boolean => n !== null && n > 0 && n < SMALL_CELL;

/** Whether `viewer` sees the exact figures of `regionCode`: the office, within its region scope. */
export function seesExactFigures(viewer: Principal | undefined, regionCode: string): boolean {
  return viewer !== undefined && hasRole(viewer, 'operator', 'registrar', 'analyst') && canAccessRegion(viewer, regionCode);
}

/** The figure as the public sees it (see the module comment); unchanged when nothing is small. */
export function suppressSmallCells(v: IndicatorValue): IndicatorValue {
  const withheld = new Set<string>();
  const total = v.total;
  const totalSmall = small(total);
  if (totalSmall) withheld.add('total');
  const hiddenParts = new Set<string>();
  if (totalSmall) {
    for (const p of v.parts) hiddenParts.add(p.key);
  } else {
    for (const p of v.parts) if (small(p.count)) hiddenParts.add(p.key);
    if (hiddenParts.size === 1) {
      const next = v.parts.filter((p) => !hiddenParts.has(p.key) && (p.count ?? 0) > 0).sort((a, b) => (a.count ?? 0) - (b.count ?? 0))[0];
      if (next) hiddenParts.add(next.key);
    }
  }
  for (const key of hiddenParts) withheld.add(`parts.${key}`);
  const anyHidden = totalSmall || hiddenParts.size > 0;
  const hideValue = totalSmall ? v.unit !== 'DATE' && v.unit !== 'COUNT' : v.unit === 'PERCENT' && anyHidden;
  if (hideValue && v.value !== null) withheld.add('value');
  const details: Record<string, number | string | null> = { ...v.details };
  const hideDetail = (key: string) => {
    if (key in details && details[key] !== null) {
      details[key] = null;
      withheld.add(`details.${key}`);
    }
  };
  for (const [key, derived] of Object.entries(PEOPLE_DETAILS)) {
    const value = details[key];
    if (typeof value === 'number' && small(value)) [key, ...derived].forEach(hideDetail);
  }
  if (anyHidden) DERIVED_FROM_PARTS.forEach(hideDetail);
  if (totalSmall) OF_THE_TOTAL.forEach(hideDetail);
  if (withheld.size === 0) return v;
  return {
    ...v,
    value: withheld.has('value') ? null : v.value,
    total: totalSmall ? null : total,
    parts: v.parts.map((p) => (hiddenParts.has(p.key) ? { ...p, count: null } : p)),
    details,
    // In the order of the figure's fields: total, value, the parts, the details.
    suppressed: ['total', 'value', ...v.parts.map((p) => `parts.${p.key}`), ...Object.keys(v.details).map((k) => `details.${k}`)].filter((path) => withheld.has(path)),
  };
}
