/**
 * Records events in the outbox, inside the caller's unit of work: the caller's flush (or transaction)
 * writes the change and its events together. Payloads are checked against the contracts first: a producer
 * that sends a malformed payload is a bug and fails loudly, before anything is written.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { EVENT_SCHEMAS, type EventPayloads, type EventSubject } from '@adminduk/contracts';
import { currentContext } from '../context/request-context';
import { afterCommit } from './after-commit';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxSignal } from './outbox-signal';

export class InvalidEventPayloadError extends Error {
  constructor(subject: string, details: string) {
    super(`invalid payload for ${subject}: ${details}`);
    this.name = 'InvalidEventPayloadError';
  }
}

@Injectable()
export class OutboxService {
  constructor(private readonly signal: OutboxSignal) {}

  /** Adds an event to the unit of work of `em`; it is written by the caller's flush. */
  record<S extends EventSubject>(em: EntityManager, subject: S, payload: EventPayloads[S], occurredAt: Date = new Date()): OutboxEvent {
    const schema = EVENT_SCHEMAS[subject];
    const parsed = schema.parse(payload);
    if (!parsed.ok) throw new InvalidEventPayloadError(subject, parsed.errors.map((e) => `${e.path} ${e.message}`).join('; '));
    const event = new OutboxEvent();
    event.subject = subject;
    event.payload = parsed.value;
    event.occurredAt = occurredAt;
    event.requestId = currentContext()?.requestId;
    em.persist(event);
    // In an event handler the relay is woken once the consumer's transaction has committed (before, it would find
    // nothing to send and sleep until its next poll); elsewhere at once, and it looks a moment later.
    afterCommit(() => this.signal.notifySoon());
    return event;
  }
}
