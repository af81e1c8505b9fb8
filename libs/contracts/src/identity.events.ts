/** Payloads of the identity service's events and request/reply subjects, with their runtime schemas. */
import { s, type Infer } from './schema.js';

const regionFields = {
  /** The kecamatan of the resident's current address (6 digits): region scope and reporting. */
  districtCode: s.string({ pattern: /^\d{6}$/ }),
  /** The desa / kelurahan of the current address (10 digits). */
  villageCode: s.optional(s.string({ pattern: /^\d{10}$/ })),
};

export const residentStatuses = ['ALIVE', 'DECEASED', 'MOVED_OUT'] as const;
export const maritalStatuses = [
  'BELUM_KAWIN',
  'KAWIN_TERCATAT',
  'KAWIN_BELUM_TERCATAT',
  'CERAI_HIDUP_TERCATAT',
  'CERAI_HIDUP_BELUM_TERCATAT',
  'CERAI_MATI',
] as const;
export const ektpStates = ['NOT_YET_COMPULSORY', 'NOT_RECORDED', 'RECORDED', 'PRINT_READY', 'SENT_FOR_PRINTING', 'PRINTED', 'ISSUED'] as const;
export const kiaStates = ['NOT_ISSUED', 'PRINTED', 'ISSUED', 'EXPIRED'] as const;
/** What one birth application can yield (identity.resident.birth-deed-linked.v1 `documents`). */
export const birthDocuments = ['BIRTH_DEED', 'FAMILY_CARD', 'KIA'] as const;
/** IKD (Identitas Kependudukan Digital, the digital ID on a phone): never activated, active, deactivated. */
export const ikdStates = ['NOT_ACTIVATED', 'ACTIVE', 'DEACTIVATED'] as const;

/** identity.resident.registered.v1: a resident entered the register (no name or address: not needed downstream). */
export const ResidentRegistered = s.object({
  residentId: s.uuid(),
  nik: s.digits16(),
  birthDate: s.isoDate(),
  sex: s.literal('M', 'F'),
  maritalStatus: s.literal(...maritalStatuses),
  familyCardId: s.optional(s.uuid()),
  /** How: a birth (from a deed), a first registration, a move into the regency, or an import of the register. */
  origin: s.literal('BIRTH', 'FIRST_REGISTRATION', 'MOVE_IN', 'IMPORT'),
  /**
   * The resident's documents when they entered the register (added in 0.2, optional: older events lack them).
   * An imported register carries the states of the system it comes from; a birth from a deed has a birth deed,
   * no e-KTP yet and no KIA yet. Absent means unknown (downstream counts it as not yet done).
   */
  ektpState: s.optional(s.literal(...ektpStates)),
  kiaState: s.optional(s.literal(...kiaStates)),
  /** Whether the resident has a birth deed (akta kelahiran) registered anywhere. */
  hasBirthDeed: s.optional(s.boolean()),
  /**
   * The day the e-KTP's biometrics were recorded, when an imported register says (added in 0.3, optional; only
   * with a recorded ektpState). Downstream it dates the recording (pace); absent: recorded, date unknown (baseline).
   */
  ektpRecordedOn: s.optional(s.isoDate()),
  /**
   * The day the resident entered the older register an import comes from, when it says (added in 0.3, optional;
   * origin IMPORT only). Downstream the resident counts in the register's history from then, not from the import
   * day; absent: known from the import day only.
   */
  registeredOn: s.optional(s.isoDate()),
  ...regionFields,
});
export type ResidentRegistered = Infer<typeof ResidentRegistered>;

/** identity.resident.status-changed.v1: died, moved out of the regency, or came back. */
export const ResidentStatusChanged = s.object({
  residentId: s.uuid(),
  from: s.literal(...residentStatuses),
  to: s.literal(...residentStatuses),
  /** The day of the death or move. */
  effectiveDate: s.isoDate(),
  /** What happened (a move within the regency keeps ALIVE → ALIVE and changes the region fields). */
  change: s.optional(s.literal('DEATH', 'MOVE_OUT', 'RETURN', 'MOVE_WITHIN')),
  /** For a move within the regency: the previous kecamatan and village. */
  previousDistrictCode: s.optional(s.string({ pattern: /^\d{6}$/ })),
  previousVillageCode: s.optional(s.string({ pattern: /^\d{10}$/ })),
  /** For MOVE_OUT: where to; for RETURN: where from (a region outside the regency, 4, 6 or 10 digits). */
  otherRegionCode: s.optional(s.string({ pattern: /^(\d{4}|\d{6}|\d{10})$/ })),
  ...regionFields,
});
export type ResidentStatusChanged = Infer<typeof ResidentStatusChanged>;

export const ResidentMaritalStatusChanged = s.object({
  residentId: s.uuid(),
  from: s.literal(...maritalStatuses),
  to: s.literal(...maritalStatuses),
  ...regionFields,
});
export type ResidentMaritalStatusChanged = Infer<typeof ResidentMaritalStatusChanged>;

/**
 * identity.resident.corrected.v1: a clerical correction of a resident's record (PATCH /residents/{id}): the names
 * of the fields corrected, and the birth date and sex after it (the facts ResidentRegistered gave downstream).
 * No name or address. Marital status and address region never change this way (deeds and moves have their events).
 */
export const ResidentCorrected = s.object({
  residentId: s.uuid(),
  fields: s.array(s.string({ min: 1, max: 40 }), { max: 20 }),
  birthDate: s.isoDate(),
  sex: s.literal('M', 'F'),
  ...regionFields,
});
export type ResidentCorrected = Infer<typeof ResidentCorrected>;

/** identity.family-card.changed.v1: a new version of a card, with the facts of the domain operation. */
export const FamilyCardChanged = s.object({
  familyCardId: s.uuid(),
  kkNumber: s.digits16(),
  version: s.int({ min: 1 }),
  previousKkNumber: s.optional(s.digits16()),
  /** The domain facts (MEMBER_ADDED, HEAD_CHANGED, KK_NUMBER_REISSUED, …), NIKs replaced by resident ids. */
  facts: s.array(s.object({ type: s.string({ max: 40 }), residentId: s.optional(s.uuid()) })),
  memberCount: s.int({ min: 0 }),
  ...regionFields,
});
export type FamilyCardChanged = Infer<typeof FamilyCardChanged>;

/** identity.ektp.status-changed.v1: a step of a resident's e-KTP (recording, printing, issue). */
export const EktpStatusChanged = s.object({
  residentId: s.uuid(),
  from: s.literal(...ektpStates),
  to: s.literal(...ektpStates),
  /** Where it happened: at the office or on an outreach visit (then visitId). */
  channel: s.literal('OFFICE', 'OUTREACH', 'SYSTEM'),
  visitId: s.optional(s.uuid()),
  reprint: s.optional(s.boolean()),
  /** The action that made the change (RECORD_BIOMETRICS, ISSUE, REPORT_LOST, …; EKTP_ACTION_TYPES of the domain). */
  action: s.optional(s.string({ max: 40 })),
  ...regionFields,
});
export type EktpStatusChanged = Infer<typeof EktpStatusChanged>;

export const KiaStatusChanged = s.object({
  residentId: s.uuid(),
  from: s.literal(...kiaStates),
  to: s.literal(...kiaStates),
  kiaType: s.literal('UNDER_5', 'FROM_5_TO_UNDER_17'),
  /** The action that made the change (PRINT, ISSUE, REISSUE) and the card's last valid day. */
  action: s.optional(s.string({ max: 40 })),
  validUntil: s.optional(s.isoDate()),
  /** Where it happened (added in 0.2): at the office or on an outreach visit (then visitId). */
  channel: s.optional(s.literal('OFFICE', 'OUTREACH', 'SYSTEM')),
  visitId: s.optional(s.uuid()),
  ...regionFields,
});
export type KiaStatusChanged = Infer<typeof KiaStatusChanged>;

/**
 * identity.ikd.status-changed.v1 (added in 0.4): a resident's digital ID (IKD) was activated on a phone, deactivated
 * (phone lost, changed, or at the resident's request) or activated again on a new phone. Only a resident with a
 * recorded e-KTP can activate it. The Ministry's IKD indicator counts ACTIVE residents over those with a recorded
 * e-KTP. No phone number, no name, no NIK.
 */
export const IkdStatusChanged = s.object({
  residentId: s.uuid(),
  from: s.literal(...ikdStates),
  to: s.literal(...ikdStates),
  /** ACTIVATE (first time), DEACTIVATE, REACTIVATE (again, usually on a new phone). */
  action: s.literal('ACTIVATE', 'DEACTIVATE', 'REACTIVATE'),
  /** The office day it took effect. */
  on: s.isoDate(),
  /** Where it happened: at the office or on an outreach visit (then visitId). */
  channel: s.literal('OFFICE', 'OUTREACH'),
  visitId: s.optional(s.uuid()),
  ...regionFields,
});
export type IkdStatusChanged = Infer<typeof IkdStatusChanged>;

/**
 * identity.resident.birth-deed-linked.v1: a birth deed belongs to this resident (added in 0.2): a newborn registered
 * from the deed (NEWBORN), or a resident already on the register whom a late birth deed names by NIK
 * (EXISTING_RESIDENT). Downstream read models set the resident's birth deed from it instead of guessing by birth
 * date and sex. No name or NIK.
 */
export const ResidentBirthDeedLinked = s.object({
  residentId: s.uuid(),
  deedId: s.uuid(),
  deedNumber: s.optional(s.string({ min: 1, max: 60 })),
  link: s.literal('NEWBORN', 'EXISTING_RESIDENT'),
  /**
   * The documents the one application yielded (added in 0.4, optional: older events lack it): the birth deed, and for
   * a newborn the family card reissued with the child (FAMILY_CARD) and the child's KIA printed (KIA) when identity
   * could do them in the same transaction. Several documents from one application are an integrated service (the
   * Ministry's "pelayanan terintegrasi").
   */
  documents: s.optional(s.array(s.literal(...birthDocuments))),
  ...regionFields,
});
export type ResidentBirthDeedLinked = Infer<typeof ResidentBirthDeedLinked>;

/**
 * identity.resident.birth-deed-unlinked.v1: the birth deed linked to the resident was annulled by a court
 * (deeds.deed.annulled.v1, UU 23/2006 art. 72); the resident stays in the register, without a birth deed until a
 * new one is registered. No name or NIK.
 */
export const ResidentBirthDeedUnlinked = s.object({
  residentId: s.uuid(),
  deedId: s.uuid(),
  deedNumber: s.optional(s.string({ min: 1, max: 60 })),
  reason: s.literal('DEED_ANNULLED'),
  ...regionFields,
});
export type ResidentBirthDeedUnlinked = Infer<typeof ResidentBirthDeedUnlinked>;

/** identity.rpc.resident.by-nik.v1: is this NIK a resident, and on which card? */
export const ResidentByNikRequest = s.object({ nik: s.digits16() });
export type ResidentByNikRequest = Infer<typeof ResidentByNikRequest>;
export const ResidentByNikReply = s.object({
  found: s.boolean(),
  residentId: s.optional(s.uuid()),
  status: s.optional(s.literal(...residentStatuses)),
  sex: s.optional(s.literal('M', 'F')),
  birthDate: s.optional(s.isoDate()),
  maritalStatus: s.optional(s.literal(...maritalStatuses)),
  familyCardId: s.optional(s.uuid()),
  kkNumber: s.optional(s.digits16()),
  districtCode: s.optional(s.string({ pattern: /^\d{6}$/ })),
});
export type ResidentByNikReply = Infer<typeof ResidentByNikReply>;

/**
 * identity.rpc.resident.by-birth-deed.v1: which resident does this birth deed belong to, and what is their NIK? (added
 * in 0.3). Answered from identity.resident.birth-deed-linked.v1 (the newborn registered from the deed, or the resident
 * a late birth deed names). The deeds service asks it to print the child's NIK on a kutipan akta kelahiran: the NIK is
 * personal data, so the answer goes only to the asker (never into a stream) and the lookup is audited. found: false
 * while the deed is linked to nobody yet (identity has not applied deeds.birth.registered.v1, or holds it in review).
 */
export const ResidentByBirthDeedRequest = s.object({ deedId: s.uuid() });
export type ResidentByBirthDeedRequest = Infer<typeof ResidentByBirthDeedRequest>;
export const ResidentByBirthDeedReply = s.object({
  found: s.boolean(),
  residentId: s.optional(s.uuid()),
  nik: s.optional(s.digits16()),
});
export type ResidentByBirthDeedReply = Infer<typeof ResidentByBirthDeedReply>;
