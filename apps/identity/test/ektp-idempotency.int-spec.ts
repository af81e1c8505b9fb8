// An e-KTP action sent several times at once with the same Idempotency-Key, on the machine's PostgreSQL (integration
// tier): the office app's outbox may send a command again while the first attempt is still on its way (an answer
// slow to come back, a second tab). One action is written and every attempt gets the same answer.
import { MikroORM } from '@mikro-orm/core';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { EktpActionRecord } from '../src/ektp/ektp-action.entity';
import { EktpRequestRecord } from '../src/ektp/ektp-request.entity';

let t: TestApp;
let db: { name: string; url: string } | undefined;
let token: string;

beforeAll(async () => {
  db = await createDatabase('ektpkey');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  token = await tokenFor(['operator'], ['5316'], 'tim-jemput-bola');
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

it('the same key and body sent five times at once: one recording, five identical answers', async () => {
  const registered = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      fullName: 'Warga Kunci Postgres',
      birthPlace: 'Mbay',
      birthDate: '1985-05-05',
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus: 'BELUM_KAWIN',
      motherName: 'Ibu Kunci Postgres',
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 001 / RW 001',
    },
  });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  const send = () =>
    t.app.inject({
      method: 'POST',
      url: `/residents/${id}/ektp/actions`,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'jb-serentak-0001' },
      payload: { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Desa Labolewa', channel: 'OUTREACH' },
    });
  const answers = await Promise.all([send(), send(), send(), send(), send()]);
  expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
  // The same answer (PostgreSQL's jsonb keeps the fields, not their order).
  for (const a of answers) expect(a.json()).toEqual(answers[0]?.json());
  const em = t.app.get(MikroORM).em.fork();
  expect(await em.count(EktpActionRecord, { residentId: id })).toBe(1);
  expect(await em.count(EktpRequestRecord, { residentId: id })).toBe(1);
});
