/**
 * Region scope for the outreach service (DESIGN.md house rule 8). Plans, teams and the calendar are the whole
 * regency's: changing them needs a scope that covers the regency. Villages, visits and the backlog belong to a
 * kecamatan and a village: a caller of one kecamatan sees and acts on its own only.
 */
import { canAccessRegion, Problem, type Principal } from '@adminduk/platform';

/** 403 OUTSIDE_REGION unless the caller's scope covers `regionCode`. */
export function requireRegion(principal: Principal, regionCode: string, what: string): void {
  if (!canAccessRegion(principal, regionCode)) throw Problem.forbidden('OUTSIDE_REGION', `${what} ${regionCode} is outside your region`);
}

/** For what belongs to the whole regency (plans, teams, the calendar). */
export function requireRegency(principal: Principal, regencyCode: string): void {
  if (!canAccessRegion(principal, regencyCode)) {
    throw Problem.forbidden('OUTSIDE_REGION', `this concerns the whole regency ${regencyCode}; your region scope covers only part of it`);
  }
}
