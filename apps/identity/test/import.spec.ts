// Bulk import of a register file into the identity service, on SQLite (service tier), with real CSV and NDJSON
// files in a temporary folder: a clean file imports completely (residents on their cards with their SHDK, the
// events and the audit trail); every kind of bad row is reported with its code while the rest is imported; a card
// with one bad member is left out whole; duplicate NIKs in the file and in the register; a stopped import resumes
// and writes every row once; a finished file is not imported twice.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { listVillages } from '@adminduk/domain/villages';
import { SUBJECTS } from '@adminduk/contracts';
import { localDate, OutboxEvent, ProblemException } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportJob } from '../src/import/import-job.entity';
import { ImportService, type ImportOptions, type ImportOutcome, type ImportReportLine } from '../src/import/import.service';
import { Resident } from '../src/residents/resident.entity';
import { FamilyCard } from '../src/family-cards/family-card.entity';
import { PopulationGenerator, rowsOf, writeCsv, writeNdjson, type RegisterFamily, type RegisterRow } from './import-fixtures';

let t: TestApp;
let dir: string;
let registrar: string;
let admin: string;
let generator: PopulationGenerator;
let files = 0;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  dir = mkdtempSync(join(tmpdir(), 'adminduk-import-'));
  registrar = await tokenFor(['registrar'], ['5316']);
  admin = await tokenFor(['admin'], ['5316']);
  // One generator for the whole file: its NIKs and No. KK never repeat, so tests do not collide in the database.
  generator = new PopulationGenerator(20261127, localDate(t.config.utcOffset));
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function path(extension: 'csv' | 'ndjson'): string {
  return join(dir, `register-${++files}.${extension}`);
}

function importFile(file: string, options: Partial<ImportOptions> = {}): Promise<ImportOutcome> {
  return t.app.get(ImportService).importFile({ file, actor: 'cli:tester', ...options });
}

async function report(jobId: string): Promise<ImportReportLine[]> {
  const lines: ImportReportLine[] = [];
  for await (const page of t.app.get(ImportService).report(jobId)) lines.push(...page);
  return lines;
}

async function get(url: string, token = registrar) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() };
}

async function residentByNik(nik: string): Promise<Record<string, unknown> | undefined> {
  const res = await get(`/residents?nik=${nik}`);
  expect(res.status).toBe(200);
  return res.body.items[0];
}

async function cardByNumber(kkNumber: string): Promise<{ id: string; members: { residentId: string; nik: string; relationship: number }[] } | undefined> {
  const res = await get(`/family-cards?kkNumber=${kkNumber}`);
  expect(res.status).toBe(200);
  return res.body.items[0];
}

/** Cards with at least `members` members. */
function families(count: number, members = 1): RegisterFamily[] {
  const out: RegisterFamily[] = [];
  while (out.length < count) {
    const f = generator.family();
    if (f.rows.length >= members) out.push(f);
  }
  return out.sort((a, b) => (a.kkNumber < b.kkNumber ? -1 : 1));
}

/** The data line (CSV: header is line 1) of a row. */
function lineOf(rows: readonly RegisterRow[], row: RegisterRow): number {
  return rows.indexOf(row) + 2;
}

describe('a clean register file', () => {
  let population: RegisterFamily[];
  let outcome: ImportOutcome;

  beforeAll(async () => {
    population = families(60);
    const file = path('csv');
    writeCsv(file, rowsOf(population));
    outcome = await importFile(file, { batchSize: 50 });
  });

  it('imports every row and card, in several batches', () => {
    const rows = rowsOf(population).length;
    expect(outcome).toMatchObject({ status: 'COMPLETED', resumed: false, totalRows: rows, rowsDone: rows, rowsImported: rows, rowsRejected: 0, cardsImported: 60, cardsRejected: 0 });
    expect(outcome.batchesThisRun).toBeGreaterThan(2);
  });

  it('puts every resident on the family card of the file, with the SHDK and order of the file', async () => {
    for (const family of population.slice(0, 10)) {
      const card = await cardByNumber(family.kkNumber);
      expect(card?.members.map((m) => [m.nik, m.relationship])).toEqual(family.rows.map((r) => [r.nik, Number(r.shdk)]));
    }
  });

  it('keeps the residents as the file gives them', async () => {
    const row = rowsOf(population)[3] as RegisterRow;
    const resident = await residentByNik(row.nik);
    expect(resident).toMatchObject({
      nik: row.nik,
      fullName: row.full_name,
      birthPlace: row.birth_place,
      birthDate: row.birth_date,
      sex: row.sex,
      religion: row.religion,
      maritalStatus: row.marital_status,
      motherName: row.mother_name,
      districtCode: row.district_code,
      villageCode: row.village_code,
      address: row.address,
      status: 'ALIVE',
    });
    const card = await cardByNumber(row.kk_number);
    expect(resident?.familyCardId).toBe(card?.id);
  });

  it('announces each resident (origin IMPORT) and each card through the outbox', async () => {
    const events = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { requestId: `import:${outcome.jobId}` });
    const registered = events.filter((e) => e.subject === SUBJECTS.identity.residentRegistered);
    const cards = events.filter((e) => e.subject === SUBJECTS.identity.familyCardChanged);
    expect(registered).toHaveLength(outcome.rowsImported);
    expect(cards).toHaveLength(60);
    const row = rowsOf(population)[0] as RegisterRow;
    expect(registered.map((e) => e.payload)).toContainEqual(expect.objectContaining({ nik: row.nik, origin: 'IMPORT', birthDate: row.birth_date, districtCode: row.district_code }));
    expect(cards.map((e) => e.payload)).toContainEqual(expect.objectContaining({ kkNumber: population[0]?.kkNumber, version: 1, facts: [{ type: 'CARD_IMPORTED' }] }));
  });

  it('shows in the audit trail of a resident the import that created it, and who ran it', async () => {
    const resident = await residentByNik((rowsOf(population)[5] as RegisterRow).nik);
    const res = await get(`/audit?resourceId=${resident?.id}`, admin);
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(expect.objectContaining({ action: 'CREATE', resourceType: 'import-job', resourceId: outcome.jobId, actorId: 'cli:tester' }));
  });

  it('records the job with its file hash and counts', async () => {
    const job = await t.app.get(MikroORM).em.fork().findOneOrFail(ImportJob, { id: outcome.jobId });
    expect(job).toMatchObject({ status: 'COMPLETED', sha256: outcome.sha256, totalRows: outcome.totalRows, rowsImported: outcome.rowsImported, rowsRejected: 0, format: 'CSV' });
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(await report(outcome.jobId)).toEqual([]);
  });
});

describe('rows with problems', () => {
  it('reports every kind of bad row with its code, leaves out its card and imports the rest', async () => {
    const population = families(24, 2);
    const rows = rowsOf(population);
    const first = (i: number) => population[i]?.rows[0] as RegisterRow;
    const second = (i: number) => population[i]?.rows[1] as RegisterRow;
    const expected = new Map<RegisterRow, string>();
    const breakRow = (row: RegisterRow, code: string, change: Partial<RegisterRow>) => {
      Object.assign(row, change);
      expected.set(row, code);
    };
    breakRow(second(0), 'NIK_FORMAT', { nik: '53160112345' });
    breakRow(second(1), 'NIK_SEX_MISMATCH', { sex: second(1).sex === 'M' ? 'F' : 'M' });
    breakRow(second(2), 'SHDK_INVALID', { shdk: '12' });
    breakRow(second(3), 'RELIGION_INVALID', { religion: 'KATHOLIK' });
    breakRow(second(4), 'MARITAL_STATUS_INVALID', { marital_status: 'MARRIED' });
    breakRow(second(5), 'EDUCATION_INVALID', { education: '11' });
    breakRow(second(6), 'BLOOD_TYPE_INVALID', { blood_type: '14' });
    breakRow(second(7), 'DISTRICT_OUTSIDE_REGENCY', { district_code: '537101', village_code: '5371011001' });
    breakRow(second(8), 'DISTRICT_UNKNOWN', { district_code: '531699' });
    breakRow(second(9), 'VILLAGE_UNKNOWN', { village_code: second(9).district_code === '531601' ? '5316021001' : '5316011001' });
    breakRow(second(10), 'NAME_BLANK', { full_name: '' });
    breakRow(second(11), 'BIRTH_DATE_INVALID', { birth_date: '1990-02-30' });
    breakRow(second(12), 'SEX_INVALID', { sex: 'X' });
    breakRow(second(13), 'HEAD_MULTIPLE', { shdk: '1' });
    breakRow(second(14), 'FIELD_TOO_LONG', { address: 'x'.repeat(301) });
    // A No. KK issued on 1 January of next year: after the day of the import.
    const kk = population[15]?.kkNumber as string;
    const nextYear = String((Number(localDate(t.config.utcOffset).slice(2, 4)) + 1) % 100).padStart(2, '0');
    for (const r of population[15]?.rows ?? []) r.kk_number = `${kk.slice(0, 6)}0101${nextYear}${kk.slice(12)}`;
    expected.set(first(15), 'KK_ISSUE_DATE_AFTER_AS_OF');
    const neighbour = listVillages(second(16).district_code).find((v) => v.code !== second(16).village_code);
    breakRow(second(16), 'CARD_ADDRESS_INCONSISTENT', { village_code: neighbour?.code as string });
    breakRow(second(17), 'BIRTH_AFTER_AS_OF', { birth_date: '2099-01-01' });
    const file = path('csv');
    writeCsv(file, rows);

    const outcome = await importFile(file);
    const brokenCards = 18;
    const brokenRows = population.slice(0, brokenCards).reduce((n, f) => n + f.rows.length, 0);
    expect(outcome).toMatchObject({ status: 'COMPLETED', rowsRejected: brokenRows, rowsImported: rows.length - brokenRows, cardsRejected: brokenCards, cardsImported: 24 - brokenCards });

    const lines = new Map((await report(outcome.jobId)).map((l) => [l.line, l]));
    expect(lines.size).toBe(brokenRows);
    for (const [row, code] of expected) {
      const line = lines.get(lineOf(rows, row));
      expect({ code, codes: line?.codes }).toEqual({ code, codes: expect.arrayContaining([code]) });
      expect(line?.maskedKkNumber).toMatch(/^\d{6}\*{6}\d{4}$/);
    }
    // The other rows of a broken card name the bad one.
    const partner = lines.get(lineOf(rows, first(2)));
    expect(partner?.codes).toEqual(['CARD_REJECTED']);
    expect(partner?.messages[0]).toContain(`line ${lineOf(rows, second(2))}`);
    // Nothing of a broken card is in the register; the good cards are whole.
    for (const family of population.slice(0, brokenCards)) {
      expect(await cardByNumber(family.kkNumber)).toBeUndefined();
      for (const r of family.rows) if (/^\d{16}$/.test(r.nik)) expect(await residentByNik(r.nik)).toBeUndefined();
    }
    for (const family of population.slice(brokenCards)) expect((await cardByNumber(family.kkNumber))?.members).toHaveLength(family.rows.length);
  });

  it('reports a row that cannot be read, and the card it may belong to, by line', async () => {
    const population = families(3, 2);
    const file = path('csv');
    writeCsv(file, rowsOf(population));
    // The middle card's second row gets an extra field (an unquoted comma in the address).
    const text = readFileSync(file, 'utf8').split('\r\n');
    const target = 1 + (population[0]?.rows.length ?? 0) + 2;
    text[target - 1] = `${text[target - 1]},extra`;
    writeFileSync(file, text.join('\r\n'));

    const outcome = await importFile(file);
    const lines = await report(outcome.jobId);
    expect(lines.find((l) => l.line === target)?.codes).toEqual(['ROW_MALFORMED']);
    expect(lines.find((l) => l.line === target)?.messages[0]).toBe('the row has 23 fields, the header 22');
    expect(outcome.cardsRejected).toBe(1);
    expect(await cardByNumber(population[1]?.kkNumber as string)).toBeUndefined();
    expect(await cardByNumber(population[0]?.kkNumber as string)).toBeDefined();
    expect(await cardByNumber(population[2]?.kkNumber as string)).toBeDefined();
  });

  it('puts no name, address or birth date in the report', async () => {
    const population = families(4, 2);
    const rows = rowsOf(population);
    const bad = population[0]?.rows[1] as RegisterRow;
    bad.sex = bad.sex === 'M' ? 'F' : 'M';
    const moved = population[1]?.rows[1] as RegisterRow;
    const recorded = moved.birth_date;
    moved.birth_date = `${Number(recorded.slice(0, 4)) - 1}${recorded.slice(4)}`;
    const file = path('csv');
    writeCsv(file, rows);
    const outcome = await importFile(file);
    const text = JSON.stringify(await report(outcome.jobId));
    expect(text).toContain('NIK_SEX_MISMATCH');
    expect(text).toContain('NIK_BIRTH_DATE_MISMATCH');
    for (const r of [...(population[0]?.rows ?? []), ...(population[1]?.rows ?? [])]) {
      for (const value of [r.nik, r.nik.slice(6, 12), r.full_name, r.mother_name, r.address, r.birth_date, recorded]) expect(text).not.toContain(value);
    }
  });
});

describe('duplicates', () => {
  it('rejects every card holding a NIK that is on more than one row of the file', async () => {
    const population = families(5, 2);
    const taken = population[1]?.rows[0] as RegisterRow;
    const copy = population[3]?.rows[1] as RegisterRow;
    Object.assign(copy, { nik: taken.nik, birth_date: taken.birth_date, sex: taken.sex });
    const rows = rowsOf(population);
    const file = path('csv');
    writeCsv(file, rows);

    const outcome = await importFile(file);
    expect(outcome.cardsRejected).toBe(2);
    const lines = new Map((await report(outcome.jobId)).map((l) => [l.line, l]));
    for (const row of [taken, copy]) {
      expect(lines.get(lineOf(rows, row))?.codes).toContain('NIK_DUPLICATE_IN_FILE');
      expect(lines.get(lineOf(rows, row))?.messages.join()).toContain(`lines ${lineOf(rows, taken)}, ${lineOf(rows, copy)}`);
    }
    expect(await residentByNik(taken.nik)).toBeUndefined();
    expect(await cardByNumber(population[0]?.kkNumber as string)).toBeDefined();
  });

  it('rejects a card whose member or number is already in the register', async () => {
    const population = families(4, 2);
    const registered = population[0]?.rows[1] as RegisterRow;
    const res = await t.app.inject({
      method: 'POST',
      url: '/residents',
      headers: { authorization: `Bearer ${registrar}` },
      payload: {
        nik: registered.nik,
        fullName: 'Someone Registered Before',
        birthPlace: 'Mbay',
        birthDate: registered.birth_date,
        sex: registered.sex,
        religion: 'KATOLIK',
        maritalStatus: registered.marital_status,
        motherName: 'Mother Before',
        districtCode: registered.district_code,
        villageCode: registered.village_code,
        address: 'Mbay',
      },
    });
    expect(res.statusCode).toBe(201);
    // A card issued by the office today; the file holds a card with the same number.
    const head = await t.app.inject({
      method: 'POST',
      url: '/residents',
      headers: { authorization: `Bearer ${registrar}` },
      payload: { fullName: 'Head Before', birthPlace: 'Mbay', birthDate: '1970-01-01', sex: 'M', religion: 'KATOLIK', maritalStatus: 'BELUM_KAWIN', motherName: 'Ibu', districtCode: '531601', villageCode: '5316011001', address: 'Mbay' },
    });
    const card = await t.app.inject({ method: 'POST', url: '/family-cards', headers: { authorization: `Bearer ${registrar}` }, payload: { members: [{ residentId: head.json().id, relationship: 1 }] } });
    expect(card.statusCode).toBe(201);
    const issued = card.json().kkNumber as string;
    for (const r of population[2]?.rows ?? []) r.kk_number = issued;
    const rows = rowsOf(population).sort((a, b) => (a.kk_number < b.kk_number ? -1 : a.kk_number > b.kk_number ? 1 : 0));
    const file = path('csv');
    writeCsv(file, rows);

    const outcome = await importFile(file);
    expect(outcome).toMatchObject({ cardsImported: 2, cardsRejected: 2 });
    const lines = new Map((await report(outcome.jobId)).map((l) => [l.line, l]));
    expect(lines.get(lineOf(rows, registered))?.codes).toEqual(['NIK_ALREADY_REGISTERED']);
    expect(lines.get(lineOf(rows, population[0]?.rows[0] as RegisterRow))?.codes).toEqual(['CARD_REJECTED']);
    expect(lines.get(lineOf(rows, population[2]?.rows[0] as RegisterRow))?.codes).toEqual(['KK_ALREADY_REGISTERED']);
    expect((await residentByNik(registered.nik))?.fullName).toBe('Someone Registered Before');
    expect(await residentByNik((population[0]?.rows[0] as RegisterRow).nik)).toBeUndefined();
  });

  it('rejects a card whose rows are not together in the file', async () => {
    const population = families(3, 3);
    const scattered = population[0] as RegisterFamily;
    const rows = [...scattered.rows.slice(0, 2), ...(population[1]?.rows ?? []), ...scattered.rows.slice(2), ...(population[2]?.rows ?? [])];
    const file = path('csv');
    writeCsv(file, rows);

    const outcome = await importFile(file);
    expect(outcome).toMatchObject({ cardsImported: 2, rowsRejected: scattered.rows.length });
    const lines = await report(outcome.jobId);
    expect(lines.map((l) => l.codes)).toEqual(scattered.rows.map(() => ['KK_NOT_CONTIGUOUS']));
    expect(lines[0]?.messages[0]).toContain(`lines 2, ${2 + 2 + (population[1]?.rows.length ?? 0)}`);
    expect(await cardByNumber(scattered.kkNumber)).toBeUndefined();
  });
});

describe('resuming', () => {
  it('resumes a stopped import after its checkpoint and writes every row once', async () => {
    const population = families(80);
    const rows = rowsOf(population);
    const bad = rows[7] as RegisterRow;
    bad.religion = 'NONE';
    const file = path('csv');
    writeCsv(file, rows);
    const controller = new AbortController();
    const first = await importFile(file, { batchSize: 40, signal: controller.signal, onProgress: (p) => p.rowsDone >= 80 && controller.abort() });
    expect(first.status).toBe('STOPPED');
    expect(first.rowsDone).toBeGreaterThanOrEqual(80);
    expect(first.rowsDone).toBeLessThan(rows.length);
    const stopped = await t.app.get(MikroORM).em.fork().findOneOrFail(ImportJob, { id: first.jobId });
    expect(stopped).toMatchObject({ status: 'RUNNING', rowsImported: first.rowsImported });
    expect(stopped.linesCommitted).toBeGreaterThan(1);

    const second = await importFile(file, { batchSize: 40 });
    expect(second).toMatchObject({ status: 'COMPLETED', jobId: first.jobId, resumed: true, resumedAfterLine: stopped.linesCommitted, rowsDone: rows.length, cardsImported: 79, cardsRejected: 1 });
    const em = t.app.get(MikroORM).em.fork();
    expect(await em.count(Resident, { nik: { $in: rows.map((r) => r.nik) } })).toBe(second.rowsImported);
    expect(await em.count(FamilyCard, { kkNumber: { $in: population.map((f) => f.kkNumber) } })).toBe(79);
    const broken = population.find((f) => f.rows.includes(bad)) as RegisterFamily;
    expect((await report(first.jobId)).map((l) => l.line)).toEqual(broken.rows.map((r) => lineOf(rows, r)));
  });

  it('does not import a finished file twice', async () => {
    const file = path('csv');
    writeCsv(file, rowsOf(families(3)));
    const done = await importFile(file);
    expect(done.status).toBe('COMPLETED');
    const again = importFile(file);
    await expect(again).rejects.toBeInstanceOf(ProblemException);
    await expect(importFile(file)).rejects.toMatchObject({ code: 'IMPORT_ALREADY_COMPLETED', status: 409 });
  });
});

describe('formats', () => {
  it('imports NDJSON with the same field names (codes as numbers, empty fields left out)', async () => {
    const population = families(20);
    const file = path('ndjson');
    writeNdjson(file, rowsOf(population));
    const outcome = await importFile(file);
    expect(outcome).toMatchObject({ status: 'COMPLETED', rowsImported: rowsOf(population).length, cardsImported: 20, rowsRejected: 0 });
    const family = population[4] as RegisterFamily;
    expect((await cardByNumber(family.kkNumber))?.members.map((m) => m.relationship)).toEqual(family.rows.map((r) => Number(r.shdk)));
  });

  it('reads CSV columns in any order, and quoted fields with commas, quotes and line breaks', async () => {
    const population = families(3, 2);
    const rows = rowsOf(population);
    const quoted = rows[0] as RegisterRow;
    quoted.address = 'Jl. "Trans Flores", RT 001/RW 002,\nMbay';
    const columns = ['kk_number', 'nik', 'full_name', 'shdk', 'sex', 'birth_date', 'birth_place', 'religion', 'marital_status', 'mother_name', 'father_name', 'district_code', 'village_code', 'address'];
    const file = path('csv');
    writeCsv(file, rows, columns);
    const outcome = await importFile(file);
    expect(outcome).toMatchObject({ rowsImported: rows.length, rowsRejected: 0 });
    expect((await residentByNik(quoted.nik))?.address).toBe('Jl. "Trans Flores", RT 001/RW 002,\nMbay');
  });

  it('refuses a file whose header lacks a column, or has one it does not know', async () => {
    const rows = rowsOf(families(1));
    const file = path('csv');
    writeCsv(file, rows, ['nik', 'kk_number', 'shdk', 'full_name']);
    await expect(importFile(file)).rejects.toMatchObject({ code: 'IMPORT_HEADER_INVALID', detail: expect.stringContaining('required column birth_place is missing') });
    const extra = path('csv');
    writeCsv(extra, rows.map((r) => ({ ...r, agama: 'x' })), [...Object.keys(rows[0] as RegisterRow), 'agama']);
    await expect(importFile(extra)).rejects.toMatchObject({ code: 'IMPORT_HEADER_INVALID', detail: expect.stringContaining('unknown column(s) "agama"') });
    const outcome = await importFile(extra, { allowExtraColumns: true });
    expect(outcome.rowsImported).toBe(rows.length);
  });
});
