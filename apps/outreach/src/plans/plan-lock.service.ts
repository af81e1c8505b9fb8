/**
 * Publishing a plan and re-planning after a cancelled visit change which plan is the published one: on PostgreSQL
 * they take a row lock on the calendar settings (one row) first, so that two of them never run side by side
 * (SQLite runs one write transaction at a time anyway). The unique (series, version) of plans backs it up.
 */
import { Inject, Injectable } from '@nestjs/common';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import { CalendarSettings, SETTINGS_ID } from '../calendar/calendar-settings.entity';

@Injectable()
export class PlanLockService {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async take(tx: EntityManager): Promise<void> {
    if (this.config.databaseUrl.startsWith('sqlite:')) return;
    await tx.findOneOrFail(CalendarSettings, { id: SETTINGS_ID }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }
}
