// identity.rpc.resident.by-nik.v1 on the machine's PostgreSQL and NATS (integration tier): another service (here a
// bare "deeds" caller) asks identity about a NIK over NATS request/reply and gets the contract's reply, a
// stable code for a malformed request, and NATS_UNAVAILABLE once identity is gone. The lookup is audited.
import { Module, type DynamicModule } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditEntry, NatsService, PlatformModule, RpcClient, RpcServer, runInContext, type ServiceConfig } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, tokenFor, uniqueNatsPrefix, type TestApp, deletePrefixedStreams } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

@Module({})
class CallerModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: CallerModule, imports: [PlatformModule.forRoot({ config, database: { entities: [], migrations: { postgresql: [], sqlite: [] } }, streams: [] })] };
  }
}

let db: { name: string; url: string };
let identity: TestApp | undefined;
let deeds: TestApp;
let prefix: string;

beforeAll(async () => {
  db = await createDatabase('identityrpc');
  prefix = uniqueNatsPrefix('rpc-identity');
  identity = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, {
    DATABASE_URL: db.url,
    NATS_ENABLED: 'true',
    NATS_PREFIX: prefix,
  });
  await identity.app.get(RpcServer).ready();
  deeds = await createTestApp('deeds', (c) => CallerModule.forRoot(c), { title: 'caller', description: 'a service that asks identity', version: '0' }, {
    NATS_ENABLED: 'true',
    NATS_PREFIX: prefix,
  });
  await deeds.app.get(NatsService).ready();
}, 60_000);

afterAll(async () => {
  await identity?.close();
  await deeds?.close();
  await deletePrefixedStreams(prefix);
  await dropDatabase(db.name);
}, 30_000);

function running(): TestApp {
  if (!identity) throw new Error('identity is not running');
  return identity;
}

const ask = (nik: string) => deeds.app.get(RpcClient).request(SUBJECTS.identityRpc.residentByNik, { nik });

async function askRaw(data: string): Promise<unknown> {
  const nats = deeds.app.get(NatsService);
  const reply = await (await nats.ready()).request(nats.subject(SUBJECTS.identityRpc.residentByNik), new TextEncoder().encode(data), { timeout: 2_000 });
  return reply.json();
}

describe('identity.rpc.resident.by-nik.v1', () => {
  let resident: { id: string; nik: string };

  beforeAll(async () => {
    const res = await running().app.inject({
      method: 'POST',
      url: '/residents',
      headers: { authorization: `Bearer ${await tokenFor(['registrar'], ['5316'])}` },
      payload: {
        fullName: 'Maria Goreti Wea',
        birthPlace: 'Mbay',
        birthDate: '1990-03-01',
        sex: 'F',
        religion: 'KATOLIK',
        maritalStatus: 'KAWIN_TERCATAT',
        motherName: 'Yohana Bhoki',
        districtCode: '531601',
        villageCode: '5316012002',
        address: 'RT 002 / RW 001, Labolewa',
      },
    });
    expect(res.statusCode).toBe(201);
    resident = res.json();
  });

  it('answers for a registered resident, without name or address, and audits the read', async () => {
    const reply = await runInContext({ requestId: 'req-deeds-lookup' }, () => ask(resident.nik));
    expect(reply).toEqual({
      ok: true,
      value: { found: true, residentId: resident.id, status: 'ALIVE', sex: 'F', birthDate: '1990-03-01', maritalStatus: 'KAWIN_TERCATAT', districtCode: '531601' },
    });
    const reads = await running().app.get(MikroORM).em.fork().find(AuditEntry, { resourceId: resident.id, action: 'READ' });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorKind: 'system', resourceType: 'resident', endpoint: SUBJECTS.identityRpc.residentByNik, requestId: 'req-deeds-lookup', regionCode: '531601' });
  });

  it('answers found: false for a NIK that is not in the register', async () => {
    expect(await ask('5316010101900099')).toEqual({ ok: true, value: { found: false } });
  });

  it('refuses malformed requests with stable codes', async () => {
    expect(await askRaw('{"nik": 5316')).toMatchObject({ ok: false, code: 'MALFORMED_REQUEST' });
    expect(await askRaw(JSON.stringify({ nik: '53160141039' }))).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.nik' }] });
    expect(await askRaw(JSON.stringify({}))).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.nik' }] });
  });

  it('gives the caller NATS_UNAVAILABLE when no identity instance is running', async () => {
    await running().close();
    identity = undefined;
    expect(await ask(resident.nik)).toMatchObject({ ok: false, code: 'NATS_UNAVAILABLE' });
  });
});
