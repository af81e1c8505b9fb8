// An Idempotency-Key on the office's own requests (service tier, SQLite): the village team's tablet sends the birth
// applications it took offline, and their documents, again until it gets an answer. A retry with the same key gets
// the first answer (201, the same case or document) and nothing is written twice; the same key with another request
// is 422 IDEMPOTENCY_KEY_REUSED and writes nothing; a malformed key is 400; keys are per caller; a refused request
// stores no key; without a key nothing changes.
import { MikroORM } from '@mikro-orm/core';
import type { TestApp } from '@adminduk/platform/testing';
import { DeedRecord } from '../src/cases/deed-record.entity';
import { DeedRequest } from '../src/cases/deed-request.entity';
import { DeedDocumentContent } from '../src/documents/deed-document-content.entity';
import { DeedDocument } from '../src/documents/deed-document.entity';
import { bootDeeds, Caller, daysAgo, deathReport, family, JPEG, PARTNERS, PDF } from './deed-fixtures';

let t: TestApp;
let tablet: Caller;
let colleague: Caller;

beforeAll(async () => {
  t = await bootDeeds();
  tablet = await Caller.user(t, ['operator'], ['531601'], 'tim-jemput-bola-aesesa');
  colleague = await Caller.user(t, ['operator'], ['531601'], 'op-aesesa-2');
});
afterAll(() => t?.close());

const em = () => t.app.get(MikroORM).em.fork();
const counts = async () => ({
  records: await em().count(DeedRecord, {}),
  documents: await em().count(DeedDocument, {}),
  contents: await em().count(DeedDocumentContent, {}),
  requests: await em().count(DeedRequest, {}),
});

/** A birth application taken on an outreach visit in Labolewa. */
function birthApplication(parents = family()) {
  return {
    deedType: 'BIRTH',
    eventDate: daysAgo(3),
    districtCode: '531601',
    villageCode: '5316012002',
    channel: 'OUTREACH',
    visitId: '0193a000-0000-7000-8000-000000000001',
    particulars: {
      child: { fullName: 'Yohanes Ngapa', sex: 'M', religion: 'KATOLIK' },
      mother: parents.mother,
      father: parents.father,
      place: 'Rumah, Labolewa',
      kkNumber: '5316010501200001',
    },
  };
}

const key = (k: string) => ({ 'idempotency-key': k });
const upload = (caller: Caller, deedId: string, kind: string, bytes: Buffer, headers: Record<string, string>) =>
  caller.call('POST', `/deeds/${deedId}/documents?kind=${kind}`, bytes, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="surat-lahir.pdf"', ...headers });

describe('POST /deeds with an Idempotency-Key', () => {
  it('a retry gets the case opened the first time (201), and one case is opened', async () => {
    const application = birthApplication();
    const first = await tablet.post('/deeds', application, key('jb-aesesa-0001'));
    expect(first.status).toBe(201);
    const before = await counts();
    const retry = await tablet.post('/deeds', application, key('jb-aesesa-0001'));
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await counts()).toEqual(before);
    expect(await em().count(DeedRecord, { id: first.body.id })).toBe(1);
  });

  it('the same body with its fields in another order is the same request', async () => {
    const application = birthApplication();
    const first = await tablet.post('/deeds', application, key('jb-aesesa-0002'));
    const { particulars, ...rest } = application;
    const reordered = { particulars: { kkNumber: particulars.kkNumber, place: particulars.place, father: particulars.father, mother: particulars.mother, child: particulars.child }, ...rest };
    const retry = await tablet.post('/deeds', reordered, key('jb-aesesa-0002'));
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('the same key with another application is refused (422 IDEMPOTENCY_KEY_REUSED) and writes nothing', async () => {
    const first = await tablet.post('/deeds', birthApplication(), key('jb-aesesa-0003'));
    expect(first.status).toBe(201);
    const before = await counts();
    const other = await tablet.post('/deeds', birthApplication(), key('jb-aesesa-0003'));
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', errors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' }] });
    expect(await counts()).toEqual(before);
  });

  it('a malformed key is 400 IDEMPOTENCY_KEY_INVALID, and nothing is opened', async () => {
    const before = await counts();
    for (const bad of ['with spaces', 'a/b', 'x'.repeat(101), '']) {
      const res = await tablet.post('/deeds', birthApplication(), key(bad));
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'IDEMPOTENCY_KEY_INVALID']);
    }
    expect(await counts()).toEqual(before);
  });

  it('keys are per caller: a colleague may use the same key for an application of their own', async () => {
    const mine = await tablet.post('/deeds', birthApplication(), key('jb-shared-0001'));
    const theirs = await colleague.post('/deeds', birthApplication(), key('jb-shared-0001'));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('a refused request keeps no key: the same key is free for the corrected one', async () => {
    const application = birthApplication();
    const opened = await tablet.post('/deeds', application);
    expect(opened.status).toBe(201);
    const before = await counts();
    // The same birth again is a duplicate case (409): refused, nothing stored, not even the key.
    const duplicate = await tablet.post('/deeds', application, key('jb-aesesa-0004'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('DUPLICATE_CASE');
    expect(await counts()).toEqual(before);
    const other = await tablet.post('/deeds', birthApplication(), key('jb-aesesa-0004'));
    expect(other.status).toBe(201);
  });

  it('a partner institution’s key for a report and an office key do not meet', async () => {
    const rt = Caller.partner(t, PARTNERS.rtLabolewa);
    const report = await rt.post('/notifications', deathReport(), key('jb-aesesa-0005'));
    const opened = await tablet.post('/deeds', birthApplication(), key('jb-aesesa-0005'));
    expect([report.status, opened.status]).toEqual([201, 201]);
  });

  it('without a key, behaviour is unchanged: the same application twice is a duplicate case (409)', async () => {
    const application = birthApplication();
    const before = await em().count(DeedRequest, {});
    expect((await tablet.post('/deeds', application)).status).toBe(201);
    const again = await tablet.post('/deeds', application);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE_CASE');
    expect(await em().count(DeedRequest, {})).toBe(before);
  });
});

describe('POST /deeds/{id}/documents with an Idempotency-Key', () => {
  let deedId: string;
  beforeAll(async () => {
    deedId = (await tablet.ok('/deeds', birthApplication(), 201)).body.id;
  });

  it('a retry gets the document stored the first time (201), and the file is stored once', async () => {
    const first = await upload(tablet, deedId, 'BIRTH_LETTER_HEALTH', PDF, key('jb-doc-0001'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'BIRTH_LETTER_HEALTH', source: 'UPLOAD', fileName: 'surat-lahir.pdf' });
    const before = await counts();
    const retry = await upload(tablet, deedId, 'BIRTH_LETTER_HEALTH', PDF, key('jb-doc-0001'));
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await counts()).toEqual(before);
    const deed = await tablet.get(`/deeds/${deedId}`);
    expect(deed.body.documents.filter((d: { id: string }) => d.id === first.body.id)).toHaveLength(1);
  });

  it('the same key with another file, kind, type, name or deed is refused (422 IDEMPOTENCY_KEY_REUSED) and stores nothing', async () => {
    const other = (await tablet.ok('/deeds', birthApplication(), 201)).body.id as string;
    expect((await upload(tablet, deedId, 'KK', PDF, key('jb-doc-0002'))).status).toBe(201);
    const before = await counts();
    const variants = [
      () => upload(tablet, deedId, 'KK', Buffer.concat([PDF, Buffer.from('%% another page\n')]), key('jb-doc-0002')),
      () => upload(tablet, deedId, 'KTP_PARENTS', PDF, key('jb-doc-0002')),
      () => upload(tablet, deedId, 'KK', JPEG, { ...key('jb-doc-0002'), 'content-type': 'image/jpeg' }),
      () => upload(tablet, deedId, 'KK', PDF, { ...key('jb-doc-0002'), 'content-disposition': 'attachment; filename="kk-baru.pdf"' }),
      () => upload(tablet, other, 'KK', PDF, key('jb-doc-0002')),
    ];
    for (const send of variants) {
      const res = await send();
      expect([res.status, res.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    }
    expect(await counts()).toEqual(before);
  });

  it('a key used to open an application cannot be used for an upload', async () => {
    const opened = await tablet.post('/deeds', birthApplication(), key('jb-doc-0003'));
    expect(opened.status).toBe(201);
    const res = await upload(tablet, opened.body.id, 'KK', PDF, key('jb-doc-0003'));
    expect([res.status, res.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('a malformed key is 400 IDEMPOTENCY_KEY_INVALID, and nothing is stored', async () => {
    const before = await counts();
    const res = await upload(tablet, deedId, 'KK', PDF, key('kunci dengan spasi'));
    expect([res.status, res.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
    expect(await counts()).toEqual(before);
  });

  it('keys are per caller: a colleague’s upload with the same key is their own', async () => {
    const mine = await upload(tablet, deedId, 'KTP_PARENTS', PDF, key('jb-doc-shared'));
    const theirs = await upload(colleague, deedId, 'KTP_PARENTS', PDF, key('jb-doc-shared'));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('a refused upload keeps no key', async () => {
    const death = (await Caller.partner(t, PARTNERS.rtLabolewa).ok('/notifications', deathReport(), 201)).body.deedId as string;
    const before = await counts();
    const refused = await upload(tablet, death, 'MARRIAGE_BOOK', PDF, key('jb-doc-0004'));
    expect([refused.status, refused.body.code]).toEqual([422, 'DOCUMENT_KIND_NOT_ASKED']);
    expect(await counts()).toEqual(before);
    expect((await upload(tablet, death, 'KK', PDF, key('jb-doc-0004'))).status).toBe(201);
  });

  it('without a key, behaviour is unchanged: the same file sent twice is stored twice', async () => {
    const before = await counts();
    const a = await upload(tablet, deedId, 'MARRIAGE_BOOK', PDF, {});
    const b = await upload(tablet, deedId, 'MARRIAGE_BOOK', PDF, {});
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await counts()).toEqual({ ...before, documents: before.documents + 2, contents: before.contents + 2 });
  });
});
