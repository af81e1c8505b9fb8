/** Plans and visits as the API shows them. */
import type { ServiceCounts, ServiceKind } from '@adminduk/domain';
import { SERVICE_KINDS } from '@adminduk/domain';
import { officeInstant, officeInstantOrNull } from '@adminduk/platform';
import type { Plan } from './plan.entity';
import type { PlanVisit } from './plan-visit.entity';
import type { PlanSummaryView, PlanView, ReconciliationItemView, VisitView } from './plan.dto';

/** `utcOffset`: the office's; instants are written at it (libs/platform time/office-instant.ts). */
export function toPlanSummary(p: Plan, utcOffset: string): PlanSummaryView {
  return {
    id: p.id,
    seriesId: p.seriesId,
    version: p.version,
    status: p.status,
    origin: p.origin,
    previousPlanId: p.previousPlanId ?? null,
    cancelledVisitId: p.cancelledVisitId ?? null,
    asOf: p.asOf,
    startDate: p.startDate,
    endDate: p.endDate,
    weeks: p.weeks,
    objective: p.objective,
    backlog: { ...p.backlog },
    served: { ...p.served },
    remaining: { ...p.remaining },
    createdAt: officeInstant(p.createdAt, utcOffset),
    createdBy: p.createdBy,
    publishedAt: officeInstantOrNull(p.publishedAt, utcOffset),
  };
}

export function toPlanView(p: Plan, visits: readonly PlanVisit[], villageName: (code: string) => string, utcOffset: string): PlanView {
  return {
    ...toPlanSummary(p, utcOffset),
    skippedDates: p.skippedDates.map((d) => ({ ...d })),
    allowedHolidays: (p.allowedHolidays ?? []).map((d) => ({ ...d })),
    warnings: p.warnings.map((w) => ({ ...w })),
    visits: visits.map((v) => toVisitView(v, villageName(v.villageCode))),
  };
}

export function toVisitView(v: PlanVisit, villageName: string): VisitView {
  return {
    id: v.id,
    date: v.date,
    teamId: v.teamId,
    teamName: v.teamName,
    districtCode: v.districtCode,
    villageCode: v.villageCode,
    villageName,
    planned: { ...v.planned },
    minutes: { ...v.minutes },
    status: v.status,
    cancelReason: v.cancelReason ?? null,
    outcome: v.outcome ? { ...v.outcome } : null,
  };
}

/**
 * The team's report against the records the registers hold with the visit's id: e-KTP recordings (identity's
 * RECORD_BIOMETRICS with channel OUTREACH), KIA cards printed on the visit (PRINT / REISSUE with channel
 * OUTREACH), birth deed and other applications (deeds records with channel OUTREACH), hand-overs of e-KTPs and
 * KIAs (ISSUE with channel OUTREACH) and of kutipan akta (deeds' ISSUE steps with stepChannel OUTREACH, since deeds
 * 0.2). Every kind is now linkable, so hand-overs reconcile like the rest and PARTLY_LINKABLE is no longer given
 * (it stays in the API's enum so that clients written against 0.1 keep compiling). `mismatch` flags what someone
 * should look at: the team's report and the registers disagree (FEWER_LINKED: records not entered, or entered
 * without the visit — for a deed handed over before deeds 0.2, whose events carry no step visit; MORE_LINKED: the
 * report is short).
 */
export function reconcile(outcome: ServiceCounts, linked: ServiceCounts): ReconciliationItemView[] {
  return SERVICE_KINDS.map((kind: ServiceKind) => {
    const reported = outcome[kind];
    const n = linked[kind];
    const status: ReconciliationItemView['status'] =
      n === reported ? 'MATCH' : n > reported ? 'MORE_LINKED' : 'FEWER_LINKED';
    return { kind, reported, linked: n, status, mismatch: status === 'FEWER_LINKED' || status === 'MORE_LINKED' };
  });
}
