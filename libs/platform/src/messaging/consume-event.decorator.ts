/**
 * Declares a durable JetStream consumer: a provider method that handles one event subject.
 *
 *     @Injectable()
 *     export class ResidentEventsHandler {
 *       constructor(private readonly coverage: CoverageService) {}
 *
 *       @ConsumeEvent(SUBJECTS.identity.residentRegistered, { durable: 'reporting-resident-registered' })
 *       onRegistered(em: EntityManager, event: EventEnvelope<ResidentRegistered>): Promise<void> {
 *         return this.coverage.countResident(em, event.payload);
 *       }
 *     }
 *
 * The payload has been checked against the contracts' schema; `em` is the transaction in which the inbox row is
 * written, so whatever the handler persists with it takes effect exactly once. Throw to have the event retried
 * (with a growing delay) and, after `maxDeliveries`, dead-lettered. The request id of the message is in the
 * request context while the handler runs (and in the events it records).
 */
import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EventEnvelope, EventPayloads, EventSubject } from '@adminduk/contracts';

export interface ConsumeEventOptions {
  /**
   * The durable consumer's name: unique in the stream, starting with the consuming service
   * ('reporting-resident-registered'); letters, digits, '-' and '_'. Every instance of the service shares it
   * (work sharing), and it keys the inbox. DO NOT RENAME: a new name starts again from the stream's first event.
   */
  readonly durable: string;
  /** Deliveries before the event is dead-lettered (default 10). */
  readonly maxDeliveries?: number;
  /** Delay before the first retry; it doubles with each delivery (default 1000 ms). */
  readonly backoffMs?: number;
  /** Longest delay between retries (default 300 000 ms). */
  readonly maxBackoffMs?: number;
  /** How long a delivered event may stay unacknowledged before JetStream delivers it again (default 30 000 ms). */
  readonly ackWaitMs?: number;
  /** Events fetched per pull (default 16): keep batch × handling time well under ackWaitMs. */
  readonly batch?: number;
}

export type EventHandlerMethod<S extends EventSubject> = (em: EntityManager, event: EventEnvelope<EventPayloads[S]>) => Promise<void>;

export interface ConsumeEventMetadata extends ConsumeEventOptions {
  readonly subject: EventSubject;
}

export const CONSUME_EVENT = Symbol('adminduk:consume-event');

export function ConsumeEvent<S extends EventSubject>(subject: S, options: ConsumeEventOptions) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<EventHandlerMethod<S>>): void => {
    SetMetadata<symbol, ConsumeEventMetadata>(CONSUME_EVENT, { subject, ...options })(target, key, descriptor);
  };
}
