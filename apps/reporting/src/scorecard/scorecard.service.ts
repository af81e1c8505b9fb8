/**
 * The Ministry's scorecard (issue 18): each of the Ministry's indicators (MINISTRY_INDICATORS of the domain library)
 * for a region and a year, with its definition, formula, the year's target and its source, and where the office
 * stands against it:
 * - computed by the system where it holds the records: the coverage indicators of this service (e-KTP recording,
 *   KIA, birth deeds, IKD, burial register, online share; the same figures, with the same small-cell rules, as
 *   GET /indicators) and the data-access agreements (PKS in force, and those actually used);
 * - entered by hand where it does not (integrated services, plain paper, electronic signature, innovations): the
 *   latest entry for the year with who entered it and when, or "not measured" (`status: NOT_MEASURED`) without one.
 * A year is read as of its last day, or as of today for the current year. The office's own operational indicators
 * (BLAS, OMAS, timeliness, outreach, projection, death deeds) are listed apart as the office's.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  isMinistryIndicatorId,
  MINISTRY_INDICATOR_IDS,
  MINISTRY_INDICATORS,
  ministryTarget,
  scorecardStanding,
  type MinistryIndicator,
  type MinistryIndicatorId,
} from '@adminduk/domain';
import { canAccessRegion, hasRole, Problem, requireRegencyScope, SERVICE_CONFIG, type DataAgreementConfig, type Principal, type ServiceConfig } from '@adminduk/platform';
import type { IndicatorId, IndicatorValue, RegionRef } from '../api/shapes';
import { OfficeClockService } from '../common/office-clock.service';
import { RegionsService } from '../common/regions.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { AgreementUse } from '../projections/agreement-use.entity';
import { ScorecardEntry } from './scorecard-entry.entity';

/** An agreement "actually used": at least one request answered (not refused) in the USE_WINDOW_DAYS ending on the day. */
export const USE_WINDOW_DAYS = 90;

/** The office's own operational indicators, shown beside the Ministry's and labelled as the office's. */
export const OFFICE_INDICATORS: readonly IndicatorId[] = ['DEATH_DEED', 'BLAS', 'OMAS', 'TIMELY_REGISTRATION', 'OUTREACH_ACTIVITY', 'EKTP_PROJECTION'];

export type ScorecardStatus = 'MEASURED' | 'ENTERED' | 'NOT_MEASURED';

export interface ScorecardEntryView {
  readonly id: string;
  readonly indicator: string;
  readonly year: number;
  readonly value: number;
  /** Where the figure comes from; who entered it (a staff member's subject). Both null in a public answer. */
  readonly note: string | null;
  readonly enteredBy: string | null;
  readonly enteredAt: string;
}

export interface AgreementStanding {
  readonly number: string;
  readonly agency: string;
  readonly purpose: string;
  readonly signedOn: string;
  readonly expiresOn: string;
  readonly inForce: boolean;
  /** Requests answered (not refused) in the USE_WINDOW_DAYS ending on the day, by every service. */
  readonly requests: number;
  readonly refused: number;
  readonly used: boolean;
}

export interface ScorecardRow {
  readonly id: MinistryIndicatorId;
  readonly nameId: string;
  readonly nameEn: string;
  readonly definition: string;
  readonly formula: string;
  readonly unit: 'PERCENT' | 'COUNT';
  readonly measurement: 'SYSTEM' | 'MANUAL';
  /** SYSTEM indicators computed per kecamatan and village (rank them with GET /indicators/{officeIndicator}/ranking). */
  readonly byRegion: boolean;
  /** The indicator of GET /indicators that computes it (SYSTEM, by region), for its breakdown, ranking and series. */
  readonly officeIndicator: IndicatorId | null;
  readonly status: ScorecardStatus;
  /** The value (percent or count); null when not measured, or withheld in a public answer (small counts). */
  readonly value: number | null;
  /** The region the value is for: the asked region, or the regency for what is only known for the whole regency. */
  readonly valueRegion: string;
  readonly target: number | null;
  readonly targetYear: number | null;
  readonly targetSource: string | null;
  readonly meetsTarget: boolean | null;
  /** Percent points or a count short of the target; 0 when met; null without a value or a target. */
  readonly gap: number | null;
  /** The whole and the part for a computed percentage (null when withheld), for "x of y". */
  readonly total: number | null;
  readonly covered: number | null;
  /** The latest manual entry for the year (MANUAL indicators), with who entered it and when. */
  readonly entry: ScorecardEntryView | null;
  /** Public answers: withheld as small counts (see GET /indicators). */
  readonly suppressed?: boolean;
}

export interface ScorecardResponse {
  readonly year: number;
  /** The day the figures are for: the year's last day, or today at the office for the current year. */
  readonly asOf: string;
  readonly region: RegionRef;
  readonly indicators: readonly ScorecardRow[];
  /** The office's own indicators (not the Ministry's), with their values on the same day. */
  readonly officeIndicators: readonly { readonly id: IndicatorId; readonly name: string; readonly unit: string; readonly value: number | string | null; readonly target: number | null; readonly meetsTarget: boolean | null }[];
  /** The data-access agreements and their use (the office only: operator, registrar, analyst within their scope). */
  readonly agreements?: readonly AgreementStanding[];
}

export interface NewEntry {
  readonly indicator: string;
  readonly year: number;
  readonly value: number;
  readonly note?: string;
}

@Injectable()
export class ScorecardService {
  constructor(
    private readonly em: EntityManager,
    private readonly indicators: IndicatorsService,
    private readonly regions: RegionsService,
    private readonly clock: OfficeClockService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async scorecard(regionCode: string | undefined, yearText: string | undefined, viewer: Principal | undefined): Promise<ScorecardResponse> {
    const region = this.regions.resolve(regionCode);
    const year = this.year(yearText);
    const asOf = this.asOfFor(year);
    const figures = await this.indicators.indicators(region.code, asOf, viewer);
    const byId = new Map(figures.indicators.map((v) => [v.id, v]));
    const regency = this.regions.regency.code;
    const office = viewer !== undefined && hasRole(viewer, 'operator', 'registrar', 'analyst') && canAccessRegion(viewer, regency);
    // Who entered a value, and their note, are the office's: the public sees that the office entered it, and when.
    const entries = new Map([...(await this.latestEntries(year))].map(([k, e]) => [k, office ? e : { ...e, enteredBy: null, note: null }]));
    const agreements = await this.agreementStandings(asOf);
    const rows = MINISTRY_INDICATOR_IDS.map((id) => this.row(MINISTRY_INDICATORS[id], year, region, regency, byId, entries, agreements));
    const own = OFFICE_INDICATORS.map((id) => {
      const v = byId.get(id) as IndicatorValue;
      return { id, name: v.name, unit: v.unit, value: v.value, target: v.target, meetsTarget: v.meetsTarget };
    });
    return { year, asOf, region, indicators: rows, officeIndicators: own, ...(office ? { agreements } : {}) };
  }

  /** Every manual entry of a year (newest first), for the office. */
  async entries(yearText: string | undefined): Promise<ScorecardEntryView[]> {
    const year = this.year(yearText);
    const rows = await this.em.fork().find(ScorecardEntry, { year }, { orderBy: { enteredAt: 'desc', id: 'desc' } });
    return rows.map(entryView);
  }

  /**
   * Records the office's value of a MANUAL indicator for a year. The value is checked as the scorecard reads it (a
   * percentage 0–100, a count ≥ 0); the caller's scope must cover the regency (the value is the regency's).
   */
  async enter(body: NewEntry, principal: Principal): Promise<ScorecardEntryView> {
    requireRegencyScope(principal, this.regions.regency.code, "entering the regency's scorecard");
    if (!isMinistryIndicatorId(body.indicator)) {
      const message = `${body.indicator} is not one of the Ministry's indicators (${MINISTRY_INDICATOR_IDS.join(', ')})`;
      throw Problem.badRequest('SCORECARD_INDICATOR_UNKNOWN', message, [{ code: 'SCORECARD_INDICATOR_UNKNOWN', field: 'indicator', message }]);
    }
    const indicator = MINISTRY_INDICATORS[body.indicator];
    if (indicator.measurement === 'SYSTEM') {
      throw Problem.conflict('SCORECARD_INDICATOR_MEASURED', `${indicator.id} is computed by the system from its records; it is not entered by hand`);
    }
    const year = this.year(String(body.year));
    const standing = scorecardStanding(indicator.id, year, body.value);
    if (!standing.ok) {
      const first = standing.errors[0];
      throw Problem.unprocessable(first.code, first.message, standing.errors.map((e) => ({ code: e.code, field: 'value', message: e.message })));
    }
    const entry = this.em.fork();
    const row = entry.create(ScorecardEntry, {
      id: randomUUID(),
      indicator: indicator.id,
      year,
      value: body.value,
      note: body.note?.trim() ? body.note.trim() : null,
      enteredBy: principal.id,
      enteredAt: new Date(),
    });
    await entry.flush();
    return entryView(row);
  }

  /** A year from the query: a whole year from 2000, not after the office's current year; default the current year. */
  private year(value: string | undefined): number {
    const current = Number(this.clock.today().slice(0, 4));
    if (value === undefined || value === '') return current;
    if (!/^\d{4}$/.test(value) || Number(value) < 2000) {
      throw Problem.badRequest('YEAR_INVALID', 'year must be a year from 2000, written with four digits', [{ code: 'YEAR_INVALID', field: 'year', message: `${value} is not a year` }]);
    }
    const year = Number(value);
    if (year > current) throw Problem.badRequest('YEAR_IN_FUTURE', `year is after the current year (${current}) at the office`, [{ code: 'YEAR_IN_FUTURE', field: 'year', message: `${value} is after ${current}` }]);
    return year;
  }

  private asOfFor(year: number): string {
    const today = this.clock.today();
    return Number(today.slice(0, 4)) === year ? today : `${year}-12-31`;
  }

  private async latestEntries(year: number): Promise<Map<string, ScorecardEntryView>> {
    const rows = await this.em.fork().find(ScorecardEntry, { year }, { orderBy: { enteredAt: 'asc', id: 'asc' } });
    const latest = new Map<string, ScorecardEntryView>();
    for (const row of rows) latest.set(row.indicator, entryView(row));
    return latest;
  }

  /** The agreements of DATA_AGREEMENTS on the day, with their use in the window ending on it (every service's). */
  private async agreementStandings(asOf: string): Promise<AgreementStanding[]> {
    const agreements: readonly DataAgreementConfig[] = this.config.dataAgreements;
    if (agreements.length === 0) return [];
    const from = shiftDay(asOf, -(USE_WINDOW_DAYS - 1));
    const uses = await this.em.fork().find(AgreementUse, { day: { $gte: from, $lte: asOf } });
    const totals = new Map<string, { requests: number; refused: number }>();
    for (const u of uses) {
      const t = totals.get(u.agreement) ?? { requests: 0, refused: 0 };
      t.requests += u.requests;
      t.refused += u.refused;
      totals.set(u.agreement, t);
    }
    return agreements.map((a) => {
      const t = totals.get(a.number) ?? { requests: 0, refused: 0 };
      const inForce = a.signedOn <= asOf && asOf <= a.expiresOn;
      const answered = t.requests - t.refused;
      return { number: a.number, agency: a.agency, purpose: a.purpose, signedOn: a.signedOn, expiresOn: a.expiresOn, inForce, requests: answered, refused: t.refused, used: inForce && answered > 0 };
    });
  }

  private row(
    indicator: MinistryIndicator,
    year: number,
    region: RegionRef,
    regency: string,
    figures: ReadonlyMap<IndicatorId, IndicatorValue>,
    entries: ReadonlyMap<string, ScorecardEntryView>,
    agreements: readonly AgreementStanding[],
  ): ScorecardRow {
    const target = ministryTarget(indicator.id, year);
    const base = {
      id: indicator.id,
      nameId: indicator.nameId,
      nameEn: indicator.nameEn,
      definition: indicator.definition,
      formula: indicator.formula,
      unit: indicator.unit,
      measurement: indicator.measurement,
      byRegion: indicator.byRegion,
      targetSource: target?.source ?? null,
    };
    if (indicator.computedBy === 'AGREEMENTS') {
      const value = indicator.id === 'PKS' ? agreements.filter((a) => a.inForce).length : agreements.filter((a) => a.used).length;
      const s = standingOf(indicator.id, year, value, null);
      return { ...base, officeIndicator: null, status: 'MEASURED', value, valueRegion: regency, ...s, total: null, covered: null, entry: null };
    }
    if (indicator.computedBy !== undefined) {
      const v = figures.get(indicator.computedBy as IndicatorId) as IndicatorValue;
      const value = typeof v.value === 'number' ? v.value : null;
      // The verdict on exact counts when the figure was judged against the same target (IndicatorValue.meetsTarget).
      const exact = target !== null && v.target === target.target ? v.meetsTarget : null;
      const s = standingOf(indicator.id, year, value, exact);
      const covered = v.parts[0]?.count ?? null;
      const suppressed = (v.suppressed?.length ?? 0) > 0;
      return {
        ...base,
        officeIndicator: v.id,
        status: 'MEASURED',
        value,
        valueRegion: region.code,
        ...s,
        total: v.total,
        covered,
        entry: null,
        ...(suppressed ? { suppressed: true } : {}),
      };
    }
    const entry = entries.get(indicator.id) ?? null;
    const value = entry?.value ?? null;
    const s = standingOf(indicator.id, year, value, null);
    return { ...base, officeIndicator: null, status: entry ? 'ENTERED' : 'NOT_MEASURED', value, valueRegion: regency, ...s, total: null, covered: null, entry };
  }
}

function standingOf(id: MinistryIndicatorId, year: number, value: number | null, exact: boolean | null): { target: number | null; targetYear: number | null; meetsTarget: boolean | null; gap: number | null } {
  const r = scorecardStanding(id, year, value, { exact });
  // The values come from the read model or from checked entries: they cannot break the standing's rules.
  if (!r.ok) return { target: ministryTarget(id, year)?.target ?? null, targetYear: ministryTarget(id, year)?.year ?? null, meetsTarget: null, gap: null };
  return r.value;
}

function entryView(row: ScorecardEntry): ScorecardEntryView {
  return { id: row.id, indicator: row.indicator, year: row.year, value: row.value, note: row.note, enteredBy: row.enteredBy, enteredAt: row.enteredAt.toISOString() };
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
