/**
 * Data-access agreements (PKS, perjanjian kerja sama): every integrator's API key stands on an agreement with a
 * regional agency (OPD). Each service counts the requests it answers per agreement and office day, and publishes what
 * it counted since its previous report as `<service>.agreement.used.v1` (identity, deeds, outreach), through its
 * outbox. A consumer adds the counts up, exactly once per event id (its inbox), so the sum over a day's events is the
 * day's use. Counts of the last few seconds before a crash may be lost (they are kept in memory between reports): the
 * figure is a floor, never an overcount. No personal data: the agreement's number and counts only.
 */
import { s, type Infer } from './schema.js';

export const AgreementUsed = s.object({
  /** The agreement's number as the office registered it (e.g. `470/123/DKPS/2024`). */
  agreement: s.string({ min: 1, max: 80 }),
  /** The office day (Asia/Makassar) the requests were answered on. */
  day: s.isoDate(),
  /** Requests answered under the agreement on that day since this service's previous report (an increment). */
  requests: s.int({ min: 0 }),
  /** Of them, refused (403, 429, 4xx of the request): counted, but not "real use". */
  refused: s.int({ min: 0 }),
});
export type AgreementUsed = Infer<typeof AgreementUsed>;
