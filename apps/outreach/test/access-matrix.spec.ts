// Who may call what, for every endpoint of the outreach service (DESIGN.md house rule 8: access is limited by role
// and by region scope). The endpoints are read from the service's own OpenAPI document, so a new endpoint is
// checked for authentication at once and fails the coverage test until its row is added to EXPECTATIONS.
//
// Each row is a role × region grid: every role, as a bearer token and as an API key, with a region scope that
// covers the regency (5316, Nagekeo: plans, teams and the calendar are the regency's, villages and visits lie in
// it) and one that does not (5371, Kota Kupang), plus callers without or with bad credentials. A cell is what a
// user sees: ok, empty (a list that shows nothing of another region), wrong role (403 ROLE_NOT_ALLOWED), outside
// region (403 OUTSIDE_REGION), regency scope (403 REGENCY_SCOPE_REQUIRED: plans, teams, the calendar and the
// capacity are the whole regency's) or unauthenticated (401). Scopes of one kecamatan or village are tested in the
// other specs (regency-scope.spec.ts).
import { SUBJECTS } from '@adminduk/contracts';
import { ROLES, type Role } from '@adminduk/platform';
import { describeAccessMatrix, type Expectation, type HttpRequest, matrixApiKeysSetting, matrixCallers, type MatrixCaller, noItems, openApiRoutes, type TestApp, tokenFor } from '@adminduk/platform/testing';
import { deliver, onHoliday, plusDays, registered, startOutreach, TODAY, yearsAgo, type Json } from './outreach-fixtures';

const IN_REGION = ['5316'];
const OUTSIDE = ['5371'];
const READERS: Role[] = ['operator', 'registrar', 'analyst', 'integrator', 'admin'];
const KEEPERS: Role[] = ['operator', 'registrar', 'admin'];
const PLANNERS: Role[] = ['registrar', 'admin'];
const VILLAGE = '5316012002';

let t: TestApp;
let fixtureToken: string;
let teamId: string;
let planId: string;
let visitId: string;
let counter = 0;

async function fixture<T = Json>(method: HttpRequest['method'], url: string, payload?: object): Promise<T> {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${fixtureToken}` }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`set-up: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

const newTeam = () => fixture<{ id: string }>('POST', '/teams', { name: `Tim Matriks ${++counter}`, staffCount: 3, equipment: ['EKTP_RECORDING_KIT'], services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: 50 } });

/** A published plan from `startDate` and one of its visits on that day (every weekday is a service day here). */
async function publishedVisit(startDate = TODAY): Promise<{ planId: string; visitId: string }> {
  const draft = await fixture<{ id: string }>('POST', '/plans', { weeks: 1, startDate, ...onHoliday(startDate) });
  const plan = await fixture<{ id: string; visits: { id: string; date: string; status: string }[] }>('POST', `/plans/${draft.id}/publish`);
  const visit = plan.visits.find((v) => v.date === startDate && v.status === 'PLANNED');
  if (!visit) throw new Error('set-up: no visit on the plan’s first day');
  return { planId: plan.id, visitId: visit.id };
}

/** One row per endpoint of the OpenAPI document: `METHOD /path/{param}`. */
const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  'GET /backlog': { roles: READERS, outsideRegion: 'empty', success: 200, request: async () => ({ method: 'GET', url: '/backlog' }), isEmpty: (b) => (b.districts as unknown[]).length === 0 },
  'GET /backlog/villages/{code}/residents': { roles: READERS, outsideRegion: 'outside region', success: 200, request: async () => ({ method: 'GET', url: `/backlog/villages/${VILLAGE}/residents` }) },
  'POST /plans': { roles: PLANNERS, outsideRegion: 'regency scope', success: 201, request: async () => ({ method: 'POST', url: '/plans', payload: { weeks: 1 } }) },
  'GET /plans': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/plans' }) },
  'GET /plans/{id}': {
    roles: READERS,
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: `/plans/${planId}` }),
    isEmpty: (b) => (b.visits as unknown[]).length === 0,
  },
  'POST /plans/{id}/publish': {
    roles: PLANNERS,
    outsideRegion: 'regency scope',
    success: 200,
    request: async () => ({ method: 'POST', url: `/plans/${(await fixture<{ id: string }>('POST', '/plans', { weeks: 1 })).id}/publish` }),
  },
  'GET /plans/{id}/visits/{visitId}': { roles: READERS, outsideRegion: 'outside region', success: 200, request: async () => ({ method: 'GET', url: `/plans/${planId}/visits/${visitId}` }) },
  'POST /plans/{id}/visits/{visitId}/cancel': {
    roles: KEEPERS,
    outsideRegion: 'outside region',
    success: 201,
    request: async () => {
      const p = await publishedVisit(plusDays(TODAY, 1));
      return { method: 'POST', url: `/plans/${p.planId}/visits/${p.visitId}/cancel`, payload: { reason: 'WEATHER' } };
    },
  },
  'POST /plans/{id}/visits/{visitId}/outcome': {
    roles: KEEPERS,
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const p = await publishedVisit();
      return { method: 'POST', url: `/plans/${p.planId}/visits/${p.visitId}/outcome`, payload: { EKTP_RECORDING: 12 } };
    },
  },
  'GET /projection': { roles: READERS, outsideRegion: 'empty', success: 200, request: async () => ({ method: 'GET', url: '/projection' }), isEmpty: (b) => (b.districts as unknown[]).length === 0 && b.regency === null },
  'GET /projection/capacity': { roles: READERS, outsideRegion: 'regency scope', success: 200, request: async () => ({ method: 'GET', url: `/projection/capacity?date=${plusDays(TODAY, 90)}` }) },
  'GET /teams': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/teams' }) },
  'POST /teams': {
    roles: KEEPERS,
    outsideRegion: 'regency scope',
    success: 201,
    request: async () => ({ method: 'POST', url: '/teams', payload: { name: `Tim Baru ${++counter}`, staffCount: 2, equipment: [], services: ['HANDOVER'] } }),
  },
  'GET /teams/{id}': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: `/teams/${teamId}` }) },
  'PATCH /teams/{id}': { roles: KEEPERS, outsideRegion: 'regency scope', success: 200, request: async () => ({ method: 'PATCH', url: `/teams/${(await newTeam()).id}`, payload: { version: 1, staffCount: 5 } }) },
  'DELETE /teams/{id}': { roles: KEEPERS, outsideRegion: 'regency scope', success: 204, request: async () => ({ method: 'DELETE', url: `/teams/${(await newTeam()).id}` }) },
  'GET /villages': { roles: READERS, outsideRegion: 'empty', success: 200, request: async () => ({ method: 'GET', url: '/villages' }), isEmpty: noItems },
  'GET /villages/{code}': { roles: READERS, outsideRegion: 'outside region', success: 200, request: async () => ({ method: 'GET', url: `/villages/${VILLAGE}` }) },
  'PATCH /villages/{code}': {
    roles: KEEPERS,
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'PATCH', url: `/villages/${VILLAGE}`, payload: { version: (await fixture<{ version: number }>('GET', `/villages/${VILLAGE}`)).version, travelMinutes: 45 } }),
  },
  'GET /calendar/settings': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/calendar/settings' }) },
  'PUT /calendar/settings': {
    roles: KEEPERS,
    outsideRegion: 'regency scope',
    success: 200,
    request: async () => {
      const s = await fixture<{ version: number; serviceDays: string[] }>('GET', '/calendar/settings');
      return { method: 'PUT', url: '/calendar/settings', payload: { version: s.version, serviceDays: s.serviceDays, dayMinutes: 480, setupMinutes: 30 } };
    },
  },
  'GET /calendar/days': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/calendar/days' }) },
  'GET /calendar/holidays': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/calendar/holidays' }) },
  'POST /calendar/days': {
    roles: KEEPERS,
    outsideRegion: 'regency scope',
    success: 201,
    request: async () => ({ method: 'POST', url: '/calendar/days', payload: { date: plusDays('2090-01-01', ++counter), kind: 'BLACKOUT', name: 'Rapat kerja' } }),
  },
  'DELETE /calendar/days/{date}': {
    roles: KEEPERS,
    outsideRegion: 'regency scope',
    success: 204,
    request: async () => {
      const date = plusDays('2095-01-01', ++counter);
      await fixture('POST', '/calendar/days', { date, kind: 'HOLIDAY', name: 'Libur' });
      return { method: 'DELETE', url: `/calendar/days/${date}` };
    },
  },
  'GET /audit': { roles: ['admin'], outsideRegion: 'empty', success: 200, request: async () => ({ method: 'GET', url: '/audit?resourceType=outreach-team' }), isEmpty: noItems },
  'GET /health/live': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/live' }) },
  'GET /health/ready': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/ready' }) },
};

let callers: MatrixCaller[];
let documentRoutes: string[];

beforeAll(async () => {
  t = await startOutreach({ API_KEYS: matrixApiKeysSetting(ROLES, IN_REGION, OUTSIDE) });
  callers = await matrixCallers(ROLES, IN_REGION, OUTSIDE);

  // Set-up by a registrar of the regency: a team, a backlog in one village of kecamatan Aesesa, every weekday a
  // service day (so that a plan from today has a visit today), and a published plan with a visit.
  fixtureToken = await tokenFor(['registrar'], IN_REGION, 'fixture');
  teamId = (await newTeam()).id;
  for (let i = 0; i < 300; i++) await deliver(t, SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(30), districtCode: '531601', villageCode: VILLAGE }));
  const settings = await fixture<{ version: number }>('GET', '/calendar/settings');
  await fixture('PUT', '/calendar/settings', { version: settings.version, serviceDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], dayMinutes: 480, setupMinutes: 30 });
  ({ planId, visitId } = await publishedVisit());

  documentRoutes = await openApiRoutes(t);
}, 60_000);
afterAll(() => t.close());

// Every role, as token and API key, in and out of the region, for each row: slow on a shared machine.
describeAccessMatrix({ expectations: EXPECTATIONS, roles: ROLES, app: () => t, callers: () => callers, routes: () => documentRoutes, timeout: 180_000 });
