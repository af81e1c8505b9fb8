// ensureStream against real NATS: a private server and a private 3-node JetStream cluster. A stream is created with
// NATS_STREAM_REPLICAS and the limits; its owner brings an existing stream's settings up to date, another service
// leaves them alone; and what NATS refuses (3 replicas without a cluster, 5 replicas on 3 servers) is a clear error,
// never a crash: a stream that exists keeps working with its settings, one that cannot be created says what to fix.
import { Logger } from '@nestjs/common';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { loadServiceConfig } from '../config/service-config';
import { NatsService } from '../nats/nats.service';
import { startPrivateNatsCluster, startPrivateNatsServer, uniqueNatsPrefix, waitFor, type PrivateNatsCluster, type PrivateNatsServer } from '../testing';
import { ensureStream, StreamSetupError, type StreamDefinition } from './streams';

jest.setTimeout(60_000);

const IDENTITY: StreamDefinition = { name: 'IDENTITY', subjects: ['identity.resident.>'] };

/** The NatsService of `service` with these variables (only its names and settings are used here, not its connection). */
function natsOf(service: string, prefix: string, env: Record<string, string> = {}): NatsService {
  return new NatsService(loadServiceConfig(service, { NATS_PREFIX: prefix, ...env }));
}

let errors: jest.SpyInstance;
beforeEach(() => {
  errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('ensureStream on a single server', () => {
  let server: PrivateNatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startPrivateNatsServer();
    nc = await connect({ servers: server.url });
    jsm = await nc.jetstreamManager();
  });
  afterAll(async () => {
    await nc?.close();
    await server?.dispose();
  });

  it('creates a stream as before when nothing is set: one replica, no limits, file storage', async () => {
    const nats = natsOf('identity', uniqueNatsPrefix('streams'));
    const name = await ensureStream(jsm, nats, IDENTITY);
    const { config } = await jsm.streams.info(name);
    expect(config).toMatchObject({ name, subjects: [nats.subject('identity.resident.>')], num_replicas: 1, max_age: 0, max_bytes: -1, storage: 'file', retention: 'limits', discard: 'old' });
  });

  it('creates a stream with the limits, and its owner changes them when they change; another service does not', async () => {
    const prefix = uniqueNatsPrefix('streams');
    const name = await ensureStream(jsm, natsOf('identity', prefix, { NATS_STREAM_MAX_AGE_DAYS: '30', NATS_STREAM_MAX_BYTES: '1073741824' }), IDENTITY);
    expect((await jsm.streams.info(name)).config).toMatchObject({ max_age: 30 * 86_400e9, max_bytes: 1_073_741_824 });

    // deeds consumes identity's events: it leaves the settings alone, but brings the subjects up to date.
    const more: StreamDefinition = { name: 'IDENTITY', subjects: ['identity.resident.>', 'identity.kia.>'] };
    await ensureStream(jsm, natsOf('deeds', prefix), more);
    expect((await jsm.streams.info(name)).config).toMatchObject({ max_age: 30 * 86_400e9, max_bytes: 1_073_741_824, subjects: [`${prefix}.identity.resident.>`, `${prefix}.identity.kia.>`] });

    await ensureStream(jsm, natsOf('identity', prefix, { NATS_STREAM_MAX_AGE_DAYS: '0', NATS_STREAM_MAX_BYTES: '2147483648' }), more);
    expect((await jsm.streams.info(name)).config).toMatchObject({ max_age: 0, max_bytes: 2_147_483_648 });
    expect(errors).not.toHaveBeenCalled();
  });

  it('refuses to create a stream with 3 replicas without a cluster, saying what to set', async () => {
    const nats = natsOf('identity', uniqueNatsPrefix('streams'), { NATS_STREAM_REPLICAS: '3' });
    const failure = ensureStream(jsm, nats, IDENTITY);
    await expect(failure).rejects.toThrow(StreamSetupError);
    await expect(failure).rejects.toThrow(/could not be created with 3 replicas \(NATS_STREAM_REPLICAS\): replicas > 1 not supported in non-clustered mode .*set NATS_STREAM_REPLICAS=1/);
  });

  it('keeps an existing stream working with one replica when 3 are asked of a server without a cluster, and logs why once', async () => {
    const prefix = uniqueNatsPrefix('streams');
    const name = await ensureStream(jsm, natsOf('identity', prefix), IDENTITY);
    const three = natsOf('identity', prefix, { NATS_STREAM_REPLICAS: '3', NATS_STREAM_MAX_AGE_DAYS: '7' });
    await expect(ensureStream(jsm, three, IDENTITY)).resolves.toBe(name);
    await expect(ensureStream(jsm, three, IDENTITY)).resolves.toBe(name);
    // The age is changed; the replicas are not (NATS would take 3 and keep one copy).
    expect((await jsm.streams.info(name)).config).toMatchObject({ num_replicas: 1, max_age: 7 * 86_400e9 });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(new RegExp(`^stream ${name}: NATS refused num_replicas 1 → 3 \\(NATS_STREAM_REPLICAS\\): the NATS server is not part of a JetStream cluster`));
  });
});

describe('ensureStream on a 3-node JetStream cluster', () => {
  let cluster: PrivateNatsCluster;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    cluster = await startPrivateNatsCluster();
    nc = await connect({ servers: [...cluster.urls] });
    jsm = await nc.jetstreamManager();
  });
  afterAll(async () => {
    await nc?.close();
    await cluster?.dispose();
  });

  it('creates the stream with 3 replicas, one on each server', async () => {
    const name = await ensureStream(jsm, natsOf('identity', uniqueNatsPrefix('streams'), { NATS_STREAM_REPLICAS: '3' }), IDENTITY);
    const info = await waitFor(async () => {
      const i = await jsm.streams.info(name);
      return i.cluster?.replicas?.length === 2 && i.cluster.replicas.every((r) => r.current) ? i : undefined;
    }, 'the replicas to be current');
    expect(info.config.num_replicas).toBe(3);
    expect([info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)].sort()).toEqual(cluster.nodes.map((n) => n.name).sort());
  });

  it('moves an existing stream from 1 to 3 replicas and back when its owner is configured so', async () => {
    const prefix = uniqueNatsPrefix('streams');
    const name = await ensureStream(jsm, natsOf('identity', prefix), IDENTITY);
    expect((await jsm.streams.info(name)).config.num_replicas).toBe(1);
    await ensureStream(jsm, natsOf('identity', prefix, { NATS_STREAM_REPLICAS: '3' }), IDENTITY);
    await waitFor(async () => (await jsm.streams.info(name)).cluster?.replicas?.length === 2, 'two more replicas');
    await ensureStream(jsm, natsOf('identity', prefix), IDENTITY);
    expect((await jsm.streams.info(name)).config.num_replicas).toBe(1);
    expect(errors).not.toHaveBeenCalled();
  });

  it('cannot create 5 replicas on 3 servers, and keeps a 3-replica stream at 3 when 5 are asked', async () => {
    const five = { NATS_STREAM_REPLICAS: '5' };
    await expect(ensureStream(jsm, natsOf('identity', uniqueNatsPrefix('streams'), five), IDENTITY)).rejects.toThrow(
      /could not be created with 5 replicas \(NATS_STREAM_REPLICAS\): no suitable peers for placement \(JetStream error 10005\); NATS_STREAM_REPLICAS must not exceed/,
    );
    const prefix = uniqueNatsPrefix('streams');
    const name = await ensureStream(jsm, natsOf('identity', prefix, { NATS_STREAM_REPLICAS: '3' }), IDENTITY);
    const more: StreamDefinition = { name: 'IDENTITY', subjects: ['identity.resident.>', 'identity.kia.>'] };
    await expect(ensureStream(jsm, natsOf('identity', prefix, five), more)).resolves.toBe(name);
    const { config } = await jsm.streams.info(name);
    expect(config.num_replicas).toBe(3);
    expect(config.subjects).toEqual([`${prefix}.identity.resident.>`, `${prefix}.identity.kia.>`]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/NATS refused num_replicas 3 → 5 \(NATS_STREAM_REPLICAS\): no suitable peers for placement .*The stream keeps its settings and the events flow on/);
  });
});
