/**
 * What an application for a child's KIA needs, as data, and `checkKiaDocuments`, which compares what the family
 * brought with that list.
 *
 * A new card (PRINT), for a WNI child, as Permendagri 2/2016 lists the requirements (the procedure is art. 13):
 * - a copy of the child's kutipan akta kelahiran (the original is shown);
 * - the parents' (or guardian's) KK, original;
 * - both parents' (or the guardian's) KTP-el, originals;
 * - for a child of 5 or over (a FROM_5_TO_UNDER_17 card, which carries the photo): a colour photo of the child,
 *   2 × 3 (two prints on paper; one picture here).
 * Originals are shown, not kept: a photograph of each, taken by the office or on a village visit, is the record
 * that it was seen. A newborn's UNDER_5 card issued together with the birth deed needs no application: it is printed
 * from the deed (identity's deed consumers), not through this list.
 *
 * A card printed again (REISSUE) after a loss or damage: the regulation we read lists no documents for it, so this is
 * the office's checklist: the police's letter of loss (surat keterangan kehilangan) for a lost card, the damaged
 * card for a damaged one, each with the KK; and the photo again for a FROM_5_TO_UNDER_17 card.
 */
import type { KiaType } from '../people/age.js';
import { fail, ok, problem, type Problem, type Result } from '../result.js';
import { KIA_REISSUE_REASONS, KIA_TYPES, type KiaReissueReason } from './kia.js';

/**
 * A document of a KIA application:
 * - `BIRTH_DEED`: the child's kutipan akta kelahiran;
 * - `KK`: the family card of the parents or guardian;
 * - `KTP_PARENTS`: the KTP-el of both parents (or of the guardian);
 * - `CHILD_PHOTO`: the child's colour photo, for the card of a child of 5 or over;
 * - `POLICE_LOSS_LETTER`: the police's letter that the card was lost;
 * - `DAMAGED_KIA`: the damaged card itself.
 */
export type KiaDocumentKind = 'BIRTH_DEED' | 'KK' | 'KTP_PARENTS' | 'CHILD_PHOTO' | 'POLICE_LOSS_LETTER' | 'DAMAGED_KIA';

export const KIA_DOCUMENT_KINDS: readonly KiaDocumentKind[] = ['BIRTH_DEED', 'KK', 'KTP_PARENTS', 'CHILD_PHOTO', 'POLICE_LOSS_LETTER', 'DAMAGED_KIA'];

/** The application: a first or next card (PRINT) of the child's type, or a card printed again (REISSUE) for a reason. */
export interface KiaApplication {
  readonly kiaType: KiaType;
  /** A reissue's reason; absent for a new card. */
  readonly reissueReason?: KiaReissueReason;
}

export interface KiaDocumentRequirement {
  readonly kind: KiaDocumentKind;
  readonly description: string;
  /** The card types it applies to. */
  readonly kiaTypes: readonly KiaType[];
  /** NEW: a new card; or the reissue reason it applies to. */
  readonly forApplication: 'NEW' | KiaReissueReason;
  readonly source: string;
}

const P2_2016 = 'Permendagri 2/2016 (requirements of a WNI child’s KIA)';
const OFFICE = "the office's checklist (no regulation we read lists a reissue's documents)";
const BOTH: readonly KiaType[] = KIA_TYPES;
const FROM_5: readonly KiaType[] = ['FROM_5_TO_UNDER_17'];

function requirement(kind: KiaDocumentKind, description: string, kiaTypes: readonly KiaType[], forApplication: 'NEW' | KiaReissueReason, source: string): KiaDocumentRequirement {
  return { kind, description, kiaTypes, forApplication, source };
}

/** Every requirement, for every application; `kiaDocumentsAsked` picks those of one application. */
export const KIA_DOCUMENT_REQUIREMENTS: readonly KiaDocumentRequirement[] = [
  requirement('BIRTH_DEED', "a copy of the child's kutipan akta kelahiran (the original shown)", BOTH, 'NEW', P2_2016),
  requirement('KK', "the parents' or guardian's KK (original shown)", BOTH, 'NEW', P2_2016),
  requirement('KTP_PARENTS', "both parents' or the guardian's KTP-el (originals shown)", BOTH, 'NEW', P2_2016),
  requirement('CHILD_PHOTO', "the child's colour photo, 2 × 3", FROM_5, 'NEW', P2_2016),
  requirement('POLICE_LOSS_LETTER', "the police's letter of loss", BOTH, 'LOST', OFFICE),
  requirement('KK', "the parents' or guardian's KK", BOTH, 'LOST', OFFICE),
  requirement('CHILD_PHOTO', "the child's colour photo, 2 × 3", FROM_5, 'LOST', OFFICE),
  requirement('DAMAGED_KIA', 'the damaged card', BOTH, 'DAMAGED', OFFICE),
  requirement('KK', "the parents' or guardian's KK", BOTH, 'DAMAGED', OFFICE),
  requirement('CHILD_PHOTO', "the child's colour photo, 2 × 3", FROM_5, 'DAMAGED', OFFICE),
];

export interface KiaDocumentCheck {
  /** True when every document the application asks for was provided. */
  readonly complete: boolean;
  /** What the application asks for, in the checklist's order. */
  readonly asked: readonly KiaDocumentKind[];
  readonly provided: readonly KiaDocumentKind[];
  readonly missing: readonly KiaDocumentKind[];
  /** Provided documents this application does not ask for (in order, without repeats). */
  readonly unused: readonly KiaDocumentKind[];
}

/**
 * Errors of `checkKiaDocuments` (bad input only; missing documents are a result, `complete: false`):
 * - `KIA_APPLICATION_INVALID`: the application is not an object with a KIA type and, if given, a reissue reason;
 * - `DOCUMENTS_INVALID`: the documents are not a list;
 * - `KIA_DOCUMENT_KIND_UNKNOWN`: an entry that is not one of KIA_DOCUMENT_KINDS (one problem per entry).
 */
export const KIA_DOCUMENT_CHECK_ERROR_CODES = ['KIA_APPLICATION_INVALID', 'DOCUMENTS_INVALID', 'KIA_DOCUMENT_KIND_UNKNOWN'] as const;

export type KiaDocumentCheckErrorCode = (typeof KIA_DOCUMENT_CHECK_ERROR_CODES)[number];

export function isKiaDocumentKind(value: unknown): value is KiaDocumentKind {
  return typeof value === 'string' && (KIA_DOCUMENT_KINDS as readonly string[]).includes(value);
}

function applicationValid(application: KiaApplication): boolean {
  return (
    typeof application === 'object' &&
    application !== null &&
    (KIA_TYPES as readonly unknown[]).includes(application.kiaType) &&
    (application.reissueReason === undefined || (KIA_REISSUE_REASONS as readonly unknown[]).includes(application.reissueReason))
  );
}

/** The documents one application asks for, in the checklist's order ([] for an application that is not valid). */
export function kiaDocumentsAsked(application: KiaApplication): readonly KiaDocumentKind[] {
  if (!applicationValid(application)) return [];
  const wanted = application.reissueReason ?? 'NEW';
  return KIA_DOCUMENT_REQUIREMENTS.filter((r) => r.forApplication === wanted && r.kiaTypes.includes(application.kiaType)).map((r) => r.kind);
}

/**
 * Compares the documents provided (a list; repeats count once) with what the application asks for. Never throws.
 */
export function checkKiaDocuments(provided: readonly KiaDocumentKind[], application: KiaApplication): Result<KiaDocumentCheck, KiaDocumentCheckErrorCode> {
  const errors: Problem<KiaDocumentCheckErrorCode>[] = [];
  if (!applicationValid(application)) {
    errors.push(problem('KIA_APPLICATION_INVALID', `the application needs a kiaType (${KIA_TYPES.join(' or ')}) and, for a reissue, a reissueReason (${KIA_REISSUE_REASONS.join(' or ')})`));
  }
  if (!Array.isArray(provided)) {
    errors.push(problem('DOCUMENTS_INVALID', 'documents must be a list of KIA document kinds'));
  } else {
    provided.forEach((kind, i) => {
      if (!isKiaDocumentKind(kind)) errors.push(problem('KIA_DOCUMENT_KIND_UNKNOWN', `documents[${i}] is not one of KIA_DOCUMENT_KINDS`));
    });
  }
  if (errors.length > 0) return fail(errors);
  const asked = kiaDocumentsAsked(application);
  const given = [...new Set(provided)];
  return ok({
    complete: asked.every((kind) => given.includes(kind)),
    asked,
    provided: given,
    missing: asked.filter((kind) => !given.includes(kind)),
    unused: given.filter((kind) => !asked.includes(kind)),
  });
}
