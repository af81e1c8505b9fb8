/**
 * Everything a service shares, in one module: configuration, database (MikroORM, migrations at start-up),
 * logging, health, metrics, NATS, the outbox and its relay, authentication (deny by default), the narrowing of
 * answers to an API key's `fields`, the use counted per data-access agreement, and problem+json errors. A service imports PlatformModule.forRoot(...) once, with its entities, migrations and
 * the streams it publishes to.
 */
import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { LoggerModule } from 'nestjs-pino';
import { AGREEMENT_USE_SINK, AgreementUseService, type AgreementUseSink } from './agreements/agreement-use.service';
import { OutboxAgreementUseSink } from './agreements/agreement-use.sink';
import { AuditController } from './audit/audit.controller';
import { AuditEntry, AuditEntryResult } from './audit/audit-entry.entity';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { Authenticator } from './auth/authenticator';
import { FieldsInterceptor } from './auth/fields.interceptor';
import { SERVICE_CONFIG } from './config/tokens';
import type { ServiceConfig } from './config/service-config';
import { mikroOrmOptions, type DatabaseDefinition } from './database/mikro-orm-config';
import { MigrationRunner } from './database/migration-runner';
import { ProblemFilter } from './errors/problem.filter';
import { HealthController } from './health/health.controller';
import { loggerParams } from './logging/logging';
import { EventConsumerService } from './messaging/event-consumer.service';
import { InboxMessage } from './messaging/inbox-message.entity';
import { InboxService } from './messaging/inbox.service';
import { OutboxEvent } from './messaging/outbox-event.entity';
import { OutboxRelay, OUTBOX_STREAMS } from './messaging/outbox.relay';
import { OutboxService } from './messaging/outbox.service';
import { OutboxSignal } from './messaging/outbox-signal';
import { OutboxStats } from './messaging/outbox-stats';
import { RpcClient } from './messaging/rpc-client.service';
import { RpcServer } from './messaging/rpc-server.service';
import type { StreamDefinition } from './messaging/streams';
import { MetricsController, MetricsService } from './metrics/metrics';
import { NatsService } from './nats/nats.service';

export interface PlatformOptions {
  readonly config: ServiceConfig;
  readonly database: DatabaseDefinition;
  /** The streams this service publishes its events to. */
  readonly streams: readonly StreamDefinition[];
  /**
   * Where the use counted per data-access agreement goes (agreements/agreement-use.service.ts). Default: the
   * `<service>.agreement.used.v1` event in the outbox, for the services whose contracts have one.
   */
  readonly agreementUseSink?: Type<AgreementUseSink>;
}

/** Entities every service's database holds besides its own. */
export const PLATFORM_ENTITIES = [OutboxEvent, InboxMessage, AuditEntry, AuditEntryResult] as const;

@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const database: DatabaseDefinition = { ...options.database, entities: [...PLATFORM_ENTITIES, ...options.database.entities] };
    return {
      module: PlatformModule,
      imports: [
        MikroOrmModule.forRoot({ ...mikroOrmOptions(options.config, database), registerRequestContext: false }),
        LoggerModule.forRoot(loggerParams(options.config)),
        DiscoveryModule,
      ],
      controllers: [HealthController, MetricsController, AuditController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: OUTBOX_STREAMS, useValue: options.streams },
        MigrationRunner,
        NatsService,
        OutboxSignal,
        OutboxService,
        OutboxStats,
        OutboxRelay,
        InboxService,
        EventConsumerService,
        RpcServer,
        RpcClient,
        MetricsService,
        Authenticator,
        AuditService,
        { provide: AGREEMENT_USE_SINK, useClass: options.agreementUseSink ?? OutboxAgreementUseSink },
        AgreementUseService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: FieldsInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [SERVICE_CONFIG, NatsService, OutboxService, OutboxStats, OutboxRelay, InboxService, EventConsumerService, RpcServer, RpcClient, MetricsService, Authenticator, AuditService, AgreementUseService],
    };
  }
}
