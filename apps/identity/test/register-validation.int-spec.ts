// Register validation on the machine's PostgreSQL (integration tier; issue 19, item 5): names trimmed, not blank,
// without control characters, at most 100 characters; birth dates not in the future (the office's day) nor before
// 1900; an explicit NIK consistent with birth date and sex; a death neither before the birth nor in the future.
// One rule per test: the REST registration (POST /residents) answers 422 PARTICULARS_INVALID naming the rule's
// code, nothing is written, and the register import rejects a row breaking the same rule with the SAME code (and
// writes nothing of its card). Corrections (PATCH) and deaths use the same domain check (checkParticulars).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { localDate } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportService, type ImportReportLine } from '../src/import/import.service';
import { PopulationGenerator, rowsOf, writeCsv, type RegisterRow } from './import-fixtures';

let t: TestApp;
let db: { name: string; url: string };
let token: string;
let dir: string;
let generator: PopulationGenerator;
let today: string;
let tomorrow: string;
let files = 0;

beforeAll(async () => {
  db = await createDatabase('identityvalidation');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  token = await tokenFor(['registrar'], ['5316']);
  dir = mkdtempSync(join(tmpdir(), 'adminduk-register-validation-'));
  today = localDate(t.config.utcOffset);
  tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  generator = new PopulationGenerator(19_052_026, today);
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return Number((await client.query(sql, params)).rows[0]?.n);
  } finally {
    await client.end();
  }
}

/** What a refused request must leave untouched. */
async function written(): Promise<Record<string, number>> {
  return {
    residents: await count('select count(*) as n from resident'),
    outbox: await count('select count(*) as n from outbox_event'),
    statusActions: await count('select count(*) as n from resident_status_action'),
  };
}

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() };
}

// Maria, born 1990-03-01 in Aesesa (53.16.01): her NIK has 41 (1 + 40: a woman), 03, 90.
const maria = {
  fullName: 'Maria Goreti Wea',
  birthPlace: 'Mbay',
  birthDate: '1990-03-01',
  sex: 'F',
  religion: 'KATOLIK',
  maritalStatus: 'BELUM_KAWIN',
  motherName: 'Yohana Bhoki',
  districtCode: '531601',
  villageCode: '5316012002',
  address: 'RT 002 / RW 001, Labolewa',
};
let people = 0;
/** A person nobody registered yet (a new mother's name: no likely duplicate). */
const fresh = (change: Record<string, unknown> = {}) => ({ ...maria, motherName: `Ibu Nomor ${++people}`, ...change });

/** One card of the generator's, its head broken by `change`, imported; the report's lines of that card. */
async function importBroken(change: (head: RegisterRow) => Partial<RegisterRow>): Promise<{ head: ImportReportLine | undefined; card: RegisterRow[] }> {
  const family = generator.family();
  const rows = rowsOf([family]);
  const head = rows[0] as RegisterRow;
  Object.assign(head, change(head));
  const file = join(dir, `register-${++files}.csv`);
  writeCsv(file, rows);
  const outcome = await t.app.get(ImportService).importFile({ file, actor: 'cli:int-test' });
  expect(outcome).toMatchObject({ status: 'COMPLETED', rowsImported: 0, rowsRejected: rows.length });
  const lines: ImportReportLine[] = [];
  for await (const page of t.app.get(ImportService).report(outcome.jobId)) lines.push(...page);
  return { head: lines.find((l) => l.line === 2), card: rows };
}

/** The rule's REST refusal: 422 problem+json PARTICULARS_INVALID with `code` on `field`, and nothing written. */
async function expectRefused(request: () => Promise<{ status: number; type: string; body: { code: string; errors?: { code: string; field?: string }[] } }>, code: string, field: string) {
  const before = await written();
  const res = await request();
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'PARTICULARS_INVALID' });
  expect(res.type).toContain('application/problem+json');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code, field })]));
  expect(await written()).toEqual(before);
}

/** The import rejects the card with `code` on the head's row and registers none of its members. */
async function expectImportRejects(change: (head: RegisterRow) => Partial<RegisterRow>, code: string) {
  const residents = await count('select count(*) as n from resident');
  const { head, card } = await importBroken(change);
  expect(head?.codes).toEqual(expect.arrayContaining([code]));
  expect(await count('select count(*) as n from resident')).toBe(residents);
  expect(await count('select count(*) as n from resident where nik = any($1)', [card.map((r) => r.nik)])).toBe(0);
}

describe('one rule, one code: the REST registration and the register import', () => {
  it('a blank name: NAME_BLANK', async () => {
    await expectRefused(() => call('POST', '/residents', fresh({ fullName: '   ' })), 'NAME_BLANK', 'fullName');
    await expectImportRejects(() => ({ full_name: '   ' }), 'NAME_BLANK');
  });

  it('a control character in a name: NAME_CONTROL_CHARACTER', async () => {
    // A tab, line break or C1 control reaches the name rules; the C0 controls are refused earlier, at the edge, with
    // 400 VALIDATION_FAILED / CONTROL_CHARACTER for any field (edges.spec.ts).
    await expectRefused(() => call('POST', '/residents', fresh({ fullName: 'Maria\tGoreti' })), 'NAME_CONTROL_CHARACTER', 'fullName');
    await expectRefused(() => call('POST', '/residents', fresh({ motherName: 'Yohana\u0085Bhoki' })), 'NAME_CONTROL_CHARACTER', 'motherName');
    await expectImportRejects((h) => ({ full_name: `${h.full_name.split(' ')[0]}\u001b[2J${h.full_name}` }), 'NAME_CONTROL_CHARACTER');
  });

  it('a name of more than 100 characters: NAME_TOO_LONG', async () => {
    await expectRefused(() => call('POST', '/residents', fresh({ fullName: `Maria ${'a'.repeat(95)}` })), 'NAME_TOO_LONG', 'fullName');
    await expectImportRejects(() => ({ full_name: `Maria ${'a'.repeat(95)}` }), 'NAME_TOO_LONG');
  });

  it('a birth date after the office day: BIRTH_AFTER_AS_OF', async () => {
    // With an explicit NIK that fits the date, so that only the date is wrong.
    const nik = `531601${tomorrow.slice(8, 10)}${tomorrow.slice(5, 7)}${tomorrow.slice(2, 4)}0001`;
    await expectRefused(() => call('POST', '/residents', fresh({ birthDate: tomorrow, sex: 'M', nik })), 'BIRTH_AFTER_AS_OF', 'birthDate');
    await expectRefused(() => call('POST', '/residents', fresh({ birthDate: tomorrow })), 'BIRTH_AFTER_AS_OF', 'birthDate');
    await expectImportRejects(() => ({ birth_date: tomorrow }), 'BIRTH_AFTER_AS_OF');
  });

  it('a birth date before 1900: BIRTH_DATE_TOO_EARLY', async () => {
    await expectRefused(() => call('POST', '/residents', fresh({ birthDate: '1790-03-01', nik: '5316014103909001' })), 'BIRTH_DATE_TOO_EARLY', 'birthDate');
    await expectRefused(() => call('POST', '/residents', fresh({ birthDate: '1899-12-31' })), 'BIRTH_DATE_TOO_EARLY', 'birthDate');
    await expectImportRejects(() => ({ birth_date: '1799-06-15' }), 'BIRTH_DATE_TOO_EARLY');
  });

  it('an explicit NIK that does not fit the birth date: NIK_BIRTH_DATE_MISMATCH', async () => {
    await expectRefused(() => call('POST', '/residents', fresh({ nik: '5316014203909001' })), 'NIK_BIRTH_DATE_MISMATCH', 'birthDate');
    await expectImportRejects((h) => ({ birth_date: `${h.birth_date.slice(0, 8)}${h.birth_date.slice(8) === '15' ? '16' : '15'}` }), 'NIK_BIRTH_DATE_MISMATCH');
  });

  it('an explicit NIK that does not fit the sex: NIK_SEX_MISMATCH', async () => {
    await expectRefused(() => call('POST', '/residents', fresh({ nik: '5316014103909001', sex: 'M' })), 'NIK_SEX_MISMATCH', 'sex');
    await expectImportRejects((h) => ({ sex: h.sex === 'M' ? 'F' : 'M' }), 'NIK_SEX_MISMATCH');
  });

  it('a good registration still goes through, its names trimmed', async () => {
    const res = await call('POST', '/residents', fresh({ fullName: '  Maria Goreti Wea  ', nik: '5316014103909002' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ nik: '5316014103909002', fullName: 'Maria Goreti Wea' });
  });
});

describe('corrections and deaths use the same check', () => {
  /** A resident of its own for each test, as registered. */
  async function registered(): Promise<{ id: string; version: number; fullName: string; birthDate: string }> {
    const res = await call('POST', '/residents', fresh({ fullName: 'Yosefina Koreksi', birthDate: '1985-07-10' }));
    expect(res.status).toBe(201);
    return res.body;
  }

  it('PATCH: a control character in the name: NAME_CONTROL_CHARACTER, the record unchanged', async () => {
    const r = await registered();
    await expectRefused(() => call('PATCH', `/residents/${r.id}`, { version: r.version, fullName: 'Yosefina\tKoreksi' }), 'NAME_CONTROL_CHARACTER', 'fullName');
    expect((await call('GET', `/residents/${r.id}`)).body).toMatchObject({ version: r.version, fullName: 'Yosefina Koreksi' });
  });

  it('PATCH: a blank name: NAME_BLANK (as the import says it)', async () => {
    const r = await registered();
    await expectRefused(() => call('PATCH', `/residents/${r.id}`, { version: r.version, fullName: '  ' }), 'NAME_BLANK', 'fullName');
  });

  it('PATCH: a birth date after the office day: BIRTH_AFTER_AS_OF', async () => {
    const r = await registered();
    await expectRefused(() => call('PATCH', `/residents/${r.id}`, { version: r.version, birthDate: tomorrow }), 'BIRTH_AFTER_AS_OF', 'birthDate');
  });

  it('PATCH: a birth date before 1900: BIRTH_DATE_TOO_EARLY (the NIK holds two digits of the year)', async () => {
    const r = await registered();
    await expectRefused(() => call('PATCH', `/residents/${r.id}`, { version: r.version, birthDate: '1885-07-10' }), 'BIRTH_DATE_TOO_EARLY', 'birthDate');
    expect((await call('GET', `/residents/${r.id}`)).body).toMatchObject({ version: r.version, birthDate: '1985-07-10' });
  });

  it('a death before the birth: DEATH_BEFORE_BIRTH, the resident still alive', async () => {
    const r = await registered();
    await expectRefused(() => call('POST', `/residents/${r.id}/death`, { version: r.version, dateOfDeath: '1985-07-09' }), 'DEATH_BEFORE_BIRTH', 'dateOfDeath');
    expect((await call('GET', `/residents/${r.id}/status`)).body).toMatchObject({ status: 'ALIVE', dateOfDeath: null });
  });

  it('a death on the day of birth is possible', async () => {
    const r = await registered();
    const res = await call('POST', `/residents/${r.id}/death`, { version: r.version, dateOfDeath: '1985-07-10' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'DECEASED', dateOfDeath: '1985-07-10' });
  });
});
