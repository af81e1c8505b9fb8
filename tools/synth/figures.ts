/**
 * The figures the synthetic population is sized and shaped from. They are copied here (not read from any shared
 * folder at run time), each with its source, or marked "assumption" where no published figure was at hand and
 * the value is our estimate of what a Dukcapil register in Flores looks like. Change a figure here and every
 * output changes with it (a new seed of sorts): the tests check the outputs against these constants.
 */

/**
 * Registered population (Dukcapil aggregate, second semester 2024) of Nusa Tenggara Timur and its 22 regencies,
 * as `[code, name, men, women]`. Copied from the project's `libs/domain/data/wilayah/population.csv` (source:
 * cahyadsn/wilayah, MIT, see that folder's README); `figures.spec.ts` checks the copy against that file.
 */
export const POPULATION: readonly (readonly [code: string, name: string, men: number, women: number])[] = [
  ['53', 'Nusa Tenggara Timur', 2850092, 2850680],
  ['53.01', 'Kabupaten Kupang', 198513, 193026],
  ['53.02', 'Kab Timor Tengah Selatan', 243758, 246884],
  ['53.03', 'Kabupaten Timor Tengah Utara', 137887, 138145],
  ['53.04', 'Kabupaten Belu', 116041, 116747],
  ['53.05', 'Kabupaten Alor', 113431, 116299],
  ['53.06', 'Kabupaten Flores Timur', 142457, 147424],
  ['53.07', 'Kabupaten Sikka', 168616, 177998],
  ['53.08', 'Kabupaten Ende', 138303, 145503],
  ['53.09', 'Kabupaten Ngada', 83666, 85779],
  ['53.10', 'Kabupaten Manggarai', 175131, 174705],
  ['53.11', 'Kabupaten Sumba Timur', 142097, 135193],
  ['53.12', 'Kabupaten Sumba Barat', 72474, 69286],
  ['53.13', 'Kabupaten Lembata', 72994, 76927],
  ['53.14', 'Kabupaten Rote Ndao', 77526, 76501],
  ['53.15', 'Kabupaten Manggarai Barat', 146223, 144465],
  ['53.16', 'Kabupaten Nagekeo', 81399, 83058],
  ['53.17', 'Kabupaten Sumba Tengah', 47189, 44949],
  ['53.18', 'Kabupaten Sumba Barat Daya', 181632, 173390],
  ['53.19', 'Kabupaten Manggarai Timur', 154948, 150320],
  ['53.20', 'Kabupaten Sabu Raijua', 48349, 46511],
  ['53.21', 'Kabupaten Malaka', 104472, 106436],
  ['53.71', 'Kota Kupang', 202986, 201134],
];

/**
 * The share of wajib KTP residents with a recorded e-KTP: Nagekeo, May 2023, 103,438 recorded of 122,478 wajib
 * KTP (84.5%; the office's report quoted in DESIGN.md). Used for every regency unless an option overrides it.
 */
export const EKTP_RECORDED_SHARE = 0.845;

/**
 * Relative propensity to be recorded by age, applied around EKTP_RECORDED_SHARE (assumption: those who just
 * turned 17 and the very old are the ones the outreach teams have not reached yet; the office's jemput bola
 * visits target exactly these groups). `[minimum age, offset to the share]`, first match from the end.
 */
export const EKTP_AGE_OFFSETS: readonly (readonly [minAge: number, offset: number])[] = [
  [0, -0.3], // married under 17 (dispensation): rarely recorded
  [17, -0.42],
  [18, -0.22],
  [19, -0.08],
  [21, 0.035],
  [70, -0.04],
  [80, -0.22],
];

/**
 * Among recorded e-KTPs, the state reached (assumption: most cards were printed and handed over years ago; a few
 * percent wait for blank cards or for collection, as offices report when blank-card supply runs short).
 */
export const EKTP_RECORDED_STATES: readonly (readonly [state: 'RECORDED' | 'PRINT_READY' | 'SENT_FOR_PRINTING' | 'PRINTED' | 'ISSUED', weight: number])[] = [
  ['ISSUED', 88],
  ['PRINTED', 4],
  ['PRINT_READY', 3],
  ['SENT_FOR_PRINTING', 1],
  ['RECORDED', 4],
];

/**
 * KIA (child ID card, Permendagri 2/2016) among children under 17: the Ministry's 2023 target was 50%
 * (DESIGN.md); assumption: Nagekeo below it, 38% issued and 4% printed but not yet handed over.
 */
export const KIA_ISSUED_SHARE = 0.38;
export const KIA_PRINTED_SHARE = 0.04;

/**
 * Birth deed (akta kelahiran) ownership by age, `[minimum age, share]` (assumption: children's coverage near the
 * Ministry's 98% target after a decade of BLAS-style drives, the newest babies still waiting; adults much lower,
 * older generations were rarely registered).
 */
export const BIRTH_DEED_SHARE_BY_AGE: readonly (readonly [minAge: number, share: number])[] = [
  [0, 0.72],
  [1, 0.93],
  [5, 0.95],
  [18, 0.78],
  [30, 0.52],
  [45, 0.3],
  [60, 0.12],
];

/**
 * Household types (assumption from the structure of rural Flores households in the 2020 census tables: mostly
 * a married couple headed by the husband; widows head about one household in ten).
 */
export const HOUSEHOLD_TYPES: readonly (readonly [type: HouseholdType, weight: number])[] = [
  ['COUPLE', 72],
  ['COUPLE_FEMALE_HEAD', 1],
  ['WIDOW', 10],
  ['WIDOWER', 3],
  ['DIVORCED', 1.5],
  ['SINGLE', 2.5],
];
export type HouseholdType = 'COUPLE' | 'COUPLE_FEMALE_HEAD' | 'WIDOW' | 'WIDOWER' | 'DIVORCED' | 'SINGLE';

/** Age of the head of a couple household, weights per 5-year group from 20–24 (assumption, shaped on SP2020). */
export const COUPLE_HEAD_AGE_WEIGHTS: readonly number[] = [2.5, 7.5, 10.5, 11.5, 11.5, 11, 10.5, 9.5, 8.5, 6.5, 4.5, 2.8, 1.4, 0.5, 0.15, 0.05];
/** Age of a widowed head, weights per 5-year group from 30–34 (assumption: widowhood rises with age). */
export const WIDOWED_HEAD_AGE_WEIGHTS: readonly number[] = [0.5, 1, 2, 3.5, 5.5, 8, 10, 12, 12, 10, 7, 4, 1.8, 0.6];
/** Age of a never-married or divorced head, weights per 5-year group from 20–24 (assumption). */
export const SINGLE_HEAD_AGE_WEIGHTS: readonly number[] = [6, 9, 9, 8, 7, 6, 5, 4, 3, 2.5, 2, 1.5, 1];

/** Husband's age minus wife's: mean and spread in years (assumption; Indonesian couples: husbands ~3–4 years older). */
export const SPOUSE_AGE_GAP = { mean: 4, sd: 3.5, min: -4, max: 16 } as const;

/**
 * Minimum marriage age 19 for both (UU 16/2019); a court dispensation lets a few marry younger. Share of wives
 * married before 19 by dispensation (assumption: rare in registers, ~1%).
 */
export const MARRIAGE_DISPENSATION_SHARE = 0.01;

/** Share of marriages not registered (kawin belum tercatat: church or customary only; assumption for Flores). */
export const UNREGISTERED_MARRIAGE_SHARE = 0.28;

/**
 * Children ever born to a woman, weights for 0..8 (assumption shaped on NTT's total fertility rate of about 2.8
 * in the 2020 census long form; older cohorts had more).
 */
export const PARITY_WEIGHTS: readonly number[] = [4, 7, 18, 23, 20, 13, 8, 4, 3];

/** Mother's age at first birth: 19 plus an exponential with this mean, years (assumption). */
export const FIRST_BIRTH_EXTRA_AGE = 4;
/** Years between births: 2 plus an exponential with this mean (assumption). */
export const BIRTH_INTERVAL_EXTRA = 1.2;
/** No births after this age of the mother. */
export const LAST_BIRTH_AGE = 44;

/**
 * Chance that a child of this age still lives on the parents' card, `[minimum age, share]` (assumption: young
 * adults leave to study or work in Kupang and beyond, or marry and get their own card; a few children live with
 * relatives).
 */
export const CHILD_ON_CARD_BY_AGE: readonly (readonly [minAge: number, share: number])[] = [
  [0, 0.97],
  [15, 0.93],
  [18, 0.8],
  [23, 0.62],
  [28, 0.42],
  [35, 0.2],
  [45, 0.07],
];

/** Extra members of a household (assumption): a married child with spouse and children (three generations), … */
export const EXTENDED = {
  /** A married child with spouse (Menantu) and their children (Cucu) on the card of a head aged 48+. */
  threeGenerations: 0.16,
  /** Grandchildren without their parents (who work away) on the card of a head aged 45+. */
  grandchildrenOnly: 0.07,
  /** A widowed parent of the head (Orang Tua). */
  parent: 0.05,
  /** A widowed parent of the wife (Mertua). */
  parentInLaw: 0.025,
  /** A niece or nephew (Famili Lain) staying for school. */
  relative: 0.03,
} as const;

/**
 * A reference age pyramid to check the generated one against (it is not an input: ages come out of the household
 * model). Percent per 5-year group from 0–4 to 70–74, then 75 and over. Assumption: an approximation of the shape
 * of NTT's population by age in the 2020 census (BPS, SP2020) — a young province, about 31% under 15 — rounded.
 */
export const REFERENCE_AGE_SHARES: readonly number[] = [10.0, 10.5, 10.6, 9.6, 8.3, 7.3, 6.7, 6.6, 6.1, 5.4, 4.7, 4.0, 3.3, 2.6, 1.8, 2.5];

/** No one older than this: a NIK's two-digit year would read 100 years late (see nik-issuance). */
export const MAXIMUM_AGE = 99;

/**
 * Religion shares (percent). NTT: BPS "Nusa Tenggara Timur dalam Angka" 2023 (Catholic ~54%, Protestant ~36%,
 * Islam ~9%, Hindu, Buddhist and Kepercayaan small), rounded. The Catholic-majority profile is for Flores and
 * Lembata (Nagekeo: mostly Catholic, with Muslim communities on the Mbay coast; assumption ~89/9/1.8), the
 * Protestant-majority one for Timor, Sumba, Rote, Sabu and Alor (assumption from the same tables' pattern).
 */
export const RELIGION_PROFILES = {
  NAGEKEO: [['KATOLIK', 89], ['ISLAM', 8.8], ['KRISTEN', 1.9], ['HINDU', 0.1], ['BUDDHA', 0.05], ['KEPERCAYAAN', 0.15]],
  FLORES: [['KATOLIK', 86], ['ISLAM', 11], ['KRISTEN', 2.6], ['HINDU', 0.2], ['BUDDHA', 0.05], ['KEPERCAYAAN', 0.15]],
  TIMOR_SUMBA: [['KRISTEN', 62], ['KATOLIK', 27], ['ISLAM', 8], ['HINDU', 0.3], ['BUDDHA', 0.1], ['KEPERCAYAAN', 2.6]],
  KUPANG_CITY: [['KRISTEN', 62], ['KATOLIK', 20], ['ISLAM', 15], ['HINDU', 2], ['BUDDHA', 0.8], ['KHONGHUCU', 0.2]],
} as const;
export type ReligionProfile = keyof typeof RELIGION_PROFILES;
/** The profile of each regency (by code, digits); others take TIMOR_SUMBA. */
export const RELIGION_PROFILE_OF: Readonly<Record<string, ReligionProfile>> = {
  '5316': 'NAGEKEO',
  '5306': 'FLORES',
  '5307': 'FLORES',
  '5308': 'FLORES',
  '5309': 'FLORES',
  '5310': 'FLORES',
  '5313': 'FLORES',
  '5315': 'FLORES',
  '5319': 'FLORES',
  '5371': 'KUPANG_CITY',
};
/** Share of spouses with another religion than the head (assumption: mixed marriages are rare). */
export const MIXED_RELIGION_SHARE = 0.02;

/**
 * Village size weights: a kelurahan (town ward, 7th digit of the code 1) is larger than a desa; each village's
 * weight is multiplied by a factor drawn from the seed, uniform in [1 − VILLAGE_SPREAD, 1 + VILLAGE_SPREAD]
 * (assumption: no per-village figures in the data; this spreads the regency's figure plausibly).
 */
export const KELURAHAN_WEIGHT = 2;
export const VILLAGE_SPREAD = 0.5;

/** Births born elsewhere: share of adults born outside their kecamatan (assumption). */
export const BORN_ELSEWHERE_SHARE = 0.12;

/**
 * The open backlog (assumptions): births in the last `weeks` not yet registered and deaths not yet reported.
 * - fertility of married women 19–44: 0.13 births a year (NTT TFR ~2.8 spread over the married years);
 * - half of the births of the last weeks are still unregistered (BLAS reaches the rest within days);
 * - annual mortality by age (`[minimum age, rate]`, shaped on NTT life tables), of which 60% not yet reported.
 * - one in five births comes as an application at the office (the parents come in) instead of a partner report.
 */
export const BACKLOG = {
  weeks: 8,
  marriedFertility: 0.13,
  unregisteredBirthShare: 0.5,
  twinShare: 0.01,
  applicationShare: 0.2,
  mortality: [
    [0, 0.02],
    [1, 0.002],
    [5, 0.0008],
    [15, 0.0015],
    [40, 0.005],
    [60, 0.018],
    [70, 0.045],
    [80, 0.11],
  ] as readonly (readonly [number, number])[],
  unreportedDeathShare: 0.6,
} as const;

/** The value of a `[minimum age, value]` table for an age. */
export function byAge(table: readonly (readonly [number, number])[], age: number): number {
  let value = (table[0] as readonly [number, number])[1];
  for (const [min, v] of table) if (age >= min) value = v;
  return value;
}
