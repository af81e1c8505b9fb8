/**
 * Exactly-once effect for message handlers: the inbox row and the handler's changes are committed in one
 * transaction. The row is inserted first, so on PostgreSQL a second instance handling the same event at the same
 * moment waits on the primary key and then sees the duplicate (its own transaction, handler changes included,
 * is rolled back). A handler's error rolls the inbox row back too, so the event is retried.
 *
 * `runBatch` handles several events of one consumer in one transaction, each in its own savepoint: one commit
 * (one fsync on PostgreSQL, one WAL sync point on SQLite) instead of one per event, while an event whose handler
 * fails is rolled back alone and its neighbours still commit.
 */
import { Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { collectAfterCommit, runAfterCommit } from './after-commit';
import { InboxMessage } from './inbox-message.entity';

export type InboxOutcome = 'processed' | 'duplicate';

/** What became of one event of a batch: committed (processed or a duplicate), or its handler failed. */
export type BatchOutcome = { readonly outcome: InboxOutcome } | { readonly failed: unknown };

interface InboxEvent {
  readonly id: string;
  readonly subject: string;
}

/** Thrown inside the transaction when another delivery already recorded the event; never leaves runOnce. */
class AlreadyProcessed extends Error {}

@Injectable()
export class InboxService {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Runs `effect` in a new transaction unless `consumer` has already processed `eventId`; returns which
   * happened. Errors of `effect` propagate, and nothing of it (nor the inbox row) is written. With `parent`, the
   * transaction is a savepoint inside the parent's transaction: committed only when the parent commits.
   */
  async runOnce(consumer: string, event: InboxEvent, effect: (em: EntityManager) => Promise<void>, parent?: EntityManager): Promise<InboxOutcome> {
    // A fresh fork per event: nothing one handler loaded or left dirty reaches the next one's flush.
    const em = this.orm.em.fork();
    try {
      return await em.transactional(
        async (tx) => {
          if (await tx.findOne(InboxMessage, { consumer, eventId: event.id })) throw new AlreadyProcessed();
          try {
            await tx.insert(InboxMessage, { consumer, eventId: event.id, subject: event.subject, processedAt: new Date() });
          } catch (error) {
            if (error instanceof UniqueConstraintViolationException) throw new AlreadyProcessed();
            throw error;
          }
          await effect(tx);
          return 'processed' as const;
        },
        parent ? { ctx: parent.getTransactionContext() } : {},
      );
    } catch (error) {
      if (error instanceof AlreadyProcessed) return 'duplicate';
      throw error;
    }
  }

  /**
   * Runs `effect` for each event, in order, in one transaction with a savepoint per event. A handler's error
   * rolls back that event's savepoint only and is returned as its outcome; the others commit together. If the
   * transaction itself fails (the database went away, the commit failed) this throws and nothing is written.
   * What the handlers pass to `afterCommit` runs after the commit, for the events that committed.
   */
  async runBatch<E extends InboxEvent>(consumer: string, events: readonly E[], effect: (em: EntityManager, event: E) => Promise<void>, onCallbackError: (error: unknown) => void): Promise<BatchOutcome[]> {
    const committed: (() => void)[] = [];
    const outcomes = await this.orm.em.fork().transactional(async (tx) => {
      const out: BatchOutcome[] = [];
      for (const event of events) {
        const own: (() => void)[] = [];
        try {
          const outcome = await collectAfterCommit(own, () => this.runOnce(consumer, event, (em) => effect(em, event), tx));
          committed.push(...own);
          out.push({ outcome });
        } catch (failed) {
          out.push({ failed });
        }
      }
      return out;
    });
    runAfterCommit(committed, onCallbackError);
    return outcomes;
  }

  /** Whether `consumer` has processed `eventId`. */
  async hasProcessed(consumer: string, eventId: string): Promise<boolean> {
    return (await this.orm.em.fork().count(InboxMessage, { consumer, eventId })) > 0;
  }
}
