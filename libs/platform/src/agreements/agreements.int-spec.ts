// Data-access agreements on the machine's PostgreSQL and NATS (issue 18): a key on an agreement in force is served
// and its use reaches JetStream as identity.agreement.used.v1, counting exactly the requests made; a key whose
// agreement has expired, or is not yet in force, is refused with problem+json and its refusals are counted.
import { createHash } from 'node:crypto';
import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { JetStreamManager } from 'nats';
import { STREAMS, SUBJECTS, type AgreementUsed, type EventEnvelope } from '@adminduk/contracts';
import { Roles } from '../auth/roles.decorator';
import { Scope } from '../auth/scopes';
import type { ServiceConfig } from '../config/service-config';
import { MetricsService } from '../metrics/metrics';
import { OutboxEvent } from '../messaging/outbox-event.entity';
import { NatsService } from '../nats/nats.service';
import { PlatformModule } from '../platform.module';
import { createDatabase, createTestApp, deletePrefixedStreams, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '../testing';
import { localDate } from '../time/local-date';
import { AgreementUseService } from './agreement-use.service';

@Controller('probe')
class ProbeController {
  @Get('residents')
  @Roles('integrator')
  @Scope('residents')
  residents(): { ok: true } {
    return { ok: true };
  }

  @Get('family-cards')
  @Roles('integrator')
  @Scope('family-cards')
  familyCards(): { ok: true } {
    return { ok: true };
  }
}

@Module({})
class ProbeModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ProbeModule,
      imports: [PlatformModule.forRoot({ config, database: { entities: [], migrations: { postgresql: [], sqlite: [] } }, streams: [STREAMS.identity] })],
      controllers: [ProbeController],
    };
  }
}

const today = localDate('+08:00');
const dayOffset = (days: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const agreement = (number: string, agency: string, signedOn: string, expiresOn: string) => ({
  number,
  agency,
  signedOn,
  expiresOn,
  purpose: 'verifikasi data penduduk',
  scopes: ['residents'],
  regions: ['5316'],
});
const IN_FORCE = agreement('470/12/PKS/DINSOS/2026', 'Dinas Sosial Kabupaten Nagekeo', dayOffset(-30), dayOffset(335));
const EXPIRED = agreement('PKS-07/BANK/2024', 'Bank NTT Cabang Mbay', dayOffset(-730), dayOffset(-1));
const NOT_YET = agreement('PKS-02/RSUD/2027', 'RSUD Aeramo', dayOffset(1), dayOffset(366));

const KEYS = { dinsos: 'adk_dinsos-key', bank: 'adk_bank-key', rsud: 'adk_rsud-key', dev: 'adk_dev-key' };
const sha = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

let db: { name: string; url: string };
let prefix: string;
let t: TestApp;
let jsm: JetStreamManager;
let nats: NatsService;

beforeAll(async () => {
  db = await createDatabase('agreements');
  prefix = uniqueNatsPrefix('pks');
  t = await createTestApp('identity', ProbeModule.forRoot, { title: 'probe', description: 'agreements test service', version: '0' }, {
    DATABASE_URL: db.url,
    NATS_ENABLED: 'true',
    NATS_PREFIX: prefix,
    DEV_SCHEMA_SYNC: 'true',
    AGREEMENT_USE_FLUSH_MS: '300',
    DATA_AGREEMENTS: JSON.stringify([IN_FORCE, EXPIRED, NOT_YET]),
    API_KEYS: JSON.stringify([
      { id: 'dinsos-nagekeo', sha256: sha(KEYS.dinsos), roles: ['integrator'], regions: ['5316'], agreement: IN_FORCE.number },
      { id: 'bank-ntt', sha256: sha(KEYS.bank), roles: ['integrator'], regions: ['5316'], agreement: EXPIRED.number },
      { id: 'rsud-aeramo', sha256: sha(KEYS.rsud), roles: ['integrator'], regions: ['5316'], agreement: NOT_YET.number },
      // A development key: no agreement, nothing counted.
      { id: 'dev-integrator', sha256: sha(KEYS.dev), roles: ['integrator'], regions: ['5316'] },
    ]),
    ...(process.env.TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_LOG_LEVEL } : {}),
  });
  nats = t.app.get(NatsService);
  jsm = await nats.jetstreamManager();
}, 60_000);

afterAll(async () => {
  await t?.close();
  await deletePrefixedStreams(prefix).catch(() => undefined);
  await dropDatabase(db.name);
}, 30_000);

jest.setTimeout(30_000);

const call = (key: string, path = '/probe/residents') => t.app.inject({ method: 'GET', url: path, headers: { 'x-api-key': key } });

/** Every identity.agreement.used.v1 event in the stream, added up per agreement. */
async function publishedUse(): Promise<Map<string, { requests: number; refused: number; days: Set<string>; events: number }>> {
  const stream = nats.streamName(STREAMS.identity.name);
  const totals = new Map<string, { requests: number; refused: number; days: Set<string>; events: number }>();
  const { state } = await jsm.streams.info(stream);
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
    if (!m || m.subject !== nats.subject(SUBJECTS.identity.agreementUsed)) continue;
    const { payload } = m.json<EventEnvelope<AgreementUsed>>();
    const total = totals.get(payload.agreement) ?? { requests: 0, refused: 0, days: new Set<string>(), events: 0 };
    total.requests += payload.requests;
    total.refused += payload.refused;
    total.days.add(payload.day);
    total.events += 1;
    totals.set(payload.agreement, total);
  }
  return totals;
}

describe('data-access agreements behind API keys', () => {
  it('serves a key on an agreement in force and refuses the keys of an expired or not yet valid one; the use is published exactly', async () => {
    // The agreement in force: three answers, and one refusal (a scope its agreement does not grant).
    for (let i = 0; i < 3; i++) expect((await call(KEYS.dinsos)).statusCode).toBe(200);
    const outOfScope = await call(KEYS.dinsos, '/probe/family-cards');
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json()).toMatchObject({ code: 'SCOPE_NOT_GRANTED' });

    // The expired agreement stops its key: 403 problem+json naming the agreement and its last day.
    for (let i = 0; i < 2; i++) {
      const refused = await call(KEYS.bank);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({ status: 403, code: 'AGREEMENT_EXPIRED', detail: expect.stringContaining(`${EXPIRED.number} expired after ${EXPIRED.expiresOn}`) });
    }

    // Signed for tomorrow: not in force yet.
    const early = await call(KEYS.rsud);
    expect(early.statusCode).toBe(403);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(early.json()).toMatchObject({ code: 'AGREEMENT_NOT_IN_FORCE', detail: expect.stringContaining(`${NOT_YET.number} comes into force on ${NOT_YET.signedOn}`) });

    // A development key works and counts for no agreement.
    expect((await call(KEYS.dev)).statusCode).toBe(200);

    // Everything counted reaches the outbox (the timer flushes every 300 ms; this flush takes whatever is left),
    // and the relay publishes it.
    await t.app.get(AgreementUseService).flush();
    const em = t.app.get(MikroORM).em;
    await waitFor(async () => (await em.fork().count(OutboxEvent, { subject: SUBJECTS.identity.agreementUsed, publishedAt: null })) === 0, 'the relay to publish the agreements’ use');

    const use = await publishedUse();
    expect([...use.keys()].sort()).toEqual([EXPIRED.number, IN_FORCE.number, NOT_YET.number].sort());
    expect(use.get(IN_FORCE.number)).toMatchObject({ requests: 4, refused: 1, days: new Set([today]) });
    expect(use.get(EXPIRED.number)).toMatchObject({ requests: 2, refused: 2, days: new Set([today]) });
    expect(use.get(NOT_YET.number)).toMatchObject({ requests: 1, refused: 1, days: new Set([today]) });

    // Prometheus counts per agreement too.
    const metrics = await t.app.get(MetricsService).registry.metrics();
    expect(metrics).toContain(`adminduk_agreement_requests_total{agreement="${IN_FORCE.number}",outcome="answered"} 3`);
    expect(metrics).toContain(`adminduk_agreement_requests_total{agreement="${EXPIRED.number}",outcome="refused"} 2`);
  });

  it('publishes nothing more when no key on an agreement calls', async () => {
    const before = await publishedUse();
    expect((await call(KEYS.dev)).statusCode).toBe(200);
    await t.app.get(AgreementUseService).flush();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const after = await publishedUse();
    expect([...after.entries()].map(([k, v]) => [k, v.requests, v.events])).toEqual([...before.entries()].map(([k, v]) => [k, v.requests, v.events]));
  });
});
