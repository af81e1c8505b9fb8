// Who may call what, for every endpoint of the outreach service (DESIGN.md house rule 8: access is limited by role
// and by region scope). The endpoints are read from the service's own OpenAPI document, so a new endpoint is
// checked for authentication at once and fails the coverage test until its row is added to EXPECTATIONS.
//
// Each row is a role × region grid: every role, as a bearer token and as an API key, with a region scope that
// covers the regency (5316, Nagekeo: plans, teams and the calendar are the regency's, villages and visits lie in
// it) and one that does not (5371, Kota Kupang), plus callers without or with bad credentials. A cell is what a
// user sees: ok, empty (a list that shows nothing of another region), wrong role (403 ROLE_NOT_ALLOWED), outside
// region (403 OUTSIDE_REGION) or unauthenticated (401). Scopes of one kecamatan are tested in the other specs.
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { SUBJECTS } from '@adminduk/contracts';
import { ROLES, type Role } from '@adminduk/platform';
import { TEST_JWT_SECRET, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { deliver, plusDays, registered, startOutreach, TODAY, yearsAgo, type Json } from './outreach-fixtures';

type Cell = 'ok' | 'empty' | 'wrong role' | 'outside region' | 'unauthenticated';

interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: object;
}

interface Expectation {
  /** Who may call it ('admin' is listed where it may: it may everywhere, within its region). */
  readonly roles: readonly Role[] | 'public';
  /** What an allowed role sees of a record outside its region: a 403, an empty result, or no difference. */
  readonly outsideRegion: 'outside region' | 'empty' | 'no region';
  readonly success: number;
  /** A request that succeeds for an allowed caller of the regency (changes get a fresh record each time). */
  readonly request: () => Promise<HttpRequest>;
  /** For outsideRegion 'empty': the answer shows nothing. */
  readonly isEmpty?: (body: Record<string, unknown>) => boolean;
}

const IN_REGION = ['5316'];
const OUTSIDE = ['5371'];
const READERS: Role[] = ['operator', 'registrar', 'analyst', 'integrator', 'admin'];
const KEEPERS: Role[] = ['operator', 'registrar', 'admin'];
const PLANNERS: Role[] = ['registrar', 'admin'];
const VILLAGE = '5316012002';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const apiKey = (role: Role, where: 'in' | 'out') => `matrix-key-${role}-${where}-0123456789`;
const noItems = (body: Record<string, unknown>) => Array.isArray(body.items) && body.items.length === 0;

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
  const draft = await fixture<{ id: string }>('POST', '/plans', { weeks: 1, startDate });
  const plan = await fixture<{ id: string; visits: { id: string; date: string; status: string }[] }>('POST', `/plans/${draft.id}/publish`);
  const visit = plan.visits.find((v) => v.date === startDate && v.status === 'PLANNED');
  if (!visit) throw new Error('set-up: no visit on the plan’s first day');
  return { planId: plan.id, visitId: visit.id };
}

/** One row per endpoint of the OpenAPI document: `METHOD /path/{param}`. */
const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  'GET /backlog': { roles: READERS, outsideRegion: 'empty', success: 200, request: async () => ({ method: 'GET', url: '/backlog' }), isEmpty: (b) => (b.districts as unknown[]).length === 0 },
  'POST /plans': { roles: PLANNERS, outsideRegion: 'outside region', success: 201, request: async () => ({ method: 'POST', url: '/plans', payload: { weeks: 1 } }) },
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
    outsideRegion: 'outside region',
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
  'GET /projection/capacity': { roles: READERS, outsideRegion: 'outside region', success: 200, request: async () => ({ method: 'GET', url: `/projection/capacity?date=${plusDays(TODAY, 90)}` }) },
  'GET /teams': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/teams' }) },
  'POST /teams': {
    roles: KEEPERS,
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/teams', payload: { name: `Tim Baru ${++counter}`, staffCount: 2, equipment: [], services: ['HANDOVER'] } }),
  },
  'GET /teams/{id}': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: `/teams/${teamId}` }) },
  'PATCH /teams/{id}': { roles: KEEPERS, outsideRegion: 'outside region', success: 200, request: async () => ({ method: 'PATCH', url: `/teams/${(await newTeam()).id}`, payload: { version: 1, staffCount: 5 } }) },
  'DELETE /teams/{id}': { roles: KEEPERS, outsideRegion: 'outside region', success: 204, request: async () => ({ method: 'DELETE', url: `/teams/${(await newTeam()).id}` }) },
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
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const s = await fixture<{ version: number; serviceDays: string[] }>('GET', '/calendar/settings');
      return { method: 'PUT', url: '/calendar/settings', payload: { version: s.version, serviceDays: s.serviceDays, dayMinutes: 480, setupMinutes: 30 } };
    },
  },
  'GET /calendar/days': { roles: READERS, outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/calendar/days' }) },
  'POST /calendar/days': {
    roles: KEEPERS,
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/calendar/days', payload: { date: plusDays('2090-01-01', ++counter), kind: 'BLACKOUT', name: 'Rapat kerja' } }),
  },
  'DELETE /calendar/days/{date}': {
    roles: KEEPERS,
    outsideRegion: 'outside region',
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

interface Caller {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly role?: Role;
  readonly inRegion?: boolean;
}

let callers: Caller[];
let documentRoutes: string[];

beforeAll(async () => {
  const keys = ROLES.flatMap((role) => [
    { id: `key-${role}-in`, sha256: sha256(apiKey(role, 'in')), roles: [role], regions: IN_REGION },
    { id: `key-${role}-out`, sha256: sha256(apiKey(role, 'out')), roles: [role], regions: OUTSIDE },
  ]);
  t = await startOutreach({ API_KEYS: JSON.stringify(keys) });
  const expired = await new SignJWT({ roles: ['admin'], regions: ['*'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('late')
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  callers = [
    { name: 'no credentials', headers: {} },
    { name: 'expired token', headers: { authorization: `Bearer ${expired}` } },
    { name: 'token signed with another secret', headers: { authorization: `Bearer ${await tokenFor(['admin'], ['*'], 'forger', 'x'.repeat(40))}` } },
    { name: 'unknown API key', headers: { 'x-api-key': 'not-a-configured-key' } },
  ];
  for (const role of ROLES) {
    for (const inRegion of [true, false]) {
      const where = inRegion ? 'in region' : 'outside region';
      callers.push({ name: `${role} token ${where}`, role, inRegion, headers: { authorization: `Bearer ${await tokenFor([role], inRegion ? IN_REGION : OUTSIDE, `${role}-${where}`)}` } });
      callers.push({ name: `${role} API key ${where}`, role, inRegion, headers: { 'x-api-key': apiKey(role, inRegion ? 'in' : 'out') } });
    }
  }

  // Set-up by a registrar of the regency: a team, a backlog in one village of kecamatan Aesesa, every weekday a
  // service day (so that a plan from today has a visit today), and a published plan with a visit.
  fixtureToken = await tokenFor(['registrar'], IN_REGION, 'fixture');
  teamId = (await newTeam()).id;
  for (let i = 0; i < 300; i++) await deliver(t, SUBJECTS.identity.residentRegistered, registered({ birthDate: yearsAgo(30), districtCode: '531601', villageCode: VILLAGE }));
  const settings = await fixture<{ version: number }>('GET', '/calendar/settings');
  await fixture('PUT', '/calendar/settings', { version: settings.version, serviceDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], dayMinutes: 480, setupMinutes: 30 });
  ({ planId, visitId } = await publishedVisit());

  const doc = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  documentRoutes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}, 60_000);
afterAll(() => t.close());

function expectedCell(e: Expectation, caller: Caller): Cell {
  if (e.roles === 'public') return 'ok';
  if (!caller.role) return 'unauthenticated';
  if (!e.roles.includes(caller.role)) return 'wrong role';
  if (caller.inRegion || e.outsideRegion === 'no region') return 'ok';
  return e.outsideRegion;
}

function observedCell(e: Expectation, res: { statusCode: number; headers: Record<string, unknown>; body: string; json(): unknown }): string {
  if (res.statusCode === e.success) {
    return e.outsideRegion === 'empty' && e.isEmpty?.(res.json() as Record<string, unknown>) ? 'empty' : 'ok';
  }
  const problem = String(res.headers['content-type']).includes('application/problem+json');
  const code = problem ? (res.json() as { code?: string }).code : undefined;
  if (res.statusCode === 401 && code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (res.statusCode === 403 && code === 'ROLE_NOT_ALLOWED') return 'wrong role';
  if (res.statusCode === 403 && code === 'OUTSIDE_REGION') return 'outside region';
  return `HTTP ${res.statusCode} ${code ?? '(not problem+json)'} ${res.body.slice(0, 200)}`;
}

describe('the expectations table', () => {
  it('has a row for every endpoint of the OpenAPI document, and none for endpoints that are gone', () => {
    expect(documentRoutes.length).toBeGreaterThan(0);
    expect(documentRoutes.filter((r) => !(r in EXPECTATIONS))).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((r) => !documentRoutes.includes(r))).toEqual([]);
  });

  it('answers 401 problem+json without credentials on every endpoint of the document that is not public', async () => {
    const answers: Record<string, number | string> = {};
    for (const route of documentRoutes) {
      if (EXPECTATIONS[route]?.roles === 'public') continue;
      const [method, path] = route.split(' ') as [HttpRequest['method'], string];
      const url = path.replace(/\{[^}]+\}/g, '0190b5b4-0000-7000-8000-000000000000');
      const res = await t.app.inject({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      answers[route] = res.statusCode === 401 && String(res.headers['content-type']).includes('problem+json') ? 401 : `${res.statusCode} ${res.headers['content-type']}`;
    }
    expect(Object.values(answers).length).toBeGreaterThan(0);
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((r) => [r, 401])));
  });
});

describe('role × region matrix', () => {
  it.each(Object.keys(EXPECTATIONS))('%s', async (route) => {
    const e = EXPECTATIONS[route] as Expectation;
    const expected: Record<string, string> = {};
    const observed: Record<string, string> = {};
    for (const caller of callers) {
      const request = await e.request();
      const res = await t.app.inject({ method: request.method, url: request.url, headers: caller.headers, ...(request.payload ? { payload: request.payload } : {}) });
      expected[caller.name] = expectedCell(e, caller);
      observed[caller.name] = observedCell(e, res);
    }
    expect(observed).toEqual(expected);
  }, 180_000); // every role, as token and API key, in and out of the region: slow on a shared machine

  it('the matrix held a success and a refusal for every protected endpoint (the table is not vacuous)', () => {
    for (const [route, e] of Object.entries(EXPECTATIONS)) {
      if (e.roles === 'public') continue;
      const cells = callers.map((c) => expectedCell(e, c));
      expect({ route, ok: cells.includes('ok'), refused: cells.includes('wrong role') || e.roles.length === ROLES.length }).toEqual({ route, ok: true, refused: true });
    }
  });
});
