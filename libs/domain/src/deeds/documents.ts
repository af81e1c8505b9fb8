/**
 * The documents an application for each deed type needs, as data, and `checkDocuments`, which compares the
 * documents provided with that checklist: which requirement is met and by which document (the usual one or an
 * alternative), which is missing.
 *
 * A requirement is met by any one of its `anyOf` documents (the first is the usual one; the others are the
 * alternatives the rules allow), `count` times. The SPTJM (Surat Pernyataan Tanggung Jawab Mutlak, a
 * statement of absolute responsibility signed by the applicant, with two witnesses) is such an alternative:
 * for a birth it replaces a missing birth letter, and a missing marriage book or deed when the parents are
 * recorded as husband and wife on the KK (Permendagri 9/2016 on speeding up birth deed coverage).
 *
 * Sources per requirement are in `source`. The birth list is that of Permendagri 9/2016. For the other types
 * we found no regulation text listing the documents, so the lists are the office's checklist (the death list
 * as the office applies it; for the others the core documents the cited article of UU 23/2006 presupposes);
 * an office may ask for more (for example photographs), which is outside this check.
 */
import type { DeedType } from './deed-types.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';

/**
 * A kind of document an applicant brings:
 * - `BIRTH_LETTER_HEALTH`: surat keterangan kelahiran from a doctor, midwife or birth attendant (or the
 *   hospital or health post);
 * - `BIRTH_LETTER_VILLAGE`: surat keterangan kelahiran from the village head (kepala desa or lurah);
 * - `SPTJM_BIRTH`: SPTJM on the truth of the birth data (kebenaran data kelahiran);
 * - `STILLBIRTH_LETTER_HEALTH`, `STILLBIRTH_LETTER_VILLAGE`: the same two letters for a stillbirth;
 * - `DEATH_LETTER_HEALTH`: surat keterangan kematian from a hospital or puskesmas;
 * - `DEATH_LETTER_VILLAGE`: surat keterangan kematian from the village head;
 * - `KK`: the family card (Kartu Keluarga);
 * - `KTP_PARENTS`: the parents' KTP-el (the mother's alone for a child registered to its mother);
 * - `KTP_DECEASED`, `KTP_REPORTER`, `KTP_WITNESS` (one per witness), `KTP_SPOUSES`: KTP-el of those persons;
 * - `MARRIAGE_BOOK`: buku nikah, issued by the KUA to Muslim couples;
 * - `MARRIAGE_DEED`: kutipan akta perkawinan;
 * - `SPTJM_MARRIED_COUPLE`: SPTJM on the truth of being husband and wife (kebenaran sebagai pasangan suami
 *   istri);
 * - `RELIGIOUS_MARRIAGE_LETTER`: the letter of the religious leader (or of the leader of a belief
 *   organisation) that the marriage took place;
 * - `COURT_DECISION`: a copy of the final court decision (divorce) or determination (adoption);
 * - `BIRTH_DEED`: the child's kutipan akta kelahiran;
 * - `RECOGNITION_LETTER`: the father's letter of recognition, approved by the mother.
 */
export type DocumentKind =
  | 'BIRTH_LETTER_HEALTH'
  | 'BIRTH_LETTER_VILLAGE'
  | 'SPTJM_BIRTH'
  | 'STILLBIRTH_LETTER_HEALTH'
  | 'STILLBIRTH_LETTER_VILLAGE'
  | 'DEATH_LETTER_HEALTH'
  | 'DEATH_LETTER_VILLAGE'
  | 'KK'
  | 'KTP_PARENTS'
  | 'KTP_DECEASED'
  | 'KTP_REPORTER'
  | 'KTP_WITNESS'
  | 'KTP_SPOUSES'
  | 'MARRIAGE_BOOK'
  | 'MARRIAGE_DEED'
  | 'SPTJM_MARRIED_COUPLE'
  | 'RELIGIOUS_MARRIAGE_LETTER'
  | 'COURT_DECISION'
  | 'BIRTH_DEED'
  | 'RECOGNITION_LETTER';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'BIRTH_LETTER_HEALTH',
  'BIRTH_LETTER_VILLAGE',
  'SPTJM_BIRTH',
  'STILLBIRTH_LETTER_HEALTH',
  'STILLBIRTH_LETTER_VILLAGE',
  'DEATH_LETTER_HEALTH',
  'DEATH_LETTER_VILLAGE',
  'KK',
  'KTP_PARENTS',
  'KTP_DECEASED',
  'KTP_REPORTER',
  'KTP_WITNESS',
  'KTP_SPOUSES',
  'MARRIAGE_BOOK',
  'MARRIAGE_DEED',
  'SPTJM_MARRIED_COUPLE',
  'RELIGIOUS_MARRIAGE_LETTER',
  'COURT_DECISION',
  'BIRTH_DEED',
  'RECOGNITION_LETTER',
];

/** What a requirement asks for (one identifier per line of a checklist). */
export type RequirementId =
  | 'BIRTH_PROOF'
  | 'STILLBIRTH_PROOF'
  | 'DEATH_PROOF'
  | 'FAMILY_CARD'
  | 'PARENTS_KTP'
  | 'PARENTS_MARRIAGE_PROOF'
  | 'DECEASED_KTP'
  | 'REPORTER_KTP'
  | 'WITNESSES_KTP'
  | 'RELIGIOUS_MARRIAGE_PROOF'
  | 'SPOUSES_KTP'
  | 'COURT_DECISION'
  | 'MARRIAGE_DEED'
  | 'CHILD_BIRTH_DEED'
  | 'RECOGNITION_LETTER';

/**
 * A condition under which a requirement applies: `PARENTS_MARRIED`, the child's parents are married (a child
 * of an unmarried mother is registered to its mother and needs no proof of marriage).
 */
export type RequirementCondition = 'PARENTS_MARRIED';

export interface DocumentRequirement {
  readonly id: RequirementId;
  readonly description: string;
  /** Any one of these satisfies the requirement; the first is the usual document, the others alternatives. */
  readonly anyOf: readonly DocumentKind[];
  /** How many documents it takes (two witnesses' KTPs); 1 for all others. */
  readonly count: number;
  /** Applies only under this condition; null: always. */
  readonly onlyIf: RequirementCondition | null;
  readonly source: string;
}

function requirement(
  id: RequirementId,
  description: string,
  anyOf: readonly DocumentKind[],
  source: string,
  extra: { readonly count?: number; readonly onlyIf?: RequirementCondition } = {},
): DocumentRequirement {
  return { id, description, anyOf, count: extra.count ?? 1, onlyIf: extra.onlyIf ?? null, source };
}

const P9_2016 = 'Permendagri 9/2016';
/** Requirements whose list no regulation we found spells out: the office's checklist, under the cited article. */
const checklist = (article: string) => `${article}; the office's checklist`;
const FAMILY_CARD = (source: string) => requirement('FAMILY_CARD', 'the family card (KK)', ['KK'], source);

/** The checklist of each deed type. */
export const DOCUMENT_REQUIREMENTS: Readonly<Record<DeedType, readonly DocumentRequirement[]>> = {
  BIRTH: [
    requirement(
      'BIRTH_PROOF',
      'a birth letter from a doctor, midwife or birth attendant, or from the village head; or an SPTJM on the birth data',
      ['BIRTH_LETTER_HEALTH', 'BIRTH_LETTER_VILLAGE', 'SPTJM_BIRTH'],
      P9_2016,
    ),
    FAMILY_CARD(P9_2016),
    requirement('PARENTS_KTP', "the parents' KTP-el", ['KTP_PARENTS'], P9_2016),
    requirement(
      'PARENTS_MARRIAGE_PROOF',
      "the parents' marriage book or marriage deed, or an SPTJM that they are husband and wife",
      ['MARRIAGE_BOOK', 'MARRIAGE_DEED', 'SPTJM_MARRIED_COUPLE'],
      P9_2016,
      { onlyIf: 'PARENTS_MARRIED' },
    ),
  ],
  STILLBIRTH: [
    requirement(
      'STILLBIRTH_PROOF',
      'a stillbirth letter from a doctor, midwife or birth attendant, or from the village head',
      ['STILLBIRTH_LETTER_HEALTH', 'STILLBIRTH_LETTER_VILLAGE'],
      checklist('UU 23/2006 art. 33'),
    ),
    FAMILY_CARD(checklist('UU 23/2006 art. 33')),
    requirement('PARENTS_KTP', "the parents' KTP-el", ['KTP_PARENTS'], checklist('UU 23/2006 art. 33')),
  ],
  DEATH: [
    requirement(
      'DEATH_PROOF',
      'a death letter from the hospital or puskesmas, or from the village head',
      ['DEATH_LETTER_HEALTH', 'DEATH_LETTER_VILLAGE'],
      checklist('UU 23/2006 art. 44'),
    ),
    FAMILY_CARD(checklist('UU 23/2006 art. 44')),
    requirement('DECEASED_KTP', "the deceased's KTP-el", ['KTP_DECEASED'], checklist('UU 23/2006 art. 44')),
    requirement('REPORTER_KTP', "the reporter's KTP-el", ['KTP_REPORTER'], checklist('UU 23/2006 art. 44')),
    requirement('WITNESSES_KTP', "two witnesses' KTP-el", ['KTP_WITNESS'], checklist('UU 23/2006 art. 44'), { count: 2 }),
  ],
  MARRIAGE: [
    requirement(
      'RELIGIOUS_MARRIAGE_PROOF',
      'the letter of the religious leader (or belief organisation) that the marriage took place',
      ['RELIGIOUS_MARRIAGE_LETTER'],
      checklist('UU 1/1974 art. 2; UU 23/2006 art. 34'),
    ),
    requirement('SPOUSES_KTP', "the spouses' KTP-el", ['KTP_SPOUSES'], checklist('UU 23/2006 art. 34')),
    FAMILY_CARD(checklist('UU 23/2006 art. 34')),
  ],
  DIVORCE: [
    requirement('COURT_DECISION', 'a copy of the final court decision on the divorce', ['COURT_DECISION'], checklist('UU 23/2006 art. 40')),
    requirement('MARRIAGE_DEED', 'the kutipan akta perkawinan', ['MARRIAGE_DEED'], checklist('UU 23/2006 art. 40')),
  ],
  RECOGNITION: [
    requirement(
      'RECOGNITION_LETTER',
      "the father's letter of recognition, approved by the mother",
      ['RECOGNITION_LETTER'],
      checklist('UU 23/2006 art. 49 as amended by UU 24/2013'),
    ),
    requirement('CHILD_BIRTH_DEED', "the child's kutipan akta kelahiran", ['BIRTH_DEED'], checklist('UU 23/2006 art. 49')),
    FAMILY_CARD(checklist('UU 23/2006 art. 49')),
  ],
  LEGITIMATION: [
    requirement('CHILD_BIRTH_DEED', "the child's kutipan akta kelahiran", ['BIRTH_DEED'], checklist('UU 23/2006 art. 50')),
    requirement(
      'PARENTS_MARRIAGE_PROOF',
      "the parents' marriage deed (or, for Muslims, marriage book)",
      ['MARRIAGE_DEED', 'MARRIAGE_BOOK'],
      checklist('UU 23/2006 art. 50 as amended by UU 24/2013'),
    ),
    FAMILY_CARD(checklist('UU 23/2006 art. 50')),
  ],
  ADOPTION: [
    requirement('COURT_DECISION', "a copy of the court's adoption decision", ['COURT_DECISION'], checklist('UU 23/2006 art. 47')),
    requirement('CHILD_BIRTH_DEED', "the child's kutipan akta kelahiran", ['BIRTH_DEED'], checklist('UU 23/2006 art. 47')),
    FAMILY_CARD(checklist('UU 23/2006 art. 47')),
  ],
};

/** Facts that decide conditional requirements. `parentsMarried` defaults to true (the usual case). */
export interface DocumentFacts {
  readonly parentsMarried?: boolean;
}

export interface SatisfiedRequirement {
  readonly requirement: RequirementId;
  /** The document that met it: the first of `anyOf` that was provided. */
  readonly by: DocumentKind;
  /** True when `by` is an alternative (not the first, usual, document). */
  readonly alternative: boolean;
}

export interface MissingRequirement {
  readonly requirement: RequirementId;
  readonly anyOf: readonly DocumentKind[];
  readonly needed: number;
  readonly provided: number;
}

export interface DocumentCheck {
  /** True when every applicable requirement is met. */
  readonly complete: boolean;
  readonly satisfied: readonly SatisfiedRequirement[];
  readonly missing: readonly MissingRequirement[];
  /** Requirements whose condition does not hold (e.g. marriage proof for a child of an unmarried mother). */
  readonly notApplicable: readonly RequirementId[];
  /** Provided documents no applicable requirement asks for (kept in order, without repeats). */
  readonly unused: readonly DocumentKind[];
}

/**
 * Errors of `checkDocuments` (bad input only; missing documents are a result, `complete: false`):
 * - `DEED_TYPE_INVALID`: not one of DEED_TYPES;
 * - `DOCUMENTS_INVALID`: the documents are not a list;
 * - `DOCUMENT_KIND_UNKNOWN`: an entry that is not one of DOCUMENT_KINDS (one problem per entry);
 * - `FACTS_INVALID`: facts is not an object, or parentsMarried is not a boolean.
 */
export type DocumentCheckErrorCode = (typeof DOCUMENT_CHECK_ERROR_CODES)[number];

export const DOCUMENT_CHECK_ERROR_CODES = ['DEED_TYPE_INVALID', 'DOCUMENTS_INVALID', 'DOCUMENT_KIND_UNKNOWN', 'FACTS_INVALID'] as const;

function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/**
 * Checks the documents provided (a list; a kind may appear more than once, e.g. two KTP_WITNESS) against the
 * checklist of the deed type. Never throws.
 *
 * @example checkDocuments('BIRTH', ['SPTJM_BIRTH', 'KK', 'KTP_PARENTS'], { parentsMarried: false })
 * // ok: complete, BIRTH_PROOF met by SPTJM_BIRTH (an alternative), PARENTS_MARRIAGE_PROOF not applicable
 */
export function checkDocuments(
  deedType: DeedType,
  provided: readonly DocumentKind[],
  facts: DocumentFacts = {},
): Result<DocumentCheck, DocumentCheckErrorCode> {
  const errors: Problem<DocumentCheckErrorCode>[] = [];
  const known = typeof deedType === 'string' && Object.prototype.hasOwnProperty.call(DOCUMENT_REQUIREMENTS, deedType);
  if (!known) errors.push(problem('DEED_TYPE_INVALID', 'deedType must be one of DEED_TYPES'));
  if (!Array.isArray(provided)) {
    errors.push(problem('DOCUMENTS_INVALID', 'documents must be a list of document kinds'));
  } else {
    for (let i = 0; i < provided.length; i++) {
      if (!isDocumentKind(provided[i])) {
        errors.push(problem('DOCUMENT_KIND_UNKNOWN', `documents[${i}] is not one of DOCUMENT_KINDS`));
      }
    }
  }
  const factsOk = facts === undefined || (typeof facts === 'object' && facts !== null && !Array.isArray(facts));
  const parentsMarried = factsOk ? (facts?.parentsMarried ?? true) : true;
  if (!factsOk || typeof parentsMarried !== 'boolean') {
    errors.push(problem('FACTS_INVALID', 'facts must be an object whose parentsMarried, if given, is a boolean'));
  }
  if (errors.length > 0 || !known) return fail(errors);

  const counts = new Map<DocumentKind, number>();
  for (const kind of provided) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const satisfied: SatisfiedRequirement[] = [];
  const missing: MissingRequirement[] = [];
  const notApplicable: RequirementId[] = [];
  const asked = new Set<DocumentKind>();
  for (const req of DOCUMENT_REQUIREMENTS[deedType]) {
    if (req.onlyIf === 'PARENTS_MARRIED' && !parentsMarried) {
      notApplicable.push(req.id);
      continue;
    }
    for (const kind of req.anyOf) asked.add(kind);
    const total = req.anyOf.reduce((sum, kind) => sum + (counts.get(kind) ?? 0), 0);
    const by = req.anyOf.find((kind) => counts.has(kind));
    if (total >= req.count && by !== undefined) {
      satisfied.push({ requirement: req.id, by, alternative: by !== req.anyOf[0] });
    } else {
      missing.push({ requirement: req.id, anyOf: req.anyOf, needed: req.count, provided: total });
    }
  }
  const unused = [...new Set(provided)].filter((kind) => !asked.has(kind));
  return ok({ complete: missing.length === 0, satisfied, missing, notApplicable, unused });
}
