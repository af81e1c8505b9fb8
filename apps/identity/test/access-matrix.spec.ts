// Who may call what, for every endpoint of the identity service (DESIGN.md house rule 8: access is limited by
// role and by region scope). The endpoints are read from the service's own OpenAPI document, so a new endpoint
// is checked for authentication at once and fails the coverage test until its row is added to EXPECTATIONS.
//
// Each row is a role × region grid: every role, as a bearer token and as an API key, with a region scope that
// covers the record (kecamatan 531601) and one that does not (531603), plus callers without or with bad
// credentials. A cell is what a user sees: ok, empty (a search that shows nothing of another region),
// wrong role (403 ROLE_NOT_ALLOWED), outside region (403 OUTSIDE_REGION) or unauthenticated (401).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Role } from '@adminduk/platform';
import { createTestApp, describeAccessMatrix, type Expectation, matrixApiKeysSetting, matrixCallers, type MatrixCaller, noItems, openApiRoutes, type TestApp, tokenFor } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { heldDeathReview, openDeathReviewWithoutHold } from './deed-event-reviews-fixtures';

/** Who reads a person's data (names, NIKs, family, documents): the office and integrators; analysts read aggregates only (issue 16). */
const PERSONAL_DATA_READERS: Role[] = ['operator', 'registrar', 'integrator', 'admin'];
const IN_REGION = ['531601'];
const OUTSIDE = ['531603'];

let t: TestApp;
let fixtureToken: string;
let residentId: string;
let card: { id: string; kkNumber: string };
let registrations = 0;
/** A child with a KIA application and one of its documents. */
let child: string;
let childDocument: string;
/** An import of the village 5316012002 (OpenSID's layout), for the reads of POST /imports' jobs. */
let importJob: string;
let imports = 0;
const OPENSID_EXAMPLE = readFileSync(join(__dirname, '../src/import/examples/opensid-format-impor-penduduk.csv'), 'utf8');
/** The committed OpenSID example with NIK and No. KK serials of its own (09xy → <n>xy): a new file each call. */
function opensidFile(): string {
  imports += 1;
  const serial = String(50 + imports).padStart(2, '0');
  return OPENSID_EXAMPLE.replace(/(\d{12})09(\d)(\d)\b/g, (_m, head: string, a: string, last: string) => `${head}${serial}${a}${last}`);
}
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

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
const EXPECTATIONS: Readonly<Record<string, Expectation<{ items?: unknown[] }>>> = {
  'POST /residents': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/residents', payload: newResident() }),
  },
  'GET /residents': {
    roles: PERSONAL_DATA_READERS,
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: '/residents?villageCode=5316012002' }),
    isEmpty: noItems,
  },
  'GET /residents/{id}': {
    roles: PERSONAL_DATA_READERS,
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
    roles: PERSONAL_DATA_READERS,
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: `/family-cards?kkNumber=${card.kkNumber}` }),
    isEmpty: noItems,
  },
  'GET /family-cards/{id}': {
    roles: PERSONAL_DATA_READERS,
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/family-cards/${card.id}` }),
  },
  'GET /family-cards/{id}/versions': {
    roles: PERSONAL_DATA_READERS,
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
    roles: PERSONAL_DATA_READERS,
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
  'GET /residents/{id}/ikd': {
    roles: PERSONAL_DATA_READERS,
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/residents/${residentId}/ikd` }),
  },
  'POST /residents/{id}/ikd/actions': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => {
      // The IKD is activated only with a recorded e-KTP: record the biometrics first.
      const id = await resident();
      const recorded = await t.app.inject({
        method: 'POST',
        url: `/residents/${id}/ektp/actions`,
        headers: { authorization: `Bearer ${fixtureToken}` },
        payload: { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dukcapil Mbay', channel: 'OFFICE' },
      });
      if (recorded.statusCode !== 201) throw new Error(`set-up: e-KTP not recorded: ${recorded.body}`);
      return { method: 'POST', url: `/residents/${id}/ikd/actions`, payload: { type: 'ACTIVATE', version: 0 } };
    },
  },
  'GET /residents/{id}/kia': {
    roles: PERSONAL_DATA_READERS,
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
  'POST /residents/{id}/kia/documents': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: `/residents/${child}/kia/documents?kind=KK`, headers: { 'content-type': 'image/jpeg' }, payload: JPEG }),
  },
  'GET /residents/{id}/kia/documents/{documentId}/content': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/residents/${child}/kia/documents/${childDocument}/content` }),
  },
  'GET /villages/{code}/documents': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: '/villages/5316012002/documents' }),
  },
  'GET /registers/opensid.xlsx': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: '/registers/opensid.xlsx?village=5316012002' }),
  },
  'GET /residents/{id}/status': {
    roles: PERSONAL_DATA_READERS,
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
  'GET /deed-event-reviews': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => {
      await heldDeathReview(t, await resident());
      return { method: 'GET', url: '/deed-event-reviews' };
    },
    isEmpty: noItems,
  },
  'GET /deed-event-reviews/{id}': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/deed-event-reviews/${await heldDeathReview(t, await resident())}` }),
  },
  'POST /deed-event-reviews/{id}/confirm': {
    roles: ['registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deed-event-reviews/${await heldDeathReview(t, await resident())}/confirm`, payload: { reason: 'checked with the family' } }),
  },
  'POST /deed-event-reviews/{id}/close': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deed-event-reviews/${await openDeathReviewWithoutHold(t)}/close`, payload: { reason: 'the deceased lived in Kupang: told the family to report there' } }),
  },
  'POST /deed-event-reviews/{id}/reject': {
    roles: ['registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'POST', url: `/deed-event-reviews/${await heldDeathReview(t, await resident())}/reject`, payload: { reason: 'another person' } }),
  },
  'POST /imports': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 201,
    request: async () => ({ method: 'POST', url: '/imports?village=5316012002', headers: { 'content-type': 'text/csv' }, payload: Buffer.from(opensidFile()) }),
  },
  'GET /imports': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'empty',
    success: 200,
    request: async () => ({ method: 'GET', url: '/imports' }),
    isEmpty: (body) => Array.isArray(body) && body.length === 0,
  },
  'GET /imports/{id}': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/imports/${importJob}` }),
  },
  'GET /imports/{id}/rejections': {
    roles: ['operator', 'registrar', 'admin'],
    outsideRegion: 'outside region',
    success: 200,
    request: async () => ({ method: 'GET', url: `/imports/${importJob}/rejections` }),
  },
  'GET /health/live': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/live' }) },
  'GET /health/ready': { roles: 'public', outsideRegion: 'no region', success: 200, request: async () => ({ method: 'GET', url: '/health/ready' }) },
};

let callers: MatrixCaller[];
let documentRoutes: string[];

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { API_KEYS: matrixApiKeysSetting(ROLES, IN_REGION, OUTSIDE) });
  callers = await matrixCallers(ROLES, IN_REGION, OUTSIDE);

  fixtureToken = await tokenFor(['registrar'], IN_REGION, 'fixture');
  residentId = await resident();
  card = await familyCard([{ residentId: await resident(), relationship: 1 }]);
  child = await resident('2016-02-10', 'F', 'BELUM_KAWIN');
  const upload = await t.app.inject({
    method: 'POST',
    url: `/residents/${child}/kia/documents?kind=BIRTH_DEED`,
    headers: { authorization: `Bearer ${fixtureToken}`, 'content-type': 'image/jpeg' },
    payload: JPEG,
  });
  if (upload.statusCode !== 201) throw new Error(`set-up: KIA document not stored: ${upload.body}`);
  childDocument = upload.json().id;

  const imported = await t.app.inject({
    method: 'POST',
    url: '/imports?village=5316012002',
    headers: { authorization: `Bearer ${fixtureToken}`, 'content-type': 'text/csv' },
    payload: opensidFile(),
  });
  if (imported.statusCode !== 201) throw new Error(`set-up: import refused: ${imported.body}`);
  importJob = imported.json().id;

  documentRoutes = await openApiRoutes(t);
});
afterAll(() => t.close());

describeAccessMatrix({ expectations: EXPECTATIONS, roles: ROLES, app: () => t, callers: () => callers, routes: () => documentRoutes });
