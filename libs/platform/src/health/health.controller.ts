/**
 * Liveness and readiness. Ready means the database answers: a service keeps taking requests while NATS is
 * down (its events wait in the outbox), so NATS is reported (`nats.connected`, `outbox.pending`) but does not
 * make the instance unready and take it out of a load balancer.
 */
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/core';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { NatsService } from '../nats/nats.service';
import { OutboxStats } from '../messaging/outbox-stats';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    private readonly nats: NatsService,
    private readonly outbox: OutboxStats,
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
  @ApiOkResponse({ description: 'The database answers; NATS and the outbox are reported.' })
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
    const status = database === 'down' ? 'down' : this.nats.enabled && !natsConnected ? 'degraded' : 'ok';
    if (database === 'down') void reply.status(503);
    return {
      status,
      checks: {
        database: { status: database },
        nats: { status: !this.nats.enabled ? 'disabled' : natsConnected ? 'up' : 'down', connected: natsConnected },
        outbox: { pending },
      },
    };
  }
}
