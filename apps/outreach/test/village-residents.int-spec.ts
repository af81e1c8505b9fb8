// GET /backlog/villages/{code}/residents on the machine's PostgreSQL (integration tier): who in one village is due
// what, by resident id, for the village team's day (Jemput Bola). The read model is seeded by identity and deeds
// events delivered to the backlog's consumers as the platform delivers them (inbox transaction, request context).
// Each kind of the list is exactly a unit of the village's count in GET /backlog — checked on hand-picked residents
// and on a grid of every age, e-KTP state, KIA state and birth deed known; the dead, residents of another village and
// rows without a registration are not listed; a malformed, unknown or out-of-scope village is refused as
// GET /villages/{code} refuses it.
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS, type KiaStatusChanged, type ResidentRegistered } from '@adminduk/contracts';
import { AuditEntry, uuidv7 } from '@adminduk/platform';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { Caller, deedStep, deliver, deliverResidentGrid, dueTally, ektp, registered, startOutreach, statusChanged, TODAY, villageBacklog, yearsAgo, type DueItem, type Json } from './outreach-fixtures';

let db: { name: string; url: string } | undefined;
let t: TestApp;
let operator: Caller;

jest.setTimeout(120_000);

beforeAll(async () => {
  db = await createDatabase('outreachresidents');
  t = await startOutreach({ DATABASE_URL: db.url });
  operator = new Caller(t, ['operator'], ['5316']);
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

const place = (villageCode: string) => ({ districtCode: villageCode.slice(0, 6), villageCode });
async function residents(caller: Caller, villageCode: string): Promise<DueItem[]> {
  const res = await caller.call('GET', `/backlog/villages/${villageCode}/residents`);
  if (res.status !== 200) throw new Error(`GET residents of ${villageCode}: ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.body).toMatchObject({ villageCode, asOf: TODAY });
  return res.body.items;
}

describe('one village: each kind due, in order, by resident id', () => {
  const V = '5316012002'; // Labolewa
  const OTHER = '5316011001'; // Dhawe, the same kecamatan
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const people: Record<string, ResidentRegistered> = {
      toRecord: registered({ birthDate: yearsAgo(30), ...place(V) }),
      toHandOverEktp: registered({ birthDate: yearsAgo(40), ektpState: 'PRINTED', ...place(V) }),
      recorded: registered({ birthDate: yearsAgo(35), ektpState: 'RECORDED', ...place(V) }),
      baby: registered({ birthDate: yearsAgo(3), ...place(V) }),
      withPrintedKia: registered({ birthDate: yearsAgo(4), hasBirthDeed: true, kiaState: 'PRINTED', ...place(V) }),
      withKia: registered({ birthDate: yearsAgo(9), hasBirthDeed: true, kiaState: 'ISSUED', ...place(V) }),
      expiredKia: registered({ birthDate: yearsAgo(6), hasBirthDeed: true, kiaState: 'EXPIRED', ...place(V) }),
      seventeen: registered({ birthDate: yearsAgo(17, 30), ektpState: 'PRINTED', ...place(V) }),
      dies: registered({ birthDate: yearsAgo(70), ...place(V) }),
      elsewhere: registered({ birthDate: yearsAgo(30), ...place(OTHER) }),
    };
    for (const [name, p] of Object.entries(people)) {
      ids[name] = p.residentId;
      await deliver(t, SUBJECTS.identity.residentRegistered, p);
    }
    await deliver(t, SUBJECTS.identity.residentStatusChanged, statusChanged(ids.dies as string, { from: 'ALIVE', to: 'DECEASED', change: 'DEATH', ...place(V) }));
    // Known only from an e-KTP step (its registration not yet arrived): not counted, not listed.
    ids.unregistered = uuidv7();
    await deliver(t, SUBJECTS.identity.ektpStatusChanged, ektp(ids.unregistered, 'NOT_RECORDED', 'RECORDED', place(V)));
    // A death deed registered, its kutipan not handed over: HANDOVER in the counts, no resident in the list.
    await deliver(t, SUBJECTS.deeds.deedStatusChanged, deedStep(uuidv7(), 'VERIFIED', 'REGISTERED', place(V)));
  });

  it('lists the living residents with something due, each kind in its order, ordered by resident id', async () => {
    const items = await residents(operator, V);
    expect(items.map((i) => i.residentId)).toEqual([...items.map((i) => i.residentId)].sort());
    const byName = Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, items.find((i) => i.residentId === id)?.due]));
    expect(byName).toEqual({
      toRecord: ['EKTP_RECORDING'],
      toHandOverEktp: ['EKTP_HANDOVER'],
      recorded: undefined,
      baby: ['BIRTH_DEED', 'KIA'],
      withPrintedKia: ['KIA_HANDOVER'],
      withKia: undefined,
      expiredKia: ['KIA'],
      seventeen: ['BIRTH_DEED', 'EKTP_HANDOVER'], // wajib KTP with a printed e-KTP, still a child of the birth-deed indicator
      dies: undefined,
      elsewhere: undefined,
      unregistered: undefined,
    });
    expect(items).toHaveLength(6);
  });

  it("matches the village's counts in GET /backlog kind by kind (HANDOVER also counts the registered deed)", async () => {
    const counted = (await villageBacklog(operator, V)).backlog;
    const listed = dueTally(await residents(operator, V));
    expect({ EKTP_RECORDING: counted.EKTP_RECORDING, BIRTH_DEED: counted.BIRTH_DEED, KIA: counted.KIA, HANDOVER: counted.HANDOVER - 1 }).toEqual(listed);
    expect(listed).toEqual({ EKTP_RECORDING: 1, BIRTH_DEED: 2, KIA: 2, HANDOVER: 3 });
  });

  it('follows the events: a recording made leaves the list, a KIA handed over too', async () => {
    await deliver(t, SUBJECTS.identity.ektpStatusChanged, ektp(ids.toRecord as string, 'NOT_RECORDED', 'RECORDED', place(V)));
    const kiaIssued: KiaStatusChanged = { residentId: ids.withPrintedKia as string, from: 'PRINTED', to: 'ISSUED', kiaType: 'UNDER_5', ...place(V) };
    await deliver(t, SUBJECTS.identity.kiaStatusChanged, kiaIssued);
    const listed = (await residents(operator, V)).map((i) => i.residentId);
    expect(listed).not.toContain(ids.toRecord);
    expect(listed).not.toContain(ids.withPrintedKia);
  });

  it('is audited as a search naming the residents returned', async () => {
    const items = await residents(operator, V);
    const em = t.app.get(MikroORM).em.fork();
    const [entry] = await em.find(AuditEntry, { resourceType: 'outreach-resident', action: 'SEARCH' }, { orderBy: { at: 'desc', id: 'desc' }, limit: 1, populate: ['results'] });
    expect(entry).toMatchObject({ regionCode: V, resultCount: items.length, actorRoles: ['operator'] });
    expect(
      entry?.results
        .getItems()
        .map((r) => r.resourceId)
        .sort(),
    ).toEqual(items.map((i) => i.residentId).sort());
  });
});

describe('the same definition as the counts, on a grid of residents', () => {
  const V = '5316031001'; // a village of kecamatan 531603 that no other test here uses

  it('every kind of every resident of the village: the list tallies to the counts of GET /backlog', async () => {
    await deliverResidentGrid(t, V);
    const counted = (await villageBacklog(operator, V)).backlog;
    const items = await residents(operator, V);
    expect(dueTally(items)).toEqual({ EKTP_RECORDING: counted.EKTP_RECORDING, BIRTH_DEED: counted.BIRTH_DEED, KIA: counted.KIA, HANDOVER: counted.HANDOVER });
    // Every kind occurs, so that the equality says something about each.
    for (const kind of ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'EKTP_HANDOVER', 'KIA_HANDOVER']) expect(items.some((i) => i.due.includes(kind))).toBe(true);
  });
});

describe('refusals, as GET /villages/{code}', () => {
  const V = '5316012002';

  it.each(['531601200', '53160120021', '531601200x', 'Labolewa'])('a malformed code %p: 400 problem+json INVALID_CODE', async (code) => {
    const res = await operator.call('GET', `/backlog/villages/${code}/residents`);
    expect([res.status, res.contentType, res.body.code]).toEqual([400, expect.stringContaining('application/problem+json'), 'INVALID_CODE']);
  });

  it('a well-formed code of no village of the regency: 404 VILLAGE_NOT_FOUND, as GET /villages/{code}', async () => {
    const listed = await operator.call('GET', '/backlog/villages/5316999999/residents');
    const village = await operator.call('GET', '/villages/5316999999');
    expect([listed.status, listed.body.code]).toEqual([404, 'VILLAGE_NOT_FOUND']);
    expect([village.status, village.body.code]).toEqual([listed.status, listed.body.code]);
  });

  it.each([
    ['another kecamatan of the regency', ['531605']],
    ['another regency', ['5371']],
  ])('a village outside the caller’s scope (%s): 403 OUTSIDE_REGION, nothing listed', async (_, regions) => {
    const res = await new Caller(t, ['operator'], regions).call<Json>('GET', `/backlog/villages/${V}/residents`);
    expect([res.status, res.contentType, res.body.code]).toEqual([403, expect.stringContaining('application/problem+json'), 'OUTSIDE_REGION']);
    expect(res.body.items).toBeUndefined();
  });

  it('a caller of the village’s own kecamatan sees it', async () => {
    expect((await new Caller(t, ['registrar'], ['531601']).call('GET', `/backlog/villages/${V}/residents`)).status).toBe(200);
  });

  it('a partner institution may not call it: 403 ROLE_NOT_ALLOWED', async () => {
    const res = await new Caller(t, ['partner'], ['5316']).call('GET', `/backlog/villages/${V}/residents`);
    expect([res.status, res.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });
});
