/**
 * Data-access agreements (PKS, perjanjian kerja sama): every integrator's API key stands on an agreement with a
 * regional agency (OPD). Each service counts the requests it answers per agreement and office day, and publishes the
 * day's running total as `<service>.agreement.used.v1` (identity, deeds, outreach). The count is cumulative for
 * (service, agreement, day): a consumer keeps the largest it has seen, so a repeated or late event changes nothing.
 * No personal data: the agreement's number and counts only.
 */
import { s, type Infer } from './schema.js';

export const AgreementUsed = s.object({
  /** The agreement's number as the office registered it (e.g. `470/123/DKPS/2024`). */
  agreement: s.string({ min: 1, max: 80 }),
  /** The office day (Asia/Makassar) the requests were answered on. */
  day: s.isoDate(),
  /** Requests answered under the agreement on that day by this service so far (running total). */
  requests: s.int({ min: 0 }),
  /** Of them, refused (401/403/429): counted, but not "real use". */
  refused: s.int({ min: 0 }),
});
export type AgreementUsed = Infer<typeof AgreementUsed>;
