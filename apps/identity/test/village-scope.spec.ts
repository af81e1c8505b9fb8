// A village-scoped caller (issue 16: "village scope works as documented"). docs/integrators.md and docs/oidc.md
// document `regions` as region code prefixes — `5316` the regency, `531603` a kecamatan, `5316031001` one desa —
// so a desa's operator reads and changes the residents and family cards of that desa, and nothing of the desa
// next door. Until issue 16 the scope was compared with the kecamatan only, so a desa's operator saw nothing at all.
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { heldDeathReview } from './deed-event-reviews-fixtures';

const OWN = '5316012002';
const NEIGHBOUR = '5316011001';

let t: TestApp;
let regency: string;
let desa: string;
const ids: Record<'own' | 'neighbour', { resident: string; nik: string; card: string; kk: string }> = {} as never;

async function call(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

async function household(village: string, n: number) {
  const res = await call('POST', '/residents', regency, {
    fullName: `Warga Desa ${n}`,
    birthPlace: 'Mbay',
    birthDate: '1980-05-0' + n,
    sex: 'M',
    religion: 'KATOLIK',
    maritalStatus: 'BELUM_KAWIN',
    motherName: `Ibu Desa ${n}`,
    districtCode: village.slice(0, 6),
    villageCode: village,
    address: 'RT 001 / RW 001',
  });
  expect(res.status).toBe(201);
  const card = await call('POST', '/family-cards', regency, { members: [{ residentId: res.body.id, relationship: 1 }] });
  expect(card.status).toBe(201);
  return { resident: res.body.id as string, nik: res.body.nik as string, card: card.body.id as string, kk: card.body.kkNumber as string };
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  regency = await tokenFor(['registrar'], ['5316'], 'registrar-regency');
  desa = await tokenFor(['operator'], [OWN], 'operator-desa');
  ids.own = await household(OWN, 1);
  ids.neighbour = await household(NEIGHBOUR, 2);
});
afterAll(() => t?.close());

describe("a desa's operator (regions: one 10-digit village code)", () => {
  it('finds the residents of its own desa by village, and none of the desa next door', async () => {
    const own = await call('GET', `/residents?villageCode=${OWN}`, desa);
    expect([own.status, own.body.items.map((r: { id: string }) => r.id)]).toEqual([200, [ids.own.resident]]);
    const neighbour = await call('GET', `/residents?villageCode=${NEIGHBOUR}`, desa);
    expect([neighbour.status, neighbour.body.items]).toEqual([200, []]);
  });

  it('finds its own residents by NIK and by No. KK, not the neighbours', async () => {
    expect((await call('GET', `/residents?nik=${ids.own.nik}`, desa)).body.items.map((r: { id: string }) => r.id)).toEqual([ids.own.resident]);
    expect((await call('GET', `/residents?nik=${ids.neighbour.nik}`, desa)).body.items).toEqual([]);
    expect((await call('GET', `/residents?kkNumber=${ids.own.kk}`, desa)).body.items.map((r: { id: string }) => r.id)).toEqual([ids.own.resident]);
  });

  it('reads its own resident, its status and its e-KTP; the neighbour is 403 OUTSIDE_REGION', async () => {
    for (const path of ['', '/status', '/ektp']) {
      expect({ path, status: (await call('GET', `/residents/${ids.own.resident}${path}`, desa)).status }).toEqual({ path, status: 200 });
      const other = await call('GET', `/residents/${ids.neighbour.resident}${path}`, desa);
      expect({ path, status: other.status, code: other.body.code }).toEqual({ path, status: 403, code: 'OUTSIDE_REGION' });
    }
  });

  it("reads its own desa's family card, by id and by No. KK; the neighbour's is refused or not listed", async () => {
    expect((await call('GET', `/family-cards/${ids.own.card}`, desa)).status).toBe(200);
    expect((await call('GET', `/family-cards/${ids.own.card}/versions`, desa)).status).toBe(200);
    expect((await call('GET', `/family-cards?kkNumber=${ids.own.kk}`, desa)).body.items.map((c: { id: string }) => c.id)).toEqual([ids.own.card]);
    const other = await call('GET', `/family-cards/${ids.neighbour.card}`, desa);
    expect([other.status, other.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    expect((await call('GET', `/family-cards?kkNumber=${ids.neighbour.kk}`, desa)).body.items).toEqual([]);
  });

  it('registers a resident in its own desa, not in the desa next door', async () => {
    const person = { fullName: 'Warga Baru', birthPlace: 'Mbay', birthDate: '1999-09-09', sex: 'M', religion: 'KATOLIK', maritalStatus: 'BELUM_KAWIN', motherName: 'Ibu Baru', address: 'RT 003' };
    const own = await call('POST', '/residents', desa, { ...person, districtCode: '531601', villageCode: OWN });
    expect(own.status).toBe(201);
    const other = await call('POST', '/residents', desa, { ...person, fullName: 'Warga Lain', motherName: 'Ibu Lain', districtCode: '531601', villageCode: NEIGHBOUR });
    expect([other.status, other.body.code]).toEqual([403, 'OUTSIDE_REGION']);
  });
});

describe("a desa's operator and the deed-event reviews (issue 16: reviews were kept by kecamatan only)", () => {
  it('lists and reads the reviews of deeds registered in its desa, not those of the desa next door', async () => {
    const own = await heldDeathReview(t, ids.own.resident, OWN);
    const neighbour = await heldDeathReview(t, ids.neighbour.resident, NEIGHBOUR);
    const list = await call('GET', '/deed-event-reviews', desa);
    // Before: the desa scope was compared with the review's kecamatan, so the list was empty and the review 403.
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string; villageCode: string | null }) => [r.id, r.villageCode])).toEqual([[own, OWN]]);
    expect((await call('GET', `/deed-event-reviews/${own}`, desa)).status).toBe(200);
    const refused = await call('GET', `/deed-event-reviews/${neighbour}`, desa);
    expect([refused.status, refused.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    // The kecamatan's and the regency's people still see both.
    const wide = await call('GET', '/deed-event-reviews', regency);
    expect(wide.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([own, neighbour]));
  });
});
