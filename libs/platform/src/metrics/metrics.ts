/** Prometheus metrics: default process metrics and HTTP request durations, served at /metrics. */
import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { OutboxStats } from '../messaging/outbox-stats';

@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'adminduk_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  /** Events taken from JetStream by the durable consumers, by outcome: processed, duplicate, retried, dead_lettered. */
  readonly messages = new Counter({
    name: 'adminduk_messages_total',
    help: 'Events consumed, by consumer, subject and outcome (processed, duplicate, retried, dead_lettered)',
    labelNames: ['consumer', 'subject', 'outcome'] as const,
    registers: [this.registry],
  });
  /** Events handled per consumer transaction: 1 while a consumer keeps up, up to its batch while it catches up. */
  readonly eventBatchSize = new Histogram({
    name: 'adminduk_event_batch_size',
    help: 'Events handled in one consumer transaction, by consumer',
    labelNames: ['consumer'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });
  /** Requests served over NATS request/reply, by subject and outcome ('ok' or the refusal's code). */
  readonly rpcRequests = new Counter({
    name: 'adminduk_rpc_requests_total',
    help: 'NATS requests served, by subject and outcome (ok or the error code)',
    labelNames: ['subject', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(outbox: OutboxStats) {
    collectDefaultMetrics({ register: this.registry, prefix: 'adminduk_' });
    new Gauge({
      name: 'adminduk_outbox_pending_events',
      help: 'Events recorded but not yet published to NATS',
      registers: [this.registry],
      async collect() {
        this.set(await outbox.pending().catch(() => -1));
      },
    });
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Public()
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
