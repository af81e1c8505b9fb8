// Residents on the machine's PostgreSQL (integration tier): concurrent registrations under one NIK prefix get
// distinct, consecutive NIKs (the counter row's lock and the unique index, not hope).
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let db: { name: string; url: string };
let token: string;

beforeAll(async () => {
  db = await createDatabase('identity');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  token = await tokenFor(['registrar'], ['5316']);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await dropDatabase(db.name);
});

const person = (i: number) => ({
  fullName: `Anak Nomor ${i}`,
  birthPlace: 'Boawae',
  birthDate: '2026-11-20',
  sex: 'M',
  religion: 'KATOLIK',
  maritalStatus: 'BELUM_KAWIN',
  motherName: `Ibu ${i}`,
  districtCode: '531603',
  villageCode: '5316031001',
  address: 'Boawae',
});

describe('identity on PostgreSQL', () => {
  it('issues distinct consecutive NIKs to 25 concurrent registrations under one prefix', async () => {
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/residents', headers: { authorization: `Bearer ${token}` }, payload: person(i) }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(25).fill(201));
    const niks = responses.map((r) => r.json().nik as string).sort();
    expect(niks).toEqual(Array.from({ length: 25 }, (_, i) => `531603201126${String(i + 1).padStart(4, '0')}`));
  });

  it('refuses a taken NIK with 409 and keeps one row', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/residents',
      headers: { authorization: `Bearer ${token}` },
      payload: { ...person(99), nik: '5316032011260001' },
    });
    expect(again.statusCode).toBe(409);
    const found = await t.app.inject({ method: 'GET', url: '/residents?nik=5316032011260001', headers: { authorization: `Bearer ${token}` } });
    expect(found.json().items).toHaveLength(1);
  });
});
