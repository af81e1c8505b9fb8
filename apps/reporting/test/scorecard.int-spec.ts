// The Ministry's scorecard (issue 18) on the machine's PostgreSQL and NATS JetStream. Events are published exactly as
// the producers' outbox relays publish them (contracts checked by the fixtures' envelope):
// - an IKD activation moves the IKD indicator, a deactivation moves it back;
// - a burial nobody had reported a death for counts as waiting, and as matched once its death is registered; a burial
//   of a death registered already counts as matched at once;
// - agreements in force are PKS; those with answered requests in the last 90 days are DATA_ACCESS; an expired
//   agreement's key is refused (problem+json) and its use no longer counts;
// - values the system does not measure are entered by hand (with who and when), else shown as not measured;
// - the CSV export and the printable page carry the same rows.
import { createHash } from 'node:crypto';
import type { JetStreamManager } from 'nats';
import { STREAMS, SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { MINISTRY_INDICATOR_IDS } from '@adminduk/domain';
import { ensureStream, EventConsumerService, NatsService, uuidv7 } from '@adminduk/platform';
import { createDatabase, deletePrefixedStreams, dropDatabase, tokenFor, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { MikroORM } from '@mikro-orm/core';
import { AgreementUse } from '../src/projections/agreement-use.entity';
import { REPORTING_DURABLES } from '../src/projections/projection-events.handler';
import { at, envelope, plusDays, startReporting, TODAY, type Json } from './reporting-fixtures';

jest.setTimeout(120_000);

let db: { name: string; url: string } | undefined;
let t: TestApp;
let nats: NatsService;
let jsm: JetStreamManager;
const prefix = uniqueNatsPrefix('reporting-score');
const VILLAGE = '5316011003';
const DISTRICT = VILLAGE.slice(0, 6);
const YEAR = Number(TODAY.slice(0, 4));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const agreement = (number: string, agency: string, signedOn: string, expiresOn: string) => ({ number, agency, signedOn, expiresOn, purpose: 'verifikasi data penduduk', scopes: ['residents'], regions: ['5316'] });
const DINSOS = agreement('470/12/PKS/DINSOS/2026', 'Dinas Sosial Kabupaten Nagekeo', plusDays(TODAY, -200), plusDays(TODAY, 165));
const RSUD = agreement('445/3/PKS/RSUD/2026', 'RSUD Aeramo', plusDays(TODAY, -100), plusDays(TODAY, 265));
const BANK = agreement('PKS-07/BANK/2024', 'Bank NTT Cabang Mbay', plusDays(TODAY, -730), plusDays(TODAY, -1));
const KEYS = { dinsos: 'score-key-dinsos-0123456789', bank: 'score-key-bank-0123456789' };

const DURABLE: Partial<Record<EventSubject, string>> = {
  [SUBJECTS.identity.residentRegistered]: REPORTING_DURABLES.residentRegistered,
  [SUBJECTS.identity.ikdStatusChanged]: REPORTING_DURABLES.ikdStatusChanged,
  [SUBJECTS.deeds.deedStatusChanged]: REPORTING_DURABLES.deedStatusChanged,
  [SUBJECTS.deeds.burialRecorded]: REPORTING_DURABLES.burialRecorded,
  [SUBJECTS.identity.agreementUsed]: REPORTING_DURABLES.identityAgreementUsed,
  [SUBJECTS.deeds.agreementUsed]: REPORTING_DURABLES.deedsAgreementUsed,
  [SUBJECTS.identity.residentBirthDeedLinked]: REPORTING_DURABLES.birthDeedLinked,
};

beforeAll(async () => {
  db = await createDatabase('reportingscore');
  t = await startReporting({
    DATABASE_URL: db.url,
    NATS_ENABLED: 'true',
    NATS_PREFIX: prefix,
    DATA_AGREEMENTS: JSON.stringify([DINSOS, RSUD, BANK]),
    API_KEYS: JSON.stringify([
      { id: 'dinsos', sha256: sha256(KEYS.dinsos), roles: ['integrator'], regions: ['5316'], agreement: DINSOS.number },
      { id: 'bank', sha256: sha256(KEYS.bank), roles: ['integrator'], regions: ['5316'], agreement: BANK.number },
    ]),
    AGREEMENT_USE_FLUSH_MS: '200',
  });
  nats = t.app.get(NatsService);
  jsm = await nats.jetstreamManager();
  for (const stream of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) await ensureStream(jsm, nats, stream);
  await t.app.get(EventConsumerService).ready(60_000);
}, 90_000);

afterAll(async () => {
  await t?.close();
  await deletePrefixedStreams(prefix);
  if (db) await dropDatabase(db.name);
}, 60_000);

/** Publishes the events in order and waits until each one's durable has acknowledged it. */
async function publish(...events: { subject: EventSubject; payload: object; occurredAt: string }[]): Promise<void> {
  const js = await nats.jetstream();
  for (const e of events) {
    const env = envelope(e.subject, e.payload, e.occurredAt);
    const ack = await js.publish(nats.subject(e.subject), new TextEncoder().encode(JSON.stringify(env)), { msgID: env.id });
    const durable = DURABLE[e.subject] as string;
    await waitFor(async () => (await jsm.consumers.info(ack.stream, durable)).ack_floor.stream_seq >= ack.seq, `${durable} to settle ${ack.seq}`, 60_000, 100);
  }
}

async function call(method: 'GET' | 'POST', url: string, who?: { roles: string[]; regions?: string[]; subject?: string } | { apiKey: string }, payload?: object) {
  const headers: Record<string, string> = {};
  if (who && 'apiKey' in who) headers['x-api-key'] = who.apiKey;
  else if (who) headers.authorization = `Bearer ${await tokenFor(who.roles as never, who.regions ?? ['5316'], who.subject ?? 'tester')}`;
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: type.includes('json') ? (JSON.parse(res.body) as Json) : undefined, text: res.body, headers: res.headers };
}

const ANALYST = { roles: ['analyst'], subject: 'analis-kab' };
const REGISTRAR = { roles: ['registrar'], subject: 'kabid-capil' };

async function card(region = '5316', year = YEAR): Promise<Record<string, Json>> {
  const res = await call('GET', `/scorecard?region=${region}&year=${year}`, ANALYST);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.indicators.map((i: Json) => [i.id, i]));
}

const adult = (residentId: string, n: number) => ({
  subject: SUBJECTS.identity.residentRegistered,
  occurredAt: at(plusDays(TODAY, -40)),
  payload: {
    residentId,
    nik: `53160141019${String(n).padStart(5, '0')}`,
    birthDate: '1990-01-01',
    sex: 'M',
    maritalStatus: 'KAWIN_TERCATAT',
    origin: 'FIRST_REGISTRATION',
    ektpState: 'RECORDED',
    districtCode: DISTRICT,
    villageCode: VILLAGE,
  },
});
const ikd = (residentId: string, from: string, to: string, action: string, day: string) => ({
  subject: SUBJECTS.identity.ikdStatusChanged,
  occurredAt: at(day),
  payload: { residentId, from, to, action, on: day, channel: 'OFFICE', districtCode: DISTRICT, villageCode: VILLAGE },
});
const deathStep = (deedId: string, from: string | null, to: string, day: string, extra: object = {}) => ({
  subject: SUBJECTS.deeds.deedStatusChanged,
  occurredAt: at(day),
  payload: { deedId, deedType: 'DEATH', from, to, at: at(day), eventDate: plusDays(TODAY, -20), channel: 'PARTNER', districtCode: DISTRICT, villageCode: VILLAGE, ...extra },
});
const burial = (deathDeedId: string, match: string, day: string) => ({
  subject: SUBJECTS.deeds.burialRecorded,
  occurredAt: at(day),
  payload: { burialId: uuidv7(), buriedOn: plusDays(TODAY, -18), diedOn: plusDays(TODAY, -20), reporterKind: 'PARISH', deathDeedId, match, matchedBy: match === 'NEW_CASE' ? 'NONE' : 'NIK', recordedAt: at(day), districtCode: DISTRICT, villageCode: VILLAGE },
});

describe("the Ministry's scorecard", () => {
  const residents = Array.from({ length: 8 }, () => uuidv7());

  it('lists every Ministry indicator with its definition, formula, target and how it is measured', async () => {
    const rows = await card();
    expect(Object.keys(rows).sort()).toEqual([...MINISTRY_INDICATOR_IDS].sort());
    expect(rows.EKTP_RECORDING).toMatchObject({ measurement: 'SYSTEM', target: 99.4, targetYear: 2023, officeIndicator: 'EKTP_RECORDING', byRegion: true });
    expect(rows.IKD).toMatchObject({ target: 25, nameId: 'Aktivasi Identitas Kependudukan Digital (IKD)' });
    expect(rows.BURIAL_REGISTER.target).toBe(75);
    expect(rows.INNOVATIONS).toMatchObject({ measurement: 'MANUAL', status: 'NOT_MEASURED', value: null, target: 2 });
    expect(rows.ONLINE_SERVICES).toMatchObject({ target: null, meetsTarget: null });
    for (const row of Object.values(rows)) {
      expect(row.definition.length).toBeGreaterThan(20);
      expect(row.formula.length).toBeGreaterThan(10);
      if (row.target !== null) expect(row.targetSource).toMatch(/March 2023/);
    }
  });

  it('an IKD activation moves the indicator, a deactivation moves it back', async () => {
    await publish(...residents.map((id, i) => adult(id, i + 1)));
    expect((await card()).IKD).toMatchObject({ status: 'MEASURED', value: 0, total: 8, covered: 0, meetsTarget: false });

    await publish(ikd(residents[0], 'NOT_ACTIVATED', 'ACTIVE', 'ACTIVATE', plusDays(TODAY, -3)), ikd(residents[1], 'NOT_ACTIVATED', 'ACTIVE', 'ACTIVATE', plusDays(TODAY, -2)));
    expect((await card()).IKD).toMatchObject({ value: 25, covered: 2, total: 8, meetsTarget: true, gap: 0 });
    // The same in the office's indicators (GET /indicators), for the village too, and ranked.
    const village = await call('GET', `/indicators?region=${VILLAGE}`, ANALYST);
    const figure = village.body.indicators.find((i: Json) => i.id === 'IKD');
    expect(figure.parts).toEqual([
      { key: 'ACTIVE', label: 'IKD active', count: 2 },
      { key: 'NOT_ACTIVE', label: 'Not active', count: 6 },
    ]);
    const ranking = await call('GET', `/indicators/IKD/ranking?region=${DISTRICT}`, ANALYST);
    expect(ranking.body.rows.find((r: Json) => r.code === VILLAGE)).toMatchObject({ value: 25, total: 8 });

    await publish(ikd(residents[1], 'ACTIVE', 'DEACTIVATED', 'DEACTIVATE', plusDays(TODAY, -1)));
    expect((await card()).IKD).toMatchObject({ value: 12.5, covered: 1, meetsTarget: false, gap: 12.5 });
    // The day before the deactivation still had two.
    const before = await call('GET', `/indicators?region=${VILLAGE}&date=${plusDays(TODAY, -2)}`, ANALYST);
    expect(before.body.indicators.find((i: Json) => i.id === 'IKD').value).toBe(25);
  });

  it('a burial with no death is waiting, and counts as matched once that death is registered', async () => {
    const unreported = uuidv7();
    const registered = uuidv7();
    // A death registered already; its burial matches it at once.
    await publish(deathStep(registered, null, 'SUBMITTED', plusDays(TODAY, -15)), deathStep(registered, 'VERIFIED', 'REGISTERED', plusDays(TODAY, -10), { registeredAt: at(plusDays(TODAY, -10)) }));
    await publish(burial(registered, 'REGISTERED_DEATH', plusDays(TODAY, -9)));
    // A burial nobody had reported: its event may come before the case's own steps (another durable).
    await publish(burial(unreported, 'NEW_CASE', plusDays(TODAY, -8)));
    let rows = await card();
    expect(rows.BURIAL_REGISTER).toMatchObject({ status: 'MEASURED', value: 50, covered: 1, total: 2, meetsTarget: false, gap: 25 });
    const figure = async () => (await call('GET', `/indicators?region=${VILLAGE}`, ANALYST)).body.indicators.find((i: Json) => i.id === 'BURIAL_REGISTER');
    expect((await figure()).details.openedCases).toBe(1);
    // The case the burial opened is a death the office knows of, waiting for the family's report.
    await publish(deathStep(unreported, null, 'NOTIFIED', plusDays(TODAY, -8)));
    expect((await figure()).parts).toEqual([
      { key: 'MATCHED', label: 'Matched with a registered death', count: 1 },
      { key: 'WAITING', label: 'Death not registered yet', count: 1 },
    ]);

    await publish(deathStep(unreported, 'VERIFIED', 'REGISTERED', plusDays(TODAY, -1), { registeredAt: at(plusDays(TODAY, -1)) }));
    rows = await card();
    expect(rows.BURIAL_REGISTER).toMatchObject({ value: 100, covered: 2, total: 2, meetsTarget: true });
    // Before its registration, the day's figure still shows it waiting.
    const earlier = await call('GET', `/indicators?region=${VILLAGE}&date=${plusDays(TODAY, -2)}`, ANALYST);
    expect(earlier.body.indicators.find((i: Json) => i.id === 'BURIAL_REGISTER').value).toBe(50);
  });

  it('counts agreements in force (PKS) and those actually used (DATA_ACCESS); an expired agreement is refused and stops counting', async () => {
    let rows = await card();
    expect(rows.PKS).toMatchObject({ status: 'MEASURED', value: 2, target: 15, meetsTarget: false, gap: 13, valueRegion: '5316' });
    expect(rows.DATA_ACCESS.value).toBe(0);

    await publish(
      { subject: SUBJECTS.identity.agreementUsed, occurredAt: at(TODAY), payload: { agreement: DINSOS.number, day: plusDays(TODAY, -5), requests: 12, refused: 2 } },
      { subject: SUBJECTS.deeds.agreementUsed, occurredAt: at(TODAY), payload: { agreement: DINSOS.number, day: plusDays(TODAY, -5), requests: 3, refused: 0 } },
      // The bank used its access while its agreement was in force; now it has expired.
      { subject: SUBJECTS.identity.agreementUsed, occurredAt: at(TODAY), payload: { agreement: BANK.number, day: plusDays(TODAY, -3), requests: 40, refused: 0 } },
      // RSUD's requests were all refused: no real use.
      { subject: SUBJECTS.identity.agreementUsed, occurredAt: at(TODAY), payload: { agreement: RSUD.number, day: plusDays(TODAY, -3), requests: 4, refused: 4 } },
    );
    const answer = await call('GET', `/scorecard?year=${YEAR}`, ANALYST);
    rows = Object.fromEntries(answer.body.indicators.map((i: Json) => [i.id, i]));
    expect(rows.DATA_ACCESS).toMatchObject({ value: 1, target: 15 });
    expect(rows.PKS.value).toBe(2);
    const standings = Object.fromEntries(answer.body.agreements.map((a: Json) => [a.number, a]));
    expect(standings[DINSOS.number]).toMatchObject({ agency: 'Dinas Sosial Kabupaten Nagekeo', inForce: true, requests: 13, refused: 2, used: true });
    expect(standings[BANK.number]).toMatchObject({ inForce: false, requests: 40, used: false });
    expect(standings[RSUD.number]).toMatchObject({ inForce: true, requests: 0, refused: 4, used: false });

    // The expired agreement's key is refused here too, with problem+json.
    const refused = await call('GET', '/scorecard', { apiKey: KEYS.bank });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'AGREEMENT_EXPIRED' });
    // The reporting service counts its own answers to a key in force (its own sink), and the refusals apart.
    expect((await call('GET', '/indicators', { apiKey: KEYS.dinsos })).status).toBe(200);
    const orm = t.app.get(MikroORM);
    const own = await waitFor(async () => {
      const rowsOf = await orm.em.fork().find(AgreementUse, { service: 'reporting' });
      const dinsos = rowsOf.find((r) => r.agreement === DINSOS.number);
      const bank = rowsOf.find((r) => r.agreement === BANK.number);
      return dinsos && bank && { dinsos, bank };
    }, "reporting's own use to be flushed", 10_000);
    expect([own.dinsos.requests, own.dinsos.refused, own.dinsos.day]).toEqual([1, 0, TODAY]);
    expect([own.bank.requests, own.bank.refused]).toEqual([1, 1]);
    // The public sees the counts but not the agreements' list.
    const pub = await call('GET', `/scorecard?year=${YEAR}`);
    expect(pub.status).toBe(200);
    expect(pub.body.agreements).toBeUndefined();
    expect(pub.body.indicators.find((i: Json) => i.id === 'PKS').value).toBe(2);
  });

  it('counts a birth deed whose one application also yielded the family card and the KIA as an integrated service', async () => {
    const birth = (deedId: string) => ({
      subject: SUBJECTS.deeds.deedStatusChanged,
      occurredAt: at(plusDays(TODAY, -4)),
      payload: { deedId, deedType: 'BIRTH', from: 'VERIFIED', to: 'REGISTERED', at: at(plusDays(TODAY, -4)), registeredAt: at(plusDays(TODAY, -4)), eventDate: plusDays(TODAY, -10), timeliness: 'ON_TIME', channel: 'PARTNER', districtCode: DISTRICT, villageCode: VILLAGE },
    });
    const link = (deedId: string, documents: string[], link: 'NEWBORN' | 'EXISTING_RESIDENT') => ({
      subject: SUBJECTS.identity.residentBirthDeedLinked,
      occurredAt: at(plusDays(TODAY, -4)),
      payload: { residentId: uuidv7(), deedId, link, documents, districtCode: DISTRICT, villageCode: VILLAGE },
    });
    const [newborn, late, held] = [uuidv7(), uuidv7(), uuidv7()];
    // The newborn's link comes before its deed's step (another durable): the row waits for it.
    await publish(link(newborn, ['BIRTH_DEED', 'FAMILY_CARD', 'KIA'], 'NEWBORN'), birth(newborn), birth(late), link(late, ['BIRTH_DEED'], 'EXISTING_RESIDENT'), birth(held));
    const rows = await card();
    expect(rows.INTEGRATED_SERVICES).toMatchObject({ status: 'MEASURED', measurement: 'SYSTEM', value: 33.33, covered: 1, total: 3, target: null, officeIndicator: 'INTEGRATED_SERVICES' });
    const figure = (await call('GET', `/indicators?region=${VILLAGE}`, ANALYST)).body.indicators.find((i: Json) => i.id === 'INTEGRATED_SERVICES');
    expect(figure.parts.map((p: Json) => [p.key, p.count])).toEqual([
      ['INTEGRATED', 1],
      ['DEED_ONLY', 1],
      ['NOT_LINKED', 1],
    ]);
  });

  it('takes values the system does not measure from the office, with who and when; the latest entry counts', async () => {
    const first = await call('POST', '/scorecard/entries', REGISTRAR, { indicator: 'INNOVATIONS', year: YEAR, value: 1, note: 'IKD di kantor desa' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ indicator: 'INNOVATIONS', year: YEAR, value: 1, enteredBy: 'kabid-capil', note: 'IKD di kantor desa' });
    const second = await call('POST', '/scorecard/entries', ANALYST, { indicator: 'INNOVATIONS', year: YEAR, value: 2, note: 'ditambah: akta kematian lewat paroki' });
    expect(second.status).toBe(201);
    const rows = await card();
    expect(rows.INNOVATIONS).toMatchObject({ status: 'ENTERED', value: 2, meetsTarget: true, gap: 0, entry: { enteredBy: 'analis-kab', note: 'ditambah: akta kematian lewat paroki' } });
    expect(Date.parse(rows.INNOVATIONS.entry.enteredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(rows.ELECTRONIC_SIGNATURE).toMatchObject({ status: 'NOT_MEASURED', value: null, entry: null });
    // The public sees that the office entered it, and when: not who, nor the note.
    const pub = (await call('GET', `/scorecard?year=${YEAR}`)).body.indicators.find((i: Json) => i.id === 'INNOVATIONS');
    expect(pub).toMatchObject({ status: 'ENTERED', value: 2, entry: { enteredBy: null, note: null } });
    expect(JSON.stringify(pub)).not.toContain('analis-kab');
    expect((await call('GET', `/scorecard/print?year=${YEAR}`)).text).toContain('Diisi manual oleh kantor');
    // Another year is its own.
    expect((await card('5316', YEAR - 1)).INNOVATIONS.status).toBe('NOT_MEASURED');
    // The history, newest first, for the office.
    const history = await call('GET', `/scorecard/entries?year=${YEAR}`, { roles: ['operator'], regions: ['531601'] });
    expect(history.status).toBe(200);
    expect(history.body.map((e: Json) => e.value)).toEqual([2, 1]);
  });

  it.each([
    ['a measured indicator', { indicator: 'IKD', year: YEAR, value: 30 }, 409, 'SCORECARD_INDICATOR_MEASURED'],
    ['an unknown indicator', { indicator: 'HAPPINESS', year: YEAR, value: 3 }, 400, 'SCORECARD_INDICATOR_UNKNOWN'],
    ['a percentage over 100', { indicator: 'PLAIN_PAPER', year: YEAR, value: 120 }, 422, 'SCORECARD_VALUE_INVALID'],
    ['a negative count', { indicator: 'INNOVATIONS', year: YEAR, value: -1 }, 422, 'SCORECARD_VALUE_INVALID'],
    ['a count that is not whole', { indicator: 'INNOVATIONS', year: YEAR, value: 2.5 }, 422, 'SCORECARD_VALUE_INVALID'],
    ['a year before 2000', { indicator: 'INNOVATIONS', year: 1999, value: 1 }, 400, 'YEAR_INVALID'],
    ['a year not begun', { indicator: 'INNOVATIONS', year: YEAR + 1, value: 1 }, 400, 'YEAR_IN_FUTURE'],
    ['no value', { indicator: 'INNOVATIONS', year: YEAR }, 400, 'VALIDATION_FAILED'],
    ['a value that is text', { indicator: 'INNOVATIONS', year: YEAR, value: '2' }, 400, 'VALIDATION_FAILED'],
    ['a note too long', { indicator: 'INNOVATIONS', year: YEAR, value: 1, note: 'x'.repeat(501) }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s, writing nothing', async (_what, body, status, code) => {
    const before = (await call('GET', `/scorecard/entries?year=${YEAR}`, ANALYST)).body.length;
    const res = await call('POST', '/scorecard/entries', REGISTRAR, body);
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect((await call('GET', `/scorecard/entries?year=${YEAR}`, ANALYST)).body.length).toBe(before);
  });

  it.each([
    ['nobody signed in', undefined, 401, 'UNAUTHENTICATED'],
    ['an operator', { roles: ['operator'] }, 403, 'ROLE_NOT_ALLOWED'],
    ['a partner', { roles: ['partner'] }, 403, 'ROLE_NOT_ALLOWED'],
    ['a registrar of one kecamatan', { roles: ['registrar'], regions: ['531601'] }, 403, 'REGENCY_SCOPE_REQUIRED'],
  ])('lets only the registrar or an analyst of the regency enter a value: not %s', async (_who, who, status, code) => {
    const res = await call('POST', '/scorecard/entries', who, { indicator: 'INNOVATIONS', year: YEAR, value: 5 });
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect((await card()).INNOVATIONS.value).toBe(2);
  });

  it("survives a replay: the streams' reports of use counted once, the service's own use kept", async () => {
    const before = Object.fromEntries((await call('GET', `/scorecard?year=${YEAR}`, ANALYST)).body.agreements.map((a: Json) => [a.number, [a.requests, a.refused]]));
    const replay = await call('POST', '/replay', REGISTRAR);
    expect(replay.status).toBe(200);
    expect(replay.body.rows.agreementUses).toBe(4);
    const after = await call('GET', `/scorecard?year=${YEAR}`, ANALYST);
    expect(Object.fromEntries(after.body.agreements.map((a: Json) => [a.number, [a.requests, a.refused]]))).toEqual(before);
    const rows = Object.fromEntries(after.body.indicators.map((i: Json) => [i.id, i]));
    expect([rows.PKS.value, rows.DATA_ACCESS.value, rows.IKD.value, rows.BURIAL_REGISTER.value, rows.INTEGRATED_SERVICES.value]).toEqual([2, 1, 12.5, 100, 33.33]);
    const own = await t.app.get(MikroORM).em.fork().count(AgreementUse, { service: 'reporting' });
    expect(own).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['nobody signed in', undefined, 401],
    ['a partner', { roles: ['partner'] }, 403],
    ['an integrator', { apiKey: KEYS.dinsos }, 403],
  ])('keeps the entries from %s', async (_who, who, status) => {
    expect((await call('GET', `/scorecard/entries?year=${YEAR}`, who)).status).toBe(status);
  });

  it.each([
    ['not a year', 'abc', 'YEAR_INVALID'],
    ['a year not begun', String(YEAR + 1), 'YEAR_IN_FUTURE'],
  ])('answers a scorecard for %s with 400', async (_what, year, code) => {
    const res = await call('GET', `/scorecard?year=${year}`);
    expect([res.status, res.body.code]).toEqual([400, code]);
  });

  it('reads a past year as of its last day', async () => {
    const res = await call('GET', `/scorecard?year=${YEAR - 1}`, ANALYST);
    expect(res.body.asOf).toBe(`${YEAR - 1}-12-31`);
    // Nobody was in the register then: nothing to measure, no verdict.
    expect(res.body.indicators.find((i: Json) => i.id === 'IKD')).toMatchObject({ value: null, meetsTarget: null });
  });

  it('withholds small counts from the public', async () => {
    const res = await call('GET', `/scorecard?region=${VILLAGE}`);
    const row = res.body.indicators.find((i: Json) => i.id === 'IKD');
    expect(row).toMatchObject({ value: null, suppressed: true });
  });

  it('exports the same rows as CSV and as a printable page in Bahasa Indonesia', async () => {
    const csv = await call('GET', `/scorecard/export.csv?year=${YEAR}`, ANALYST);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`rapor-kemendagri_5316_${YEAR}.csv`);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + MINISTRY_INDICATOR_IDS.length);
    expect(lines[0]).toMatch(/^year,as_of,region_code,indicator,name,unit,measurement,status,value,/);
    expect(lines.find((l) => l.includes(',IKD,'))).toContain(',MEASURED,12.5,');
    expect(lines.find((l) => l.includes(',INNOVATIONS,'))).toContain('analis-kab');
    expect(lines.find((l) => l.includes(',ELECTRONIC_SIGNATURE,'))).toContain(',NOT_MEASURED,,');

    const page = await call('GET', `/scorecard/print?year=${YEAR}`, ANALYST);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(page.text).toContain('<html lang="id">');
    expect(page.text).toContain(`Rapor Indikator Kinerja Dukcapil (Kemendagri) Tahun ${YEAR}`);
    expect(page.text).toContain('Aktivasi Identitas Kependudukan Digital (IKD)');
    expect(page.text).toContain('tidak diukur sistem');
    expect(page.text).toContain('Diisi manual oleh analis-kab');
    expect(page.text).not.toContain('<script');
  });

  it('answers a CSV formula-safe: a note starting with = is written as text', async () => {
    await call('POST', '/scorecard/entries', REGISTRAR, { indicator: 'PLAIN_PAPER', year: YEAR, value: 100, note: '=HYPERLINK("http://x")' });
    const csv = await call('GET', `/scorecard/export.csv?year=${YEAR}`, ANALYST);
    const line = csv.text.split('\r\n').find((l) => l.includes(',PLAIN_PAPER,')) as string;
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
