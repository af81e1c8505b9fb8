/** What the plan and visit services share: loading plans and the visits of a version, and writing new visits. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { PlannedVisit } from '@adminduk/domain';
import type { PlanPublished } from '@adminduk/contracts';
import { Problem } from '@adminduk/platform';
import { OfficeClockService } from '../common/office-clock.service';
import type { Team } from '../teams/team.entity';
import { OutreachVillage } from '../villages/outreach-village.entity';
import { Plan } from './plan.entity';
import { PlanVisit } from './plan-visit.entity';

@Injectable()
export class PlanRecordsService {
  constructor(private readonly clock: OfficeClockService) {}

  async plan(em: EntityManager, id: string): Promise<Plan> {
    const plan = await em.findOne(Plan, { id });
    if (!plan) throw Problem.notFound('PLAN_NOT_FOUND', `no plan ${id}`);
    return plan;
  }

  /** The visits of a plan's version, by date, then team. */
  visits(em: EntityManager, plan: Plan): Promise<PlanVisit[]> {
    return em.find(
      PlanVisit,
      { seriesId: plan.seriesId, fromVersion: { $lte: plan.version }, $or: [{ toVersion: null }, { toVersion: { $gte: plan.version } }] },
      { orderBy: { date: 'asc', teamName: 'asc', id: 'asc' } },
    );
  }

  /** One visit of the plan's version: 404 VISIT_NOT_FOUND when it is not one of them. */
  async visit(em: EntityManager, plan: Plan, visitId: string): Promise<PlanVisit> {
    const visit = await em.findOne(PlanVisit, { id: visitId, seriesId: plan.seriesId, fromVersion: { $lte: plan.version }, $or: [{ toVersion: null }, { toVersion: { $gte: plan.version } }] });
    if (!visit) throw Problem.notFound('VISIT_NOT_FOUND', `no visit ${visitId} in plan ${plan.id}`);
    return visit;
  }

  /** The planner's visits as rows of a series' version. */
  addVisits(em: EntityManager, plan: Plan, planned: readonly PlannedVisit[], teams: ReadonlyMap<string, Team>): PlanVisit[] {
    return planned.map((v) =>
      em.create(PlanVisit, {
        seriesId: plan.seriesId,
        fromVersion: plan.version,
        date: v.date,
        teamId: v.teamId,
        teamName: teams.get(v.teamId)?.name ?? v.teamId,
        districtCode: v.districtCode,
        villageCode: v.villageCode,
        planned: { ...v.services },
        minutes: { ...v.minutes },
      }),
    );
  }

  async villageNames(em: EntityManager): Promise<(code: string) => string> {
    const names = new Map((await em.find(OutreachVillage, {}, { fields: ['code', 'name'] })).map((v) => [v.code, v.name]));
    return (code) => names.get(code) ?? code;
  }

  /** The outreach.plan.published.v1 payload: the plan's visits still to come. */
  published(plan: Plan, visits: readonly PlanVisit[], publishedAt: Date): PlanPublished {
    const today = this.clock.today();
    return {
      planId: plan.id,
      seriesId: plan.seriesId,
      version: plan.version,
      ...(plan.previousPlanId ? { previousPlanId: plan.previousPlanId } : {}),
      reason: plan.origin === 'REPLANNED' ? 'REPLANNED' : 'PUBLISHED',
      ...(plan.cancelledVisitId ? { cancelledVisitId: plan.cancelledVisitId } : {}),
      startDate: plan.startDate,
      endDate: plan.endDate,
      publishedAt: this.clock.instant(publishedAt),
      visits: visits
        .filter((v) => v.status === 'PLANNED' && v.date >= today)
        .map((v) => ({ visitId: v.id, date: v.date, teamId: v.teamId, teamName: v.teamName, districtCode: v.districtCode, villageCode: v.villageCode, services: { ...v.planned } })),
    };
  }
}
