/**
 * Small cells in public figures (issue 16; DESIGN.md house rule 8, UU 27/2022): a count of 1 to 4 people in a
 * village on a day ("one death in Labolewa today") points at a person. The public — anyone without credentials,
 * and callers outside the office — gets such counts withheld; the office (operator, registrar, analyst, admin)
 * gets the exact figures of the regions its scope covers.
 *
 * The JSON form: a withheld count is `null`, and the figure names what it withheld in `suppressed` (field paths:
 * `total`, `value`, `parts.<KEY>`, `details.<name>`); a ranking row or a series point carries `suppressed: true`.
 * The dashboard and the CSV export show a withheld count as "< 5" — a count withheld only so that another cannot be
 * recomputed (secondary, below) too: telling it apart would tell which of its group is the small one. Zero is
 * shown: it points at nobody.
 *
 * Primary suppression, within one figure:
 * - a total of 1–4: the total, every part (zeros too: the breakdown of so few is theirs), the value, the
 *   people-counting details and the service times of so few;
 * - a part of 1–4 under a total of 5 or more;
 * - details counting people (`count`, `datedRecordings`, `newWajibKtpNextYear`) of 1–4.
 * Derived figures go with what they are derived from: a percentage (PERCENT) and the shortfall to the target
 * whenever a part or the total is withheld (percent × total gives the part back); `recordingsPerWeek` and
 * `newWajibKtpPerWeek` with their counts; `count` (BLAS / OMAS: the cases, equal to the total) and
 * `servicesPerVisit` (services ÷ the visits, which are shown) with the total. Counts that are not people (visits,
 * villages not visited) and dates are shown as they are.
 *
 * Secondary (complementary) suppression, across the whole regency (suppressTable). A withheld count must not come
 * back by subtraction, and the public can subtract across answers: every public answer — the indicators of a
 * region (regency, kecamatan, village), a ranking of a region's children, the exports (the region and its
 * children, CSV and JSON), each point of a series, the dashboard built on them — shows the figures of one table,
 * per indicator and day, whose additive cells are tied by these groups (equations):
 * - within a region: the parts add up to the total;
 * - across levels, for the total, each part and each additive people detail (`datedRecordings`,
 *   `newWajibKtpNextYear`): the villages of a kecamatan (with its "village not known" bucket and any retired
 *   code in the data) add up to the kecamatan, the kecamatan to the regency. A ranking or an export row is a
 *   child's figure, so its groups are these too.
 * Rule: in every group holding exactly one withheld cell, the smallest non-zero shown cell among the others (the
 * parts; the siblings — ties by region code, in order of the parts) is withheld too, and only when there is none
 * the whole (the total; the parent). Repeated until no group holds a single withheld cell: a kecamatan's part
 * withheld as a complement in its own figure then takes a village's with it, and a village's withheld as a
 * complement among its siblings takes another part of that village with it (the chain, both ways). That is not
 * yet enough in a table of groups that cross (a withheld cell can be pinned by combining several groups, e.g. a
 * "bridge" between two cycles of withheld cells), so the withheld pattern is then audited: the groups are solved
 * as linear equations in the withheld cells (sparse Gaussian elimination), and while a withheld cell
 * is determined by them, the smallest non-zero shown cell of a group holding it is withheld too and the rule runs
 * again. It ends (each round withholds one more cell; a table withholding every non-zero cell determines none:
 * any multiple of it satisfies the same equations) with no withheld count computable from the shown ones. (A
 * withheld zero in a group whose whole is a shown zero — no rejected death in the kecamatan, so none in its small
 * desa — is implied by that zero; no rule could hide it, and none is needed: it points at nobody.)
 *
 * Why two requests cannot be combined: the pattern is a function of the day's counts of the whole regency only —
 * not of the region asked for, the endpoint, the format, or the caller (the public and every caller outside the
 * office get the same table) — and every answer takes its figures from it. The series computes each day's table
 * the same way from the same rows, so its point for a region on a day is that region's figure of that day's table.
 * Siblings can therefore be withheld consistently across separate requests, and the parent (the more useful
 * figure) is withheld only when no sibling can be. EKTP_RECORDING and EKTP_PROJECTION share their total and parts,
 * and each group system is solved on its own, so both withhold the same of them.
 *
 * Over time there is no such group: no answer shows one day's count beside a total of those days — a series point
 * is a stock on its day (wajib KTP, deaths known by then) or a 30-day window, like the figure of that day, and no
 * answer gives a week's or a month's total. Not covered here: the difference between consecutive points of a
 * series is what changed that day (the window's new day minus its dropped one), which may be 1–4; withholding cells
 * cannot prevent that, a coarser public series (weeks, months) or rounding could — a decision for the office. Nor
 * an office caller outside their scope, who reads public figures of other regions beside exact ones of their own
 * and could undo a complement that fell in their scope. Nor versions: when a day's counts change (a late event),
 * its pattern may change with them, and a count shown in one version and withheld in the other — itself unchanged —
 * can be combined with the first; the usual limit of suppression on data that changes.
 */
import { canAccessRegion, hasRole, type Principal } from '@adminduk/platform';
import type { IndicatorValue } from '../api/shapes';

/** The smallest count shown to the public; 1 to SMALL_CELL − 1 are withheld. */
export const SMALL_CELL = 5;

/** Details that count people and add up across regions, and the details derived from each. */
const PEOPLE_DETAILS: Readonly<Record<string, readonly string[]>> = {
  datedRecordings: ['recordingsPerWeek'],
  newWajibKtpNextYear: ['newWajibKtpPerWeek'],
  // BURIAL_REGISTER: the deaths nobody had reported before their burial (each one a person).
  openedCases: [],
};
/** Details equal to the total (the cases of a service time), and details that give the total back. */
const SAME_AS_TOTAL = ['count'];
const DERIVED_FROM_TOTAL = ['servicesPerVisit'];
/** Details that give a part back when a part or the total is withheld. */
const DERIVED_FROM_PARTS = ['shortfall'];
/** Details that describe the people counted by the total (service times of BLAS and OMAS). */
const OF_THE_TOTAL = ['median', 'p90'];

const small = (n: number | null | undefined): boolean => typeof n === 'number' && n > 0 && n < SMALL_CELL;

/** Whether `viewer` sees the exact figures of `regionCode`: the office, within its region scope. */
export function seesExactFigures(viewer: Principal | undefined, regionCode: string): boolean {
  return viewer !== undefined && hasRole(viewer, 'operator', 'registrar', 'analyst') && canAccessRegion(viewer, regionCode);
}

/** A region of the table and its children (kecamatan of the regency, villages of a kecamatan). */
export interface RegionNode {
  readonly code: string;
  readonly children: readonly RegionNode[];
}

/** The figure as the public sees it, on its own (a region outside the table; figures built by hand). */
export function suppressSmallCells(v: IndicatorValue): IndicatorValue {
  return suppressTable({ code: '', children: [] }, new Map([['', v]])).get('') as IndicatorValue;
}

/**
 * The public figures of every region of `root` (see the module comment): primary and secondary suppression over
 * the groups of the whole table. `figures` holds the exact figure of every region of the tree (one indicator, one
 * day). A figure without anything withheld is returned as it is.
 */
export function suppressTable(root: RegionNode, figures: ReadonlyMap<string, IndicatorValue>): Map<string, IndicatorValue> {
  const regions: RegionNode[] = [];
  const walk = (node: RegionNode) => {
    regions.push(node);
    node.children.forEach(walk);
  };
  walk(root);
  const figure = (code: string) => {
    const v = figures.get(code);
    if (!v) throw new Error(`no figure for region ${code}`);
    return v;
  };
  const withheld = new Map(regions.map((r) => [r.code, primary(figure(r.code))]));
  const first = figure(root.code);
  // The total and the parts, with the parts adding up to the total in each region; then each additive detail.
  const systems: { paths: string[]; rows: boolean }[] = [{ paths: ['total', ...first.parts.map((p) => `parts.${p.key}`)], rows: first.parts.length > 0 }];
  for (const key of Object.keys(PEOPLE_DETAILS)) if (typeof first.details[key] === 'number') systems.push({ paths: [`details.${key}`], rows: false });
  for (const system of systems) {
    const cells: Cell[] = [];
    const index = new Map<string, number>();
    for (const r of regions) {
      for (const path of system.paths) {
        index.set(`${r.code}|${path}`, cells.length);
        cells.push({ code: r.code, path, value: valueAt(figure(r.code), path), withheld: withheld.get(r.code)?.has(path) ?? false });
      }
    }
    const at = (code: string, path: string) => index.get(`${code}|${path}`) as number;
    // The parts of each region first (a figure on its own withholds as it always did), then the children of each.
    const groups: number[][] = [];
    if (system.rows) for (const r of regions) groups.push(system.paths.map((path) => at(r.code, path)));
    for (const r of regions) if (r.children.length > 0) for (const path of system.paths) groups.push([at(r.code, path), ...r.children.map((c) => at(c.code, path))]);
    complement(cells, groups);
    for (const c of cells) if (c.withheld) withheld.get(c.code)?.add(c.path);
  }
  return new Map(regions.map((r) => [r.code, render(figure(r.code), withheld.get(r.code) ?? new Set())]));
}

/** One additive count of the table: `withheld` is the pattern being built. */
interface Cell {
  readonly code: string;
  readonly path: string;
  readonly value: number;
  withheld: boolean;
}

function valueAt(v: IndicatorValue, path: string): number {
  if (path === 'total') return v.total ?? 0;
  if (path.startsWith('parts.')) return v.parts.find((p) => `parts.${p.key}` === path)?.count ?? 0;
  const d = v.details[path.slice('details.'.length)];
  return typeof d === 'number' ? d : 0;
}

/** What a figure withholds on its own (primary suppression), as paths of its additive counts. */
function primary(v: IndicatorValue): Set<string> {
  const out = new Set<string>();
  if (small(v.total)) {
    out.add('total');
    for (const p of v.parts) out.add(`parts.${p.key}`);
  } else {
    for (const p of v.parts) if (small(p.count)) out.add(`parts.${p.key}`);
  }
  for (const key of SAME_AS_TOTAL) if (small(v.details[key] as number)) out.add('total');
  for (const key of Object.keys(PEOPLE_DETAILS)) if (small(v.details[key] as number)) out.add(`details.${key}`);
  return out;
}

/**
 * Secondary suppression over `groups` (each a whole, first, and the cells adding up to it; cells by index, in the
 * order of the table: regions top-down, siblings by code, parts in order). Changes `cells[i].withheld` only.
 */
function complement(cells: Cell[], groups: readonly (readonly number[])[]): void {
  if (!cells.some((c) => c.withheld)) return;
  const smallestShown = (candidates: readonly number[]): number | undefined => {
    let best: number | undefined;
    for (const i of candidates) {
      const c = cells[i] as Cell;
      if (c.withheld || c.value <= 0) continue;
      if (best === undefined || c.value < (cells[best] as Cell).value) best = i;
    }
    return best;
  };
  for (;;) {
    // The rule: no group with a single withheld cell.
    for (let changed = true; changed; ) {
      changed = false;
      for (const group of groups) {
        let hidden = 0;
        for (const i of group) if ((cells[i] as Cell).withheld && ++hidden > 1) break;
        if (hidden !== 1) continue;
        const pick = smallestShown(group.slice(1)) ?? smallestShown(group.slice(0, 1));
        if (pick === undefined) continue;
        (cells[pick] as Cell).withheld = true;
        changed = true;
      }
    }
    // The audit: no withheld cell determined by the groups taken together.
    const pinned = determined(cells, groups);
    if (pinned === undefined) return;
    // The smallest non-zero shown cell of the groups holding it; if they have none, of the groups next to those.
    let reached = new Set([pinned]);
    let pick: number | undefined;
    while (pick === undefined) {
      const around = groups.filter((g) => g.some((i) => reached.has(i)));
      pick = smallestShown(around.flat());
      const next = new Set(around.flat().filter((i) => (cells[i] as Cell).withheld));
      // Nothing shown around it but zeros: the equations there are all zero, so they can only pin a zero (no one).
      if (pick === undefined && next.size === reached.size) return;
      reached = next;
    }
    (cells[pick] as Cell).withheld = true;
  }
}

const EPS = 1e-9;

/**
 * The first withheld cell (in table order) whose value the groups determine: the groups as equations in the
 * withheld cells (whole − Σ the others = what the shown cells make), in reduced row echelon form; a withheld cell
 * is determined when its pivot row holds nothing else.
 */
function determined(cells: readonly Cell[], groups: readonly (readonly number[])[]): number | undefined {
  // A group whose whole is a shown zero (or one of these) has only zeros: no secret, nothing could hide it.
  const zero = new Set<number>();
  for (const c of cells.keys()) if (!(cells[c] as Cell).withheld && (cells[c] as Cell).value === 0) zero.add(c);
  for (let more = true; more; ) {
    more = false;
    for (const group of groups) {
      if (!zero.has(group[0] as number)) continue;
      for (const i of group) {
        if (zero.has(i)) continue;
        zero.add(i);
        more = true;
      }
    }
  }
  const pivots = new Map<number, Map<number, number>>();
  for (const group of groups) {
    let row = new Map<number, number>();
    group.forEach((i, k) => {
      if ((cells[i] as Cell).withheld && !zero.has(i)) row.set(i, (row.get(i) ?? 0) + (k === 0 ? 1 : -1));
    });
    if (row.size === 0) continue;
    // Reduce by the pivots found so far.
    for (const [col, pivotRow] of pivots) {
      const f = row.get(col);
      if (f === undefined) continue;
      row = addScaled(row, pivotRow, -f);
    }
    if (row.size === 0) continue;
    const pivot = Math.min(...row.keys());
    const scale = row.get(pivot) as number;
    const normal = new Map<number, number>();
    for (const [col, v] of row) normal.set(col, v / scale);
    // Keep the earlier pivot rows reduced: the form stays the reduced one.
    for (const [col, pivotRow] of pivots) {
      const f = pivotRow.get(pivot);
      if (f !== undefined) pivots.set(col, addScaled(pivotRow, normal, -f));
    }
    pivots.set(pivot, normal);
  }
  let first: number | undefined;
  for (const [col, row] of pivots) if (row.size === 1 && (first === undefined || col < first)) first = col;
  return first;
}

function addScaled(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>, f: number): Map<number, number> {
  const out = new Map(a);
  for (const [col, v] of b) {
    const sum = (out.get(col) ?? 0) + f * v;
    if (Math.abs(sum) < EPS) out.delete(col);
    else out.set(col, sum);
  }
  return out;
}

/** The public figure from the withheld counts (paths) and what follows from them (see the module comment). */
function render(v: IndicatorValue, hidden: ReadonlySet<string>): IndicatorValue {
  const withheld = new Set<string>([...hidden].filter((path) => !path.startsWith('details.')));
  const totalSmall = small(v.total);
  const totalHidden = hidden.has('total');
  const anyHidden = totalHidden || v.parts.some((p) => hidden.has(`parts.${p.key}`));
  const hideValue = (totalSmall && v.unit !== 'DATE' && v.unit !== 'COUNT') || (v.unit === 'PERCENT' && anyHidden);
  if (hideValue && v.value !== null) withheld.add('value');
  const details: Record<string, number | string | null> = { ...v.details };
  const hideDetail = (key: string) => {
    if (key in details && details[key] !== null) {
      details[key] = null;
      withheld.add(`details.${key}`);
    }
  };
  for (const [key, derived] of Object.entries(PEOPLE_DETAILS)) if (hidden.has(`details.${key}`)) [key, ...derived].forEach(hideDetail);
  if (totalHidden) [...SAME_AS_TOTAL, ...DERIVED_FROM_TOTAL].forEach(hideDetail);
  if (anyHidden) DERIVED_FROM_PARTS.forEach(hideDetail);
  if (totalSmall) OF_THE_TOTAL.forEach(hideDetail);
  if (withheld.size === 0) return v;
  return {
    ...v,
    value: withheld.has('value') ? null : v.value,
    total: totalHidden ? null : v.total,
    parts: v.parts.map((p) => (hidden.has(`parts.${p.key}`) ? { ...p, count: null } : p)),
    details,
    // In the order of the figure's fields: total, value, the parts, the details.
    suppressed: ['total', 'value', ...v.parts.map((p) => `parts.${p.key}`), ...Object.keys(v.details).map((k) => `details.${k}`)].filter((path) => withheld.has(path)),
  };
}
