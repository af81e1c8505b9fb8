// Moves follow the family card, on the machine's PostgreSQL (integration tier; issue 19): a member moving to another
// kecamatan must say whether the whole family moves or they leave the card (422 otherwise, nothing changed); the
// head's whole-family move takes every member and the card along under a new No. KK of the destination; a member
// moving alone leaves the card (the head's successor by the rules); a resident alone on a card takes it along; a
// family leaving the regency leaves its card closed. Never is a resident left on a card in a village they left.
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { OutboxEvent } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { FamilyCardVersion } from '../src/family-cards/family-card-version.entity';

let t: TestApp;
let db: { name: string; url: string };
let token: string;
let n = 0;

const LABOLEWA = { districtCode: '531601', villageCode: '5316012002' };
const RITI = { districtCode: '531602', villageCode: '5316022005', address: 'RT 001 / RW 002, Riti' };

beforeAll(async () => {
  db = await createDatabase('moves');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  token = await tokenFor(['registrar'], ['5316'], 'registrar-mbay');
}, 60_000);

afterAll(async () => {
  await t?.close();
  await dropDatabase(db.name);
});

interface Body {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly code: string;
  readonly version: number;
  readonly kkNumber: string;
  readonly status: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly familyCardId: string | null;
  readonly members: { readonly residentId: string; readonly relationship: number }[];
  readonly errors?: { readonly code: string; readonly field?: string }[];
}

async function call(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<{ status: number; body: Body }> {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() as Body };
}

async function resident(birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<string> {
  n += 1;
  const res = await call('POST', '/residents', {
    fullName: `Warga Pindah ${n}`,
    birthPlace: 'Mbay',
    birthDate,
    sex,
    religion: 'KATOLIK',
    maritalStatus,
    motherName: `Ibu Pindah ${n}`,
    ...LABOLEWA,
    address: 'RT 002 / RW 001, Labolewa',
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** A head, his wife and their son of 16 on one card in Labolewa. */
async function family(): Promise<{ head: string; wife: string; son: string; card: Body }> {
  const head = await resident('1980-04-12', 'M', 'KAWIN_TERCATAT');
  const wife = await resident('1984-09-30', 'F', 'KAWIN_TERCATAT');
  const son = await resident('2010-02-10', 'M', 'BELUM_KAWIN');
  const card = await call('POST', '/family-cards', {
    members: [
      { residentId: head, relationship: 1 },
      { residentId: wife, relationship: 3 },
      { residentId: son, relationship: 4, fatherResidentId: head, motherResidentId: wife },
    ],
  });
  expect(card.status).toBe(201);
  return { head, wife, son, card: card.body };
}

const get = async (url: string) => (await call('GET', url)).body;
/** A resident as GET /residents/{id} shows them, with no card as null (the view leaves the field out). */
const residentNow = async (id: string) => {
  const r = await get(`/residents/${id}`);
  return { ...r, familyCardId: r.familyCardId ?? null };
};
const version = async (id: string) => (await get(`/residents/${id}`)).version;

describe('a move of a resident on a family card', () => {
  it('with others on the card and no choice: 422 FAMILY_CARD_DECISION_REQUIRED, and nothing changes', async () => {
    const { wife, card } = await family();
    const res = await call('POST', `/residents/${wife}/move`, { version: await version(wife), ...RITI });
    expect([res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([422, 'FAMILY_CARD_DECISION_REQUIRED', 'family']);
    expect(await get(`/residents/${wife}`)).toMatchObject({ ...LABOLEWA, familyCardId: card.id });
    expect(await get(`/family-cards/${card.id}`)).toMatchObject({ version: card.version, kkNumber: card.kkNumber });
  });

  it('the whole family, asked by a member who is not the head: 422 FAMILY_MOVE_NOT_HEAD', async () => {
    const { son } = await family();
    const res = await call('POST', `/residents/${son}/move`, { version: await version(son), ...RITI, family: 'WHOLE_FAMILY' });
    expect([res.status, res.body.code]).toEqual([422, 'FAMILY_MOVE_NOT_HEAD']);
    expect(await get(`/residents/${son}`)).toMatchObject(LABOLEWA);
  });

  it('a choice that is not one: 400', async () => {
    const { head } = await family();
    const res = await call('POST', `/residents/${head}/move`, { version: await version(head), ...RITI, family: 'EVERYONE' });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('the head moves the whole family to another kecamatan: every member and the card follow, under a new No. KK of Keo Tengah', async () => {
    const { head, wife, son, card } = await family();
    const res = await call('POST', `/residents/${head}/move`, { version: await version(head), ...RITI, family: 'WHOLE_FAMILY', reference: 'SKP/531601/2026/0044' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ALIVE', districtCode: '531602', villageCode: '5316022005', familyCardId: card.id });
    for (const id of [head, wife, son]) {
      expect(await get(`/residents/${id}`)).toMatchObject({ districtCode: '531602', villageCode: '5316022005', address: RITI.address, familyCardId: card.id });
      expect((await get(`/residents/${id}/status`)).moves).toEqual([expect.objectContaining({ type: 'MOVE_WITHIN', kind: 'BETWEEN_DISTRICTS', from: '5316012002', to: '5316022005' })]);
    }
    const moved = await get(`/family-cards/${card.id}`);
    expect(moved).toMatchObject({ districtCode: '531602', villageCode: '5316022005', address: RITI.address, version: card.version + 1 });
    expect(moved.kkNumber.slice(0, 6)).toBe('531602');
    expect(moved.kkNumber).not.toBe(card.kkNumber);
    expect(moved.members.map((m) => [m.residentId, m.relationship])).toEqual([[head, 1], [wife, 3], [son, 4]]);
    const versions = await t.app.get(MikroORM).em.fork().find(FamilyCardVersion, { card: card.id }, { orderBy: { version: 'asc' } });
    expect(versions.map((v) => v.operation)).toEqual(['CREATE', 'MOVE_FAMILY']);
    const events = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.identity.residentStatusChanged });
    expect(events.filter((e) => [head, wife, son].includes((e.payload as { residentId: string }).residentId))).toHaveLength(3);
  });

  it('a member moves alone: they leave the card, which is reissued for those who stay', async () => {
    const { head, wife, son, card } = await family();
    const res = await call('POST', `/residents/${son}/move`, { version: await version(son), ...RITI, family: 'ALONE' });
    expect([res.status, res.body.familyCardId]).toEqual([200, null]);
    expect(await residentNow(son)).toMatchObject({ districtCode: '531602', familyCardId: null });
    const stays = await get(`/family-cards/${card.id}`);
    expect(stays.members.map((m) => m.residentId)).toEqual([head, wife]);
    expect(stays).toMatchObject({ ...LABOLEWA, version: card.version + 1 });
  });

  it('the head moves alone: his wife becomes head of the card that stays', async () => {
    const { head, wife, son, card } = await family();
    const res = await call('POST', `/residents/${head}/move`, { version: await version(head), ...RITI, family: 'ALONE' });
    expect(res.status).toBe(200);
    const stays = await get(`/family-cards/${card.id}`);
    expect(stays.members.map((m) => [m.residentId, m.relationship])).toEqual([[wife, 1], [son, 4]]);
    expect(await residentNow(head)).toMatchObject({ districtCode: '531602', familyCardId: null });
  });

  it('a resident alone on a card takes it along without being asked', async () => {
    const single = await resident('1990-01-01', 'F', 'BELUM_KAWIN');
    const card = (await call('POST', '/family-cards', { members: [{ residentId: single, relationship: 1 }] })).body;
    const res = await call('POST', `/residents/${single}/move`, { version: await version(single), ...RITI });
    expect([res.status, res.body.familyCardId]).toEqual([200, card.id]);
    expect(await get(`/family-cards/${card.id}`)).toMatchObject({ districtCode: '531602', villageCode: '5316022005' });
  });

  it('the whole family leaves the regency: everyone MOVED_OUT, the card closed, nobody on it', async () => {
    const { head, wife, son, card } = await family();
    const res = await call('POST', `/residents/${head}/move-out`, { version: await version(head), toRegionCode: '5371', family: 'WHOLE_FAMILY' });
    expect([res.status, res.body.status, res.body.familyCardId]).toEqual([200, 'MOVED_OUT', null]);
    for (const id of [head, wife, son]) expect(await residentNow(id)).toMatchObject({ status: 'MOVED_OUT', familyCardId: null });
    expect(await get(`/family-cards/${card.id}`)).toMatchObject({ status: 'CLOSED', members: [] });
  });
});
