// Configuration from the environment (DESIGN.md house rule 9): defaults that run on a laptop, and every
// invalid variable reported at once, by name, before the service starts.
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadServiceConfig } from './service-config';

/** A data-access agreement as DATA_AGREEMENTS lists it. */
const AGREEMENT = {
  number: '470/12/PKS/2026',
  agency: 'Dinas Sosial Kabupaten Nagekeo',
  signedOn: '2026-01-15',
  expiresOn: '2027-01-14',
  purpose: 'verifikasi penerima bantuan sosial',
  scopes: ['residents'],
  fields: ['nik', 'fullName'],
  regions: ['5316'],
};

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
      natsServers: ['nats://127.0.0.1:4222'],
      natsUrl: 'nats://127.0.0.1:4222',
      natsEnabled: true,
      natsPrefix: '',
      natsStreams: { replicas: 1, maxAgeDays: 0, maxBytes: 0 },
      bodyLimit: 1_048_576,
      jsonMaxDepth: 32,
      rateLimit: { windowMs: 60_000, publicMax: 300, authFailures: 30 },
      logLevel: 'info',
      jwtSecret: undefined,
      jwtPublicKeys: [],
      jwtIssuer: undefined,
      jwtAudience: undefined,
      tokenMaxLifetimeSeconds: 43_200,
      trustProxy: 'loopback,linklocal,uniquelocal',
      apiKeys: [],
      dataAgreements: [],
      agreementUseFlushMs: 60_000,
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
      NATS_URL: 'tls://nats-0.nagekeo:4222, tls://nats-1.nagekeo:4222,tls://nats-2.nagekeo:4222',
      NATS_ENABLED: '0',
      NATS_PREFIX: 'ci-42',
      NATS_STREAM_REPLICAS: '3',
      NATS_STREAM_MAX_AGE_DAYS: '3650',
      NATS_STREAM_MAX_BYTES: '10737418240',
      BODY_LIMIT_BYTES: '2048',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 's'.repeat(32),
      JWT_PUBLIC_KEYS: `${pemA}\n\n${pemB}\n`,
      JWT_ISSUER: 'https://sso.nagekeokab.go.id',
      JWT_AUDIENCE: 'adminduk',
      TOKEN_MAX_LIFETIME_SECONDS: '3600',
      TRUST_PROXY: '10.0.0.0/8',
      API_KEYS: JSON.stringify([
        { id: 'pustu-boawae', sha256: 'a'.repeat(64), roles: ['partner'], regions: ['531603'] },
        { id: 'dinsos', sha256: 'b'.repeat(64), roles: ['integrator'], regions: ['531603'], agreement: '470/12/PKS/2026' },
      ]),
      DATA_AGREEMENTS: JSON.stringify([AGREEMENT]),
      AGREEMENT_USE_FLUSH_MS: '5000',
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
      natsServers: ['tls://nats-0.nagekeo:4222', 'tls://nats-1.nagekeo:4222', 'tls://nats-2.nagekeo:4222'],
      natsUrl: 'tls://nats-0.nagekeo:4222',
      natsEnabled: false,
      natsPrefix: 'ci-42',
      natsStreams: { replicas: 3, maxAgeDays: 3650, maxBytes: 10_737_418_240 },
      bodyLimit: 2048,
      jsonMaxDepth: 32,
      rateLimit: { windowMs: 60_000, publicMax: 300, authFailures: 30 },
      logLevel: 'warn',
      jwtSecret: 's'.repeat(32),
      jwtPublicKeys: [pemA, pemB],
      jwtIssuer: 'https://sso.nagekeokab.go.id',
      jwtAudience: 'adminduk',
      tokenMaxLifetimeSeconds: 3600,
      trustProxy: '10.0.0.0/8',
      apiKeys: [
        { id: 'pustu-boawae', sha256: 'a'.repeat(64), roles: ['partner'], regions: ['531603'] },
        // A key on an agreement without scopes or fields of its own takes the agreement's.
        { id: 'dinsos', sha256: 'b'.repeat(64), roles: ['integrator'], regions: ['531603'], scopes: ['residents'], fields: ['nik', 'fullName'], agreement: '470/12/PKS/2026' },
      ],
      dataAgreements: [AGREEMENT],
      agreementUseFlushMs: 5000,
      utcOffset: '+07:00',
      regencyCode: '5371',
    });
  });

  it('takes one NATS server as a list of one', () => {
    expect(loadServiceConfig('identity', { NATS_URL: 'nats://10.0.0.5:4222' })).toMatchObject({ natsServers: ['nats://10.0.0.5:4222'], natsUrl: 'nats://10.0.0.5:4222' });
  });

  it('treats 0 as no limit on the streams, and accepts the largest values', () => {
    expect(loadServiceConfig('identity', { NATS_STREAM_MAX_AGE_DAYS: '0', NATS_STREAM_MAX_BYTES: '0' }).natsStreams).toEqual({ replicas: 1, maxAgeDays: 0, maxBytes: 0 });
    expect(loadServiceConfig('identity', { NATS_STREAM_REPLICAS: '5', NATS_STREAM_MAX_AGE_DAYS: '36500', NATS_STREAM_MAX_BYTES: String(Number.MAX_SAFE_INTEGER) }).natsStreams).toEqual({
      replicas: 5,
      maxAgeDays: 36_500,
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    expect(loadServiceConfig('identity', { NATS_STREAM_MAX_BYTES: '1048576' }).natsStreams.maxBytes).toBe(1_048_576);
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
      NATS_STREAM_REPLICAS: '0',
      NATS_STREAM_MAX_AGE_DAYS: '-1',
      NATS_STREAM_MAX_BYTES: '1k',
      TRUST_PROXY: 'everyone',
    });
    const named = [
      'PORT',
      'BODY_LIMIT_BYTES',
      'MIGRATE_ON_START',
      'DEV_SCHEMA_SYNC',
      'NATS_ENABLED',
      'DATABASE_URL',
      'NATS_URL',
      'NATS_PREFIX',
      'LOG_LEVEL',
      'JWT_SECRET',
      'JWT_PUBLIC_KEYS',
      'API_KEYS',
      'UTC_OFFSET',
      'REGENCY_CODE',
      'TOKEN_MAX_LIFETIME_SECONDS',
      'NATS_STREAM_REPLICAS',
      'NATS_STREAM_MAX_AGE_DAYS',
      'NATS_STREAM_MAX_BYTES',
      'TRUST_PROXY',
    ];
    expect(problems).toHaveLength(named.length);
    for (const name of named) expect(problems.filter((p) => p.startsWith(`${name} `))).toHaveLength(1);
  });

  it.each([
    [undefined, 'loopback,linklocal,uniquelocal'],
    ['true', true],
    ['false', false],
    ['1', 1],
    ['10.0.0.0/8, 192.168.1.7', '10.0.0.0/8,192.168.1.7'],
    ['loopback,fd00::/8', 'loopback,fd00::/8'],
  ])('TRUST_PROXY %p is %p', (raw, expected) => {
    expect(loadServiceConfig('identity', raw === undefined ? {} : { TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['11', 'everyone', '10.0.0.0/8;evil'])('refuses TRUST_PROXY %p with a problem naming it', (raw) => {
    expect(() => loadServiceConfig('identity', { TRUST_PROXY: raw })).toThrow(/TRUST_PROXY /);
  });

  it('in production, refuses an integrator key without scopes (its agreement names what it reads); other keys and scoped ones pass', () => {
    const sha256 = 'b'.repeat(64);
    const keys = (scopes?: string[]) =>
      JSON.stringify([
        { id: 'pustu-boawae', sha256, roles: ['partner'], regions: ['531603'] },
        { id: 'bpjs-kupang', sha256: 'c'.repeat(64), roles: ['integrator'], regions: ['5316'], ...(scopes ? { scopes } : {}) },
      ]);
    expect(() => loadServiceConfig('identity', { NODE_ENV: 'production', API_KEYS: keys() })).toThrow(/API_KEYS entry "bpjs-kupang" has the integrator role and no scopes/);
    expect(() => loadServiceConfig('identity', { NODE_ENV: 'production', API_KEYS: keys([]) })).toThrow(/API_KEYS entry "bpjs-kupang"/);
    expect(loadServiceConfig('identity', { NODE_ENV: 'production', API_KEYS: keys(['residents']).replace('"scopes"', '"agreement":"470/12/PKS/2026","scopes"'), DATA_AGREEMENTS: JSON.stringify([AGREEMENT]) }).apiKeys[1]?.scopes).toEqual(['residents']);
    // Outside production a key issued before scopes existed keeps working (every endpoint of its role).
    expect(loadServiceConfig('identity', { API_KEYS: keys() }).apiKeys[1]?.scopes).toBeUndefined();
  });

  describe('API_KEYS fields (auth/fields.ts)', () => {
    const key = (extra: Record<string, unknown>) => JSON.stringify([{ id: 'bank-ntt', sha256: 'd'.repeat(64), roles: ['integrator'], regions: ['5316'], ...extra }]);

    it('keeps the fields of a key with scopes, each once; absent, none (every field of its scopes)', () => {
      const config = loadServiceConfig('identity', { API_KEYS: key({ scopes: ['residents'], fields: ['nik', 'fullName', 'nik', 'birthDate', 'sex'] }) });
      expect(config.apiKeys[0]?.fields).toEqual(['nik', 'fullName', 'birthDate', 'sex']);
      expect(loadServiceConfig('identity', { API_KEYS: key({ scopes: ['residents'] }) }).apiKeys[0]).not.toHaveProperty('fields');
      // An empty list: identifiers and bookkeeping only.
      expect(loadServiceConfig('identity', { API_KEYS: key({ scopes: ['residents'], fields: [] }) }).apiKeys[0]?.fields).toEqual([]);
    });

    it('does not require fields in production (absent: every field of the scopes)', () => {
      const agreement = { ...AGREEMENT, fields: undefined };
      const production = (extra: Record<string, unknown>) => ({ NODE_ENV: 'production', API_KEYS: key({ ...extra, agreement: agreement.number }), DATA_AGREEMENTS: JSON.stringify([agreement]) });
      expect(loadServiceConfig('identity', production({ scopes: ['residents'] })).apiKeys[0]).not.toHaveProperty('fields');
      expect(loadServiceConfig('identity', production({ scopes: ['residents'], fields: ['nik'] })).apiKeys[0]?.fields).toEqual(['nik']);
    });

    it('refuses unknown field names, naming the key, the names and the known fields', () => {
      const problems = problemsOf({ API_KEYS: key({ scopes: ['residents'], fields: ['nik', 'adress', 'name', 7] }) });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^API_KEYS entry "bank-ntt" names unknown fields "adress", "name", 7; the fields are nik, kkNumber, fullName, /);
    });

    it('refuses fields without scopes (fields narrow the answers of the scopes a key names)', () => {
      expect(problemsOf({ API_KEYS: key({ fields: ['nik'] }) })).toEqual([expect.stringMatching(/^API_KEYS entry "bank-ntt" names fields but no scopes/)]);
      expect(problemsOf({ API_KEYS: key({ scopes: [], fields: ['nik'] }) })).toEqual([expect.stringMatching(/^API_KEYS entry "bank-ntt" names fields but no scopes/)]);
    });

    it('refuses fields that are not a list', () => {
      expect(problemsOf({ API_KEYS: key({ scopes: ['residents'], fields: 'nik' }) })).toEqual([expect.stringContaining('API_KEYS[0] must be { id, sha256 (64 hex digits), roles: [], regions: [], scopes?: [], fields?: [] }')]);
    });
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
    ['NATS_URL', 'nats://a:4222,http://b:4222'],
    ['NATS_URL', 'nats://a:4222,,nats://c:4222'],
    ['NATS_URL', 'nats://a:4222,'],
    ['NATS_URL', 'nats://a :4222'],
    ['NATS_STREAM_REPLICAS', '6'],
    ['NATS_STREAM_REPLICAS', '2.5'],
    ['NATS_STREAM_REPLICAS', 'three'],
    ['NATS_STREAM_MAX_AGE_DAYS', '36501'],
    ['NATS_STREAM_MAX_AGE_DAYS', '0.5'],
    ['NATS_STREAM_MAX_BYTES', '-1'],
    ['NATS_STREAM_MAX_BYTES', '1000'],
    ['NATS_STREAM_MAX_BYTES', '2097152.5'],
    ['NATS_STREAM_MAX_BYTES', '9007199254740992'],
  ])('refuses %s=%s', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} `));
  });

  it.each([
    ['NATS_URL', 'nats://a:4222,http://b:4222', 'NATS_URL must be a nats:// URL, or several separated by commas, got "http://b:4222"'],
    ['NATS_URL', 'nats://a:4222,,x', 'NATS_URL must be a nats:// URL, or several separated by commas, got "", "x"'],
    ['NATS_STREAM_REPLICAS', '7', 'NATS_STREAM_REPLICAS must be an integer from 1 to 5, got "7"'],
    ['NATS_STREAM_MAX_AGE_DAYS', '-3', 'NATS_STREAM_MAX_AGE_DAYS must be an integer from 0 to 36500, got "-3"'],
    ['NATS_STREAM_MAX_BYTES', '512', 'NATS_STREAM_MAX_BYTES must be 0 (no limit) or an integer from 1048576 (1 MiB) to 9007199254740991, got "512"'],
  ])('says what is wrong with %s=%s', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
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
