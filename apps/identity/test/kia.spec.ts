// The KIA (child identity card, Permendagri 2/2016) through the HTTP API, on SQLite (service tier): eligibility
// and type, print by type, issue, reissue after loss, every refused transition (422 with the domain's code),
// stale versions (409), bad input (400) and who may call (401/403), with one outbox event per accepted action.
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry, localDate, OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { SUBJECTS } from '@adminduk/contracts';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;
let people = 0;

const VISIT = '0190b5b4-2222-7000-8000-000000000002';
const today = localDate('+08:00');
function yearsAgo(years: number, days = 0): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
/** The day before `birthDate`'s `years`th birthday. */
function dayBeforeBirthday(birthDate: string, years: number): string {
  const d = new Date(`${birthDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function register(birthDate: string, maritalStatus = 'BELUM_KAWIN'): Promise<string> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${operator}` },
    payload: {
      fullName: `Anak Kia ${people}`,
      birthPlace: 'Boawae',
      birthDate,
      sex: 'M',
      religion: 'ISLAM',
      maritalStatus,
      motherName: `Ibu Kia ${people}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 003 / RW 001',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const get = (id: string, token = operator) => t.app.inject({ method: 'GET', url: `/residents/${id}/kia`, headers: { authorization: `Bearer ${token}` } });
const act = (id: string, body: object, token = operator) =>
  t.app.inject({ method: 'POST', url: `/residents/${id}/kia/actions`, headers: { authorization: `Bearer ${token}` }, payload: body });
const codes = (res: { json(): { errors?: { code: string }[] } }) => (res.json().errors ?? []).map((e) => e.code);

async function events(residentId: string) {
  const rows = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.identity.kiaStatusChanged }, { orderBy: { id: 'asc' } });
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p.residentId === residentId);
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['5316'], 'op-mbay');
});
afterAll(() => t.close());

describe('GET /residents/:id/kia: eligibility and type today', () => {
  it('a 3-year-old: UNDER_5 until the day before the 5th birthday', async () => {
    const birthDate = yearsAgo(3);
    const id = await register(birthDate);
    const res = await get(id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      residentId: id,
      status: 'NOT_ISSUED',
      eligibility: { eligible: true, type: 'UNDER_5', validUntil: dayBeforeBirthday(birthDate, 5) },
      card: null,
      allowedActions: ['PRINT'],
      version: 0,
    });
  });

  it('an adult and a married 16-year-old are not eligible, and may have nothing done', async () => {
    expect((await get(await register(yearsAgo(30)))).json()).toMatchObject({ eligibility: { eligible: false, reason: 'AGE_17_OR_OVER' }, allowedActions: [] });
    expect((await get(await register(yearsAgo(16), 'KAWIN_TERCATAT'))).json()).toMatchObject({ eligibility: { eligible: false, reason: 'EVER_MARRIED' }, allowedActions: [] });
  });

  it('answers an unknown resident with 404 problem+json', async () => {
    const res = await get('0190b5b4-0000-7000-8000-000000000000');
    expect([res.statusCode, res.json().code]).toEqual([404, 'RESIDENT_NOT_FOUND']);
  });
});

describe('POST /residents/:id/kia/actions: print by type, issue, reissue', () => {
  let id: string;
  let birthDate: string;
  beforeAll(async () => {
    birthDate = yearsAgo(8);
    id = await register(birthDate);
  });

  it('prints a FROM_5_TO_UNDER_17 card valid until the day before the 17th birthday, and hands it over on a visit', async () => {
    const printed = await act(id, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' });
    expect(printed.statusCode).toBe(201);
    expect(printed.json()).toMatchObject({ status: 'PRINTED', version: 1, card: { kiaType: 'FROM_5_TO_UNDER_17', validUntil: dayBeforeBirthday(birthDate, 17), printedBy: 'op-mbay' } });
    const issued = await act(id, { type: 'ISSUE', version: 1, channel: 'OUTREACH', visitId: VISIT });
    expect(issued.json()).toMatchObject({ status: 'ISSUED', version: 2, card: { issuedChannel: 'OUTREACH' }, allowedActions: ['REISSUE'] });
  });

  it('reissues a lost card, keeping the first', async () => {
    const reissued = await act(id, { type: 'REISSUE', version: 2, kiaType: 'FROM_5_TO_UNDER_17', reason: 'LOST', reference: 'SKKH/9/XI/2026' });
    expect(reissued.json()).toMatchObject({ status: 'PRINTED', card: { reissueReason: 'LOST', reference: 'SKKH/9/XI/2026' } });
    const issued = await act(id, { type: 'ISSUE', version: 3 });
    expect(issued.json()).toMatchObject({ status: 'ISSUED', card: { issuedChannel: 'OFFICE' } });
    expect(issued.json().cards).toHaveLength(2);
  });

  it('wrote one outbox event per action with the card type and validity, and the audit rows', async () => {
    expect((await events(id)).map((p) => [p.action, p.from, p.to, p.kiaType])).toEqual([
      ['PRINT', 'NOT_ISSUED', 'PRINTED', 'FROM_5_TO_UNDER_17'],
      ['ISSUE', 'PRINTED', 'ISSUED', 'FROM_5_TO_UNDER_17'],
      ['REISSUE', 'ISSUED', 'PRINTED', 'FROM_5_TO_UNDER_17'],
      ['ISSUE', 'PRINTED', 'ISSUED', 'FROM_5_TO_UNDER_17'],
    ]);
    expect((await events(id))[0]).toMatchObject({ validUntil: dayBeforeBirthday(birthDate, 17), districtCode: '531601' });
    const audit = await t.app.get(MikroORM).em.fork().find(AuditEntry, { resourceType: 'kia', resourceId: id, action: 'UPDATE' });
    expect(audit).toHaveLength(4);
  });
});

describe('refused transitions: 422 KIA_ACTION_REFUSED with the domain code, nothing written', () => {
  it.each([
    ['a type that is not the child’s', 3, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' }, ['KIA_TYPE_MISMATCH']],
    ['a print without the type', 3, { type: 'PRINT', version: 0 }, ['PAYLOAD_FIELD_MISSING']],
    ['an issue before a print', 3, { type: 'ISSUE', version: 0 }, ['ACTION_NOT_ALLOWED']],
    ['a reissue of a card never issued', 3, { type: 'REISSUE', version: 0, kiaType: 'UNDER_5', reason: 'DAMAGED' }, ['ACTION_NOT_ALLOWED']],
    ['a card for a 17-year-old', 17, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' }, ['KIA_NOT_ELIGIBLE']],
  ] as const)('%s', async (_what, age, body, expected) => {
    const id = await register(yearsAgo(age));
    const res = await act(id, body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('KIA_ACTION_REFUSED');
    expect(codes(res)).toEqual(expected);
    expect((await get(id)).json().version).toBe(0);
    expect(await events(id)).toEqual([]);
  });

  it('a card for a married child is refused (a married child is wajib KTP)', async () => {
    const id = await register(yearsAgo(16), 'KAWIN_BELUM_TERCATAT');
    expect(codes(await act(id, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' }))).toEqual(['KIA_NOT_ELIGIBLE']);
  });
});

describe('stale versions and bad input', () => {
  let id: string;
  beforeAll(async () => {
    id = await register(yearsAgo(2));
  });

  it('refuses a stale version with 409 VERSION_CONFLICT', async () => {
    expect((await act(id, { type: 'PRINT', version: 0, kiaType: 'UNDER_5' })).statusCode).toBe(201);
    const stale = await act(id, { type: 'ISSUE', version: 0 });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await get(id)).json()).toMatchObject({ status: 'PRINTED', version: 1 });
  });

  it.each([
    ['an unknown action type', { type: 'LAMINATE', version: 1 }, 'IS_IN'],
    ['an unknown card type', { type: 'REISSUE', version: 1, kiaType: 'UNDER_3', reason: 'LOST' }, 'IS_IN'],
    ['an unknown reason', { type: 'REISSUE', version: 1, kiaType: 'UNDER_5', reason: 'STOLEN_BY_GOAT' }, 'IS_IN'],
    ['no version', { type: 'ISSUE' }, 'IS_INT'],
    ['a field of another action', { type: 'ISSUE', version: 1, kiaType: 'UNDER_5' }, 'FIELD_NOT_FOR_ACTION'],
    ['an unknown field', { type: 'ISSUE', version: 1, photo: 'x.jpg' }, 'UNKNOWN_FIELD'],
    ['a visit id that is not a UUID', { type: 'ISSUE', version: 1, channel: 'OUTREACH', visitId: '42' }, 'IS_UUID'],
  ])('answers %s with 400', async (_what, body, itemCode) => {
    const res = await act(id, body);
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(codes(res)).toContain(itemCode);
  });

  it('wrote nothing for the refused requests', async () => {
    expect((await get(id)).json()).toMatchObject({ status: 'PRINTED', version: 1 });
    expect(await events(id)).toHaveLength(1);
  });
});

describe('who may call', () => {
  it.each([
    [['registrar'], 200, 201],
    [['analyst'], 403, 403],
    [['integrator'], 200, 403],
    [['partner'], 403, 403],
  ] as const)('%j: read %i, change %i', async (roles, read, change) => {
    const id = await register(yearsAgo(6));
    const token = await tokenFor(roles, ['531601']);
    expect((await get(id, token)).statusCode).toBe(read);
    expect((await act(id, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' }, token)).statusCode).toBe(change);
  });

  it('refuses another kecamatan with 403 OUTSIDE_REGION and no token with 401', async () => {
    const id = await register(yearsAgo(6));
    const elsewhere = await tokenFor(['operator'], ['531602']);
    expect((await get(id, elsewhere)).json().code).toBe('OUTSIDE_REGION');
    const change = await act(id, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' }, elsewhere);
    expect([change.statusCode, change.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    expect((await t.app.inject({ method: 'GET', url: `/residents/${id}/kia` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/residents/${id}/kia/actions`, payload: { type: 'PRINT', version: 0 } })).statusCode).toBe(401);
    expect((await get(id)).json().version).toBe(0);
  });
});

describe("the child's status limits the KIA", () => {
  it('refuses a card for a child who moved out of the regency (422 RESIDENT_MOVED_OUT)', async () => {
    const id = await register(yearsAgo(4));
    const version = (await t.app.inject({ method: 'GET', url: `/residents/${id}`, headers: { authorization: `Bearer ${operator}` } })).json().version;
    const out = await t.app.inject({ method: 'POST', url: `/residents/${id}/move-out`, headers: { authorization: `Bearer ${operator}` }, payload: { version, toRegionCode: '5371' } });
    expect(out.statusCode).toBe(200);
    const res = await act(id, { type: 'PRINT', version: 0, kiaType: 'UNDER_5' });
    expect([res.statusCode, codes(res)]).toEqual([422, ['RESIDENT_MOVED_OUT']]);
    expect((await get(id)).json().allowedActions).toEqual([]);
  });
});
