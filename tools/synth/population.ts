/**
 * The synthetic population: residents in families on family cards (Kartu Keluarga), sized exactly from the
 * registered figures of a regency (or of every regency of a province), streamed card by card so that memory does
 * not grow with the size of the population.
 *
 * How it is built (every probability is in figures.ts with its source or "assumption"):
 * 1. The regency's men and women are spread over its current villages (desa / kelurahan) by weights drawn from
 *    the seed (no per-village figures exist in the data): a kelurahan weighs twice a desa, each weight times a
 *    factor in [0.5, 1.5]. Residents per village by largest remainder, then men per village the same way, so the
 *    village totals add up exactly to the regency's men and women.
 * 2. Each village is filled household by household until its men and women are used up exactly: a household
 *    type (a couple headed by the husband, a widow, …), the head's age, the spouse's, children from the mother's
 *    fertility history who still live on the card, sometimes a married child with spouse and grandchildren, a
 *    widowed parent or parent-in-law, a niece or nephew. Each member's sex is drawn from the village's remaining
 *    men and women (drawing without replacement), which is what makes the totals exact.
 * 3. Identifiers come from the domain library: `issueNik` (the kecamatan of the address, the birth date with 40
 *    added to the day for women, the next serial of the prefix) and `issueKkNumber` (the kecamatan and the day
 *    the card was issued). Serials are tracked per kecamatan and forgotten when the next kecamatan starts.
 * 4. Documents: e-KTP state for the wajib KTP (recorded with the office's share, by age), KIA for children, birth
 *    deeds by age.
 *
 * Each village has its own random stream (seed + village code): the same seed and options give the same output.
 */
import { ektpStates, kiaStates } from '@adminduk/contracts';
import { isWajibKtp, issueKkNumber, issueNik, listDistricts, type MaritalStatus, type Religion, type Sex, type ShdkCode } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import {
  BIRTH_DEED_SHARE_BY_AGE,
  BIRTH_INTERVAL_EXTRA,
  BORN_ELSEWHERE_SHARE,
  byAge,
  CHILD_ON_CARD_BY_AGE,
  COUPLE_HEAD_AGE_WEIGHTS,
  EKTP_AGE_OFFSETS,
  EKTP_RECORDED_SHARE,
  EKTP_RECORDED_STATES,
  EXTENDED,
  FIRST_BIRTH_EXTRA_AGE,
  HOUSEHOLD_TYPES,
  KELURAHAN_WEIGHT,
  KIA_ISSUED_SHARE,
  KIA_PRINTED_SHARE,
  LAST_BIRTH_AGE,
  MARRIAGE_DISPENSATION_SHARE,
  MAXIMUM_AGE,
  MIXED_RELIGION_SHARE,
  PARITY_WEIGHTS,
  POPULATION,
  RELIGION_PROFILE_OF,
  RELIGION_PROFILES,
  SINGLE_HEAD_AGE_WEIGHTS,
  SPOUSE_AGE_GAP,
  UNREGISTERED_MARRIAGE_SHARE,
  VILLAGE_SPREAD,
  WIDOWED_HEAD_AGE_WEIGHTS,
  type HouseholdType,
} from './figures';
import { fullName, hamletName, localName } from './names';
import { Rng, weightTable, type WeightTable } from './prng';
import { ektpRecordedOn } from './recording-dates';
import { cardRegisteredOn, memberRegisteredOn } from './register-dates';

export type EktpState = (typeof ektpStates)[number];
export type KiaState = (typeof kiaStates)[number];

export interface SynthOptions {
  /** A regency ('53.16' or '5316') or a province ('53': every regency of it, one after the other). */
  readonly region: string;
  /** Any number or text; the same seed and options give the same output. */
  readonly seed: string | number;
  /** The day the register describes (YYYY-MM-DD): ages, states and card dates are as of this day. */
  readonly asOf: string;
  /** Multiplies every figure (e.g. 0.01 for tests); default 1. Totals are rounded per regency. */
  readonly scale?: number;
  /** Overrides EKTP_RECORDED_SHARE (share of wajib KTP with a recorded e-KTP). */
  readonly ektpRecordedShare?: number;
}

/** One resident as a row of the identity import (see apps/identity/src/import/README.md). */
export interface SynthResident {
  readonly nik: string;
  readonly kkNumber: string;
  readonly shdk: ShdkCode;
  readonly fullName: string;
  readonly birthPlace: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly religion: Religion;
  readonly maritalStatus: MaritalStatus;
  readonly education: number;
  readonly bloodType: number;
  readonly occupation: string;
  readonly motherName: string;
  readonly fatherName: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
  readonly ektpState: EktpState;
  /** Children under 17 who never married; '' for everyone else (KIA does not apply). */
  readonly kiaState: KiaState | '';
  readonly birthDeed: boolean;
  /** The day the e-KTP was recorded (recording-dates.ts); '' when it is not recorded. */
  readonly ektpRecordedOn: string;
  /** The day the resident entered the older register (register-dates.ts). */
  readonly registeredOn: string;
}

export interface SynthCard {
  readonly kkNumber: string;
  readonly regencyCode: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
  /** In the order printed on the card: head, spouse, children by age, then the others. */
  readonly members: readonly SynthResident[];
}

export interface RegencyTarget {
  readonly code: string;
  readonly name: string;
  readonly men: number;
  readonly women: number;
}

// ---------------------------------------------------------------------------------------------------------
// Figures and targets

function digits(code: string): string {
  return code.replace(/\./g, '').trim();
}

/** The regencies a region stands for, with their men and women scaled (rounded). Throws on an unknown region. */
export function regencyTargets(region: string, scale = 1): RegencyTarget[] {
  const code = digits(region);
  if (!(scale > 0 && scale <= 1)) throw new Error(`scale must be in (0, 1], got ${scale}`);
  const rows = POPULATION.filter(([c]) => {
    const d = digits(c);
    return d.length === 4 && (code.length === 2 ? d.startsWith(code) : d === code);
  });
  if (rows.length === 0) {
    const known = POPULATION.map(([c]) => c).join(', ');
    throw new Error(`no figures for region ${JSON.stringify(region)}: the generator carries ${known}`);
  }
  return rows.map(([c, name, men, women]) => ({ code: digits(c), name, men: Math.round(men * scale), women: Math.round(women * scale) }));
}

// ---------------------------------------------------------------------------------------------------------
// Days (epoch days, UTC calendar): birth dates are calendar days, arithmetic on day numbers is exact and fast.

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const ISO_CACHE = new Map<number, string>();
export function isoOf(day: number): string {
  let iso = ISO_CACHE.get(day);
  if (iso === undefined) {
    const z = day + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    iso = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    ISO_CACHE.set(day, iso);
  }
  return iso;
}

export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date YYYY-MM-DD: ${JSON.stringify(iso)}`);
  const day = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  if (isoOf(day) !== iso) throw new Error(`not a real date: ${iso}`);
  return day;
}

const YEAR = 365.2425;

/** The first day after which a person born on `day` is 100 or more years old as of asOf, kept within MAXIMUM_AGE. */
function years(n: number): number {
  return Math.round(n * YEAR);
}

// ---------------------------------------------------------------------------------------------------------
// One household

interface Person {
  birthDay: number;
  sex: Sex;
  shdk: ShdkCode;
  marital: MaritalStatus;
  religion: Religion;
  name: string;
  motherName: string;
  fatherName: string;
}

const TYPE_TABLE = weightTable(HOUSEHOLD_TYPES.map(([, w]) => w));
const COUPLE_AGE = weightTable(COUPLE_HEAD_AGE_WEIGHTS);
const WIDOWED_AGE = weightTable(WIDOWED_HEAD_AGE_WEIGHTS);
const SINGLE_AGE = weightTable(SINGLE_HEAD_AGE_WEIGHTS);
const PARITY = weightTable(PARITY_WEIGHTS);
const EKTP_STATE_TABLE = weightTable(EKTP_RECORDED_STATES.map(([, w]) => w));
const BLOOD_TABLE = weightTable([25, 28, 7, 40]); // A, B, AB, O (assumption: Indonesian ABO shares)
const RELIGION_TABLES = new Map<string, { codes: Religion[]; table: WeightTable }>(
  Object.entries(RELIGION_PROFILES).map(([k, list]) => [k, { codes: list.map(([c]) => c as Religion), table: weightTable(list.map(([, w]) => w)) }]),
);

/** The village's remaining men and women: every member's sex is drawn from them (without replacement). */
class Remaining {
  constructor(
    public men: number,
    public women: number,
  ) {}
  get total(): number {
    return this.men + this.women;
  }
  take(sex: Sex): void {
    if (sex === 'M') this.men--;
    else this.women--;
  }
  has(sex: Sex): boolean {
    return sex === 'M' ? this.men > 0 : this.women > 0;
  }
  /** A sex drawn in proportion to what is left, or undefined when nobody is left. */
  draw(rng: Rng): Sex | undefined {
    const total = this.total;
    if (total <= 0) return undefined;
    const sex: Sex = rng.next() * total < this.men ? 'M' : 'F';
    this.take(sex);
    return sex;
  }
}

interface Place {
  readonly regencyCode: string;
  readonly districtCode: string;
  readonly districtName: string;
  readonly villageCode: string;
  readonly hamlets: readonly string[];
  readonly religions: { codes: Religion[]; table: WeightTable };
  readonly elsewhere: readonly string[];
}

class HouseholdBuilder {
  readonly members: Person[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly asOfDay: number,
  ) {}

  /** A birth day for someone `age` complete years old (approximately: a random day within that year of life). */
  bornAged(age: number): number {
    return this.asOfDay - years(age) - this.rng.int(0, 364);
  }

  ageOf(birthDay: number): number {
    return Math.floor((this.asOfDay - birthDay) / YEAR);
  }

  oldest(): number {
    return this.asOfDay - years(MAXIMUM_AGE + 1) + 2;
  }

  add(p: Person): Person {
    this.members.push(p);
    return p;
  }

  /**
   * Children of a mother born on `motherBirth` (the mother need not be on the card), who are still on it. Each
   * child is born at least 13 years after `headBirth` (the domain's minimum generation gap is 12). Sexes come
   * from the village's remaining men and women.
   */
  children(motherBirth: number, headBirth: number, stay: number, startAge = 19): number[] {
    const rng = this.rng;
    const parity = rng.weighted(PARITY);
    const births: number[] = [];
    let age = startAge + -Math.log(1 - rng.next()) * FIRST_BIRTH_EXTRA_AGE;
    for (let k = 0; k < parity && age <= LAST_BIRTH_AGE; k++) {
      const birth = motherBirth + Math.round(age * YEAR) + rng.int(0, 200);
      if (birth > this.asOfDay) break;
      if (birth >= headBirth + years(13)) births.push(birth);
      age += 2 + -Math.log(1 - rng.next()) * BIRTH_INTERVAL_EXTRA;
    }
    return births.filter((b) => rng.chance(byAge(CHILD_ON_CARD_BY_AGE, this.ageOf(b)) * stay));
  }
}

function marriedStatus(rng: Rng): MaritalStatus {
  return rng.chance(UNREGISTERED_MARRIAGE_SHARE) ? 'KAWIN_BELUM_TERCATAT' : 'KAWIN_TERCATAT';
}

function divorcedStatus(rng: Rng): MaritalStatus {
  return rng.chance(0.5) ? 'CERAI_HIDUP_TERCATAT' : 'CERAI_HIDUP_BELUM_TERCATAT';
}

function ageFrom(rng: Rng, table: WeightTable, base: number): number {
  return base + 5 * rng.weighted(table) + rng.int(0, 4);
}

function otherSex(sex: Sex): Sex {
  return sex === 'M' ? 'F' : 'M';
}

/** Builds one household of the village's remaining residents (at least one). */
function household(rng: Rng, remaining: Remaining, asOfDay: number, place: Place): Person[] {
  const h = new HouseholdBuilder(rng, asOfDay);
  const religion = place.religions.codes[rng.weighted(place.religions.table)] as Religion;
  const familyName = localName(rng);
  const personName = (rel: Religion, sex: Sex, family: string) => fullName(rng, rel, sex, family);
  const someMother = (rel: Religion) => personName(rel, 'F', localName(rng));
  const someFather = (rel: Religion) => personName(rel, 'M', localName(rng));

  let type: HouseholdType = (HOUSEHOLD_TYPES[rng.weighted(TYPE_TABLE)] as readonly [HouseholdType, number])[0];
  const couple = type === 'COUPLE' || type === 'COUPLE_FEMALE_HEAD';
  if (couple && !(remaining.men > 0 && remaining.women > 0)) type = remaining.women > 0 ? 'WIDOW' : 'WIDOWER';
  if (type === 'WIDOW' && !remaining.has('F')) type = 'WIDOWER';
  if (type === 'WIDOWER' && !remaining.has('M')) type = 'WIDOW';

  let head: Person;
  let wife: Person | undefined;
  let husband: Person | undefined;
  /** Who the children's mother is (on the card or not) and her birth day. */
  let motherBirth: number;
  let motherName: string;
  let fatherName: string;
  let stay = 1;

  if (type === 'COUPLE' || type === 'COUPLE_FEMALE_HEAD') {
    const status = marriedStatus(rng);
    let husbandAge = ageFrom(rng, COUPLE_AGE, 20);
    const gap = Math.max(SPOUSE_AGE_GAP.min, Math.min(SPOUSE_AGE_GAP.max, Math.round(rng.normal(SPOUSE_AGE_GAP.mean, SPOUSE_AGE_GAP.sd))));
    let wifeAge = husbandAge - gap;
    // Minimum marriage age 19 (UU 16/2019); a few younger wives married by court dispensation.
    const dispensation = rng.chance(MARRIAGE_DISPENSATION_SHARE);
    if (wifeAge < 19) wifeAge = dispensation ? rng.int(16, 18) : 19 + rng.int(0, 2);
    husbandAge = Math.min(husbandAge, MAXIMUM_AGE - 1);
    wifeAge = Math.min(wifeAge, MAXIMUM_AGE - 1);
    const husbandBirth = h.bornAged(husbandAge);
    const wifeBirth = h.bornAged(wifeAge);
    const wifeReligion = rng.chance(MIXED_RELIGION_SHARE) ? (place.religions.codes[rng.weighted(place.religions.table)] as Religion) : religion;
    remaining.take('M');
    remaining.take('F');
    const man: Person = { birthDay: husbandBirth, sex: 'M', shdk: 1, marital: status, religion, name: personName(religion, 'M', familyName), motherName: someMother(religion), fatherName: someFather(religion) };
    const woman: Person = { birthDay: wifeBirth, sex: 'F', shdk: 3, marital: status, religion: wifeReligion, name: personName(wifeReligion, 'F', localName(rng)), motherName: someMother(wifeReligion), fatherName: someFather(wifeReligion) };
    if (type === 'COUPLE') {
      head = h.add(man);
      wife = h.add(woman);
    } else {
      head = h.add({ ...woman, shdk: 1 });
      husband = h.add({ ...man, shdk: 2 });
    }
    motherBirth = wifeBirth;
    motherName = woman.name;
    fatherName = man.name;
    const start = dispensation && wifeAge < 19 ? 17 : 19;
    return finish(h, rng, remaining, { head, wife, husband, motherBirth, motherName, fatherName, stay, religion, familyName, childrenStart: start });
  }

  // Heads without a spouse on the card.
  let sex: Sex;
  let age: number;
  let marital: MaritalStatus;
  if (type === 'WIDOW' || type === 'WIDOWER') {
    sex = type === 'WIDOW' ? 'F' : 'M';
    age = ageFrom(rng, WIDOWED_AGE, 30);
    marital = 'CERAI_MATI';
  } else if (type === 'DIVORCED') {
    sex = rng.chance(0.65) ? 'F' : 'M';
    age = ageFrom(rng, SINGLE_AGE, 25);
    marital = divorcedStatus(rng);
  } else {
    sex = rng.chance(0.55) ? 'M' : 'F';
    age = ageFrom(rng, SINGLE_AGE, 20);
    marital = 'BELUM_KAWIN';
  }
  if (!remaining.has(sex)) sex = otherSex(sex);
  age = Math.min(age, MAXIMUM_AGE - 1);
  remaining.take(sex);
  const headBirth = h.bornAged(age);
  head = h.add({ birthDay: headBirth, sex, shdk: 1, marital, religion, name: personName(religion, sex, sex === 'M' ? familyName : localName(rng)), motherName: someMother(religion), fatherName: someFather(religion) });
  if (sex === 'F') {
    motherBirth = headBirth;
    motherName = head.name;
    fatherName = personName(religion, 'M', familyName);
  } else {
    motherBirth = headBirth + years(Math.round(rng.normal(SPOUSE_AGE_GAP.mean, SPOUSE_AGE_GAP.sd)));
    motherName = someMother(religion);
    fatherName = head.name;
    if (type === 'DIVORCED') stay = 0.4; // children of a divorce mostly stay with the mother (assumption)
  }
  if (marital === 'BELUM_KAWIN') stay = 0; // never married: no children on the card (assumption)
  return finish(h, rng, remaining, { head, motherBirth, motherName, fatherName, stay, religion, familyName, childrenStart: 19 });
}

interface Core {
  head: Person;
  wife?: Person;
  husband?: Person;
  motherBirth: number;
  motherName: string;
  fatherName: string;
  stay: number;
  religion: Religion;
  familyName: string;
  childrenStart: number;
}

/** Children and the extended family, in card order. */
function finish(h: HouseholdBuilder, rng: Rng, remaining: Remaining, core: Core): Person[] {
  const { head, religion } = core;
  const childFamily = core.head.sex === 'M' ? core.familyName : localName(rng);
  const kids: Person[] = [];
  if (core.stay > 0) {
    for (const birth of h.children(core.motherBirth, head.birthDay, core.stay, core.childrenStart)) {
      const sex = remaining.draw(rng);
      if (!sex) break;
      const age = h.ageOf(birth);
      const marital: MaritalStatus = age >= 25 && rng.chance(0.03) ? (rng.chance(0.5) ? divorcedStatus(rng) : 'CERAI_MATI') : 'BELUM_KAWIN';
      kids.push({ birthDay: birth, sex, shdk: 4, marital, religion, name: fullName(rng, religion, sex, childFamily), motherName: core.motherName, fatherName: core.fatherName });
    }
  }
  const others: Person[] = [];
  const headAge = h.ageOf(head.birthDay);

  // A married child with spouse (Menantu) and their children (Cucu) on the head's card.
  if (headAge >= 48 && rng.chance(EXTENDED.threeGenerations) && remaining.men > 0 && remaining.women > 0) {
    const childBirth = Math.max(core.motherBirth, head.birthDay + years(14)) + years(19 + rng.int(0, 8)) + rng.int(0, 300);
    if (h.ageOf(childBirth) >= 21) {
      const childSex: Sex = rng.chance(0.5) ? 'F' : 'M';
      remaining.take(childSex);
      remaining.take(otherSex(childSex));
      const status = marriedStatus(rng);
      const child: Person = { birthDay: childBirth, sex: childSex, shdk: 4, marital: status, religion, name: fullName(rng, religion, childSex, childFamily), motherName: core.motherName, fatherName: core.fatherName };
      const spouseAge = Math.max(19, h.ageOf(childBirth) + (childSex === 'M' ? -1 : 1) * rng.int(0, 6));
      const spouseBirth = h.bornAged(spouseAge);
      const spouseFamily = localName(rng);
      const spouse: Person = { birthDay: spouseBirth, sex: otherSex(childSex), shdk: 5, marital: status, religion, name: fullName(rng, religion, otherSex(childSex), spouseFamily), motherName: fullName(rng, religion, 'F', localName(rng)), fatherName: fullName(rng, religion, 'M', spouseFamily) };
      kids.push(child);
      others.push(spouse);
      const mother = childSex === 'F' ? child : spouse;
      const father = childSex === 'F' ? spouse : child;
      const grandFamily = childSex === 'M' ? childFamily : spouseFamily;
      for (const birth of h.children(mother.birthDay, head.birthDay + years(12), 1)) {
        if (birth < head.birthDay + years(25)) continue;
        const sex = remaining.draw(rng);
        if (!sex) break;
        others.push({ birthDay: birth, sex, shdk: 6, marital: 'BELUM_KAWIN', religion, name: fullName(rng, religion, sex, grandFamily), motherName: mother.name, fatherName: father.name });
      }
    }
  } else if (headAge >= 45 && rng.chance(EXTENDED.grandchildrenOnly)) {
    // Grandchildren whose parents work away (Kupang, Kalimantan, Malaysia) live with their grandparents.
    const n = rng.int(1, 3);
    const parentFamily = localName(rng);
    const motherName = fullName(rng, religion, 'F', localName(rng));
    for (let i = 0; i < n; i++) {
      const birth = h.bornAged(rng.int(0, 14));
      if (birth < head.birthDay + years(25)) continue;
      const sex = remaining.draw(rng);
      if (!sex) break;
      others.push({ birthDay: birth, sex, shdk: 6, marital: 'BELUM_KAWIN', religion, name: fullName(rng, religion, sex, parentFamily), motherName, fatherName: '' });
    }
  }
  // A widowed parent of the head (Orang Tua) or of the wife (Mertua).
  if (rng.chance(EXTENDED.parent)) {
    const birth = head.birthDay - years(20 + rng.int(0, 16)) - rng.int(0, 300);
    const sex: Sex = rng.chance(0.7) ? 'F' : 'M';
    if (birth >= h.oldest() && remaining.has(sex)) {
      remaining.take(sex);
      others.push({ birthDay: birth, sex, shdk: 7, marital: 'CERAI_MATI', religion, name: fullName(rng, religion, sex, sex === 'M' ? core.familyName : localName(rng)), motherName: fullName(rng, religion, 'F', localName(rng)), fatherName: '' });
    }
  } else if (core.wife && rng.chance(EXTENDED.parentInLaw / (1 - EXTENDED.parent))) {
    const birth = core.wife.birthDay - years(20 + rng.int(0, 16)) - rng.int(0, 300);
    const sex: Sex = rng.chance(0.7) ? 'F' : 'M';
    if (birth >= h.oldest() && remaining.has(sex)) {
      remaining.take(sex);
      others.push({ birthDay: birth, sex, shdk: 8, marital: 'CERAI_MATI', religion: core.wife.religion, name: fullName(rng, core.wife.religion, sex, localName(rng)), motherName: fullName(rng, core.wife.religion, 'F', localName(rng)), fatherName: '' });
    }
  }
  // A niece or nephew staying for school (Famili Lain).
  if (rng.chance(EXTENDED.relative)) {
    const sex = remaining.draw(rng);
    if (sex) others.push({ birthDay: h.bornAged(rng.int(8, 22)), sex, shdk: 9, marital: 'BELUM_KAWIN', religion, name: fullName(rng, religion, sex, localName(rng)), motherName: fullName(rng, religion, 'F', localName(rng)), fatherName: '' });
  }

  kids.sort((a, b) => a.birthDay - b.birthDay);
  const order: Record<number, number> = { 5: 0, 6: 1, 7: 2, 8: 3, 9: 4 };
  others.sort((a, b) => (order[a.shdk] as number) - (order[b.shdk] as number) || a.birthDay - b.birthDay);
  return [...h.members, ...kids, ...others];
}

// ---------------------------------------------------------------------------------------------------------
// Documents and the other fields of a row

const EDUCATION_ADULT = weightTable([8, 12, 30, 17, 23, 1, 2, 6.5, 0.5]); // codes 1..9 (assumption, NTT adults)

export function completeYears(birth: string, asOf: string): number {
  const by = +birth.slice(0, 4);
  const md = birth.slice(5);
  let age = +asOf.slice(0, 4) - by;
  // Birthdays on 29 February count from 1 March in common years (as the domain library's ageOn does).
  const birthMd = md === '02-29' && !isLeap(+asOf.slice(0, 4)) ? '03-01' : md;
  if (asOf.slice(5) < birthMd) age--;
  return age;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function education(rng: Rng, age: number): number {
  if (age < 6) return 1;
  if (age < 12) return 2;
  if (age < 15) return 3;
  if (age < 18) return 4;
  const code = rng.weighted(EDUCATION_ADULT) + 1;
  // Younger adults went to school longer (assumption): shift up one level for half of those under 35.
  return age < 35 && code < 5 && rng.chance(0.5) ? code + 1 : code;
}

function occupation(rng: Rng, p: Person, age: number, edu: number): string {
  if (age < 5) return 'Belum/Tidak Bekerja';
  if (age < 18) return 'Pelajar/Mahasiswa';
  if (age < 24 && p.shdk !== 1 && rng.chance(0.45)) return 'Pelajar/Mahasiswa';
  if (age >= 70) return rng.chance(0.7) ? 'Belum/Tidak Bekerja' : 'Petani/Pekebun';
  if (edu >= 8 && rng.chance(0.45)) return rng.pick(['Pegawai Negeri Sipil', 'Guru', 'Perawat', 'Karyawan Swasta']);
  if (p.sex === 'F' && p.shdk === 3 && rng.chance(0.45)) return 'Mengurus Rumah Tangga';
  const x = rng.next();
  if (x < 0.66) return 'Petani/Pekebun';
  if (x < 0.74) return 'Wiraswasta';
  if (x < 0.79) return 'Nelayan/Perikanan';
  if (x < 0.84) return 'Pedagang';
  if (x < 0.88) return 'Tukang Kayu';
  if (x < 0.91) return 'Sopir';
  if (x < 0.94) return 'Peternak';
  return 'Belum/Tidak Bekerja';
}

// ---------------------------------------------------------------------------------------------------------
// Villages, identifiers, the stream

interface VillageShare {
  readonly districtCode: string;
  readonly districtName: string;
  readonly villageCode: string;
  readonly men: number;
  readonly women: number;
}

/** Largest remainder: `total` split in proportion to `weights`, summing exactly to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map((e) => Math.floor(e));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] as number) + 1;
    left--;
  }
  return shares;
}

/** The regency's men and women spread over its current villages (see the file's comment). */
export function villageShares(seed: string | number, target: RegencyTarget): VillageShare[] {
  const rng = Rng.derive(seed, target.code, 'villages');
  const villages: { districtCode: string; districtName: string; villageCode: string; weight: number }[] = [];
  for (const district of listDistricts(target.code)) {
    for (const v of listVillages(district.code)) {
      const base = v.code.charAt(6) === '1' ? KELURAHAN_WEIGHT : 1;
      villages.push({ districtCode: district.code, districtName: district.name, villageCode: v.code, weight: base * (1 - VILLAGE_SPREAD + 2 * VILLAGE_SPREAD * rng.next()) });
    }
  }
  if (villages.length === 0) throw new Error(`regency ${target.code} has no current villages in the data`);
  const totals = apportion(target.men + target.women, villages.map((v) => v.weight));
  const men = apportion(target.men, totals);
  return villages.map((v, i) => ({ districtCode: v.districtCode, districtName: v.districtName, villageCode: v.villageCode, men: men[i] as number, women: (totals[i] as number) - (men[i] as number) }));
}

function elsewhereNames(): string[] {
  return POPULATION.filter(([c]) => c.length === 5).map(([, name]) => name.replace(/^(Kabupaten|Kab|Kota)\s+/, ''));
}

/**
 * The register, card by card: every regency of the region in code order, its kecamatan and villages in code
 * order, the cards of a village in the order they are made. Nothing is kept between kecamatan but the options.
 */
export function* generateRegister(options: SynthOptions): Generator<SynthCard> {
  const asOfDay = dayOf(options.asOf);
  const asOf = options.asOf;
  const share = options.ektpRecordedShare ?? EKTP_RECORDED_SHARE;
  if (!(share >= 0 && share <= 1)) throw new Error(`ektpRecordedShare must be in [0, 1], got ${share}`);
  const elsewhere = elsewhereNames();
  for (const target of regencyTargets(options.region, options.scale ?? 1)) {
    const profile = RELIGION_PROFILE_OF[target.code] ?? 'TIMOR_SUMBA';
    const religions = RELIGION_TABLES.get(profile) as { codes: Religion[]; table: WeightTable };
    let district = '';
    let nikSerials = new Map<number, number>();
    let kkSerials = new Map<number, number>();
    for (const village of villageShares(options.seed, target)) {
      if (village.districtCode !== district) {
        // NIK and No. KK serials are per kecamatan prefix: forget the previous kecamatan's (bounded memory).
        district = village.districtCode;
        nikSerials = new Map();
        kkSerials = new Map();
      }
      const rng = Rng.derive(options.seed, village.villageCode);
      const hamlets = Array.from({ length: rng.int(2, 5) }, () => hamletName(rng));
      const place: Place = { regencyCode: target.code, districtCode: village.districtCode, districtName: village.districtName, villageCode: village.villageCode, hamlets, religions, elsewhere };
      const remaining = new Remaining(village.men, village.women);
      while (remaining.total > 0) {
        const people = household(rng, remaining, asOfDay, place);
        const c = card(rng, people, place, asOf, asOfDay, share, nikSerials, kkSerials);
        // The recording and register dates from their own streams (seed and NIK / No. KK): no other value moves.
        const cardDay = cardRegisteredOn(options.seed, c.kkNumber, asOf);
        yield { ...c, members: c.members.map((m) => ({ ...m, ektpRecordedOn: ektpRecordedOn(options.seed, m, asOf), registeredOn: memberRegisteredOn(cardDay, m.birthDate) })) };
      }
    }
  }
}

/** The rows of a card: identifiers issued by the domain library, documents, the other fields. */
function card(
  rng: Rng,
  people: readonly Person[],
  place: Place,
  asOf: string,
  asOfDay: number,
  ektpShare: number,
  nikSerials: Map<number, number>,
  kkSerials: Map<number, number>,
): SynthCard {
  const head = people[0] as Person;
  const rw = rng.int(0, place.hamlets.length - 1);
  const address = `Dusun ${place.hamlets[rw]}, RT ${String(rng.int(1, 4)).padStart(3, '0')} / RW ${String(rw + 1).padStart(3, '0')}`;
  // The card was last issued between the head's 19th birthday (or 2008, when SIAK numbers became the rule here:
  // assumption) and asOf.
  const earliest = Math.max(dayOf('2008-01-01'), head.birthDay + years(19));
  const issueDay = earliest >= asOfDay ? asOfDay : rng.int(earliest, asOfDay);
  const kkUsed = kkSerials.get(issueDay);
  const kk = issueKkNumber({ districtCode: place.districtCode, issueDate: isoOf(issueDay), usedSerials: kkUsed === undefined ? [] : [kkUsed] }, { asOf });
  if (!kk.ok) throw new Error(`issueKkNumber failed: ${kk.errors.map((e) => e.code).join(', ')}`);
  kkSerials.set(issueDay, Number(kk.value.serial));
  const kkNumber = kk.value.kkNumber;

  const members = people.map((p): SynthResident => {
    const birthDate = isoOf(p.birthDay);
    const key = p.birthDay * 2 + (p.sex === 'F' ? 1 : 0);
    const used = nikSerials.get(key);
    const nik = issueNik({ districtCode: place.districtCode, birthDate, sex: p.sex, usedSerials: used === undefined ? [] : [used] }, { asOf });
    if (!nik.ok) throw new Error(`issueNik failed: ${nik.errors.map((e) => e.code).join(', ')}`);
    nikSerials.set(key, Number(nik.value.serial));
    const age = completeYears(birthDate, asOf);
    const wajib = isWajibKtp({ birthDate, maritalStatus: p.marital }, { asOf });
    if (!wajib.ok) throw new Error(`isWajibKtp failed: ${wajib.errors.map((e) => e.code).join(', ')}`);
    let ektpState: EktpState = 'NOT_YET_COMPULSORY';
    let kiaState: KiaState | '' = '';
    if (wajib.value) {
      const recorded = Math.min(0.995, Math.max(0.02, ektpShare + byAge(EKTP_AGE_OFFSETS, age)));
      ektpState = rng.chance(recorded) ? ((EKTP_RECORDED_STATES[rng.weighted(EKTP_STATE_TABLE)] as readonly [EktpState, number])[0]) : 'NOT_RECORDED';
    } else {
      const x = rng.next();
      kiaState = x < KIA_ISSUED_SHARE ? 'ISSUED' : x < KIA_ISSUED_SHARE + KIA_PRINTED_SHARE ? 'PRINTED' : 'NOT_ISSUED';
    }
    const edu = education(rng, age);
    const born = age >= 18 && rng.chance(BORN_ELSEWHERE_SHARE) ? rng.pick(place.elsewhere) : place.districtName;
    return {
      nik: nik.value.nik,
      kkNumber,
      shdk: p.shdk,
      fullName: p.name,
      birthPlace: born.toUpperCase(),
      birthDate,
      sex: p.sex,
      religion: p.religion,
      maritalStatus: p.marital,
      education: edu,
      bloodType: rng.chance(0.75) ? 13 : rng.weighted(BLOOD_TABLE) + 1,
      occupation: occupation(rng, p, age, edu),
      motherName: p.motherName,
      fatherName: p.fatherName,
      districtCode: place.districtCode,
      villageCode: place.villageCode,
      address,
      ektpState,
      kiaState,
      birthDeed: rng.chance(byAge(BIRTH_DEED_SHARE_BY_AGE, age)),
      ektpRecordedOn: '',
      registeredOn: '',
    };
  });
  return { kkNumber, regencyCode: place.regencyCode, districtCode: place.districtCode, villageCode: place.villageCode, address, members };
}
