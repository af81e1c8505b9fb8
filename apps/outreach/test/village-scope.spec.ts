// A village-scoped caller (issue 16: "village scope works as documented"): `regions` are region code prefixes down
// to one desa (docs/integrators.md, docs/oidc.md), so a desa's operator sees its own desa in the backlog and the
// village list — also when it narrows them to its own kecamatan, as the village-visit screen does — and nothing of
// the desa next door nor the kecamatan's unassigned counts.
import type { TestApp } from '@adminduk/platform/testing';
import { Caller, deliver, registered, startOutreach, yearsAgo } from './outreach-fixtures';

const OWN = '5316012002';
const NEIGHBOUR = '5316011001';

let t: TestApp;
let desa: Caller;

beforeAll(async () => {
  t = await startOutreach();
  desa = new Caller(t, ['operator'], [OWN]);
  // One resident of age without an e-KTP recording in each desa: something due in both.
  await deliver(t, 'identity.resident.registered.v1', registered({ birthDate: yearsAgo(30), villageCode: OWN, districtCode: '531601' }));
  await deliver(t, 'identity.resident.registered.v1', registered({ birthDate: yearsAgo(30), villageCode: NEIGHBOUR, districtCode: '531601', nik: '5316010101900002' }));
});
afterAll(() => t?.close());

describe("a desa's operator (regions: one 10-digit village code)", () => {
  it.each(['/villages', '/villages?districtCode=531601'])('GET %s lists its own desa only', async (url) => {
    const res = await desa.call('GET', url);
    expect([res.status, res.body.items?.map((v: { code: string }) => v.code)]).toEqual([200, [OWN]]);
  });

  it('reads its own desa; the desa next door is 403 OUTSIDE_REGION', async () => {
    expect((await desa.call('GET', `/villages/${OWN}`)).status).toBe(200);
    const other = await desa.call('GET', `/villages/${NEIGHBOUR}`);
    expect([other.status, other.body.code]).toEqual([403, 'OUTSIDE_REGION']);
  });

  it.each(['/backlog', '/backlog?districtCode=531601'])('GET %s shows its own desa with its backlog, not the neighbours nor the unassigned', async (url) => {
    const res = await desa.call('GET', url);
    expect(res.status).toBe(200);
    expect(res.body.districts.map((d: { code: string; villages: { code: string }[]; unassigned: unknown }) => [d.code, d.villages.map((v) => v.code), d.unassigned])).toEqual([['531601', [OWN], null]]);
    expect(res.body.districts[0].villages[0].backlog.EKTP_RECORDING).toBe(1);
    expect(res.body.totals.backlog.EKTP_RECORDING).toBe(1);
  });

  it("lists its own desa's residents with something due; the neighbours' are 403", async () => {
    const own = await desa.call('GET', `/backlog/villages/${OWN}/residents`);
    expect([own.status, own.body.items.length]).toEqual([200, 1]);
    expect((await desa.call('GET', `/backlog/villages/${NEIGHBOUR}/residents`)).status).toBe(403);
  });

  it('is refused a kecamatan it has no desa in (403 OUTSIDE_REGION)', async () => {
    for (const url of ['/villages?districtCode=531602', '/backlog?districtCode=531602']) {
      const res = await desa.call('GET', url);
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 403, code: 'OUTSIDE_REGION' });
    }
  });
});
