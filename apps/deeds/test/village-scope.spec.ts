// A village-scoped caller (issue 16: "village scope works as documented"): `regions` are region code prefixes down
// to one desa (docs/integrators.md), so a desa's operator lists and reads the deeds of its desa. Until issue 16 the
// queue was queried by kecamatan and filtered afterwards: a page of the neighbours' deeds came back empty and
// without a next page, so the desa's own deeds were never reached.
import type { TestApp } from '@adminduk/platform/testing';
import { bootDeeds, Caller, daysAgo, family } from './deed-fixtures';

const OWN = '5316012002';
const NEIGHBOUR = '5316011001';

let t: TestApp;
let regency: Caller;
let desa: Caller;
const own: string[] = [];
const neighbours: string[] = [];

function birthApplication(villageCode: string, n: number) {
  const parents = family();
  return {
    deedType: 'BIRTH',
    eventDate: daysAgo(3),
    districtCode: '531601',
    villageCode,
    particulars: { child: { fullName: `Anak Desa ${n}`, sex: 'M', religion: 'KATOLIK' }, mother: parents.mother, father: parents.father, place: 'RSUD Aeramo', kkNumber: '5316010501200001' },
  };
}

beforeAll(async () => {
  t = await bootDeeds();
  regency = await Caller.user(t, ['operator'], ['5316'], 'operator-regency');
  desa = await Caller.user(t, ['operator'], [OWN], 'operator-desa');
  // The neighbours' applications first: they come first in the queue's order.
  for (let n = 1; n <= 4; n++) neighbours.push((await regency.ok('/deeds', birthApplication(NEIGHBOUR, n), 201)).body.id);
  for (let n = 5; n <= 6; n++) own.push((await regency.ok('/deeds', birthApplication(OWN, n), 201)).body.id);
});
afterAll(() => t?.close());

/** Every page of GET /deeds?limit=… as `caller`: the ids, in order. */
async function allPages(caller: Caller, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await caller.get(`/deeds?limit=${limit}${after ? `&after=${after}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((d: { id: string }) => d.id));
    after = res.body.next;
    if (!after) break;
  }
  return ids;
}

describe("a desa's operator (regions: one 10-digit village code)", () => {
  it("lists its own desa's deeds on the first page, and none of the neighbours'", async () => {
    const first = await desa.get('/deeds?limit=2');
    expect(first.body.items.map((d: { id: string }) => d.id)).toEqual(own);
    expect(await allPages(desa, 1)).toEqual(own);
  });

  it("reads its own desa's deed; the neighbours' is 403 OUTSIDE_REGION", async () => {
    expect((await desa.get(`/deeds/${own[0]}`)).status).toBe(200);
    const other = await desa.get(`/deeds/${neighbours[0]}`);
    expect([other.status, other.body.code]).toEqual([403, 'OUTSIDE_REGION']);
  });

  it('leaves the kecamatan and regency scopes as they were: they list both desa', async () => {
    const kecamatan = await Caller.user(t, ['operator'], ['531601'], 'operator-kecamatan');
    expect(await allPages(kecamatan, 4)).toEqual([...neighbours, ...own]);
    expect(await allPages(regency, 50)).toEqual([...neighbours, ...own]);
  });
});
