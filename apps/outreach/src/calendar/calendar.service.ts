/**
 * The outreach calendar: service weekdays and the working day (one settings row), public holidays and blackout
 * dates. The whole regency's: changes need a regency scope, each in one transaction with its audit row.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { holidaysBetween, WEEKDAYS } from '@adminduk/domain';
import { AuditService, Problem, type Principal } from '@adminduk/platform';
import { addDays, daysBetween, isRealDate, OfficeClockService } from '../common/office-clock.service';
import { officeCalendar } from '../plans/planning-input.service';
import { requireRegency } from '../common/region-scope';
import { CalendarDay } from './calendar-day.entity';
import { CalendarSettings, SETTINGS_ID } from './calendar-settings.entity';
import {
  toDayView,
  toSettingsView,
  type CalendarDayList,
  type CalendarDayQuery,
  type CalendarDayView,
  type CalendarSettingsView,
  type CreateCalendarDayDto,
  type HolidayList,
  type HolidayQuery,
  type UpdateCalendarSettingsDto,
} from './calendar.dto';

@Injectable()
export class CalendarService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
  ) {}

  async settings(): Promise<CalendarSettingsView> {
    return toSettingsView(await this.em.fork().findOneOrFail(CalendarSettings, { id: SETTINGS_ID }));
  }

  async updateSettings(dto: UpdateCalendarSettingsDto, principal: Principal): Promise<CalendarSettingsView> {
    requireRegency(principal, this.clock.regencyCode, 'the calendar');
    if (dto.setupMinutes >= dto.dayMinutes) {
      throw Problem.unprocessable('CALENDAR_RULES_NOT_MET', 'setting up would take the whole working day', [
        { code: 'SETUP_LONGER_THAN_DAY', field: 'setupMinutes', message: `setupMinutes (${dto.setupMinutes}) must be less than dayMinutes (${dto.dayMinutes})` },
      ]);
    }
    return this.em.fork().transactional(async (tx) => {
      const settings = await tx.findOneOrFail(CalendarSettings, { id: SETTINGS_ID });
      if (settings.version !== dto.version) throw Problem.conflict('VERSION_CONFLICT', `the calendar settings are at version ${settings.version}, you sent ${dto.version}`);
      settings.serviceDays = WEEKDAYS.filter((d) => dto.serviceDays.includes(d));
      settings.dayMinutes = dto.dayMinutes;
      settings.setupMinutes = dto.setupMinutes;
      this.audit.record(tx, { action: 'UPDATE', resourceType: 'outreach-calendar', resourceId: 'settings', regionCode: this.clock.regencyCode });
      await tx.flush();
      return toSettingsView(settings);
    });
  }

  async days(query: CalendarDayQuery): Promise<CalendarDayList> {
    for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
      if (value !== undefined && !isRealDate(value)) throw Problem.badRequest('VALIDATION_FAILED', `${field} is not a calendar date`, [{ code: 'DATE_INVALID', field, message: `${value} is not a calendar date` }]);
    }
    const where: FilterQuery<CalendarDay> = { date: { $gte: query.from ?? this.clock.today(), ...(query.to ? { $lte: query.to } : {}) } };
    return { items: (await this.em.fork().find(CalendarDay, where, { orderBy: { date: 'asc' } })).map(toDayView) };
  }

  /** The national holidays and cuti bersama with the office's own, as the planner reads them. */
  async holidays(query: HolidayQuery): Promise<HolidayList> {
    for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
      if (value !== undefined && !isRealDate(value)) throw Problem.badRequest('VALIDATION_FAILED', `${field} is not a calendar date`, [{ code: 'DATE_INVALID', field, message: `${value} is not a calendar date` }]);
    }
    const from = query.from ?? this.clock.today();
    const to = query.to ?? addDays(from, 365);
    if (to < from || daysBetween(from, to) > 3660) {
      throw Problem.badRequest('VALIDATION_FAILED', 'to must be from from to ten years after it', [{ code: 'DATE_INVALID', field: 'to', message: `${to} is before ${from} or more than ten years after it` }]);
    }
    const days = await this.em.fork().find(CalendarDay, { kind: 'HOLIDAY', date: { $gte: from, $lte: to } }, { orderBy: { date: 'asc' } });
    const calendar = officeCalendar(days);
    const range = holidaysBetween(from, to, calendar);
    if (!range.ok) throw Problem.badRequest('VALIDATION_FAILED', 'the range is not valid', range.errors.map((e) => ({ code: e.code, message: e.message })));
    const years = calendar.years.filter((y) => y.year >= Number(from.slice(0, 4)) && y.year <= Number(to.slice(0, 4)));
    const known = new Set(years.map((y) => y.year));
    return {
      items: range.value.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
      years: [
        ...years.map((y) => ({ year: y.year, source: y.source, complete: y.complete })),
        ...range.value.incompleteYears.filter((y) => !known.has(y)).map((year) => ({ year, source: 'none: no decree in the calendar', complete: false })),
      ].sort((a, b) => a.year - b.year),
    };
  }

  async addDay(dto: CreateCalendarDayDto, principal: Principal): Promise<CalendarDayView> {
    if (!isRealDate(dto.date)) throw Problem.badRequest('VALIDATION_FAILED', 'date is not a calendar date', [{ code: 'DATE_INVALID', field: 'date', message: `${dto.date} is not a calendar date` }]);
    requireRegency(principal, this.clock.regencyCode, 'the calendar');
    return this.em.fork().transactional(async (tx) => {
      const existing = await tx.findOne(CalendarDay, { date: dto.date });
      if (existing) throw Problem.conflict('CALENDAR_DAY_EXISTS', `${dto.date} is already a ${existing.kind.toLowerCase()} (${existing.name}); remove it first`);
      const day = tx.create(CalendarDay, { date: dto.date, kind: dto.kind, name: dto.name.trim() });
      this.audit.record(tx, { action: 'CREATE', resourceType: 'outreach-calendar', resourceId: dto.date, regionCode: this.clock.regencyCode });
      await tx.flush();
      return toDayView(day);
    });
  }

  async removeDay(date: string, principal: Principal): Promise<void> {
    if (!isRealDate(date)) throw Problem.badRequest('INVALID_DATE', 'the date in the path must be a calendar date YYYY-MM-DD');
    requireRegency(principal, this.clock.regencyCode, 'the calendar');
    await this.em.fork().transactional(async (tx) => {
      const day = await tx.findOne(CalendarDay, { date });
      if (!day) throw Problem.notFound('CALENDAR_DAY_NOT_FOUND', `${date} is neither a holiday nor a blackout`);
      tx.remove(day);
      this.audit.record(tx, { action: 'DELETE', resourceType: 'outreach-calendar', resourceId: date, regionCode: this.clock.regencyCode });
      await tx.flush();
    });
  }
}
