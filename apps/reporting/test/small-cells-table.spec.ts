// Complementary (secondary) suppression on tables built by hand (issue 16; src/indicators/small-cells.ts
// suppressTable): the groups of a region tree — the parts of a region adding up to its total, the children of a
// region adding up to it — leave no withheld count determined, checked by an exact solver written here (BigInt
// elimination, not the service's). The same rule through the HTTP API: small-cells-complementary.spec.ts.
import type { IndicatorValue } from '../src/api/shapes';
import { suppressTable, type RegionNode } from '../src/indicators/small-cells';
import { random } from './reporting-fixtures';

type Cells = Record<string, number | null>;
const cellsOf = (v: { total: number | null; parts: readonly { key: string; count: number | null }[] }): Cells => ({ total: v.total, ...Object.fromEntries(v.parts.map((p) => [p.key, p.count])) });


const figure = (total: number, counts: number[], details: Record<string, number | string | null> = {}): IndicatorValue => ({
  id: 'EKTP_RECORDING',
  name: 'x',
  definition: 'x',
  unit: 'PERCENT',
  value: total === 0 ? null : 50,
  target: null,
  targetSource: null,
  meetsTarget: null,
  total,
  parts: counts.map((count, i) => ({ key: `P${i}`, label: `P${i}`, count })),
  details,
});

/** rank of integer rows (BigInt, fraction-free elimination: exact). */
function rank(rows: bigint[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p] as bigint[], m[r] as bigint[]];
    const pivot = m[r] as bigint[];
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as bigint[];
      if (i === r || row[c] === 0n) continue;
      const f = row[c] as bigint;
      const pc = pivot[c] as bigint;
      m[i] = row.map((v, j) => v * pc - (pivot[j] as bigint) * f);
    }
    r++;
  }
  return r;
}

/** The withheld cells (code|path) that the table's equations determine, given the shown cells. */
function determinedCells(root: RegionNode, shown: Map<string, IndicatorValue>): string[] {
  const all: RegionNode[] = [];
  const walk = (n: RegionNode) => (all.push(n), n.children.forEach(walk));
  walk(root);
  const paths = ['total', ...(shown.get(root.code) as IndicatorValue).parts.map((p) => `parts.${p.key}`)];
  const get = (code: string, path: string) => {
    const v = shown.get(code) as IndicatorValue;
    return path === 'total' ? v.total : (v.parts.find((p) => `parts.${p.key}` === path)?.count ?? null);
  };
  // Zeros under a shown zero are known to all (see recover()).
  const forcedZero = new Set<string>();
  for (const n of all) for (const p of paths) if (get(n.code, p) === 0) forcedZero.add(`${n.code}|${p}`);
  for (let more = true; more; ) {
    more = false;
    const force = (cell: string) => !forcedZero.has(cell) && (forcedZero.add(cell), (more = true));
    for (const n of all) {
      if (forcedZero.has(`${n.code}|total`)) paths.forEach((p) => force(`${n.code}|${p}`));
      for (const p of paths) if (forcedZero.has(`${n.code}|${p}`)) n.children.forEach((c) => force(`${c.code}|${p}`));
    }
  }
  const unknowns: string[] = [];
  for (const n of all) for (const p of paths) if (get(n.code, p) === null && !forcedZero.has(`${n.code}|${p}`)) unknowns.push(`${n.code}|${p}`);
  const col = new Map(unknowns.map((u, i) => [u, i]));
  const equations: bigint[][] = [];
  const add = (cells: [string, bigint][]) => {
    const row = unknowns.map(() => 0n);
    for (const [cell, coef] of cells) if (col.has(cell)) row[col.get(cell) as number] = (row[col.get(cell) as number] as bigint) + coef;
    if (row.some((v) => v !== 0n)) equations.push(row);
  };
  for (const n of all) {
    add([[`${n.code}|total`, 1n], ...paths.slice(1).map((p) => [`${n.code}|${p}`, -1n] as [string, bigint])]);
    if (n.children.length > 0) for (const p of paths) add([[`${n.code}|${p}`, 1n], ...n.children.map((c) => [`${c.code}|${p}`, -1n] as [string, bigint])]);
  }
  if (equations.length === 0) return [];
  const base = rank(equations);
  return unknowns.filter((_, i) => rank([...equations, unknowns.map((__, j) => (j === i ? 1n : 0n))]) === base);
}

describe('suppressTable on tables built by hand', () => {
  const tree = (code: string, ...children: RegionNode[]): RegionNode => ({ code, children });

  it('withholds the smallest non-zero sibling beside a single withheld one, and the chain it starts, both ways', () => {
    // Kecamatan A: a desa of 3 (small) beside 10 and 40; kecamatan B: 60 in one desa. The regency 113.
    const root = tree('R', tree('A', tree('A1'), tree('A2'), tree('A3')), tree('B', tree('B1')));
    const figures = new Map<string, IndicatorValue>([
      ['R', figure(113, [100, 13])],
      ['A', figure(53, [45, 8])],
      ['A1', figure(3, [2, 1])],
      ['A2', figure(10, [8, 2])],
      ['A3', figure(40, [35, 5])],
      ['B', figure(60, [55, 5])],
      ['B1', figure(60, [55, 5])],
    ]);
    const shown = suppressTable(root, figures);
    expect(shown.get('A1')?.total).toBeNull();
    expect(shown.get('A2')?.total).toBeNull();
    expect(shown.get('A3')?.total).toBe(40);
    expect(shown.get('R')?.total).toBe(113);
    expect(determinedCells(root, shown)).toEqual([]);
  });

  it('withholds nothing more when nothing is small, and withholds a complement a level up and down when a kecamatan is small', () => {
    const root = tree('R', tree('A', tree('A1'), tree('A2')), tree('B', tree('B1'), tree('B2')), tree('C', tree('C1')));
    const none = new Map<string, IndicatorValue>([
      ['R', figure(60, [40, 20])],
      ['A', figure(20, [10, 10])],
      ['A1', figure(10, [5, 5])],
      ['A2', figure(10, [5, 5])],
      ['B', figure(20, [15, 5])],
      ['B1', figure(20, [15, 5])],
      ['B2', figure(0, [0, 0])],
      ['C', figure(20, [15, 5])],
      ['C1', figure(20, [15, 5])],
    ]);
    const same = suppressTable(root, none);
    for (const [code, v] of none) expect(same.get(code)).toBe(v);
    const smallB = new Map(none);
    smallB.set('R', figure(43, [28, 15]));
    smallB.set('B', figure(3, [3, 0]));
    smallB.set('B1', figure(3, [3, 0]));
    const shown = suppressTable(root, smallB);
    expect([shown.get('B')?.total, shown.get('B1')?.total]).toEqual([null, null]);
    // A and C are both 20: the first by code (A) is the complement; its two desa of 10 then hold it (one withheld with it).
    expect(shown.get('A')?.total).toBeNull();
    expect([shown.get('A1')?.total, shown.get('A2')?.total].filter((v) => v === null).length).toBeGreaterThanOrEqual(1);
    expect(determinedCells(root, shown)).toEqual([]);
  });

  it('withholds the additive people details across levels too (datedRecordings), with the rates derived from them', () => {
    const root = tree('R', tree('A'), tree('B'), tree('C'));
    const withDetail = (n: number) => figure(50, [30, 20], { datedRecordings: n, recordingsPerWeek: n / 8 });
    const shown = suppressTable(root, new Map([['R', withDetail(30)], ['A', withDetail(3)], ['B', withDetail(12)], ['C', withDetail(15)]]));
    expect(['R', 'A', 'B', 'C'].map((c) => shown.get(c)?.details.datedRecordings)).toEqual([30, null, null, 15]);
    expect(shown.get('B')?.details.recordingsPerWeek).toBeNull();
  });

  it('withholds the same total and parts of EKTP_PROJECTION as of EKTP_RECORDING (the same counts), whatever its details', () => {
    const root = tree('R', tree('A', tree('A1'), tree('A2'), tree('A3')), tree('B', tree('B1')));
    const counts: [string, number, number][] = [['A1', 2, 1], ['A2', 9, 3], ['A3', 30, 6], ['B1', 40, 2]];
    const sums = (codes: string[]) => counts.filter(([c]) => codes.includes(c)).reduce<[number, number]>((s, [, a, b]) => [s[0] + a, s[1] + b], [0, 0]);
    const regions: [string, [number, number]][] = [['R', sums(['A1', 'A2', 'A3', 'B1'])], ['A', sums(['A1', 'A2', 'A3'])], ['B', sums(['B1'])], ...counts.map(([c, a, b]) => [c, [a, b]] as [string, [number, number]])];
    const recording = suppressTable(root, new Map(regions.map(([c, [a, b]]) => [c, figure(a + b, [a, b])])));
    const projection = suppressTable(root, new Map(regions.map(([c, [a, b]]) => [c, { ...figure(a + b, [a, b], { datedRecordings: c === 'A1' ? 2 : 7, recordingsPerWeek: 1 }), id: 'EKTP_PROJECTION' as const, unit: 'DATE' as const, value: '2027-01-01' }])));
    for (const [code] of regions) expect({ code, cells: cellsOf(projection.get(code) as IndicatorValue) }).toEqual({ code, cells: cellsOf(recording.get(code) as IndicatorValue) });
  });

  it('withholds the total of a service count with its cases and services per visit (services ÷ shown visits gives it back)', () => {
    const v = suppressTable(tree('R'), new Map([['R', { ...figure(3, [3, 0], { visits: 1, servicesPerVisit: 3 }), unit: 'COUNT' as const, value: 1 }]])).get('R') as IndicatorValue;
    expect([v.total, v.value, v.details.visits, v.details.servicesPerVisit]).toEqual([null, 1, 1, null]);
  });

  /** The table of a regency from its desa's parts: kecamatan and regency are the sums. */
  const tableOf = (codes: string[][], counts: Map<string, number[]>) => {
    const parts = (counts.values().next().value as number[]).length;
    const sum = (list: string[]) => list.reduce((s, v) => s.map((x, i) => x + ((counts.get(v) as number[])[i] as number)), Array<number>(parts).fill(0));
    const figures = new Map<string, IndicatorValue>();
    const put = (code: string, p: number[]) => figures.set(code, figure(p.reduce((a, b) => a + b, 0), p));
    put('R', sum(codes.flat()));
    codes.forEach((villages, d) => put(`D${d}`, sum(villages)));
    for (const v of codes.flat()) put(v, counts.get(v) as number[]);
    return { root: tree('R', ...codes.map((villages, d) => tree(`D${d}`, ...villages.map((v) => tree(v))))), figures };
  };

  it('withholds more where single groups are each fine but together pin a cell (the audit as linear equations)', () => {
    // Found by the random search below with the rule alone: desa D2V0's part P1 (2) was determined by combining the
    // groups of its kecamatan, its regency and its siblings, though no group held a single withheld cell.
    const codes = [['D0V0'], ['D1V0', 'D1V1', 'D1V2', 'D1V3'], ['D2V0', 'D2V1', 'D2V2', 'D2V3']];
    const counts = new Map<string, number[]>([
      ['D0V0', [7, 1, 14, 5]], ['D1V0', [1, 2, 6, 3]], ['D1V1', [13, 6, 8, 2]], ['D1V2', [3, 3, 1, 0]], ['D1V3', [8, 0, 2, 1]],
      ['D2V0', [4, 2, 0, 3]], ['D2V1', [3, 13, 9, 3]], ['D2V2', [11, 5, 2, 8]], ['D2V3', [9, 3, 3, 10]],
    ]);
    const { root, figures } = tableOf(codes, counts);
    expect(determinedCells(root, suppressTable(root, figures))).toEqual([]);
  });

  it('leaves no withheld cell determined on random tables (an exact solver: sums of groups, not only one group at a time)', () => {
    const rnd = random(1);
    for (let round = 0; round < 200; round++) {
      // Two to five kecamatan of one to five desa; each desa's two to four parts 0–14, often small.
      const parts = 2 + Math.floor(rnd() * 3);
      const codes: string[][] = [];
      const nDistricts = 2 + Math.floor(rnd() * 4);
      for (let d = 0; d < nDistricts; d++) codes.push(Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, v) => `D${d}V${v}`));
      const counts = new Map<string, number[]>();
      for (const village of codes.flat()) counts.set(village, Array.from({ length: parts }, () => Math.floor(rnd() * (rnd() < 0.5 ? 5 : 15))));
      const { root, figures } = tableOf(codes, counts);
      const shown = suppressTable(root, figures);
      expect({ round, determined: determinedCells(root, shown) }).toEqual({ round, determined: [] });
      // Every small count is withheld.
      for (const [code, v] of figures) for (const [k, n] of Object.entries(cellsOf(v))) if (n !== null && n > 0 && n < 5) expect({ code, k, shown: cellsOf(shown.get(code) as IndicatorValue)[k] }).toEqual({ code, k, shown: null });
    }
  });
});
