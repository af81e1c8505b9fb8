/** Applies pending migrations at start-up (MIGRATE_ON_START, default true), before anything else runs. */
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';

@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('MigrationRunner');

  constructor(
    private readonly orm: MikroORM,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.migrateOnStart) return;
    const applied = await this.orm.getMigrator().up();
    if (applied.length > 0) this.logger.log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    if (this.config.devSchemaSync) {
      this.logger.warn('DEV_SCHEMA_SYNC: creating tables no migration creates yet (development only)');
      await this.orm.schema.updateSchema({ safe: true });
    }
  }
}
