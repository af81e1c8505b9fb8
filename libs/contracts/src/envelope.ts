/**
 * Every event travels as JSON `{ id, subject, occurredAt, producer, payload }` with NATS headers:
 * - `Nats-Msg-Id`: the event id, so that JetStream drops a duplicate publish (the outbox relay may publish
 *   an event twice after a crash; consumers also keep an inbox keyed by this id);
 * - `x-request-id`: the id of the HTTP request (or message) that caused the event, for tracing across services.
 */
export interface EventEnvelope<Payload = unknown> {
  /** UUIDv7 of the event: unique, and ordered by creation time. */
  readonly id: string;
  readonly subject: string;
  /** When the fact happened (ISO 8601 with offset). */
  readonly occurredAt: string;
  /** The service that published it: 'identity', 'deeds', 'outreach', 'reporting'. */
  readonly producer: string;
  readonly payload: Payload;
}

export const HEADER_MESSAGE_ID = 'Nats-Msg-Id';
export const HEADER_REQUEST_ID = 'x-request-id';
