/**
 * The planner's input (OutreachInput of the domain library) as the office stands on a day: the active teams, the
 * active villages with their travel times and backlog (BacklogService), the service weekdays and working day, the
 * holidays and blackout dates. Shared by the plans and the projections.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { extendHolidayCalendar, NATIONAL_HOLIDAYS, teamBaseTravel, type HolidayCalendar, type OutreachInput, type OutreachTeam, type OutreachVillage as PlannerVillage, type PlanningProblem, type TeamBase, type Weekday } from '@adminduk/domain';
import type { ProblemItem } from '@adminduk/platform';
import { BacklogService } from '../backlog/backlog.service';
import { CalendarDay } from '../calendar/calendar-day.entity';
import { CalendarSettings, SETTINGS_ID } from '../calendar/calendar-settings.entity';
import { Team } from '../teams/team.entity';
import { OutreachVillage } from '../villages/outreach-village.entity';

export interface PlanningContext {
  /** Everything but `weeks`. */
  readonly input: Omit<OutreachInput, 'weeks'> & { readonly villages: readonly PlannerVillage[]; readonly teams: readonly OutreachTeam[] };
  readonly teams: ReadonlyMap<string, Team>;
  readonly villages: ReadonlyMap<string, OutreachVillage>;
  readonly serviceDays: readonly Weekday[];
}

@Injectable()
export class PlanningInputService {
  constructor(private readonly backlog: BacklogService) {}

  async context(em: EntityManager, asOf: string, startDate: string = asOf): Promise<PlanningContext> {
    // One after the other: inside a transaction they share one connection.
    const settings = await em.findOneOrFail(CalendarSettings, { id: SETTINGS_ID });
    const teams = await em.find(Team, { active: true }, { orderBy: { name: 'asc' } });
    const allVillages = await em.find(OutreachVillage, {}, { orderBy: { code: 'asc' } });
    const villages = allVillages.filter((v) => v.active);
    const days = await em.find(CalendarDay, { date: { $gte: asOf } }, { orderBy: { date: 'asc' } });
    const places = await this.backlog.countsByPlace(em, asOf);
    const counts = new Map(places.filter((p) => p.villageCode !== null).map((p) => [p.villageCode as string, p]));
    return {
      input: {
        asOf,
        startDate,
        serviceDays: [...settings.serviceDays],
        dayMinutes: settings.dayMinutes,
        setupMinutes: settings.setupMinutes,
        holidayCalendar: officeCalendar(days.filter((d) => d.kind === 'HOLIDAY')),
        blackouts: days.filter((d) => d.kind === 'BLACKOUT').map((d) => d.date),
        teams: teams.map((t) => ({ id: t.id, services: [...t.services], capacity: { ...t.capacity }, ...baseOf(t, allVillages, villages) })),
        villages: villages.map((v) => {
          const c = counts.get(v.code);
          return {
            code: v.code,
            districtCode: v.districtCode,
            travelMinutes: v.travelMinutes,
            backlog: c ? { ...c.backlog } : {},
            wajibKtp: c?.population.wajibKtp ?? 0,
            // Residents turning 17 within the next 52 weeks, spread evenly (ever-married minors are wajib KTP already).
            newWajibKtpPerWeek: (c?.population.newWajibKtpNextYear ?? 0) / 52,
          };
        }),
      },
      teams: new Map(teams.map((t) => [t.id, t])),
      villages: new Map(villages.map((v) => [v.code, v])),
      serviceDays: [...settings.serviceDays],
    };
  }
}

/**
 * A team's home base for the planner: travel from its village to the active villages (teamBaseTravel: derived from
 * the times from the office, the office's own figures for the team winning). Computed over every village, so that
 * a base in a village taken out of planning still works; a base the villages no longer hold leaves the team at the
 * office.
 */
function baseOf(team: Team, all: readonly OutreachVillage[], active: readonly OutreachVillage[]): { base?: TeamBase } {
  if (!team.baseVillageCode) return {};
  const base = teamBaseTravel({ name: `${team.name} (${team.baseVillageCode})`, villageCode: team.baseVillageCode, overrides: team.baseTravel }, all);
  if (!base.ok) return {};
  const travelMinutes = Object.fromEntries(active.map((v) => [v.code, base.value.travelMinutes[v.code] as number]));
  return { base: { name: base.value.name, travelMinutes } };
}

/** Where the office's own holidays come from in the calendar the planner reads. */
export const OFFICE_HOLIDAY_SOURCE = 'the office calendar (POST /calendar/days)';

/**
 * The national holidays and cuti bersama of the domain library (NATIONAL_HOLIDAYS, from the joint decrees), extended
 * with the holidays the office entered (POST /calendar/days, kind HOLIDAY): a year's decree the library does not
 * have yet, a regional day. A day of the office replaces the library's day of the same date.
 */
export function officeCalendar(days: readonly Pick<CalendarDay, 'date' | 'name'>[]): HolidayCalendar {
  let calendar = NATIONAL_HOLIDAYS;
  const byYear = new Map<number, { date: string; kind: 'OFFICE'; name: string }[]>();
  for (const d of days) {
    const year = Number(d.date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), { date: d.date, kind: 'OFFICE', name: d.name }]);
  }
  for (const [year, list] of byYear) {
    const extended = extendHolidayCalendar(calendar, { year, source: OFFICE_HOLIDAY_SOURCE, days: list });
    if (extended.ok) calendar = extended.value;
  }
  return calendar;
}

/** The domain library's problems as problem items (the path of the planner's input becomes the field). */
export function itemsFromPlanning(problems: readonly PlanningProblem<string>[]): ProblemItem[] {
  return problems.map((p) => ({ code: p.code, ...(p.path ? { field: p.path } : {}), message: p.message }));
}
