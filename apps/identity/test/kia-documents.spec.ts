// A KIA application's documents through the HTTP API, on SQLite (service tier): what the application asks for by
// the child's type (Permendagri 2/2016), photos added and downloaded, the checklist as documents arrive, the
// application closed once the card is printed and opened again for a reissue, bad input (400/409/413/415/422) with
// nothing written, a retry with the same Idempotency-Key stored once, and who may call (401/403/404).
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry, localDate } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { KiaDocumentContent, KiaDocumentRecord } from '../src/kia/kia-document.entity';
import { uploadLimitOf } from '../src/kia/kia-documents.service';

let t: TestApp;
let operator: string;
let people = 0;

const today = localDate('+08:00');
const yearsAgo = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4, 10) === '-02-29' ? '-02-28' : today.slice(4, 10)}`;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('foto kk')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('foto anak')]);

async function register(birthDate: string, maritalStatus = 'BELUM_KAWIN'): Promise<string> {
  people += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/residents',
    headers: { authorization: `Bearer ${operator}` },
    payload: {
      fullName: `Anak Berkas ${people}`,
      birthPlace: 'Boawae',
      birthDate,
      sex: 'F',
      religion: 'KATOLIK',
      maritalStatus,
      motherName: `Ibu Berkas ${people}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 002 / RW 001',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const get = (id: string) => t.app.inject({ method: 'GET', url: `/residents/${id}/kia`, headers: { authorization: `Bearer ${operator}` } });
const act = (id: string, body: object) => t.app.inject({ method: 'POST', url: `/residents/${id}/kia/actions`, headers: { authorization: `Bearer ${operator}` }, payload: body });
function upload(id: string, kind: string, body: Buffer | string = JPEG, headers: Record<string, string> = {}, token = operator) {
  return t.app.inject({
    method: 'POST',
    url: `/residents/${id}/kia/documents?kind=${kind}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg', ...headers },
    payload: body,
  });
}
const stored = async (residentId: string) => t.app.get(MikroORM).em.fork().count(KiaDocumentRecord, { residentId });

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['5316'], 'op-mbay');
});
afterAll(() => t.close());

describe('the application for a new card asks for what Permendagri 2/2016 lists', () => {
  it('a child under 5: birth deed, KK and the parents’ KTP-el; all missing at first', async () => {
    const res = await get(await register(yearsAgo(3)));
    expect(res.json().application).toEqual({
      forCard: 1,
      kiaType: 'UNDER_5',
      documents: [],
      checklists: [{ reissueReason: null, asked: ['BIRTH_DEED', 'KK', 'KTP_PARENTS'], missing: ['BIRTH_DEED', 'KK', 'KTP_PARENTS'], complete: false }],
    });
  });

  it('a child of 5 or over also needs a photo; an adult has no application', async () => {
    expect((await get(await register(yearsAgo(9)))).json().application.checklists[0].asked).toEqual(['BIRTH_DEED', 'KK', 'KTP_PARENTS', 'CHILD_PHOTO']);
    expect((await get(await register(yearsAgo(30)))).json().application).toBeNull();
  });
});

describe('POST /residents/:id/kia/documents and the document’s content', () => {
  let id: string;
  beforeAll(async () => {
    id = await register(yearsAgo(9));
  });

  it('stores a photo of the KK, with its name and digest, and the checklist shows it', async () => {
    const res = await upload(id, 'KK', JPEG, { 'content-disposition': 'attachment; filename="kk-keluarga.jpg"' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'KK', forCard: 1, contentType: 'image/jpeg', size: JPEG.length, fileName: 'kk-keluarga.jpg', addedBy: 'op-mbay' });
    const application = (await get(id)).json().application;
    expect(application.documents.map((d: { kind: string }) => d.kind)).toEqual(['KK']);
    expect(application.checklists[0]).toMatchObject({ missing: ['BIRTH_DEED', 'KTP_PARENTS', 'CHILD_PHOTO'], complete: false });
  });

  it('serves the same bytes back, not cached, and audits the reading', async () => {
    const document = (await get(id)).json().application.documents[0];
    const res = await t.app.inject({ method: 'GET', url: `/residents/${id}/kia/documents/${document.id}/content`, headers: { authorization: `Bearer ${operator}` } });
    expect(res.statusCode).toBe(200);
    expect([res.headers['content-type'], res.headers['cache-control'], res.headers['x-content-type-options']]).toEqual(['image/jpeg', 'no-store', 'nosniff']);
    // Saved as a file with a safe name, never rendered on the API's origin (issue 16).
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dokumen-kia-${document.id}.jpg"`);
    expect(res.rawPayload.equals(JPEG)).toBe(true);
    const reads = await t.app.get(MikroORM).em.fork().count(AuditEntry, { resourceType: 'kia', resourceId: id, action: 'READ' });
    expect(reads).toBeGreaterThanOrEqual(1);
  });

  it('completes the application with the other three (a PNG photo of the child)', async () => {
    for (const kind of ['BIRTH_DEED', 'KTP_PARENTS']) expect((await upload(id, kind)).statusCode).toBe(201);
    expect((await upload(id, 'CHILD_PHOTO', PNG, { 'content-type': 'image/png' })).statusCode).toBe(201);
    expect((await get(id)).json().application.checklists[0]).toMatchObject({ missing: [], complete: true });
  });

  it('closes the application once the card is printed, and opens the next one (a reissue) once it is handed over', async () => {
    expect((await act(id, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' })).json().application).toBeNull();
    const closed = await upload(id, 'KK');
    expect([closed.statusCode, closed.json().code]).toEqual([409, 'KIA_DOCUMENTS_CLOSED']);
    const issued = (await act(id, { type: 'ISSUE', version: 1 })).json();
    expect(issued.application).toMatchObject({
      forCard: 2,
      documents: [],
      checklists: [
        { reissueReason: 'LOST', asked: ['POLICE_LOSS_LETTER', 'KK', 'CHILD_PHOTO'], complete: false },
        { reissueReason: 'DAMAGED', asked: ['DAMAGED_KIA', 'KK', 'CHILD_PHOTO'], complete: false },
      ],
    });
    expect((await upload(id, 'POLICE_LOSS_LETTER', '%PDF-1.7 surat', { 'content-type': 'application/pdf' })).json()).toMatchObject({ forCard: 2 });
    const after = (await get(id)).json();
    expect(after.application.documents.map((d: { kind: string }) => d.kind)).toEqual(['POLICE_LOSS_LETTER']);
    // Every document stays readable with the card it was for.
    expect(after.documents.map((d: { kind: string; forCard: number }) => [d.forCard, d.kind])).toEqual([
      [1, 'KK'],
      [1, 'BIRTH_DEED'],
      [1, 'KTP_PARENTS'],
      [1, 'CHILD_PHOTO'],
      [2, 'POLICE_LOSS_LETTER'],
    ]);
  });
});

describe('bad input: a clear problem, nothing stored', () => {
  let id: string;
  beforeAll(async () => {
    id = await register(yearsAgo(2));
  });
  afterEach(async () => {
    expect(await stored(id)).toBe(0);
  });

  it.each([
    ['a kind the application does not ask for (a photo of a child under 5)', 'CHILD_PHOTO', JPEG, {}, 422, 'KIA_DOCUMENT_NOT_ASKED'],
    ['a kind that does not exist', 'PASPOR', JPEG, {}, 400, 'VALIDATION_FAILED'],
    ['no kind', '', JPEG, {}, 400, 'VALIDATION_FAILED'],
    ['a text file', 'KK', 'teks', { 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a PDF sent as a JPEG', 'KK', '%PDF-1.7', {}, 400, 'DOCUMENT_CONTENT_MISMATCH'],
    ['an empty file', 'KK', Buffer.alloc(0), {}, 400, 'DOCUMENT_EMPTY'],
    ['a file over the limit', 'KK', Buffer.concat([JPEG, Buffer.alloc(2_097_152)]), {}, 413, 'BODY_TOO_LARGE'],
    ['a malformed Idempotency-Key', 'KK', JPEG, { 'idempotency-key': 'kunci dengan spasi' }, 400, 'IDEMPOTENCY_KEY_INVALID'],
  ] as const)('%s', async (_what, kind, body, headers, status, code) => {
    const res = await upload(id, kind, body, headers);
    expect([res.statusCode, res.json().code]).toEqual([status, code]);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('an adult: no application can be made', async () => {
    const adult = await register(yearsAgo(40));
    const res = await upload(adult, 'KK');
    expect([res.statusCode, res.json().code]).toEqual([409, 'KIA_DOCUMENTS_CLOSED']);
    expect(await stored(adult)).toBe(0);
  });

  it('IDENTITY_UPLOAD_MAX_BYTES: 2 MiB by default; a value out of bounds stops the service', () => {
    expect(uploadLimitOf({})).toBe(2_097_152);
    expect(uploadLimitOf({ IDENTITY_UPLOAD_MAX_BYTES: '4096' })).toBe(4096);
    expect(() => uploadLimitOf({ IDENTITY_UPLOAD_MAX_BYTES: '12' })).toThrow(/IDENTITY_UPLOAD_MAX_BYTES/);
  });
});

describe('Idempotency-Key: an offline outbox sending the same photo again', () => {
  it('the same key and file: the first answer again, stored once; the same key with another file: 422', async () => {
    const id = await register(yearsAgo(4));
    const first = await upload(id, 'KK', JPEG, { 'idempotency-key': 'tablet-1:kk' });
    const again = await upload(id, 'KK', JPEG, { 'idempotency-key': 'tablet-1:kk' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().id).toBe(first.json().id);
    expect(await stored(id)).toBe(1);
    expect(await t.app.get(MikroORM).em.fork().count(KiaDocumentContent, { documentId: first.json().id })).toBe(1);
    const other = await upload(id, 'KK', Buffer.concat([JPEG, Buffer.from('lain')]), { 'idempotency-key': 'tablet-1:kk' });
    expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await stored(id)).toBe(1);
  });
});

describe('who may call', () => {
  let id: string;
  let documentId: string;
  beforeAll(async () => {
    id = await register(yearsAgo(6));
    documentId = (await upload(id, 'KK')).json().id;
  });

  it('401 without a token; 403 for an analyst; 403 OUTSIDE_REGION for another kecamatan’s operator', async () => {
    const none = await t.app.inject({ method: 'POST', url: `/residents/${id}/kia/documents?kind=KK`, headers: { 'content-type': 'image/jpeg' }, payload: JPEG });
    expect(none.statusCode).toBe(401);
    const analyst = await upload(id, 'KK', JPEG, {}, await tokenFor(['analyst'], ['5316'], 'analis'));
    expect([analyst.statusCode, analyst.json().code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const elsewhere = await tokenFor(['operator'], ['531603'], 'op-boawae');
    expect((await upload(id, 'KK', JPEG, {}, elsewhere)).json().code).toBe('OUTSIDE_REGION');
    const read = await t.app.inject({ method: 'GET', url: `/residents/${id}/kia/documents/${documentId}/content`, headers: { authorization: `Bearer ${elsewhere}` } });
    expect([read.statusCode, read.json().code]).toEqual([403, 'OUTSIDE_REGION']);
    expect(await stored(id)).toBe(1);
  });

  it('404 for another child’s document and for an unknown resident', async () => {
    const other = await register(yearsAgo(6));
    const wrong = await t.app.inject({ method: 'GET', url: `/residents/${other}/kia/documents/${documentId}/content`, headers: { authorization: `Bearer ${operator}` } });
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
    const unknown = await upload('0190b5b4-0000-7000-8000-000000000000', 'KK');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'RESIDENT_NOT_FOUND']);
  });
});
