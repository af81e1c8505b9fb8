/**
 * The JSON shapes of the reporting service's read API: what the dashboard (plain JavaScript in ./dashboard) and
 * integrators rely on. The controllers' DTOs implement these; change them only compatibly (add fields).
 */

/**
 * The indicators the service computes (see the definitions in indicators/definitions.ts): the office's ten, then the
 * Ministry's IKD activation, burial register and integrated services (added in 0.4; the scorecard reads them with
 * the office's coverage indicators).
 */
export const INDICATOR_IDS = [
  'EKTP_RECORDING',
  'KIA',
  'BIRTH_DEED_0_18',
  'DEATH_DEED',
  'BLAS',
  'OMAS',
  'TIMELY_REGISTRATION',
  'ONLINE_SHARE',
  'OUTREACH_ACTIVITY',
  'EKTP_PROJECTION',
  'IKD',
  'BURIAL_REGISTER',
  'INTEGRATED_SERVICES',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export type RegionLevel = 'REGENCY' | 'DISTRICT' | 'VILLAGE';

export interface RegionRef {
  /** Kemendagri code without dots: 4 digits (regency), 6 (kecamatan), 10 (desa / kelurahan). */
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
}

/** One part of an indicator's breakdown: the parts of a breakdown add up to its `total`. */
export interface IndicatorPart {
  readonly key: string;
  readonly label: string;
  /**
   * Null in a public answer when withheld: a small count (1–4), or a count that would give one back within the figure
   * or across region levels (indicators/small-cells.ts); then named in `suppressed`.
   */
  readonly count: number | null;
}

export interface IndicatorValue {
  readonly id: IndicatorId;
  readonly name: string;
  /** How it is computed, in one or two sentences, naming the domain library's formula. */
  readonly definition: string;
  /** PERCENT (coverage, shares), DAYS (service times), COUNT (activity), DATE (projection). */
  readonly unit: 'PERCENT' | 'DAYS' | 'COUNT' | 'DATE';
  /**
   * The headline figure: a percent (two decimals), a median in days, a count; for DATE indicators the day
   * (YYYY-MM-DD). Null when there is nothing to measure (DATE: when it cannot be said; details.reason says why).
   */
  readonly value: number | string | null;
  /** For DATE indicators: the same day as value (kept for older clients). */
  readonly date?: string | null;
  /** The target (Ministry's where one exists, else the office's), in the indicator's unit; null when none. */
  readonly target: number | null;
  readonly targetSource: 'MINISTRY_2023' | 'LEGAL_DEADLINE' | 'OFFICE' | null;
  /** Whether the target is met (decided on exact counts); null without a target or without data. */
  readonly meetsTarget: boolean | null;
  /** The whole the parts add up to (wajib KTP residents, children 0–17, deaths, registrations, …); null when withheld (small or a complement). */
  readonly total: number | null;
  readonly parts: readonly IndicatorPart[];
  /** Indicator-specific figures: e.g. { p90: 12 } for service times, { visits, servicesPerVisit, villagesNotVisited } … */
  readonly details: Readonly<Record<string, number | string | null>>;
  /**
   * Public answers only: the figures withheld as small counts (1–4 people) or because they would give one back
   * (within the figure, or by subtraction across region levels: indicators/small-cells.ts), as paths — `total`, `value`, `parts.<KEY>`, `details.<name>` — each of them null here. Absent when nothing is
   * withheld; never present for the office (operator, registrar, analyst, admin) within its region scope.
   */
  readonly suppressed?: readonly string[];
}

/** GET /indicators?region=&date= */
export interface IndicatorsResponse {
  readonly region: RegionRef;
  /** The day the figures are for (the office's calendar day). */
  readonly asOf: string;
  readonly indicators: readonly IndicatorValue[];
}

/** GET /indicators/{id}/ranking?region=&date= : the region's children ranked by the indicator (worst first). */
export interface RankingResponse {
  readonly indicator: IndicatorId;
  readonly region: RegionRef;
  readonly asOf: string;
  /** `suppressed: true`: value or total withheld in a public answer (small counts; see IndicatorValue.suppressed). */
  readonly rows: readonly (RegionRef & { readonly value: number | string | null; readonly total: number | null; readonly rank: number; readonly suppressed?: true })[];
}

/** GET /indicators/{id}/series?region=&from=&to= : one point per day. */
export interface SeriesResponse {
  readonly indicator: IndicatorId;
  readonly region: RegionRef;
  /**
   * The first day whose figure the records date (null: every day): an imported register that did not say since when
   * (no registered_on, a recorded e-KTP without ektp_recorded_on, a KIA or birth deed held) starts the history on
   * its import day. Points before it have `known: false` and no value.
   */
  readonly historyFrom: string | null;
  readonly points: readonly {
    readonly date: string;
    readonly value: number | string | null;
    readonly total: number | null;
    readonly known?: false;
    readonly projectedDate?: string | null;
    /** Value or total withheld in a public answer (small counts; see IndicatorValue.suppressed). */
    readonly suppressed?: true;
  }[];
}

/** GET /regions/{code} : the region, its parent and its children (for drill-down). */
export interface RegionResponse {
  readonly region: RegionRef;
  readonly parent: RegionRef | null;
  readonly children: readonly RegionRef[];
}

/** GET /reconciliation?date= : every breakdown of every region checked. */
export interface ReconciliationResponse {
  readonly asOf: string;
  readonly ok: boolean;
  readonly regionsChecked: number;
  readonly checks: number;
  readonly failures: readonly {
    readonly region: string;
    readonly indicator: IndicatorId;
    /** e.g. "parts 120 ≠ total 121" or "children 5 ≠ parent 6". */
    readonly problem: string;
  }[];
}
