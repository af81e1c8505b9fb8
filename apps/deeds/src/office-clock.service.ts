/**
 * The office's clock, for the deed lifecycle of the domain library: the instant of an action written at the
 * office's offset (the domain counts days on the written local date: 07:00 in Mbay is that day, not the
 * previous UTC day) and the office's calendar date (`asOf`).
 */
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';

@Injectable()
export class OfficeClockService {
  private readonly offsetMinutes: number;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    const match = /^([+-])(\d{2}):(\d{2})$/.exec(config.utcOffset);
    this.offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  }

  /** Now: the instant ('2026-11-27T09:30:00.123+08:00') and the office's date ('2026-11-27'). */
  now(): { readonly at: string; readonly asOf: string } {
    const at = this.instant(new Date());
    return { at, asOf: at.slice(0, 10) };
  }

  /** A moment as an instant at the office's offset. */
  instant(moment: Date): string {
    const local = new Date(moment.getTime() + this.offsetMinutes * 60_000).toISOString();
    return `${local.slice(0, 23)}${this.config.utcOffset}`;
  }
}
