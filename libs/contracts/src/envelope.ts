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
  /** When the fact happened: RFC 3339 at the office's offset with milliseconds ('2026-11-27T09:30:00.123+08:00'), like every instant a service writes; readers accept any offset. */
  readonly occurredAt: string;
  /** The service that published it: 'identity', 'deeds', 'outreach', 'reporting'. */
  readonly producer: string;
  readonly payload: Payload;
}

export const HEADER_MESSAGE_ID = 'Nats-Msg-Id';
export const HEADER_REQUEST_ID = 'x-request-id';

/**
 * The reply to every request/reply subject (`<service>.rpc.…`): the value, or a refusal with a stable `code`
 * that callers switch on (the message is for people and may change). Codes of the transport:
 * - MALFORMED_REQUEST: the request is not JSON; INVALID_REQUEST: it fails the subject's schema (`errors` say where);
 * - NATS_UNAVAILABLE: no connection, or no instance serves the subject; TIMEOUT: no reply in time;
 * - INVALID_REPLY: the reply breaks the contract; INTERNAL_ERROR: the responder failed (see its logs).
 * A responder may also refuse with its own codes (a domain violation, NOT_FOUND, …).
 */
export type RpcReply<Value> =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly errors?: readonly RpcErrorItem[] };

/** One problem of a refused request: where (`request.nik`), a stable code when there is one, and what. */
export interface RpcErrorItem {
  readonly path?: string;
  readonly code?: string;
  readonly message: string;
}

export const RPC_ERROR_CODES = ['MALFORMED_REQUEST', 'INVALID_REQUEST', 'NATS_UNAVAILABLE', 'TIMEOUT', 'INVALID_REPLY', 'INTERNAL_ERROR'] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];
