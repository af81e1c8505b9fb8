/**
 * Who may do what in the outreach service (admin always may, within its region scope):
 * - read the backlog, plans, projections and reference data: operators and registrars (the office and its teams),
 *   analysts and integrators;
 * - keep the reference data (teams, villages' travel times, the calendar): operators and registrars;
 * - make and publish plans: registrars (a plan commits the office's teams for weeks);
 * - cancel a visit and report its outcome: operators and registrars (the teams in the field).
 * Partner institutions (health posts, religious institutions) have no business here.
 */
import type { Role } from '@adminduk/platform';

export const READERS: Role[] = ['operator', 'registrar', 'analyst', 'integrator'];
export const KEEPERS: Role[] = ['operator', 'registrar'];
export const PLANNERS: Role[] = ['registrar'];
export const TEAMS_IN_THE_FIELD: Role[] = ['operator', 'registrar'];
