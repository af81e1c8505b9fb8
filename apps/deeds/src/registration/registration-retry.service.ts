/**
 * The retry job of registrations waiting for the identity service: every DEEDS_IDENTITY_RETRY_MS it takes the
 * records whose next try is due (oldest first, 20 at a time) and tries each again (RegistrationService.retryPending:
 * ask identity; on an answer, register in one transaction; else wait twice as long, up to 15 minutes). Several
 * instances may run it: the registration locks the record and goes on only while it is still waiting.
 *
 * When the NATS connection comes back after an outage, every waiting registration is due at once (its backoff is
 * reset) and the job runs straight away: the births of an outage reach identity seconds after NATS returns rather
 * than at their next backoff, which had grown to minutes (the fault suite measured 284 s after a 30 s outage).
 * Each run takes batches until nothing due is left. The sweep runs three times (0.5, 5 and 20 s after the
 * reconnect), because the identity instances reconnect on their own schedule and a first try may find none yet.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { NatsService, runInContext, uuidv7 } from '@adminduk/platform';
import { DeedRecord } from '../cases/deed-record.entity';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import { RegistrationService, type RetryOutcome } from './registration.service';

const BATCH = 20;
/** When the waiting registrations are swept after NATS reconnects (ms after the reconnect). */
const RECONNECT_SWEEPS_MS = [500, 5_000, 20_000];

@Injectable()
export class RegistrationRetryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RegistrationRetryService');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private rerun = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly em: EntityManager,
    private readonly registration: RegistrationService,
    private readonly nats: NatsService,
    @Inject(DEEDS_CONFIG) private readonly config: DeedsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.nats.onReconnect(() => {
      // Identity's own connection may come back a moment after ours: sweep now and twice more shortly after.
      for (const delay of RECONNECT_SWEEPS_MS) setTimeout(() => void this.afterReconnect(), delay).unref();
    });
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.running;
  }

  /** NATS is back: every waiting registration is due now, and the job runs at once (or again right after the run in hand). */
  async afterReconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.em.fork().nativeUpdate(DeedRecord, { waitingFor: 'IDENTITY' }, { nextRetryAt: new Date() });
    } catch (error) {
      this.logger.warn(`could not make the waiting registrations due: ${(error as Error).message}`);
      return;
    }
    if (this.running) {
      this.rerun = true;
      return;
    }
    clearTimeout(this.timer);
    this.run();
  }

  /** Tries every registration that is due now, BATCH at a time; returns what became of each (for tests and tools). */
  async runOnce(): Promise<RetryOutcome[]> {
    const outcomes: RetryOutcome[] = [];
    const tried = new Set<string>();
    for (;;) {
      const due = (await this.em.fork().find(DeedRecord, { waitingFor: 'IDENTITY', nextRetryAt: { $lte: new Date() } }, { orderBy: { nextRetryAt: 'asc' }, limit: BATCH })).filter(
        (record) => !tried.has(record.id),
      );
      if (due.length === 0 || this.stopped) return outcomes;
      outcomes.push(...(await this.tryEach(due, tried)));
    }
  }

  private async tryEach(due: readonly DeedRecord[], tried: Set<string>): Promise<RetryOutcome[]> {
    const outcomes: RetryOutcome[] = [];
    for (const record of due) {
      tried.add(record.id);
      if (this.stopped) break;
      const outcome = await runInContext({ requestId: uuidv7(), endpoint: 'deeds.registration-retry' }, () => this.registration.retryPending(record.id)).catch((error: unknown) => {
        this.logger.error({ err: error, deedId: record.id }, 'retry of a waiting registration failed');
        return 'waiting' as const;
      });
      outcomes.push(outcome);
    }
    return outcomes;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.run(), this.config.identityRetryMs);
    this.timer.unref();
  }

  private run(): void {
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.warn(`registration retry paused: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.rerun && !this.stopped) {
          this.rerun = false;
          this.run();
        } else {
          this.schedule();
        }
      });
  }
}
