/** The payload schema of every event subject: what a producer must send and a consumer may rely on. */
import type { Schema } from './schema.js';
import { SUBJECTS, type EventSubject, type RpcSubject } from './subjects.js';
import {
  EktpStatusChanged,
  IkdStatusChanged,
  FamilyCardChanged,
  KiaStatusChanged,
  ResidentMaritalStatusChanged,
  ResidentCorrected,
  ResidentBirthDeedLinked,
  ResidentBirthDeedUnlinked,
  ResidentByBirthDeedReply,
  ResidentByBirthDeedRequest,
  ResidentByNikReply,
  ResidentByNikRequest,
  ResidentRegistered,
  ResidentStatusChanged,
} from './identity.events.js';
import {
  AdoptionRegistered,
  BirthRegistered,
  BurialRecorded,
  DeathRegistered,
  DeedAnnulled,
  DeedCorrected,
  DeedStatusChanged,
  DivorceRegistered,
  FamilyCardByNumberReply,
  FamilyCardByNumberRequest,
  LegitimationRegistered,
  MarriageRegistered,
  RecognitionRegistered,
} from './deeds.events.js';
import { PlanPublished, VisitCompleted } from './outreach.events.js';
import { AgreementUsed } from './access.events.js';

export const EVENT_SCHEMAS = {
  [SUBJECTS.identity.residentRegistered]: ResidentRegistered,
  [SUBJECTS.identity.residentStatusChanged]: ResidentStatusChanged,
  [SUBJECTS.identity.residentMaritalStatusChanged]: ResidentMaritalStatusChanged,
  [SUBJECTS.identity.residentCorrected]: ResidentCorrected,
  [SUBJECTS.identity.residentBirthDeedLinked]: ResidentBirthDeedLinked,
  [SUBJECTS.identity.residentBirthDeedUnlinked]: ResidentBirthDeedUnlinked,
  [SUBJECTS.identity.familyCardChanged]: FamilyCardChanged,
  [SUBJECTS.identity.ektpStatusChanged]: EktpStatusChanged,
  [SUBJECTS.identity.kiaStatusChanged]: KiaStatusChanged,
  [SUBJECTS.identity.ikdStatusChanged]: IkdStatusChanged,
  [SUBJECTS.identity.agreementUsed]: AgreementUsed,
  [SUBJECTS.deeds.birthRegistered]: BirthRegistered,
  [SUBJECTS.deeds.deathRegistered]: DeathRegistered,
  [SUBJECTS.deeds.marriageRegistered]: MarriageRegistered,
  [SUBJECTS.deeds.divorceRegistered]: DivorceRegistered,
  [SUBJECTS.deeds.recognitionRegistered]: RecognitionRegistered,
  [SUBJECTS.deeds.legitimationRegistered]: LegitimationRegistered,
  [SUBJECTS.deeds.adoptionRegistered]: AdoptionRegistered,
  [SUBJECTS.deeds.deedStatusChanged]: DeedStatusChanged,
  [SUBJECTS.deeds.deedCorrected]: DeedCorrected,
  [SUBJECTS.deeds.deedAnnulled]: DeedAnnulled,
  [SUBJECTS.deeds.burialRecorded]: BurialRecorded,
  [SUBJECTS.deeds.agreementUsed]: AgreementUsed,
  [SUBJECTS.outreach.planPublished]: PlanPublished,
  [SUBJECTS.outreach.visitCompleted]: VisitCompleted,
  [SUBJECTS.outreach.agreementUsed]: AgreementUsed,
} as const satisfies Record<EventSubject, Schema<unknown>>;

/** Subject → payload type. */
export type EventPayloads = { [K in EventSubject]: (typeof EVENT_SCHEMAS)[K] extends Schema<infer T> ? T : never };

/** The request and reply schemas of every request/reply subject that has a contract. */
export const RPC_SCHEMAS = {
  [SUBJECTS.identityRpc.residentByNik]: { request: ResidentByNikRequest, reply: ResidentByNikReply },
  [SUBJECTS.identityRpc.familyCardByNumber]: { request: FamilyCardByNumberRequest, reply: FamilyCardByNumberReply },
  [SUBJECTS.identityRpc.residentByBirthDeed]: { request: ResidentByBirthDeedRequest, reply: ResidentByBirthDeedReply },
} as const satisfies Partial<Record<RpcSubject, { readonly request: Schema<unknown>; readonly reply: Schema<unknown> }>>;

/** The request/reply subjects with a contract, and their request and reply types. */
export type RpcContractSubject = keyof typeof RPC_SCHEMAS;
export type RpcRequests = { [K in RpcContractSubject]: (typeof RPC_SCHEMAS)[K]['request'] extends Schema<infer T> ? T : never };
export type RpcReplies = { [K in RpcContractSubject]: (typeof RPC_SCHEMAS)[K]['reply'] extends Schema<infer T> ? T : never };
