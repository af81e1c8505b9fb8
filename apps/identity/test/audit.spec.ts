// The audit trail through the HTTP API, on SQLite (service tier): every registration, read and search of a
// resident leaves a row saying who, what, which record, through which endpoint and in which request
// (UU 27/2022; DESIGN.md house rule 8), and GET /audit shows them to admins of the region only.
import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

const INTEGRATOR_KEY = 'bps-nagekeo-integrator-key-0001';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let t: TestApp;
let operator: string; // op-aesesa, kecamatan 531601
let operatorElsewhere: string; // op-boawae, kecamatan 531603
let admin: string;

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
const yosef = { ...maria, fullName: 'Yosef Dhey Nuwa', sex: 'M', birthDate: '1988-07-12', motherName: 'Theresia Lowa' };

interface AuditRow {
  id: string;
  at: string;
  actorId: string;
  actorKind: string;
  actorRoles: string[];
  action: string;
  resourceType: string;
  resourceId?: string;
  regionCode?: string;
  resultCount?: number;
  resultIds?: string[];
  endpoint?: string;
  requestId?: string;
  outcome: string;
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, {
    API_KEYS: JSON.stringify([{ id: 'bps-nagekeo', sha256: sha256(INTEGRATOR_KEY), roles: ['integrator'], regions: ['5316'] }]),
  });
  operator = await tokenFor(['operator'], ['531601'], 'op-aesesa');
  operatorElsewhere = await tokenFor(['operator'], ['531603'], 'op-boawae');
  admin = await tokenFor(['admin'], ['*'], 'admin-dukcapil');
});
afterAll(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function audit(query: Record<string, string | number> = {}, headers: Record<string, string> = bearer(admin)) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return t.app.inject({ method: 'GET', url: `/audit${qs ? `?${qs}` : ''}`, headers });
}

async function rows(query: Record<string, string | number> = {}): Promise<AuditRow[]> {
  const res = await audit({ limit: 200, ...query });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

let mariaId: string;
let yosefId: string;

describe('what is recorded', () => {
  it('a registration is a CREATE row: who, which record, which endpoint, which request', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/residents', headers: { ...bearer(operator), 'x-request-id': 'reg-maria-1' }, payload: maria });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-request-id']).toBe('reg-maria-1');
    mariaId = res.json().id;
    expect(await rows({ resourceId: mariaId })).toEqual([
      {
        id: expect.any(String),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        actorId: 'op-aesesa',
        actorKind: 'user',
        actorRoles: ['operator'],
        action: 'CREATE',
        resourceType: 'resident',
        resourceId: mariaId,
        regionCode: '531601',
        endpoint: 'POST /residents',
        requestId: 'reg-maria-1',
        outcome: 'SUCCESS',
      },
    ]);
  });

  it("the registration's event carries the same request id (the outbox relay puts it in the NATS headers)", async () => {
    const events = await t.app.get(EntityManager).fork().find(OutboxEvent, { requestId: 'reg-maria-1' });
    expect(events.map((e) => [e.subject, (e.payload as { residentId: string }).residentId])).toEqual([[SUBJECTS.identity.residentRegistered, mariaId]]);
  });

  it('a read is a READ row, with the request id the server gave when the caller sent none', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/residents/${mariaId}`, headers: bearer(operator) });
    expect(res.statusCode).toBe(200);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    const reads = await rows({ resourceId: mariaId, action: 'READ' });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorId: 'op-aesesa', resourceId: mariaId, endpoint: 'GET /residents/:id', requestId, outcome: 'SUCCESS' });
  });

  it('a read refused outside the caller region is a DENIED row', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/residents/${mariaId}`, headers: { ...bearer(operatorElsewhere), 'x-request-id': 'peek-1' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUTSIDE_REGION');
    expect(await rows({ actorId: 'op-boawae' })).toEqual([
      expect.objectContaining({ action: 'READ', resourceId: mariaId, requestId: 'peek-1', outcome: 'DENIED', regionCode: '531601' }),
    ]);
  });

  it('a search is one SEARCH row with how many and which residents it returned', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/residents', headers: bearer(operator), payload: yosef });
    yosefId = created.json().id;
    const res = await t.app.inject({ method: 'GET', url: '/residents?villageCode=5316012002', headers: { ...bearer(operator), 'x-request-id': 'search-village-1' } });
    expect(res.json().items).toHaveLength(2);
    const searches = await rows({ action: 'SEARCH', actorId: 'op-aesesa' });
    expect(searches).toEqual([
      expect.objectContaining({
        resourceType: 'resident',
        resultCount: 2,
        resultIds: [mariaId, yosefId].sort(),
        regionCode: '531601',
        endpoint: 'GET /residents',
        requestId: 'search-village-1',
      }),
    ]);
    expect(searches[0]).not.toHaveProperty('resourceId');
  });

  it("a resident's trail holds the searches that returned them, besides the direct reads and changes", async () => {
    const trail = await rows({ resourceId: mariaId });
    expect(trail.map((r) => `${r.action} ${r.actorId} ${r.outcome}`)).toEqual([
      'CREATE op-aesesa SUCCESS',
      'READ op-aesesa SUCCESS',
      'READ op-boawae DENIED',
      'SEARCH op-aesesa SUCCESS',
    ]);
    expect((await rows({ resourceId: yosefId })).map((r) => r.action)).toEqual(['CREATE', 'SEARCH']);
  });

  it('a search that found nothing is recorded too, in the region it was limited to', async () => {
    await t.app.inject({ method: 'GET', url: '/residents?nik=5316010101010001', headers: { ...bearer(operator), 'x-request-id': 'search-empty-1' } });
    const [row] = (await rows({ action: 'SEARCH' })).filter((r) => r.requestId === 'search-empty-1');
    expect(row).toMatchObject({ resultCount: 0, resultIds: [], regionCode: '531601', actorId: 'op-aesesa' });
  });

  it('an API key caller is recorded by the key id', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/residents/${yosefId}`, headers: { 'x-api-key': INTEGRATOR_KEY } });
    expect(res.statusCode).toBe(200);
    expect(await rows({ actorId: 'bps-nagekeo' })).toEqual([
      expect.objectContaining({ actorKind: 'api-key', actorRoles: ['integrator'], action: 'READ', resourceId: yosefId }),
    ]);
  });

  it('a refused registration leaves no row: the row is in the registration transaction', async () => {
    const before = await rows({ action: 'CREATE' });
    const taken = await t.app.inject({
      method: 'POST',
      url: '/residents',
      headers: { ...bearer(operator), 'x-request-id': 'reg-taken-1' },
      payload: { ...maria, nik: '5316014103900001', fullName: 'Someone Else', motherName: 'Another Mother' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('NIK_TAKEN');
    const invalid = await t.app.inject({ method: 'POST', url: '/residents', headers: bearer(operator), payload: { ...maria, birthDate: 'yesterday' } });
    expect(invalid.statusCode).toBe(400);
    const after = await rows({ action: 'CREATE' });
    expect(after).toEqual(before);
  });

  it('holds no NIK, name or address, only ids', async () => {
    const body = (await audit({ limit: 200 })).body;
    expect(body).not.toMatch(/\d{16}/);
    for (const words of [maria.fullName, maria.motherName, maria.address, yosef.fullName, yosef.motherName]) {
      expect(body.toLowerCase()).not.toContain(words.toLowerCase());
    }
  });
});

describe('GET /audit: who may read the trail', () => {
  it('answers 401 problem+json without credentials', async () => {
    const res = await audit({}, {});
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it.each(['operator', 'registrar', 'partner', 'analyst', 'integrator'] as const)('answers 403 to a %s', async (role) => {
    const res = await audit({}, bearer(await tokenFor([role], ['*'])));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ROLE_NOT_ALLOWED');
  });

  it('answers 403 to an integrator API key and 401 to an unknown key', async () => {
    expect((await audit({}, { 'x-api-key': INTEGRATOR_KEY })).statusCode).toBe(403);
    expect((await audit({}, { 'x-api-key': 'not-a-key' })).statusCode).toBe(401);
  });

  it("shows an admin the entries of their own region only", async () => {
    const aesesaAdmin = bearer(await tokenFor(['admin'], ['531601'], 'admin-aesesa'));
    const boawaeAdmin = bearer(await tokenFor(['admin'], ['531603'], 'admin-boawae'));
    const nowhereAdmin = bearer(await tokenFor(['admin'], [], 'admin-nowhere'));
    expect((await audit({ resourceId: mariaId }, aesesaAdmin)).json().items).toHaveLength(4);
    expect((await audit({ resourceId: mariaId }, boawaeAdmin)).json().items).toEqual([]);
    expect((await audit({}, nowhereAdmin)).json().items).toEqual([]);
  });
});

describe('GET /audit: filters and pages', () => {
  it('filters by resource type, actor and action', async () => {
    expect(await rows({ resourceType: 'family-card' })).toEqual([]);
    // 2 registrations, 2 reads and a refused one, 2 searches: 7 rows, all about residents.
    const residents = await rows({ resourceType: 'resident' });
    expect(residents).toHaveLength(7);
    expect(residents).toEqual(await rows());
    const byActor = await rows({ actorId: 'op-aesesa', action: 'READ' });
    expect(byActor.map((r) => r.resourceId)).toEqual([mariaId]);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const all = await rows();
    const first = all[0] as AuditRow;
    const last = all[all.length - 1] as AuditRow;
    expect(await rows({ from: first.at, to: new Date(Date.parse(last.at) + 1).toISOString() })).toEqual(all);
    expect(await rows({ to: first.at })).toEqual([]);
    expect(await rows({ from: new Date(Date.parse(last.at) + 1).toISOString() })).toEqual([]);
    expect(await rows({ from: '2020-01-01T08:00:00+08:00', to: '2020-01-02T08:00:00+08:00' })).toEqual([]);
  });

  it('pages with limit and the next cursor, oldest first, without gaps or repeats', async () => {
    const all = await rows();
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await audit({ limit: 3, ...(after ? { after } : {}) });
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((r: AuditRow) => r.id));
      after = body.next;
      if (!after) break;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    expect([...seen].sort()).toEqual(seen);
  });

  it.each([
    ['a limit of 0', { limit: 0 }, 'VALIDATION_FAILED'],
    ['a limit above 200', { limit: 201 }, 'VALIDATION_FAILED'],
    ['a limit that is not a number', { limit: 'ten' }, 'VALIDATION_FAILED'],
    ['a date without a time', { from: '2026-11-01' }, 'VALIDATION_FAILED'],
    ['a time without an offset', { from: '2026-11-01T08:00:00' }, 'VALIDATION_FAILED'],
    ['a date that does not exist', { to: '2026-02-30T08:00:00+08:00' }, 'VALIDATION_FAILED'],
    ['an unknown action', { action: 'PEEK' }, 'VALIDATION_FAILED'],
    ['a resource type that is not kebab-case', { resourceType: 'Family Card' }, 'VALIDATION_FAILED'],
    ['a cursor that is not an id', { after: '42' }, 'VALIDATION_FAILED'],
    ['an unknown parameter', { nik: '5316014103900001' }, 'VALIDATION_FAILED'],
    ['a NIK as resource id', { resourceId: '5316014103900001' }, 'NIK_IS_NOT_AN_ID'],
    ['from after to', { from: '2026-11-02T00:00:00+08:00', to: '2026-11-01T00:00:00+08:00' }, 'AUDIT_RANGE_INVALID'],
  ])('answers %s with 400 problem+json', async (_what, query, code) => {
    const res = await audit(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
  });

  it('reading the trail adds nothing to it', async () => {
    const before = await rows();
    await audit({ limit: 'ten' });
    await audit({ resourceId: mariaId });
    expect(await rows()).toEqual(before);
  });
});
