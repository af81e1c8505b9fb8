// The Idempotency-Key tests of the document actions (POST /residents/{id}/ektp/actions and …/kia/actions), written
// once for both: ektp-idempotency.spec.ts / kia-idempotency.spec.ts (SQLite, service tier) call
// describeIdempotencyKey, ektp-idempotency.int-spec.ts / kia-idempotency.int-spec.ts (PostgreSQL) call
// describeIdempotencyRace. The office app's offline outbox sends each command with a key made when the command was
// made, and sends it again after a lost answer, a reload mid-send or from a second tab.
import { MikroORM, type EntityClass } from '@mikro-orm/core';
import { AuditEntry, localDate, OutboxEvent } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import type { IdempotentRequestRecord } from '../src/idempotency/idempotent-request.entity';
import { SUBJECTS } from '@adminduk/contracts';
import { EktpActionRecord } from '../src/ektp/ektp-action.entity';
import { EktpRequestRecord } from '../src/ektp/ektp-request.entity';
import { KiaActionRecord } from '../src/kia/kia-action.entity';
import { KiaRequestRecord } from '../src/kia/kia-request.entity';

export const VISIT = '0190b5b4-2222-7000-8000-000000000001';

/** A date `years` years before the office's today. */
export function yearsAgo(years: number): string {
  const d = new Date(`${localDate('+08:00')}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** One document whose actions take an Idempotency-Key. */
export interface KeyedDocument {
  /** The path segment: /residents/{id}/<path>/actions. */
  readonly path: 'ektp' | 'kia';
  /** The outbox subject of an accepted action, and the audit trail's resource type. */
  readonly subject: string;
  readonly resourceType: string;
  /** Each resident registered for a test is born on this day (someone the first action is allowed for). */
  readonly birthDate: () => string;
  /** The first action (at version 0) and another action, also at version 0, for the same resident. */
  readonly first: Record<string, unknown>;
  readonly other: Record<string, unknown>;
  /** What the answer to `first` and the document read afterwards show. */
  readonly answer: Record<string, unknown>;
  readonly stored: Record<string, unknown>;
  /** The table of its keys (EktpRequestRecord, KiaRequestRecord) and of its actions. */
  readonly requests: EntityClass<IdempotentRequestRecord>;
  readonly actions: EntityClass<{ residentId: string }>;
}

/** The e-KTP: an adult's biometrics recorded on an outreach visit. */
export const EKTP_KEYED: KeyedDocument = {
  path: 'ektp',
  subject: SUBJECTS.identity.ektpStatusChanged,
  resourceType: 'ektp',
  birthDate: () => '1990-03-01',
  first: { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Desa Labolewa', channel: 'OUTREACH', visitId: VISIT },
  other: { type: 'RECORD_BIOMETRICS', version: 0, place: 'Balai Desa', channel: 'OUTREACH', visitId: VISIT },
  answer: { status: 'RECORDED', version: 1 },
  stored: { version: 1, recordings: [{ channel: 'OUTREACH', visitId: VISIT, place: 'Kantor Desa Labolewa' }] },
  requests: EktpRequestRecord,
  actions: EktpActionRecord,
};

/** The KIA: an 8-year-old's card printed by a team with a printer on an outreach visit. */
export const KIA_KEYED: KeyedDocument = {
  path: 'kia',
  subject: SUBJECTS.identity.kiaStatusChanged,
  resourceType: 'kia',
  birthDate: () => yearsAgo(8),
  first: { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17', channel: 'OUTREACH', visitId: VISIT },
  other: { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' },
  answer: { status: 'PRINTED', version: 1, card: { kiaType: 'FROM_5_TO_UNDER_17' } },
  stored: { status: 'PRINTED', version: 1, cards: [{ kiaType: 'FROM_5_TO_UNDER_17' }] },
  requests: KiaRequestRecord,
  actions: KiaActionRecord,
};

interface Harness {
  t: TestApp;
  operator: string;
  people: number;
}

async function register(h: Harness, birthDate: string): Promise<string> {
  h.people += 1;
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${h.operator}` },
    payload: {
      fullName: `Warga Kunci ${h.people}`,
      birthPlace: 'Mbay',
      birthDate,
      sex: 'M',
      religion: 'KATOLIK',
      maritalStatus: 'BELUM_KAWIN',
      motherName: `Ibu Kunci ${h.people}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 001 / RW 001',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const send = (h: Harness, doc: KeyedDocument, id: string, body: object, key?: string, token = h.operator) =>
  h.t.app.inject({
    method: 'POST',
    url: `/residents/${id}/${doc.path}/actions`,
    headers: { authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: body,
  });

/** The service tier (SQLite): replay, reuse, keys per caller, a refused action, a malformed key. */
export function describeIdempotencyKey(doc: KeyedDocument): void {
  const h = { people: 0 } as Harness;
  let otherOperator: string;

  async function written(residentId: string) {
    const em = h.t.app.get(MikroORM).em.fork();
    const events = (await em.find(OutboxEvent, { subject: doc.subject })).filter((r) => (r.payload as { residentId?: string }).residentId === residentId);
    const audits = await em.find(AuditEntry, { resourceType: doc.resourceType, resourceId: residentId, action: 'UPDATE' });
    return { events: events.length, audits: audits.length };
  }

  beforeAll(async () => {
    h.t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
    h.operator = await tokenFor(['operator'], ['5316'], 'tim-jemput-bola');
    otherOperator = await tokenFor(['operator'], ['5316'], 'op-lain');
  });
  afterAll(() => h.t.close());

  describe(`POST /residents/:id/${doc.path}/actions with an Idempotency-Key`, () => {
    it('the same key and body sent again (a lost answer) get the first answer, and the action is made once', async () => {
      const id = await register(h, doc.birthDate());
      const first = await send(h, doc, id, doc.first, 'jb-0001-aaaa');
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject(doc.answer);
      const again = await send(h, doc, id, doc.first, 'jb-0001-aaaa');
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      const now = await h.t.app.inject({ method: 'GET', url: `/residents/${id}/${doc.path}`, headers: { authorization: `Bearer ${h.operator}` } });
      expect(now.json()).toMatchObject(doc.stored);
      expect(await written(id)).toEqual({ events: 1, audits: 1 });
    });

    it('without a key, the same body again is a stale version (409 VERSION_CONFLICT), as before', async () => {
      const id = await register(h, doc.birthDate());
      expect((await send(h, doc, id, doc.first)).statusCode).toBe(201);
      const again = await send(h, doc, id, doc.first);
      expect([again.statusCode, again.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    });

    it('the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED) and nothing is written', async () => {
      const a = await register(h, doc.birthDate());
      const b = await register(h, doc.birthDate());
      expect((await send(h, doc, a, doc.first, 'jb-0002-bbbb')).statusCode).toBe(201);
      const otherResident = await send(h, doc, b, doc.first, 'jb-0002-bbbb');
      expect([otherResident.statusCode, otherResident.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
      const otherBody = await send(h, doc, a, doc.other, 'jb-0002-bbbb');
      expect([otherBody.statusCode, otherBody.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
      expect(await written(b)).toEqual({ events: 0, audits: 0 });
      expect(await written(a)).toEqual({ events: 1, audits: 1 });
    });

    it('keys are per caller: another person may use the same key for their own action', async () => {
      const a = await register(h, doc.birthDate());
      const b = await register(h, doc.birthDate());
      expect((await send(h, doc, a, doc.first, 'jb-0003-cccc')).statusCode).toBe(201);
      const theirs = await send(h, doc, b, doc.first, 'jb-0003-cccc', otherOperator);
      expect(theirs.statusCode).toBe(201);
      expect(theirs.json()).toMatchObject({ ...doc.answer, residentId: b });
    });

    it('a refused action leaves the key unused: a corrected retry with the same key is taken', async () => {
      const id = await register(h, doc.birthDate());
      const stale = await send(h, doc, id, { ...doc.first, version: 3 }, 'jb-0004-dddd');
      expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
      const corrected = await send(h, doc, id, doc.first, 'jb-0004-dddd');
      expect([corrected.statusCode, corrected.json().version]).toEqual([201, 1]);
    });

    it.each(['spasi tidak boleh', 'x'.repeat(101), 'kunci/miring'])('a malformed key (%j) is 400 IDEMPOTENCY_KEY_INVALID, nothing written', async (key) => {
      const id = await register(h, doc.birthDate());
      const res = await send(h, doc, id, doc.first, key);
      expect([res.statusCode, res.json().code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await written(id)).toEqual({ events: 0, audits: 0 });
    });

    it('a key does not let anyone past the roles: an analyst is refused (403) and the key stays unused', async () => {
      const id = await register(h, doc.birthDate());
      const analyst = await tokenFor(['analyst'], ['5316'], 'analis');
      const res = await send(h, doc, id, doc.first, 'jb-0005-eeee', analyst);
      expect(res.statusCode).toBe(403);
      expect((await send(h, doc, id, doc.first, 'jb-0005-eeee')).statusCode).toBe(201);
    });
  });
}

/** The integration tier (PostgreSQL): the same key and body sent five times at once. */
export function describeIdempotencyRace(doc: KeyedDocument): void {
  const h = { people: 0 } as Harness;
  let db: { name: string; url: string } | undefined;

  beforeAll(async () => {
    db = await createDatabase(`${doc.path}key`);
    h.t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
    h.operator = await tokenFor(['operator'], ['5316'], 'tim-jemput-bola');
  }, 60_000);

  afterAll(async () => {
    await h.t?.close();
    if (db) await dropDatabase(db.name);
  });

  it('the same key and body sent five times at once: one action, five identical answers', async () => {
    const id = await register(h, doc.birthDate());
    const once = () => send(h, doc, id, doc.first, 'jb-serentak-0001');
    const answers = await Promise.all([once(), once(), once(), once(), once()]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    // The same answer (PostgreSQL's jsonb keeps the fields, not their order).
    for (const a of answers) expect(a.json()).toEqual(answers[0]?.json());
    expect(answers[0]?.json()).toMatchObject(doc.answer);
    const em = h.t.app.get(MikroORM).em.fork();
    expect(await em.count(doc.actions, { residentId: id })).toBe(1);
    expect(await em.count(doc.requests, { residentId: id })).toBe(1);
  });
}
