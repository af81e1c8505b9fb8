// Residents through the HTTP API, on SQLite (service tier): registration with a checked or issued NIK,
// search, region scope, roles, and bad input answered with problem+json and nothing written.
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;

const maria = {
  fullName: 'Maria Goreti Wea',
  birthPlace: 'Mbay',
  birthDate: '1990-03-01',
  sex: 'F',
  religion: 'KATOLIK',
  maritalStatus: 'KAWIN_TERCATAT',
  motherName: 'Yohana Bhoki',
  districtCode: '531601',
  villageCode: '5316012002',
  address: 'RT 002 / RW 001, Labolewa',
};

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['5316']);
});
afterAll(() => t.close());

async function post(body: unknown, token = operator) {
  return t.app.inject({ method: 'POST', url: '/residents', headers: { authorization: `Bearer ${token}` }, payload: body as object });
}

describe('POST /residents', () => {
  it('issues a NIK from the kecamatan, birth date and sex when none is given', async () => {
    const res = await post(maria);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nik: '5316014103900001', fullName: 'Maria Goreti Wea', status: 'ALIVE', version: 1 });
  });

  it('issues the next serial for the same prefix', async () => {
    const res = await post({ ...maria, fullName: 'Maria Wea', motherName: 'Anna Bhoki' });
    expect(res.json().nik).toBe('5316014103900002');
  });

  it('accepts an existing NIK that fits the person', async () => {
    const res = await post({ ...maria, nik: '5316014103900077', fullName: 'Maria Dhiu', motherName: 'Sisilia Dhiu' });
    expect(res.statusCode).toBe(201);
    expect(res.json().nik).toBe('5316014103900077');
  });

  it('refuses a NIK that does not fit the person, with the domain codes', async () => {
    const res = await post({ ...maria, nik: '5316010103900009', fullName: 'Other Person', motherName: 'Other Mother' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    // The register's particulars rule (checkParticulars): the same codes as the import's rejected rows.
    expect(res.json()).toMatchObject({ code: 'PARTICULARS_INVALID', errors: [{ code: 'NIK_SEX_MISMATCH', field: 'sex' }] });
  });

  it('refuses a likely duplicate (same name, birth date and mother)', async () => {
    const res = await post({ ...maria, fullName: 'MARIA  goreti wea' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('POSSIBLE_DUPLICATE');
  });

  it('refuses a NIK that is taken', async () => {
    const res = await post({ ...maria, nik: '5316014103900001', fullName: 'Someone Else', motherName: 'Another Mother' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NIK_TAKEN');
  });

  it('refuses address codes that are not current regions', async () => {
    const res = await post({ ...maria, fullName: 'A', motherName: 'B', villageCode: '5316022002' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual(['VILLAGE_UNKNOWN']);
  });

  it.each([
    ['unknown fields', { ...maria, fullName: 'X', shoeSize: 42 }, 'VALIDATION_FAILED'],
    ['a missing field', { ...maria, fullName: undefined }, 'VALIDATION_FAILED'],
    ['a bad date', { ...maria, birthDate: '01-03-1990' }, 'VALIDATION_FAILED'],
  ])('answers %s with 400 problem+json', async (_what, body, code) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
  });

  it('answers malformed JSON and oversized bodies with problem+json', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/residents', headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, payload: '{"fullName":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('MALFORMED_BODY');
    const huge = await t.app.inject({ method: 'POST', url: '/residents', headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, payload: JSON.stringify({ ...maria, address: 'x'.repeat(2_000_000) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('BODY_TOO_LARGE');
  });

  it('wrote nothing for the refused requests', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/residents?villageCode=5316012002', headers: { authorization: `Bearer ${operator}` } });
    expect(res.json().items.map((r: { fullName: string }) => r.fullName).sort()).toEqual(['Maria Dhiu', 'Maria Goreti Wea', 'Maria Wea']);
  });

  it('is for operators and registrars of the region only', async () => {
    expect((await post(maria, await tokenFor(['analyst']))).statusCode).toBe(403);
    const elsewhere = await post({ ...maria, fullName: 'Z', motherName: 'Y' }, await tokenFor(['operator'], ['5301']));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('OUTSIDE_REGION');
    const anonymous = await t.app.inject({ method: 'POST', url: '/residents', payload: maria });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /residents', () => {
  it('finds by NIK and by name with birth date, within the caller region only', async () => {
    const byNik = await t.app.inject({ method: 'GET', url: '/residents?nik=5316014103900001', headers: { authorization: `Bearer ${operator}` } });
    expect(byNik.json().items).toHaveLength(1);
    const byName = await t.app.inject({ method: 'GET', url: '/residents?name=maria%20wea&birthDate=1990-03-01', headers: { authorization: `Bearer ${operator}` } });
    expect(byName.json().items.map((r: { fullName: string }) => r.fullName)).toEqual(['Maria Wea']);
    const otherRegion = await t.app.inject({ method: 'GET', url: '/residents?nik=5316014103900001', headers: { authorization: `Bearer ${await tokenFor(['operator'], ['531602'])}` } });
    expect(otherRegion.json().items).toEqual([]);
  });

  it('refuses a search with no criterion and an invalid id', async () => {
    const broad = await t.app.inject({ method: 'GET', url: '/residents', headers: { authorization: `Bearer ${operator}` } });
    expect(broad.statusCode).toBe(400);
    expect(broad.json().code).toBe('SEARCH_TOO_BROAD');
    const badId = await t.app.inject({ method: 'GET', url: '/residents/123', headers: { authorization: `Bearer ${operator}` } });
    expect(badId.json().code).toBe('INVALID_ID');
  });

  it('reads one resident, and 404 problem+json for an unknown id', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/residents?nik=5316014103900001', headers: { authorization: `Bearer ${operator}` } });
    const id = list.json().items[0].id;
    const one = await t.app.inject({ method: 'GET', url: `/residents/${id}`, headers: { authorization: `Bearer ${operator}` } });
    expect(one.json().nik).toBe('5316014103900001');
    const missing = await t.app.inject({ method: 'GET', url: '/residents/0190b5b4-0000-7000-8000-000000000000', headers: { authorization: `Bearer ${operator}` } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('RESIDENT_NOT_FOUND');
  });
});

describe('platform endpoints', () => {
  it('health, metrics and docs need no token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, nats: { status: 'disabled' } } });
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toContain('adminduk_http_request_duration_seconds');
    expect((await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json().info.title).toBe('Adminduk identity service');
  });
  it('an unknown route is a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });
  it('the router’s own errors are problems too, and do not echo the path (it may carry a NIK)', async () => {
    const token = await tokenFor(['operator'], ['5316'], 'op');
    const long = await t.app.inject({ method: 'GET', url: `/residents/5316014111260001${'0'.repeat(300)}`, headers: { authorization: `Bearer ${token}` } });
    expect([long.statusCode, long.headers['content-type'], long.json().code]).toEqual([414, 'application/problem+json; charset=utf-8', 'URI_TOO_LONG']);
    const bad = await t.app.inject({ method: 'GET', url: '/residents/5316014111260001%zz', headers: { authorization: `Bearer ${token}` } });
    expect([bad.statusCode, bad.headers['content-type'], bad.json().code]).toEqual([400, 'application/problem+json; charset=utf-8', 'MALFORMED_URL']);
    for (const res of [long, bad]) {
      expect(res.body).not.toContain('5316014111260001');
      expect(res.json().requestId).toBe(res.headers['x-request-id']);
    }
  });
});
