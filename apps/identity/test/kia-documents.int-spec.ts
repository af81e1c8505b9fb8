// A KIA application's documents on the machine's PostgreSQL (integration tier): the bytes kept in bytea come back
// as sent, and the same photo sent five times at once with one Idempotency-Key (a tablet's outbox retrying while
// the first answer is on its way) is stored once, every attempt getting the same answer.
import { MikroORM } from '@mikro-orm/core';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { KiaDocumentContent, KiaDocumentRecord } from '../src/kia/kia-document.entity';
import { yearsAgo } from './idempotency-fixtures';

let t: TestApp;
let db: { name: string; url: string } | undefined;
let operator: string;
let people = 0;

/** A JPEG header and 300 kB of every byte value, so that nothing is lost to an encoding. */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 256))]);

beforeAll(async () => {
  db = await createDatabase('kiadocs');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  operator = await tokenFor(['operator'], ['5316'], 'tim-jemput-bola');
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
});

async function child(): Promise<string> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${operator}` },
    payload: { fullName: `Anak Foto ${people}`, birthPlace: 'Mbay', birthDate: yearsAgo(7), sex: 'M', religion: 'KATOLIK', maritalStatus: 'BELUM_KAWIN', motherName: `Ibu Foto ${people}`, districtCode: '531601', villageCode: '5316012002', address: 'RT 001 / RW 002' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const upload = (id: string, key: string) =>
  t.app.inject({
    method: 'POST',
    url: `/residents/${id}/kia/documents?kind=CHILD_PHOTO`,
    headers: { authorization: `Bearer ${operator}`, 'content-type': 'image/jpeg', 'idempotency-key': key },
    payload: PHOTO,
  });

it('keeps the photo byte for byte', async () => {
  const id = await child();
  const stored = await upload(id, 'jb-foto-0001');
  expect(stored.statusCode).toBe(201);
  const back = await t.app.inject({ method: 'GET', url: `/residents/${id}/kia/documents/${stored.json().id}/content`, headers: { authorization: `Bearer ${operator}` } });
  expect(back.statusCode).toBe(200);
  expect(back.rawPayload.equals(PHOTO)).toBe(true);
});

it('the same photo and key five times at once: stored once, five identical answers', async () => {
  const id = await child();
  const answers = await Promise.all(Array.from({ length: 5 }, () => upload(id, 'jb-foto-serentak')));
  expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
  expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
  const em = t.app.get(MikroORM).em.fork();
  expect(await em.count(KiaDocumentRecord, { residentId: id })).toBe(1);
  expect(await em.count(KiaDocumentContent, { documentId: answers[0]?.json().id })).toBe(1);
});
