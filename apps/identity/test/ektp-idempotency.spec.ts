// An e-KTP action sent with an Idempotency-Key through the HTTP API, on SQLite (service tier): the office app's
// offline outbox sends each command with a key made when the command was made, and sends it again after a lost
// answer or a reload mid-send. The same key and body get the first answer again with one action, one event and one
// audit row; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED; keys are per caller; a bad key is 400.
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry, OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { SUBJECTS } from '@adminduk/contracts';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;
let otherOperator: string;
let people = 0;

const VISIT = '0190b5b4-2222-7000-8000-000000000001';

async function register(): Promise<string> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${operator}` },
    payload: {
      fullName: `Warga Kunci ${people}`,
      birthPlace: 'Mbay',
      birthDate: '1990-03-01',
      sex: 'M',
      religion: 'KATOLIK',
      maritalStatus: 'BELUM_KAWIN',
      motherName: `Ibu Kunci ${people}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 001 / RW 001',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const record = { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Desa Labolewa', channel: 'OUTREACH', visitId: VISIT };
const act = (id: string, body: object, key?: string, token = operator) =>
  t.app.inject({
    method: 'POST',
    url: `/residents/${id}/ektp/actions`,
    headers: { authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: body,
  });

async function written(residentId: string) {
  const em = t.app.get(MikroORM).em.fork();
  const events = (await em.find(OutboxEvent, { subject: SUBJECTS.identity.ektpStatusChanged })).filter((r) => (r.payload as { residentId?: string }).residentId === residentId);
  const audits = await em.find(AuditEntry, { resourceType: 'ektp', resourceId: residentId, action: 'UPDATE' });
  return { events: events.length, audits: audits.length };
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['5316'], 'tim-jemput-bola');
  otherOperator = await tokenFor(['operator'], ['5316'], 'op-lain');
});
afterAll(() => t.close());

describe('POST /residents/:id/ektp/actions with an Idempotency-Key', () => {
  it('the same key and body sent again (a lost answer) get the first answer, and the recording is made once', async () => {
    const id = await register();
    const first = await act(id, record, 'jb-0001-aaaa');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'RECORDED', version: 1 });
    const again = await act(id, record, 'jb-0001-aaaa');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const now = await t.app.inject({ method: 'GET', url: `/residents/${id}/ektp`, headers: { authorization: `Bearer ${operator}` } });
    expect(now.json()).toMatchObject({ version: 1, recordings: [{ channel: 'OUTREACH', visitId: VISIT, place: 'Kantor Desa Labolewa' }] });
    expect(await written(id)).toEqual({ events: 1, audits: 1 });
  });

  it('without a key, the same body again is a stale version (409 VERSION_CONFLICT), as before', async () => {
    const id = await register();
    expect((await act(id, record)).statusCode).toBe(201);
    const again = await act(id, record);
    expect([again.statusCode, again.json().code]).toEqual([409, 'VERSION_CONFLICT']);
  });

  it('the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED) and nothing is written', async () => {
    const a = await register();
    const b = await register();
    expect((await act(a, record, 'jb-0002-bbbb')).statusCode).toBe(201);
    const otherResident = await act(b, record, 'jb-0002-bbbb');
    expect([otherResident.statusCode, otherResident.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const otherPlace = await act(a, { ...record, place: 'Balai Desa' }, 'jb-0002-bbbb');
    expect([otherPlace.statusCode, otherPlace.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await written(b)).toEqual({ events: 0, audits: 0 });
  });

  it('keys are per caller: another person may use the same key for their own action', async () => {
    const a = await register();
    const b = await register();
    expect((await act(a, record, 'jb-0003-cccc')).statusCode).toBe(201);
    const theirs = await act(b, record, 'jb-0003-cccc', otherOperator);
    expect([theirs.statusCode, theirs.json().status]).toEqual([201, 'RECORDED']);
  });

  it('a refused action leaves the key unused: a corrected retry with the same key is taken', async () => {
    const id = await register();
    const stale = await act(id, { ...record, version: 3 }, 'jb-0004-dddd');
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    const corrected = await act(id, record, 'jb-0004-dddd');
    expect([corrected.statusCode, corrected.json().version]).toEqual([201, 1]);
  });

  it('a malformed key is 400 IDEMPOTENCY_KEY_INVALID', async () => {
    const id = await register();
    const res = await act(id, record, 'spasi tidak boleh');
    expect([res.statusCode, res.json().code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
    expect(await written(id)).toEqual({ events: 0, audits: 0 });
  });
});
