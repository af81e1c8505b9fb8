/**
 * Exactly-once effect for message handlers: the inbox row and the handler's changes are committed in one
 * transaction. The row is inserted first, so on PostgreSQL a second instance handling the same event at the same
 * moment waits on the primary key and then sees the duplicate (its own transaction, handler changes included,
 * is rolled back). A handler's error rolls the inbox row back too, so the event is retried.
 */
import { Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { InboxMessage } from './inbox-message.entity';

export type InboxOutcome = 'processed' | 'duplicate';

/** Thrown inside the transaction when another delivery already recorded the event; never leaves runOnce. */
class AlreadyProcessed extends Error {}

@Injectable()
export class InboxService {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Runs `effect` in a new transaction unless `consumer` has already processed `eventId`; returns which
   * happened. Errors of `effect` propagate, and nothing of it (nor the inbox row) is written.
   */
  async runOnce(consumer: string, event: { readonly id: string; readonly subject: string }, effect: (em: EntityManager) => Promise<void>): Promise<InboxOutcome> {
    const em = this.orm.em.fork();
    try {
      return await em.transactional(async (tx) => {
        if (await tx.findOne(InboxMessage, { consumer, eventId: event.id })) throw new AlreadyProcessed();
        try {
          await tx.insert(InboxMessage, { consumer, eventId: event.id, subject: event.subject, processedAt: new Date() });
        } catch (error) {
          if (error instanceof UniqueConstraintViolationException) throw new AlreadyProcessed();
          throw error;
        }
        await effect(tx);
        return 'processed' as const;
      });
    } catch (error) {
      if (error instanceof AlreadyProcessed) return 'duplicate';
      throw error;
    }
  }

  /** Whether `consumer` has processed `eventId`. */
  async hasProcessed(consumer: string, eventId: string): Promise<boolean> {
    return (await this.orm.em.fork().count(InboxMessage, { consumer, eventId })) > 0;
  }
}
