/**
 * The use of each data-access agreement (issue 18: "requests counted per agreement"). Every HTTP request made with
 * an API key that stands on an agreement is counted, per agreement and office day, once its answer is sent; those
 * answered 4xx (refused: an expired agreement, a scope or field not granted, a record outside the key's regions, a
 * rate limit) are counted again apart. The counts are kept in memory and handed, as increments, to the sink every
 * AGREEMENT_USE_FLUSH_MS and when the service stops; the default sink records `<service>.agreement.used.v1` in the
 * outbox (agreement-use.sink.ts). A sink that fails keeps its increments for the next flush. What is counted after
 * the last flush of a crashed process is lost: the published figure is a floor, never an overcount.
 */
import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import type { AgreementUsed } from '@adminduk/contracts';
import { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { MetricsService } from '../metrics/metrics';
import { localDate } from '../time/local-date';

/** One agreement's use on one office day since the previous flush. */
export type AgreementUse = AgreementUsed;

/** Where the counted use goes: an outbox event by default; replaceable (PlatformOptions.agreementUseSink). */
export interface AgreementUseSink {
  /** Takes the increments; throws to have them kept and offered again at the next flush. */
  write(uses: readonly AgreementUse[]): Promise<void>;
}

export const AGREEMENT_USE_SINK = Symbol('AGREEMENT_USE_SINK');

@Injectable()
export class AgreementUseService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('AgreementUse');
  private counts = new Map<string, { agreement: string; day: string; requests: number; refused: number }>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly requests?: Counter<'agreement' | 'outcome'>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(AGREEMENT_USE_SINK) private readonly sink: AgreementUseSink,
    private readonly authenticator: Authenticator,
    @Optional() metrics?: MetricsService,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {
    if (metrics) {
      this.requests = new Counter({
        name: 'adminduk_agreement_requests_total',
        help: 'Requests made with API keys on a data-access agreement, by agreement number and outcome (answered, refused: 4xx)',
        labelNames: ['agreement', 'outcome'] as const,
        registers: [metrics.registry],
      });
    }
  }

  onModuleInit(): void {
    // Counted when the answer is sent, whatever sent it (the guard's refusals, a handler, the rate limit), so every
    // request with the key is seen once, with its final status.
    const fastify = this.adapterHost?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify && typeof fastify.addHook === 'function') {
      fastify.addHook('onResponse', (request, reply, done) => {
        this.countResponse(request, reply.statusCode);
        done();
      });
    }
    this.timer = setInterval(() => void this.flush(), this.config.agreementUseFlushMs);
    this.timer.unref();
  }

  /** The last increments go to the sink before the database and NATS close. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Counts one answered request under `agreement`; `status` 400–499 counts it as refused too. */
  count(agreement: string, status: number, now: Date = new Date()): void {
    const day = localDate(this.config.utcOffset, now);
    const refused = status >= 400 && status < 500;
    const key = `${day}|${agreement}`;
    const entry = this.counts.get(key) ?? { agreement, day, requests: 0, refused: 0 };
    entry.requests += 1;
    if (refused) entry.refused += 1;
    this.counts.set(key, entry);
    this.requests?.inc({ agreement, outcome: refused ? 'refused' : 'answered' });
  }

  /** What has been counted and not yet handed to the sink (for tests and the health of the counting). */
  pending(): AgreementUse[] {
    return [...this.counts.values()].map((c) => ({ ...c }));
  }

  /**
   * Hands the increments counted since the previous flush to the sink. One flush at a time; a failed write puts
   * its increments back so that they are offered again with the next ones.
   */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushOnce());
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    if (this.counts.size === 0) return;
    const taken = this.counts;
    this.counts = new Map();
    const uses = [...taken.values()].sort((a, b) => (a.day === b.day ? a.agreement.localeCompare(b.agreement) : a.day.localeCompare(b.day)));
    try {
      await this.sink.write(uses);
    } catch (error) {
      for (const [key, use] of taken) {
        const now = this.counts.get(key);
        this.counts.set(key, now ? { ...use, requests: use.requests + now.requests, refused: use.refused + now.refused } : use);
      }
      this.logger.warn(`agreement use kept for the next flush: ${(error as Error).message}`);
    }
  }

  private countResponse(request: FastifyRequest, status: number): void {
    const principal = (request as FastifyRequest & { principal?: Principal }).principal;
    // A request refused before the guard knew the caller (a rate limit) is still the key's: found by its digest.
    const agreement = principal ? principal.agreement : this.authenticator.agreementOfKey(request.headers['x-api-key']);
    if (agreement !== undefined) this.count(agreement, status);
  }
}
