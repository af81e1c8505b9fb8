/** The payload schema of every event subject: what a producer must send and a consumer may rely on. */
import type { Schema } from './schema.js';
import { SUBJECTS, type EventSubject } from './subjects.js';
import {
  EktpStatusChanged,
  FamilyCardChanged,
  KiaStatusChanged,
  ResidentMaritalStatusChanged,
  ResidentRegistered,
  ResidentStatusChanged,
} from './identity.events.js';

export const EVENT_SCHEMAS = {
  [SUBJECTS.identity.residentRegistered]: ResidentRegistered,
  [SUBJECTS.identity.residentStatusChanged]: ResidentStatusChanged,
  [SUBJECTS.identity.residentMaritalStatusChanged]: ResidentMaritalStatusChanged,
  [SUBJECTS.identity.familyCardChanged]: FamilyCardChanged,
  [SUBJECTS.identity.ektpStatusChanged]: EktpStatusChanged,
  [SUBJECTS.identity.kiaStatusChanged]: KiaStatusChanged,
} as const satisfies Record<EventSubject, Schema<unknown>>;

/** Subject → payload type. */
export type EventPayloads = { [K in EventSubject]: (typeof EVENT_SCHEMAS)[K] extends Schema<infer T> ? T : never };
