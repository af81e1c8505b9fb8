/**
 * The Ministry's scorecard: the indicators on which the Directorate General of Population and Civil Registration
 * (Ditjen Dukcapil, Kementerian Dalam Negeri) ranks the regencies' Dukcapil offices, each with its definition, its
 * formula and its targets, as dated data with their source.
 *
 * Sources, as far as we could establish them (no decree number was found; none is invented here):
 * - The ten indicators of the Ministry's assessment of Dukcapil offices (2022): e-KTP recording, KIA ownership,
 *   printing on plain paper, electronic signature (TTE), online services, integrated services, birth deed ownership,
 *   cooperation agreements (PKS), data access and use, and the burial register (DESIGN.md, "domain facts").
 * - The 2023 targets the Director General announced in March 2023: e-KTP recording 99.4%, KIA 50%, birth deeds 98%,
 *   Buku Pokok Pemakaman 75%, PKS and data access with at least 15 regional agencies (OPD), two innovations a year,
 *   and IKD activated for 25% of those with a recorded e-KTP.
 * Indicators without an announced figure have no target here (null), never a guessed one. A later year's targets are
 * added as another entry of MINISTRY_TARGETS when they are announced; until then a year is scored against the latest
 * earlier announcement, and says so (`ministryTarget` returns the year the target is from).
 *
 * How each is measured is part of its declaration: computed by the system (`SYSTEM`, from the register, the deeds,
 * the partners' reports and the data-access agreements), or entered by hand by the office (`MANUAL`) where the system
 * holds no records of it. A manual value carries who entered it and when (the reporting service keeps them).
 *
 * Pure data and functions: nothing here reads the clock.
 */
import { fail, ok, problem, type Problem, type Result } from '../result.js';

export const MINISTRY_INDICATOR_IDS = [
  'EKTP_RECORDING',
  'KIA',
  'BIRTH_DEED',
  'IKD',
  'BURIAL_REGISTER',
  'PKS',
  'DATA_ACCESS',
  'ONLINE_SERVICES',
  'INTEGRATED_SERVICES',
  'PLAIN_PAPER',
  'ELECTRONIC_SIGNATURE',
  'INNOVATIONS',
] as const;
export type MinistryIndicatorId = (typeof MINISTRY_INDICATOR_IDS)[number];

/** PERCENT: a share (0–100); COUNT: a number of things (agreements, agencies, innovations) in the year or in force. */
export type ScorecardUnit = 'PERCENT' | 'COUNT';

/** SYSTEM: computed from the system's records; MANUAL: entered by the office, with who and when. */
export type ScorecardMeasurement = 'SYSTEM' | 'MANUAL';

export interface MinistryIndicator {
  readonly id: MinistryIndicatorId;
  /** As the Ministry names it, in Bahasa Indonesia. */
  readonly nameId: string;
  readonly nameEn: string;
  /** What is counted, in one or two sentences. */
  readonly definition: string;
  /** The formula, in words: part over whole, or what is counted. */
  readonly formula: string;
  readonly unit: ScorecardUnit;
  readonly measurement: ScorecardMeasurement;
  /**
   * Which office indicator of the reporting service computes it (SYSTEM only): the reporting service's indicator id
   * (EKTP_RECORDING, KIA, BIRTH_DEED_0_18, IKD, BURIAL_REGISTER, ONLINE_SHARE, INTEGRATED_SERVICES) or AGREEMENTS (the data-access
   * agreements kept with the integrators' keys).
   */
  readonly computedBy?: string;
  /** Whether it can be computed for a kecamatan or a village (and ranked), or only for the regency. */
  readonly byRegion: boolean;
}

export const MINISTRY_INDICATORS: Readonly<Record<MinistryIndicatorId, MinistryIndicator>> = {
  EKTP_RECORDING: {
    id: 'EKTP_RECORDING',
    nameId: 'Perekaman KTP elektronik',
    nameEn: 'e-KTP recording',
    definition: 'Residents who must hold an e-KTP (17 or older, or ever married; UU 24/2013 art. 63) whose biometrics have been recorded.',
    formula: 'wajib KTP residents with e-KTP recorded ÷ all wajib KTP residents × 100',
    unit: 'PERCENT',
    measurement: 'SYSTEM',
    computedBy: 'EKTP_RECORDING',
    byRegion: true,
  },
  KIA: {
    id: 'KIA',
    nameId: 'Kepemilikan Kartu Identitas Anak (KIA)',
    nameEn: 'KIA ownership',
    definition: 'Children under 17 who never married holding a child identity card (Permendagri 2/2016).',
    formula: 'children with a KIA ÷ all children under 17 × 100',
    unit: 'PERCENT',
    measurement: 'SYSTEM',
    computedBy: 'KIA',
    byRegion: true,
  },
  BIRTH_DEED: {
    id: 'BIRTH_DEED',
    nameId: 'Kepemilikan akta kelahiran (0–17 tahun)',
    nameEn: 'Birth deed ownership, ages 0–17',
    definition: 'Residents under 18 with a birth deed.',
    formula: 'residents 0–17 with a birth deed ÷ all residents 0–17 × 100',
    unit: 'PERCENT',
    measurement: 'SYSTEM',
    computedBy: 'BIRTH_DEED_0_18',
    byRegion: true,
  },
  IKD: {
    id: 'IKD',
    nameId: 'Aktivasi Identitas Kependudukan Digital (IKD)',
    nameEn: 'Digital ID (IKD) activation',
    definition: 'Residents with a recorded e-KTP whose digital ID is active on a phone.',
    formula: 'residents with a recorded e-KTP and an active IKD ÷ all residents with a recorded e-KTP × 100',
    unit: 'PERCENT',
    measurement: 'SYSTEM',
    computedBy: 'IKD',
    byRegion: true,
  },
  BURIAL_REGISTER: {
    id: 'BURIAL_REGISTER',
    nameId: 'Buku Pokok Pemakaman',
    nameEn: 'Burial register',
    definition:
      "Burials recorded in the burial registers kept with cemeteries, parishes, mosques and villages and reported to the office, matched with a registered death. Our reading of the Ministry's indicator: each burial recorded and matched with a death deed; an unmatched burial is a death nobody has registered yet.",
    formula: 'burials recorded whose death deed is registered ÷ all burials recorded × 100',
    unit: 'PERCENT',
    measurement: 'SYSTEM',
    computedBy: 'BURIAL_REGISTER',
    byRegion: true,
  },
  PKS: {
    id: 'PKS',
    nameId: 'Perjanjian Kerja Sama (PKS) pemanfaatan data',
    nameEn: 'Data-use cooperation agreements',
    definition: 'Cooperation agreements on the use of population data with regional agencies (OPD) and other users, in force on the day.',
    formula: 'number of agreements in force (signed on or before the day, expiring on or after it)',
    unit: 'COUNT',
    measurement: 'SYSTEM',
    computedBy: 'AGREEMENTS',
    byRegion: false,
  },
  DATA_ACCESS: {
    id: 'DATA_ACCESS',
    nameId: 'Pemanfaatan data dan hak akses',
    nameEn: 'Data access and use',
    definition: 'Agreements in force whose agency actually used its access: at least one request answered in the 90 days ending on the day.',
    formula: 'number of agreements in force with at least one answered request in the last 90 days',
    unit: 'COUNT',
    measurement: 'SYSTEM',
    computedBy: 'AGREEMENTS',
    byRegion: false,
  },
  ONLINE_SERVICES: {
    id: 'ONLINE_SERVICES',
    nameId: 'Pelayanan online',
    nameEn: 'Online services',
    definition: 'Civil registration records that reached the office through the online service, over all records received (the 30 days ending on the day).',
    formula: 'records received online ÷ all records received × 100',
    unit: 'PERCENT',
    measurement: 'SYSTEM',
    computedBy: 'ONLINE_SHARE',
    byRegion: true,
  },
  INTEGRATED_SERVICES: {
    id: 'INTEGRATED_SERVICES',
    nameId: 'Pelayanan terintegrasi',
    nameEn: 'Integrated services',
    definition:
      'Applications that yield several documents at once: a birth deed registered together with the family card reissued with the child and the child\'s KIA, from one application (the 30 days ending on the day).',
    formula: 'birth deeds whose application also yielded the family card or the KIA ÷ all birth deeds registered × 100',
    unit: 'PERCENT',
    measurement: 'SYSTEM',
    computedBy: 'INTEGRATED_SERVICES',
    byRegion: true,
  },
  PLAIN_PAPER: {
    id: 'PLAIN_PAPER',
    nameId: 'Pencetakan dokumen dengan kertas putih (HVS)',
    nameEn: 'Documents printed on plain paper',
    definition: 'Population documents printed on plain paper instead of security paper (Permendagri 109/2019), over all documents printed.',
    formula: 'documents printed on plain paper ÷ all documents printed × 100',
    unit: 'PERCENT',
    measurement: 'MANUAL',
    byRegion: false,
  },
  ELECTRONIC_SIGNATURE: {
    id: 'ELECTRONIC_SIGNATURE',
    nameId: 'Tanda tangan elektronik (TTE)',
    nameEn: 'Electronic signature',
    definition: 'Population documents signed with a certified electronic signature, over all documents issued.',
    formula: 'documents signed electronically ÷ all documents issued × 100',
    unit: 'PERCENT',
    measurement: 'MANUAL',
    byRegion: false,
  },
  INNOVATIONS: {
    id: 'INNOVATIONS',
    nameId: 'Inovasi pelayanan',
    nameEn: 'Service innovations',
    definition: 'Service innovations the office launched in the year (such as jemput bola visits or a partner reporting channel).',
    formula: 'number of innovations launched in the year',
    unit: 'COUNT',
    measurement: 'MANUAL',
    byRegion: false,
  },
};

export interface MinistryTarget {
  readonly year: number;
  readonly indicator: MinistryIndicatorId;
  /** In the indicator's unit: a percent, or a count that must be reached (at least). */
  readonly target: number;
  readonly source: string;
}

const ANNOUNCEMENT_2023 = 'Direktur Jenderal Dukcapil Kemendagri, targets for 2023 announced in March 2023';

/** The targets as announced, per year (an indicator without an announced figure has no entry). */
export const MINISTRY_TARGETS: readonly MinistryTarget[] = [
  { year: 2023, indicator: 'EKTP_RECORDING', target: 99.4, source: ANNOUNCEMENT_2023 },
  { year: 2023, indicator: 'KIA', target: 50, source: ANNOUNCEMENT_2023 },
  { year: 2023, indicator: 'BIRTH_DEED', target: 98, source: ANNOUNCEMENT_2023 },
  { year: 2023, indicator: 'IKD', target: 25, source: ANNOUNCEMENT_2023 },
  { year: 2023, indicator: 'BURIAL_REGISTER', target: 75, source: ANNOUNCEMENT_2023 },
  { year: 2023, indicator: 'PKS', target: 15, source: ANNOUNCEMENT_2023 },
  { year: 2023, indicator: 'DATA_ACCESS', target: 15, source: ANNOUNCEMENT_2023 },
  { year: 2023, indicator: 'INNOVATIONS', target: 2, source: ANNOUNCEMENT_2023 },
];

export type ScorecardErrorCode = 'SCORECARD_INDICATOR_UNKNOWN' | 'SCORECARD_YEAR_INVALID' | 'SCORECARD_VALUE_INVALID';
export const SCORECARD_ERROR_CODES: readonly ScorecardErrorCode[] = ['SCORECARD_INDICATOR_UNKNOWN', 'SCORECARD_YEAR_INVALID', 'SCORECARD_VALUE_INVALID'];

export function isMinistryIndicatorId(id: string): id is MinistryIndicatorId {
  return (MINISTRY_INDICATOR_IDS as readonly string[]).includes(id);
}

/**
 * The target a year is scored against: that year's announcement, else the latest earlier one (its `year` says which),
 * else null (no target announced for the indicator up to that year).
 *
 * @example ministryTarget('IKD', 2026)?.target // 25 (from 2023)
 */
export function ministryTarget(id: MinistryIndicatorId, year: number, targets: readonly MinistryTarget[] = MINISTRY_TARGETS): MinistryTarget | null {
  let best: MinistryTarget | null = null;
  for (const t of targets) if (t.indicator === id && t.year <= year && (best === null || t.year > best.year)) best = t;
  return best;
}

export interface ScorecardStanding {
  readonly target: number | null;
  /** The year of the announcement the target comes from (null without one). */
  readonly targetYear: number | null;
  /** Whether the value reaches the target (≥); null without a value or a target. */
  readonly meetsTarget: boolean | null;
  /** target − value when short of it (0 when met); null without a value or a target. Percent points or a count. */
  readonly gap: number | null;
}

/**
 * Where a value stands against the year's target. A percent is compared to two decimals as it is shown: the
 * reporting service decides coverage targets on exact counts before rounding and passes that verdict in `exact`.
 *
 * @example scorecardStanding('KIA', 2024, 48.5).value // { target: 50, targetYear: 2023, meetsTarget: false, gap: 1.5 }
 */
export function scorecardStanding(
  id: string,
  year: number,
  value: number | null,
  options: { readonly exact?: boolean | null; readonly targets?: readonly MinistryTarget[] } = {},
): Result<ScorecardStanding, ScorecardErrorCode> {
  const errors: Problem<ScorecardErrorCode>[] = [];
  if (!isMinistryIndicatorId(id)) errors.push(problem('SCORECARD_INDICATOR_UNKNOWN', `${id} is not one of the Ministry's indicators (${MINISTRY_INDICATOR_IDS.join(', ')})`));
  if (!Number.isInteger(year) || year < 2000 || year > 9999) errors.push(problem('SCORECARD_YEAR_INVALID', `the year must be a whole year from 2000, not ${String(year)}`));
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    errors.push(problem('SCORECARD_VALUE_INVALID', `the value must be a number of at least 0, not ${String(value)}`));
  }
  if (errors.length > 0) return fail(errors);
  const indicator = MINISTRY_INDICATORS[id as MinistryIndicatorId];
  if (value !== null && indicator.unit === 'PERCENT' && value > 100) {
    return fail([problem('SCORECARD_VALUE_INVALID', `${id} is a percentage: at most 100, not ${value}`)]);
  }
  if (value !== null && indicator.unit === 'COUNT' && !Number.isInteger(value)) {
    return fail([problem('SCORECARD_VALUE_INVALID', `${id} is a count: a whole number, not ${value}`)]);
  }
  const t = ministryTarget(indicator.id, year, options.targets);
  if (t === null || value === null) return ok({ target: t?.target ?? null, targetYear: t?.year ?? null, meetsTarget: null, gap: null });
  const meets = options.exact ?? value >= t.target;
  const gap = meets ? 0 : Math.round((t.target - value) * 100) / 100;
  return ok({ target: t.target, targetYear: t.year, meetsTarget: meets, gap: Math.max(0, gap) });
}
