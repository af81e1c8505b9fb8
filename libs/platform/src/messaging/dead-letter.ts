/**
 * Dead letters: an event that cannot be processed (poison: not a valid envelope, or a payload that fails the
 * contract; or a handler that failed `maxDeliveries` times) is copied, bytes unchanged, to
 * `deadletter.<consuming service>.<original subject>` in the service's own stream DEADLETTER_<SERVICE>, with
 * headers saying why, then terminated in its source stream, so that the events after it flow on. An operator
 * reads the dead letters there and, once the cause is fixed, publishes them again to the original subject.
 *
 * DO NOT RENAME these subjects, streams or headers: operators' tools depend on them.
 */
import type { StreamDefinition } from './streams';

export const DEAD_LETTER_HEADERS = {
  /** MALFORMED_MESSAGE, INVALID_PAYLOAD, HANDLER_FAILED or DELIVERY_LIMIT_EXCEEDED. */
  reason: 'x-dead-letter-reason',
  /** What went wrong (personal data masked, at most 500 characters). */
  detail: 'x-dead-letter-detail',
  /** How many times the event was delivered to the consumer. */
  deliveries: 'x-dead-letter-deliveries',
  /** The durable consumer that gave up. */
  consumer: 'x-dead-letter-consumer',
  /** The original subject (without NATS_PREFIX). */
  subject: 'x-dead-letter-subject',
  /** The source stream and the event's sequence number in it. */
  stream: 'x-dead-letter-stream',
  sequence: 'x-dead-letter-sequence',
  /** When it was dead-lettered (RFC 3339 at the office's offset, like every instant: time/office-instant.ts). */
  at: 'x-dead-letter-at',
} as const;

export type DeadLetterReason = 'MALFORMED_MESSAGE' | 'INVALID_PAYLOAD' | 'HANDLER_FAILED' | 'DELIVERY_LIMIT_EXCEEDED';

/** `deadletter.<service>.<subject>` (without NATS_PREFIX). */
export function deadLetterSubject(service: string, subject: string): string {
  return `deadletter.${service}.${subject}`;
}

/** The stream that keeps a service's dead letters (name and subjects without NATS_PREFIX). */
export function deadLetterStream(service: string): StreamDefinition {
  return { name: `DEADLETTER_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`, subjects: [`deadletter.${service}.>`] };
}
