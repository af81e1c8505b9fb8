// Who may call what, for every endpoint of the deeds service (DESIGN.md house rule 8: access is limited by role
// and by region scope). The endpoints are read from the service's own OpenAPI document, so a new endpoint is
// checked for authentication at once and fails the coverage test until its row is added to EXPECTATIONS.
//
// Each row is a role × region grid: every role, as a bearer token and as an API key (partners authenticate with
// API keys carrying role 'partner' and a region scope), with a region scope that covers the record (kecamatan
// 531601) and one that does not (531603), plus callers without or with bad credentials. A cell is what a user
// sees: ok, empty (a list or report that shows nothing of another region), wrong role (403 ROLE_NOT_ALLOWED),
// outside region (403 OUTSIDE_REGION) or unauthenticated (401).
import { ROLES } from '@adminduk/platform';
import { describeAccessMatrix, type Expectation, matrixApiKeys, matrixCallers, type MatrixCaller, noItems, openApiRoutes, sendAs, type TestApp } from '@adminduk/platform/testing';
import { bootDeeds, Caller, DEATH_DOCUMENTS, daysAgo, deathReport, family, nik, PARTNERS, type PartnerKey } from './deed-fixtures';

const IN_REGION = ['531601'];
const OUTSIDE = ['531603'];

let t: TestApp;
let operator: Caller;
let registrar: Caller;
let rt: Caller;
let fixture: { notification: string; burial: string; deed: string; birth: string; document: string; issued: string; copy: string; code: string };

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
/** A death reported by the caller itself when it may report in the region (its id), else nothing. */
async function reportAs(caller: MatrixCaller): Promise<string | undefined> {
  if (!caller.inRegion || (caller.role !== 'partner' && caller.role !== 'admin')) return undefined;
  const res = await sendAs(t, { method: 'POST', url: '/notifications', payload: deathReport(nik('1950-05-05', 'M')) }, caller);
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
}

/** A burial in Labolewa with a fresh NIK (a new burial each time). */
const burialReport = () => ({
  reporterKind: 'CEMETERY',
  fullName: 'Kornelis Sawu',
  sex: 'M',
  nik: nik('1950-05-05', 'M'),
  burialDate: daysAgo(0),
  cemeteryName: 'Pemakaman Umum Labolewa',
  villageCode: '5316012002',
});
/** A burial reported by the caller itself when it may report in the region (its id), else nothing. */
async function reportBurialAs(caller: MatrixCaller): Promise<string | undefined> {
  if (!caller.inRegion || (caller.role !== 'partner' && caller.role !== 'admin')) return undefined;
  const res = await sendAs(t, { method: 'POST', url: '/burials', payload: burialReport() }, caller);
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
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
const EXPECTATIONS: Readonly<Record<string, Expectation<{ items?: unknown[]; cases?: number }>>> = {
  'POST /notifications': {
    roles: ['partner', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/notifications', payload: deathReport(nik('1950-05-05', 'M')) }),
  },
  // A partner sees its own reports only: a partner (or admin) of the grid in the region reads a report it made itself;
  // the others are refused by role or region before ownership is looked at (another institution's report in the
  // region is a 404, checked in notifications.spec.ts).
  'GET /notifications': {
    roles: ['partner', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async (caller) => {
      await reportAs(caller);
      return { method: 'GET', url: '/notifications' };
    },
    isEmpty: noItems,
  },
  'GET /notifications/{id}': {
    roles: ['partner', 'admin'],
    // Another institution's report does not exist for a partner, nor for an admin outside its region: 404 (a 403
    // would tell that it exists).
    outsideRegion: 'not found',
    success: 200,
    request: async (caller) => ({ method: 'GET', url: `/notifications/${(await reportAs(caller)) ?? fixture.notification}` }),
  },
  'POST /burials': {
    roles: ['partner', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/burials', payload: burialReport() }),
  },
  // A partner sees its own burials (made here by the caller itself); the office those of its region.
  'GET /burials': {
    roles: ['partner', 'operator', 'registrar', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async (caller) => {
      await reportBurialAs(caller);
      return { method: 'GET', url: '/burials' };
    },
    isEmpty: noItems,
  },
  // Another institution's burial does not exist for a partner, nor one outside the region for the office: 404.
  'GET /burials/{id}': {
    roles: ['partner', 'operator', 'registrar', 'admin'],
    outsideRegion: 'not found',
    success: 200,
    request: async (caller) => ({ method: 'GET', url: `/burials/${(await reportBurialAs(caller)) ?? fixture.burial}` }),
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

let callers: MatrixCaller[];
let documentRoutes: string[];

beforeAll(async () => {
  const keys: PartnerKey[] = matrixApiKeys(ROLES, IN_REGION, OUTSIDE);
  t = await bootDeeds({}, {}, keys);
  operator = await Caller.user(t, ['operator'], IN_REGION, 'fixture-operator');
  registrar = await Caller.user(t, ['registrar'], IN_REGION, 'fixture-registrar');
  rt = Caller.partner(t, PARTNERS.rtLabolewa);
  callers = await matrixCallers(ROLES, IN_REGION, OUTSIDE);

  const notified = await notifiedDeath();
  const document = await operator.upload(notified.id, 'KK');
  const birth = await operator.ok('/deeds', birthApplication(), 201);
  const issuedId = await registeredDeath();
  const issued = await operator.ok(`/deeds/${issuedId}/issue`, { version: 4 });
  const burial = await Caller.partner(t, PARTNERS.rtLabolewa).ok('/burials', burialReport(), 201);
  fixture = {
    notification: notified.notification,
    burial: burial.body.id,
    deed: notified.id,
    birth: birth.body.id,
    document: document.body.id,
    issued: issuedId,
    copy: issued.body.copies[0].id,
    code: issued.body.copies[0].code,
  };

  documentRoutes = await openApiRoutes(t);
}, 60_000);
afterAll(() => t?.close());

// Deeds lets admin through every protected endpoint, and some of its answers are files, not JSON.
describeAccessMatrix({ expectations: EXPECTATIONS, roles: ROLES, app: () => t, callers: () => callers, routes: () => documentRoutes, timeout: 60_000, adminEverywhere: true, emptyOnlyIfJson: true });
