/**
 * Which of the reporting service's indicators Ikhtisar shows, and how: the value, the target and whether it is
 * reached, in words and the office's formats (84,45%; 12 hari; 122.478). Pure: the formatting of one indicator
 * (IndicatorValueView of GET /indicators) for a language.
 */
import type { ReportingComponents } from '@adminduk/clients';
import { formatDate, formatNumber, formatPercent, type Language } from '../../i18n/format';

export type IndicatorsView = ReportingComponents['schemas']['IndicatorsView'];
export type IndicatorValue = ReportingComponents['schemas']['IndicatorValueView'];

/** The handful shown: coverage of the documents the office issues, and the BLAS / OMAS service times. */
export const KEY_INDICATORS = ['EKTP_RECORDING', 'KIA', 'BIRTH_DEED_0_18', 'DEATH_DEED', 'BLAS', 'OMAS'] as const;
export type KeyIndicator = (typeof KEY_INDICATORS)[number];

/** The part of the whole that is covered, for the coverage indicators (the service's part keys). */
const COVERED_PART: Readonly<Partial<Record<KeyIndicator, string>>> = {
  EKTP_RECORDING: 'RECORDED',
  KIA: 'WITH_KIA',
  BIRTH_DEED_0_18: 'WITH_DEED',
  DEATH_DEED: 'REGISTERED',
};

export type Reached = 'REACHED' | 'NOT_REACHED' | 'NO_TARGET' | 'NO_VALUE';

export interface Figure {
  readonly id: KeyIndicator;
  /** The value in the office's format, or undefined when there is nothing to count yet. */
  readonly value?: string;
  readonly target?: string;
  /** The target is a most (days), not a least (a share). */
  readonly targetIsMaximum: boolean;
  readonly reached: Reached;
  /** The covered part and the whole (coverage), or only the whole (service times: deeds issued). */
  readonly part?: string;
  readonly whole: string;
}

function formatted(unit: IndicatorValue['unit'], value: number | string, date: string | null | undefined, lang: Language): string {
  // A DATE indicator's value is its day (reporting's EKTP_PROJECTION, since issue 19).
  if (typeof value === 'string') return formatDate(value, lang);
  switch (unit) {
    case 'PERCENT':
      return formatPercent(value, lang);
    case 'DAYS':
      return formatNumber(value, lang, 1);
    case 'COUNT':
      return formatNumber(value, lang, 0);
    case 'DATE':
      return date ? formatDate(date, lang) : formatNumber(value, lang, 0);
  }
}

export function figureOf(indicator: IndicatorValue & { readonly id: KeyIndicator }, lang: Language): Figure {
  const { id, unit } = indicator;
  const value = indicator.value === null ? undefined : formatted(unit, indicator.value, indicator.date, lang);
  const target = indicator.target === null ? undefined : formatted(unit, indicator.target, undefined, lang);
  const reached: Reached =
    value === undefined ? 'NO_VALUE' : indicator.meetsTarget === null || target === undefined ? 'NO_TARGET' : indicator.meetsTarget ? 'REACHED' : 'NOT_REACHED';
  const partKey = COVERED_PART[id];
  const part = partKey === undefined ? undefined : indicator.parts.find((p) => p.key === partKey)?.count;
  return {
    id,
    ...(value !== undefined ? { value } : {}),
    ...(target !== undefined ? { target } : {}),
    targetIsMaximum: unit === 'DAYS',
    reached,
    ...(part !== undefined ? { part: count(part, lang) } : {}),
    whole: count(indicator.total, lang),
  };
}

/**
 * A count; null is one the reporting service withholds from a public answer (1 to 4 people: its `suppressed`), read
 * "< 5". Signed in, the office reads exact counts within its scope.
 */
function count(n: number | null, lang: Language): string {
  return n === null ? '< 5' : formatNumber(n, lang, 0);
}

const isKey = (i: IndicatorValue): i is IndicatorValue & { readonly id: KeyIndicator } => (KEY_INDICATORS as readonly string[]).includes(i.id);

/** The key indicators of an answer, in the order above. */
export function keyFigures(view: IndicatorsView, lang: Language): Figure[] {
  const found = view.indicators.filter(isKey);
  return KEY_INDICATORS.flatMap((id) => {
    const indicator = found.find((i) => i.id === id);
    return indicator ? [figureOf(indicator, lang)] : [];
  });
}

/** False while the reporting service has counted nothing for the region (no resident, no deed, no visit). */
export function hasData(view: IndicatorsView): boolean {
  // A withheld total (null) counts someone.
  return view.indicators.some((i) => i.total === null || i.total > 0);
}

/** The region whose figures a person sees: their first region ('*', everywhere: the office's own regency). */
export function regionFor(regions: readonly string[]): string | undefined {
  const first = regions[0];
  return first === undefined || first === '*' || !/^\d{4}(\d{2}(\d{4})?)?$/.test(first) ? undefined : first;
}

/** The dashboard opened on the region (its URL is its state: #/region/<code>). */
export function dashboardLink(dashboardUrl: string, region: string | undefined): string {
  return region && !dashboardUrl.includes('#') ? `${dashboardUrl}#/region/${region}` : dashboardUrl;
}

/** A region as the office names it: 'Kabupaten Nagekeo' (as sent), 'Kecamatan Boawae', 'Desa Rowa', 'Kelurahan Natanage'. */
export function regionName(region: IndicatorsView['region']): string {
  switch (region.level) {
    case 'REGENCY':
      return region.name;
    case 'DISTRICT':
      return `Kecamatan ${region.name}`;
    case 'VILLAGE':
      return `${region.code[6] === '1' ? 'Kelurahan' : 'Desa'} ${region.name}`;
  }
}
