/**
 * The particulars of a deed application, by deed type: which groups it takes (the child and its parents, the
 * deceased, the spouses, …), the fields of each group, which fields a partner's report must carry and which the
 * application must carry when it is submitted (and so the deed when it is registered). One table for the deeds
 * service, which enforces it, and for the office app, which judges a form with it before anything is sent.
 *
 * Paths name a field: a group and its field ('child.fullName', 'mother.nik') or a group that is a single value
 * ('place', 'kkNumber').
 */
import type { DeedType } from './deed-types.js';

export type ParticularGroup =
  | 'child'
  | 'mother'
  | 'father'
  | 'deceased'
  | 'husband'
  | 'wife'
  | 'adopter'
  | 'religion'
  | 'place'
  | 'kkNumber'
  | 'address'
  | 'courtDecision'
  | 'birthDeedNumber'
  | 'marriageDeedNumber';

export interface ParticularRule {
  /** The groups this deed type takes. */
  readonly groups: readonly ParticularGroup[];
  /** The fields a partner's report (notification) must carry. */
  readonly toNotify: readonly string[];
  /** The fields the application must carry at SUBMIT (and so the deed when registered). */
  readonly toSubmit: readonly string[];
}

const PARENTS_BIRTH: readonly ParticularGroup[] = ['child', 'mother', 'father', 'place', 'kkNumber', 'address'];
const SPOUSES = ['husband.nik', 'husband.fullName', 'wife.nik', 'wife.fullName'];

/** The particulars of each deed type. */
export const PARTICULAR_RULES: Readonly<Record<DeedType, ParticularRule>> = {
  BIRTH: { groups: PARENTS_BIRTH, toNotify: ['child.sex', 'mother.fullName'], toSubmit: ['child.fullName', 'child.sex', 'child.religion', 'mother.fullName', 'place'] },
  STILLBIRTH: { groups: PARENTS_BIRTH, toNotify: ['mother.fullName'], toSubmit: ['mother.fullName', 'place'] },
  DEATH: { groups: ['deceased', 'place', 'kkNumber', 'address'], toNotify: ['deceased.nik', 'deceased.fullName'], toSubmit: ['deceased.nik', 'deceased.fullName', 'place'] },
  MARRIAGE: { groups: ['husband', 'wife', 'religion', 'place', 'kkNumber', 'address'], toNotify: [...SPOUSES, 'religion'], toSubmit: [...SPOUSES, 'religion', 'place'] },
  DIVORCE: {
    groups: ['husband', 'wife', 'courtDecision', 'marriageDeedNumber', 'address'],
    toNotify: [],
    toSubmit: [...SPOUSES, 'courtDecision.number', 'courtDecision.court', 'marriageDeedNumber'],
  },
  RECOGNITION: {
    groups: ['child', 'father', 'mother', 'birthDeedNumber', 'kkNumber', 'address'],
    toNotify: [],
    toSubmit: ['child.nik', 'child.fullName', 'father.nik', 'father.fullName', 'mother.fullName', 'birthDeedNumber'],
  },
  LEGITIMATION: {
    groups: ['child', 'father', 'mother', 'birthDeedNumber', 'marriageDeedNumber', 'kkNumber', 'address'],
    toNotify: [],
    toSubmit: ['child.nik', 'child.fullName', 'father.fullName', 'mother.fullName', 'birthDeedNumber', 'marriageDeedNumber'],
  },
  ADOPTION: {
    groups: ['child', 'adopter', 'courtDecision', 'birthDeedNumber', 'kkNumber', 'address'],
    toNotify: [],
    toSubmit: ['child.nik', 'child.fullName', 'adopter.nik', 'adopter.fullName', 'courtDecision.number', 'courtDecision.court', 'birthDeedNumber'],
  },
};

/**
 * The fields of each group; a group without fields is a single value. The child's `nik` names a child already on
 * the register: optional for a birth (a late birth deed of a registered resident is linked to them instead of
 * registering a new one), required for a recognition, legitimation or adoption, which change that child's record
 * (UU 23/2006 art. 47–50; issue 19 item 7).
 */
export const PARTICULAR_FIELDS: Readonly<Record<ParticularGroup, readonly string[]>> = {
  child: ['nik', 'fullName', 'sex', 'religion', 'childOrder', 'birthTime'],
  mother: ['nik', 'fullName', 'sex', 'birthDate'],
  father: ['nik', 'fullName', 'sex', 'birthDate'],
  deceased: ['nik', 'fullName', 'sex', 'birthDate'],
  husband: ['nik', 'fullName', 'sex', 'birthDate'],
  wife: ['nik', 'fullName', 'sex', 'birthDate'],
  adopter: ['nik', 'fullName', 'sex', 'birthDate'],
  courtDecision: ['number', 'court'],
  religion: [],
  place: [],
  kkNumber: [],
  address: [],
  birthDeedNumber: [],
  marriageDeedNumber: [],
};

/** Every field path of a deed type, in the table's order ('child.fullName', …, 'place', …). */
export function particularPaths(deedType: DeedType): string[] {
  return PARTICULAR_RULES[deedType].groups.flatMap((g) => (PARTICULAR_FIELDS[g].length === 0 ? [g] : PARTICULAR_FIELDS[g].map((field) => `${g}.${field}`)));
}

/** The value at a path ('mother.nik') of a particulars object, or undefined. */
export function particularAt(particulars: unknown, path: string): unknown {
  let value: unknown = particulars;
  for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** The paths among `required` that have no value (absent, null or an empty or blank text). */
export function missingParticulars(particulars: unknown, required: readonly string[]): string[] {
  return required.filter((path) => {
    const value = particularAt(particulars, path);
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  });
}
