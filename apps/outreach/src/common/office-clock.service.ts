/**
 * The office's clock and place: today's date at the office (`asOf` for the domain library: the backlog, the
 * planner and the projection count days on the office's calendar, WITA in Nagekeo), instants written at the
 * office's offset, and the regency this service plans for (REGENCY_CODE).
 */
import { Inject, Injectable } from '@nestjs/common';
import { localDate, officeInstant, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';

@Injectable()
export class OfficeClockService {
  readonly regencyCode: string;
  /** The office's offset (UTC_OFFSET), for the mappers that write instants in responses. */
  readonly utcOffset: string;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    this.regencyCode = config.regencyCode;
    this.utcOffset = config.utcOffset;
  }

  /** The office's calendar date today ('2026-11-27'). */
  today(): string {
    return localDate(this.config.utcOffset);
  }

  /** A moment as an instant at the office's offset ('2026-11-27T09:30:00.123+08:00'). */
  instant(moment: Date = new Date()): string {
    return officeInstant(moment, this.config.utcOffset);
  }
}

/** 'YYYY-MM-DD' plus `days` days (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True for a real calendar date 'YYYY-MM-DD'. */
export function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
