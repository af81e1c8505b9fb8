/**
 * The visits of a published plan, as the teams live them:
 *
 * - cancel (weather, a holiday, a closed road, …): the visit is CANCELLED and the plan gets a new version, in the
 *   same transaction: the visits up to the cancelled visit's day (or today, if later) are kept as they are, with
 *   their ids; the rest of the plan, up to its end date, is planned again (replanVisits of the domain library) from
 *   today's backlog, less what the kept visits still to come are expected to deliver. The new version is
 *   published at once (outreach.plan.published.v1, reason REPLANNED) so the villages hear of the change; the old
 *   one is SUPERSEDED. If the planner cannot plan the rest (no active team left, say), the cancellation still
 *   stands and the new version has no visits after it, with the planner's errors as warnings.
 * - outcome: what the team did, per service kind, once the day has come (outreach.visit.completed.v1).
 * - one visit: with the records the identity and deeds services hold with its id, against the reported outcome.
 *
 * A caller may act on the visits of its region scope only (403 OUTSIDE_REGION).
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { replanVisits, SERVICE_KINDS, type OutreachPlan, type PlanningProblem, type ServiceCounts, type ServiceKind } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, OutboxService, Problem, type Principal } from '@adminduk/platform';
import { VisitLink } from '../backlog/visit-link.entity';
import { addDays, OfficeClockService } from '../common/office-clock.service';
import { requireRegion } from '../common/region-scope';
import { ZERO_COUNTS } from '../common/service-counts.dto';
import { Plan } from './plan.entity';
import type { PlanVisit } from './plan-visit.entity';
import type { CancelVisitDto, PlanView, VisitOutcomeDto, VisitView } from './plan.dto';
import { reconcile, toPlanView, toVisitView } from './plan.mapper';
import { PlanLockService } from './plan-lock.service';
import { PlanRecordsService } from './plan-records.service';
import { PlanningInputService } from './planning-input.service';

@Injectable()
export class VisitsService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
    private readonly input: PlanningInputService,
    private readonly records: PlanRecordsService,
    private readonly lock: PlanLockService,
  ) {}

  async get(planId: string, visitId: string, principal: Principal): Promise<VisitView> {
    const em = this.em.fork();
    const plan = await this.records.plan(em, planId);
    const visit = await this.records.visit(em, plan, visitId);
    requireRegion(principal, visit.villageCode, 'village');
    return this.detailed(em, visit);
  }

  async cancel(planId: string, visitId: string, dto: CancelVisitDto, principal: Principal): Promise<PlanView> {
    return this.em.fork().transactional(async (tx) => {
      await this.lock.take(tx);
      const plan = await this.records.plan(tx, planId);
      const visit = await this.records.visit(tx, plan, visitId);
      requireRegion(principal, visit.villageCode, 'village');
      if (plan.status === 'DRAFT') throw Problem.conflict('PLAN_NOT_PUBLISHED', 'a draft is not lived yet: make a new draft instead of cancelling its visits');
      if (plan.status === 'SUPERSEDED') throw Problem.conflict('PLAN_SUPERSEDED', `plan ${plan.id} has been replaced: cancel the visit in the published plan`);
      refuseSettled(visit);
      const today = this.clock.today();
      const now = new Date();
      visit.status = 'CANCELLED';
      visit.cancelReason = dto.reason;
      visit.cancelledAt = now;
      visit.cancelledBy = principal.id;

      // Kept: everything before the first day that can still change; the rest is planned again.
      const from = addDays(visit.date > today ? visit.date : today, 1);
      const visits = await this.records.visits(tx, plan);
      const kept = visits.filter((v) => v.date < from);
      for (const v of visits) if (v.date >= from) v.toVersion = plan.version;
      let replanned: OutreachPlan | undefined;
      let warnings: readonly PlanningProblem<string>[] = [];
      const context = from <= plan.endDate ? await this.input.context(tx, today, from) : undefined;
      if (context) {
        const committed = kept.filter((v) => v.status === 'PLANNED' && v.date >= today).map((v) => ({ villageCode: v.villageCode, services: v.planned }));
        // The holidays the plan was allowed to work on stay allowed (the override is the planner's, recorded on the plan).
        const allowHolidays = (plan.allowedHolidays ?? []).map((d) => d.date).filter((d) => d >= from);
        const result = replanVisits({ ...context.input, ...(allowHolidays.length > 0 ? { allowHolidays } : {}) }, { endDate: plan.endDate, committed });
        if (result.ok) {
          replanned = result.value;
          warnings = result.warnings;
        } else warnings = result.errors;
      }

      const next = tx.create(Plan, {
        seriesId: plan.seriesId,
        version: plan.version + 1,
        status: 'PUBLISHED',
        origin: 'REPLANNED',
        previousPlanId: plan.id,
        cancelledVisitId: visit.id,
        asOf: today,
        startDate: plan.startDate,
        endDate: plan.endDate,
        weeks: plan.weeks,
        objective: replanned?.objective ?? 0,
        backlog: replanned ? { ...replanned.backlog } : { ...ZERO_COUNTS },
        served: replanned ? { ...replanned.served } : { ...ZERO_COUNTS },
        remaining: replanned ? { ...replanned.remaining } : { ...ZERO_COUNTS },
        skippedDates: [...plan.skippedDates.filter((d) => d.date < from), ...(replanned?.skippedDates ?? []).map((d) => ({ ...d }))],
        allowedHolidays: [...(plan.allowedHolidays ?? []).filter((d) => d.date < from), ...(replanned?.allowedHolidays ?? []).map((d) => ({ ...d }))],
        warnings: warnings.map((w) => ({ code: w.code, path: w.path, message: w.message })),
        createdBy: principal.id,
        publishedAt: now,
        publishedBy: principal.id,
      });
      plan.status = 'SUPERSEDED';
      plan.supersededAt = now;
      const added = replanned && context ? this.records.addVisits(tx, next, replanned.visits, context.teams) : [];
      const all = [...kept, ...added].sort((a, b) => (a.date === b.date ? a.teamName.localeCompare(b.teamName) : a.date < b.date ? -1 : 1));
      this.outbox.record(tx, SUBJECTS.outreach.planPublished, this.records.published(next, all, now), now);
      this.audit.record(tx, { action: 'UPDATE', resourceType: 'outreach-visit', resourceId: visit.id, regionCode: visit.villageCode });
      this.audit.record(tx, { action: 'CREATE', resourceType: 'outreach-plan', resourceId: next.id, regionCode: this.clock.regencyCode });
      await tx.flush();
      return toPlanView(next, all, await this.records.villageNames(tx), this.clock.utcOffset);
    });
  }

  async outcome(planId: string, visitId: string, dto: VisitOutcomeDto, principal: Principal): Promise<VisitView> {
    return this.em.fork().transactional(async (tx) => {
      const plan = await this.records.plan(tx, planId);
      const visit = await this.records.visit(tx, plan, visitId);
      requireRegion(principal, visit.villageCode, 'village');
      if (plan.status === 'DRAFT') throw Problem.conflict('PLAN_NOT_PUBLISHED', 'the visits of a draft do not take place');
      if (visit.toVersion != null) throw Problem.conflict('VISIT_REPLANNED', `visit ${visit.id} was re-planned away in version ${visit.toVersion + 1} of the plan: it does not take place`);
      refuseSettled(visit);
      if (visit.date > this.clock.today()) {
        throw Problem.unprocessable('VISIT_NOT_YET_DUE', `the visit is on ${visit.date}: report what was done once it has taken place`, [
          { code: 'VISIT_NOT_YET_DUE', field: 'date', message: `${visit.date} is after today` },
        ]);
      }
      const done = Object.fromEntries(SERVICE_KINDS.map((k) => [k, dto[k] ?? 0])) as unknown as ServiceCounts;
      const now = new Date();
      visit.status = 'COMPLETED';
      visit.outcome = done;
      visit.completedAt = now;
      visit.completedBy = principal.id;
      this.outbox.record(
        tx,
        SUBJECTS.outreach.visitCompleted,
        {
          visitId: visit.id,
          planId: plan.id,
          seriesId: plan.seriesId,
          date: visit.date,
          teamId: visit.teamId,
          districtCode: visit.districtCode,
          villageCode: visit.villageCode,
          planned: { ...visit.planned },
          done: { ...done },
          recordedAt: this.clock.instant(now),
        },
        now,
      );
      this.audit.record(tx, { action: 'UPDATE', resourceType: 'outreach-visit', resourceId: visit.id, regionCode: visit.villageCode });
      await tx.flush();
      return this.detailed(tx, visit);
    });
  }

  private async detailed(em: EntityManager, visit: PlanVisit): Promise<VisitView> {
    const links = await em.find(VisitLink, { visitId: visit.id }, { orderBy: { linkedAt: 'asc', id: 'asc' } });
    const linked = { ...ZERO_COUNTS };
    for (const l of links) if (l.kind in linked) linked[l.kind as keyof ServiceCounts] += 1;
    const names = await this.records.villageNames(em);
    const reconciliation = visit.outcome ? reconcile(visit.outcome, linked) : undefined;
    return {
      ...toVisitView(visit, names(visit.villageCode)),
      linked,
      links: links.map((l) => ({ kind: l.kind as ServiceKind, recordId: l.recordId, recordType: l.recordType === 'DEED' ? 'DEED' : 'RESIDENT', linkedAt: this.clock.instant(l.linkedAt) })),
      ...(reconciliation ? { reconciliation, mismatch: reconciliation.some((r) => r.mismatch) } : {}),
    };
  }
}

function refuseSettled(visit: PlanVisit): void {
  if (visit.status === 'CANCELLED') throw Problem.conflict('VISIT_CANCELLED', `visit ${visit.id} was cancelled (${visit.cancelReason})`);
  if (visit.status === 'COMPLETED') throw Problem.conflict('VISIT_COMPLETED', `visit ${visit.id} has its outcome recorded already`);
}
