// The documents of an imported register on the machine's PostgreSQL (integration tier): the import writes them with
// COPY (imported_document, and the IMPORT_STATE baselines in ektp_action and kia_action), identity's e-KTP and KIA
// endpoints show them, a later action continues from them, and identity.resident.registered.v1 carries them, with
// events and through --announce. (The service tier, import-documents.spec.ts, covers the rules on SQLite.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { ageOn } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { localDate, OutboxEvent } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportAnnounceService } from '../src/import/import-announce.service';
import { ImportService } from '../src/import/import.service';
import { PopulationGenerator, writeCsv, type RegisterFamily, type RegisterRow } from './import-fixtures';

jest.setTimeout(120_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let dir: string;
let operator: string;
let today: string;
let generator: PopulationGenerator;

beforeAll(async () => {
  db = await createDatabase('importdocs');
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  dir = mkdtempSync(join(tmpdir(), 'adminduk-import-docs-pg-'));
  operator = await tokenFor(['operator'], ['5316']);
  today = localDate(t.config.utcOffset);
  generator = new PopulationGenerator(5316_2811, today);
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (db) await dropDatabase(db.name);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const age = (r: RegisterRow) => {
  const a = ageOn(r.birth_date, today);
  return a.ok ? a.value : -1;
};

/** A card with a married adult of 30 or more and a never-married child of 6 to 11. */
function family(): { rows: RegisterRow[]; adult: RegisterRow; child: RegisterRow } {
  for (;;) {
    const f: RegisterFamily = generator.family();
    const adult = f.rows.find((r) => age(r) >= 30 && r.marital_status !== 'BELUM_KAWIN');
    const child = f.rows.find((r) => r.marital_status === 'BELUM_KAWIN' && age(r) >= 6 && age(r) < 12);
    if (adult && child) return { rows: f.rows, adult, child };
  }
}

async function get(url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${operator}` } });
  return res.json();
}

const idOf = async (nik: string): Promise<string> => (await get(`/residents?nik=${nik}`)).items[0].id;

async function registered(jobId: string): Promise<Map<string, Record<string, unknown>>> {
  const events = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { requestId: `import:${jobId}`, subject: SUBJECTS.identity.residentRegistered });
  return new Map(events.map((e) => [(e.payload as { nik: string }).nik, e.payload as Record<string, unknown>]));
}

it('writes the states with COPY, shows them, continues from them, and publishes them', async () => {
  const a = family();
  const b = family();
  Object.assign(a.adult, { ektp_state: 'ISSUED', birth_deed: 'Y' });
  Object.assign(a.child, { kia_state: 'ISSUED', birth_deed: 'Y', ektp_state: 'NOT_YET_COMPULSORY' });
  Object.assign(b.adult, { ektp_state: 'PRINT_READY', birth_deed: 'N' });
  Object.assign(b.child, { kia_state: 'EXPIRED' });
  const rows = [a, b].sort((x, y) => (x.adult.kk_number < y.adult.kk_number ? -1 : 1)).flatMap((f) => f.rows);
  const file = join(dir, 'register.csv');
  writeCsv(file, rows);
  const outcome = await t.app.get(ImportService).importFile({ file, actor: 'cli:pg-tester' });
  expect(outcome).toMatchObject({ status: 'COMPLETED', rowsRejected: 0, cardsImported: 2 });

  expect(await get(`/residents/${await idOf(a.adult.nik)}/ektp`)).toMatchObject({ status: 'ISSUED', imported: { status: 'ISSUED', by: 'cli:pg-tester' } });
  expect(await get(`/residents/${await idOf(a.child.nik)}/kia`)).toMatchObject({ status: 'ISSUED', card: { kiaType: 'FROM_5_TO_UNDER_17', imported: true } });
  expect(await get(`/residents/${await idOf(b.child.nik)}/kia`)).toMatchObject({ status: 'EXPIRED', allowedActions: ['PRINT'] });
  const printReady = await idOf(b.adult.nik);
  const sent = await t.app.inject({ method: 'POST', url: `/residents/${printReady}/ektp/actions`, headers: { authorization: `Bearer ${operator}` }, payload: { type: 'SEND_FOR_PRINTING', version: 1 } });
  expect([sent.statusCode, sent.json().status, sent.json().version]).toEqual([201, 'SENT_FOR_PRINTING', 2]);

  const events = await registered(outcome.jobId);
  expect(events.get(a.adult.nik)).toMatchObject({ origin: 'IMPORT', ektpState: 'ISSUED', hasBirthDeed: true });
  expect(events.get(a.child.nik)).toMatchObject({ ektpState: 'NOT_YET_COMPULSORY', kiaState: 'ISSUED', hasBirthDeed: true });
  expect(events.get(b.adult.nik)).toMatchObject({ ektpState: 'PRINT_READY', hasBirthDeed: false });
  expect(events.get(b.child.nik)).toMatchObject({ kiaState: 'EXPIRED' });
});

it('announces the same states after an import without events', async () => {
  const c = family();
  Object.assign(c.adult, { ektp_state: 'RECORDED', birth_deed: '1' });
  Object.assign(c.child, { kia_state: 'PRINTED', birth_deed: '0' });
  const file = join(dir, 'register-no-events.csv');
  writeCsv(file, c.rows);
  const outcome = await t.app.get(ImportService).importFile({ file, actor: 'cli:pg-tester', events: false });
  expect((await registered(outcome.jobId)).size).toBe(0);
  await t.app.get(ImportAnnounceService).announce(file);
  const events = await registered(outcome.jobId);
  expect(events.get(c.adult.nik)).toMatchObject({ ektpState: 'RECORDED', hasBirthDeed: true });
  expect(events.get(c.child.nik)).toMatchObject({ kiaState: 'PRINTED', hasBirthDeed: false });
});
