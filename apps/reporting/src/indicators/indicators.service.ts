/**
 * The read API's answers (shapes.ts): the indicators of a region on a day, rankings of its children, series,
 * regions, the reconciliation of every breakdown, and exports. All figures come from the read models through
 * FiguresService; nothing here reads another service. The public figures withhold small counts (small-cells.ts)
 * unless the viewer is the office within its region scope; the reconciliation (office roles only) is exact. Every
 * public figure of a region on a day is read from that day's public table of the whole regency (publicTable,
 * small-cells.ts suppressTable), whatever the endpoint: the complements withheld are then the same in every answer.
 */
import { Injectable } from '@nestjs/common';
import { Problem, type Principal } from '@adminduk/platform';
import { INDICATOR_IDS, type IndicatorId, type IndicatorValue, type IndicatorsResponse, type RankingResponse, type ReconciliationResponse, type RegionRef, type RegionResponse, type SeriesResponse } from '../api/shapes';
import { OfficeClockService } from '../common/office-clock.service';
import { RegionsService } from '../common/regions.service';
import { addInto, emptyCounts, sumCounts, type Counts } from './counts';
import { buildIndicator, DEFINITIONS, measuresOf } from './definitions';
import { FIGURES_CACHE_MS, FiguresService } from './figures.service';
import { ChangeCache } from '../common/change-cache';
import { ProjectionEventsService } from '../projections/projection-events.service';
import { seesExactFigures, suppressSmallCells, suppressTable, type RegionNode } from './small-cells';

/** The longest series served at once (one year and a day): a longer one is several requests. */
export const MAX_SERIES_DAYS = 366;

export interface ExportTable {
  readonly indicator: IndicatorId;
  readonly asOf: string;
  readonly region: RegionRef;
  readonly rows: readonly (RegionRef & { readonly indicator: IndicatorValue })[];
}

@Injectable()
export class IndicatorsService {
  private readonly answers = new ChangeCache<IndicatorsResponse>(FIGURES_CACHE_MS, 256);
  /** The public tables (indicator and day), kept like the counts are, until the read model changes. */
  private readonly publicTables = new ChangeCache<ReadonlyMap<string, IndicatorValue>>(FIGURES_CACHE_MS, 256);

  constructor(
    private readonly figures: FiguresService,
    private readonly regions: RegionsService,
    private readonly clock: OfficeClockService,
    private readonly projection: ProjectionEventsService,
  ) {}

  async indicators(regionCode: string | undefined, date: string | undefined, viewer?: Principal): Promise<IndicatorsResponse> {
    const region = this.regions.resolve(regionCode);
    const asOf = this.day(date, 'date');
    // The whole (exact) answer is kept like the counts are, until the read model changes.
    const answer = await this.answers.get(`${region.code}|${asOf}`, this.projection.changes, async () => {
      const villages = await this.figures.villageCounts(asOf);
      const { counts } = this.of(villages, region);
      return { region, asOf, indicators: INDICATOR_IDS.map((id) => buildIndicator(id, counts, asOf)) };
    });
    if (seesExactFigures(viewer, region.code)) return answer;
    const tables = await Promise.all(INDICATOR_IDS.map((id) => this.publicTable(id, asOf)));
    return { ...answer, indicators: answer.indicators.map((v, i) => tables[i]?.get(region.code) ?? suppressSmallCells(v)) };
  }

  async ranking(id: string, regionCode: string | undefined, date: string | undefined, viewer?: Principal): Promise<RankingResponse> {
    const indicator = this.indicatorId(id);
    const region = this.regions.resolve(regionCode);
    const asOf = this.day(date, 'date');
    const villages = await this.figures.villageCounts(asOf);
    const children = this.regions.children(region, villages.keys());
    const table = await this.publicTableFor(indicator, asOf, children, viewer);
    // Ranked on the figures as the viewer sees them: a withheld value ranks with the regions without a figure.
    const values = children.map((child) => {
      const { counts } = this.of(villages, child);
      return { child, value: this.shown(buildIndicator(indicator, counts, asOf), child.code, viewer, table) };
    });
    const better = DEFINITIONS[indicator].better;
    const key = (v: IndicatorValue): number | null =>
      better === 'EARLIER' ? (v.date ? Date.parse(v.date) : null) : typeof v.value === 'number' ? v.value : null;
    // Worst first; regions without a figure (nothing to measure, or a target not reached in the horizon) last.
    values.sort((a, b) => {
      const x = key(a.value);
      const y = key(b.value);
      if (x === null || y === null) return x === y ? a.child.code.localeCompare(b.child.code) : x === null ? 1 : -1;
      const order = better === 'HIGHER' ? x - y : y - x;
      return order !== 0 ? order : a.child.code.localeCompare(b.child.code);
    });
    return {
      indicator,
      region,
      asOf,
      rows: values.map((v, i) => ({
        ...v.child,
        value: v.value.value,
        total: v.value.total,
        rank: i + 1,
        ...(v.value.date !== undefined ? { date: v.value.date } : {}),
        ...(v.value.suppressed ? { suppressed: true as const } : {}),
      })),
    };
  }

  async series(id: string, regionCode: string | undefined, fromDate: string | undefined, toDate: string | undefined, viewer?: Principal): Promise<SeriesResponse> {
    const indicator = this.indicatorId(id);
    const region = this.regions.resolve(regionCode);
    const to = this.day(toDate, 'to');
    const from = fromDate === undefined ? shift(to, -29) : this.day(fromDate, 'from');
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    if (days < 1 || days > MAX_SERIES_DAYS) {
      throw Problem.badRequest('RANGE_INVALID', `from must be on or before to, and a series at most ${MAX_SERIES_DAYS} days long`, [
        { code: 'RANGE_INVALID', field: 'from', message: `${from} to ${to} is ${days} days` },
      ]);
    }
    const measures = measuresOf(indicator);
    // The public reads each day's figure from that day's public table of the whole regency: the regency's rows.
    const exact = seesExactFigures(viewer, region.code);
    const rows = await this.figures.rowsOf(exact ? region.code : this.regions.regencyCode, measures, DEFINITIONS[indicator].histograms === true);
    const knownColumn = DEFINITIONS[indicator].knownFrom;
    const historyFrom = knownColumn === undefined ? null : await this.figures.knownFrom(region.code, knownColumn);
    const points: SeriesResponse['points'][number][] = [];
    for (let i = 0; i < days; i++) {
      const day = shift(from, i);
      // Before historyFrom the records do not date what the figure counts (an import without the dates): no value,
      // rather than a figure that would only show the missing dates.
      if (historyFrom !== null && day < historyFrom) {
        points.push({ date: day, value: null, total: 0, known: false });
        continue;
      }
      const villages = this.figures.countRows(day, rows, measures);
      const { counts } = this.of(villages, region);
      const figure = buildIndicator(indicator, counts, day);
      const value = exact ? figure : (this.tableOf(indicator, day, villages).get(region.code) ?? suppressSmallCells(figure));
      points.push({ date: day, value: value.value, total: value.total, ...(value.date !== undefined ? { projectedDate: value.date } : {}), ...(value.suppressed ? { suppressed: true as const } : {}) });
    }
    return { indicator, region, historyFrom, points };
  }

  region(code: string): RegionResponse {
    const region = this.regions.resolve(code);
    return { region, parent: this.regions.parent(region), children: this.regions.children(region) };
  }

  /**
   * Every breakdown of every region checked on the day: the parts of each indicator add up to its total (in the
   * regency, each kecamatan and each village), the domain formulas accept the counts (a part and its complement
   * adding up to the whole), and children add up to their parent — the kecamatan's villages to the kecamatan
   * counted on its own, the kecamatan to the regency counted on its own (FiguresService.independentCounts).
   */
  async reconciliation(date: string | undefined): Promise<ReconciliationResponse> {
    const asOf = this.day(date, 'date');
    const [villages, districtsApart, regencyApart] = await Promise.all([
      this.figures.villageCounts(asOf),
      this.figures.independentCounts(asOf, 'district'),
      this.figures.independentCounts(asOf, 'regency'),
    ]);
    const failures: { region: string; indicator: IndicatorId; problem: string }[] = [];
    let checks = 0;
    let regionsChecked = 0;
    const checkParts = (code: string, counts: Counts) => {
      regionsChecked++;
      for (const id of INDICATOR_IDS) {
        const v = buildIndicator(id, counts, asOf);
        checks++;
        const sum = v.parts.reduce((s, p) => s + (p.count ?? 0), 0);
        if (sum !== v.total) failures.push({ region: code, indicator: id, problem: `parts ${sum} ≠ total ${v.total}` });
        checks++;
        if (v.details.error) failures.push({ region: code, indicator: id, problem: `the formula refuses the counts (${String(v.details.error)})` });
      }
    };
    const checkSum = (parent: string, parentCounts: Counts, childCounts: Counts[]) => {
      const children = sumCounts(childCounts);
      for (const id of INDICATOR_IDS) {
        const p = buildIndicator(id, parentCounts, asOf);
        const c = buildIndicator(id, children, asOf);
        checks++;
        if (p.total !== c.total) failures.push({ region: parent, indicator: id, problem: `children ${c.total} ≠ parent ${p.total}` });
        for (const part of p.parts) {
          const other = c.parts.find((x) => x.key === part.key)?.count ?? 0;
          checks++;
          if (other !== part.count) failures.push({ region: parent, indicator: id, problem: `children ${other} ≠ parent ${part.count} (${part.key})` });
        }
      }
    };
    const regency = this.regions.regency;
    const regencyCounts = regencyApart.get(regency.code) ?? emptyCounts();
    // The regency counted on its own knows nothing of villages: "not visited" comes from its villages.
    regencyCounts.unvisitedVillages = sumCounts(villages.values()).unvisitedVillages;
    checkParts(regency.code, regencyCounts);
    const districts = this.regions.children(regency, [...villages.keys(), ...districtsApart.keys()]);
    const districtCounts: Counts[] = [];
    for (const district of districts) {
      const apart = districtsApart.get(district.code) ?? emptyCounts();
      const { counts: fromVillages } = this.of(villages, district);
      apart.unvisitedVillages = fromVillages.unvisitedVillages;
      districtCounts.push(apart);
      checkParts(district.code, apart);
      const children = this.regions.children(district, villages.keys());
      for (const v of children) checkParts(v.code, villages.get(v.code) ?? emptyCounts());
      checkSum(district.code, apart, children.map((v) => villages.get(v.code) ?? emptyCounts()));
    }
    checkSum(regency.code, regencyCounts, districtCounts);
    // Rows whose codes are not in the regency's region list cannot be placed: they are a failure too.
    const placed = new Set(districts.flatMap((d) => this.regions.children(d, villages.keys()).map((v) => v.code)));
    for (const [code, c] of villages) {
      if (placed.has(code)) continue;
      checks++;
      failures.push({ region: code, indicator: 'EKTP_RECORDING', problem: `rows with an unknown village code (${c.m.ektpTotal ?? 0} wajib KTP)` });
    }
    return { asOf, ok: failures.length === 0, regionsChecked, checks, failures };
  }

  async exportTable(id: string, regionCode: string | undefined, date: string | undefined, viewer?: Principal): Promise<ExportTable> {
    const indicator = this.indicatorId(id);
    const region = this.regions.resolve(regionCode);
    const asOf = this.day(date, 'date');
    const villages = await this.figures.villageCounts(asOf);
    const regions = [region, ...this.regions.children(region, villages.keys())];
    const table = await this.publicTableFor(indicator, asOf, regions, viewer);
    const rows = regions.map((r) => {
      const { counts } = this.of(villages, r);
      return { ...r, indicator: this.shown(buildIndicator(indicator, counts, asOf), r.code, viewer, table) };
    });
    return { indicator, asOf, region, rows };
  }

  /** The figure of a region as the viewer may see it: exact for the office within its scope, else its public figure. */
  private shown(value: IndicatorValue, regionCode: string, viewer: Principal | undefined, table: ReadonlyMap<string, IndicatorValue>): IndicatorValue {
    return seesExactFigures(viewer, regionCode) ? value : (table.get(regionCode) ?? suppressSmallCells(value));
  }

  /** The public table when the viewer sees one of `regions` as the public does (else none is needed). */
  private async publicTableFor(indicator: IndicatorId, asOf: string, regions: readonly RegionRef[], viewer: Principal | undefined): Promise<ReadonlyMap<string, IndicatorValue>> {
    return regions.every((r) => seesExactFigures(viewer, r.code)) ? new Map() : this.publicTable(indicator, asOf);
  }

  /** The public figures of every region of the regency for one indicator on a day (small-cells.ts). */
  private publicTable(indicator: IndicatorId, asOf: string): Promise<ReadonlyMap<string, IndicatorValue>> {
    return this.publicTables.get(`${indicator}|${asOf}`, this.projection.changes, async () => this.tableOf(indicator, asOf, await this.figures.villageCounts(asOf)));
  }

  /**
   * The public table of one indicator on a day from the counts of every village: the regency, its kecamatan and
   * their villages as the rankings and exports list them (with the codes in the data), each region the sum of its
   * villages as everywhere else, withheld together (suppressTable).
   */
  private tableOf(indicator: IndicatorId, day: string, villages: Map<string, Counts>): Map<string, IndicatorValue> {
    // The sums of the villages under each kecamatan and the regency (by code prefix, as `of` does), in one pass.
    const sums = new Map<string, Counts>();
    const regency = this.regions.regencyCode;
    for (const [code, c] of villages) {
      if (!code.startsWith(regency)) continue;
      for (const prefix of [regency, code.slice(0, 6)]) {
        let sum = sums.get(prefix);
        if (!sum) sums.set(prefix, (sum = emptyCounts()));
        addInto(sum, c);
      }
    }
    const figures = new Map<string, IndicatorValue>();
    const node = (region: RegionRef): RegionNode => {
      // A village's code is its whole prefix: its own counts (read only).
      const counts = (region.level === 'VILLAGE' ? villages.get(region.code) : sums.get(region.code)) ?? emptyCounts();
      figures.set(region.code, buildIndicator(indicator, counts, day));
      return { code: region.code, children: this.regions.children(region, villages.keys()).map(node) };
    };
    return suppressTable(node(this.regions.regency), figures);
  }

  /** The counts of a region: the sum of its villages. */
  private of(villages: Map<string, Counts>, region: RegionRef): { counts: Counts } {
    const within: Counts[] = [];
    for (const [code, c] of villages) if (code.startsWith(region.code)) within.push(c);
    return { counts: sumCounts(within) };
  }

  private indicatorId(id: string): IndicatorId {
    if (!(INDICATOR_IDS as readonly string[]).includes(id)) throw Problem.notFound('INDICATOR_NOT_FOUND', `no indicator ${id}; the indicators are ${INDICATOR_IDS.join(', ')}`);
    return id as IndicatorId;
  }

  /** A day from the query: a real date, not after today at the office (future figures would be guesses); default today. */
  private day(value: string | undefined, field: string): string {
    const today = this.clock.today();
    if (value === undefined) return today;
    const real = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
    if (!real) throw Problem.badRequest('DATE_INVALID', `${field} must be a calendar date YYYY-MM-DD`, [{ code: 'DATE_INVALID', field, message: `${value} is not a calendar date` }]);
    if (value > today) throw Problem.badRequest('DATE_IN_FUTURE', `${field} is after today (${today}) at the office`, [{ code: 'DATE_IN_FUTURE', field, message: `${value} is after ${today}` }]);
    if (value < '1900-01-01') throw Problem.badRequest('DATE_INVALID', `${field} is before 1900`, [{ code: 'DATE_INVALID', field, message: `${value} is before 1900` }]);
    return value;
  }
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
