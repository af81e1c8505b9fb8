/**
 * Payloads of the outreach service's events (the OUTREACH stream). No personal data: plans and visits name
 * villages, teams and counts, never residents.
 */
import { s, type Infer } from './schema.js';

const district = s.string({ pattern: /^\d{6}$/ });
const village = s.string({ pattern: /^\d{10}$/ });
const count = s.int({ min: 0, max: 100_000 });

/** A count per service kind of the planner (SERVICE_KINDS of the domain library). */
export const OutreachServiceCounts = s.object({
  EKTP_RECORDING: count,
  BIRTH_DEED: count,
  KIA: count,
  APPLICATION: count,
  HANDOVER: count,
});
export type OutreachServiceCounts = Infer<typeof OutreachServiceCounts>;

/**
 * outreach.plan.published.v1: a plan of village visits was published (or a published plan was re-planned after a
 * cancelled visit: a new version of the same series, `previousPlanId` the version it replaces), so that the
 * villages can be told when the team comes and what it will do. `visits` are the visits still to come (PLANNED).
 */
export const PlanPublished = s.object({
  planId: s.uuid(),
  /** The first version's id: every re-plan of it shares the series. */
  seriesId: s.uuid(),
  version: s.int({ min: 1 }),
  previousPlanId: s.optional(s.uuid()),
  /** PUBLISHED: a draft was published; REPLANNED: a visit was cancelled and the weeks after it planned again. */
  reason: s.literal('PUBLISHED', 'REPLANNED'),
  /** The visit whose cancellation caused a re-plan. */
  cancelledVisitId: s.optional(s.uuid()),
  startDate: s.isoDate(),
  endDate: s.isoDate(),
  publishedAt: s.instant(),
  visits: s.array(
    s.object({
      visitId: s.uuid(),
      date: s.isoDate(),
      teamId: s.uuid(),
      teamName: s.string({ min: 1, max: 100 }),
      districtCode: district,
      villageCode: village,
      /** What the team expects to deliver there. */
      services: OutreachServiceCounts,
    }),
    { max: 5_000 },
  ),
});
export type PlanPublished = Infer<typeof PlanPublished>;

/** outreach.visit.completed.v1: a team reported what it did on a visit, per service kind. */
export const VisitCompleted = s.object({
  visitId: s.uuid(),
  planId: s.uuid(),
  seriesId: s.uuid(),
  date: s.isoDate(),
  teamId: s.uuid(),
  districtCode: district,
  villageCode: village,
  planned: OutreachServiceCounts,
  done: OutreachServiceCounts,
  recordedAt: s.instant(),
});
export type VisitCompleted = Infer<typeof VisitCompleted>;
