/**
 * The retry job of registrations waiting for the identity service: every DEEDS_IDENTITY_RETRY_MS it takes the
 * records whose next try is due (oldest first, 20 at a time) and tries each again (RegistrationService.retryPending:
 * ask identity; on an answer, register in one transaction; else wait twice as long, up to 15 minutes). Several
 * instances may run it: the registration locks the record and goes on only while it is still waiting.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { runInContext, uuidv7 } from '@adminduk/platform';
import { DeedRecord } from '../cases/deed-record.entity';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import { RegistrationService, type RetryOutcome } from './registration.service';

const BATCH = 20;

@Injectable()
export class RegistrationRetryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RegistrationRetryService');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly em: EntityManager,
    private readonly registration: RegistrationService,
    @Inject(DEEDS_CONFIG) private readonly config: DeedsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Tries every registration that is due now; returns what became of each (for tests and tools). */
  async runOnce(): Promise<RetryOutcome[]> {
    const due = await this.em.fork().find(DeedRecord, { waitingFor: 'IDENTITY', nextRetryAt: { $lte: new Date() } }, { orderBy: { nextRetryAt: 'asc' }, limit: BATCH });
    const outcomes: RetryOutcome[] = [];
    for (const record of due) {
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
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.logger.warn(`registration retry paused: ${(error as Error).message}`))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.config.identityRetryMs);
    this.timer.unref();
  }
}
