// Family cards through the HTTP API, on SQLite (service tier): issuing a card, a newborn, a death of the head
// with succession, a change of head, pecah KK with two new numbers, the history of versions; each domain
// violation answered with 422 and the domain codes naming residents; bad input, roles and region scope; and
// nothing written for a refused request.
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { localDate, OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['5316']);
});
afterAll(() => t.close());

type Body = Record<string, unknown>;

/** A response body as these tests read it (a card, a split, a page, a resident or a problem); absent fields fail the test. */
interface Reply {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly kkNumber: string;
  readonly version: number;
  readonly code: string;
  readonly familyCardId?: string;
  readonly members: { readonly residentId: string; readonly relationship: number }[];
  readonly errors: { readonly code: string; readonly field?: string; readonly residentIds: string[]; readonly members?: number[] }[];
  readonly items: Reply[];
  readonly card: Reply;
  readonly newCard: Reply;
}

async function call(method: 'GET' | 'POST', url: string, payload?: unknown, token: string | null = operator) {
  const res = await t.app.inject({ method, url, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() as Reply, type: String(res.headers['content-type']) };
}

/** Registers a resident in kecamatan 531601 (Aesesa) and returns its id. */
async function resident(birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<string> {
  n += 1;
  const res = await call('POST', '/residents', {
    fullName: `Warga Nomor ${n}`,
    birthPlace: 'Mbay',
    birthDate,
    sex,
    religion: 'KATOLIK',
    maritalStatus,
    motherName: `Ibu Nomor ${n}`,
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 002 / RW 001, Labolewa',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** No. KK prefix of kecamatan 531601 today: kecamatan and date of issue DDMMYY. */
function todayPrefix(): string {
  const d = localDate(t.config.utcOffset);
  return `531601${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(2, 4)}`;
}

async function createCard(members: { residentId: string; relationship: number; fatherResidentId?: string; motherResidentId?: string }[]) {
  const res = await call('POST', '/family-cards', { members });
  expect(res.status).toBe(201);
  return res.body;
}

const roles = (body: Reply) => Object.fromEntries(body.members.map((m) => [m.residentId, m.relationship]));
const codes = (body: Reply) => body.errors.map((e) => e.code);

async function cardChangedEvents(familyCardId: string): Promise<Body[]> {
  const em = t.app.get(MikroORM).em.fork();
  const events = await em.find(OutboxEvent, { subject: SUBJECTS.identity.familyCardChanged }, { orderBy: { id: 'asc' } });
  return events.map((e) => e.payload as Body).filter((p) => p.familyCardId === familyCardId);
}

describe('a family through its changes', () => {
  let father: string;
  let mother: string;
  let baby: string;
  let card: Reply;

  it('issues a card with a new No. KK for registered residents, the address of its head, and version 1', async () => {
    father = await resident('1980-04-12', 'M', 'KAWIN_TERCATAT');
    mother = await resident('1984-09-30', 'F', 'KAWIN_TERCATAT');
    card = await createCard([
      { residentId: father, relationship: 1 },
      { residentId: mother, relationship: 3 },
    ]);
    expect(card).toMatchObject({ kkNumber: `${todayPrefix()}0001`, districtCode: '531601', villageCode: '5316012002', status: 'ACTIVE', version: 1 });
    expect(card.members).toEqual([
      expect.objectContaining({ residentId: father, relationship: 1, relationshipLabel: 'Kepala Keluarga', sex: 'M' }),
      expect.objectContaining({ residentId: mother, relationship: 3, relationshipLabel: 'Istri', sex: 'F' }),
    ]);
    expect((await call('GET', `/residents/${father}`)).body.familyCardId).toBe(card.id);
  });

  it('adds a newborn as Anak of the head and reprints the card under its number', async () => {
    baby = await resident('2026-11-20', 'F', 'BELUM_KAWIN');
    const res = await call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'BIRTH', residentId: baby, fatherResidentId: father, motherResidentId: mother });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kkNumber: card.kkNumber, version: 2 });
    expect(roles(res.body)).toEqual({ [father]: 1, [mother]: 3, [baby]: 4 });
    expect(res.body.members[2]).toMatchObject({ residentId: baby, fatherResidentId: father, motherResidentId: mother });
    expect((await call('GET', `/residents/${baby}`)).body.familyCardId).toBe(card.id);
  });

  it('makes the mother head on request: the father becomes Suami and the card gets a new number', async () => {
    const res = await call('POST', `/family-cards/${card.id}/head`, { version: 2, newHeadResidentId: mother });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kkNumber: `${todayPrefix()}0002`, version: 3 });
    expect(roles(res.body)).toEqual({ [father]: 2, [mother]: 1, [baby]: 4 });
  });

  it('refuses a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
    const res = await call('POST', `/family-cards/${card.id}/head`, { version: 2, newHeadResidentId: father });
    expect(res.status).toBe(409);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe('VERSION_CONFLICT');
    expect((await call('GET', `/family-cards/${card.id}`)).body).toMatchObject({ version: 3, kkNumber: `${todayPrefix()}0002` });
  });

  it('keeps every version with its members and facts, NIKs replaced by resident ids', async () => {
    const res = await call('GET', `/family-cards/${card.id}/versions`);
    expect(res.status).toBe(200);
    const items = res.body.items as Body[];
    expect(items.map((v) => [v.version, v.operation, v.kkNumber])).toEqual([
      [1, 'CREATE', `${todayPrefix()}0001`],
      [2, 'ADD_NEWBORN', `${todayPrefix()}0001`],
      [3, 'CHANGE_HEAD', `${todayPrefix()}0002`],
    ]);
    expect(items[1]?.facts).toEqual([
      { type: 'MEMBER_ADDED', residentId: baby, reason: 'BIRTH', relationship: 4 },
      { type: 'CARD_REPRINTED', kkNumber: `${todayPrefix()}0001`, operation: 'ADD_NEWBORN' },
    ]);
    expect(items[2]?.facts).toEqual(
      expect.arrayContaining([
        { type: 'HEAD_CHANGED', previousHeadResidentId: father, newHeadResidentId: mother, rule: 'CHOSEN' },
        { type: 'KK_NUMBER_REISSUED', previousKkNumber: `${todayPrefix()}0001`, kkNumber: `${todayPrefix()}0002`, operation: 'CHANGE_HEAD' },
      ]),
    );
    expect(items[2]?.members).toEqual([
      { residentId: father, relationship: 2 },
      { residentId: mother, relationship: 1 },
      { residentId: baby, relationship: 4 },
    ]);
    expect(JSON.stringify(items)).not.toMatch(/"nik"|Nik"/);
    expect(items.every((v) => v.recordedBy === 'tester')).toBe(true);
  });

  it('writes one FamilyCardChanged event per version, facts by resident id', async () => {
    const events = await cardChangedEvents(card.id);
    expect(events.map((e) => [e.version, e.kkNumber, e.previousKkNumber, e.memberCount])).toEqual([
      [1, `${todayPrefix()}0001`, undefined, 2],
      [2, `${todayPrefix()}0001`, undefined, 3],
      [3, `${todayPrefix()}0002`, `${todayPrefix()}0001`, 3],
    ]);
    expect(events[1]?.facts).toEqual([{ type: 'MEMBER_ADDED', residentId: baby }, { type: 'CARD_REPRINTED' }]);
  });

  it('finds the card by its current No. KK only', async () => {
    const found = await call('GET', `/family-cards?kkNumber=${todayPrefix()}0002`);
    expect(found.status).toBe(200);
    expect((found.body.items as Body[]).map((c) => c.id)).toEqual([card.id]);
    expect((await call('GET', `/family-cards?kkNumber=${todayPrefix()}0001`)).body.items).toEqual([]);
  });

  it('leaves an audit trail of the issue, the changes, the reads and the search, by id', async () => {
    const admin = await tokenFor(['admin']);
    const trail = await call('GET', `/audit?resourceType=family-card&resourceId=${card.id}&limit=200`, undefined, admin);
    expect(trail.status).toBe(200);
    const count = (action: string) => (trail.body.items as Body[]).filter((e) => e.action === action && e.outcome === 'SUCCESS').length;
    expect([count('CREATE'), count('UPDATE')]).toEqual([1, 2]);
    expect(count('READ')).toBeGreaterThanOrEqual(2);
    expect(count('SEARCH')).toBe(1);
    const babyTrail = await call('GET', `/audit?resourceType=resident&resourceId=${baby}&action=UPDATE`, undefined, admin);
    expect(babyTrail.body.items).toHaveLength(1);
    expect(JSON.stringify(trail.body)).not.toContain(card.kkNumber as string);
  });
});

describe('the head dies', () => {
  it('the spouse succeeds, becomes Cerai Mati, the children stay Anak, and the card gets a new number', async () => {
    const father = await resident('1975-01-01', 'M', 'KAWIN_TERCATAT');
    const mother = await resident('1978-02-02', 'F', 'KAWIN_TERCATAT');
    const child = await resident('2010-03-03', 'M', 'BELUM_KAWIN');
    const card = await createCard([
      { residentId: father, relationship: 1 },
      { residentId: mother, relationship: 3 },
      { residentId: child, relationship: 4, fatherResidentId: father, motherResidentId: mother },
    ]);
    const res = await call('POST', `/family-cards/${card.id}/members/${father}/removal`, { version: 1, reason: 'DEATH' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.kkNumber).not.toBe(card.kkNumber);
    expect(res.body.kkNumber.startsWith(todayPrefix())).toBe(true);
    expect(roles(res.body)).toEqual({ [mother]: 1, [child]: 4 });
    expect(res.body.members[0]).toMatchObject({ residentId: mother, maritalStatus: 'CERAI_MATI' });
    const widow = await call('GET', `/residents/${mother}`);
    expect(widow.body).toMatchObject({ maritalStatus: 'CERAI_MATI', familyCardId: card.id });
    expect((await call('GET', `/residents/${father}`)).body.familyCardId).toBeUndefined();

    const history = await call('GET', `/family-cards/${card.id}/versions`);
    expect(history.body.items[1]).toMatchObject({ operation: 'REMOVE_DEATH' });
    expect(history.body.items[1].facts).toEqual(
      expect.arrayContaining([
        { type: 'MEMBER_REMOVED', residentId: father, reason: 'DEATH' },
        { type: 'MARITAL_STATUS_CHANGED', residentId: mother, from: 'KAWIN_TERCATAT', to: 'CERAI_MATI' },
        { type: 'HEAD_CHANGED', previousHeadResidentId: father, newHeadResidentId: mother, rule: 'SPOUSE' },
      ]),
    );
    const em = t.app.get(MikroORM).em.fork();
    const marital = (await em.find(OutboxEvent, { subject: SUBJECTS.identity.residentMaritalStatusChanged }))
      .map((e) => e.payload as Body)
      .filter((p) => p.residentId === mother || p.residentId === father || p.residentId === child);
    expect(marital).toEqual([{ residentId: mother, from: 'KAWIN_TERCATAT', to: 'CERAI_MATI', districtCode: '531601', villageCode: '5316012002' }]);
  });

  it('asks the family to choose between adult twins (422 HEAD_CHOICE_REQUIRED naming both), then takes the choice', async () => {
    const widow = await resident('1950-05-05', 'F', 'CERAI_MATI');
    const twinA = await resident('1990-06-06', 'M', 'BELUM_KAWIN');
    const twinB = await resident('1990-06-06', 'M', 'BELUM_KAWIN');
    const card = await createCard([
      { residentId: widow, relationship: 1 },
      { residentId: twinA, relationship: 4 },
      { residentId: twinB, relationship: 4 },
    ]);
    const undecided = await call('POST', `/family-cards/${card.id}/members/${widow}/removal`, { version: 1, reason: 'DEATH' });
    expect(undecided.status).toBe(422);
    expect(undecided.body).toMatchObject({ code: 'FAMILY_CARD_RULE_VIOLATION', errors: [{ code: 'HEAD_CHOICE_REQUIRED' }] });
    expect([...undecided.body.errors[0].residentIds].sort()).toEqual([twinA, twinB].sort());
    expect(undecided.body.errors[0].members).toBeUndefined();

    const chosen = await call('POST', `/family-cards/${card.id}/members/${widow}/removal`, { version: 1, reason: 'DEATH', newHeadResidentId: twinB });
    expect(chosen.status).toBe(200);
    expect(roles(chosen.body)).toEqual({ [twinB]: 1, [twinA]: 9 });
  });

  it('closes the card when its last member leaves; a closed card takes no more changes', async () => {
    const single = await resident('1970-07-07', 'M', 'BELUM_KAWIN');
    const newcomer = await resident('1971-07-07', 'M', 'BELUM_KAWIN');
    const card = await createCard([{ residentId: single, relationship: 1 }]);
    const res = await call('POST', `/family-cards/${card.id}/members/${single}/removal`, { version: 1, reason: 'MOVE_OUT' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'CLOSED', version: 2, members: [] });
    const again = await call('POST', `/family-cards/${card.id}/members`, { version: 2, reason: 'MOVE_IN', residentId: newcomer, relationship: 9 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FAMILY_CARD_CLOSED');
    // Free again: the resident may be on a new card.
    expect((await createCard([{ residentId: single, relationship: 1 }])).status).toBe('ACTIVE');
  });
});

describe('pecah KK', () => {
  it('moves a married Anak with spouse and child to a new card; both cards get new numbers', async () => {
    const grandfather = await resident('1950-01-10', 'M', 'KAWIN_TERCATAT');
    const grandmother = await resident('1952-01-11', 'F', 'KAWIN_TERCATAT');
    const son = await resident('1975-01-12', 'M', 'KAWIN_TERCATAT');
    const daughterInLaw = await resident('1978-01-13', 'F', 'KAWIN_TERCATAT');
    const grandchild = await resident('2005-01-14', 'M', 'BELUM_KAWIN');
    const daughter = await resident('1980-01-15', 'F', 'BELUM_KAWIN');
    const card = await createCard([
      { residentId: grandfather, relationship: 1 },
      { residentId: grandmother, relationship: 3 },
      { residentId: son, relationship: 4, fatherResidentId: grandfather, motherResidentId: grandmother },
      { residentId: daughterInLaw, relationship: 5 },
      { residentId: grandchild, relationship: 6, fatherResidentId: son, motherResidentId: daughterInLaw },
      { residentId: daughter, relationship: 4, fatherResidentId: grandfather, motherResidentId: grandmother },
    ]);
    const res = await call('POST', `/family-cards/${card.id}/split`, { version: 1, newHeadResidentId: son, memberResidentIds: [daughterInLaw, grandchild] });
    expect(res.status).toBe(200);
    const { card: rest, newCard } = res.body;
    expect(roles(rest)).toEqual({ [grandfather]: 1, [grandmother]: 3, [daughter]: 4 });
    expect(roles(newCard)).toEqual({ [son]: 1, [daughterInLaw]: 3, [grandchild]: 4 });
    expect(rest).toMatchObject({ id: card.id, version: 2, status: 'ACTIVE' });
    expect(newCard).toMatchObject({ version: 1, status: 'ACTIVE', districtCode: '531601', villageCode: '5316012002' });
    const numbers = [card.kkNumber, rest.kkNumber, newCard.kkNumber] as string[];
    expect(new Set(numbers).size).toBe(3);
    expect(numbers.every((k) => k.startsWith(todayPrefix()))).toBe(true);
    expect((await call('GET', `/residents/${grandchild}`)).body.familyCardId).toBe(newCard.id);
    expect((await call('GET', `/residents/${daughter}`)).body.familyCardId).toBe(card.id);

    const newHistory = (await call('GET', `/family-cards/${newCard.id}/versions`)).body.items as Body[];
    expect(newHistory).toHaveLength(1);
    expect(newHistory[0]).toMatchObject({ version: 1, operation: 'SPLIT', kkNumber: newCard.kkNumber });
    expect(newHistory[0]?.facts).toEqual([
      { type: 'CARD_ISSUED', kkNumber: newCard.kkNumber, operation: 'SPLIT' },
      expect.objectContaining({ type: 'CARD_SPLIT', fromFamilyCardId: card.id, newFamilyCardId: newCard.id, residentIds: [son, daughterInLaw, grandchild] }),
    ]);
    expect((await cardChangedEvents(newCard.id)).map((e) => e.version)).toEqual([1]);
    expect((await cardChangedEvents(card.id)).map((e) => e.version)).toEqual([1, 2]);
  });
});

describe('domain rules answered with 422 and the domain codes, members named by resident id', () => {
  let head: string;
  let wife: string;
  let child: string;
  let card: Reply;

  beforeAll(async () => {
    head = await resident('1985-08-08', 'M', 'KAWIN_TERCATAT');
    wife = await resident('1987-08-09', 'F', 'KAWIN_TERCATAT');
    child = await resident('2015-08-10', 'F', 'BELUM_KAWIN');
    card = await createCard([
      { residentId: head, relationship: 1 },
      { residentId: wife, relationship: 3 },
      { residentId: child, relationship: 4 },
    ]);
  });

  it('a new card with two heads: HEAD_MULTIPLE, and no card', async () => {
    const a = await resident('1960-09-01', 'M', 'BELUM_KAWIN');
    const b = await resident('1961-09-02', 'M', 'BELUM_KAWIN');
    const res = await call('POST', '/family-cards', { members: [{ residentId: a, relationship: 1 }, { residentId: b, relationship: 1 }] });
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'FAMILY_CARD_RULE_VIOLATION', errors: [{ code: 'HEAD_MULTIPLE', residentIds: [a, b] }] });
    expect((await call('GET', `/residents/${a}`)).body.familyCardId).toBeUndefined();
  });

  it('a head who is not wajib KTP: HEAD_NOT_WAJIB_KTP', async () => {
    const kid = await resident('2016-10-01', 'M', 'BELUM_KAWIN');
    const res = await call('POST', '/family-cards', { members: [{ residentId: kid, relationship: 1 }] });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['HEAD_NOT_WAJIB_KTP']);
    expect(res.body.errors[0].residentIds).toEqual([kid]);
  });

  it('an Anak who moves in older than the head: CHILD_AGE_GAP naming head and newcomer', async () => {
    const elder = await resident('1970-11-01', 'M', 'BELUM_KAWIN');
    const res = await call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'MOVE_IN', residentId: elder, relationship: 4 });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'CHILD_AGE_GAP', residentIds: [head, elder] })]);
  });

  it('a newborn whose parents are not on the card: NEWBORN_PARENT_NOT_ON_CARD', async () => {
    const newborn = await resident('2026-11-01', 'M', 'BELUM_KAWIN');
    const stranger = await resident('1990-11-02', 'F', 'KAWIN_TERCATAT');
    const res = await call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'BIRTH', residentId: newborn, motherResidentId: stranger });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['NEWBORN_PARENT_NOT_ON_CARD']);
  });

  it('a member already on the card: MEMBER_ALREADY_ON_CARD', async () => {
    const res = await call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'MOVE_IN', residentId: child, relationship: 4 });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'MEMBER_ALREADY_ON_CARD', residentIds: [child] })]);
  });

  it('removing someone who is not on the card: MEMBER_NOT_ON_CARD', async () => {
    const outsider = await resident('1991-12-01', 'M', 'BELUM_KAWIN');
    const res = await call('POST', `/family-cards/${card.id}/members/${outsider}/removal`, { version: 1, reason: 'MOVE_OUT' });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['MEMBER_NOT_ON_CARD']);
  });

  it('a child as new head: NEW_HEAD_NOT_ELIGIBLE', async () => {
    const res = await call('POST', `/family-cards/${card.id}/head`, { version: 1, newHeadResidentId: child });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'NEW_HEAD_NOT_ELIGIBLE', residentIds: [child] })]);
  });

  it('pecah KK for an unmarried Anak: SPLIT_NEW_HEAD_NOT_MARRIED_CHILD', async () => {
    const res = await call('POST', `/family-cards/${card.id}/split`, { version: 1, newHeadResidentId: child, memberResidentIds: [] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'SPLIT_NEW_HEAD_NOT_MARRIED_CHILD', residentIds: [child] })]);
  });

  it('a resident on another card: 409 RESIDENT_ALREADY_ON_CARD; an unknown resident: 422 RESIDENT_NOT_FOUND', async () => {
    const other = await resident('1960-12-12', 'M', 'BELUM_KAWIN');
    const otherCard = await createCard([{ residentId: other, relationship: 1 }]);
    const taken = await call('POST', '/family-cards', { members: [{ residentId: head, relationship: 1 }] });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('RESIDENT_ALREADY_ON_CARD');
    const moving = await call('POST', `/family-cards/${otherCard.id}/members`, { version: 1, reason: 'MOVE_IN', residentId: wife, relationship: 9 });
    expect(moving.status).toBe(409);
    expect(moving.body.code).toBe('RESIDENT_ALREADY_ON_CARD');
    const unknown = await call('POST', '/family-cards', { members: [{ residentId: '0190b5b4-0000-7000-8000-000000000000', relationship: 1 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ code: 'RESIDENT_NOT_FOUND', field: 'members[0].residentId' })]);
    const newborn = await resident('2026-10-10', 'F', 'BELUM_KAWIN');
    const noFather = await call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'BIRTH', residentId: newborn, fatherResidentId: '0190b5b4-0000-7000-8000-000000000000', motherResidentId: wife });
    expect(noFather.status).toBe(422);
    expect(noFather.body.errors).toEqual([expect.objectContaining({ code: 'RESIDENT_NOT_FOUND', field: 'fatherResidentId' })]);
  });

  it('an unknown card is a 404 problem', async () => {
    const res = await call('GET', '/family-cards/0190b5b4-0000-7000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('FAMILY_CARD_NOT_FOUND');
  });

  it('wrote nothing for the refused requests', async () => {
    const now = await call('GET', `/family-cards/${card.id}`);
    expect(now.body).toMatchObject({ version: 1, kkNumber: card.kkNumber });
    expect(roles(now.body)).toEqual({ [head]: 1, [wife]: 3, [child]: 4 });
    expect((await call('GET', `/family-cards/${card.id}/versions`)).body.items).toHaveLength(1);
    expect(await cardChangedEvents(card.id)).toHaveLength(1);
  });
});

describe('bad input: 400 problem+json, nothing written', () => {
  let card: Reply;
  let member: string;
  const uuid = '0190b5b4-0000-7000-8000-000000000000';

  beforeAll(async () => {
    member = await resident('1982-03-03', 'M', 'BELUM_KAWIN');
    card = await createCard([{ residentId: member, relationship: 1 }]);
  });

  it.each([
    ['no members', '/family-cards', { members: [] }],
    ['an SHDK out of range', '/family-cards', { members: [{ residentId: uuid, relationship: 12 }] }],
    ['a resident id that is not a UUID', '/family-cards', { members: [{ residentId: '42', relationship: 1 }] }],
    ['an unknown field', '/family-cards', { members: [{ residentId: uuid, relationship: 1 }], colour: 'blue' }],
    ['an unknown field in a member', '/family-cards', { members: [{ residentId: uuid, relationship: 1, nik: '5316011204800001' }] }],
    ['a missing version', 'members', { reason: 'MOVE_IN', residentId: uuid, relationship: 9 }],
    ['an unknown reason', 'members', { version: 1, reason: 'ADOPTION', residentId: uuid }],
    ['a move-in without relationship', 'members', { version: 1, reason: 'MOVE_IN', residentId: uuid }],
    ['a newborn with a relationship', 'members', { version: 1, reason: 'BIRTH', residentId: uuid, relationship: 4 }],
    ['a removal without reason', 'removal', { version: 1 }],
    ['relationships that are not a list', 'removal', { version: 1, reason: 'DEATH', relationships: { a: 1 } }],
    ['a change of head without the new head', 'head', { version: 1 }],
    ['a version that is not a number', 'head', { version: 'one', newHeadResidentId: uuid }],
    ['a split with the same member twice', 'split', { version: 1, newHeadResidentId: uuid, memberResidentIds: [uuid, uuid] }],
    ['a split with member ids that are not UUIDs', 'split', { version: 1, newHeadResidentId: uuid, memberResidentIds: ['x'] }],
  ])('refuses %s', async (_what, target, body) => {
    const url =
      target === 'members'
        ? `/family-cards/${card.id}/members`
        : target === 'removal'
          ? `/family-cards/${card.id}/members/${member}/removal`
          : target === 'head' || target === 'split'
            ? `/family-cards/${card.id}/${target}`
            : target;
    const res = await call('POST', url, body);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((res.body.errors as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses ids that are not UUIDs and a search without a 16-digit No. KK', async () => {
    expect((await call('GET', '/family-cards/123')).body.code).toBe('INVALID_ID');
    expect((await call('POST', `/family-cards/${card.id}/members/123/removal`, { version: 1, reason: 'DEATH' })).body.code).toBe('INVALID_ID');
    for (const url of ['/family-cards', '/family-cards?kkNumber=123', `/family-cards?kkNumber=${card.kkNumber}&nik=1`]) {
      const res = await call('GET', url);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('wrote nothing', async () => {
    expect((await call('GET', `/family-cards/${card.id}/versions`)).body.items).toHaveLength(1);
  });
});

describe('OpenAPI', () => {
  it('documents every family card endpoint with its request schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/family-cards'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(operations).toEqual([
      'GET /family-cards',
      'GET /family-cards/{id}',
      'GET /family-cards/{id}/versions',
      'POST /family-cards',
      'POST /family-cards/{id}/head',
      'POST /family-cards/{id}/members',
      'POST /family-cards/{id}/members/{residentId}/removal',
      'POST /family-cards/{id}/split',
    ]);
    expect(doc.components.schemas.AddMemberDto?.required).toEqual(['version', 'reason', 'residentId']);
    expect(doc.components.schemas.SplitFamilyCardDto?.required).toEqual(['version', 'newHeadResidentId', 'memberResidentIds']);
  });
});

describe('who may call', () => {
  let card: Reply;
  let head: string;
  let joiner: string;

  beforeAll(async () => {
    head = await resident('1979-04-04', 'F', 'BELUM_KAWIN');
    joiner = await resident('1940-04-05', 'F', 'CERAI_MATI');
    card = await createCard([{ residentId: head, relationship: 1 }]);
  });

  const changes = () => [
    ['POST', '/family-cards', { members: [{ residentId: joiner, relationship: 1 }] }],
    ['POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'MOVE_IN', residentId: joiner, relationship: 7 }],
    ['POST', `/family-cards/${card.id}/members/${head}/removal`, { version: 1, reason: 'MOVE_OUT' }],
    ['POST', `/family-cards/${card.id}/head`, { version: 1, newHeadResidentId: joiner }],
    ['POST', `/family-cards/${card.id}/split`, { version: 1, newHeadResidentId: joiner, memberResidentIds: [] }],
  ] as const;
  const reads = () => [`/family-cards/${card.id}`, `/family-cards/${card.id}/versions`, `/family-cards?kkNumber=${card.kkNumber}`];

  it('no token: 401 everywhere', async () => {
    for (const [method, url, body] of changes()) {
      const res = await call(method, url, body, null);
      expect([url, res.status, res.body.code]).toEqual([url, 401, 'UNAUTHENTICATED']);
    }
    for (const url of reads()) expect((await call('GET', url, undefined, null)).status).toBe(401);
  });

  it('integrators read but do not change (403 ROLE_NOT_ALLOWED); analysts (aggregates only) and partners neither', async () => {
    const analyst = await tokenFor(['analyst'], ['5316']);
    const integrator = await tokenFor(['integrator'], ['5316']);
    const partner = await tokenFor(['partner'], ['5316']);
    for (const [method, url, body] of changes()) {
      for (const token of [analyst, integrator, partner]) {
        const res = await call(method, url, body, token);
        expect([url, res.status, res.body.code]).toEqual([url, 403, 'ROLE_NOT_ALLOWED']);
      }
    }
    for (const url of reads()) {
      expect((await call('GET', url, undefined, analyst)).status).toBe(403);
      expect((await call('GET', url, undefined, integrator)).status).toBe(200);
      expect((await call('GET', url, undefined, partner)).status).toBe(403);
    }
  });

  it('an operator of another kecamatan: 403 OUTSIDE_REGION, and the search finds nothing', async () => {
    const elsewhere = await tokenFor(['operator'], ['531602']);
    for (const [method, url, body] of changes()) {
      const res = await call(method, url, body, elsewhere);
      expect([url, res.status, res.body.code]).toEqual([url, 403, 'OUTSIDE_REGION']);
    }
    for (const url of reads().slice(0, 2)) {
      const res = await call('GET', url, undefined, elsewhere);
      expect([url, res.status, res.body.code]).toEqual([url, 403, 'OUTSIDE_REGION']);
    }
    expect((await call('GET', reads()[2] as string, undefined, elsewhere)).body.items).toEqual([]);
  });

  it('a registrar of the kecamatan may change it; the refused calls wrote nothing', async () => {
    const registrar = await tokenFor(['registrar'], ['531601']);
    const history = await call('GET', `/family-cards/${card.id}/versions`, undefined, registrar);
    expect(history.body.items).toHaveLength(1);
    expect((await call('GET', `/residents/${joiner}`)).body.familyCardId).toBeUndefined();
    const res = await call('POST', `/family-cards/${card.id}/members`, { version: 1, reason: 'MOVE_IN', residentId: joiner, relationship: 7 }, registrar);
    expect(res.status).toBe(200);
    expect(roles(res.body)).toEqual({ [head]: 1, [joiner]: 7 });
  });
});
