// GET /residents?kkNumber=… on SQLite (service tier): the residents on the ACTIVE family card with that No. KK; a
// number the card had before it was reissued, a closed card's and an unknown number find nobody; the region scope
// and the SEARCH audit row as for every resident search; bad input 400; roles 403; 401.
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['531601']);
});
afterAll(() => t.close());

interface Reply {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly kkNumber: string;
  readonly version: number;
  readonly code: string;
  readonly items: Reply[];
  readonly next?: string;
}

async function call(method: 'GET' | 'POST', url: string, payload?: unknown, token: string | null = operator) {
  const res = await t.app.inject({ method, url, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() as Reply, type: String(res.headers['content-type']) };
}

async function resident(birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<string> {
  n += 1;
  const res = await call('POST', '/residents', {
    fullName: `Warga KK ${n}`,
    birthPlace: 'Mbay',
    birthDate,
    sex,
    religion: 'KATOLIK',
    maritalStatus,
    motherName: `Ibu KK ${n}`,
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 002 / RW 001, Labolewa',
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const byKk = async (kkNumber: string, token = operator, extra = '') => call('GET', `/residents?kkNumber=${kkNumber}${extra}`, undefined, token);
const ids = (r: { body: Reply }) => r.body.items.map((i) => i.id).sort();

describe('GET /residents?kkNumber=', () => {
  let husband: string;
  let wife: string;
  let child: string;
  let card: Reply;

  beforeAll(async () => {
    husband = await resident('1980-04-12', 'M', 'KAWIN_TERCATAT');
    wife = await resident('1984-09-30', 'F', 'KAWIN_TERCATAT');
    child = await resident('2012-01-20', 'F', 'BELUM_KAWIN');
    await resident('1979-02-02', 'M', 'BELUM_KAWIN'); // on no card
    const res = await call('POST', '/family-cards', {
      members: [
        { residentId: husband, relationship: 1 },
        { residentId: wife, relationship: 3 },
        { residentId: child, relationship: 4, fatherResidentId: husband, motherResidentId: wife },
      ],
    });
    expect(res.status).toBe(201);
    card = res.body;
  });

  it('finds the members of the active card with that number, and writes one SEARCH audit row naming them', async () => {
    const res = await byKk(card.kkNumber);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([husband, wife, child].sort());
    expect(res.body.items.every((i) => i.familyCardId === card.id)).toBe(true);
    const searches = await t.app.get(MikroORM).em.fork().find(AuditEntry, { action: 'SEARCH', resourceType: 'resident' }, { populate: ['results'], orderBy: { id: 'desc' }, limit: 1 });
    expect(searches[0]?.results.getItems().map((r) => r.resourceId).sort()).toEqual([husband, wife, child].sort());
  });

  it('combines with the other criteria and pages', async () => {
    expect(ids(await byKk(card.kkNumber, operator, '&birthDate=2012-01-20'))).toEqual([child]);
    const first = await byKk(card.kkNumber, operator, '&limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await byKk(card.kkNumber, operator, `&limit=2&after=${first.body.next}`);
    expect([...ids(first), ...ids(second)].sort()).toEqual([husband, wife, child].sort());
  });

  it('finds nobody by a number the card had before it was reissued, and the members by the new one', async () => {
    const reissued = await call('POST', `/family-cards/${card.id}/head`, { version: card.version, newHeadResidentId: wife });
    expect(reissued.status).toBe(200);
    expect(reissued.body.kkNumber).not.toBe(card.kkNumber);
    expect((await byKk(card.kkNumber)).body.items).toEqual([]);
    expect(ids(await byKk(reissued.body.kkNumber))).toEqual([husband, wife, child].sort());
    card = reissued.body;
  });

  it("finds nobody by a closed card's number or an unknown number", async () => {
    const single = await resident('1970-03-03', 'M', 'BELUM_KAWIN');
    const issued = await call('POST', '/family-cards', { members: [{ residentId: single, relationship: 1 }] });
    const closed = await call('POST', `/family-cards/${issued.body.id}/members/${single}/removal`, { version: 1, reason: 'MOVE_OUT' });
    expect(closed.body.status).toBe('CLOSED');
    expect((await byKk(closed.body.kkNumber)).body.items).toEqual([]);
    const unknown = await byKk('5316010101990999');
    expect(unknown.status).toBe(200);
    expect(unknown.body.items).toEqual([]);
  });

  it('shows nothing of a card outside the caller region; integrators may search, analysts (aggregates only) may not', async () => {
    expect((await byKk(card.kkNumber, await tokenFor(['operator'], ['531602']))).body.items).toEqual([]);
    expect((await byKk(card.kkNumber, await tokenFor(['analyst'], ['5316']))).body.code).toBe('ROLE_NOT_ALLOWED');
    expect(ids(await byKk(card.kkNumber, await tokenFor(['integrator'], ['531601'])))).toHaveLength(3);
  });

  it('answers a malformed number with 400, a partner with 403 and no token with 401', async () => {
    for (const bad of ['53160112', '531601151126000X', '53160115112600011']) {
      const res = await byKk(bad);
      expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await byKk(card.kkNumber, await tokenFor(['partner'], ['5316']))).body.code).toBe('ROLE_NOT_ALLOWED');
    const anonymous = await t.app.inject({ method: 'GET', url: `/residents?kkNumber=${card.kkNumber}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
