// Analysts read aggregates, not people (issue 16: "analysts' access to personal data narrowed to what their role
// needs"; DESIGN.md house rule 8, UU 27/2022). The figures an analyst works with are the reporting service's
// indicators (exact for the office) and the deeds service's service times; no identity endpoint that shows a
// person's name, NIK, address, family or documents answers an analyst: 403 ROLE_NOT_ALLOWED, and nothing is read.
import { AuditEntry } from '@adminduk/platform';
import { MikroORM } from '@mikro-orm/core';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let residentId: string;
let cardId: string;
let kkNumber: string;
let nik: string;

async function call(url: string, token: string, method: 'GET' | 'POST' = 'GET', payload?: object) {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  const registrar = await tokenFor(['registrar'], ['5316']);
  const person = await call('/residents', registrar, 'POST', {
    fullName: 'Yohanes Dhey',
    birthPlace: 'Boawae',
    birthDate: '1985-02-03',
    sex: 'M',
    religion: 'KATOLIK',
    maritalStatus: 'BELUM_KAWIN',
    motherName: 'Maria Bhoki',
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 001 / RW 002',
  });
  residentId = person.body.id;
  nik = person.body.nik;
  const card = await call('/family-cards', registrar, 'POST', { members: [{ residentId, relationship: 1 }] });
  cardId = card.body.id;
  kkNumber = card.body.kkNumber;
});
afterAll(() => t?.close());

const PERSONAL = () => [
  `/residents?nik=${nik}`,
  `/residents/${residentId}`,
  `/residents/${residentId}/status`,
  `/residents/${residentId}/ektp`,
  `/residents/${residentId}/kia`,
  `/family-cards?kkNumber=${kkNumber}`,
  `/family-cards/${cardId}`,
  `/family-cards/${cardId}/versions`,
];

describe('an analyst', () => {
  it('reads no one: every personal-data read is 403 ROLE_NOT_ALLOWED, and no READ or SEARCH is in the audit trail', async () => {
    const analyst = await tokenFor(['analyst'], ['5316'], 'analis');
    const em = t.app.get(MikroORM).em.fork();
    const before = await em.count(AuditEntry, { actorId: 'analis' });
    for (const url of PERSONAL()) {
      const res = await call(url, analyst);
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 403, code: 'ROLE_NOT_ALLOWED' });
    }
    expect(await em.count(AuditEntry, { actorId: 'analis' })).toBe(before);
  });

  it('leaves the office (operator, registrar) and the integrators their reads', async () => {
    for (const role of ['operator', 'registrar', 'integrator'] as const) {
      const token = await tokenFor([role], ['5316']);
      for (const url of PERSONAL()) expect({ role, url, status: (await call(url, token)).status }).toEqual({ role, url, status: 200 });
    }
  });
});
