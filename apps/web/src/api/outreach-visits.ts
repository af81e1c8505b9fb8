/**
 * The Jemput Bola visits of the published plans, read through the outreach client: for the village team's day (today's
 * visits) and for the clerk who hands a kutipan over on a visit to the family's village (the next visits there).
 */
import type { Api } from './clients';
import { problemCode } from './clients';

export interface PlannedVisit {
  readonly id: string;
  readonly planId: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly teamName: string;
  readonly villageCode: string;
  readonly villageName: string;
}

export type VisitsAnswer = { readonly ok: true; readonly visits: readonly PlannedVisit[] } | { readonly ok: false; readonly code: string };

/**
 * The visits still PLANNED in the published plans, from `from` to `to` (YYYY-MM-DD, both included; `to` left out: no
 * end), to one village when `villageCode` is given, by date. Visits outside the person's region scope are not in
 * the plans outreach answers.
 */
export async function plannedVisits(api: Api, range: { readonly from: string; readonly to?: string; readonly villageCode?: string }): Promise<VisitsAnswer> {
  const plans = await api.outreach.GET('/plans', { params: { query: { status: 'PUBLISHED' } } });
  if (!plans.data) return { ok: false, code: problemCode(plans.error) ?? 'HTTP_ERROR' };
  const visits: PlannedVisit[] = [];
  for (const summary of plans.data.items) {
    if (summary.endDate < range.from || (range.to !== undefined && summary.startDate > range.to)) continue;
    const plan = await api.outreach.GET('/plans/{id}', { params: { path: { id: summary.id } } });
    if (!plan.data) return { ok: false, code: problemCode(plan.error) ?? 'HTTP_ERROR' };
    for (const v of plan.data.visits) {
      if (v.status !== 'PLANNED' || v.date < range.from || (range.to !== undefined && v.date > range.to)) continue;
      if (range.villageCode !== undefined && v.villageCode !== range.villageCode) continue;
      visits.push({ id: v.id, planId: plan.data.id, date: v.date, teamName: v.teamName, villageCode: v.villageCode, villageName: v.villageName });
    }
  }
  return { ok: true, visits: visits.sort((a, b) => a.date.localeCompare(b.date)) };
}
