// GET /villages/{code}/documents on the machine's PostgreSQL (integration tier): the outreach team downloads the
// e-KTP and KIA states of a village's living residents before driving to a village without signal. Each item says
// what GET /residents/{id}/ektp and …/kia say (status, version, allowed actions; the child's KIA type); a history
// that no longer folds is null with its problem code; residents of another village and the deceased are absent;
// pages follow the resident ids; a bounded number of queries a page; one audit row a page; bad input is 400 and
// callers outside the region or without the role are 403.
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry, AuditEntryResult } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { KiaActionRecord } from '../src/kia/kia-action.entity';
import { yearsAgo } from './idempotency-fixtures';

const VILLAGE = '5316012002';
const OTHER_VILLAGE = '5316011001';

let t: TestApp;
let db: { name: string; url: string } | undefined;
let operator: string;
let people = 0;
const ids = {} as Record<'notRecorded' | 'recorded' | 'underFive' | 'inconsistent' | 'otherVillage' | 'deceased', string>;

async function register(birthDate: string, villageCode = VILLAGE): Promise<string> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${operator}` },
    payload: {
      fullName: `Warga Desa ${people}`,
      birthPlace: 'Mbay',
      birthDate,
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus: 'BELUM_KAWIN',
      motherName: `Ibu Desa ${people}`,
      districtCode: '531601',
      villageCode,
      address: 'RT 002 / RW 001',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const get = (url: string, token = operator) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  db = await createDatabase('villagedocs');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  operator = await tokenFor(['operator'], ['531601'], 'tim-jemput-bola');

  ids.notRecorded = await register('1990-03-01');
  ids.recorded = await register('1988-07-15');
  const recorded = await t.app.inject({
    method: 'POST',
    url: `/residents/${ids.recorded}/ektp/actions`,
    headers: { authorization: `Bearer ${operator}` },
    payload: { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Desa Labolewa', channel: 'OFFICE' },
  });
  expect(recorded.statusCode).toBe(201);
  ids.underFive = await register(yearsAgo(3));
  // Her KIA application has a photo of the KK already (taken at the counter): the team need not take it again.
  const kk = await t.app.inject({
    method: 'POST',
    url: `/residents/${ids.underFive}/kia/documents?kind=KK`,
    headers: { authorization: `Bearer ${operator}`, 'content-type': 'image/jpeg' },
    payload: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
  });
  expect(kk.statusCode).toBe(201);
  // An adult with a KIA printed in its log: a history the KIA rules no longer accept (as after a corrected birth date).
  ids.inconsistent = await register('1995-01-20');
  const em = t.app.get(MikroORM).em.fork();
  em.create(KiaActionRecord, { residentId: ids.inconsistent, seq: 1, type: 'PRINT', at: '2026-01-05T09:00:00.000+08:00', actedBy: 'op-lama', payload: { kiaType: 'FROM_5_TO_UNDER_17' } });
  await em.flush();
  ids.otherVillage = await register('1980-02-02', OTHER_VILLAGE);
  ids.deceased = await register('1950-05-05');
  const died = await t.app.inject({ method: 'POST', url: `/residents/${ids.deceased}/death`, headers: { authorization: `Bearer ${operator}` }, payload: { version: 1, dateOfDeath: '2026-11-01' } });
  expect(died.statusCode).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

describe('GET /villages/{code}/documents', () => {
  it('lists the living residents of the village by id, each with what the per-resident endpoints say', async () => {
    const res = await get(`/villages/${VILLAGE}/documents`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    const expected = [ids.notRecorded, ids.recorded, ids.underFive, ids.inconsistent].sort();
    expect(page).toMatchObject({ villageCode: VILLAGE, next: null });
    expect(page.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(page.items.map((i: { residentId: string }) => i.residentId)).toEqual(expected);
    const byId = new Map(page.items.map((i: { residentId: string }) => [i.residentId, i]));
    expect(byId.get(ids.notRecorded)).toEqual({
      residentId: ids.notRecorded,
      ektp: { status: 'NOT_RECORDED', version: 0, allowedActions: ['RECORD_BIOMETRICS'] },
      kia: expect.objectContaining({ kiaType: null, version: 0 }),
      problems: [],
    });
    expect(byId.get(ids.recorded)).toMatchObject({ ektp: { status: 'RECORDED', version: 1 }, problems: [] });
    expect(byId.get(ids.underFive)).toMatchObject({
      ektp: { status: 'NOT_YET_COMPULSORY', version: 0 },
      kia: { status: 'NOT_ISSUED', version: 0, allowedActions: ['PRINT'], kiaType: 'UNDER_5', documentsOnFile: ['KK'] },
      problems: [],
    });
    expect(byId.get(ids.inconsistent)).toMatchObject({ ektp: { status: 'NOT_RECORDED' }, kia: null, problems: ['KIA_HISTORY_INCONSISTENT'] });
  });

  it('gives no name, NIK or address', async () => {
    const body = (await get(`/villages/${VILLAGE}/documents`)).body;
    expect(body).not.toMatch(/Warga Desa|Ibu Desa|RT 002|\d{16}/);
  });

  it('equals, item by item, GET /residents/{id}/ektp and /kia (a 409 there is null and a problem here)', async () => {
    const page = (await get(`/villages/${VILLAGE}/documents`)).json();
    for (const item of page.items) {
      const ektp = await get(`/residents/${item.residentId}/ektp`);
      const kia = await get(`/residents/${item.residentId}/kia`);
      if (ektp.statusCode === 200) {
        expect(item.ektp).toEqual({ status: ektp.json().status, version: ektp.json().version, allowedActions: ektp.json().allowedActions });
      } else {
        expect([ektp.statusCode, ektp.json().code, item.ektp]).toEqual([409, 'EKTP_HISTORY_INCONSISTENT', null]);
        expect(item.problems).toContain('EKTP_HISTORY_INCONSISTENT');
      }
      if (kia.statusCode === 200) {
        const eligibility = kia.json().eligibility;
        expect(item.kia).toEqual({
          status: kia.json().status,
          version: kia.json().version,
          allowedActions: kia.json().allowedActions,
          kiaType: eligibility.eligible ? eligibility.type : null,
          documentsOnFile: (kia.json().application?.documents ?? []).map((d: { kind: string }) => d.kind),
        });
      } else {
        expect([kia.statusCode, kia.json().code, item.kia]).toEqual([409, 'KIA_HISTORY_INCONSISTENT', null]);
        expect(item.problems).toContain('KIA_HISTORY_INCONSISTENT');
      }
    }
  });

  it('pages with after and limit: every resident once, in id order, next null on the last page', async () => {
    const all = [ids.notRecorded, ids.recorded, ids.underFive, ids.inconsistent].sort();
    const first = (await get(`/villages/${VILLAGE}/documents?limit=3`)).json();
    expect(first.items.map((i: { residentId: string }) => i.residentId)).toEqual(all.slice(0, 3));
    expect(first.next).toBe(all[2]);
    const second = (await get(`/villages/${VILLAGE}/documents?limit=3&after=${first.next}`)).json();
    expect(second.items.map((i: { residentId: string }) => i.residentId)).toEqual(all.slice(3));
    expect(second.next).toBeNull();
    const exact = (await get(`/villages/${VILLAGE}/documents?limit=4`)).json();
    expect([exact.items.length, exact.next]).toEqual([4, null]);
    const past = (await get(`/villages/${VILLAGE}/documents?after=${all[3]}`)).json();
    expect([past.items, past.next]).toEqual([[], null]);
  });

  it('an empty village is an empty page', async () => {
    const res = await get('/villages/5316012004/documents');
    expect([res.statusCode, res.json().items, res.json().next]).toEqual([200, [], null]);
  });

  it('reads a page with the same number of queries whatever its size (no query per resident)', async () => {
    const connection = t.app.get(MikroORM).em.getConnection();
    const count = async (url: string) => {
      const spy = jest.spyOn(connection, 'execute');
      try {
        expect((await get(url)).statusCode).toBe(200);
        return spy.mock.calls.filter(([sql]) => typeof sql === 'string' && /^\s*select/i.test(sql)).length;
      } finally {
        spy.mockRestore();
      }
    };
    const one = await count(`/villages/${VILLAGE}/documents?limit=1`);
    const four = await count(`/villages/${VILLAGE}/documents?limit=4`);
    expect(four).toBe(one);
    // the residents, their e-KTP actions, their KIA actions (the holders' status facts only when one is not ALIVE)
    expect(one).toBeGreaterThanOrEqual(3);
    expect(four).toBeLessThanOrEqual(4);
  });

  it('writes one SEARCH audit row per page naming every resident it returned', async () => {
    const em = t.app.get(MikroORM).em.fork();
    const before = await em.count(AuditEntry, { resourceType: 'village-documents', action: 'SEARCH' });
    const page = (await get(`/villages/${VILLAGE}/documents`)).json();
    const entries = await em.find(AuditEntry, { resourceType: 'village-documents', action: 'SEARCH' }, { orderBy: { at: 'desc', id: 'desc' } });
    expect(entries).toHaveLength(before + 1);
    const results = await em.find(AuditEntryResult, { entry: entries[0]?.id });
    expect(results.map((r) => r.resourceId).sort()).toEqual(page.items.map((i: { residentId: string }) => i.residentId).sort());
  });
});

describe('GET /villages/{code}/documents: bad input and callers', () => {
  it.each(['53160120', '53.16.01.2002', '531601200x', '53160120021'])('a malformed village code %s is 400 INVALID_CODE (problem+json), as outreach’s /villages/{code}', async (code) => {
    const res = await get(`/villages/${code}/documents`);
    expect([res.statusCode, res.json().code]).toEqual([400, 'INVALID_CODE']);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('a code that is no desa / kelurahan is 404 VILLAGE_NOT_FOUND', async () => {
    const res = await get('/villages/5316019999/documents');
    expect([res.statusCode, res.json().code]).toEqual([404, 'VILLAGE_NOT_FOUND']);
  });

  it.each(['limit=0', 'limit=501', 'limit=abc', 'limit=2.5', 'after=not-a-uuid', 'sort=name'])('%s is 400 VALIDATION_FAILED', async (query) => {
    const res = await get(`/villages/${VILLAGE}/documents?${query}`);
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('limit=500 is taken', async () => {
    expect((await get(`/villages/${VILLAGE}/documents?limit=500`)).statusCode).toBe(200);
  });

  it('a village outside the caller’s region is 403 OUTSIDE_REGION, written to the audit trail as DENIED', async () => {
    const elsewhere = await tokenFor(['operator'], ['531603'], 'op-aesesa-selatan');
    const res = await get(`/villages/${VILLAGE}/documents`, elsewhere);
    expect([res.statusCode, res.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    const denied = await t.app.get(MikroORM).em.fork().find(AuditEntry, { resourceType: 'village-documents', outcome: 'DENIED', actorId: 'op-aesesa-selatan' });
    expect(denied).toHaveLength(1);
  });

  it('an analyst or integrator (no e-KTP/KIA actions) is 403; no token is 401', async () => {
    for (const role of ['analyst', 'integrator', 'partner'] as const) {
      const res = await get(`/villages/${VILLAGE}/documents`, await tokenFor([role], ['531601'], `${role}-1`));
      expect(res.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: `/villages/${VILLAGE}/documents` })).statusCode).toBe(401);
  });
});
