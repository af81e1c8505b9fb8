// The documents an imported register carries (ektp_state, kia_state, birth_deed), on SQLite (service tier): checked
// against the person with the age rules (a recorded e-KTP for an unmarried 9-year-old, a KIA for a 30-year-old are
// rejected rows with stable codes), shown by identity's own e-KTP and KIA endpoints, continued by later actions,
// and published on identity.resident.registered.v1 (also by --announce). Also: what a first registration publishes,
// and the outreach channel and visit of KIA actions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { ageOn } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { localDate, OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportAnnounceService } from '../src/import/import-announce.service';
import { ImportService, type ImportOptions, type ImportOutcome, type ImportReportLine } from '../src/import/import.service';
import { PopulationGenerator, rowsOf, writeCsv, writeNdjson, type RegisterFamily, type RegisterRow } from './import-fixtures';

let t: TestApp;
let dir: string;
let operator: string;
let analyst: string;
let generator: PopulationGenerator;
let today: string;
let files = 0;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  dir = mkdtempSync(join(tmpdir(), 'adminduk-import-docs-'));
  operator = await tokenFor(['operator'], ['5316']);
  analyst = await tokenFor(['analyst'], ['5316']);
  today = localDate(t.config.utcOffset);
  generator = new PopulationGenerator(20261128, today);
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const path = (extension: 'csv' | 'ndjson') => join(dir, `register-${++files}.${extension}`);
const importFile = (file: string, options: Partial<ImportOptions> = {}): Promise<ImportOutcome> => t.app.get(ImportService).importFile({ file, actor: 'cli:tester', ...options });

async function report(jobId: string): Promise<Map<number, ImportReportLine>> {
  const lines: ImportReportLine[] = [];
  for await (const page of t.app.get(ImportService).report(jobId)) lines.push(...page);
  return new Map(lines.map((l) => [l.line, l]));
}

async function call(method: 'GET' | 'POST', url: string, payload?: object, token = operator) {
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

async function residentId(nik: string): Promise<string> {
  const res = await call('GET', `/residents?nik=${nik}`);
  expect(res.status).toBe(200);
  return res.body.items[0]?.id as string;
}

const age = (row: RegisterRow): number => {
  const a = ageOn(row.birth_date, today);
  return a.ok ? a.value : -1;
};
const isAdult = (r: RegisterRow) => age(r) >= 30 && r.marital_status !== 'BELUM_KAWIN';
const isChild = (r: RegisterRow, from: number, to: number) => r.marital_status === 'BELUM_KAWIN' && age(r) >= from && age(r) < to;

/** Cards with an adult (30+, married) and a never-married child of the ages asked. */
function families(count: number, from = 6, to = 12): { family: RegisterFamily; adult: RegisterRow; child: RegisterRow }[] {
  const found: { family: RegisterFamily; adult: RegisterRow; child: RegisterRow }[] = [];
  for (let tries = 0; found.length < count && tries < 5000; tries++) {
    const family = generator.family();
    const adult = family.rows.find(isAdult);
    const child = family.rows.find((r) => isChild(r, from, to));
    if (adult && child) found.push({ family, adult, child });
  }
  expect(found).toHaveLength(count);
  return found.sort((a, b) => (a.family.kkNumber < b.family.kkNumber ? -1 : 1));
}

const plusDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const lineOf = (rows: readonly RegisterRow[], row: RegisterRow) => rows.indexOf(row) + 2;

/** The i-th element, which the test made sure exists. */
function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`no element ${i}`);
  return value;
}

async function registeredEvents(jobId: string): Promise<Map<string, Record<string, unknown>>> {
  const events = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { requestId: `import:${jobId}`, subject: SUBJECTS.identity.residentRegistered });
  return new Map(events.map((e) => [(e.payload as { nik: string }).nik, e.payload as Record<string, unknown>]));
}

describe('a register with document columns', () => {
  let cards: { family: RegisterFamily; adult: RegisterRow; child: RegisterRow }[];
  let outcome: ImportOutcome;

  beforeAll(async () => {
    cards = families(3);
    const [a, b, c] = cards as [(typeof cards)[0], (typeof cards)[0], (typeof cards)[0]];
    Object.assign(a.adult, { ektp_state: 'ISSUED', kia_state: '', birth_deed: 'Y' });
    Object.assign(a.child, { ektp_state: 'NOT_YET_COMPULSORY', kia_state: 'ISSUED', birth_deed: 'true' });
    Object.assign(b.adult, { ektp_state: 'printed', birth_deed: '0' });
    Object.assign(b.child, { kia_state: 'PRINTED', birth_deed: 'n' });
    Object.assign(c.adult, { ektp_state: 'NOT_RECORDED' });
    const file = path('csv');
    writeCsv(file, rowsOf(cards.map((x) => x.family)));
    outcome = await importFile(file);
  });

  it('imports every row', () => {
    expect(outcome).toMatchObject({ status: 'COMPLETED', rowsRejected: 0, cardsImported: 3 });
  });

  it("shows the imported e-KTP on identity's own endpoint, marked as imported", async () => {
    const [a, b, c] = cards as [(typeof cards)[0], (typeof cards)[0], (typeof cards)[0]];
    const issued = await call('GET', `/residents/${await residentId(a.adult.nik)}/ektp`, undefined, operator);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'ISSUED', version: 1, imported: { status: 'ISSUED', source: `import:${outcome.jobId}`, by: 'cli:tester' }, allowedActions: ['REPORT_LOST', 'REPORT_DAMAGED', 'REPORT_DATA_CHANGED'] });
    expect(issued.body.history).toEqual([expect.objectContaining({ type: 'IMPORT_STATE', status: 'ISSUED' })]);
    expect((await call('GET', `/residents/${await residentId(b.adult.nik)}/ektp`)).body).toMatchObject({ status: 'PRINTED', allowedActions: ['ISSUE'] });
    // NOT_RECORDED is what an empty log derives: no baseline action, and the counter records as usual.
    expect((await call('GET', `/residents/${await residentId(c.adult.nik)}/ektp`)).body).toMatchObject({ status: 'NOT_RECORDED', version: 0, imported: null });
  });

  it('lets a later e-KTP action continue from the imported state', async () => {
    const [, b] = cards as [(typeof cards)[0], (typeof cards)[0]];
    const id = await residentId(b.adult.nik);
    const visitId = '01934a5e-0000-7000-8000-000000000001';
    const res = await call('POST', `/residents/${id}/ektp/actions`, { type: 'ISSUE', version: 1, channel: 'OUTREACH', visitId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'ISSUED', version: 2, issueCount: 1, lastIssuedChannel: 'OUTREACH' });
    const event = await t.app.get(MikroORM).em.fork().findOne(OutboxEvent, { subject: SUBJECTS.identity.ektpStatusChanged, payload: { residentId: id } } as never, { orderBy: { id: 'desc' } });
    expect(event?.payload).toMatchObject({ residentId: id, from: 'PRINTED', to: 'ISSUED', channel: 'OUTREACH', visitId, action: 'ISSUE' });
  });

  it("shows the imported KIA with a card reconstructed from the birth date; a later action continues", async () => {
    const [a, b] = cards as [(typeof cards)[0], (typeof cards)[0]];
    const issued = await call('GET', `/residents/${await residentId(a.child.nik)}/kia`);
    expect(issued.body).toMatchObject({ status: 'ISSUED', version: 1, card: { kiaType: 'FROM_5_TO_UNDER_17', imported: true }, allowedActions: ['REISSUE'] });
    const id = await residentId(b.child.nik);
    expect((await call('GET', `/residents/${id}/kia`)).body).toMatchObject({ status: 'PRINTED', allowedActions: ['ISSUE'] });
    const handedOver = await call('POST', `/residents/${id}/kia/actions`, { type: 'ISSUE', version: 1 });
    expect(handedOver.status).toBe(201);
    expect(handedOver.body).toMatchObject({ status: 'ISSUED', version: 2 });
  });

  it('publishes the states on identity.resident.registered.v1 (origin IMPORT); what the file left empty is left out', async () => {
    const [a, b, c] = cards as [(typeof cards)[0], (typeof cards)[0], (typeof cards)[0]];
    const events = await registeredEvents(outcome.jobId);
    expect(events.get(a.adult.nik)).toMatchObject({ origin: 'IMPORT', ektpState: 'ISSUED', hasBirthDeed: true });
    expect(events.get(a.adult.nik)).not.toHaveProperty('kiaState');
    expect(events.get(a.child.nik)).toMatchObject({ ektpState: 'NOT_YET_COMPULSORY', kiaState: 'ISSUED', hasBirthDeed: true });
    expect(events.get(b.adult.nik)).toMatchObject({ ektpState: 'PRINTED', hasBirthDeed: false });
    expect(events.get(b.child.nik)).toMatchObject({ kiaState: 'PRINTED', hasBirthDeed: false });
    expect(events.get(c.adult.nik)).toMatchObject({ ektpState: 'NOT_RECORDED' });
    const other = c.family.rows.find((r) => r !== c.adult) as RegisterRow;
    for (const key of ['ektpState', 'kiaState', 'hasBirthDeed']) expect(events.get(other.nik)).not.toHaveProperty(key);
  });
});

describe('document states the age rules do not allow', () => {
  it('rejects the row with a stable code, and its card whole', async () => {
    const cards = families(6);
    const rows = rowsOf(cards.map((x) => x.family));
    const expected: [RegisterRow, string][] = [
      // An e-KTP recorded for an unmarried 6–11-year-old (UU 24/2013 art. 63(1)).
      [Object.assign(at(cards, 0).child, { ektp_state: 'RECORDED' }), 'EKTP_STATE_NOT_WAJIB_KTP'],
      // A KIA for a married adult of 30 or more (Permendagri 2/2016).
      [Object.assign(at(cards, 1).adult, { kia_state: 'ISSUED' }), 'KIA_STATE_NOT_ELIGIBLE'],
      [Object.assign(at(cards, 2).adult, { ektp_state: 'NOT_YET_COMPULSORY' }), 'EKTP_STATE_WAJIB_KTP'],
      [Object.assign(at(cards, 3).adult, { ektp_state: 'LOST' }), 'EKTP_STATE_INVALID'],
      [Object.assign(at(cards, 4).child, { kia_state: 'VALID' }), 'KIA_STATE_INVALID'],
      [Object.assign(at(cards, 5).child, { birth_deed: 'maybe' }), 'BIRTH_DEED_INVALID'],
    ];
    const file = path('csv');
    writeCsv(file, rows);
    const outcome = await importFile(file);
    expect(outcome).toMatchObject({ cardsImported: 0, cardsRejected: 6, rowsRejected: rows.length });
    const lines = await report(outcome.jobId);
    for (const [row, code] of expected) expect({ code, codes: lines.get(lineOf(rows, row))?.codes }).toEqual({ code, codes: [code] });
    const partner = at(cards, 0).family.rows.find((r) => r !== at(cards, 0).child) as RegisterRow;
    expect(lines.get(lineOf(rows, partner))?.codes).toEqual(['CARD_REJECTED']);
    // No baseline of a rejected card was written.
    expect(await t.app.get(MikroORM).em.fork().getConnection().execute('select count(*) as n from imported_document where job_id = ?', [outcome.jobId])).toEqual([{ n: 0 }]);
  });

  it('reads the columns from NDJSON too', async () => {
    const x = at(families(1), 0);
    Object.assign(x.child, { ektp_state: 'ISSUED' });
    const file = path('ndjson');
    writeNdjson(file, x.family.rows);
    const outcome = await importFile(file);
    expect([...(await report(outcome.jobId)).values()].find((l) => l.codes.includes('EKTP_STATE_NOT_WAJIB_KTP'))?.line).toBe(x.family.rows.indexOf(x.child) + 1);
  });
});

describe('the e-KTP recording date (ektp_recorded_on)', () => {
  it('publishes a valid date as ektpRecordedOn; rejects a bad one with EKTP_RECORDED_ON_INVALID; without it, recorded but undated', async () => {
    const cards = families(7);
    const rows = rowsOf(cards.map((x) => x.family));
    const dated = Object.assign(at(cards, 0).adult, { ektp_state: 'ISSUED', ektp_recorded_on: '2019-08-14' });
    const undated = Object.assign(at(cards, 1).adult, { ektp_state: 'PRINTED' });
    const bad: RegisterRow[] = [
      Object.assign(at(cards, 2).adult, { ektp_state: 'ISSUED', ektp_recorded_on: '2010-12-31' }), // before e-KTP recording began
      Object.assign(at(cards, 3).adult, { ektp_state: 'ISSUED', ektp_recorded_on: plusDays(today, 1) }), // after the import day
      Object.assign(at(cards, 4).adult, { ektp_state: 'ISSUED', ektp_recorded_on: '2019-02-30' }), // not a real date
      Object.assign(at(cards, 5).adult, { ektp_state: 'NOT_RECORDED', ektp_recorded_on: '2019-08-14' }), // not recorded
      Object.assign(at(cards, 6).adult, { ektp_recorded_on: '2019-08-14' }), // no state at all
    ];
    const file = path('csv');
    writeCsv(file, rows);
    const outcome = await importFile(file);
    expect(outcome).toMatchObject({ cardsImported: 2, cardsRejected: 5 });
    const lines = await report(outcome.jobId);
    for (const row of bad) expect({ value: row.ektp_recorded_on, codes: lines.get(lineOf(rows, row))?.codes }).toEqual({ value: row.ektp_recorded_on, codes: ['EKTP_RECORDED_ON_INVALID'] });
    const events = await registeredEvents(outcome.jobId);
    expect(events.get(dated.nik)).toMatchObject({ ektpState: 'ISSUED', ektpRecordedOn: '2019-08-14' });
    expect(events.get(undated.nik)).toMatchObject({ ektpState: 'PRINTED' });
    expect(events.get(undated.nik)).not.toHaveProperty('ektpRecordedOn');
  });
});

describe('the day of entry into the older register (registered_on)', () => {
  it('publishes a valid day as registeredOn; rejects a bad one with REGISTERED_ON_INVALID; without it, nothing', async () => {
    const cards = families(6);
    const rows = rowsOf(cards.map((x) => x.family));
    const dated = Object.assign(at(cards, 0).adult, { registered_on: '2009-03-02' });
    const newborn = at(cards, 0).child;
    Object.assign(newborn, { registered_on: newborn.birth_date }); // a child enters at birth at the earliest
    const undated = at(cards, 1).adult;
    const bad: RegisterRow[] = [
      Object.assign(at(cards, 2).adult, { registered_on: plusDays(today, 1) }), // after the import day
      Object.assign(at(cards, 3).child, { registered_on: plusDays(at(cards, 3).child.birth_date, -1) }), // before the birth
      Object.assign(at(cards, 4).adult, { registered_on: '2011-02-29' }), // not a real date
      Object.assign(at(cards, 5).adult, { registered_on: '02-03-2009' }), // not YYYY-MM-DD
    ];
    const file = path('csv');
    writeCsv(file, rows);
    const outcome = await importFile(file);
    expect(outcome).toMatchObject({ cardsImported: 2, cardsRejected: 4 });
    const lines = await report(outcome.jobId);
    for (const row of bad) expect({ value: row.registered_on, codes: lines.get(lineOf(rows, row))?.codes }).toEqual({ value: row.registered_on, codes: ['REGISTERED_ON_INVALID'] });
    const events = await registeredEvents(outcome.jobId);
    expect(events.get(dated.nik)).toMatchObject({ origin: 'IMPORT', registeredOn: '2009-03-02' });
    expect(events.get(newborn.nik)).toMatchObject({ registeredOn: newborn.birth_date });
    expect(events.get(undated.nik)).not.toHaveProperty('registeredOn');
  });
});

describe('--no-events, then --announce', () => {
  it('publishes the recording and register days the import stored', async () => {
    const x = at(families(1), 0);
    Object.assign(x.adult, { ektp_state: 'ISSUED', ektp_recorded_on: '2014-05-20', registered_on: '2008-07-01' });
    Object.assign(x.child, { registered_on: x.child.birth_date > '2008-07-01' ? x.child.birth_date : '2008-07-01' });
    const file = path('csv');
    writeCsv(file, x.family.rows);
    const outcome = await importFile(file, { events: false });
    expect(outcome.rowsRejected).toBe(0);
    await t.app.get(ImportAnnounceService).announce(file);
    const events = await registeredEvents(outcome.jobId);
    expect(events.get(x.adult.nik)).toMatchObject({ ektpState: 'ISSUED', ektpRecordedOn: '2014-05-20', registeredOn: '2008-07-01' });
    expect(events.get(x.child.nik)).toMatchObject({ registeredOn: x.child.registered_on });
  });


  it('publishes the same document states from what the import stored', async () => {
    const x = at(families(1), 0);
    Object.assign(x.adult, { ektp_state: 'SENT_FOR_PRINTING', birth_deed: 'N' });
    Object.assign(x.child, { kia_state: 'EXPIRED', birth_deed: '1' });
    const file = path('csv');
    writeCsv(file, x.family.rows);
    const outcome = await importFile(file, { events: false });
    expect(outcome.rowsRejected).toBe(0);
    expect((await registeredEvents(outcome.jobId)).size).toBe(0);
    await t.app.get(ImportAnnounceService).announce(file);
    const events = await registeredEvents(outcome.jobId);
    expect(events.get(x.adult.nik)).toMatchObject({ origin: 'IMPORT', ektpState: 'SENT_FOR_PRINTING', hasBirthDeed: false });
    expect(events.get(x.child.nik)).toMatchObject({ kiaState: 'EXPIRED', hasBirthDeed: true });
    // The expired card is the child's UNDER_5 card (a 6–11-year-old): the next card may be printed.
    expect((await call('GET', `/residents/${await residentId(x.child.nik)}/kia`)).body).toMatchObject({ status: 'EXPIRED', expiry: 'TYPE_ENDED', allowedActions: ['PRINT'], card: { kiaType: 'UNDER_5', imported: true } });
  });
});

describe('what a first registration publishes', () => {
  it('the e-KTP derived from age and marital status, no KIA yet, the birth deed unknown', async () => {
    const res = await call('POST', '/residents', {
      fullName: 'Yohanes Dhae',
      birthPlace: 'Mbay',
      birthDate: '1988-04-12',
      sex: 'M',
      religion: 'KATOLIK',
      maritalStatus: 'KAWIN_TERCATAT',
      motherName: 'Maria Wea',
      districtCode: '531601',
      villageCode: '5316011001',
      address: 'Mbay',
    }, await tokenFor(['registrar'], ['5316']));
    expect(res.status).toBe(201);
    const event = await t.app.get(MikroORM).em.fork().findOne(OutboxEvent, { subject: SUBJECTS.identity.residentRegistered, payload: { residentId: res.body.id } } as never);
    expect(event?.payload).toMatchObject({ origin: 'FIRST_REGISTRATION', ektpState: 'NOT_RECORDED', kiaState: 'NOT_ISSUED' });
    expect(event?.payload).not.toHaveProperty('hasBirthDeed');
  });
});

describe('KIA actions on an outreach visit', () => {
  it('takes channel and visitId on PRINT, publishes them, and refuses a visit without OUTREACH', async () => {
    const x = at(families(1, 1, 4), 0);
    const file = path('csv');
    writeCsv(file, x.family.rows);
    expect((await importFile(file)).rowsRejected).toBe(0);
    const id = await residentId(x.child.nik);
    const visitId = '01934a5e-0000-7000-8000-000000000002';
    const refused = await call('POST', `/residents/${id}/kia/actions`, { type: 'PRINT', version: 0, kiaType: 'UNDER_5', visitId });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('KIA_ACTION_REFUSED');
    const bad = await call('POST', `/residents/${id}/kia/actions`, { type: 'PRINT', version: 0, kiaType: 'UNDER_5', channel: 'OUTREACH', visitId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const forbidden = await call('POST', `/residents/${id}/kia/actions`, { type: 'PRINT', version: 0, kiaType: 'UNDER_5', channel: 'OUTREACH', visitId }, analyst);
    expect(forbidden.status).toBe(403);
    const printed = await call('POST', `/residents/${id}/kia/actions`, { type: 'PRINT', version: 0, kiaType: 'UNDER_5', channel: 'OUTREACH', visitId });
    expect(printed.status).toBe(201);
    const events = await t.app.get(MikroORM).em.fork().find(OutboxEvent, { subject: SUBJECTS.identity.kiaStatusChanged, payload: { residentId: id } } as never);
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ action: 'PRINT', to: 'PRINTED', channel: 'OUTREACH', visitId })]);
  });
});
