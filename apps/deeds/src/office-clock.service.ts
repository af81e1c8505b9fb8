/**
 * The office's clock, for the deed lifecycle of the domain library: the instant of an action written at the
 * office's offset (the domain counts days on the written local date: 07:00 in Mbay is that day, not the
 * previous UTC day) and the office's calendar date (`asOf`).
 */
import { Inject, Injectable } from '@nestjs/common';
import { officeInstant, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';

@Injectable()
export class OfficeClockService {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  /** Now: the instant ('2026-11-27T09:30:00.123+08:00') and the office's date ('2026-11-27'). */
  now(): { readonly at: string; readonly asOf: string } {
    const at = this.instant(new Date());
    return { at, asOf: at.slice(0, 10) };
  }

  /** A moment as an instant at the office's offset; every instant a response or event carries is written so (libs/platform time/office-instant.ts). */
  instant(moment: Date): string {
    return officeInstant(moment, this.config.utcOffset);
  }
}
