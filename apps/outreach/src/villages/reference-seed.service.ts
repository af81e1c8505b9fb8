/**
 * On the service's start (after the migrations): the villages of REGENCY_CODE from the region data (Kemendagri
 * 2025 edition: Nagekeo's 7 kecamatan and 113 desa/kelurahan by default), each with the DEFAULT_TRAVEL_MINUTES
 * placeholder, and the calendar settings (Wednesday and Friday, an 8-hour day, 30 minutes' setup: the domain
 * library's defaults). Only what is missing is added, so the office's own figures are never overwritten; two
 * instances starting together both try, and the one that loses the race finds the rows there.
 */
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DEFAULT_DAY_MINUTES, DEFAULT_SERVICE_DAYS, DEFAULT_SETUP_MINUTES } from '@adminduk/domain';
import { listVillages } from '@adminduk/domain/villages';
import { CalendarSettings, SETTINGS_ID } from '../calendar/calendar-settings.entity';
import { DEFAULT_TRAVEL_MINUTES, OutreachVillage } from './outreach-village.entity';
import { RegionNamesService } from './region-names.service';

@Injectable()
export class ReferenceSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReferenceSeed');

  constructor(
    private readonly em: EntityManager,
    private readonly names: RegionNamesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.em.fork().transactional(async (tx) => {
        const known = new Set((await tx.find(OutreachVillage, {}, { fields: ['code'] })).map((v) => v.code));
        let added = 0;
        for (const district of this.names.districtCodes()) {
          for (const v of listVillages(district)) {
            if (known.has(v.code)) continue;
            tx.create(OutreachVillage, { code: v.code, districtCode: v.districtCode, name: v.name, kind: v.kind, travelMinutes: DEFAULT_TRAVEL_MINUTES });
            added++;
          }
        }
        if (!(await tx.findOne(CalendarSettings, { id: SETTINGS_ID }))) {
          tx.create(CalendarSettings, { id: SETTINGS_ID, serviceDays: [...DEFAULT_SERVICE_DAYS], dayMinutes: DEFAULT_DAY_MINUTES, setupMinutes: DEFAULT_SETUP_MINUTES });
        }
        await tx.flush();
        if (added > 0) this.logger.log(`seeded ${added} villages of ${this.names.regencyName} with the default travel time of ${DEFAULT_TRAVEL_MINUTES} minutes`);
      });
    } catch (error) {
      // Another instance seeded at the same moment: what it wrote is what this one would have written.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }
}
