/**
 * Payloads of the deeds service's events. The registered-deed events carry what the identity service needs to
 * change its records (the child's name and birth place for a birth: identity creates the resident); the
 * reporting service uses only codes, dates and ids. Dates of events are calendar dates; instants carry offsets.
 */
import { s, type Infer } from './schema.js';
import { maritalStatuses } from './identity.events.js';

const deedTypes = ['BIRTH', 'STILLBIRTH', 'DEATH', 'MARRIAGE', 'DIVORCE', 'RECOGNITION', 'LEGITIMATION', 'ADOPTION'] as const;
const deedStatuses = ['NOTIFIED', 'SUBMITTED', 'VERIFIED', 'REJECTED', 'REGISTERED', 'ISSUED', 'RECORDED', 'ANNULLED', 'ARCHIVED'] as const;
const timeliness = ['ON_TIME', 'LATE_UP_TO_ONE_YEAR', 'LATE_OVER_ONE_YEAR'] as const;
const district = s.string({ pattern: /^\d{6}$/ });
const village = s.string({ pattern: /^\d{10}$/ });

/**
 * A person of the deed as the deed reports them (added in 0.2, optional: older events lack it): identity compares
 * it with the register's record under the NIK before it changes anyone (issue 19, item 4).
 */
const reportedPerson = s.object({
  fullName: s.string({ min: 1, max: 200 }),
  sex: s.optional(s.literal('M', 'F')),
  birthDate: s.optional(s.isoDate()),
});

const registration = {
  deedId: s.uuid(),
  /** The deed number (none for a KUA-recorded marriage). */
  deedNumber: s.optional(s.string({ min: 1, max: 60 })),
  registeredAt: s.instant(),
  /** The day of the birth, death, marriage or final court decision. */
  eventDate: s.isoDate(),
  timeliness: s.literal(...timeliness),
  /** The kecamatan where the event is registered (the family's address). */
  districtCode: district,
  villageCode: s.optional(village),
};

/** deeds.birth.registered.v1: a birth deed was registered; identity adds the child to the parents' card. */
export const BirthRegistered = s.object({
  ...registration,
  child: s.object({
    fullName: s.string({ min: 1, max: 200 }),
    sex: s.literal('M', 'F'),
    birthPlace: s.string({ min: 1, max: 100 }),
    religion: s.literal('ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KHONGHUCU', 'KEPERCAYAAN'),
  }),
  motherNik: s.optional(s.digits16()),
  fatherNik: s.optional(s.digits16()),
  motherName: s.string({ min: 1, max: 200 }),
  fatherName: s.optional(s.string({ min: 1, max: 200 })),
  /** The card the child joins (the mother's or father's), when known. */
  kkNumber: s.optional(s.digits16()),
  address: s.optional(s.string({ min: 1, max: 300 })),
  /**
   * The child's NIK when the child is already on the register (a late birth deed: the particulars' child.nik; added
   * in 0.2, optional: older events and deeds of newborns lack it). Identity then links the deed to that resident
   * instead of registering a new one.
   */
  childNik: s.optional(s.digits16()),
});
export type BirthRegistered = Infer<typeof BirthRegistered>;

/** deeds.death.registered.v1: a death deed was registered; identity marks the resident deceased. */
export const DeathRegistered = s.object({
  ...registration,
  deceasedNik: s.digits16(),
  /** The deceased as the deed names them (added in 0.2, optional). */
  deceased: s.optional(reportedPerson),
});
export type DeathRegistered = Infer<typeof DeathRegistered>;

/**
 * deeds.marriage.registered.v1: a marriage was registered, by the office (non-Muslim, with a deed) or
 * reported by the KUA (Muslim; no deed): identity sets both spouses' marital status.
 */
export const MarriageRegistered = s.object({
  ...registration,
  route: s.literal('CIVIL_REGISTRY', 'KUA'),
  husbandNik: s.digits16(),
  wifeNik: s.digits16(),
  /** The spouses as the deed or the KUA report names them (added in 0.2, optional). */
  husband: s.optional(reportedPerson),
  wife: s.optional(reportedPerson),
  /** The status both spouses take: KAWIN_TERCATAT for a registered marriage. */
  maritalStatusAfter: s.literal(...maritalStatuses),
});
export type MarriageRegistered = Infer<typeof MarriageRegistered>;

/** deeds.divorce.registered.v1: a divorce was registered after a final court decision. */
export const DivorceRegistered = s.object({
  ...registration,
  husbandNik: s.digits16(),
  wifeNik: s.digits16(),
  /** The spouses as the deed names them (added in 0.2, optional). */
  husband: s.optional(reportedPerson),
  wife: s.optional(reportedPerson),
});
export type DivorceRegistered = Infer<typeof DivorceRegistered>;

/** The child of a recognition, legitimation or adoption deed: already on the register, under its NIK. */
const childOfDeed = s.object({
  nik: s.digits16(),
  /** The child's name as the deed gives it (for an adoption: the name the child takes, when the deed changes it). */
  fullName: s.string({ min: 1, max: 200 }),
});
const childDeed = {
  ...registration,
  child: childOfDeed,
  /** The number of the child's birth deed the deed is noted on. */
  birthDeedNumber: s.string({ min: 1, max: 60 }),
};

/**
 * deeds.recognition.registered.v1 (pengakuan anak, UU 23/2006 art. 49): a father recognised a child born outside a
 * registered marriage; identity records him as the child's father.
 */
export const RecognitionRegistered = s.object({
  ...childDeed,
  fatherNik: s.digits16(),
  father: reportedPerson,
  motherNik: s.optional(s.digits16()),
  mother: s.optional(reportedPerson),
});
export type RecognitionRegistered = Infer<typeof RecognitionRegistered>;

/**
 * deeds.legitimation.registered.v1 (pengesahan anak, UU 23/2006 art. 50): the parents married after the child's
 * birth; identity records the father on the child.
 */
export const LegitimationRegistered = s.object({
  ...childDeed,
  /** The father's NIK when the deed names it (not required at submission). */
  fatherNik: s.optional(s.digits16()),
  father: reportedPerson,
  motherNik: s.optional(s.digits16()),
  mother: s.optional(reportedPerson),
  marriageDeedNumber: s.string({ min: 1, max: 60 }),
});
export type LegitimationRegistered = Infer<typeof LegitimationRegistered>;

/**
 * deeds.adoption.registered.v1 (pengangkatan anak, UU 23/2006 art. 47, PP 54/2007, on a court decision): identity
 * moves the child onto the adopter's family card as Anak, under the name the deed gives.
 */
export const AdoptionRegistered = s.object({
  ...childDeed,
  adopterNik: s.digits16(),
  adopter: reportedPerson,
  courtDecision: s.object({ number: s.string({ min: 1, max: 100 }), court: s.optional(s.string({ min: 1, max: 200 })) }),
});
export type AdoptionRegistered = Infer<typeof AdoptionRegistered>;

/**
 * deeds.deed.status-changed.v1: any step of any deed record (for reporting: BLAS and OMAS times, timeliness,
 * backlog). No personal data.
 */
export const DeedStatusChanged = s.object({
  deedId: s.uuid(),
  deedType: s.literal(...deedTypes),
  from: s.nullable(s.literal(...deedStatuses)),
  to: s.literal(...deedStatuses),
  at: s.instant(),
  eventDate: s.optional(s.isoDate()),
  notifiedAt: s.optional(s.instant()),
  registeredAt: s.optional(s.instant()),
  issuedAt: s.optional(s.instant()),
  timeliness: s.optional(s.literal(...timeliness)),
  /** How the record reached the office: a partner's report, an online application, the counter, an outreach visit. */
  channel: s.literal('PARTNER', 'ONLINE', 'OFFICE', 'OUTREACH'),
  visitId: s.optional(s.uuid()),
  /**
   * Where this step itself took place (added in 0.2, optional: older events lack them). `channel`/`visitId` above
   * stay the record's; these say where, e.g., a kutipan was handed over: at the counter, on an outreach visit
   * (then stepVisitId), sent signed electronically. Set on ISSUE steps from 0.2; absent on steps that do not say.
   */
  stepChannel: s.optional(s.literal('PARTNER', 'ONLINE', 'OFFICE', 'OUTREACH')),
  /** The outreach visit the step took place on (only with stepChannel OUTREACH; added in 0.2). */
  stepVisitId: s.optional(s.uuid()),
  districtCode: district,
  villageCode: s.optional(village),
});
export type DeedStatusChanged = Infer<typeof DeedStatusChanged>;

/**
 * The register particulars a correction or annulment may concern, as paths of the deed's particulars (the deeds
 * service's PARTICULAR_FIELDS) plus `eventDate` (the child's birth date, the date of death, of the marriage or of
 * the court decision). These are what identity keeps of a person; the other particulars (the place, the address,
 * the birth time, …) are named in `fields` only.
 */
export const REGISTER_PARTICULARS = [
  'eventDate',
  'child.nik',
  'child.fullName',
  'child.sex',
  'mother.nik',
  'mother.fullName',
  'father.nik',
  'father.fullName',
  'deceased.nik',
  'deceased.fullName',
  'husband.nik',
  'husband.fullName',
  'wife.nik',
  'wife.fullName',
  'adopter.nik',
  'adopter.fullName',
] as const;
export type RegisterParticular = (typeof REGISTER_PARTICULARS)[number];

/** A person of the deed as it names them by NIK (the roles of the registered events: deceasedNik, husbandNik, …). */
const personOfDeed = s.object({
  role: s.literal('child', 'mother', 'father', 'deceased', 'husband', 'wife', 'adopter'),
  nik: s.digits16(),
});

const amendedDeed = {
  deedId: s.uuid(),
  /** Corrections and annulments concern registered deeds only: never a stillbirth (RECORDED is final). */
  deedType: s.literal(...deedTypes),
  deedNumber: s.string({ min: 1, max: 60 }),
  /** The day of the birth, death, marriage or court decision, as the deed holds it after the change. */
  eventDate: s.isoDate(),
  /**
   * The persons the deed names by NIK (after a correction: as corrected; a corrected NIK is also in `changes` with
   * the NIK it replaces). A birth deed's newborn has no NIK at the deeds service: identity knows the child by the
   * deed it linked (identity.resident.birth-deed-linked.v1).
   */
  persons: s.array(personOfDeed, { max: 4 }),
  districtCode: district,
  villageCode: s.optional(village),
};

/**
 * deeds.deed.corrected.v1 (pembetulan, UU 23/2006 art. 71): a clerical error in a registered deed was corrected by
 * the office; the deed number stays, the deed's version goes up.
 *
 * Why a subject of its own: deeds.deed.status-changed.v1 says only that a CORRECT step happened (REGISTERED or
 * ISSUED → REGISTERED), with no personal data by design (reporting and outreach read it). Identity must learn what
 * changed to keep the register equal to the deed (the child's name, sex or birth date; a person's name; the date of
 * death), and that needs the particulars and the NIKs — the data of the registered-deed events, not of the status
 * stream's.
 */
export const DeedCorrected = s.object({
  ...amendedDeed,
  correctedAt: s.instant(),
  /** The deed's version after the correction (1 at registration, one more per correction). */
  deedVersion: s.int({ min: 2 }),
  /** Every particular the correction changed, by path ('child.fullName', 'place', …). */
  fields: s.array(s.string({ min: 1, max: 60 }), { max: 20 }),
  /** The register particulars among them, with their values before and after (empty before: the deed had none). */
  changes: s.array(s.object({ field: s.literal(...REGISTER_PARTICULARS), from: s.string({ max: 200 }), to: s.string({ min: 1, max: 200 }) }), { max: 20 }),
  reason: s.string({ min: 1, max: 500 }),
});
export type DeedCorrected = Infer<typeof DeedCorrected>;

/**
 * deeds.deed.annulled.v1 (pembatalan, UU 23/2006 art. 72): a registered deed was annulled on a final court
 * decision; every copy of it verifies as ANNULLED and nothing further happens to it.
 *
 * Why a subject of its own: deeds.deed.status-changed.v1 (to ANNULLED) is enough for the deed counts, but names
 * nobody: identity must undo what the registered deed did to the register (the death, the marriage, the divorce,
 * the birth deed's link), so it needs the persons by NIK and the decision's reference for its audit trail.
 */
export const DeedAnnulled = s.object({
  ...amendedDeed,
  annulledAt: s.instant(),
  courtDecision: s.object({ number: s.string({ min: 1, max: 100 }), finalOn: s.isoDate() }),
  reason: s.optional(s.string({ min: 1, max: 500 })),
});
export type DeedAnnulled = Infer<typeof DeedAnnulled>;

/** identity.rpc.family-card.by-number.v1: a card's members (resident ids, SHDK) for linking a deed. */
export const FamilyCardByNumberRequest = s.object({ kkNumber: s.digits16() });
export type FamilyCardByNumberRequest = Infer<typeof FamilyCardByNumberRequest>;
export const FamilyCardByNumberReply = s.object({
  found: s.boolean(),
  familyCardId: s.optional(s.uuid()),
  districtCode: s.optional(district),
  villageCode: s.optional(village),
  members: s.optional(s.array(s.object({ residentId: s.uuid(), nik: s.digits16(), relationship: s.int({ min: 1, max: 11 }) }))),
});
export type FamilyCardByNumberReply = Infer<typeof FamilyCardByNumberReply>;

/** Who keeps a burial register (Buku Pokok Pemakaman) and reports its burials. */
export const burialReporterKinds = ['CEMETERY', 'PARISH', 'MOSQUE', 'OTHER_RELIGIOUS', 'VILLAGE'] as const;

/**
 * deeds.burial.recorded.v1 (added in 0.4): a burial entered the office's copy of the burial register (Buku Pokok
 * Pemakaman), reported by a cemetery keeper, a parish, a mosque or the village. Every burial is attached to a death
 * record of the deeds service (`deathDeedId`, the deedId of DeedStatusChanged with deedType DEATH):
 * - REGISTERED_DEATH: the death was already registered (matched by the deceased's NIK, or by their particulars);
 * - DEATH_CASE: a death case was open and waiting (a partner's report, an application);
 * - NEW_CASE: nobody had reported the death; the burial opened a death case (NOTIFIED, channel PARTNER) that waits
 *   for the family's report: an OMAS lead.
 * Downstream, a burial counts as matched once its death record is registered. No name, no NIK.
 */
export const BurialRecorded = s.object({
  burialId: s.uuid(),
  buriedOn: s.isoDate(),
  /** The day of death, when the report gives it. */
  diedOn: s.optional(s.isoDate()),
  reporterKind: s.literal(...burialReporterKinds),
  deathDeedId: s.uuid(),
  match: s.literal('REGISTERED_DEATH', 'DEATH_CASE', 'NEW_CASE'),
  /** How the death record was found: by the NIK, by the particulars (name, sex, dates, village), or not at all. */
  matchedBy: s.literal('NIK', 'PARTICULARS', 'NONE'),
  recordedAt: s.instant(),
  districtCode: district,
  villageCode: s.optional(village),
});
export type BurialRecorded = Infer<typeof BurialRecorded>;
