// The open backlog: recent births and deaths of the generated register, as requests to the deeds service. Each one
// is accepted by the REAL deeds service (in process, SQLite, NATS off) as a partner's report or an office
// application; a second seeding run is answered from the idempotency keys and opens nothing twice; the people
// named are the register's; the events are recent; the same seed gives the same backlog.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { OpenApiInfo, ServiceConfig } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { backlogOfCard, generateBacklog, type BacklogRequest } from './backlog';
import { officeToday } from './cli';
import { dayOf, generateRegister, type SynthResident } from './population';

jest.setTimeout(600_000);

const ROOT = resolve(__dirname, '../..');
const PARTNER_KEY = `synth-backlog-partner-${process.pid}-0123456789abcdef`;
const asOf = officeToday();
const options = { region: '53.16', seed: 21, asOf, scale: 0.25 };

let t: TestApp;
let operatorToken: string;
let backlog: BacklogRequest[];
let register: Map<string, SynthResident>;

interface DeedsModuleFile {
  DeedsModule: { forRoot(config: ServiceConfig, deeds: unknown): DynamicModule };
  DEEDS_OPENAPI: OpenApiInfo;
}

beforeAll(async () => {
  // The deeds service as main.ts boots it, loaded by path (tools may use any project; no build needed).
  const deedsModule = (await import(join(ROOT, 'apps/deeds/src/deeds.module.ts'))) as DeedsModuleFile;
  const deedsConfig = (await import(join(ROOT, 'apps/deeds/src/deeds.config.ts'))) as { loadDeedsConfig(c: ServiceConfig, env: Record<string, string>): unknown };
  // A partner key for the whole regency: the seeding script reports for every health post and parish at once.
  const apiKeys = JSON.stringify([{ id: 'synth-seeder', sha256: createHash('sha256').update(PARTNER_KEY).digest('hex'), roles: ['partner'], regions: ['5316'] }]);
  t = await createTestApp('deeds', (c) => deedsModule.DeedsModule.forRoot(c, deedsConfig.loadDeedsConfig(c, {})), deedsModule.DEEDS_OPENAPI, { API_KEYS: apiKeys });
  operatorToken = await tokenFor(['operator'], ['5316'], 'synth-seeder-operator');
  backlog = [...generateBacklog(options)];
  register = new Map();
  for (const card of generateRegister(options)) for (const m of card.members) register.set(m.nik, m);
});

afterAll(() => t?.close());

async function send(request: BacklogRequest) {
  const headers: Record<string, string> =
    request.caller.role === 'partner' ? { 'x-api-key': PARTNER_KEY, ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}) } : { authorization: `Bearer ${operatorToken}` };
  const res = await t.app.inject({ method: request.method, url: request.path, headers, payload: request.body });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

describe('the backlog of a seeded Nagekeo', () => {
  it('has births and a few deaths of the last weeks, of people in the register', () => {
    const births = backlog.filter((r) => r.body.deedType === 'BIRTH');
    const deaths = backlog.filter((r) => r.body.deedType === 'DEATH');
    process.stdout.write(`backlog at scale ${options.scale}: ${births.length} births (${births.filter((b) => b.path === '/deeds').length} as applications), ${deaths.length} deaths\n`);
    // At a quarter of Nagekeo: ~40 births (0.13 births/yr × married women 19–44 × 8/52 × 1/2), ~25 deaths.
    expect(births.length).toBeGreaterThan(15);
    expect(births.length).toBeLessThan(90);
    expect(deaths.length).toBeGreaterThan(5);
    expect(deaths.length).toBeLessThan(births.length * 1.5);
    const earliest = dayOf(asOf) - 8 * 7 + 1;
    for (const r of backlog) {
      expect(dayOf(r.body.eventDate)).toBeGreaterThanOrEqual(earliest);
      expect(r.body.eventDate <= asOf).toBe(true);
      const p = r.body.particulars;
      const person = (p.deceased ?? p.mother) as { nik: string; fullName: string; birthDate: string };
      const resident = register.get(person.nik);
      expect(resident).toMatchObject({ fullName: person.fullName, birthDate: person.birthDate, kkNumber: p.kkNumber, districtCode: r.body.districtCode, villageCode: r.body.villageCode });
      if (r.body.deedType === 'BIRTH') expect(resident?.maritalStatus).toMatch(/^KAWIN_/);
    }
  });

  it('is the same for the same seed, and never changes the register', () => {
    expect([...generateBacklog(options)]).toEqual(backlog);
    const card = generateRegister(options).next().value as Parameters<typeof backlogOfCard>[0];
    const before = JSON.stringify(card);
    backlogOfCard(card, options);
    expect(JSON.stringify(card)).toBe(before);
  });

  it('is accepted by the deeds service, request by request, and a second run opens nothing twice', async () => {
    const opened: string[] = [];
    for (const request of backlog) {
      const res = await send(request);
      if (res.status !== 201) throw new Error(`${request.path} ${request.body.deedType}: ${res.status} ${JSON.stringify(res.body)}`);
      opened.push(String(res.body.deedId ?? res.body.id));
    }
    expect(new Set(opened).size).toBe(backlog.length);
    // Seeding again (a restart during the first start): the partners' reports are answered from their keys.
    for (const request of backlog.filter((r) => r.path === '/notifications')) {
      const res = await send(request);
      expect(res.status).toBe(201);
      expect(opened).toContain(String(res.body.deedId));
    }
    const queue = await t.app.inject({ method: 'GET', url: '/deeds?status=NOTIFIED&limit=200', headers: { authorization: `Bearer ${operatorToken}` } });
    const items = (queue.json() as { items: unknown[] }).items;
    expect(items).toHaveLength(backlog.filter((r) => r.path === '/notifications').length);
  });

  it('is refused as sent by someone without the right: a report with an operator token, an application with a partner key', async () => {
    const report = backlog.find((r) => r.path === '/notifications') as BacklogRequest;
    const asOperator = await t.app.inject({ method: 'POST', url: '/notifications', headers: { authorization: `Bearer ${operatorToken}` }, payload: report.body });
    expect(asOperator.statusCode).toBe(403);
    expect(asOperator.headers['content-type']).toContain('application/problem+json');
    const application = backlog.find((r) => r.path === '/deeds') as BacklogRequest;
    const asPartner = await t.app.inject({ method: 'POST', url: '/deeds', headers: { 'x-api-key': PARTNER_KEY }, payload: application.body });
    expect(asPartner.statusCode).toBe(403);
  });
});
