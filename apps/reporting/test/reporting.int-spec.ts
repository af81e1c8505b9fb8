// The reporting service on the machine's PostgreSQL and NATS JetStream (integration tier). A seeded synthetic
// population of Nagekeo (2,000 residents, their e-KTP, KIA and birth deed states, deaths, birth and death
// deed records through every channel, outreach visits) is published as contract events into the IDENTITY, DEEDS
// and OUTREACH streams under a run-unique prefix, exactly as the producers' outbox relays publish them. The
// durable consumers project them; then:
// - the API serves figures equal to the counts this test makes on its own from the population's truth;
// - the reconciliation holds in every region, and children add up to their parent;
// - rankings, series and exports agree with the figures;
// - a replay of the stream history rebuilds the read models with identical figures and reconciliation.
import type { JetStreamManager } from 'nats';
import { STREAMS } from '@adminduk/contracts';
import { listDistricts } from '@adminduk/domain';
import { ensureStream, EventConsumerService, NatsService } from '@adminduk/platform';
import { createDatabase, deletePrefixedStreams, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { REPORTING_DURABLES } from '../src/projections/projection-events.handler';
import { Caller, expectedFigures, plusDays, REGENCY, startReporting, synthPopulation, TODAY, type Json, type Population } from './reporting-fixtures';

let db: { name: string; url: string } | undefined;
let t: TestApp;
let nats: NatsService;
let jsm: JetStreamManager;
let pop: Population;
const prefix = uniqueNatsPrefix('reporting');
// The figures are checked exact: as the office reads them (the public's withhold small counts: small-cells.spec.ts).
const office = () => new Caller(t, ['analyst'], ['5316']);
const registrar = () => new Caller(t, ['registrar'], ['5316']);

jest.setTimeout(180_000);

const SUBJECT_DURABLE: Record<string, string> = {
  'identity.resident.registered.v1': REPORTING_DURABLES.residentRegistered,
  'identity.resident.marital-status-changed.v1': REPORTING_DURABLES.maritalStatusChanged,
  'identity.resident.status-changed.v1': REPORTING_DURABLES.statusChanged,
  'identity.ektp.status-changed.v1': REPORTING_DURABLES.ektpStatusChanged,
  'identity.kia.status-changed.v1': REPORTING_DURABLES.kiaStatusChanged,
  'deeds.deed.status-changed.v1': REPORTING_DURABLES.deedStatusChanged,
  'outreach.visit.completed.v1': REPORTING_DURABLES.visitCompleted,
};

beforeAll(async () => {
  db = await createDatabase('reporting');
  t = await startReporting({ DATABASE_URL: db.url, NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  nats = t.app.get(NatsService);
  jsm = await nats.jetstreamManager();
  for (const stream of [STREAMS.identity, STREAMS.deeds, STREAMS.outreach]) await ensureStream(jsm, nats, stream);
  await t.app.get(EventConsumerService).ready(60_000);
  // 2,000 residents (≈3,700 events): the consumers take one event per transaction, and the test machine is shared.
  pop = synthPopulation(Number(process.env.REPORTING_INT_POPULATION ?? 2_000), 11);
  // Publish everything, then wait until every durable has settled the last sequence of its subject.
  const js = await nats.jetstream();
  const last = new Map<string, { stream: string; seq: number }>();
  for (const e of pop.events) {
    const ack = await js.publish(nats.subject(e.subject), new TextEncoder().encode(JSON.stringify(e.envelope)), { msgID: e.envelope.id });
    last.set(e.subject, { stream: ack.stream, seq: ack.seq });
  }
  for (const [subject, { stream, seq }] of last) {
    const durable = SUBJECT_DURABLES(subject);
    await waitFor(async () => (await jsm.consumers.info(stream, durable)).ack_floor.stream_seq >= seq, `${durable} to settle ${seq}`, 400_000, 250);
  }
}, 480_000);

function SUBJECT_DURABLES(subject: string): string {
  const durable = SUBJECT_DURABLE[subject];
  if (!durable) throw new Error(`no durable for ${subject}`);
  return durable;
}

afterAll(async () => {
  await t?.close();
  await deletePrefixedStreams(prefix);
  if (db) await dropDatabase(db.name);
}, 60_000);

const byId = (body: Json, id: string): Json => body.indicators.find((i: Json) => i.id === id);
const partOf = (indicator: Json, key: string): number => indicator.parts.find((p: Json) => p.key === key).count;

describe('the figures of a seeded synthetic population', () => {
  it.each([REGENCY, '531601', '531604'])('equal the counts made from the population itself, in %s', async (region) => {
    const res = await office().get(`/indicators?region=${region}`);
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(TODAY);
    const want = expectedFigures(pop, region);
    const got = (id: string) => byId(res.body, id);
    expect(want.EKTP_RECORDING.total).toBeGreaterThan(0);
    expect([got('EKTP_RECORDING').total, partOf(got('EKTP_RECORDING'), 'RECORDED')]).toEqual([want.EKTP_RECORDING.total, want.EKTP_RECORDING.RECORDED]);
    expect(got('EKTP_RECORDING').value).toBe(Math.round((want.EKTP_RECORDING.RECORDED * 10_000) / want.EKTP_RECORDING.total) / 100);
    expect([got('KIA').total, partOf(got('KIA'), 'WITH_KIA')]).toEqual([want.KIA.total, want.KIA.WITH_KIA]);
    expect([got('BIRTH_DEED_0_18').total, partOf(got('BIRTH_DEED_0_18'), 'WITH_DEED')]).toEqual([want.BIRTH_DEED_0_18.total, want.BIRTH_DEED_0_18.WITH_DEED]);
    expect([got('DEATH_DEED').total, partOf(got('DEATH_DEED'), 'REGISTERED')]).toEqual([want.DEATH_DEED.total, want.DEATH_DEED.REGISTERED]);
    expect([got('BLAS').total, got('BLAS').value, got('BLAS').details.p90]).toEqual([want.BLAS.total, want.BLAS.median, want.BLAS.p90]);
    expect([got('OMAS').total, got('OMAS').value, got('OMAS').details.p90]).toEqual([want.OMAS.total, want.OMAS.median, want.OMAS.p90]);
    expect([got('TIMELY_REGISTRATION').total, partOf(got('TIMELY_REGISTRATION'), 'ON_TIME')]).toEqual([want.TIMELY_REGISTRATION.total, want.TIMELY_REGISTRATION.ON_TIME]);
    expect([got('ONLINE_SHARE').total, partOf(got('ONLINE_SHARE'), 'ONLINE')]).toEqual([want.ONLINE_SHARE.total, want.ONLINE_SHARE.ONLINE]);
    expect([got('OUTREACH_ACTIVITY').value, got('OUTREACH_ACTIVITY').total]).toEqual([want.OUTREACH_ACTIVITY.visits, want.OUTREACH_ACTIVITY.total]);
    // Every breakdown adds up to its whole.
    for (const indicator of res.body.indicators) expect([indicator.id, indicator.parts.reduce((s: number, p: Json) => s + p.count, 0)]).toEqual([indicator.id, indicator.total]);
    // Each indicator carries its definition, naming the domain formula where there is one.
    expect(got('EKTP_RECORDING').definition).toContain('ektpRecordingCoverage');
    expect(got('EKTP_PROJECTION').definition).toContain('ektpTargetDate');
  });

  it('reconciles: every breakdown adds up in every region, children add up to their parent', async () => {
    const res = await registrar().get('/reconciliation');
    expect(res.status).toBe(200);
    expect(res.body.failures).toEqual([]);
    expect(res.body.ok).toBe(true);
    // The regency, its 7 kecamatan, their villages and one "village not named" bucket per kecamatan with data.
    expect(res.body.regionsChecked).toBeGreaterThan(1 + 7 + 100);
    expect(res.body.checks).toBeGreaterThan(res.body.regionsChecked * 10);
  });

  it('ranks the kecamatan worst first, with the same figures as their own indicators', async () => {
    const res = await office().get('/indicators/EKTP_RECORDING/ranking');
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: Json) => r.code).sort()).toEqual(listDistricts(REGENCY).map((d) => d.code).sort());
    const values = res.body.rows.map((r: Json) => r.value);
    expect(values).toEqual([...values].sort((a: number, b: number) => a - b));
    expect(res.body.rows.map((r: Json) => r.rank)).toEqual(res.body.rows.map((_: Json, i: number) => i + 1));
    const first = res.body.rows[0];
    const own = await office().get(`/indicators?region=${first.code}`);
    expect([first.value, first.total]).toEqual([byId(own.body, 'EKTP_RECORDING').value, byId(own.body, 'EKTP_RECORDING').total]);
  });

  it('serves a daily series whose points are the figures of their day', async () => {
    const from = plusDays(TODAY, -40);
    for (const id of ['EKTP_RECORDING', 'KIA', 'BLAS', 'OUTREACH_ACTIVITY', 'DEATH_DEED']) {
      const res = await office().get(`/indicators/${id}/series?region=531601&from=${from}&to=${TODAY}`);
      expect(res.status).toBe(200);
      expect(res.body.points).toHaveLength(41);
      for (const day of [from, plusDays(TODAY, -10), TODAY]) {
        const point = res.body.points.find((p: Json) => p.date === day);
        const figures = await office().get(`/indicators?region=531601&date=${day}`);
        const indicator = byId(figures.body, id);
        expect([id, day, point.value, point.total]).toEqual([id, day, indicator.value, indicator.total]);
      }
    }
  });

  it('exports one row for the region and one per child, as CSV and JSON, with parts adding up on every row', async () => {
    const csv = await office().get('/exports/KIA.csv');
    expect(csv.status).toBe(200);
    expect(csv.contentType).toContain('text/csv');
    const [header, ...lines] = csv.text.trim().split('\r\n') as [string, ...string[]];
    const columns = header.split(',');
    expect(columns.slice(0, 3)).toEqual(['region_code', 'region_name', 'level']);
    expect(lines).toHaveLength(1 + 7);
    const json = await office().get('/exports/KIA.json');
    expect(json.status).toBe(200);
    expect(json.body.rows.map((r: Json) => r.region_code)).toEqual([REGENCY, ...listDistricts(REGENCY).map((d) => d.code).sort()]);
    for (const row of json.body.rows) expect(row.part_WITH_KIA + row.part_WITHOUT_KIA).toBe(row.total);
    const children = json.body.rows.slice(1).reduce((s: number, r: Json) => s + r.total, 0);
    expect(children).toBe(json.body.rows[0].total);
    expect(json.body.rows[0].total).toBe(expectedFigures(pop, REGENCY).KIA.total);
  });

  it('rebuilds the read models from the streams with the same figures (replay = live)', async () => {
    const days = [TODAY, plusDays(TODAY, -15), plusDays(TODAY, -60)];
    const snapshot = async () => {
      const out: Json[] = [];
      for (const day of days) {
        out.push((await office().get(`/indicators?date=${day}`)).body);
        out.push((await office().get(`/exports/EKTP_RECORDING.json?region=531601&date=${day}`)).body);
        out.push((await office().get(`/exports/OUTREACH_ACTIVITY.json?region=531602&date=${day}`)).body);
        out.push((await registrar().get(`/reconciliation?date=${day}`)).body);
      }
      return out;
    };
    const live = await snapshot();
    const replay = await registrar().post('/replay');
    expect(replay.status).toBe(200);
    expect(replay.body.skipped).toBe(0);
    expect(replay.body.projected).toBe(pop.events.length);
    expect(replay.body.rows.residents).toBe(pop.people.length);
    expect(await snapshot()).toEqual(live);
  }, 300_000);
});
