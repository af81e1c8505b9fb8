// The e-KTP of residents through the HTTP API, on SQLite (service tier): the status derived from age and
// marital status, the lifecycle from recording to issue and the reprint path, every refused transition (422 with
// the domain's code), stale versions (409), bad input (400) and who may call (401/403), with one outbox event
// and one audit row per accepted action and nothing written for a refused one.
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry, localDate, OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { SUBJECTS } from '@adminduk/contracts';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;
let adultId: string;
let youngId: string;
let people = 0;

const VISIT = '0190b5b4-1111-7000-8000-000000000001';
const today = localDate('+08:00');
/** The date `years` years (and `days` days) before today. */
function yearsAgo(years: number, days = 0): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function register(birthDate: string, maritalStatus = 'BELUM_KAWIN', districtCode = '531601', villageCode = '5316012002'): Promise<string> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${operator}` },
    payload: {
      fullName: `Warga Ektp ${people}`,
      birthPlace: 'Mbay',
      birthDate,
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus,
      motherName: `Ibu Ektp ${people}`,
      districtCode,
      villageCode,
      address: 'RT 001 / RW 001',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const get = (id: string, token = operator) => t.app.inject({ method: 'GET', url: `/residents/${id}/ektp`, headers: { authorization: `Bearer ${token}` } });
const act = (id: string, body: object, token = operator) =>
  t.app.inject({ method: 'POST', url: `/residents/${id}/ektp/actions`, headers: { authorization: `Bearer ${token}` }, payload: body });

async function events(residentId: string) {
  const em = t.app.get(MikroORM).em.fork();
  const rows = await em.find(OutboxEvent, { subject: SUBJECTS.identity.ektpStatusChanged }, { orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p.residentId === residentId);
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['5316'], 'op-mbay');
  adultId = await register(yearsAgo(30), 'KAWIN_TERCATAT');
  youngId = await register(yearsAgo(16, -1)); // 17 tomorrow
});
afterAll(() => t.close());

describe('GET /residents/:id/ektp: the status before any action is derived (UU 24/2013 art. 63(1))', () => {
  it('an adult is wajib KTP and NOT_RECORDED; a 16-year-old is NOT_YET_COMPULSORY', async () => {
    const adult = await get(adultId);
    expect(adult.statusCode).toBe(200);
    expect(adult.json()).toMatchObject({ residentId: adultId, asOf: today, status: 'NOT_RECORDED', wajibKtp: true, version: 0, allowedActions: ['RECORD_BIOMETRICS'], history: [] });
    expect((await get(youngId)).json()).toMatchObject({ status: 'NOT_YET_COMPULSORY', wajibKtp: false, allowedActions: [] });
  });

  it('answers an unknown resident with 404 and a bad id with 400, as problem+json', async () => {
    const missing = await get('0190b5b4-0000-7000-8000-000000000000');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'RESIDENT_NOT_FOUND']);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const bad = await get('not-a-uuid');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'INVALID_ID']);
  });
});

describe('POST /residents/:id/ektp/actions: from recording to issue, and a reprint', () => {
  let id: string;
  beforeAll(async () => {
    id = await register(yearsAgo(20));
  });

  it('records biometrics on an outreach visit: by whom, where, which visit', async () => {
    const res = await act(id, { type: 'RECORD_BIOMETRICS', version: 0, place: 'SMA Negeri 1 Boawae', channel: 'OUTREACH', visitId: VISIT });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'RECORDED',
      version: 1,
      recordings: [{ by: 'op-mbay', place: 'SMA Negeri 1 Boawae', channel: 'OUTREACH', visitId: VISIT }],
      allowedActions: ['RECORD_BIOMETRICS', 'MARK_PRINT_READY'],
    });
    expect(res.json().recordings[0].at).toMatch(new RegExp(`^${today}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00$`));
  });

  it('goes through print-ready, printing and printed to issued at the office', async () => {
    for (const [version, type] of [[1, 'MARK_PRINT_READY'], [2, 'SEND_FOR_PRINTING'], [3, 'MARK_PRINTED']] as const) {
      expect((await act(id, { type, version })).statusCode).toBe(201);
    }
    const issued = await act(id, { type: 'ISSUE', version: 4 });
    expect(issued.json()).toMatchObject({ status: 'ISSUED', issueCount: 1, lastIssuedChannel: 'OFFICE', version: 5, reprint: false });
    expect((await get(id)).json().history.map((h: { type: string; status: string }) => `${h.type}→${h.status}`)).toEqual([
      'RECORD_BIOMETRICS→RECORDED',
      'MARK_PRINT_READY→PRINT_READY',
      'SEND_FOR_PRINTING→SENT_FOR_PRINTING',
      'MARK_PRINTED→PRINTED',
      'ISSUE→ISSUED',
    ]);
  });

  it('a lost card goes back to print-ready without new biometrics, and is issued again', async () => {
    const lost = await act(id, { type: 'REPORT_LOST', version: 5, reference: 'SKKH/112/XI/2026/Polsek Aesesa' });
    expect(lost.json()).toMatchObject({ status: 'PRINT_READY', reprint: true, reprints: [{ reason: 'LOST', reference: 'SKKH/112/XI/2026/Polsek Aesesa' }] });
    const recapture = await act(id, { type: 'RECORD_BIOMETRICS', version: 6, place: 'Kantor Dukcapil', channel: 'OFFICE' });
    expect([recapture.statusCode, recapture.json().errors.map((e: { code: string }) => e.code)]).toEqual([422, ['ACTION_NOT_ALLOWED']]);
    for (const [version, type] of [[6, 'SEND_FOR_PRINTING'], [7, 'MARK_PRINTED']] as const) expect((await act(id, { type, version })).statusCode).toBe(201);
    const again = await act(id, { type: 'ISSUE', version: 8, channel: 'OUTREACH', visitId: VISIT });
    expect(again.json()).toMatchObject({ status: 'ISSUED', issueCount: 2, lastIssuedChannel: 'OUTREACH' });
    expect(again.json().recordings).toHaveLength(1);
  });

  it('wrote one outbox event per accepted action, in order, with the channel and the region', async () => {
    const payloads = await events(id);
    expect(payloads.map((p) => [p.action, p.from, p.to])).toEqual([
      ['RECORD_BIOMETRICS', 'NOT_RECORDED', 'RECORDED'],
      ['MARK_PRINT_READY', 'RECORDED', 'PRINT_READY'],
      ['SEND_FOR_PRINTING', 'PRINT_READY', 'SENT_FOR_PRINTING'],
      ['MARK_PRINTED', 'SENT_FOR_PRINTING', 'PRINTED'],
      ['ISSUE', 'PRINTED', 'ISSUED'],
      ['REPORT_LOST', 'ISSUED', 'PRINT_READY'],
      ['SEND_FOR_PRINTING', 'PRINT_READY', 'SENT_FOR_PRINTING'],
      ['MARK_PRINTED', 'SENT_FOR_PRINTING', 'PRINTED'],
      ['ISSUE', 'PRINTED', 'ISSUED'],
    ]);
    expect(payloads[0]).toMatchObject({ channel: 'OUTREACH', visitId: VISIT, districtCode: '531601', villageCode: '5316012002' });
    expect(payloads[5]).toMatchObject({ reprint: true });
  });

  it('wrote the reads and changes to the audit trail, by resident id', async () => {
    const em = t.app.get(MikroORM).em.fork();
    const rows = await em.find(AuditEntry, { resourceType: 'ektp', resourceId: id });
    expect(rows.filter((r) => r.action === 'UPDATE')).toHaveLength(9);
    expect(rows.filter((r) => r.action === 'READ').length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.actorId === 'op-mbay' && r.regionCode === '531601')).toBe(true);
  });
});

describe('refused transitions: 422 EKTP_ACTION_REFUSED with the domain code, nothing written', () => {
  let id: string;
  beforeAll(async () => {
    id = await register(yearsAgo(40));
  });

  it.each([
    ['an issue before any print', () => ({ type: 'ISSUE', version: 0 }), 'ACTION_NOT_ALLOWED'],
    ['print-ready before recording', () => ({ type: 'MARK_PRINT_READY', version: 0 }), 'ACTION_NOT_ALLOWED'],
    ['a recording without the place', () => ({ type: 'RECORD_BIOMETRICS', version: 0, channel: 'OFFICE' }), 'PAYLOAD_FIELD_MISSING'],
    ['a recording without the channel', () => ({ type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor' }), 'PAYLOAD_FIELD_MISSING'],
    ['a visit for an office recording', () => ({ type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'OFFICE', visitId: VISIT }), 'PAYLOAD_FIELD_INVALID'],
    ['a lost card that was never issued', () => ({ type: 'REPORT_LOST', version: 0 }), 'ACTION_NOT_ALLOWED'],
  ])('%s', async (_what, body, code) => {
    const res = await act(id, body());
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'EKTP_ACTION_REFUSED', errors: [{ code }] });
  });

  it('names the field as the request named it, not by its place in the stored log', async () => {
    const res = await act(id, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'OFFICE', visitId: VISIT });
    const [item] = res.json().errors;
    expect(item).toMatchObject({ code: 'PAYLOAD_FIELD_INVALID', field: 'visitId', message: 'visitId is only for channel OUTREACH' });
    const missing = (await act(id, { type: 'RECORD_BIOMETRICS', version: 0, channel: 'OFFICE' })).json().errors[0];
    expect(missing).toMatchObject({ code: 'PAYLOAD_FIELD_MISSING', field: 'place', message: 'RECORD_BIOMETRICS needs place' });
  });

  it('refuses to record a 16-year-old who never married: not yet wajib KTP', async () => {
    const res = await act(youngId, { type: 'RECORD_BIOMETRICS', version: 0, place: 'SMA Negeri 1 Boawae', channel: 'OFFICE' });
    expect([res.statusCode, res.json().errors.map((e: { code: string }) => e.code)]).toEqual([422, ['NOT_WAJIB_KTP']]);
  });

  it('records a married 16-year-old (wajib KTP by marriage)', async () => {
    const married = await register(yearsAgo(16), 'KAWIN_TERCATAT');
    expect((await act(married, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dukcapil', channel: 'OFFICE' })).json().status).toBe('RECORDED');
  });

  it('wrote nothing for the refused actions', async () => {
    expect((await get(id)).json()).toMatchObject({ status: 'NOT_RECORDED', version: 0 });
    expect(await events(id)).toEqual([]);
    expect((await get(youngId)).json().version).toBe(0);
  });
});

describe('stale versions: 409 VERSION_CONFLICT, nothing written', () => {
  it('refuses a version behind or ahead of the e-KTP', async () => {
    const id = await register(yearsAgo(25));
    expect((await act(id, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'OFFICE' })).statusCode).toBe(201);
    for (const version of [0, 2]) {
      const res = await act(id, { type: 'MARK_PRINT_READY', version });
      expect([res.statusCode, res.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    }
    expect((await get(id)).json()).toMatchObject({ status: 'RECORDED', version: 1 });
    expect(await events(id)).toHaveLength(1);
  });
});

describe('bad input: 400 problem+json, nothing written', () => {
  it.each([
    ['an unknown action type', { type: 'PRINT', version: 0 }, 'IS_IN'],
    ['no version', { type: 'MARK_PRINT_READY' }, 'IS_INT'],
    ['a version as text', { type: 'MARK_PRINT_READY', version: '0' }, 'IS_INT'],
    ['a negative version', { type: 'MARK_PRINT_READY', version: -1 }, 'MIN'],
    ['an unknown channel', { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'HOME' }, 'IS_IN'],
    ['a visit id that is not a UUID', { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'OUTREACH', visitId: 'visit-1' }, 'IS_UUID'],
    ['an empty place', { type: 'RECORD_BIOMETRICS', version: 0, place: '', channel: 'OFFICE' }, 'IS_LENGTH'],
    ['an unknown field', { type: 'MARK_PRINT_READY', version: 0, nik: '5316014103900001' }, 'UNKNOWN_FIELD'],
    ['a field of another action', { type: 'MARK_PRINT_READY', version: 0, place: 'Kantor' }, 'FIELD_NOT_FOR_ACTION'],
  ])('%s', async (_what, body, itemCode) => {
    const res = await act(adultId, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { code: string }) => e.code)).toContain(itemCode);
  });

  it('answers a malformed body and a bad id with 400', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: `/residents/${adultId}/ektp/actions`,
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      payload: '{"type":',
    });
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'MALFORMED_BODY']);
    const badId = await act('123', { type: 'MARK_PRINT_READY', version: 0 });
    expect([badId.statusCode, badId.json().code]).toEqual([400, 'INVALID_ID']);
  });

  it('wrote nothing', async () => {
    expect((await get(adultId)).json().version).toBe(0);
    expect(await events(adultId)).toEqual([]);
  });
});

describe('who may call: operators and registrars change, integrators read, within their region; analysts read aggregates only', () => {
  it.each([
    ['registrar', ['registrar'], 200, 201],
    ['operator', ['operator'], 200, 201],
    ['analyst', ['analyst'], 403, 403],
    ['integrator', ['integrator'], 200, 403],
    ['partner', ['partner'], 403, 403],
  ] as const)('%s %j: read %i, change %i', async (_who, roles, read, change) => {
    const id = await register(yearsAgo(22));
    const token = await tokenFor(roles, ['531601']);
    expect((await get(id, token)).statusCode).toBe(read);
    const res = await act(id, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'OFFICE' }, token);
    expect(res.statusCode).toBe(change);
    if (change === 403) expect(res.json().code).toBe('ROLE_NOT_ALLOWED');
  });

  it('refuses a caller of another kecamatan (403 OUTSIDE_REGION, audited as DENIED) and writes nothing', async () => {
    const elsewhere = await tokenFor(['operator'], ['531603'], 'op-boawae');
    const read = await get(adultId, elsewhere);
    expect([read.statusCode, read.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    const change = await act(adultId, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'OFFICE' }, elsewhere);
    expect([change.statusCode, change.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    expect((await get(adultId)).json().version).toBe(0);
    const denied = await t.app.get(MikroORM).em.fork().find(AuditEntry, { resourceType: 'ektp', resourceId: adultId, outcome: 'DENIED' });
    expect(denied.map((d) => [d.action, d.actorId]).sort()).toEqual([
      ['READ', 'op-boawae'],
      ['UPDATE', 'op-boawae'],
    ]);
  });

  it('answers a caller without a token with 401', async () => {
    const read = await t.app.inject({ method: 'GET', url: `/residents/${adultId}/ektp` });
    const change = await t.app.inject({ method: 'POST', url: `/residents/${adultId}/ektp/actions`, payload: { type: 'MARK_PRINT_READY', version: 0 } });
    expect([read.statusCode, read.json().code, change.statusCode, change.json().code]).toEqual([401, 'UNAUTHENTICATED', 401, 'UNAUTHENTICATED']);
  });
});

describe("the resident's status limits the e-KTP", () => {
  it('refuses any action once the death is recorded (422 RESIDENT_DECEASED), and lists none', async () => {
    const id = await register(yearsAgo(60));
    const version = (await t.app.inject({ method: 'GET', url: `/residents/${id}`, headers: { authorization: `Bearer ${operator}` } })).json().version;
    const death = await t.app.inject({ method: 'POST', url: `/residents/${id}/death`, headers: { authorization: `Bearer ${operator}` }, payload: { version, dateOfDeath: today } });
    expect(death.statusCode).toBe(200);
    const res = await act(id, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor', channel: 'OFFICE' });
    expect([res.statusCode, res.json().errors.map((e: { code: string }) => e.code)]).toEqual([422, ['RESIDENT_DECEASED']]);
    expect((await get(id)).json()).toMatchObject({ status: 'NOT_RECORDED', allowedActions: [], version: 0 });
  });
});
