/**
 * When does e-KTP recording reach the target, in each kecamatan and the regency, at the current capacity (active
 * teams offering EKTP_RECORDING × service weekdays), and what capacity reaches it by a date: the domain library's
 * projectCoverage and capacityForDate on today's planning input (backlog, wajib KTP and residents turning 17 per
 * village, travel times, teams, calendar). Beside it, for the regency, the date at the current pace: ektpTargetDate
 * of the domain library, the same definition as reporting's EKTP_PROJECTION, from this service's own counts (wajib
 * KTP, recorded, turning 17 in 52 weeks) and dated recordings (EktpRecording). A caller of part of the regency sees
 * its kecamatan; the regency's lines need a regency scope.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { capacityForDate, EKTP_PACE_WINDOW_WEEKS, ektpTargetDate, projectCoverage, type AreaProjection, type CapacityAnswer } from '@adminduk/domain';
import { canAccessRegion, Problem, type Principal } from '@adminduk/platform';
import { BacklogService } from '../backlog/backlog.service';
import { addDays, isRealDate, OfficeClockService } from '../common/office-clock.service';
import { requireRegency } from '../common/region-scope';
import { itemsFromPlanning, PlanningInputService, type PlanningContext } from '../plans/planning-input.service';
import { RegionNamesService } from '../villages/region-names.service';
import { EktpRecording } from './ektp-recording.entity';
import type { AreaProjectionView, CapacityAnswerView, CapacityQuery, CapacityView, CurrentCapacityView, CurrentPaceView, ProjectionQuery, ProjectionView } from './projection.dto';

@Injectable()
export class ProjectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: OfficeClockService,
    private readonly input: PlanningInputService,
    private readonly names: RegionNamesService,
    private readonly backlog: BacklogService,
  ) {}

  async project(query: ProjectionQuery, principal: Principal): Promise<ProjectionView> {
    const asOf = this.clock.today();
    const context = await this.input.context(this.em.fork(), asOf);
    const current = capacityOf(context, query.teamDaysPerWeek);
    const result = projectCoverage({ ...context.input, weeks: 1 }, { teamDaysPerWeek: current.teamDaysPerWeek }, query.target !== undefined ? { targetPercent: query.target } : {});
    if (!result.ok) throw Problem.unprocessable('PROJECTION_REFUSED', 'the projection cannot be made with this input', itemsFromPlanning(result.errors));
    const p = result.value;
    const regency = p.regencies.find((r) => r.code === this.clock.regencyCode);
    const regencyScope = canAccessRegion(principal, this.clock.regencyCode);
    return {
      asOf,
      targetPercent: p.targetPercent,
      method: p.method,
      capacity: current,
      weeks: p.weeks,
      districts: p.districts.filter((d) => canAccessRegion(principal, d.code)).map((d) => this.area(d)),
      regency: regency && regencyScope ? this.area(regency) : null,
      currentPace: regencyScope ? await this.currentPace(asOf, query.target) : null,
      warnings: result.warnings.map((w) => ({ code: w.code, path: w.path, message: w.message })),
    };
  }

  /**
   * The regency's date at the current pace (ektpTargetDate): every resident of the regency's counts (with or without a
   * village), the recordings dated in the EKTP_PACE_WINDOW_WEEKS weeks ending today, residents turning 17 in 52 weeks.
   */
  private async currentPace(asOf: string, targetPercent: number | undefined): Promise<CurrentPaceView> {
    const em = this.em.fork();
    const regency = this.clock.regencyCode;
    const places = (await this.backlog.countsByPlace(em, asOf)).filter((p) => p.districtCode.startsWith(regency));
    const sum = (pick: (p: (typeof places)[number]) => number) => places.reduce((total, p) => total + pick(p), 0);
    const wajibKtp = sum((p) => p.population.wajibKtp);
    const recorded = sum((p) => p.population.ektpRecorded);
    const newWajibKtpNextYear = sum((p) => p.population.newWajibKtpNextYear);
    const from = addDays(asOf, -(7 * EKTP_PACE_WINDOW_WEEKS - 1));
    const datedRecordings = await em.count(EktpRecording, { recordedOn: { $gte: from, $lte: asOf }, districtCode: { $like: `${regency}%` } });
    const result = ektpTargetDate({ asOf, wajibKtp, recorded, datedRecordings, newWajibKtpPerWeek: newWajibKtpNextYear / 52 }, targetPercent !== undefined ? { targetPercent } : {});
    if (!result.ok) throw Problem.unprocessable('PROJECTION_REFUSED', 'the projection at the current pace cannot be made with these counts', result.errors.map((e) => ({ code: e.code, message: e.message })));
    const r = result.value;
    return {
      method: 'CURRENT_PACE',
      date: r.reached?.date ?? null,
      week: r.reached?.week ?? null,
      reason: r.reason,
      targetPercent: r.targetPercent,
      wajibKtp,
      recorded,
      datedRecordings,
      recordingsPerWeek: r.recordingsPerWeek,
      paceFrom: r.paceFrom,
      paceTo: r.paceTo,
      newWajibKtpNextYear,
      newWajibKtpPerWeek: r.newWajibKtpPerWeek,
    };
  }

  async capacity(query: CapacityQuery, principal: Principal): Promise<CapacityView> {
    if (!isRealDate(query.date)) throw Problem.badRequest('VALIDATION_FAILED', 'date is not a calendar date', [{ code: 'DATE_INVALID', field: 'date', message: `${query.date} is not a calendar date` }]);
    requireRegency(principal, this.clock.regencyCode, 'the capacity');
    const asOf = this.clock.today();
    const context = await this.input.context(this.em.fork(), asOf);
    const result = capacityForDate({ ...context.input, weeks: 1 }, query.date, query.target);
    if (!result.ok) throw Problem.unprocessable('PROJECTION_REFUSED', 'the capacity cannot be estimated with this input', itemsFromPlanning(result.errors));
    const c = result.value;
    return {
      asOf,
      targetDate: c.targetDate,
      targetPercent: c.targetPercent,
      method: c.method,
      current: capacityOf(context),
      regency: answer(c.overall),
      everyKecamatan: answer(c.everyKecamatan),
      warnings: result.warnings.map((w) => ({ code: w.code, path: w.path, message: w.message })),
    };
  }

  private area(a: AreaProjection): AreaProjectionView {
    const code = a.code ?? this.clock.regencyCode;
    return {
      code,
      name: code.length === 4 ? this.names.regencyName : this.names.districtName(code),
      start: { ...a.start },
      target: a.target ? { ...a.target } : null,
      full: a.full ? { ...a.full } : null,
      end: { ...a.end },
    };
  }
}

/** The capacity today: active teams that offer e-KTP recording (with a kit capacity above 0), every service weekday. */
function capacityOf(context: PlanningContext, teamDaysPerWeek?: number): CurrentCapacityView {
  const ektpTeams = context.input.teams.filter((t) => t.services.includes('EKTP_RECORDING') && (t.capacity?.EKTP_RECORDING ?? 1) > 0).length;
  const serviceDaysPerWeek = context.serviceDays.length;
  return { ektpTeams, serviceDaysPerWeek, teamDaysPerWeek: teamDaysPerWeek ?? ektpTeams * serviceDaysPerWeek };
}

function answer(a: CapacityAnswer | null): CapacityAnswerView | null {
  return a ? { teamDaysPerWeek: a.teamDaysPerWeek, teams: a.teams, reached: { ...a.reached } } : null;
}
