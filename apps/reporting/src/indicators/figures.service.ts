/**
 * The counts of one day from the read models, in SQL: one grouped query per table (residents, deed records,
 * visits) plus one for the BLAS / OMAS histograms, each a single pass over the table with one `sum(case …)` per
 * measure. Grouped by village for the API (kecamatan and regency are the sums of their villages), and — for the
 * reconciliation only — grouped by the rows' own kecamatan column and over the whole regency, computed apart so
 * that "children add up to their parent" is checked against an independent figure.
 *
 * For the series (many days) the region's rows are loaded once and counted in memory with the same measures.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { addInto, emptyCounts, RowCounter, type Counts } from './counts';
import { columnsOf, HISTOGRAMS, MEASURES, toSql, type Measure, type Row, type Table } from './measures';
import { ChangeCache } from '../common/change-cache';
import { RegionsService } from '../common/regions.service';
import { ProjectionEventsService } from '../projections/projection-events.service';

const TABLES: readonly Table[] = ['reporting_resident', 'reporting_deed', 'reporting_visit'];
/** How the rows are grouped: by village (their place), by their own kecamatan column, or not at all. */
export type Grouping = 'village' | 'district' | 'regency';

/**
 * How long a day's village counts are reused while nothing changed here. Events applied by this instance clear
 * them at once; with several instances sharing the consumers, another instance's events show within this time.
 */
export const FIGURES_CACHE_MS = 10_000;

@Injectable()
export class FiguresService {
  private readonly cache = new ChangeCache<Map<string, Counts>>(FIGURES_CACHE_MS, 64);

  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
    private readonly projection: ProjectionEventsService,
  ) {}

  /**
   * The counts of every village of the regency on `day` (villages without rows get zeros). The result is shared
   * with other requests for the same day until the read models change (see FIGURES_CACHE_MS): callers must not
   * change it.
   */
  villageCounts(day: string): Promise<Map<string, Counts>> {
    return this.cache.get(day, this.projection.changes, () => this.computeVillageCounts(day));
  }

  private async computeVillageCounts(day: string): Promise<Map<string, Counts>> {
    const counts = await this.query(day, 'village');
    for (const v of this.regions.listedVillages()) if (!counts.has(v.code)) counts.set(v.code, emptyCounts());
    for (const [code, c] of counts) c.unvisitedVillages = this.regions.isListedVillage(code) && (c.m.visitsRecently ?? 0) === 0 ? 1 : 0;
    return counts;
  }

  /** The counts on `day` grouped by the rows' kecamatan column, or for the whole regency ('regency': one entry). */
  async independentCounts(day: string, grouping: 'district' | 'regency'): Promise<Map<string, Counts>> {
    return this.query(day, grouping);
  }

  private async query(day: string, grouping: Grouping): Promise<Map<string, Counts>> {
    const regency = this.regions.regencyCode;
    if (!/^\d{4}$/.test(regency)) throw new Error(`REGENCY_CODE ${regency} is not 4 digits`);
    const key = grouping === 'village' ? 'village_code' : grouping === 'district' ? 'district_code' : `'${regency}'`;
    const filter = grouping === 'village' ? `village_code like '${regency}%'` : `district_code like '${regency}%'`;
    const group = grouping === 'regency' ? '' : ` group by ${key}`;
    const connection = this.em.getConnection();
    const out = new Map<string, Counts>();
    const entry = (code: string) => {
      let c = out.get(code);
      if (!c) out.set(code, (c = emptyCounts()));
      return c;
    };
    await Promise.all(
      TABLES.map(async (table) => {
        const measures = MEASURES.filter((m) => m.table === table);
        const columns = measures.map((m, i) => `sum(case when ${toSql(m.where, day)} then ${m.sum ?? 1} else 0 end) as m${i}`);
        const rows = await connection.execute<Row[]>(`select ${key} as k, ${columns.join(', ')} from ${table} where ${filter}${group}`, [], 'all');
        for (const row of rows) {
          if (grouping === 'regency' && rows.length === 1 && row.m0 === null) continue;
          const c = entry(String(row.k));
          measures.forEach((m, i) => (c.m[m.key] = (c.m[m.key] ?? 0) + Number(row[`m${i}`] ?? 0)));
        }
      }),
    );
    const histColumns = HISTOGRAMS.map((h, i) => `sum(case when ${toSql(h.where, day)} then 1 else 0 end) as h${i}`);
    const hist = await connection.execute<Row[]>(
      `select ${key} as k, service_days as d, ${histColumns.join(', ')} from reporting_deed where ${filter} and service_days is not null group by ${grouping === 'regency' ? '' : `${key}, `}service_days`,
      [],
      'all',
    );
    for (const row of hist) {
      HISTOGRAMS.forEach((h, i) => {
        const n = Number(row[`h${i}`] ?? 0);
        if (n > 0) entry(String(row.k)).hist[h.key].set(Number(row.d), n);
      });
    }
    return out;
  }

  /**
   * The region's rows with the columns the measures read, for counting many days in memory (the series).
   * `prefix` is the region's code (digits, checked by the caller).
   */
  async rowsOf(prefix: string, measures: readonly Measure[], withHistograms: boolean): Promise<Map<Table, Row[]>> {
    if (!/^\d+$/.test(prefix)) throw new Error(`not a region code: ${prefix}`);
    const out = new Map<Table, Row[]>();
    const connection = this.em.getConnection();
    for (const table of TABLES) {
      const used = measures.filter((m) => m.table === table);
      const columns = new Set<string>(['village_code']);
      for (const m of used) {
        columnsOf(m.where, columns);
        if (m.sum) columns.add(m.sum);
      }
      if (table === 'reporting_deed' && withHistograms) {
        for (const h of HISTOGRAMS) columnsOf(h.where, columns);
        columns.add('service_days');
      }
      if (columns.size === 1) continue;
      out.set(table, await connection.execute<Row[]>(`select ${[...columns].join(', ')} from ${table} where village_code like '${prefix}%'`, [], 'all'));
    }
    return out;
  }

  /** Counts of `day` from rows loaded by rowsOf, per village. */
  countRows(day: string, rows: Map<Table, Row[]>, measures: readonly Measure[]): Map<string, Counts> {
    const counter = new RowCounter(day, measures);
    const out = new Map<string, Counts>();
    for (const [table, list] of rows) counter.count(table, list, out);
    for (const v of this.regions.listedVillages()) if (!out.has(v.code)) out.set(v.code, emptyCounts());
    for (const [code, c] of out) c.unvisitedVillages = this.regions.isListedVillage(code) && (c.m.visitsRecently ?? 0) === 0 ? 1 : 0;
    return out;
  }

  /** The sum of the villages under `prefix`. */
  static regionCounts(villages: Map<string, Counts>, prefix: string): Counts {
    const total = emptyCounts();
    for (const [code, c] of villages) if (code.startsWith(prefix)) addInto(total, c);
    return total;
  }
}
