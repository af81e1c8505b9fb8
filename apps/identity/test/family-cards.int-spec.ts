// Family cards on the machine's PostgreSQL (integration tier), with truly concurrent requests: of several
// edits of one card exactly one wins and the others get 409 VERSION_CONFLICT; cards issued and reissued at
// the same time in one kecamatan on one day get distinct numbers (the counter row's lock); a resident put on
// two cards at once ends up on one (the unique index); and the outbox holds one FamilyCardChanged per version.
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS, type FamilyCardChanged } from '@adminduk/contracts';
import { localDate, OutboxEvent } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { FamilyCardVersion } from '../src/family-cards/family-card-version.entity';

let t: TestApp;
let db: { name: string; url: string };
let token: string;
let n = 0;

beforeAll(async () => {
  db = await createDatabase('identity');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  token = await tokenFor(['registrar'], ['5316']);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await dropDatabase(db.name);
});

/** A response body as these tests read it (a card, a resident or a problem); absent fields fail the test. */
interface Reply {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly kkNumber: string;
  readonly code: string;
  readonly familyCardId?: string;
  readonly members: { readonly residentId: string; readonly relationship: number }[];
  readonly items: Reply[];
}

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() as Reply };
}

async function resident(birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<string> {
  n += 1;
  const res = await call('POST', '/residents', {
    fullName: `Warga Boawae ${n}`,
    birthPlace: 'Boawae',
    birthDate,
    sex,
    religion: 'KATOLIK',
    maritalStatus,
    motherName: `Ibu Boawae ${n}`,
    districtCode: '531603',
    villageCode: '5316031001',
    address: 'Boawae',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function couple(): Promise<{ husband: string; wife: string; card: Reply }> {
  const husband = await resident('1981-05-05', 'M', 'KAWIN_TERCATAT');
  const wife = await resident('1983-06-06', 'F', 'KAWIN_TERCATAT');
  const res = await call('POST', '/family-cards', { members: [{ residentId: husband, relationship: 1 }, { residentId: wife, relationship: 3 }] });
  expect(res.status).toBe(201);
  return { husband, wife, card: res.body };
}

function todayPrefix(): string {
  const d = localDate(t.config.utcOffset);
  return `531603${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(2, 4)}`;
}

describe('family cards on PostgreSQL', () => {
  it('gives 12 cards issued at the same time in one kecamatan distinct, consecutive numbers', async () => {
    const heads: string[] = [];
    for (let i = 0; i < 12; i++) heads.push(await resident('1970-01-01', 'M', 'BELUM_KAWIN'));
    const responses = await Promise.all(heads.map((h) => call('POST', '/family-cards', { members: [{ residentId: h, relationship: 1 }] })));
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = responses.map((r) => r.body.kkNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `${todayPrefix()}${String(i + 1).padStart(4, '0')}`));
  });

  it('reissues numbers and issues new ones concurrently without a duplicate', async () => {
    const couples = [];
    for (let i = 0; i < 4; i++) couples.push(await couple());
    const singles: string[] = [];
    for (let i = 0; i < 4; i++) singles.push(await resident('1972-02-02', 'F', 'BELUM_KAWIN'));
    const responses = await Promise.all([
      ...couples.map((c) => call('POST', `/family-cards/${c.card.id}/head`, { version: 1, newHeadResidentId: c.wife })),
      ...singles.map((s) => call('POST', '/family-cards', { members: [{ residentId: s, relationship: 1 }] })),
    ]);
    expect(responses.map((r) => r.status)).toEqual([...Array(4).fill(200), ...Array(4).fill(201)]);
    const all = await t.app.get(MikroORM).em.fork().find(FamilyCardVersion, {});
    const current = responses.map((r) => r.body.kkNumber as string);
    expect(new Set(current).size).toBe(8);
    // No number held by one card was ever held by another.
    const holders = new Map<string, Set<string>>();
    for (const v of all) holders.set(v.kkNumber, new Set([...(holders.get(v.kkNumber) ?? []), v.card.id]));
    expect([...holders.values()].every((cards) => cards.size === 1)).toBe(true);
  });

  it('lets exactly one of five concurrent edits of one card win; the others get 409 VERSION_CONFLICT', async () => {
    const { husband, wife, card } = await couple();
    const babies: string[] = [];
    for (let i = 0; i < 3; i++) babies.push(await resident('2026-11-0' + (i + 1), i % 2 === 0 ? 'M' : 'F', 'BELUM_KAWIN'));
    const responses = await Promise.all([
      ...babies.map((b) => call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'BIRTH', residentId: b, fatherResidentId: husband, motherResidentId: wife })),
      call('POST', `/family-cards/${card.id}/head`, { version: 1, newHeadResidentId: wife }),
      call('POST', `/family-cards/${card.id}/members/${husband}/removal`, { version: 1, reason: 'MOVE_OUT' }),
    ]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT')).toBe(true);
    const winner = responses.find((r) => r.status === 200)?.body as Reply;
    const now = await call('GET', `/family-cards/${card.id}`);
    expect(now.body).toMatchObject({ version: 2, kkNumber: winner.kkNumber });
    expect(now.body.members).toEqual(winner.members);
    expect((await call('GET', `/family-cards/${card.id}/versions`)).body.items).toHaveLength(2);
    // The losers left no trace: only the winner's newborn, if the winner was a birth, is on the card.
    const winnerBabies = winner.members.filter((m) => babies.includes(m.residentId)).length;
    const onCard = await Promise.all(babies.map(async (b) => (await call('GET', `/residents/${b}`)).body.familyCardId));
    expect(winnerBabies).toBeLessThanOrEqual(1);
    expect(onCard.filter((id) => id === card.id)).toHaveLength(winnerBabies);
  });

  it('puts a resident added to two cards at the same time on one of them only', async () => {
    const first = await couple();
    const second = await couple();
    const grandmother = await resident('1940-03-03', 'F', 'CERAI_MATI');
    const responses = await Promise.all(
      [first, second].map((c) => call('POST', `/family-cards/${c.card.id}/members`, { version: 1, reason: 'MOVE_IN', residentId: grandmother, relationship: 8 })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(responses.find((r) => r.status === 409)?.body.code).toBe('RESIDENT_ALREADY_ON_CARD');
    const winner = responses.find((r) => r.status === 200)?.body as Reply;
    expect((await call('GET', `/residents/${grandmother}`)).body.familyCardId).toBe(winner.id);
    const loser = [first, second].find((c) => c.card.id !== winner.id)?.card as Reply;
    expect((await call('GET', `/family-cards/${loser.id}`)).body).toMatchObject({ version: 1, kkNumber: loser.kkNumber });
  });

  it('holds exactly one FamilyCardChanged event per card version in the outbox', async () => {
    const em = t.app.get(MikroORM).em.fork();
    const versions = await em.find(FamilyCardVersion, {});
    const events = (await em.find(OutboxEvent, { subject: SUBJECTS.identity.familyCardChanged })).map((e) => e.payload as FamilyCardChanged);
    const key = (cardId: string, version: number, kk: string) => `${cardId}/${version}/${kk}`;
    expect(events.map((e) => key(e.familyCardId, e.version, e.kkNumber)).sort()).toEqual(versions.map((v) => key(v.card.id, v.version, v.kkNumber)).sort());
    expect(versions.length).toBeGreaterThan(20);
  });
});
