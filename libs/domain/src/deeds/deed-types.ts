/**
 * The kinds of civil registration record (pencatatan sipil) the office keeps, as a closed union with one data
 * table: the reporting deadline, what the deadline is counted from, what the office hands out at the end
 * (a kutipan akta, the excerpt of the deed in the register, or a surat keterangan, a letter), whether the
 * record gets a deed number, whether partners may notify it, and the documents it needs (documents.ts).
 *
 * Sources: UU 23/2006 on population administration as amended by UU 24/2013 (articles cited per row).
 * Deadlines are calendar days ("hari"), counted from the day after the event: a birth on 1 January reported on
 * 2 March (60 days later) is on time (our reading of "paling lambat 60 hari sejak kelahiran").
 *
 * Muslim marriages are not deeds of this office: the KUA (Kantor Urusan Agama, the religious affairs office
 * of the kecamatan) records marriages of Muslims (UU 23/2006 art. 1(23) and art. 8(2)); the office receives
 * the KUA's report, issues no akta perkawinan and only updates the marital status (see `marriageRoute`). So
 * MARRIAGE here is a non-Muslim marriage, and DIVORCE a divorce decided by a district court (Pengadilan
 * Negeri); Muslim divorces are decided by religious courts and are not modelled here.
 */
import { RELIGIONS, type Religion } from '../codes/religion.js';
import { fail, ok, problem, type Result } from '../result.js';
import { DOCUMENT_REQUIREMENTS, type DocumentRequirement } from './documents.js';

/**
 * - `BIRTH`: kelahiran, akta kelahiran;
 * - `STILLBIRTH`: lahir mati, a child born without signs of life (after at least 28 weeks of pregnancy, the
 *   definition the Dukcapil offices use); recorded, with a Surat Keterangan Lahir Mati and no deed
 *   (UU 23/2006 art. 33(2));
 * - `DEATH`: kematian, akta kematian;
 * - `MARRIAGE`: perkawinan of non-Muslims, akta perkawinan;
 * - `DIVORCE`: perceraian (district court), akta perceraian;
 * - `RECOGNITION`: pengakuan anak, a father recognising his child born outside a registered marriage;
 * - `LEGITIMATION`: pengesahan anak, a child made legitimate by its parents' later registered marriage;
 * - `ADOPTION`: pengangkatan anak, by court decision.
 */
export type DeedType =
  | 'BIRTH'
  | 'STILLBIRTH'
  | 'DEATH'
  | 'MARRIAGE'
  | 'DIVORCE'
  | 'RECOGNITION'
  | 'LEGITIMATION'
  | 'ADOPTION';

export const DEED_TYPES: readonly DeedType[] = [
  'BIRTH',
  'STILLBIRTH',
  'DEATH',
  'MARRIAGE',
  'DIVORCE',
  'RECOGNITION',
  'LEGITIMATION',
  'ADOPTION',
];

/**
 * What a record's `eventDate` means, i.e. the day its reporting deadline is counted from:
 * - `EVENT`: the birth, stillbirth, death or marriage itself;
 * - `COURT_DECISION_FINAL`: the day the divorce decision became final (berkekuatan hukum tetap);
 * - `RECOGNITION_LETTER`: the date of the father's letter of recognition approved by the mother;
 * - `PARENTS_MARRIAGE_REGISTERED`: the day the parents married and obtained their marriage deed;
 * - `COURT_DECISION_RECEIVED`: the day the copy of the court's adoption decision was received.
 */
export type DeadlineStart =
  | 'EVENT'
  | 'COURT_DECISION_FINAL'
  | 'RECOGNITION_LETTER'
  | 'PARENTS_MARRIAGE_REGISTERED'
  | 'COURT_DECISION_RECEIVED';

/** The service programmes the office measures: BLAS (Bayi Lahir Akta Siap) and OMAS (Orang Mati Akta Siap). */
export type ServiceProgramme = 'BLAS' | 'OMAS';

export interface DeedTypeRule {
  readonly type: DeedType;
  /** Indonesian name of the event, as on the office's forms. */
  readonly label: string;
  readonly name: string;
  /** Days after `deadlineFrom` within which the event must be reported. */
  readonly deadlineDays: number;
  readonly deadlineFrom: DeadlineStart;
  /** The article that sets the deadline. */
  readonly deadlineSource: string;
  /**
   * What is handed out at the end: `KUTIPAN_AKTA` (the excerpt of a deed in the register) or
   * `SURAT_KETERANGAN` (a letter: the stillbirth case).
   */
  readonly issues: 'KUTIPAN_AKTA' | 'SURAT_KETERANGAN';
  /** The Indonesian name of what is handed out. */
  readonly documentName: string;
  /** True when the record is a deed with a number from the register (see allocateDeedNumber). */
  readonly numbered: boolean;
  /** True when a partner (health post, hospital, religious institution, RT head, village) may notify it. */
  readonly partnerNotification: boolean;
  /** True when reporting after the deadline needs a decision of the head of the office. */
  readonly lateNeedsHeadDecision: boolean;
  /** The service programme whose time (event to document ready) this record counts towards. */
  readonly programme: ServiceProgramme | null;
  /** The documents an application needs (see documents.ts and checkDocuments). */
  readonly requirements: readonly DocumentRequirement[];
}

/** The data table of deed types. */
export const DEED_TYPE_RULES: Readonly<Record<DeedType, DeedTypeRule>> = {
  BIRTH: {
    type: 'BIRTH',
    label: 'Kelahiran',
    name: 'Birth',
    deadlineDays: 60,
    deadlineFrom: 'EVENT',
    deadlineSource: 'UU 23/2006 art. 27(1) as amended by UU 24/2013; late: art. 32(1) as amended',
    issues: 'KUTIPAN_AKTA',
    documentName: 'Kutipan Akta Kelahiran',
    numbered: true,
    partnerNotification: true,
    lateNeedsHeadDecision: true,
    programme: 'BLAS',
    requirements: DOCUMENT_REQUIREMENTS.BIRTH,
  },
  STILLBIRTH: {
    type: 'STILLBIRTH',
    label: 'Lahir Mati',
    name: 'Stillbirth',
    deadlineDays: 30,
    deadlineFrom: 'EVENT',
    deadlineSource: 'UU 23/2006 art. 33(1)',
    issues: 'SURAT_KETERANGAN',
    documentName: 'Surat Keterangan Lahir Mati',
    numbered: false,
    partnerNotification: true,
    lateNeedsHeadDecision: false,
    programme: null,
    requirements: DOCUMENT_REQUIREMENTS.STILLBIRTH,
  },
  DEATH: {
    type: 'DEATH',
    label: 'Kematian',
    name: 'Death',
    deadlineDays: 30,
    deadlineFrom: 'EVENT',
    deadlineSource: 'UU 23/2006 art. 44(1) as amended by UU 24/2013',
    issues: 'KUTIPAN_AKTA',
    documentName: 'Kutipan Akta Kematian',
    numbered: true,
    partnerNotification: true,
    lateNeedsHeadDecision: false,
    programme: 'OMAS',
    requirements: DOCUMENT_REQUIREMENTS.DEATH,
  },
  MARRIAGE: {
    type: 'MARRIAGE',
    label: 'Perkawinan',
    name: 'Marriage (non-Muslim)',
    deadlineDays: 60,
    deadlineFrom: 'EVENT',
    deadlineSource: 'UU 23/2006 art. 34(1)',
    issues: 'KUTIPAN_AKTA',
    documentName: 'Kutipan Akta Perkawinan',
    numbered: true,
    partnerNotification: true,
    lateNeedsHeadDecision: false,
    programme: null,
    requirements: DOCUMENT_REQUIREMENTS.MARRIAGE,
  },
  DIVORCE: {
    type: 'DIVORCE',
    label: 'Perceraian',
    name: 'Divorce',
    deadlineDays: 60,
    deadlineFrom: 'COURT_DECISION_FINAL',
    deadlineSource: 'UU 23/2006 art. 40(1)',
    issues: 'KUTIPAN_AKTA',
    documentName: 'Kutipan Akta Perceraian',
    numbered: true,
    partnerNotification: false,
    lateNeedsHeadDecision: false,
    programme: null,
    requirements: DOCUMENT_REQUIREMENTS.DIVORCE,
  },
  RECOGNITION: {
    type: 'RECOGNITION',
    label: 'Pengakuan Anak',
    name: 'Child recognition',
    deadlineDays: 30,
    deadlineFrom: 'RECOGNITION_LETTER',
    deadlineSource: 'UU 23/2006 art. 49(1) as amended by UU 24/2013',
    issues: 'KUTIPAN_AKTA',
    documentName: 'Kutipan Akta Pengakuan Anak',
    numbered: true,
    partnerNotification: false,
    lateNeedsHeadDecision: false,
    programme: null,
    requirements: DOCUMENT_REQUIREMENTS.RECOGNITION,
  },
  LEGITIMATION: {
    type: 'LEGITIMATION',
    label: 'Pengesahan Anak',
    name: 'Child legitimation',
    deadlineDays: 30,
    deadlineFrom: 'PARENTS_MARRIAGE_REGISTERED',
    deadlineSource: 'UU 23/2006 art. 50(1) as amended by UU 24/2013',
    issues: 'KUTIPAN_AKTA',
    documentName: 'Kutipan Akta Pengesahan Anak',
    numbered: true,
    partnerNotification: false,
    lateNeedsHeadDecision: false,
    programme: null,
    requirements: DOCUMENT_REQUIREMENTS.LEGITIMATION,
  },
  ADOPTION: {
    type: 'ADOPTION',
    label: 'Pengangkatan Anak',
    name: 'Adoption',
    deadlineDays: 30,
    deadlineFrom: 'COURT_DECISION_RECEIVED',
    deadlineSource: 'UU 23/2006 art. 47(2)',
    issues: 'KUTIPAN_AKTA',
    documentName: 'Kutipan Akta Pengangkatan Anak',
    numbered: true,
    partnerNotification: false,
    lateNeedsHeadDecision: false,
    programme: null,
    requirements: DOCUMENT_REQUIREMENTS.ADOPTION,
  },
};

export function isDeedType(value: unknown): value is DeedType {
  return typeof value === 'string' && (DEED_TYPES as readonly string[]).includes(value);
}

/**
 * How a marriage is registered, by religion: Muslims marry before the KUA, which records the marriage and
 * reports it to the office (UU 23/2006 art. 1(23), 8(2)); the office issues no deed and only changes the
 * marital status to Kawin Tercatat. Everyone else registers the marriage at the office, which issues a
 * Kutipan Akta Perkawinan (UU 23/2006 art. 34).
 */
export interface MarriageRoute {
  readonly registeredBy: 'KUA' | 'DUKCAPIL';
  /** The deed type of the office's record, or null when the office keeps no deed (a KUA report). */
  readonly deedType: 'MARRIAGE' | null;
  /** The marital status both spouses get on the KK once the marriage is recorded. */
  readonly maritalStatusAfter: 'KAWIN_TERCATAT';
}

/** `RELIGION_INVALID`: not one of the RELIGIONS codes. */
export type MarriageRouteErrorCode = (typeof MARRIAGE_ROUTE_ERROR_CODES)[number];

export const MARRIAGE_ROUTE_ERROR_CODES = ['RELIGION_INVALID'] as const;

/**
 * @example marriageRoute('ISLAM') // ok: { registeredBy: 'KUA', deedType: null, maritalStatusAfter: 'KAWIN_TERCATAT' }
 * @example marriageRoute('KATOLIK') // ok: { registeredBy: 'DUKCAPIL', deedType: 'MARRIAGE', ... }
 */
export function marriageRoute(religion: Religion): Result<MarriageRoute, MarriageRouteErrorCode> {
  if (!RELIGIONS.some((r) => r.code === religion)) {
    return fail([problem('RELIGION_INVALID', 'religion must be one of the RELIGIONS codes (ISLAM, KRISTEN, KATOLIK, …)')]);
  }
  return ok(
    religion === 'ISLAM'
      ? { registeredBy: 'KUA', deedType: null, maritalStatusAfter: 'KAWIN_TERCATAT' }
      : { registeredBy: 'DUKCAPIL', deedType: 'MARRIAGE', maritalStatusAfter: 'KAWIN_TERCATAT' },
  );
}
