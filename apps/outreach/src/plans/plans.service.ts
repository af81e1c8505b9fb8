/**
 * Plans of village visits: made by the domain library's planner (planVisits) from the backlog, teams and
 * calendar of today, stored as a DRAFT; published with an outreach.plan.published.v1 event, which makes every
 * other published plan SUPERSEDED. The whole regency's: making and publishing need a regency scope. Each change
 * is one transaction: the plan and its visits, the outbox event, the audit row.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { planVisits } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, canAccessRegion, OutboxService, Problem, uuidv7, type Principal } from '@adminduk/platform';
import { addDays, isRealDate, OfficeClockService } from '../common/office-clock.service';
import { requireRegency } from '../common/region-scope';
import { Plan, type PlanStatus } from './plan.entity';
import type { CreatePlanDto, PlanList, PlanView } from './plan.dto';
import { toPlanSummary, toPlanView } from './plan.mapper';
import { PlanLockService } from './plan-lock.service';
import { PlanRecordsService } from './plan-records.service';
import { itemsFromPlanning, PlanningInputService } from './planning-input.service';

const RESOURCE = 'outreach-plan';

/**
 * The most visits a plan may hold: its outreach.plan.published.v1 event lists them (about 300 bytes each) and must
 * stay well under NATS's default 1 MB message. Nagekeo's three teams on two days a week make 312 visits a year.
 */
export const MAX_VISITS_PER_PLAN = 2_500;

@Injectable()
export class PlansService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
    private readonly input: PlanningInputService,
    private readonly records: PlanRecordsService,
    private readonly lock: PlanLockService,
  ) {}

  async create(dto: CreatePlanDto, principal: Principal): Promise<PlanView> {
    if (dto.startDate !== undefined && !isRealDate(dto.startDate)) {
      throw Problem.badRequest('VALIDATION_FAILED', 'startDate is not a calendar date', [{ code: 'DATE_INVALID', field: 'startDate', message: `${dto.startDate} is not a calendar date` }]);
    }
    requireRegency(principal, this.clock.regencyCode, 'a plan');
    const today = this.clock.today();
    const startDate = dto.startDate ?? addDays(today, 1);
    // Read and plan outside the transaction (the planner takes up to a few tenths of a second), then write.
    const context = await this.input.context(this.em.fork(), today, startDate);
    if (context.input.teams.length === 0) {
      const message = 'there is no active outreach team to plan with: create a team (POST /teams), or make an inactive one active again (PATCH /teams/{id})';
      throw Problem.unprocessable('PLAN_NO_TEAMS', message, [{ code: 'PLAN_NO_TEAMS', field: 'teams', message }]);
    }
    const result = planVisits({ ...context.input, weeks: dto.weeks, ...(dto.seed ? { seed: dto.seed } : {}), ...(dto.allowHolidays ? { allowHolidays: dto.allowHolidays } : {}) });
    if (!result.ok) throw Problem.unprocessable('PLAN_INPUT_REFUSED', 'the planner cannot plan with this input', itemsFromPlanning(result.errors));
    const p = result.value;
    if (p.visits.length > MAX_VISITS_PER_PLAN) {
      throw Problem.unprocessable('PLAN_TOO_LARGE', `the plan has ${p.visits.length} visits; at most ${MAX_VISITS_PER_PLAN} fit into one published event`, [
        { code: 'PLAN_TOO_LARGE', field: 'weeks', message: 'plan fewer weeks at a time' },
      ]);
    }
    return this.em.fork().transactional(async (tx) => {
      const id = uuidv7();
      const plan = tx.create(Plan, {
        id,
        seriesId: id,
        version: 1,
        status: 'DRAFT',
        origin: 'GENERATED',
        asOf: today,
        startDate: p.startDate,
        endDate: p.endDate,
        weeks: p.weeks,
        objective: p.objective,
        backlog: { ...p.backlog },
        served: { ...p.served },
        remaining: { ...p.remaining },
        skippedDates: p.skippedDates.map((d) => ({ ...d })),
        allowedHolidays: p.allowedHolidays.map((d) => ({ ...d })),
        warnings: result.warnings.map((w) => ({ code: w.code, path: w.path, message: w.message })),
        createdBy: principal.id,
      });
      const visits = this.records.addVisits(tx, plan, p.visits, context.teams);
      this.audit.record(tx, { action: 'CREATE', resourceType: RESOURCE, resourceId: plan.id, regionCode: this.clock.regencyCode });
      await tx.flush();
      return toPlanView(plan, visits, await this.records.villageNames(tx), this.clock.utcOffset);
    });
  }

  async list(status: PlanStatus | undefined): Promise<PlanList> {
    const plans = await this.em.fork().find(Plan, status ? { status } : {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
    return { items: plans.map((p) => toPlanSummary(p, this.clock.utcOffset)) };
  }

  /** A plan with its visits; a caller of part of the regency sees the visits of its region only. */
  async get(id: string, principal: Principal): Promise<PlanView> {
    const em = this.em.fork();
    const plan = await this.records.plan(em, id);
    const visits = (await this.records.visits(em, plan)).filter((v) => canAccessRegion(principal, v.villageCode));
    return toPlanView(plan, visits, await this.records.villageNames(em), this.clock.utcOffset);
  }

  async publish(id: string, principal: Principal): Promise<PlanView> {
    requireRegency(principal, this.clock.regencyCode, 'a plan');
    return this.em.fork().transactional(async (tx) => {
      await this.lock.take(tx);
      const plan = await this.records.plan(tx, id);
      if (plan.status !== 'DRAFT') throw Problem.conflict('PLAN_NOT_DRAFT', `plan ${id} is ${plan.status}: only a draft is published`);
      const today = this.clock.today();
      if (plan.startDate < today) throw Problem.conflict('PLAN_STALE', `the plan starts on ${plan.startDate}, before today: make a new one from today's backlog`);
      const now = new Date();
      for (const current of await tx.find(Plan, { status: 'PUBLISHED' })) {
        current.status = 'SUPERSEDED';
        current.supersededAt = now;
        this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: current.id, regionCode: this.clock.regencyCode });
      }
      plan.status = 'PUBLISHED';
      plan.publishedAt = now;
      plan.publishedBy = principal.id;
      const visits = await this.records.visits(tx, plan);
      this.outbox.record(tx, SUBJECTS.outreach.planPublished, this.records.published(plan, visits, now), now);
      this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: plan.id, regionCode: this.clock.regencyCode });
      await tx.flush();
      return toPlanView(plan, visits, await this.records.villageNames(tx), this.clock.utcOffset);
    });
  }
}
