// Request/reply over NATS core between services (integration tier, a private nats-server so that it can be
// stopped): replies and refusals with stable codes, load shared by a queue group, the request id carried
// across, and the caller's codes when nobody answers or NATS is gone.
import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { SUBJECTS, type ResidentByNikReply, type ResidentByNikRequest } from '@adminduk/contracts';
import { createTestApp, startPrivateNatsServer, uniqueNatsPrefix, waitFor, type PrivateNatsServer, type TestApp } from '../testing';
import type { ServiceConfig } from '../config/service-config';
import { currentContext, runInContext } from '../context/request-context';
import { Problem } from '../errors/problem';
import { MetricsService } from '../metrics/metrics';
import { NatsService } from '../nats/nats.service';
import { PlatformModule } from '../platform.module';
import { RpcClient } from './rpc-client.service';
import { RpcServer } from './rpc-server.service';
import { ServeRpc } from './serve-rpc.decorator';

jest.setTimeout(20_000);

const RESIDENT_ID = '0190b5b4-0000-7000-8000-000000000001';
const NIK = {
  found: '5316014103900001',
  unknown: '5316014103909999',
  refused: '5316010000000000',
  crashing: '5316014103900002',
  badReply: '5316014103900003',
  slow: '5316014103900004',
};
const INSTANCE = Symbol('INSTANCE');

@Injectable()
class FakeResidentResponder {
  served = 0;
  readonly requestIds: string[] = [];

  constructor(@Inject(INSTANCE) readonly instance: string) {}

  @ServeRpc(SUBJECTS.identityRpc.residentByNik)
  async residentByNik(request: ResidentByNikRequest): Promise<ResidentByNikReply> {
    this.served++;
    this.requestIds.push(currentContext()?.requestId ?? '');
    switch (request.nik) {
      case NIK.unknown:
        return { found: false };
      case NIK.refused:
        throw Problem.unprocessable('NIK_INVALID', 'the NIK is not valid', [{ code: 'NIK_DATE_INVALID', field: 'nik', message: 'digits 7–12 are not a date' }]);
      case NIK.crashing:
        throw new Error(`lookup of ${request.nik} failed: connection reset`);
      case NIK.badReply:
        return { found: 'yes' } as unknown as ResidentByNikReply;
      case NIK.slow:
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return { found: false };
      default:
        return { found: true, residentId: RESIDENT_ID, status: 'ALIVE', sex: 'F', birthDate: '1990-03-01', maritalStatus: 'KAWIN_TERCATAT', districtCode: '531601' };
    }
  }
}

@Module({})
class RpcTestModule {
  static forRoot(config: ServiceConfig, instance?: string): DynamicModule {
    return {
      module: RpcTestModule,
      imports: [PlatformModule.forRoot({ config, database: { entities: [], migrations: { postgresql: [], sqlite: [] } }, streams: [] })],
      providers: instance ? [{ provide: INSTANCE, useValue: instance }, FakeResidentResponder] : [],
    };
  }
}

let server: PrivateNatsServer;
let prefix: string;
let responders: TestApp[] = [];
let caller: TestApp;

const boot = (service: string, instance: string | undefined, env: Record<string, string>) =>
  createTestApp(service, (c) => RpcTestModule.forRoot(c, instance), { title: service, description: 'rpc test', version: '0' }, env);

beforeAll(async () => {
  server = await startPrivateNatsServer();
  prefix = uniqueNatsPrefix('rpc');
  const env = { NATS_ENABLED: 'true', NATS_URL: server.url, NATS_PREFIX: prefix };
  responders = [await boot('identity', 'one', env), await boot('identity', 'two', env)];
  for (const r of responders) await r.app.get(RpcServer).ready();
  caller = await boot('deeds', undefined, env);
  await caller.app.get(NatsService).ready();
});

afterAll(async () => {
  try {
    for (const t of [caller, ...responders]) await t?.close();
  } finally {
    await server?.dispose();
  }
});

const ask = (nik: string, timeoutMs?: number) => caller.app.get(RpcClient).request(SUBJECTS.identityRpc.residentByNik, { nik }, timeoutMs);
const served = () => responders.map((r) => r.app.get(FakeResidentResponder).served);
const total = () => served().reduce((a, b) => a + b, 0);

/** Sends raw bytes, as a client that ignores the contract would. */
async function askRaw(data: string): Promise<unknown> {
  const nats = caller.app.get(NatsService);
  const reply = await (await nats.ready()).request(nats.subject(SUBJECTS.identityRpc.residentByNik), new TextEncoder().encode(data), { timeout: 2_000 });
  return reply.json();
}

describe('request/reply', () => {
  it('answers with the value, and the caller request id reaches the responder', async () => {
    const reply = await runInContext({ requestId: 'req-rpc-1' }, () => ask(NIK.found));
    expect(reply).toEqual({
      ok: true,
      value: { found: true, residentId: RESIDENT_ID, status: 'ALIVE', sex: 'F', birthDate: '1990-03-01', maritalStatus: 'KAWIN_TERCATAT', districtCode: '531601' },
    });
    expect(responders.flatMap((r) => r.app.get(FakeResidentResponder).requestIds)).toContain('req-rpc-1');
    expect(await ask(NIK.unknown)).toEqual({ ok: true, value: { found: false } });
  });

  it('shares the requests between the instances of the responding service (queue group), each answered once', async () => {
    const before = served();
    const replies = await Promise.all(Array.from({ length: 40 }, () => ask(NIK.unknown)));
    expect(replies.every((r) => r.ok)).toBe(true);
    const delta = served().map((n, i) => n - (before[i] ?? 0));
    expect(delta.reduce((a, b) => a + b, 0)).toBe(40);
    expect(delta.every((n) => n > 0)).toBe(true);
  });

  it('refuses malformed and invalid requests with stable codes, before the handler runs', async () => {
    const before = total();
    expect(await askRaw('nik=5316014103900001')).toMatchObject({ ok: false, code: 'MALFORMED_REQUEST' });
    expect(await askRaw(JSON.stringify({ nik: '12' }))).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.nik' }] });
    expect(await askRaw(JSON.stringify([NIK.found]))).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    // The client checks too, and does not even send.
    expect(await ask('531601')).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.nik' }] });
    expect(total()).toBe(before);
    const metrics = await Promise.all(responders.map((r) => r.app.get(MetricsService).rpcRequests.get()));
    expect(metrics.flatMap((m) => m.values).some((v) => v.labels.outcome === 'INVALID_REQUEST' || v.labels.outcome === 'MALFORMED_REQUEST')).toBe(true);
  });

  it("passes the responder's refusal code on, and answers INTERNAL_ERROR (without details) when it fails", async () => {
    expect(await ask(NIK.refused)).toEqual({
      ok: false,
      code: 'NIK_INVALID',
      message: 'the NIK is not valid',
      errors: [{ path: 'nik', code: 'NIK_DATE_INVALID', message: 'digits 7–12 are not a date' }],
    });
    const crashed = await ask(NIK.crashing);
    expect(crashed).toMatchObject({ ok: false, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(crashed)).not.toContain(NIK.crashing);
    expect(await ask(NIK.badReply)).toMatchObject({ ok: false, code: 'INTERNAL_ERROR' });
  });

  it('gives the caller TIMEOUT when the reply is late', async () => {
    expect(await ask(NIK.slow, 200)).toMatchObject({ ok: false, code: 'TIMEOUT' });
  });

  it('gives the caller NATS_UNAVAILABLE when nobody serves the subject, and when NATS is down', async () => {
    const nobody = await boot('deeds', undefined, { NATS_ENABLED: 'true', NATS_URL: server.url, NATS_PREFIX: uniqueNatsPrefix('rpc-empty') });
    try {
      await nobody.app.get(NatsService).ready();
      expect(await nobody.app.get(RpcClient).request(SUBJECTS.identityRpc.residentByNik, { nik: NIK.found })).toMatchObject({ ok: false, code: 'NATS_UNAVAILABLE' });
    } finally {
      await nobody.close();
    }
    await server.stop();
    await waitFor(() => !caller.app.get(NatsService).isConnected(), 'the caller to notice the outage');
    const started = Date.now();
    expect(await ask(NIK.found, 10_000)).toMatchObject({ ok: false, code: 'NATS_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(5_000); // at once, not after the 10 s timeout
    await server.start();
  });
});
