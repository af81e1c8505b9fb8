// The launcher's pieces that need no process: options, development secrets and tokens, NATS discovery and its
// message, log lines, the import summary.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretKey } from 'node:crypto';
import { jwtVerify } from 'jose';
import { findNatsServer, isLocalAddress, natsAddress, natsMissingMessage, natsServers, probeNats } from './nats';
import { DEFAULT_NATS_URL, parseStartOptions, UsageError } from './options';
import { formatLogLine } from './processes';
import { loadServiceConfig } from '@adminduk/platform';
import { apiKeysEnv, DEV_INTEGRATOR_AGREEMENT, devAgreementsEnv, loadOrCreateSecrets, mintDevToken } from './secrets';
import { parseImportSummary, progressLine } from './seed';
import { availableServices, SERVICES } from './services';

describe('npm start options', () => {
  test('the defaults run the whole system on a laptop: ./data, port 3001 up, local NATS, full Nagekeo, quiet logs', () => {
    const o = parseStartOptions([], {}, '/repo');
    expect(o).toMatchObject({
      command: 'start',
      dataDir: '/repo/data',
      scale: 1,
      seed: 1,
      portBase: 3001,
      appPort: 3000,
      host: '127.0.0.1',
      natsUrl: DEFAULT_NATS_URL,
      natsUrlDefault: true,
      reset: false,
      noSeed: false,
      fromSources: false,
      logLevel: 'warn',
    });
    expect(o.only).toBeUndefined();
  });

  test('options and environment: --scale, --reset, --data, ADMINDUK_FROM_SOURCES, NATS_URL, --services, --verbose', () => {
    const o = parseStartOptions(['--scale', '0.05', '--reset', '--data=tmp/d', '--services', 'identity,deeds', '--verbose'], { ADMINDUK_FROM_SOURCES: '1', NATS_URL: 'nats://10.0.0.5:4222' }, '/repo');
    expect(o).toMatchObject({ scale: 0.05, reset: true, dataDir: '/repo/tmp/d', fromSources: true, natsUrl: 'nats://10.0.0.5:4222', natsUrlDefault: false, logLevel: 'info' });
    expect(o.only).toEqual(['identity', 'deeds']);
    expect(parseStartOptions([], { ADMINDUK_DATA_DIR: '/var/lib/adminduk', ADMINDUK_SCALE: '0.5' }, '/repo')).toMatchObject({ dataDir: '/var/lib/adminduk', scale: 0.5 });
  });

  test("the office app's port: one below the services by default, --app-port or ADMINDUK_APP_PORT, never one of theirs", () => {
    expect(parseStartOptions(['--port-base', '4001'], {}, '/repo')).toMatchObject({ portBase: 4001, appPort: 4000 });
    expect(parseStartOptions(['--app-port', '8080'], {}, '/repo').appPort).toBe(8080);
    expect(parseStartOptions([], { ADMINDUK_APP_PORT: '8081' }, '/repo').appPort).toBe(8081);
    expect(() => parseStartOptions(['--app-port', '3003'], {}, '/repo')).toThrow(/--app-port must be a port from 1 to 65535 outside the services/);
    expect(() => parseStartOptions(['--app-port', '3005'], {}, '/repo')).toThrow(UsageError);
  });

  test('every bad option is reported at once, naming it', () => {
    let caught: unknown;
    try {
      parseStartOptions(['--scale', '2', '--port-base', 'x', '--bogus', '--seed'], { NATS_URL: 'http://x' }, '/repo');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const problems = (caught as UsageError).problems.join('\n');
    expect(problems).toMatch(/--scale must be a number above 0 and at most 1, got "2"/);
    expect(problems).toMatch(/--port-base must be a port/);
    expect(problems).toMatch(/unknown option "--bogus"/);
    expect(problems).toMatch(/--seed needs a value/);
    expect(problems).toMatch(/NATS_URL must look like nats:\/\/host:port/);
  });

  test('token: admin everywhere for 12 hours unless told otherwise', () => {
    expect(parseStartOptions(['token'], {}, '/r')).toMatchObject({ command: 'token', token: { sub: 'dev-admin', roles: ['admin'], regions: ['*'], hours: 12 } });
    expect(parseStartOptions(['token', '--roles', 'operator', '--regions', '531601', '--sub', 'ani', '--hours', '1'], {}, '/r').token).toEqual({
      sub: 'ani',
      roles: ['operator'],
      regions: ['531601'],
      hours: 1,
    });
  });

  test('token: no longer than the services accept (TOKEN_MAX_LIFETIME_SECONDS, 12 hours unless set)', () => {
    expect(() => parseStartOptions(['token', '--hours', '13'], {}, '/r')).toThrow(/--hours must be from above 0 to 12 hours/);
    expect(parseStartOptions(['token', '--hours', '12'], {}, '/r').token.hours).toBe(12);
    expect(parseStartOptions(['token', '--hours', '20'], { TOKEN_MAX_LIFETIME_SECONDS: '86400' }, '/r').token.hours).toBe(20);
    expect(parseStartOptions(['token'], { TOKEN_MAX_LIFETIME_SECONDS: '3600' }, '/r').token.hours).toBe(1);
  });
});

describe('development secrets', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'adminduk-secrets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('are created once, readable by their owner only, and the same on the next start', () => {
    const first = loadOrCreateSecrets(dir);
    expect(first.created).toBe(true);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o077).toBe(0);
    expect(first.secrets.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.secrets.deedsSigningKey).toContain('BEGIN PRIVATE KEY');
    const second = loadOrCreateSecrets(dir);
    expect(second.created).toBe(false);
    expect(second.secrets).toEqual(first.secrets);
  });

  test('a data folder made before the burial registers’ keys gets them, its other secrets unchanged', () => {
    const first = loadOrCreateSecrets(dir).secrets;
    const older = { ...first, apiKeys: first.apiKeys.filter((k) => k.id === 'partner-demo' || k.id === 'integrator-demo') };
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify(older));
    const again = loadOrCreateSecrets(dir);
    expect(again).toMatchObject({ created: false, added: ['paroki-mbay', 'pemakaman-umum-nagekeo'] });
    expect(again.secrets.jwtSecret).toBe(first.jwtSecret);
    expect(again.secrets.apiKeys.slice(0, 2)).toEqual(older.apiKeys);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o077).toBe(0);
    expect(loadOrCreateSecrets(dir)).toMatchObject({ added: [], secrets: again.secrets });
  });

  test('services get the API keys as SHA-256 only, in the platform format', () => {
    const { secrets } = loadOrCreateSecrets(dir);
    const env = apiKeysEnv(secrets);
    for (const k of secrets.apiKeys) expect(env).not.toContain(k.key);
    const parsed = JSON.parse(env) as { id: string; sha256: string; roles: string[]; regions: string[] }[];
    expect(parsed.map((k) => k.id)).toEqual(['partner-demo', 'integrator-demo', 'paroki-mbay', 'pemakaman-umum-nagekeo']);
    // The parish reports the burials of its kecamatan (Aesesa), where the demo parish secretary works.
    expect(parsed[2]).toMatchObject({ roles: ['partner'], regions: ['531601'] });
    for (const k of parsed) expect(k.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed[0]).toMatchObject({ roles: ['partner'], regions: ['5316'] });
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(secrets.apiKeys[0]?.key);
  });

  test("the integrator key stands on a development agreement; four agencies' agreements, one expired, that every service accepts", () => {
    const { secrets } = loadOrCreateSecrets(dir);
    const now = new Date('2026-12-08T03:00:00Z');
    const env = { API_KEYS: apiKeysEnv(secrets), DATA_AGREEMENTS: devAgreementsEnv(secrets, now) };
    for (const service of ['identity', 'deeds', 'outreach', 'reporting']) {
      const config = loadServiceConfig(service, env);
      expect(config.apiKeys.find((k) => k.id === 'integrator-demo')).toMatchObject({ agreement: DEV_INTEGRATOR_AGREEMENT, scopes: ['residents', 'family-cards', 'documents'] });
      expect(config.apiKeys.find((k) => k.id === 'partner-demo')).not.toHaveProperty('agreement');
    }
    const agreements = loadServiceConfig('identity', env).dataAgreements;
    expect(new Set(agreements.map((a) => a.agency)).size).toBe(4);
    expect(agreements.filter((a) => a.expiresOn < '2026-12-08').map((a) => a.agency)).toEqual(['BPJS Kesehatan Cabang Ende']);
    expect(agreements.filter((a) => a.signedOn <= '2026-12-08' && a.expiresOn >= '2026-12-08')).toHaveLength(3);
  });

  test('a minted token verifies with the secret (HS256) and carries sub, roles, regions and an expiry', async () => {
    const { secrets } = loadOrCreateSecrets(dir);
    const now = Date.now();
    const token = mintDevToken(secrets.jwtSecret, { sub: 'ani', roles: ['operator'], regions: ['531601'], hours: 2 }, now);
    const { payload, protectedHeader } = await jwtVerify(token, createSecretKey(Buffer.from(secrets.jwtSecret, 'utf8')), { algorithms: ['HS256'] });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'ani', roles: ['operator'], regions: ['531601'] });
    expect((payload.exp as number) - (payload.iat as number)).toBe(7200);
    await expect(jwtVerify(token, createSecretKey(Buffer.from('another-secret-of-at-least-32-characters', 'utf8')))).rejects.toThrow();
  });
});

describe('NATS discovery', () => {
  test('address and locality of a NATS URL', () => {
    expect(natsAddress('nats://127.0.0.1:14222')).toEqual({ host: '127.0.0.1', port: 14222 });
    expect(natsAddress('nats://localhost')).toEqual({ host: 'localhost', port: 4222 });
    expect(isLocalAddress('127.0.0.1')).toBe(true);
    expect(isLocalAddress('nats.dukcapil.example')).toBe(false);
  });

  test('NATS_SERVER_BIN is the only binary tried when set; PATH and /usr/sbin otherwise', () => {
    expect(findNatsServer('/nonexistent/nats-server')).toBeUndefined();
    expect(findNatsServer(undefined, '/nonexistent-dir')).toMatch(/nats-server$/); // /usr/sbin/nats-server on this machine
  });

  test('the message without a binary names the fix: install nats-server or set NATS_URL', () => {
    const message = natsMissingMessage('nats://127.0.0.1:4222', 'no-binary');
    expect(message).toMatch(/No NATS server with JetStream answers at nats:\/\/127\.0\.0\.1:4222/);
    expect(message).toMatch(/install nats-server/);
    expect(message).toMatch(/NATS_URL=/);
    expect(natsMissingMessage('nats://10.1.1.1:4222', 'not-local')).toMatch(/not a local address/);
    expect(natsMissingMessage('nats://127.0.0.1:4222', 'no-jetstream')).toMatch(/-js/);
    expect(natsMissingMessage('nats://a:4222,nats://b:4222', 'cluster')).toMatch(/several servers \(a cluster\): the launcher starts none/);
  });

  test("NATS_URL may name a cluster's servers, comma-separated, as the services take it (issue 16)", () => {
    const o = parseStartOptions([], { NATS_URL: 'nats://10.0.0.5:4222, nats://10.0.0.6:4222,nats://10.0.0.7:4222' }, '/repo');
    expect(o).toMatchObject({ natsUrl: 'nats://10.0.0.5:4222, nats://10.0.0.6:4222,nats://10.0.0.7:4222', natsUrlDefault: false });
    expect(natsServers(o.natsUrl)).toEqual(['nats://10.0.0.5:4222', 'nats://10.0.0.6:4222', 'nats://10.0.0.7:4222']);
    expect(() => parseStartOptions([], { NATS_URL: 'nats://a:4222,http://b' }, '/repo')).toThrow(/several, comma-separated/);
  });

  test('a cluster list is probed as a cluster: any one server answering is enough', async () => {
    // The machine's NATS (127.0.0.1:4222, JetStream) after a server nobody listens on.
    expect(await probeNats('nats://127.0.0.1:1,nats://127.0.0.1:4222')).toBe('jetstream');
    expect(await probeNats('nats://127.0.0.1:1,nats://127.0.0.1:2', 500)).toBe('unreachable');
  });
});

describe('output', () => {
  test('pino lines are shortened to level and message; other lines pass as they are', () => {
    expect(formatLogLine('{"level":40,"time":1,"msg":"relay: NATS unavailable","err":{"message":"CONNECTION_REFUSED"}}')).toBe('WARN relay: NATS unavailable (CONNECTION_REFUSED)');
    expect(formatLogLine('identity: applied 2 migration(s)')).toBe('identity: applied 2 migration(s)');
    expect(formatLogLine('{not json')).toBe('{not json');
  });

  test('progress lines give rows, share and rows per second', () => {
    expect(progressLine('seed: generated', 500, 2000, 0, 2000)).toBe('seed: generated: 500/2000 rows (25%), 250 rows/s');
    expect(progressLine('seed: generated', 10, undefined, 0, 1000)).toBe('seed: generated: 10 rows, 10 rows/s');
    expect(progressLine('seed: backlog', 3, 6, 0, 1000, 'requests')).toBe('seed: backlog: 3/6 requests (50%), 3 requests/s');
  });

  test("the identity import's summary is read for the seeded counts", () => {
    const lines = ['import 01a… COMPLETED (new): r.csv, SHA-256 82…', '  rows: 354 in the file, 350 imported (88 family cards), 4 rejected (1 cards)'];
    expect(parseImportSummary(lines)).toEqual({ imported: 350, rejected: 4 });
    expect(parseImportSummary(['nothing'])).toBeUndefined();
  });
});

describe('the service list', () => {
  test('holds the four services on ports 3001–3004, the dashboard on reporting; only those with sources start', () => {
    expect(SERVICES.map((s) => [s.name, 3001 + s.portOffset])).toEqual([
      ['identity', 3001],
      ['deeds', 3002],
      ['outreach', 3003],
      ['reporting', 3004],
    ]);
    const root = join(__dirname, '..', '..');
    const names = availableServices(root).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['identity', 'deeds', 'outreach']));
    expect(availableServices(root, ['deeds']).map((s) => s.name)).toEqual(['deeds']);
    expect(availableServices('/nonexistent')).toEqual([]);
  });
});
