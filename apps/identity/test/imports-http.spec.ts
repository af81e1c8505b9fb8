// POST /imports and its reads (issue 20: the clerk's desk uploads a village's spreadsheet and sees the report), on
// SQLite: the committed OpenSID example uploaded for its village and imported whole; a file with a bad row answered
// with the row, its masked NIK and its rules; the same file again refused; bad input (type, village, empty, too
// large, no layout) answered with its code and nothing written; who may upload (roles, the village in the region,
// a regency-wide scope for a file without a village) and who may read a job. And the job keeps its village: a
// resumed OpenSID import is read for the village it started with.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportJob } from '../src/import/import-job.entity';
import { ImportService } from '../src/import/import.service';

const EXAMPLE = readFileSync(join(__dirname, '../src/import/examples/opensid-format-impor-penduduk.csv'), 'utf8');
const VILLAGE = '5316012002';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let registrar: string;
let dir: string;

/** The example with every NIK and No. KK moved to other serials, so that each test imports its own people. */
function variant(n: number, edit: (csv: string) => string = (s) => s): string {
  const serial = String(n).padStart(2, '0');
  // NIK and No. KK serials end in 09xx in the example: 0901 → 09<n>1 keeps them valid and unique per variant.
  return edit(EXAMPLE.replace(/(\d{12})09(\d)(\d)\b/g, (_m, head: string, a: string, last: string) => `${head}${serial}${a}${last}`));
}

async function upload(body: string | Buffer, options: { token?: string; type?: string; village?: string | null; name?: string } = {}) {
  const query = options.village === null ? '' : `?village=${options.village ?? VILLAGE}`;
  const headers: Record<string, string> = {};
  if (options.token !== '') headers['authorization'] = `Bearer ${options.token ?? registrar}`;
  if (options.type !== '') headers['content-type'] = options.type ?? CSV;
  headers['content-disposition'] = `attachment; filename="${options.name ?? 'penduduk-labolewa.csv'}"`;
  const res = await t.app.inject({ method: 'POST', url: `/imports${query}`, headers, payload: body });
  return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
}

async function get(url: string, token = registrar) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() };
}

const em = () => t.app.get(MikroORM).em.fork();
const jobCount = () => em().count(ImportJob, {});

const limitBefore = process.env['IMPORT_UPLOAD_MAX_BYTES'];
beforeAll(async () => {
  // Read by the service from the environment when it is made (as IDENTITY_UPLOAD_MAX_BYTES is).
  process.env['IMPORT_UPLOAD_MAX_BYTES'] = '65536';
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  registrar = await tokenFor(['registrar'], ['5316'], 'registrar-nagekeo');
  dir = mkdtempSync(join(tmpdir(), 'adminduk-imports-http-'));
}, 90_000);
afterAll(async () => {
  if (limitBefore === undefined) delete process.env['IMPORT_UPLOAD_MAX_BYTES'];
  else process.env['IMPORT_UPLOAD_MAX_BYTES'] = limitBefore;
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('uploading a village file', () => {
  it("imports the committed OpenSID example for its village: 5 rows, 2 cards, the job with the upload's name and the village; the residents are in the register", async () => {
    const done = await upload(EXAMPLE);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      fileName: 'penduduk-labolewa.csv',
      format: 'CSV',
      layout: 'OPENSID',
      status: 'COMPLETED',
      villageCode: VILLAGE,
      totalRows: 5,
      rowsImported: 5,
      rowsRejected: 0,
      cardsImported: 2,
      cardsRejected: 0,
      startedBy: 'registrar-nagekeo',
      resumed: false,
      rejections: { items: [], next: null },
    });
    const found = await get('/residents?nik=5316011205800901');
    expect(found.body.items).toEqual([expect.objectContaining({ fullName: 'Yohanes Dhae', villageCode: VILLAGE, districtCode: '531601' })]);

    // The audit trail names the person who uploaded it, through the endpoint.
    const admin = await tokenFor(['admin'], ['5316']);
    const trail = await get(`/audit?resourceId=${found.body.items[0].id}`, admin);
    expect(trail.body.items).toContainEqual(expect.objectContaining({ action: 'CREATE', resourceType: 'import-job', resourceId: done.body.id, actorId: 'registrar-nagekeo', actorKind: 'user', endpoint: 'POST /imports' }));

    // Listed, and readable by id.
    const list = await get('/imports');
    expect(list.body.map((j: { id: string }) => j.id)).toContain(done.body.id);
    expect((await get(`/imports/${done.body.id}`)).body).toMatchObject({ id: done.body.id, villageCode: VILLAGE, rowsImported: 5 });
  });

  it('the same file again is 409 IMPORT_ALREADY_COMPLETED, and nothing is written twice', async () => {
    const jobs = await jobCount();
    const again = await upload(EXAMPLE, { name: 'lagi.csv' });
    expect([again.status, again.body.code]).toEqual([409, 'IMPORT_ALREADY_COMPLETED']);
    expect(await jobCount()).toBe(jobs);
  });

  it('a bad row is answered with its line, masked NIK and rules; its card is left out whole, the other imported', async () => {
    // Maria's NIK says a woman (day + 40); the row says L: NIK_SEX_MISMATCH, and her card (3 rows) is rejected.
    const csv = variant(11, (s) => s.replace('Maria Ngole,5316011503151101,5316014308841101,P', 'Maria Ngole,5316011503151101,5316014308841101,L'));
    expect(csv).toContain('5316014308841101,L');
    const done = await upload(csv, { name: 'salah-satu.csv' });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ rowsImported: 2, rowsRejected: 3, cardsImported: 1, cardsRejected: 1 });
    const items = done.body.rejections.items as { line: number; maskedNik: string; codes: string[]; messages: string[] }[];
    expect(items.map((r) => [r.line, r.codes])).toEqual([
      [2, ['CARD_REJECTED']],
      [3, ['NIK_SEX_MISMATCH']],
      [4, ['CARD_REJECTED']],
    ]);
    expect(items[1]?.maskedNik).toBe('531601******1101');
    expect(JSON.stringify(done.body)).not.toMatch(/Maria|Ngole|1984/);

    // Paged reads of the same rows.
    const first = await get(`/imports/${done.body.id}/rejections?limit=2`);
    expect(first.body.items.map((r: { line: number }) => r.line)).toEqual([2, 3]);
    expect(first.body.next).toBe(3);
    const rest = await get(`/imports/${done.body.id}/rejections?after=3&limit=2`);
    expect([rest.body.items.map((r: { line: number }) => r.line), rest.body.next]).toEqual([[4], null]);
  });

  it("SIAK's BIP workbook (the committed example): read as BIP; its people, already registered from the OpenSID example, are refused by sheet and row", async () => {
    const bip = readFileSync(join(__dirname, '../src/import/examples/bip-2016.xlsx'));
    const done = await upload(bip, { type: XLSX, name: 'bip-labolewa.xlsx' });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ format: 'XLSX', layout: 'BIP', rowsImported: 0, rowsRejected: 5, cardsRejected: 2 });
    const items = done.body.rejections.items as { line: number; row: number; sheet?: string; codes: string[] }[];
    expect(items.map((r) => [r.sheet, r.row, r.codes.includes('NIK_ALREADY_REGISTERED') || r.codes.includes('KK_ALREADY_REGISTERED')])).toEqual([
      ['BIP_Desa-Kel_1', 11, true],
      ['BIP_Desa-Kel_1', 12, true],
      ['BIP_Desa-Kel_1', 13, true],
      ['BIP_Desa-Kel_1', 15, true],
      ['BIP_Desa-Kel_1', 16, true],
    ]);
  });

  it('a village-scoped operator uploads for their own village', async () => {
    const operator = await tokenFor(['operator'], [VILLAGE], 'operator-labolewa');
    const done = await upload(variant(12), { token: operator, name: 'desa.csv' });
    expect([done.status, done.body.rowsImported, done.body.startedBy]).toEqual([201, 5, 'operator-labolewa']);
  });
});

describe('bad input: a clear code, nothing written', () => {
  it.each([
    ['a plain text body', { type: 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a PDF', { type: 'application/pdf' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a malformed village', { village: '53160120' }, 400, 'VALIDATION_FAILED'],
    ['a village outside the regency', { village: '5301012001' }, 400, 'IMPORT_VILLAGE_INVALID'],
    ['a code that is no village', { village: '5316019999' }, 400, 'IMPORT_VILLAGE_INVALID'],
  ] as const)('%s: %s %s', async (_what, options, status, code) => {
    const jobs = await jobCount();
    const refused = await upload(variant(20), options);
    expect([refused.status, refused.body.code]).toEqual([status, code]);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(await jobCount()).toBe(jobs);
  });

  it('an empty file: 400 IMPORT_FILE_EMPTY', async () => {
    const refused = await upload('');
    expect([refused.status, refused.body.code]).toEqual([400, 'IMPORT_FILE_EMPTY']);
  });

  it('a file over IMPORT_UPLOAD_MAX_BYTES: 413 BODY_TOO_LARGE, naming the command for large files', async () => {
    const big = variant(21) + '\n'.repeat(70_000);
    const refused = await upload(big);
    expect([refused.status, refused.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    expect(refused.body.detail).toContain('import <file>');
  });

  it('a file in no known layout: 400 IMPORT_HEADER_INVALID naming the accepted layouts', async () => {
    const refused = await upload('nomor,nama\n1,Yohanes\n');
    expect([refused.status, refused.body.code]).toEqual([400, 'IMPORT_HEADER_INVALID']);
    expect(refused.body.detail).toContain('OpenSID');
  });

  it('a zip that is no workbook, sent as xlsx: 400 IMPORT_FORMAT_UNKNOWN', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml'.padEnd(200, ' '))]);
    const refused = await upload(zip, { type: XLSX, name: 'surat.docx' });
    expect([refused.status, refused.body.code]).toEqual([400, 'IMPORT_FORMAT_UNKNOWN']);
  });

  it('an OpenSID file without a village: 400 IMPORT_VILLAGE_REQUIRED (for a regency-wide caller)', async () => {
    const refused = await upload(variant(22), { village: null });
    expect([refused.status, refused.body.code]).toEqual([400, 'IMPORT_VILLAGE_REQUIRED']);
  });
});

describe('who may upload and read', () => {
  it.each([
    ['no token', ''],
  ])('%s: 401', async (_what, token) => {
    const refused = await upload(variant(30), { token });
    expect(refused.status).toBe(401);
  });

  it.each([['partner'], ['analyst'], ['integrator']] as const)('a %s: 403', async (role) => {
    const token = await tokenFor([role], ['5316']);
    const refused = await upload(variant(31), { token });
    expect([refused.status, refused.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });

  it("an operator of another kecamatan: 403 OUTSIDE_REGION, nothing imported; nor may they read that village's imports", async () => {
    const other = await tokenFor(['operator'], ['531602'], 'operator-boawae');
    const jobs = await jobCount();
    const refused = await upload(variant(32), { token: other });
    expect([refused.status, refused.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    expect(await jobCount()).toBe(jobs);

    const theirs = await upload(variant(33));
    expect(theirs.status).toBe(201);
    const read = await get(`/imports/${theirs.body.id}`, other);
    expect([read.status, read.body.code]).toEqual([403, 'OUTSIDE_REGION']);
    expect((await get(`/imports/${theirs.body.id}/rejections`, other)).status).toBe(403);
    expect((await get('/imports', other)).body.map((j: { id: string }) => j.id)).not.toContain(theirs.body.id);
  });

  it('a kecamatan operator without a village: 403 REGENCY_SCOPE_REQUIRED before the body is read', async () => {
    const kecamatan = await tokenFor(['operator'], ['531601']);
    const refused = await upload(variant(34), { token: kecamatan, village: null });
    expect([refused.status, refused.body.code]).toEqual([403, 'REGENCY_SCOPE_REQUIRED']);
  });

  it('reads: an unknown job 404 IMPORT_NOT_FOUND, a malformed id 400, bad paging 400', async () => {
    expect((await get('/imports/01a2527c-0000-7000-8000-000000000000')).body.code).toBe('IMPORT_NOT_FOUND');
    expect((await get('/imports/nope')).status).toBe(400);
    expect((await get('/imports?limit=0')).status).toBe(400);
    const partner = await tokenFor(['partner'], ['5316']);
    expect((await get('/imports', partner)).status).toBe(403);
  });
});

describe('the job keeps its village', () => {
  it('a stopped OpenSID import resumes for its village without --village; another village is 409 IMPORT_VILLAGE_CHANGED', async () => {
    const file = join(dir, 'labolewa.csv');
    writeFileSync(file, variant(40));
    const imports = t.app.get(ImportService);
    const aborted = new AbortController();
    aborted.abort();
    const stopped = await imports.importFile({ file, village: '53.16.01.2002', actor: 'cli:tester', signal: aborted.signal });
    expect([stopped.status, stopped.rowsDone]).toEqual(['STOPPED', 0]);
    expect((await em().findOneOrFail(ImportJob, { id: stopped.jobId })).villageCode).toBe(VILLAGE);

    await expect(imports.importFile({ file, village: '5316011001', actor: 'cli:tester' })).rejects.toMatchObject({ code: 'IMPORT_VILLAGE_CHANGED' });

    const resumed = await imports.importFile({ file, actor: 'cli:tester' });
    expect([resumed.status, resumed.resumed, resumed.rowsImported]).toEqual(['COMPLETED', true, 5]);
    const found = await get('/residents?nik=5316011205804001');
    expect(found.body.items[0]).toMatchObject({ villageCode: VILLAGE });
  });
});
