/**
 * The edge check of every incoming event (DESIGN.md house rule 4): the bytes must be a JSON envelope
 * `{ id, subject, occurredAt, producer, payload }` for the subject it arrived on, and the payload must pass the
 * contracts' schema for that subject. A message that fails is a poison message: retrying cannot help.
 */
import { EVENT_SCHEMAS, type EventEnvelope, type EventPayloads, type EventSubject } from '@adminduk/contracts';

export type PoisonReason = 'MALFORMED_MESSAGE' | 'INVALID_PAYLOAD';

export type ParsedEvent<S extends EventSubject> =
  | { readonly ok: true; readonly envelope: EventEnvelope<EventPayloads[S]> }
  | { readonly ok: false; readonly reason: PoisonReason; readonly detail: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses and checks a message that arrived on `subject` (as the contracts name it, without NATS_PREFIX). */
export function parseEventMessage<S extends EventSubject>(data: Uint8Array, subject: S): ParsedEvent<S> {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch {
    return { ok: false, reason: 'MALFORMED_MESSAGE', detail: 'the message is not UTF-8 JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'MALFORMED_MESSAGE', detail: 'the message is not an event envelope (a JSON object)' };
  }
  const e = json as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.id !== 'string' || !UUID.test(e.id)) problems.push('id must be a lower-case UUID');
  if (e.subject !== subject) problems.push(`subject must be ${subject}`);
  if (typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt))) problems.push('occurredAt must be an ISO 8601 date-time');
  if (typeof e.producer !== 'string' || e.producer === '') problems.push('producer must be a service name');
  if (!('payload' in e)) problems.push('payload is missing');
  if (problems.length > 0) return { ok: false, reason: 'MALFORMED_MESSAGE', detail: `not a valid event envelope: ${problems.join('; ')}` };
  const payload = EVENT_SCHEMAS[subject].parse(e.payload);
  if (!payload.ok) {
    return { ok: false, reason: 'INVALID_PAYLOAD', detail: payload.errors.map((err) => `${err.path} ${err.message}`).join('; ') };
  }
  return {
    ok: true,
    envelope: {
      id: e.id as string,
      subject,
      occurredAt: e.occurredAt as string,
      producer: e.producer as string,
      payload: payload.value as EventPayloads[S],
    },
  };
}
