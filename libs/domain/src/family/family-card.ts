/**
 * The family card (Kartu Keluarga, KK): who belongs to a household and how each member relates to its head
 * (SHDK). `checkFamilyCard` checks a whole card and returns every violation; it never throws.
 *
 * Rules and their sources (each is also a test in family-card.spec.ts):
 * - one Kepala Keluarga, who is wajib KTP (17 or older, or ever married): the head signs for the household
 *   and must therefore be of an age to hold an e-KTP (UU 24/2013 art. 63);
 * - a Suami only beside a female head and an Istri only beside a male head, never more than one Suami, more
 *   than one Istri only with a recorded court permission (UU 1/1974 art. 3(2), 4 and 5) and never more than
 *   four (Kompilasi Hukum Islam art. 55(1)); head and spouses married, and to each other: the same
 *   registration state (tercatat or not) on both sides, since one marriage is either registered or not;
 * - plausible generations, with a minimum gap between parent and child of MINIMUM_GENERATION_GAP years (see
 *   there); Cucu two generations below the head; Orang Tua above the head; Mertua above a spouse;
 * - every member's NIK valid (PP 37/2007 art. 37) and consistent with the recorded birth date and sex; no NIK
 *   twice on a card.
 * Every rule is judged on every member, whatever else is wrong with the card: a member field that cannot be read
 * (MEMBER_INVALID) skips only the rules that need that field, for that member.
 * Religion has no rule: members of one family may hold different religions.
 */
import { addYears, asOfToYmd, parseIsoDate, type AsOf, type IsoDate } from '../calendar.js';
import { isMarried, isEverMarried, isMaritalStatus, type MaritalStatus } from '../codes/marital-status.js';
import { RELIGIONS, type Religion } from '../codes/religion.js';
import { Shdk, type ShdkCode } from '../codes/shdk.js';
import { checkNikAgainstPerson, maskNik, parseNik, type Sex } from '../identifiers/nik.js';
import { parseKkNumber } from '../identifiers/kk-number.js';
import { WAJIB_KTP_AGE } from '../people/age.js';

export interface FamilyMember {
  readonly nik: string;
  /** SHDK: the relationship to the head of the family (1 Kepala Keluarga … 11 Lainnya). */
  readonly relationship: ShdkCode;
  readonly birthDate: IsoDate;
  readonly sex: Sex;
  readonly maritalStatus: MaritalStatus;
  readonly religion: Religion;
  /** The father's and mother's NIK when known (SIAK records them); used to check generations precisely. */
  readonly fatherNik?: string;
  readonly motherNik?: string;
}

export interface FamilyCard {
  /** No. KK; changes when the card is reissued (see KK_NUMBER_POLICY in family-operations). */
  readonly kkNumber: string;
  readonly members: readonly FamilyMember[];
  /**
   * A court has permitted the head to have more than one wife (UU 1/1974 art. 3(2), 4, 5). Without it a
   * card has at most one Istri; with it, at most four.
   */
  readonly polygamyPermitted?: boolean;
  /** Increases by one with every change made by the family card operations. */
  readonly version?: number;
}

/**
 * Violations of a family card:
 * - `CARD_INVALID`: not a card object, or members is not a list;
 * - `KK_NUMBER_INVALID`: the No. KK does not parse (the message names the KK_* codes);
 * - `MEMBER_INVALID`: a member field is missing or not one of the allowed values;
 * - `MEMBER_NIK_INVALID`: a NIK that parseNik rejects;
 * - `MEMBER_NIK_MISMATCH`: a NIK whose birth date or sex disagrees with the member's record;
 * - `NIK_DUPLICATE`: the same NIK twice on the card;
 * - `HEAD_MISSING`, `HEAD_MULTIPLE`: not exactly one Kepala Keluarga;
 * - `HEAD_NOT_WAJIB_KTP`: the head is under 17 and never married;
 * - `SPOUSE_SEX_INCONSISTENT`: a Suami who is not a man beside a woman head, or an Istri who is not a woman
 *   beside a man head;
 * - `HUSBAND_MULTIPLE`: more than one Suami;
 * - `WIVES_NOT_PERMITTED`: more than one Istri without a recorded permission;
 * - `WIVES_OVER_LIMIT`: more than four Istri;
 * - `SPOUSE_NOT_MARRIED`: a head with a spouse on the card, or a spouse, whose status is not married;
 * - `SPOUSE_REGISTRATION_MISMATCH`: head and spouse disagree on whether their marriage is registered;
 * - `CHILD_AGE_GAP`: an Anak less than the minimum gap younger than the head;
 * - `PARENT_AGE_GAP`: a member less than the minimum gap younger than a parent recorded by NIK on the card;
 * - `GRANDCHILD_AGE_GAP`: a Cucu less than twice the minimum gap younger than the head;
 * - `PARENT_OF_HEAD_AGE_GAP`: an Orang Tua less than the minimum gap older than the head;
 * - `PARENT_IN_LAW_AGE_GAP`: a Mertua less than the minimum gap older than every spouse on the card;
 * - `AS_OF_INVALID`.
 */
export type FamilyCardViolationCode = (typeof FAMILY_CARD_VIOLATION_CODES)[number];

export const FAMILY_CARD_VIOLATION_CODES = [
  'CARD_INVALID',
  'KK_NUMBER_INVALID',
  'MEMBER_INVALID',
  'MEMBER_NIK_INVALID',
  'MEMBER_NIK_MISMATCH',
  'NIK_DUPLICATE',
  'HEAD_MISSING',
  'HEAD_MULTIPLE',
  'HEAD_NOT_WAJIB_KTP',
  'SPOUSE_SEX_INCONSISTENT',
  'HUSBAND_MULTIPLE',
  'WIVES_NOT_PERMITTED',
  'WIVES_OVER_LIMIT',
  'SPOUSE_NOT_MARRIED',
  'SPOUSE_REGISTRATION_MISMATCH',
  'CHILD_AGE_GAP',
  'PARENT_AGE_GAP',
  'GRANDCHILD_AGE_GAP',
  'PARENT_OF_HEAD_AGE_GAP',
  'PARENT_IN_LAW_AGE_GAP',
  'AS_OF_INVALID',
] as const;

/**
 * Findings that leave a card valid:
 * - `CHILD_OLDER_THAN_SPOUSE_GAP`: an Anak less than the minimum gap younger than a spouse of the head. Not an
 *   error: the head's children from an earlier marriage are Anak on the card and may be close in age to a
 *   younger second spouse.
 * - `PARENT_IN_LAW_YOUNGER_THAN_HEAD`: a Mertua younger than the head (possible when the spouse is much
 *   younger than the head, so only a warning).
 */
export type FamilyCardWarningCode = (typeof FAMILY_CARD_WARNING_CODES)[number];

export const FAMILY_CARD_WARNING_CODES = ['CHILD_OLDER_THAN_SPOUSE_GAP', 'PARENT_IN_LAW_YOUNGER_THAN_HEAD'] as const;

/** A violation: its code, the members involved (indexes into `card.members`) and a message (NIKs masked). */
export interface FamilyCardViolation<Code extends string = FamilyCardViolationCode> {
  readonly code: Code;
  readonly members: readonly number[];
  readonly message: string;
}

export type FamilyCardResult<Value> =
  | { readonly ok: true; readonly value: Value; readonly warnings: readonly FamilyCardViolation<FamilyCardWarningCode>[] }
  | { readonly ok: false; readonly errors: readonly FamilyCardViolation<FamilyCardViolationCode>[] };

/**
 * Minimum age difference, in years, between a parent and a child on a card. We chose 12: births to mothers
 * under 12 are not plausible, while a larger gap would reject real families (young mothers exist although the
 * marriage age is 19, and stepchildren are recorded as Anak). It is an option of checkFamilyCard.
 */
export const MINIMUM_GENERATION_GAP = 12;

/** At most four wives at a time, with a court permission (Kompilasi Hukum Islam art. 55(1)). */
export const MAXIMUM_WIVES = 4;

export interface FamilyCardCheckOptions {
  readonly asOf: AsOf;
  /** Overrides MINIMUM_GENERATION_GAP. */
  readonly minimumGenerationGap?: number;
}

const SHDK_CODES = new Set<number>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
const RELIGION_CODES = new Set<string>(RELIGIONS.map((r) => r.code));

function violation<Code extends string>(code: Code, members: readonly number[], message: string): FamilyCardViolation<Code> {
  return { code, members, message };
}

/**
 * A member as far as it can be read: every field that is missing or not one of the allowed values is left out,
 * so each rule judges every member on the fields it needs and skips only the members whose field it cannot read.
 */
interface ReadMember {
  readonly index: number;
  /** The trimmed NIK, when it is a string (it may still be malformed). */
  readonly nik?: string;
  readonly relationship?: ShdkCode;
  /** YYYYMMDD, when the birth date is a real date (even one after asOf, which is reported as MEMBER_INVALID). */
  readonly birth?: number;
  readonly birthDate?: IsoDate;
  readonly sex?: Sex;
  readonly maritalStatus?: MaritalStatus;
  readonly fatherNik?: string;
  readonly motherNik?: string;
}

function readMember(m: unknown, index: number): ReadMember {
  if (typeof m !== 'object' || m === null) return { index };
  const r = m as Partial<Record<keyof FamilyMember, unknown>>;
  const birth = typeof r.birthDate === 'string' ? parseIsoDate(r.birthDate) : undefined;
  return {
    index,
    ...(typeof r.nik === 'string' ? { nik: r.nik.trim() } : {}),
    ...(SHDK_CODES.has(r.relationship as number) ? { relationship: r.relationship as ShdkCode } : {}),
    ...(birth !== undefined ? { birth, birthDate: r.birthDate as IsoDate } : {}),
    ...(r.sex === 'M' || r.sex === 'F' ? { sex: r.sex } : {}),
    ...(isMaritalStatus(r.maritalStatus) ? { maritalStatus: r.maritalStatus } : {}),
    ...(typeof r.fatherNik === 'string' ? { fatherNik: r.fatherNik.trim() } : {}),
    ...(typeof r.motherNik === 'string' ? { motherNik: r.motherNik.trim() } : {}),
  };
}

/**
 * Checks a whole family card. Returns the card (and warnings) or every violation: every rule is judged on every
 * member, whatever else is wrong with the card; a member field that cannot be read (MEMBER_INVALID) only skips
 * the rules that need that field, for that member.
 *
 * @example checkFamilyCard(card, { asOf: '2026-11-27' })
 */
export function checkFamilyCard(card: FamilyCard, options: FamilyCardCheckOptions): FamilyCardResult<FamilyCard> {
  const errors: FamilyCardViolation[] = [];
  const warnings: FamilyCardViolation<FamilyCardWarningCode>[] = [];
  const asOf = asOfToYmd(options?.asOf);
  if (asOf === undefined) return { ok: false, errors: [violation('AS_OF_INVALID', [], 'asOf must be a real date (YYYY-MM-DD or a valid Date)')] };
  if (typeof card !== 'object' || card === null || !Array.isArray(card.members)) {
    return { ok: false, errors: [violation('CARD_INVALID', [], 'a family card is an object with a kkNumber and a list of members')] };
  }
  const gap = Number.isInteger(options.minimumGenerationGap) && (options.minimumGenerationGap as number) >= 0 ? (options.minimumGenerationGap as number) : MINIMUM_GENERATION_GAP;

  const kk = parseKkNumber(card.kkNumber, { asOf: options.asOf });
  if (!kk.ok) errors.push(violation('KK_NUMBER_INVALID', [], `the No. KK is invalid: ${kk.errors.map((e) => e.code).join(', ')}`));

  // Members one by one: fields, NIK, NIK against the record (with whichever of birth date and sex is readable).
  const members: ReadMember[] = [];
  const byNik = new Map<string, number[]>();
  card.members.forEach((m: unknown, index) => {
    const problems = memberFieldProblems(m as FamilyMember, asOf);
    if (problems.length > 0) errors.push(violation('MEMBER_INVALID', [index], `member ${index + 1}: ${problems.join('; ')}`));
    const read = readMember(m, index);
    members.push(read);
    if (read.nik === undefined) return;
    const nik = read.nik;
    byNik.set(nik, [...(byNik.get(nik) ?? []), index]);
    const parsed = parseNik(nik, { asOf: options.asOf });
    if (!parsed.ok) {
      errors.push(violation('MEMBER_NIK_INVALID', [index], `member ${index + 1} (${maskNik(nik)}): ${parsed.errors.map((e) => e.code).join(', ')}`));
      return;
    }
    const mismatches = nikMismatches(nik, parsed.value.sex, read);
    if (mismatches.length > 0) {
      errors.push(violation('MEMBER_NIK_MISMATCH', [index], `member ${index + 1} (${maskNik(nik)}): ${mismatches.join(', ')}`));
    }
  });
  for (const [nik, indexes] of byNik) {
    if (indexes.length > 1) errors.push(violation('NIK_DUPLICATE', indexes, `NIK ${maskNik(nik)} appears ${indexes.length} times`));
  }

  const withRole = (code: ShdkCode) => members.filter((m) => m.relationship === code);
  const heads = withRole(Shdk.KEPALA_KELUARGA);
  if (heads.length === 0) errors.push(violation('HEAD_MISSING', [], 'a family card has exactly one Kepala Keluarga; there is none'));
  if (heads.length > 1) errors.push(violation('HEAD_MULTIPLE', heads.map((h) => h.index), `a family card has exactly one Kepala Keluarga; there are ${heads.length}`));
  const head = heads.length === 1 ? heads[0] : undefined;

  // Under 17 and never married: needs the head's birth date and, under 17, the marital status.
  if (head?.birth !== undefined && addYears(head.birth, WAJIB_KTP_AGE) > asOf && head.maritalStatus !== undefined && !isEverMarried(head.maritalStatus)) {
    errors.push(violation('HEAD_NOT_WAJIB_KTP', [head.index], 'the Kepala Keluarga must be 17 or older, or married or ever married (UU 24/2013 art. 63)'));
  }

  // Spouses (UU 1/1974; KHI art. 55).
  const husbands = withRole(Shdk.SUAMI);
  const wives = withRole(Shdk.ISTRI);
  const spouses = [...husbands, ...wives];
  if (husbands.length > 1) errors.push(violation('HUSBAND_MULTIPLE', husbands.map((h) => h.index), 'a card has at most one Suami'));
  if (wives.length > MAXIMUM_WIVES) {
    errors.push(violation('WIVES_OVER_LIMIT', wives.map((w) => w.index), `at most ${MAXIMUM_WIVES} Istri at a time (Kompilasi Hukum Islam art. 55(1))`));
  } else if (wives.length > 1 && card.polygamyPermitted !== true) {
    errors.push(violation('WIVES_NOT_PERMITTED', wives.map((w) => w.index), 'more than one Istri needs a recorded court permission (UU 1/1974 art. 3(2), 4)'));
  }
  // A side whose sex cannot be read is not judged; the other side still is.
  const wrongSex = (m: ReadMember | undefined, expected: Sex) => m?.sex !== undefined && m.sex !== expected;
  for (const s of husbands) {
    if (wrongSex(s, 'M') || wrongSex(head, 'F')) {
      errors.push(violation('SPOUSE_SEX_INCONSISTENT', head ? [head.index, s.index] : [s.index], 'a Suami is a man beside a woman Kepala Keluarga'));
    }
  }
  for (const s of wives) {
    if (wrongSex(s, 'F') || wrongSex(head, 'M')) {
      errors.push(violation('SPOUSE_SEX_INCONSISTENT', head ? [head.index, s.index] : [s.index], 'an Istri is a woman beside a man Kepala Keluarga'));
    }
  }
  for (const s of spouses) {
    if (s.maritalStatus === undefined) continue;
    if (!isMarried(s.maritalStatus)) {
      errors.push(violation('SPOUSE_NOT_MARRIED', [s.index], `member ${s.index + 1} is recorded as spouse but not as married`));
    } else if (head?.maritalStatus !== undefined && isMarried(head.maritalStatus) && registered(head.maritalStatus) !== registered(s.maritalStatus)) {
      errors.push(violation('SPOUSE_REGISTRATION_MISMATCH', [head.index, s.index], 'head and spouse must agree on whether their marriage is registered (tercatat)'));
    }
  }
  if (head?.maritalStatus !== undefined && spouses.length > 0 && !isMarried(head.maritalStatus)) {
    errors.push(violation('SPOUSE_NOT_MARRIED', [head.index], 'the Kepala Keluarga has a spouse on the card but is not recorded as married'));
  }

  // Generations: only between members whose birth dates can be read.
  const dated = (list: readonly ReadMember[]) => list.filter((m) => m.birth !== undefined);
  const older = (a: ReadMember, b: ReadMember, years: number) => addYears(a.birth as number, years) <= (b.birth as number);
  const datedSpouses = dated(spouses);
  if (head?.birth !== undefined) {
    for (const child of dated(withRole(Shdk.ANAK))) {
      if (!older(head, child, gap)) {
        errors.push(violation('CHILD_AGE_GAP', [head.index, child.index], `an Anak is at least ${gap} years younger than the Kepala Keluarga`));
      }
      for (const s of datedSpouses) {
        if (!older(s, child, gap)) {
          warnings.push(violation('CHILD_OLDER_THAN_SPOUSE_GAP', [s.index, child.index], `an Anak less than ${gap} years younger than a spouse of the head (a stepchild?)`));
        }
      }
    }
    for (const grandchild of dated(withRole(Shdk.CUCU))) {
      if (!older(head, grandchild, 2 * gap)) {
        errors.push(violation('GRANDCHILD_AGE_GAP', [head.index, grandchild.index], `a Cucu is at least ${2 * gap} years younger than the Kepala Keluarga`));
      }
    }
    for (const parent of dated(withRole(Shdk.ORANG_TUA))) {
      if (!older(parent, head, gap)) {
        errors.push(violation('PARENT_OF_HEAD_AGE_GAP', [parent.index, head.index], `an Orang Tua is at least ${gap} years older than the Kepala Keluarga`));
      }
    }
    for (const inLaw of dated(withRole(Shdk.MERTUA))) {
      if ((inLaw.birth as number) > head.birth) {
        warnings.push(violation('PARENT_IN_LAW_YOUNGER_THAN_HEAD', [inLaw.index, head.index], 'a Mertua younger than the Kepala Keluarga'));
      }
    }
  }
  // A Mertua is judged against the spouses, whose birth dates are enough (the head's is not needed).
  for (const inLaw of dated(withRole(Shdk.MERTUA))) {
    if (datedSpouses.length > 0 && !datedSpouses.some((s) => older(inLaw, s, gap))) {
      errors.push(violation('PARENT_IN_LAW_AGE_GAP', [inLaw.index, ...datedSpouses.map((s) => s.index)], `a Mertua is at least ${gap} years older than a spouse of the head`));
    }
  }
  // Parents recorded by NIK on the card: the precise check, whatever the SHDK.
  const onCard = new Map(dated(members).filter((m) => m.nik !== undefined).map((m) => [m.nik as string, m]));
  for (const child of dated(members)) {
    for (const parentNik of [child.fatherNik, child.motherNik]) {
      const parent = parentNik === undefined ? undefined : onCard.get(parentNik);
      if (parent && parent !== child && !older(parent, child, gap)) {
        errors.push(violation('PARENT_AGE_GAP', [parent.index, child.index], `a parent is at least ${gap} years older than their child`));
      }
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: card, warnings };
}

/** The NIK against whichever of the member's birth date and sex can be read (codes of checkNikAgainstPerson). */
function nikMismatches(nik: string, nikSex: Sex, m: ReadMember): string[] {
  if (m.birthDate !== undefined && m.sex !== undefined) {
    const check = checkNikAgainstPerson(nik, { birthDate: m.birthDate, sex: m.sex });
    return check.ok ? [] : check.errors.map((e) => e.code);
  }
  if (m.birthDate !== undefined) {
    // Any sex will do to compare the date; its own mismatch is dropped.
    const check = checkNikAgainstPerson(nik, { birthDate: m.birthDate, sex: nikSex });
    return check.ok ? [] : check.errors.map((e) => e.code).filter((c) => c !== 'NIK_SEX_MISMATCH');
  }
  return m.sex !== undefined && m.sex !== nikSex ? ['NIK_SEX_MISMATCH'] : [];
}

function registered(status: MaritalStatus): boolean {
  return status === 'KAWIN_TERCATAT';
}

function memberFieldProblems(m: FamilyMember, asOf: number): string[] {
  if (typeof m !== 'object' || m === null) return ['not a member record'];
  const problems: string[] = [];
  if (typeof m.nik !== 'string') problems.push('nik must be a string');
  if (!SHDK_CODES.has(m.relationship as number)) problems.push('relationship must be an SHDK code 1–11');
  const birth = parseIsoDate(m.birthDate);
  if (birth === undefined) problems.push('birthDate must be a real date YYYY-MM-DD');
  else if (birth > asOf) problems.push('birthDate is after asOf');
  if (m.sex !== 'M' && m.sex !== 'F') problems.push("sex must be 'M' or 'F'");
  if (!isMaritalStatus(m.maritalStatus)) problems.push('maritalStatus must be one of MARITAL_STATUSES');
  if (!RELIGION_CODES.has(m.religion as string)) problems.push('religion must be one of RELIGIONS');
  return problems;
}
