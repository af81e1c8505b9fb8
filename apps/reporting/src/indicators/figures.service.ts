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
import { RegionsService } from '../common/regions.service';
import { ProjectionEventsService } from '../projections/projection-events.service';

const TABLES: readonly Table[] = ['reporting_resident', 'reporting_deed', 'reporting_visit'];
/** How the rows are grouped: by village (their place), by their own kecamatan column, or not at all. */
export type Grouping = 'village' | 'district' | 'regency';

/**
 * How long a day's village counts are reused, at most, before they are counted again in full. Events applied by
 * this instance are taken into account at once (their villages are counted again on the next request); with
 * several instances sharing the consumers, another instance's events show within this time.
 */
export const FIGURES_CACHE_MS = 10_000;
/** Days kept (the newest requested); older ones are counted again in full when asked for. */
const DAYS_KEPT = 64;
/** Beyond this share of the villages touched, one full computation is cheaper than a long `in (…)` list. */
const INCREMENTAL_MAX_SHARE = 0.5;

/** What the cache did since the service started: read by the tests and the benchmark (figures, not timings). */
export interface FiguresStats {
  /** Days counted in full (every village). */
  full: number;
  /** Days brought up to date by counting only their touched villages again. */
  incremental: number;
  /** Villages counted again by those incremental updates. */
  villagesRecounted: number;
  /** Requests answered from the cache without any query. */
  hits: number;
}

interface DayEntry {
  /** `ProjectionEventsService.changes` when the counting started (later events are recounted next time). */
  readonly version: number;
  /** When the day was last counted in full (FIGURES_CACHE_MS runs from there, not from incremental updates). */
  readonly fullAt: number;
  readonly value: Promise<Map<string, Counts>>;
}

@Injectable()
export class FiguresService {
  private readonly days = new Map<string, DayEntry>();
  readonly stats: FiguresStats = { full: 0, incremental: 0, villagesRecounted: 0, hits: 0 };

  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
    private readonly projection: ProjectionEventsService,
  ) {}

  /**
   * The counts of every village of the regency on `day` (villages without rows get zeros). The result is shared
   * with other requests for the same day: callers must not change it.
   *
   * Incremental: a day's counts are kept with the projection's version. When events were applied since, only the
   * villages they touched are counted again (`… where village_code in (…) group by village_code`) and the other
   * villages' counts are reused. Every kept day is brought up to date this way, past days included: an event may
   * be backdated (a death reported weeks later, a correction of a birth date), and a village whose rows did not
   * change has the same counts on every day, so recounting a touched village on every kept day is always right
   * and never more than needed. A replay (or a journal of touched villages that no longer reaches back) counts
   * in full, and so does a day counted in full more than FIGURES_CACHE_MS ago: other instances' events are not in
   * this instance's journal, and the figures served must be fresh within that time — so the request that finds
   * the day too old waits for the full count (correctness first) rather than being served older figures.
   */
  villageCounts(day: string): Promise<Map<string, Counts>> {
    const version = this.projection.changes;
    const hit = this.days.get(day);
    if (hit && Date.now() - hit.fullAt < FIGURES_CACHE_MS) {
      if (hit.version === version) {
        this.stats.hits++;
        return hit.value;
      }
      const touched = this.ofRegency(this.projection.touchedSince(hit.version));
      if (touched !== 'ALL' && touched.size <= Math.max(1, this.regions.listedVillages().length * INCREMENTAL_MAX_SHARE)) {
        this.stats.incremental++;
        this.stats.villagesRecounted += touched.size;
        return this.keep(day, { version, fullAt: hit.fullAt, value: hit.value.then((previous) => this.recount(day, previous, touched)) });
      }
    }
    this.stats.full++;
    return this.keep(day, { version, fullAt: Date.now(), value: this.freshVillageCounts(day) });
  }

  /** The counts of every village on `day`, counted in full now without the cache (the reference of the tests). */
  async freshVillageCounts(day: string): Promise<Map<string, Counts>> {
    const counts = await this.query(day, 'village');
    for (const v of this.regions.listedVillages()) if (!counts.has(v.code)) counts.set(v.code, emptyCounts());
    for (const [code, c] of counts) c.unvisitedVillages = this.unvisited(code, c);
    return counts;
  }

  private keep(day: string, entry: DayEntry): Promise<Map<string, Counts>> {
    this.days.delete(day);
    if (this.days.size >= DAYS_KEPT) this.days.delete(this.days.keys().next().value as string);
    this.days.set(day, entry);
    // A failed count is not kept (the next request tries again).
    entry.value.catch(() => {
      if (this.days.get(day) === entry) this.days.delete(day);
    });
    return entry.value;
  }

  /** A new map: `previous` with the touched villages counted again (the previous map stays as it was: it is shared). */
  private async recount(day: string, previous: Map<string, Counts>, touched: ReadonlySet<string>): Promise<Map<string, Counts>> {
    const next = new Map(previous);
    if (touched.size === 0) return next;
    const fresh = await this.query(day, 'village', [...touched]);
    for (const code of touched) {
      const c = fresh.get(code) ?? (this.regions.isListedVillage(code) ? emptyCounts() : undefined);
      if (c === undefined) {
        next.delete(code);
        continue;
      }
      c.unvisitedVillages = this.unvisited(code, c);
      next.set(code, c);
    }
    return next;
  }

  /** Only the villages the village grouping can see (digits, inside the regency); 'ALL' stays 'ALL'. */
  private ofRegency(touched: ReadonlySet<string> | 'ALL'): ReadonlySet<string> | 'ALL' {
    if (touched === 'ALL') return touched;
    const regency = this.regions.regencyCode;
    return new Set([...touched].filter((code) => /^\d+$/.test(code) && code.startsWith(regency)));
  }

  private unvisited(code: string, c: Counts): number {
    return this.regions.isListedVillage(code) && (c.m.visitsRecently ?? 0) === 0 ? 1 : 0;
  }

  /** The counts on `day` grouped by the rows' kecamatan column, or for the whole regency ('regency': one entry). */
  async independentCounts(day: string, grouping: 'district' | 'regency'): Promise<Map<string, Counts>> {
    return this.query(day, grouping);
  }

  /** `only`: these villages (digit codes, checked here) instead of the whole regency; village grouping only. */
  private async query(day: string, grouping: Grouping, only?: readonly string[]): Promise<Map<string, Counts>> {
    const regency = this.regions.regencyCode;
    if (!/^\d{4}$/.test(regency)) throw new Error(`REGENCY_CODE ${regency} is not 4 digits`);
    if (only && (grouping !== 'village' || only.length === 0 || only.some((code) => !/^\d+$/.test(code)))) throw new Error('only villages by digit codes');
    const key = grouping === 'village' ? 'village_code' : grouping === 'district' ? 'district_code' : `'${regency}'`;
    const filter = only
      ? `village_code in (${only.map((code) => `'${code}'`).join(', ')})`
      : grouping === 'village'
        ? `village_code like '${regency}%'`
        : `district_code like '${regency}%'`;
    const group = grouping === 'regency' ? '' : ` group by ${key}`;
    const connection = this.em.getConnection();
    const out = new Map<string, Counts>();
    const entry = (code: string) => {
      let c = out.get(code);
      if (!c) out.set(code, (c = emptyCounts()));
      return c;
    };
    // FILTER rather than sum(case …): a row that does not match skips the aggregate instead of adding 0 to it (the
    // regency's indicators counted in full: 53.6 → 49.3 ms median, 1.78× → 1.64× the plain SQL count, in the
    // reporting benchmark of 2026-11-28). PostgreSQL and SQLite (3.30 and later) both have it.
    const histColumns = HISTOGRAMS.map((h, i) => `count(*) filter (where ${toSql(h.where, day)}) as h${i}`);
    // The four statements at once (the histograms too): a request waits for the slowest, not for their sum.
    const [hist] = await Promise.all([
      connection.execute<Row[]>(
        `select ${key} as k, service_days as d, ${histColumns.join(', ')} from reporting_deed where ${filter} and service_days is not null group by ${grouping === 'regency' ? '' : `${key}, `}service_days`,
        [],
        'all',
      ),
      ...TABLES.map(async (table) => {
        const measures = MEASURES.filter((m) => m.table === table);
        const columns = measures.map((m, i) => (m.sum ? `sum(${m.sum}) filter (where ${toSql(m.where, day)}) as m${i}` : `count(*) filter (where ${toSql(m.where, day)}) as m${i}`));
        const rows = await connection.execute<Row[]>(`select ${key} as k, count(*) as n, ${columns.join(', ')} from ${table} where ${filter}${group}`, [], 'all');
        for (const row of rows) {
          // Without grouping an empty table still answers one row (of zeros): no entry for it.
          if (grouping === 'regency' && Number(row.n) === 0) continue;
          const c = entry(String(row.k));
          measures.forEach((m, i) => (c.m[m.key] = (c.m[m.key] ?? 0) + Number(row[`m${i}`] ?? 0)));
        }
      }),
    ]);
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

  /**
   * The region's latest day before which the records do not date the facts of `column` (ResidentFacts *KnownFrom):
   * null when every resident's are dated. `prefix` is the region's code (digits, checked by the caller).
   */
  async knownFrom(prefix: string, column: 'ektp_known_from' | 'kia_known_from' | 'deed_known_from'): Promise<string | null> {
    if (!/^\d+$/.test(prefix)) throw new Error(`not a region code: ${prefix}`);
    const rows = await this.em.getConnection().execute<{ day: string | null }[]>(`select max(${column}) as day from reporting_resident where village_code like '${prefix}%'`, [], 'all');
    return rows[0]?.day ?? null;
  }

  /** Counts of `day` from rows loaded by rowsOf, per village. */
  countRows(day: string, rows: Map<Table, Row[]>, measures: readonly Measure[]): Map<string, Counts> {
    const counter = new RowCounter(day, measures);
    const out = new Map<string, Counts>();
    for (const [table, list] of rows) counter.count(table, list, out);
    for (const v of this.regions.listedVillages()) if (!out.has(v.code)) out.set(v.code, emptyCounts());
    for (const [code, c] of out) c.unvisitedVillages = this.unvisited(code, c);
    return out;
  }

  /** The sum of the villages under `prefix`. */
  static regionCounts(villages: Map<string, Counts>, prefix: string): Counts {
    const total = emptyCounts();
    for (const [code, c] of villages) if (code.startsWith(prefix)) addInto(total, c);
    return total;
  }
}
