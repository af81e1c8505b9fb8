// Configuration from the environment (DESIGN.md house rule 9): defaults that run on a laptop, and every
// invalid variable reported at once, by name, before the service starts.
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadServiceConfig } from './service-config';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadServiceConfig('identity', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadServiceConfig: defaults', () => {
  it('runs on a laptop with nothing set', () => {
    expect(loadServiceConfig('identity', {})).toEqual({
      service: 'identity',
      host: '127.0.0.1',
      port: 3001,
      databaseUrl: 'sqlite:data/identity.sqlite',
      migrateOnStart: true,
      devSchemaSync: false,
      natsUrl: 'nats://127.0.0.1:4222',
      natsEnabled: true,
      natsPrefix: '',
      bodyLimit: 1_048_576,
      jsonMaxDepth: 32,
      rateLimit: { windowMs: 60_000, publicMax: 300, authFailures: 30 },
      logLevel: 'info',
      jwtSecret: undefined,
      jwtPublicKeys: [],
      jwtIssuer: undefined,
      jwtAudience: undefined,
      tokenMaxLifetimeSeconds: 43_200,
      apiKeys: [],
      utcOffset: '+08:00',
      regencyCode: '5316',
    });
  });

  it.each([
    ['identity', 3001],
    ['deeds', 3002],
    ['outreach', 3003],
    ['reporting', 3004],
    ['something-else', 3000],
  ])('gives %s its own default port %d and database file', (service, port) => {
    const config = loadServiceConfig(service, {});
    expect(config.port).toBe(port);
    expect(config.databaseUrl).toBe(`sqlite:data/${service}.sqlite`);
  });

  it('treats empty variables as unset', () => {
    expect(loadServiceConfig('identity', { PORT: '', LOG_LEVEL: '', DATABASE_URL: '', JWT_SECRET: '', API_KEYS: '  ' })).toMatchObject({
      port: 3001,
      logLevel: 'info',
      databaseUrl: 'sqlite:data/identity.sqlite',
      jwtSecret: undefined,
      apiKeys: [],
    });
  });
});

describe('loadServiceConfig: values', () => {
  it('reads every variable', () => {
    const { publicKey: a } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { publicKey: b } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pemA = a.export({ type: 'spki', format: 'pem' }).toString().trim();
    const pemB = b.export({ type: 'spki', format: 'pem' }).toString().trim();
    const config = loadServiceConfig('deeds', {
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgres://dukcapil@db:5432/deeds',
      MIGRATE_ON_START: 'no',
      DEV_SCHEMA_SYNC: 'YES',
      NATS_URL: 'tls://nats.nagekeo:4222',
      NATS_ENABLED: '0',
      NATS_PREFIX: 'ci-42',
      BODY_LIMIT_BYTES: '2048',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 's'.repeat(32),
      JWT_PUBLIC_KEYS: `${pemA}\n\n${pemB}\n`,
      JWT_ISSUER: 'https://sso.nagekeokab.go.id',
      JWT_AUDIENCE: 'adminduk',
      TOKEN_MAX_LIFETIME_SECONDS: '3600',
      API_KEYS: JSON.stringify([{ id: 'pustu-boawae', sha256: 'a'.repeat(64), roles: ['partner'], regions: ['531603'] }]),
      UTC_OFFSET: '+07:00',
      REGENCY_CODE: '5371',
    });
    expect(config).toEqual({
      service: 'deeds',
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: 'postgres://dukcapil@db:5432/deeds',
      migrateOnStart: false,
      devSchemaSync: true,
      natsUrl: 'tls://nats.nagekeo:4222',
      natsEnabled: false,
      natsPrefix: 'ci-42',
      bodyLimit: 2048,
      jsonMaxDepth: 32,
      rateLimit: { windowMs: 60_000, publicMax: 300, authFailures: 30 },
      logLevel: 'warn',
      jwtSecret: 's'.repeat(32),
      jwtPublicKeys: [pemA, pemB],
      jwtIssuer: 'https://sso.nagekeokab.go.id',
      jwtAudience: 'adminduk',
      tokenMaxLifetimeSeconds: 3600,
      apiKeys: [{ id: 'pustu-boawae', sha256: 'a'.repeat(64), roles: ['partner'], regions: ['531603'] }],
      utcOffset: '+07:00',
      regencyCode: '5371',
    });
  });

  it('accepts sqlite::memory: and postgresql:// URLs', () => {
    expect(loadServiceConfig('identity', { DATABASE_URL: 'sqlite::memory:' }).databaseUrl).toBe('sqlite::memory:');
    expect(loadServiceConfig('identity', { DATABASE_URL: 'postgresql://x@y/z' }).databaseUrl).toBe('postgresql://x@y/z');
  });
});

describe('loadServiceConfig: invalid values', () => {
  it('reports every invalid variable at once, each by name', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      BODY_LIMIT_BYTES: '10',
      MIGRATE_ON_START: 'maybe',
      DEV_SCHEMA_SYNC: 'sometimes',
      NATS_ENABLED: 'on',
      DATABASE_URL: 'mysql://db/identity',
      NATS_URL: 'http://nats:4222',
      NATS_PREFIX: 'ci run',
      LOG_LEVEL: 'loud',
      JWT_SECRET: 'too-short',
      JWT_PUBLIC_KEYS: 'not a pem',
      API_KEYS: '{"id":"x"}',
      UTC_OFFSET: 'WITA',
      REGENCY_CODE: '9101',
      TOKEN_MAX_LIFETIME_SECONDS: '0',
    });
    const named = ['PORT', 'BODY_LIMIT_BYTES', 'MIGRATE_ON_START', 'DEV_SCHEMA_SYNC', 'NATS_ENABLED', 'DATABASE_URL', 'NATS_URL', 'NATS_PREFIX', 'LOG_LEVEL', 'JWT_SECRET', 'JWT_PUBLIC_KEYS', 'API_KEYS', 'UTC_OFFSET', 'REGENCY_CODE', 'TOKEN_MAX_LIFETIME_SECONDS'];
    expect(problems).toHaveLength(named.length);
    for (const name of named) expect(problems.filter((p) => p.startsWith(`${name} `))).toHaveLength(1);
  });

  it('says every problem in the error message too', () => {
    expect(() => loadServiceConfig('identity', { PORT: '-1', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadServiceConfig('identity', { PORT: '-1', LOG_LEVEL: 'loud' })).toThrow(/PORT must be an integer from 0 to 65535/);
    expect(() => loadServiceConfig('identity', { PORT: '-1', LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of fatal, error/);
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['BODY_LIMIT_BYTES', '2000000000'],
    ['JWT_SECRET', 'x'.repeat(31)],
    ['UTC_OFFSET', '+8'],
    ['NATS_PREFIX', 'ci.run'],
    ['REGENCY_CODE', '531601'],
  ])('refuses %s=%s', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} `));
  });

  it.each([
    ['not JSON', 'not json', 'API_KEYS must be a JSON list'],
    ['an object, not a list', '{}', 'API_KEYS must be a JSON list'],
    ['a key without sha256', '[{"id":"a","roles":[],"regions":[]}]', 'API_KEYS[0] must be'],
    ['a sha256 that is not 64 hex digits', `[{"id":"a","sha256":"${'A'.repeat(64)}","roles":[],"regions":[]}]`, 'API_KEYS[0] must be'],
    ['roles that are not a list', `[{"id":"a","sha256":"${'a'.repeat(64)}","roles":"admin","regions":[]}]`, 'API_KEYS[0] must be'],
    ['the second of two keys broken', `[{"id":"a","sha256":"${'a'.repeat(64)}","roles":[],"regions":[]},null]`, 'API_KEYS[1] must be'],
  ])('refuses API_KEYS with %s', (_what, value, message) => {
    const problems = problemsOf({ API_KEYS: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
