// identity.rpc.family-card.by-number.v1 over the machine's NATS (identity on SQLite; a run-unique subject prefix):
// another service (here a bare "deeds" caller) asks for a card by its No. KK and gets the ACTIVE card's id,
// region and members (resident id, NIK, SHDK) in card order, or found: false for a number that is unknown, was
// replaced when the card was reissued, or belongs to a closed card; malformed requests get stable codes; a found
// card is a READ in the audit trail. Also: identity.rpc.resident.by-nik.v1 names the resident's No. KK.
import { Module, type DynamicModule } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditEntry, NatsService, PlatformModule, RpcClient, RpcServer, runInContext, type ServiceConfig } from '@adminduk/platform';
import { createTestApp, tokenFor, uniqueNatsPrefix, type TestApp, deletePrefixedStreams } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

@Module({})
class CallerModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return { module: CallerModule, imports: [PlatformModule.forRoot({ config, database: { entities: [], migrations: { postgresql: [], sqlite: [] } }, streams: [] })] };
  }
}

let identity: TestApp;
let deeds: TestApp;
let registrar: string;
let n = 0;
let prefix: string;

beforeAll(async () => {
  prefix = uniqueNatsPrefix('rpc-kk');
  identity = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { NATS_ENABLED: 'true', NATS_PREFIX: prefix });
  await identity.app.get(RpcServer).ready();
  deeds = await createTestApp('deeds', (c) => CallerModule.forRoot(c), { title: 'caller', description: 'a service that asks identity', version: '0' }, {
    NATS_ENABLED: 'true',
    NATS_PREFIX: prefix,
  });
  await deeds.app.get(NatsService).ready();
  registrar = await tokenFor(['registrar'], ['5316']);
}, 60_000);

afterAll(async () => {
  await identity?.close();
  await deeds?.close();
  await deletePrefixedStreams(prefix);
}, 30_000);

interface Reply {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly nik: string;
  readonly kkNumber: string;
  readonly version: number;
  readonly status: string;
}

async function call(method: 'POST', url: string, payload: unknown): Promise<Reply> {
  const res = await identity.app.inject({ method, url, headers: { authorization: `Bearer ${registrar}` }, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Reply;
}

async function resident(birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<Reply> {
  n += 1;
  return call('POST', '/residents', {
    fullName: `Warga Rpc ${n}`,
    birthPlace: 'Mbay',
    birthDate,
    sex,
    religion: 'KATOLIK',
    maritalStatus,
    motherName: `Ibu Rpc ${n}`,
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 002 / RW 001, Labolewa',
  });
}

const byNumber = (kkNumber: string) => deeds.app.get(RpcClient).request(SUBJECTS.identityRpc.familyCardByNumber, { kkNumber });
const byNik = (nik: string) => deeds.app.get(RpcClient).request(SUBJECTS.identityRpc.residentByNik, { nik });

async function askRaw(data: string): Promise<unknown> {
  const nats = deeds.app.get(NatsService);
  const reply = await (await nats.ready()).request(nats.subject(SUBJECTS.identityRpc.familyCardByNumber), new TextEncoder().encode(data), { timeout: 2_000 });
  return reply.json();
}

describe('identity.rpc.family-card.by-number.v1', () => {
  let husband: Reply;
  let wife: Reply;
  let child: Reply;
  let card: Reply;

  beforeAll(async () => {
    husband = await resident('1980-04-12', 'M', 'KAWIN_TERCATAT');
    wife = await resident('1984-09-30', 'F', 'KAWIN_TERCATAT');
    child = await resident('2012-01-20', 'F', 'BELUM_KAWIN');
    card = await call('POST', '/family-cards', {
      members: [
        { residentId: husband.id, relationship: 1 },
        { residentId: wife.id, relationship: 3 },
        { residentId: child.id, relationship: 4, fatherResidentId: husband.id, motherResidentId: wife.id },
      ],
    });
  });

  it("answers with the active card's id, region and members in card order, no names, and audits the read", async () => {
    const reply = await runInContext({ requestId: 'req-deeds-kk' }, () => byNumber(card.kkNumber));
    expect(reply).toEqual({
      ok: true,
      value: {
        found: true,
        familyCardId: card.id,
        districtCode: '531601',
        villageCode: '5316012002',
        members: [
          { residentId: husband.id, nik: husband.nik, relationship: 1 },
          { residentId: wife.id, nik: wife.nik, relationship: 3 },
          { residentId: child.id, nik: child.nik, relationship: 4 },
        ],
      },
    });
    const reads = await identity.app.get(MikroORM).em.fork().find(AuditEntry, { resourceId: card.id, action: 'READ', endpoint: SUBJECTS.identityRpc.familyCardByNumber });
    expect(reads).toEqual([expect.objectContaining({ actorKind: 'system', resourceType: 'family-card', requestId: 'req-deeds-kk', regionCode: '531601' })]);
  });

  it('names the No. KK of a resident on a card in the by-NIK reply, and none for a resident on no card', async () => {
    expect(await byNik(child.nik)).toMatchObject({ ok: true, value: { found: true, residentId: child.id, familyCardId: card.id, kkNumber: card.kkNumber } });
    const loner = await resident('1975-05-05', 'M', 'BELUM_KAWIN');
    const reply = await byNik(loner.nik);
    expect(reply).toMatchObject({ ok: true, value: { found: true, residentId: loner.id } });
    expect(reply.ok && reply.value).not.toHaveProperty('kkNumber');
  });

  it('answers found: false for a number the card had before it was reissued, and finds it by the new one', async () => {
    const reissued = await call('POST', `/family-cards/${card.id}/head`, { version: card.version, newHeadResidentId: wife.id });
    expect(reissued.kkNumber).not.toBe(card.kkNumber);
    expect(await byNumber(card.kkNumber)).toEqual({ ok: true, value: { found: false } });
    expect(await byNumber(reissued.kkNumber)).toMatchObject({ ok: true, value: { found: true, familyCardId: card.id } });
    expect(await byNik(husband.nik)).toMatchObject({ ok: true, value: { kkNumber: reissued.kkNumber } });
  });

  it("answers found: false for a closed card's number and an unknown number", async () => {
    const single = await resident('1970-03-03', 'M', 'BELUM_KAWIN');
    const issued = await call('POST', '/family-cards', { members: [{ residentId: single.id, relationship: 1 }] });
    const closed = await call('POST', `/family-cards/${issued.id}/members/${single.id}/removal`, { version: 1, reason: 'MOVE_OUT' });
    expect(closed.status).toBe('CLOSED');
    expect(await byNumber(closed.kkNumber)).toEqual({ ok: true, value: { found: false } });
    expect(await byNumber('5316010101990999')).toEqual({ ok: true, value: { found: false } });
  });

  it('refuses malformed requests with stable codes', async () => {
    expect(await askRaw('{"kkNumber": 5316')).toMatchObject({ ok: false, code: 'MALFORMED_REQUEST' });
    expect(await askRaw(JSON.stringify({ kkNumber: '53160141039' }))).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.kkNumber' }] });
    expect(await askRaw(JSON.stringify({}))).toMatchObject({ ok: false, code: 'INVALID_REQUEST', errors: [{ path: 'request.kkNumber' }] });
  });
});
