// Resident status through the HTTP API, on SQLite (service tier): a move within the regency (new village and
// kecamatan, same NIK, the record's region scope follows), a move out and the return, a death after which
// nothing changes, every refused change (422 with the domain's code), stale versions (409), bad input (400) and
// who may call (401/403), with one residentStatusChanged event per change and nothing written for a refusal.
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry, localDate, OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { SUBJECTS } from '@adminduk/contracts';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;
let people = 0;

const today = localDate('+08:00');
const RITI = { districtCode: '531602', villageCode: '5316022005', address: 'RT 001 / RW 002, Riti' };
const MBAY_I = { districtCode: '531601', villageCode: '5316011003', address: 'RT 004 / RW 002, Mbay I' };

async function register(): Promise<{ id: string; nik: string; version: number }> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${operator}` },
    payload: {
      fullName: `Warga Status ${people}`,
      birthPlace: 'Mbay',
      birthDate: '1980-06-15',
      sex: 'M',
      religion: 'KATOLIK',
      maritalStatus: 'KAWIN_TERCATAT',
      motherName: `Ibu Status ${people}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 002 / RW 001, Labolewa',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const status = (id: string, token = operator) => t.app.inject({ method: 'GET', url: `/residents/${id}/status`, headers: auth(token) });
const resident = (id: string) => t.app.inject({ method: 'GET', url: `/residents/${id}`, headers: auth(operator) });
const post = (id: string, what: 'death' | 'move-out' | 'return' | 'move', body: object, token = operator) =>
  t.app.inject({ method: 'POST', url: `/residents/${id}/${what}`, headers: auth(token), payload: body });
const codes = (res: { json(): { errors?: { code: string }[] } }) => (res.json().errors ?? []).map((e) => e.code);

async function events(residentId: string) {
  const rows = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.identity.residentStatusChanged }, { orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p.residentId === residentId);
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['5316'], 'op-mbay');
});
afterAll(() => t.close());

describe('GET /residents/:id/status', () => {
  it('a registered resident is ALIVE at their address, with the registration as the opening of the log', async () => {
    const r = await register();
    const res = await status(r.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      residentId: r.id,
      status: 'ALIVE',
      origin: 'REGISTER',
      districtCode: '531601',
      villageCode: '5316012002',
      movedOutTo: null,
      dateOfDeath: null,
      moves: [],
      allowedActions: ['MOVE_WITHIN', 'MOVE_OUT', 'DIE'],
      version: r.version,
      history: [{ index: 0, type: 'REGISTER', by: 'system', status: 'ALIVE' }],
    });
  });

  it('answers an unknown resident with 404 and a bad id with 400', async () => {
    const missing = await status('0190b5b4-0000-7000-8000-000000000000');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'RESIDENT_NOT_FOUND']);
    expect((await status('x')).json().code).toBe('INVALID_ID');
  });
});

describe('POST /residents/:id/move: pindah within the regency (PP 37/2007 art. 37: the NIK stays)', () => {
  it('moves to a village of another kecamatan: new address and region scope, same NIK', async () => {
    const r = await register();
    const res = await post(r.id, 'move', { version: r.version, ...RITI, reference: 'SKP/531601/2026/0012' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ALIVE',
      districtCode: '531602',
      villageCode: '5316022005',
      effectiveDate: today,
      moves: [{ type: 'MOVE_WITHIN', kind: 'BETWEEN_DISTRICTS', from: '5316012002', to: '5316022005', by: 'op-mbay', reference: 'SKP/531601/2026/0012' }],
      version: r.version + 1,
    });
    expect((await resident(r.id)).json()).toMatchObject({ nik: r.nik, districtCode: '531602', villageCode: '5316022005', address: 'RT 001 / RW 002, Riti', status: 'ALIVE' });
    expect((await status(r.id)).json().history.map((h: { type: string; by: string }) => [h.type, h.by])).toEqual([
      ['REGISTER', 'system'],
      ['MOVE_WITHIN', 'op-mbay'],
    ]);
    // The record now belongs to Nangaroro: Aesesa's operator no longer sees it, Nangaroro's does.
    expect((await status(r.id, await tokenFor(['operator'], ['531601']))).json().code).toBe('OUTSIDE_REGION');
    expect((await status(r.id, await tokenFor(['operator'], ['531602']))).statusCode).toBe(200);
    expect(await events(r.id)).toEqual([
      {
        residentId: r.id,
        from: 'ALIVE',
        to: 'ALIVE',
        effectiveDate: today,
        change: 'MOVE_WITHIN',
        previousDistrictCode: '531601',
        previousVillageCode: '5316012002',
        districtCode: '531602',
        villageCode: '5316022005',
      },
    ]);
  });

  it('needs a caller who covers both kecamatan (403 OUTSIDE_REGION), and writes nothing otherwise', async () => {
    const r = await register();
    const res = await post(r.id, 'move', { version: r.version, ...RITI }, await tokenFor(['operator'], ['531601'], 'op-aesesa'));
    expect([res.statusCode, res.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    expect((await resident(r.id)).json()).toMatchObject({ districtCode: '531601', version: r.version });
    expect(await events(r.id)).toEqual([]);
    const denied = await t.app.get(MikroORM).em.fork().find(AuditEntry, { resourceType: 'resident', resourceId: r.id, outcome: 'DENIED' });
    expect(denied.map((d) => [d.action, d.actorId])).toEqual([['UPDATE', 'op-aesesa']]);
  });

  it('moves between villages of one kecamatan', async () => {
    const r = await register();
    const res = await post(r.id, 'move', { version: r.version, ...MBAY_I, movedOn: today });
    expect(res.json().moves[0]).toMatchObject({ kind: 'BETWEEN_VILLAGES', movedOn: today });
  });
});

describe('POST /residents/:id/move-out and /return: pindah out of the regency, and back (UU 23/2006 art. 15)', () => {
  it('moves out to Kota Kupang, refuses a move within while away, and comes back to a new address', async () => {
    const r = await register();
    const out = await post(r.id, 'move-out', { version: r.version, toRegionCode: '5371', reference: 'SKPWNI/5316/2026/0099' });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ status: 'MOVED_OUT', movedOutTo: '5371', allowedActions: ['RETURN'], moves: [{ kind: 'BETWEEN_REGENCIES', to: '5371' }] });
    expect((await resident(r.id)).json().status).toBe('MOVED_OUT');

    const within = await post(r.id, 'move', { version: out.json().version, ...RITI });
    expect([within.statusCode, within.json().code, codes(within)]).toEqual([422, 'RESIDENT_STATUS_CHANGE_REFUSED', ['ACTION_NOT_ALLOWED']]);

    const back = await post(r.id, 'return', { version: out.json().version, ...MBAY_I });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'ALIVE', movedOutTo: null, districtCode: '531601', villageCode: '5316011003' });
    expect(back.json().moves[1]).toMatchObject({ type: 'RETURN', from: '5371', to: '5316011003', kind: 'BETWEEN_REGENCIES' });
    expect((await events(r.id)).map((e) => [e.change, e.from, e.to, e.otherRegionCode])).toEqual([
      ['MOVE_OUT', 'ALIVE', 'MOVED_OUT', '5371'],
      ['RETURN', 'MOVED_OUT', 'ALIVE', '5371'],
    ]);
  });

  it.each([
    ['a destination inside the regency', { toRegionCode: '531603' }, ['DESTINATION_INSIDE_REGENCY']],
    ['a regency that does not exist', { toRegionCode: '5399' }, ['REGION_UNKNOWN']],
    ['a move dated in the future', { toRegionCode: '5371', movedOn: '2999-01-01' }, ['DATE_AFTER_ACTION']],
  ])('refuses %s with 422, writing nothing', async (_what, body, expected) => {
    const r = await register();
    const res = await post(r.id, 'move-out', { version: r.version, ...body });
    expect([res.statusCode, res.json().code, codes(res)]).toEqual([422, 'RESIDENT_STATUS_CHANGE_REFUSED', expected]);
    expect((await status(r.id)).json()).toMatchObject({ status: 'ALIVE', version: r.version, history: [{ type: 'REGISTER' }] });
    expect(await events(r.id)).toEqual([]);
  });

  it('refuses a return of a resident who never left', async () => {
    const r = await register();
    expect(codes(await post(r.id, 'return', { version: r.version, ...MBAY_I }))).toEqual(['ACTION_NOT_ALLOWED']);
  });

  it('refuses a move to a village that is not a current one, or outside the regency', async () => {
    const r = await register();
    expect(codes(await post(r.id, 'move', { version: r.version, districtCode: '531602', villageCode: '5316029999', address: 'x' }))).toEqual(['REGION_UNKNOWN']);
    const everywhere = await tokenFor(['registrar'], ['*']);
    expect(codes(await post(r.id, 'move', { version: r.version, districtCode: '537101', villageCode: '5371011001', address: 'x' }, everywhere))).toEqual(['OUTSIDE_REGENCY']);
    expect(codes(await post(r.id, 'move', { version: r.version, districtCode: '531602', villageCode: '5316012002', address: 'x' }))).toEqual(['VILLAGE_NOT_IN_DISTRICT']);
  });
});

describe('POST /residents/:id/death: a deceased resident cannot change any more', () => {
  it('records the death, then refuses every change with RESIDENT_DECEASED', async () => {
    const r = await register();
    const death = await post(r.id, 'death', { version: r.version, dateOfDeath: today, reference: '5316-KM-27112026-0001' });
    expect(death.statusCode).toBe(200);
    expect(death.json()).toMatchObject({ status: 'DECEASED', dateOfDeath: today, effectiveDate: today, allowedActions: [] });
    expect((await resident(r.id)).json().status).toBe('DECEASED');
    const version = death.json().version;
    for (const [what, body] of [
      ['death', { version, dateOfDeath: today }],
      ['move-out', { version, toRegionCode: '5371' }],
      ['return', { version, ...MBAY_I }],
      ['move', { version, ...RITI }],
    ] as const) {
      const res = await post(r.id, what, body);
      expect([what, res.statusCode, codes(res)]).toEqual([what, 422, ['RESIDENT_DECEASED']]);
    }
    expect((await events(r.id)).map((e) => [e.change, e.from, e.to, e.effectiveDate])).toEqual([['DEATH', 'ALIVE', 'DECEASED', today]]);
  });

  it('refuses a date of death after today', async () => {
    const r = await register();
    expect(codes(await post(r.id, 'death', { version: r.version, dateOfDeath: '2999-12-31' }))).toEqual(['DATE_AFTER_ACTION']);
  });
});

describe('stale versions: 409 VERSION_CONFLICT, nothing written', () => {
  it('refuses the version the resident had before the last change', async () => {
    const r = await register();
    expect((await post(r.id, 'move', { version: r.version, ...MBAY_I })).statusCode).toBe(200);
    const stale = await post(r.id, 'death', { version: r.version, dateOfDeath: today });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await resident(r.id)).json().status).toBe('ALIVE');
    expect(await events(r.id)).toHaveLength(1);
  });
});

describe('bad input: 400 problem+json, nothing written', () => {
  let r: { id: string; version: number };
  beforeAll(async () => {
    r = await register();
  });

  it.each([
    ['death', 'no version', { dateOfDeath: '2026-11-01' }, 'IS_INT'],
    ['death', 'a date that is not YYYY-MM-DD', { version: 1, dateOfDeath: '01-11-2026' }, 'MATCHES'],
    ['death', 'an unknown field', { version: 1, dateOfDeath: '2026-11-01', cause: 'x' }, 'UNKNOWN_FIELD'],
    ['move-out', 'a region code of 5 digits', { version: 1, toRegionCode: '53711' }, 'MATCHES'],
    ['move-out', 'no destination', { version: 1 }, 'MATCHES'],
    ['return', 'no address', { version: 1, districtCode: '531601', villageCode: '5316011003' }, 'IS_STRING'],
    ['return', 'a bad origin', { version: 1, ...MBAY_I, fromRegionCode: 'Kupang' }, 'MATCHES'],
    ['move', 'a dotted kecamatan code', { version: 1, ...RITI, districtCode: '53.16.02' }, 'MATCHES'],
    ['move', 'a version as text', { version: '1', ...RITI }, 'IS_INT'],
  ] as const)('%s: %s', async (what, _desc, body, itemCode) => {
    const res = await post(r.id, what, body);
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(codes(res)).toContain(itemCode);
  });

  it('answers a bad id with 400 and an unknown resident with 404', async () => {
    expect((await post('nope', 'death', { version: 1, dateOfDeath: today })).json().code).toBe('INVALID_ID');
    expect((await post('0190b5b4-0000-7000-8000-000000000000', 'death', { version: 1, dateOfDeath: today })).statusCode).toBe(404);
  });

  it('wrote nothing', async () => {
    expect((await status(r.id)).json()).toMatchObject({ status: 'ALIVE', version: r.version, history: [{ type: 'REGISTER' }] });
    expect(await events(r.id)).toEqual([]);
  });
});

describe('who may call: operators and registrars change, integrators read; analysts read aggregates only', () => {
  it.each([
    [['registrar'], 200, 200],
    [['analyst'], 403, 403],
    [['integrator'], 200, 403],
    [['partner'], 403, 403],
  ] as const)('%j: read %i, change %i', async (roles, read, change) => {
    const r = await register();
    const token = await tokenFor(roles, ['531601']);
    expect((await status(r.id, token)).statusCode).toBe(read);
    const res = await post(r.id, 'move', { version: r.version, ...MBAY_I }, token);
    expect(res.statusCode).toBe(change);
    if (change === 403) expect(res.json().code).toBe('ROLE_NOT_ALLOWED');
  });

  it.each(['death', 'move-out', 'return', 'move'] as const)('%s: 401 without a token, 403 for an analyst, 403 outside the region', async (what) => {
    const r = await register();
    const body = { death: { version: r.version, dateOfDeath: today }, 'move-out': { version: r.version, toRegionCode: '5371' }, return: { version: r.version, ...MBAY_I }, move: { version: r.version, ...MBAY_I } }[what];
    const anonymous = await t.app.inject({ method: 'POST', url: `/residents/${r.id}/${what}`, payload: body });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await post(r.id, what, body, await tokenFor(['analyst'], ['5316']))).json().code).toBe('ROLE_NOT_ALLOWED');
    const outside = await post(r.id, what, body, await tokenFor(['operator'], ['531603']));
    expect([outside.statusCode, outside.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    expect((await resident(r.id)).json()).toMatchObject({ status: 'ALIVE', version: r.version });
  });

  it('GET status: 401 without a token, 403 outside the region', async () => {
    const r = await register();
    expect((await t.app.inject({ method: 'GET', url: `/residents/${r.id}/status` })).statusCode).toBe(401);
    expect((await status(r.id, await tokenFor(['integrator'], ['531602']))).json().code).toBe('OUTSIDE_REGION');
  });
});
