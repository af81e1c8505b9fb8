/**
 * The events that announce imported residents and cards, as outbox rows: identity.resident.registered.v1 with
 * origin IMPORT, and identity.family-card.changed.v1 at version 1 with the fact CARD_IMPORTED (not CARD_ISSUED:
 * the card was issued before, by the register the file comes from, so it is no new issue for the indicators).
 */
import { EVENT_SCHEMAS, SUBJECTS, type EventPayloads, type EventSubject } from '@adminduk/contracts';
import type { Row } from './import-writer.repository';

export interface AnnouncedResident {
  readonly nik: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  readonly maritalStatus: EventPayloads['identity.resident.registered.v1']['maritalStatus'];
  readonly districtCode: string;
  readonly villageCode: string;
  /** What the file said about the documents (checked on the import day); left out when it said nothing. */
  readonly ektpState?: EventPayloads['identity.resident.registered.v1']['ektpState'];
  readonly kiaState?: EventPayloads['identity.resident.registered.v1']['kiaState'];
  readonly birthDeed?: boolean;
  /** The e-KTP's recording day when the file gave it (a recorded ektpState only). */
  readonly ektpRecordedOn?: string;
  /** The day the person entered the older register, when the file gave it. */
  readonly registeredOn?: string;
}

export interface AnnouncedCard {
  readonly id: string;
  readonly kkNumber: string;
  readonly memberCount: number;
  readonly districtCode: string;
  readonly villageCode: string;
}

export function residentRegisteredEvent(id: string, residentId: string, resident: AnnouncedResident, cardId: string, requestId: string, at: Date, check: boolean): Row {
  return event(id, SUBJECTS.identity.residentRegistered, {
    residentId,
    nik: resident.nik,
    birthDate: resident.birthDate,
    sex: resident.sex,
    maritalStatus: resident.maritalStatus,
    familyCardId: cardId,
    origin: 'IMPORT',
    ...(resident.ektpState ? { ektpState: resident.ektpState } : {}),
    ...(resident.kiaState ? { kiaState: resident.kiaState } : {}),
    ...(resident.birthDeed !== undefined ? { hasBirthDeed: resident.birthDeed } : {}),
    ...(resident.ektpRecordedOn ? { ektpRecordedOn: resident.ektpRecordedOn } : {}),
    ...(resident.registeredOn ? { registeredOn: resident.registeredOn } : {}),
    districtCode: resident.districtCode,
    villageCode: resident.villageCode,
  }, requestId, at, check);
}

export function cardImportedEvent(id: string, card: AnnouncedCard, requestId: string, at: Date, check: boolean): Row {
  return event(id, SUBJECTS.identity.familyCardChanged, {
    familyCardId: card.id,
    kkNumber: card.kkNumber,
    version: 1,
    facts: [{ type: 'CARD_IMPORTED' }],
    memberCount: card.memberCount,
    districtCode: card.districtCode,
    villageCode: card.villageCode,
  }, requestId, at, check);
}

/**
 * An outbox row (OUTBOX_TABLE's columns). With `check`, the payload is checked against the contract first (a
 * producer bug fails loudly, before anything is written). The import checks the events of the first card of
 * every batch: every payload is built by this code from rows whose fields passed stricter checks already
 * (16-digit NIK and No. KK, real dates, code lists, region codes), and checking all of them cost a tenth of the
 * import's time.
 */
function event<S extends EventSubject>(id: string, subject: S, payload: EventPayloads[S], requestId: string, at: Date, check: boolean): Row {
  if (check) {
    const parsed = EVENT_SCHEMAS[subject].parse(payload);
    if (!parsed.ok) throw new Error(`invalid payload for ${subject}: ${parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  // id, subject, payload, request_id, occurred_at, attempts
  return [id, subject, payload, requestId, at, 0];
}
