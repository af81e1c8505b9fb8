/**
 * The rules of Ikhtisar's "Rapor Kemendagri" (the Ministry's scorecard, GET /scorecard of the reporting service), pure:
 * where the person is in Ikhtisar (kept in the address), which years can be picked, how one Ministry indicator reads
 * (value, "x dari y", "< 5", the target and whether it is the year's own, the status in words), who may enter a
 * manual value, what a typed value means, and the export links. The screen (rapor.tsx) only draws what these say.
 */
import type { ReportingComponents } from '@adminduk/clients';
import type { Role } from '../../auth/person';
import { formatDate, formatNumber, formatPercent, type Language } from '../../i18n/format';

export type ScorecardView = ReportingComponents['schemas']['ScorecardView'];
export type ScorecardRow = ReportingComponents['schemas']['ScorecardRowView'];
export type OfficeIndicator = ReportingComponents['schemas']['OfficeIndicatorView'];
export type RankingView = ReportingComponents['schemas']['RankingView'];

/** The first year of the Ministry's dated targets (the Director General's announcement of March 2023). */
export const FIRST_SCORECARD_YEAR = 2023;

/** Where the person is inside Ikhtisar: today's figures (`/ikhtisar`) or the scorecard of a year (`/ikhtisar?bagian=rapor&tahun=2025`). */
export type IkhtisarPlace = { readonly section: 'angka' } | { readonly section: 'rapor'; readonly year?: number };

export function readPlace(search: string, currentYear: number): IkhtisarPlace {
  const query = new URLSearchParams(search);
  if (query.get('bagian') !== 'rapor') return { section: 'angka' };
  const year = Number(query.get('tahun'));
  // A year outside the picker (mistyped, or in the future) opens the current year's scorecard.
  return /^\d{4}$/.test(query.get('tahun') ?? '') && year >= FIRST_SCORECARD_YEAR && year <= currentYear ? { section: 'rapor', year } : { section: 'rapor' };
}

export function placeHref(place: IkhtisarPlace): string {
  if (place.section === 'angka') return '/ikhtisar';
  return place.year === undefined ? '/ikhtisar?bagian=rapor' : `/ikhtisar?bagian=rapor&tahun=${place.year}`;
}

/** The office's current year (WITA), which is the service's too. */
export function officeYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric' }).format(now));
}

/** The years of the picker, newest first: the current year back to 2023. */
export function scorecardYears(currentYear: number): number[] {
  const years: number[] = [];
  for (let y = currentYear; y >= FIRST_SCORECARD_YEAR; y -= 1) years.push(y);
  return years;
}

export type Standing = 'MET' | 'NOT_MET' | 'NO_TARGET' | 'NO_VALUE';
export type Measured = 'SYSTEM' | 'ENTERED' | 'NOT_MEASURED';

/** One Ministry indicator as the screen reads it (formatted; the words are the screen's). */
export interface RowReading {
  /** The value in the office's format ("84,45%", "3", "< 5"), or undefined when there is none. */
  readonly value?: string;
  /** The covered part and the whole of a computed percentage ("103.438", "122.478"). */
  readonly part?: string;
  readonly whole?: string;
  readonly target?: string;
  /** The target's year when it is an earlier year's (the Ministry has announced none since). */
  readonly targetOf?: number;
  readonly standing: Standing;
  /** How far short ("3,2 poin persen" is the screen's; here "3,2" and the unit). */
  readonly gap?: string;
  readonly measured: Measured;
  /** The manual entry: who (when the answer says) and when (formatted), and its note. */
  readonly enteredBy?: string;
  readonly enteredOn?: string;
  readonly note?: string;
}

function inUnit(unit: ScorecardRow['unit'], value: number, lang: Language): string {
  return unit === 'PERCENT' ? formatPercent(value, lang) : formatNumber(value, lang, 0);
}

/**
 * One row of the scorecard for the screen. `names` turns a subject (who entered a value) into a name where the app
 * knows it (the person signed in); otherwise the subject is shown as the service recorded it.
 */
export function readRow(row: ScorecardRow, year: number, lang: Language, names: (subject: string) => string = (s) => s): RowReading {
  const withheld = row.value === null && row.suppressed === true;
  const value = withheld ? '< 5' : row.value === null ? undefined : inUnit(row.unit, row.value, lang);
  const showsWhole = row.unit === 'PERCENT' && row.total !== null && (row.value !== null || withheld);
  const standing: Standing =
    value === undefined || withheld ? 'NO_VALUE' : row.target === null || row.meetsTarget === null ? 'NO_TARGET' : row.meetsTarget ? 'MET' : 'NOT_MET';
  const measured: Measured = row.status === 'MEASURED' ? 'SYSTEM' : row.status === 'ENTERED' ? 'ENTERED' : 'NOT_MEASURED';
  return {
    ...(value !== undefined ? { value } : {}),
    ...(showsWhole ? { part: row.covered === null ? '< 5' : formatNumber(row.covered, lang, 0), whole: formatNumber(row.total as number, lang, 0) } : {}),
    ...(row.target !== null ? { target: inUnit(row.unit, row.target, lang) } : {}),
    ...(row.target !== null && row.targetYear !== null && row.targetYear < year ? { targetOf: row.targetYear } : {}),
    standing,
    ...(standing === 'NOT_MET' && row.gap !== null ? { gap: row.unit === 'PERCENT' ? formatNumber(row.gap, lang, 2) : formatNumber(row.gap, lang, 0) } : {}),
    measured,
    // Who entered it is the office's to know: a public answer (or one outside the regency's scope) names nobody.
    ...(row.entry ? { ...(row.entry.enteredBy !== null ? { enteredBy: names(row.entry.enteredBy) } : {}), enteredOn: formatDate(row.entry.enteredAt, lang), ...(row.entry.note ? { note: row.entry.note } : {}) } : {}),
  };
}

/** The level a ranking of the region lists: the kecamatan of the regency, the villages of a kecamatan; none below. */
export function rankingLevel(region: ScorecardView['region']): 'DISTRICT' | 'VILLAGE' | undefined {
  return region.level === 'REGENCY' ? 'DISTRICT' : region.level === 'DISTRICT' ? 'VILLAGE' : undefined;
}

/** A row is ranked when the system computes it per region and the region has regions below it. */
export function isRanked(row: ScorecardRow, region: ScorecardView['region']): boolean {
  return row.byRegion && row.officeIndicator !== null && rankingLevel(region) !== undefined;
}

/** The ranking's rows worst first (rank 1 is the worst; the service sends them so, this only makes sure). */
export function worstFirst(view: RankingView): RankingView['rows'] {
  return [...view.rows].sort((a, b) => a.rank - b.rank);
}

/** A ranking row's value in the indicator's unit ("< 5" when withheld, "–" without a figure). */
export function rankingValue(row: RankingView['rows'][number], unit: ScorecardRow['unit'], lang: Language): string {
  if (row.suppressed) return '< 5';
  if (row.value === null) return '–';
  return typeof row.value === 'string' ? formatDate(row.value, lang) : inUnit(unit, row.value, lang);
}

/**
 * Who may enter a MANUAL value: a registrar or an analyst whose scope covers the regency (the value is the regency's;
 * the service says REGENCY_SCOPE_REQUIRED otherwise).
 */
export function mayEnterValues(roles: readonly Role[], regions: readonly string[], regency: string): boolean {
  const role = roles.includes('registrar') || roles.includes('analyst');
  return role && regions.some((r) => r === '*' || regency.startsWith(r));
}

/**
 * A value as typed ("2", "75,5", "75.5"), or the problem's code as the service names it when it is no number at all
 * (SCORECARD_VALUE_INVALID). Whether it fits the unit (a percentage at most 100) is the service's to say, in the same
 * code: the screen shows either through the app's messages.
 */
export function parseValue(typed: string): { readonly value: number } | { readonly code: 'SCORECARD_VALUE_INVALID' } {
  const text = typed.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { code: 'SCORECARD_VALUE_INVALID' };
}

/** The CSV and the printable page of the same year and region, on the reporting service's base. */
export function exportLinks(base: string, year: number, region: string): { readonly csv: string; readonly print: string } {
  const query = `year=${year}&region=${encodeURIComponent(region)}`;
  const root = base.replace(/\/$/, '');
  return { csv: `${root}/scorecard/export.csv?${query}`, print: `${root}/scorecard/print?${query}` };
}
