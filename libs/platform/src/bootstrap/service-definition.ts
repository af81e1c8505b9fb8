import type { DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '../config/service-config';
import type { OpenApiInfo } from '../openapi/openapi';
import type { DatabaseDefinition } from '../database/mikro-orm-config';

/** What tools need to know of a service: its name, its root module for a configuration, its API title. */
export interface ServiceDefinition {
  readonly name: string;
  readonly module: (config: ServiceConfig) => DynamicModule;
  readonly openApi: OpenApiInfo;
  /** Its entities and migrations: for the `migrate` command (runMigrateCommand). */
  readonly database?: DatabaseDefinition;
}
