// Who may call what, for every endpoint of the identity service (DESIGN.md house rule 8: access is limited by
// role and by region scope). The endpoints are read from the service's own OpenAPI document, so a new endpoint
// is checked for authentication at once and fails the coverage test until its row is added to EXPECTATIONS.
//
// Each row is a role × region grid: every role, as a bearer token and as an API key, with a region scope that
// covers the record (kecamatan 531601) and one that does not (531603), plus callers without or with bad
// credentials. A cell is what a user sees: ok, empty (a search that shows nothing of another region),
// wrong role (403 ROLE_NOT_ALLOWED), outside region (403 OUTSIDE_REGION) or unauthenticated (401).
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { ROLES, type Role } from '@adminduk/platform';
import { createTestApp, TEST_JWT_SECRET, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

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
  /** The status of a success. */
  readonly success: number;
  /**
   * A request about a kecamatan-531601 record that succeeds for an allowed caller of that kecamatan. Changes get
   * a fresh record each time (set up by a registrar of the kecamatan), so that every allowed caller can succeed.
   */
  readonly request: () => Promise<HttpRequest>;
  /** For outsideRegion 'empty': the answer shows nothing. */
  readonly isEmpty?: (body: { items?: unknown[] }) => boolean;
}

const IN_REGION = ['531601'];
const OUTSIDE = ['531603'];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const apiKey = (role: Role, where: 'in' | 'out') => `matrix-key-${role}-${where}-0123456789`;

let t: TestApp;
let fixtureToken: string;
let residentId: string;
let card: { id: string; kkNumber: string };
let registrations = 0;

const newResident = (birthDate = '1985-05-17', sex: 'M' | 'F' = 'M', maritalStatus = 'KAWIN_TERCATAT') => {
  registrations += 1;
  return {
    fullName: `Warga Matriks ${registrations}`,
    birthPlace: 'Mbay',
    birthDate,
    sex,
    religion: 'KATOLIK',
    maritalStatus,
    motherName: `Ibu Matriks ${registrations}`,
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 001 / RW 001, Labolewa',
  };
};
const noItems = (body: { items?: unknown[] }) => Array.isArray(body.items) && body.items.length === 0;

/** Set-up by a registrar of kecamatan 531601: a registered resident's id. */
async function resident(birthDate?: string, sex?: 'M' | 'F', maritalStatus?: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/residents', headers: { authorization: `Bearer ${fixtureToken}` }, payload: newResident(birthDate, sex, maritalStatus) });
  if (res.statusCode !== 201) throw new Error(`set-up: resident not registered: ${res.body}`);
  return res.json().id;
}

/** Set-up: a family card of registered residents. */
async function familyCard(members: { residentId: string; relationship: number; fatherResidentId?: string }[]): Promise<{ id: string; kkNumber: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/family-cards', headers: { authorization: `Bearer ${fixtureToken}` }, payload: { members } });
  if (res.statusCode !== 201) throw new Error(`set-up: family card not issued: ${res.body}`);
  return res.json();
}

/** One row per endpoint of the OpenAPI document: `METHOD /path/{param}`. */
const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  'POST /residents': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/residents', payload: newResident() }),
  },
  'GET /residents': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: '/residents?villageCode=5316012002' }),
    isEmpty: noItems,
  },
  'GET /residents/{id}': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/residents/${residentId}` }),
  },
  'PATCH /residents/{id}': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'PATCH', url: `/residents/${await resident()}`, payload: { version: 1, occupation: 'Petani' } }),
  },
  'GET /audit': {
    roles: ['admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: `/audit?resourceId=${residentId}` }),
    isEmpty: noItems,
  },
  'POST /family-cards': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/family-cards', payload: { members: [{ residentId: await resident(), relationship: 1 }] } }),
  },
  'GET /family-cards': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: `/family-cards?kkNumber=${card.kkNumber}` }),
    isEmpty: noItems,
  },
  'GET /family-cards/{id}': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/family-cards/${card.id}` }),
  },
  'GET /family-cards/{id}/versions': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/family-cards/${card.id}/versions` }),
  },
  'POST /family-cards/{id}/members': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const { id } = await familyCard([{ residentId: await resident('1979-04-04', 'F', 'BELUM_KAWIN'), relationship: 1 }]);
      const parent = await resident('1940-04-05', 'F', 'CERAI_MATI');
      return { method: 'POST', url: `/family-cards/${id}/members`, payload: { version: 1, reason: 'MOVE_IN', residentId: parent, relationship: 7 } };
    },
  },
  'POST /family-cards/{id}/members/{residentId}/removal': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const single = await resident('1979-04-04', 'F', 'BELUM_KAWIN');
      const { id } = await familyCard([{ residentId: single, relationship: 1 }]);
      return { method: 'POST', url: `/family-cards/${id}/members/${single}/removal`, payload: { version: 1, reason: 'MOVE_OUT' } };
    },
  },
  'POST /family-cards/{id}/head': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const husband = await resident('1980-04-12', 'M', 'KAWIN_TERCATAT');
      const wife = await resident('1984-09-30', 'F', 'KAWIN_TERCATAT');
      const { id } = await familyCard([
        { residentId: husband, relationship: 1 },
        { residentId: wife, relationship: 3 },
      ]);
      return { method: 'POST', url: `/family-cards/${id}/head`, payload: { version: 1, newHeadResidentId: wife } };
    },
  },
  'POST /family-cards/{id}/split': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const father = await resident('1950-01-10', 'M', 'KAWIN_TERCATAT');
      const son = await resident('1975-01-12', 'M', 'KAWIN_TERCATAT');
      const daughterInLaw = await resident('1978-01-13', 'F', 'KAWIN_TERCATAT');
      const { id } = await familyCard([
        { residentId: father, relationship: 1 },
        { residentId: son, relationship: 4, fatherResidentId: father },
        { residentId: daughterInLaw, relationship: 5 },
      ]);
      return { method: 'POST', url: `/family-cards/${id}/split`, payload: { version: 1, newHeadResidentId: son, memberResidentIds: [daughterInLaw] } };
    },
  },
  'GET /residents/{id}/ektp': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/residents/${residentId}/ektp` }),
  },
  'POST /residents/{id}/ektp/actions': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/residents/${await resident()}/ektp/actions`,
      payload: { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dukcapil Mbay', channel: 'OFFICE' },
    }),
  },
  'GET /residents/{id}/kia': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/residents/${residentId}/kia` }),
  },
  'POST /residents/{id}/kia/actions': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/residents/${await resident('2016-02-10', 'F', 'BELUM_KAWIN')}/kia/actions`,
      payload: { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' },
    }),
  },
  'GET /residents/{id}/status': {
    roles: ['operator', 'registrar', 'analyst', 'integrator', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/residents/${residentId}/status` }),
  },
  'POST /residents/{id}/death': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/residents/${await resident()}/death`, payload: { version: 1, dateOfDeath: '2026-11-01' } }),
  },
  'POST /residents/{id}/move-out': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/residents/${await resident()}/move-out`, payload: { version: 1, toRegionCode: '5371' } }),
  },
  'POST /residents/{id}/move': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({
      method: 'POST',
      url: `/residents/${await resident()}/move`,
      payload: { version: 1, districtCode: '531601', villageCode: '5316011001', address: 'RT 003 / RW 001' },
    }),
  },
  'POST /residents/{id}/return': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const id = await resident();
      const out = await t.app.inject({ method: 'POST', url: `/residents/${id}/move-out`, headers: { authorization: `Bearer ${fixtureToken}` }, payload: { version: 1, toRegionCode: '5371' } });
      if (out.statusCode !== 200) throw new Error(`set-up: move-out refused: ${out.body}`);
      return { method: 'POST', url: `/residents/${id}/return`, payload: { version: out.json().version, districtCode: '531601', villageCode: '5316012002', address: 'RT 001 / RW 001' } };
    },
  },
  'GET /health/live': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/live' }) },
  'GET /health/ready': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/ready' }) },
};

interface Caller {
  readonly name: string;
  readonly headers: Record<string, string>;
  /** The caller's one role and whether its region scope covers the fixture; none for bad credentials. */
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
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { API_KEYS: JSON.stringify(keys) });

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

  fixtureToken = await tokenFor(['registrar'], IN_REGION, 'fixture');
  residentId = await resident();
  card = await familyCard([{ residentId: await resident(), relationship: 1 }]);

  const doc = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  documentRoutes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
});
afterAll(() => t.close());

function expectedCell(e: Expectation, caller: Caller): Cell {
  if (e.roles === 'public') return 'ok';
  if (!caller.role) return 'unauthenticated';
  if (!e.roles.includes(caller.role)) return 'wrong role';
  if (caller.inRegion || e.outsideRegion === 'no region') return 'ok';
  return e.outsideRegion;
}

function observedCell(e: Expectation, res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }): string {
  if (res.statusCode === e.success) {
    return e.outsideRegion === 'empty' && e.isEmpty?.(res.json() as { items?: unknown[] }) ? 'empty' : 'ok';
  }
  const problem = String(res.headers['content-type']).includes('application/problem+json');
  const code = problem ? (res.json() as { code?: string }).code : undefined;
  if (res.statusCode === 401 && code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (res.statusCode === 403 && code === 'ROLE_NOT_ALLOWED') return 'wrong role';
  if (res.statusCode === 403 && code === 'OUTSIDE_REGION') return 'outside region';
  return `HTTP ${res.statusCode} ${code ?? '(not problem+json)'}`;
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
  });

  it('the matrix held a success and a refusal for every protected endpoint (the table is not vacuous)', () => {
    for (const [route, e] of Object.entries(EXPECTATIONS)) {
      if (e.roles === 'public') continue;
      const cells = callers.map((c) => expectedCell(e, c));
      expect({ route, ok: cells.includes('ok'), refused: cells.includes('wrong role') || e.roles.length === ROLES.length }).toEqual({ route, ok: true, refused: true });
    }
  });
});
