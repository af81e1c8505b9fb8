/**
 * Who may call what in the reporting service:
 * - the read API (indicators, ranking, series, regions, exports) and the dashboard are PUBLIC: they serve
 *   aggregated counts per region and day, never a person's data, and the regent, the DPRD and the public read them
 *   (the office publishes these figures anyway; publishing them with their breakdown is the point of issue 7);
 * - the reconciliation report is for the office and its overseers: operators, registrars, analysts (it names
 *   the regions whose figures do not add up, which is internal quality work);
 * - rebuilding the read models from the streams (replay) is heavy and changes what everybody reads: registrars
 *   and admins only, and only with a region scope covering the whole regency (403 REGENCY_SCOPE_REQUIRED).
 * Admin may always (the platform's rule).
 */
import type { Role } from '@adminduk/platform';

export const RECONCILERS: Role[] = ['operator', 'registrar', 'analyst'];
export const REBUILDERS: Role[] = ['registrar'];
