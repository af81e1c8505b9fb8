/**
 * Region scope for the outreach service (DESIGN.md house rule 8). Plans, teams and the calendar are the whole
 * regency's: changing them needs a scope that covers the regency (403 REGENCY_SCOPE_REQUIRED). Villages, visits
 * and the backlog belong to a kecamatan and a village: a caller of one kecamatan sees and acts on its own only.
 */
import { canAccessRegion, overlapsRegion, Problem, requireRegencyScope, type Principal } from '@adminduk/platform';

/** 403 OUTSIDE_REGION unless the caller's scope covers `regionCode`. */
export function requireRegion(principal: Principal, regionCode: string, what: string): void {
  if (!canAccessRegion(principal, regionCode)) throw Problem.forbidden('OUTSIDE_REGION', `${what} ${regionCode} is outside your region`);
}

/**
 * For a filter that narrows a list to a kecamatan: 403 OUTSIDE_REGION unless the caller's scope covers some of it
 * (a desa's operator narrows to its own kecamatan and sees its desa; each item is checked with canAccessRegion).
 */
export function requireSomeOf(principal: Principal, regionCode: string, what: string): void {
  if (!overlapsRegion(principal, regionCode)) throw Problem.forbidden('OUTSIDE_REGION', `${what} ${regionCode} is outside your region`);
}

/**
 * For what belongs to the whole regency (plans, teams, the calendar, the regency's capacity): 403
 * REGENCY_SCOPE_REQUIRED unless the caller's scope covers the regency (`*` or its code), however many of its
 * kecamatan or villages the scope lists.
 */
export function requireRegency(principal: Principal, regencyCode: string, what = 'this'): void {
  requireRegencyScope(principal, regencyCode, what);
}
