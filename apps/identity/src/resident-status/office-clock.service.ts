/**
 * The office's clock and place, for the lifecycles of the domain library: the instant of an action, written at
 * the office's offset (the domain counts days on the written local date: 07:00 in Mbay is that day, not the
 * previous UTC day), the office's calendar date (`asOf`), and the regency whose register this is.
 */
import { Inject, Injectable } from '@nestjs/common';
import { officeInstant, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
@Injectable()
export class OfficeClockService {
  /**
   * The regency of this office: REGENCY_CODE, default 5316 (Nagekeo), validated with the rest of the
   * configuration at start-up (loadServiceConfig).
   */
  readonly regencyCode: string;
  /** The office's offset (UTC_OFFSET): every instant in a response or an event is written at it. */
  readonly utcOffset: string;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.regencyCode = config.regencyCode;
    this.utcOffset = config.utcOffset;
  }

  /** Now: the instant ('2026-11-27T09:30:00.123+08:00') and the office's date ('2026-11-27'). */
  now(): { readonly at: string; readonly asOf: string } {
    const at = this.instant(new Date());
    return { at, asOf: at.slice(0, 10) };
  }

  /** A moment as an instant at the office's offset (libs/platform time/office-instant.ts). */
  instant(moment: Date): string {
    return officeInstant(moment, this.utcOffset);
  }
}
