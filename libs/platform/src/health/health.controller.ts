/**
 * Liveness and readiness. Ready means the database answers: a service keeps taking requests while NATS is
 * down (its events wait in the outbox), so NATS is reported (`nats.connected`, `outbox.pending`) but does not
 * make the instance unready and take it out of a load balancer. The same holds for the event consumers
 * (`consumers`: each durable and whether it is pulling, i.e. its loop runs and NATS is connected): one that is
 * not pulling makes the status 'degraded' (its events wait in JetStream and are handled once it pulls again),
 * never 503.
 */
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/core';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { NatsService } from '../nats/nats.service';
import { OutboxStats } from '../messaging/outbox-stats';
import { EventConsumerService } from '../messaging/event-consumer.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    private readonly nats: NatsService,
    private readonly outbox: OutboxStats,
    private readonly consumers: EventConsumerService,
  ) {}

  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is running.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOkResponse({ description: 'The database answers; NATS, the outbox and the event consumers are reported.' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    let database: 'up' | 'down' = 'up';
    try {
      await this.em.fork().getConnection().execute('select 1');
    } catch {
      database = 'down';
    }
    const pending = database === 'up' ? await this.outbox.pending().catch(() => null) : null;
    const natsConnected = this.nats.enabled ? this.nats.isConnected() : false;
    // A consumer's loop waits through a NATS outage without ending, so it pulls only while NATS is connected too.
    const consumers = this.consumers.status().map((c) => ({ durable: c.durable, subject: c.subject, consuming: c.consuming && natsConnected }));
    // Without NATS no consumer runs, by choice: 'disabled', not a fault.
    const consuming = !this.nats.enabled ? 'disabled' : consumers.length === 0 ? 'none' : consumers.every((c) => c.consuming) ? 'up' : 'down';
    const status = database === 'down' ? 'down' : this.nats.enabled && (!natsConnected || consuming === 'down') ? 'degraded' : 'ok';
    if (database === 'down') void reply.status(503);
    return {
      status,
      checks: {
        database: { status: database },
        nats: { status: !this.nats.enabled ? 'disabled' : natsConnected ? 'up' : 'down', connected: natsConnected },
        outbox: { pending },
        consumers: { status: consuming, items: consumers },
      },
    };
  }
}
