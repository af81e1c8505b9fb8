// An integrator reads only what its API key's scope names (issue 16): an agency that checks NIKs gets a key with
// `scopes: ["residents"]` and reads residents, not family cards nor e-KTP / KIA documents (403 SCOPE_NOT_GRANTED,
// nothing read, nothing in the audit trail). A key without `scopes` reads every endpoint of its role, as before.
import { createHash } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

const NIK_CHECKER = 'dukcapil-nik-checker-key-0123456789abcdef';
const CARDS_ONLY = 'bpjs-family-cards-key-0123456789abcdef';
const EVERYTHING = 'bappeda-integrator-key-0123456789abcdef';
const sha = (k: string) => createHash('sha256').update(k).digest('hex');

let t: TestApp;
let residentId: string;
let nik: string;
let cardId: string;

async function call(url: string, headers: Record<string, string>, method: 'GET' | 'POST' = 'GET', payload?: object) {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, {
    API_KEYS: JSON.stringify([
      { id: 'nik-checker', sha256: sha(NIK_CHECKER), roles: ['integrator'], regions: ['5316'], scopes: ['residents'] },
      { id: 'cards-only', sha256: sha(CARDS_ONLY), roles: ['integrator'], regions: ['5316'], scopes: ['family-cards'] },
      { id: 'everything', sha256: sha(EVERYTHING), roles: ['integrator'], regions: ['5316'] },
    ]),
  });
  const registrar = { authorization: `Bearer ${await tokenFor(['registrar'], ['5316'])}` };
  const person = await call('/residents', registrar, 'POST', {
    fullName: 'Fransiskus Wea',
    birthPlace: 'Mbay',
    birthDate: '1979-11-12',
    sex: 'M',
    religion: 'KATOLIK',
    maritalStatus: 'BELUM_KAWIN',
    motherName: 'Sisilia Ngole',
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 004 / RW 001',
  });
  residentId = person.body.id;
  nik = person.body.nik;
  cardId = (await call('/family-cards', registrar, 'POST', { members: [{ residentId, relationship: 1 }] })).body.id;
});
afterAll(() => t?.close());

describe("an integrator's API key with scopes", () => {
  it('scopes ["residents"]: reads residents and their status, not family cards nor documents', async () => {
    const key = { 'x-api-key': NIK_CHECKER };
    expect((await call(`/residents?nik=${nik}`, key)).body.items.map((r: { id: string }) => r.id)).toEqual([residentId]);
    expect((await call(`/residents/${residentId}`, key)).status).toBe(200);
    expect((await call(`/residents/${residentId}/status`, key)).status).toBe(200);
    const em = t.app.get(MikroORM).em.fork();
    const audited = await em.count(AuditEntry, { actorId: 'nik-checker' });
    for (const url of [`/family-cards/${cardId}`, `/family-cards/${cardId}/versions`, `/residents/${residentId}/ektp`, `/residents/${residentId}/kia`]) {
      const res = await call(url, key);
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 403, code: 'SCOPE_NOT_GRANTED' });
    }
    expect(await em.count(AuditEntry, { actorId: 'nik-checker' })).toBe(audited);
  });

  it('scopes ["family-cards"]: reads family cards, not residents', async () => {
    const key = { 'x-api-key': CARDS_ONLY };
    expect((await call(`/family-cards/${cardId}`, key)).status).toBe(200);
    expect((await call(`/residents/${residentId}`, key)).body.code).toBe('SCOPE_NOT_GRANTED');
  });

  it('without scopes: every endpoint of its role, as before', async () => {
    const key = { 'x-api-key': EVERYTHING };
    for (const url of [`/residents/${residentId}`, `/family-cards/${cardId}`, `/residents/${residentId}/ektp`, `/residents/${residentId}/kia`]) {
      expect({ url, status: (await call(url, key)).status }).toEqual({ url, status: 200 });
    }
  });
});
