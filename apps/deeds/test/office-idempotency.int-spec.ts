// The same birth application and the same document sent several times at once with the same Idempotency-Key, on the
// machine's PostgreSQL (integration tier): the village team's tablet may send a command again while the first
// attempt is still on its way (an answer slow to come back over a weak signal). One case and one document are
// written, and every attempt gets the same answer.
import { MikroORM } from '@mikro-orm/core';
import { createDatabase, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { DeedRecord } from '../src/cases/deed-record.entity';
import { DeedRequest } from '../src/cases/deed-request.entity';
import { DeedDocumentContent } from '../src/documents/deed-document-content.entity';
import { DeedDocument } from '../src/documents/deed-document.entity';
import { bootDeeds, Caller, daysAgo, family, PDF } from './deed-fixtures';

jest.setTimeout(30_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let tablet: Caller;

beforeAll(async () => {
  db = await createDatabase('deedskey');
  t = await bootDeeds({ DATABASE_URL: db.url });
  tablet = await Caller.user(t, ['operator'], ['531601'], 'tim-jemput-bola-aesesa');
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
}, 30_000);

const em = () => t.app.get(MikroORM).em.fork();

function birthApplication(parents = family()) {
  return {
    deedType: 'BIRTH',
    eventDate: daysAgo(4),
    districtCode: '531601',
    villageCode: '5316012002',
    particulars: { child: { fullName: 'Fransiskus Dhae', sex: 'M', religion: 'KATOLIK' }, mother: parents.mother, father: parents.father, place: 'Rumah, Labolewa' },
  };
}

it('the same application sent five times at once with one key: one case, five identical answers', async () => {
  const application = birthApplication();
  const send = () => tablet.post('/deeds', application, { 'idempotency-key': 'jb-serentak-akta-0001' });
  const answers = await Promise.all([send(), send(), send(), send(), send()]);
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
  for (const a of answers) expect(a.body.id).toBe(answers[0]?.body.id);
  expect(await em().count(DeedRecord, { id: answers[0]?.body.id })).toBe(1);
  expect(await em().count(DeedRequest, { idempotencyKey: 'jb-serentak-akta-0001' })).toBe(1);
});

it('the same document sent five times at once with one key: stored once, five identical answers', async () => {
  const deedId = (await tablet.ok('/deeds', birthApplication(), 201)).body.id as string;
  const send = () =>
    tablet.call('POST', `/deeds/${deedId}/documents?kind=BIRTH_LETTER_HEALTH`, PDF, {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="surat-lahir.pdf"',
      'idempotency-key': 'jb-serentak-dok-0001',
    });
  const answers = await Promise.all([send(), send(), send(), send(), send()]);
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
  for (const a of answers) expect(a.body).toEqual(answers[0]?.body);
  const documents = await em().find(DeedDocument, { deedId });
  expect(documents).toHaveLength(1);
  expect(await em().count(DeedDocumentContent, { documentId: documents[0]?.id })).toBe(1);
  expect(await em().count(DeedRequest, { idempotencyKey: 'jb-serentak-dok-0001' })).toBe(1);
});
