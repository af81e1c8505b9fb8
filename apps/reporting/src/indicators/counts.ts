/** The counts of one region on one day: every measure, the BLAS / OMAS histograms, and villages not visited. */
import { HISTOGRAMS, MEASURES, toTest, type HistogramKey, type Measure, type Row } from './measures';

export interface Counts {
  readonly m: Record<string, number>;
  readonly hist: Record<HistogramKey, Map<number, number>>;
  /** Villages (of the current edition) without a completed visit in the last NOT_VISITED_WEEKS weeks. */
  unvisitedVillages: number;
}

export function emptyCounts(): Counts {
  const m: Record<string, number> = {};
  for (const measure of MEASURES) m[measure.key] = 0;
  return { m, hist: { blas: new Map(), omas: new Map() }, unvisitedVillages: 0 };
}

export function addInto(target: Counts, source: Counts): Counts {
  for (const [k, v] of Object.entries(source.m)) target.m[k] = (target.m[k] ?? 0) + v;
  for (const key of Object.keys(source.hist) as HistogramKey[]) {
    for (const [days, n] of source.hist[key]) target.hist[key].set(days, (target.hist[key].get(days) ?? 0) + n);
  }
  target.unvisitedVillages += source.unvisitedVillages;
  return target;
}

export function sumCounts(parts: Iterable<Counts>): Counts {
  const total = emptyCounts();
  for (const p of parts) addInto(total, p);
  return total;
}

/** The expanded values of a histogram (for the domain library's serviceTimeSummary). */
export function histogramValues(h: Map<number, number>): number[] {
  const values: number[] = [];
  for (const [days, n] of [...h].sort((a, b) => a[0] - b[0])) for (let i = 0; i < n; i++) values.push(days);
  return values;
}

/** The JavaScript counting of rows (the series): the same measures as the SQL, per village. */
export class RowCounter {
  private readonly tests: { measure: Measure; test: (r: Row) => boolean }[];
  private readonly histTests: { key: HistogramKey; test: (r: Row) => boolean }[];

  constructor(day: string, measures: readonly Measure[]) {
    this.tests = measures.map((measure) => ({ measure, test: toTest(measure.where, day) }));
    this.histTests = HISTOGRAMS.map((h) => ({ key: h.key, test: toTest(h.where, day) }));
  }

  count(table: string, rows: readonly Row[], into: Map<string, Counts>): void {
    const tests = this.tests.filter((t) => t.measure.table === table);
    const hists = table === 'reporting_deed' ? this.histTests : [];
    for (const r of rows) {
      const village = r.village_code as string;
      let c = into.get(village);
      if (!c) into.set(village, (c = emptyCounts()));
      for (const { measure, test } of tests) if (test(r)) c.m[measure.key] = (c.m[measure.key] ?? 0) + (measure.sum ? Number(r[measure.sum]) : 1);
      for (const { key, test } of hists) {
        if (!test(r)) continue;
        const days = Number(r.service_days);
        c.hist[key].set(days, (c.hist[key].get(days) ?? 0) + 1);
      }
    }
  }
}
