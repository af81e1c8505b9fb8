// Who may call what, for every endpoint of the deeds service (DESIGN.md house rule 8: access is limited by role
// and by region scope). The endpoints are read from the service's own OpenAPI document, so a new endpoint is
// checked for authentication at once and fails the coverage test until its row is added to EXPECTATIONS.
//
// Each row is a role × region grid: every role, as a bearer token and as an API key (partners authenticate with
// API keys carrying role 'partner' and a region scope), with a region scope that covers the record (kecamatan
// 531601) and one that does not (531603), plus callers without or with bad credentials. A cell is what a user
// sees: ok, empty (a list or report that shows nothing of another region), wrong role (403 ROLE_NOT_ALLOWED),
// outside region (403 OUTSIDE_REGION) or unauthenticated (401).
import { SignJWT } from 'jose';
import { ROLES, type Role } from '@adminduk/platform';
import { TEST_JWT_SECRET, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { bootDeeds, Caller, DEATH_DOCUMENTS, daysAgo, deathReport, family, nik, PARTNERS, type PartnerKey } from './deed-fixtures';

type Cell = 'ok' | 'empty' | 'wrong role' | 'outside region' | 'unauthenticated';

interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly payload?: object | Buffer;
  readonly headers?: Record<string, string>;
}

interface Expectation {
  readonly roles: readonly Role[] | 'public';
  readonly outsideRegion: 'outside region' | 'empty' | 'no region';
  readonly success: number;
  /** A request about a kecamatan-531601 record that succeeds for an allowed caller; changes get a fresh record. */
  readonly request: () => Promise<HttpRequest>;
  readonly isEmpty?: (body: { items?: unknown[]; cases?: number }) => boolean;
}

const IN_REGION = ['531601'];
const OUTSIDE = ['531603'];
const apiKey = (role: Role, where: 'in' | 'out') => `matrix-key-${role}-${where}-0123456789`;

let t: TestApp;
let operator: Caller;
let registrar: Caller;
let rt: Caller;
let fixture: { notification: string; deed: string; birth: string; document: string; issued: string; copy: string; code: string };

const noItems = (body: { items?: unknown[] }) => Array.isArray(body.items) && body.items.length === 0;

async function notifiedDeath(): Promise<{ id: string; notification: string }> {
  const res = await rt.ok('/notifications', deathReport(nik('1950-05-05', 'M')), 201);
  return { id: res.body.deedId, notification: res.body.id };
}
async function submittedDeath(): Promise<string> {
  const { id } = await notifiedDeath();
  for (const kind of DEATH_DOCUMENTS) await operator.upload(id, kind);
  await operator.ok(`/deeds/${id}/submit`, { version: 1 });
  return id;
}
async function verifiedDeath(): Promise<string> {
  const id = await submittedDeath();
  await operator.ok(`/deeds/${id}/verify`, { version: 2 });
  return id;
}
async function registeredDeath(): Promise<string> {
  const id = await verifiedDeath();
  await registrar.ok(`/deeds/${id}/register`, { version: 3 });
  return id;
}
const birthApplication = () => {
  const parents = family();
  return {
    deedType: 'BIRTH',
    eventDate: daysAgo(3),
    districtCode: '531601',
    villageCode: '5316012002',
    particulars: { child: { fullName: 'Anak Matriks', sex: 'F', religion: 'KATOLIK' }, mother: parents.mother, father: parents.father, place: 'Mbay' },
  };
};

/** One row per endpoint of the OpenAPI document: `METHOD /path/{param}`. */
const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  'POST /notifications': {
    roles: ['partner', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/notifications', payload: deathReport(nik('1950-05-05', 'M')) }),
  },
  'GET /notifications/{id}': {
    roles: ['partner', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/notifications/${fixture.notification}` }),
  },
  'POST /deeds': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/deeds', payload: birthApplication() }),
  },
  'GET /deeds': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: '/deeds?deedType=DEATH' }),
    isEmpty: noItems,
  },
  'GET /deeds/{id}': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/deeds/${fixture.deed}` }),
  },
  'POST /deeds/{id}/submit': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => {
      const { id } = await notifiedDeath();
      for (const kind of DEATH_DOCUMENTS) await operator.upload(id, kind);
      return { method: 'POST', url: `/deeds/${id}/submit`, payload: { version: 1 } };
    },
  },
  'POST /deeds/{id}/verify': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deeds/${await submittedDeath()}/verify`, payload: { version: 2 } }),
  },
  'POST /deeds/{id}/reject': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deeds/${await submittedDeath()}/reject`, payload: { version: 2, reason: 'the death letter is not signed' } }),
  },
  'POST /deeds/{id}/register': {
    roles: ['registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deeds/${await verifiedDeath()}/register`, payload: { version: 3 } }),
  },
  'POST /deeds/{id}/issue': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    // A hand-over on an outreach visit: the fullest body the action takes.
    request: async () => ({ method: 'POST', url: `/deeds/${await registeredDeath()}/issue`, payload: { version: 4, channel: 'OUTREACH', visitId: '0190b5b4-1111-7000-8000-00000000aa02' } }),
  },
  'POST /deeds/{id}/corrections': {
    roles: ['registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({
      method: 'POST',
      url: `/deeds/${await registeredDeath()}/corrections`,
      payload: { version: 4, changes: [{ field: 'deceased.fullName', to: 'Kornelis Sawu Bhoko' }], reason: 'the family name was left out' },
    }),
  },
  'POST /deeds/{id}/annulment': {
    roles: ['registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deeds/${await registeredDeath()}/annulment`, payload: { version: 4, courtDecision: { number: '9/Pdt.P/2026/PN Bjw', finalOn: daysAgo(0) } } }),
  },
  'POST /deeds/{id}/archive': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deeds/${(await notifiedDeath()).id}/archive`, payload: { version: 1, reason: 'reported twice with different dates' } }),
  },
  'POST /deeds/{id}/documents': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/deeds/${fixture.deed}/documents?kind=KK`,
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
      headers: { 'content-type': 'application/pdf' },
    }),
  },
  'POST /deeds/{id}/declarations': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({
      method: 'POST',
      url: `/deeds/${fixture.birth}/declarations`,
      payload: {
        kind: 'SPTJM_BIRTH',
        declarant: { nik: nik('1990-03-01', 'F'), fullName: 'Maria Goreti Wea' },
        statement: 'Saya menyatakan bahwa data kelahiran anak saya adalah benar.',
        declaredOn: daysAgo(0),
        witnesses: [
          { nik: nik('1970-01-01', 'M'), fullName: 'Saksi Satu' },
          { nik: nik('1972-02-02', 'F'), fullName: 'Saksi Dua' },
        ],
      },
    }),
  },
  'GET /deeds/{id}/documents/{documentId}/content': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/deeds/${fixture.deed}/documents/${fixture.document}/content` }),
  },
  'GET /deeds/{id}/copies/{copyId}/pdf': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/deeds/${fixture.issued}/copies/${fixture.copy}/pdf` }),
  },
  'GET /verify/{code}': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: `/verify/${fixture.code}` }) },
  'GET /signing-keys': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/signing-keys' }) },
  'POST /kua-marriages': {
    roles: ['partner', 'operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({
      method: 'POST',
      url: '/kua-marriages',
      payload: {
        husband: { nik: nik('1995-06-06', 'M'), fullName: 'Ahmad Kasim' },
        wife: { nik: nik('1997-07-07', 'F'), fullName: 'Siti Aminah' },
        marriageDate: daysAgo(10),
        marriageCertificateNumber: '0123/045/X/2026',
        kuaName: 'KUA Kecamatan Aesesa',
        districtCode: '531601',
        villageCode: '5316012002',
      },
    }),
  },
  'GET /reports/service-times': {
    roles: ['analyst', 'operator', 'registrar', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: `/reports/service-times?programme=OMAS&from=${daysAgo(30)}&to=${daysAgo(0)}` }),
    isEmpty: (body) => body.cases === 0,
  },
  'GET /audit': {
    roles: ['admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: `/audit?resourceId=${fixture.deed}` }),
    isEmpty: noItems,
  },
  'GET /health/live': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/live' }) },
  'GET /health/ready': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/ready' }) },
};

interface MatrixCaller {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly role?: Role;
  readonly inRegion?: boolean;
}

let callers: MatrixCaller[];
let documentRoutes: string[];

beforeAll(async () => {
  const keys: PartnerKey[] = ROLES.flatMap((role) => [
    { id: `key-${role}-in`, key: apiKey(role, 'in'), roles: [role], regions: IN_REGION },
    { id: `key-${role}-out`, key: apiKey(role, 'out'), roles: [role], regions: OUTSIDE },
  ]);
  t = await bootDeeds({}, {}, keys);
  operator = await Caller.user(t, ['operator'], IN_REGION, 'fixture-operator');
  registrar = await Caller.user(t, ['registrar'], IN_REGION, 'fixture-registrar');
  rt = Caller.partner(t, PARTNERS.rtLabolewa);

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

  const notified = await notifiedDeath();
  const document = await operator.upload(notified.id, 'KK');
  const birth = await operator.ok('/deeds', birthApplication(), 201);
  const issuedId = await registeredDeath();
  const issued = await operator.ok(`/deeds/${issuedId}/issue`, { version: 4 });
  fixture = {
    notification: notified.notification,
    deed: notified.id,
    birth: birth.body.id,
    document: document.body.id,
    issued: issuedId,
    copy: issued.body.copies[0].id,
    code: issued.body.copies[0].code,
  };

  const doc = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  documentRoutes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}, 60_000);
afterAll(() => t?.close());

function expectedCell(e: Expectation, caller: MatrixCaller): Cell {
  if (e.roles === 'public') return 'ok';
  if (!caller.role) return 'unauthenticated';
  if (caller.role !== 'admin' && !e.roles.includes(caller.role)) return 'wrong role';
  if (caller.inRegion || e.outsideRegion === 'no region') return 'ok';
  return e.outsideRegion;
}

function observedCell(e: Expectation, res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }): string {
  const json = String(res.headers['content-type']).includes('json');
  if (res.statusCode === e.success) {
    return e.outsideRegion === 'empty' && json && e.isEmpty?.(res.json() as { items?: unknown[] }) ? 'empty' : 'ok';
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
      const res = await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
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
      const res = await t.app.inject({ method: request.method, url: request.url, headers: { ...caller.headers, ...request.headers }, ...(request.payload ? { payload: request.payload } : {}) });
      expected[caller.name] = expectedCell(e, caller);
      observed[caller.name] = observedCell(e, res);
    }
    expect(observed).toEqual(expected);
  }, 60_000);

  it('the matrix held a success and a refusal for every protected endpoint (the table is not vacuous)', () => {
    for (const [route, e] of Object.entries(EXPECTATIONS)) {
      if (e.roles === 'public') continue;
      const cells = callers.map((c) => expectedCell(e, c));
      expect({ route, ok: cells.includes('ok'), refused: cells.includes('wrong role') || e.roles.length === ROLES.length }).toEqual({ route, ok: true, refused: true });
    }
  });
});
