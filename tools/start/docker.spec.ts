// docker/: the compose file validates with docker-compose (CI installs it; there is no Docker engine here), the
// Dockerfile keeps its rules (multi-stage, Node LTS slim runtime, non-root, health check), every service has an
// environment example its configuration accepts, and the PostgreSQL init script makes one database per service
// (run against the real PostgreSQL of the tests).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadServiceConfig } from '@adminduk/platform';
import { SERVICES } from './services';

const ROOT = join(__dirname, '..', '..');
const DOCKER = join(ROOT, 'docker');
const SECRETS = {
  JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
  DEEDS_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIA==\\n-----END PRIVATE KEY-----',
  POSTGRES_PASSWORD: 'pg-test',
  ADMINDUK_DB_PASSWORD: 'svc-test',
};

function compose(args: readonly string[], env: Record<string, string | undefined>) {
  const clean = { ...process.env };
  for (const k of Object.keys(SECRETS)) delete clean[k];
  const result = spawnSync('docker-compose', ['-f', join(DOCKER, 'compose.yaml'), ...args], { cwd: ROOT, env: { ...clean, ...env }, encoding: 'utf8' });
  if (result.error) throw new Error(`docker-compose is needed to validate docker/compose.yaml (apt-get install docker-compose): ${result.error.message}`);
  return result;
}

/** The lines of one service in `docker-compose config` output (services at two spaces' indent). */
function serviceBlock(config: string, name: string): string {
  const lines = config.split('\n');
  const start = lines.findIndex((l) => l === `  ${name}:`);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^ {0,2}\S/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** KEY=value lines of an env file, commented-out keys included in `mentioned`. */
function readEnvFile(file: string): { values: Record<string, string>; mentioned: Set<string> } {
  const values: Record<string, string> = {};
  const mentioned = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    mentioned.add(m[2] as string);
    if (!m[1]) values[m[2] as string] = m[3] as string;
  }
  return { values, mentioned };
}

describe('docker/compose.yaml', () => {
  test('validates with docker-compose config: NATS, PostgreSQL and every service, with health checks and dependencies', () => {
    const result = compose(['config'], SECRETS);
    expect(result.stderr).not.toMatch(/ERROR/);
    expect(result.status).toBe(0);
    const services = compose(['config', '--services'], SECRETS).stdout.trim().split('\n').sort();
    // docker-compose 1.x lists the services of every profile; Keycloak's profile is checked below.
    expect(services.filter((s) => s !== 'keycloak')).toEqual(['nats', 'postgres', ...SERVICES.map((s) => s.name), 'proxy'].sort());
    expect(compose(['config', '--volumes'], SECRETS).stdout.trim().split('\n').sort()).toEqual(['nats-data', 'pg-data']);

    const nats = serviceBlock(result.stdout, 'nats');
    expect(nats).toMatch(/- -js/);
    expect(nats).toMatch(/nats-data:\/data/);
    expect(nats).toMatch(/healthcheck:/);
    const postgres = serviceBlock(result.stdout, 'postgres');
    expect(postgres).toMatch(/pg-data:\/var\/lib\/postgresql\/data/);
    expect(postgres).toMatch(/init-databases\.sh:\/docker-entrypoint-initdb\.d\//);
    expect(postgres).toMatch(/healthcheck:/);

    for (const { name } of SERVICES) {
      const block = serviceBlock(result.stdout, name);
      expect(block).toMatch(new RegExp(`SERVICE: ${name}`));
      expect(block).toMatch(/dockerfile: docker\/Dockerfile/);
      // Its own database, reached as its own role.
      expect(block).toMatch(new RegExp(`DATABASE_URL: postgres://${name}:svc-test@postgres:5432/${name}\\n`));
      expect(block).toMatch(/NATS_URL: nats:\/\/nats:4222/);
      expect(block).toMatch(/JWT_SECRET: a-test-secret/);
      // Integrators' keys stand on agreements: where the keys go, the agreements go too (issue 18).
      expect(block).toMatch(/API_KEYS: '\[\]'/);
      expect(block).toMatch(/DATA_AGREEMENTS: '\[\]'/);
      expect(block).toMatch(/healthcheck:[\s\S]*health\/ready/);
      expect(block).toMatch(/depends_on:\s+nats:\s+condition: service_healthy\s+postgres:\s+condition: service_healthy/);
    }
    expect(serviceBlock(result.stdout, 'deeds')).toMatch(/DEEDS_SIGNING_KEY: /);
  }, 180_000);

  test('the proxy serves the app and routes /api/<service>/ to each service; services and app read the same OIDC settings', () => {
    const oidc = { OIDC_ISSUER: 'https://login.adminduk.example/realms/adminduk', OIDC_JWKS_URL: 'http://keycloak.internal:8080/realms/adminduk/protocol/openid-connect/certs' };
    const result = compose(['config'], { ...SECRETS, ...oidc });
    expect(result.status).toBe(0);
    const proxy = serviceBlock(result.stdout, 'proxy');
    expect(proxy).toMatch(/dockerfile: docker\/proxy\/Dockerfile/);
    expect(proxy).toMatch(/OIDC_ISSUER: https:\/\/login\.adminduk\.example\/realms\/adminduk\n/);
    expect(proxy).toMatch(/OIDC_AUDIENCE: /);
    expect(proxy).toMatch(/published: 8080\s+target: 8080|8080:8080/);
    expect(proxy).toMatch(/healthcheck:[\s\S]*config\.json/);
    // The image it builds: the app from `nx run web:build`, served by nginx as a non-root user, from files that exist.
    const dockerfile = readFileSync(join(DOCKER, 'proxy', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/nx run web:build/);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist\/apps\/web /m);
    expect(dockerfile).toMatch(/^USER nginx$/m);
    for (const line of dockerfile.split('\n').filter((l) => /^COPY (?!--from)/.test(l))) {
      for (const source of line.split(/\s+/).slice(1, -1).filter((x) => x !== '.')) expect(existsSync(join(ROOT, source))).toBe(true);
    }
    // nginx.conf routes to the names compose gives the services, on the port their image listens on.
    const route = readFileSync(join(DOCKER, 'proxy', 'nginx.conf'), 'utf8').match(/location ~ \^\/api\/\(\?<service>([a-z|]+)\)\//)?.[1];
    expect(route?.split('|').sort()).toEqual(SERVICES.map((s) => s.name).sort());
    for (const { name } of SERVICES) {
      expect(proxy).toMatch(new RegExp(`depends_on:[\\s\\S]*\\n {6}${name}:`));
      const block = serviceBlock(result.stdout, name);
      expect(block).toMatch(/OIDC_ISSUER: https:\/\/login\.adminduk\.example\/realms\/adminduk\n/);
      expect(block).toMatch(/OIDC_JWKS_URL: http:\/\/keycloak\.internal:8080\/realms\/adminduk\/protocol\/openid-connect\/certs\n/);
      for (const v of ['OIDC_AUDIENCE', 'OIDC_ROLES_CLAIM', 'OIDC_REGIONS_CLAIM', 'OIDC_INSTITUTION_CLAIM']) expect(block).toMatch(new RegExp(`${v}: `));
    }
    // Without OIDC_ISSUER the services start as before (API keys and JWT_SECRET tokens), every OIDC_* left empty.
    const off = serviceBlock(compose(['config'], { ...SECRETS, OIDC_ISSUER: '', OIDC_JWKS_URL: '', OIDC_AUDIENCE: '' }).stdout, 'identity');
    expect(off).toMatch(/OIDC_ISSUER: ''/);
    expect(off).toMatch(/OIDC_AUDIENCE: ''/);
  }, 180_000);

  test('Keycloak runs only in the "try-out" profile, imports the realm export through its try-out script, and nothing waits for it', () => {
    const result = compose(['--profile', 'try-out', 'config'], { ...SECRETS, KEYCLOAK_ADMIN_PASSWORD: 'kc-test' });
    expect(result.stderr).not.toMatch(/ERROR/);
    expect(result.status).toBe(0);
    const keycloak = serviceBlock(result.stdout, 'keycloak');
    expect(keycloak).toMatch(/profiles:\s+- try-out\n/);
    expect(keycloak).toMatch(/image: quay\.io\/keycloak\/keycloak:26\.\d+\n/);
    expect(keycloak).toMatch(/entrypoint:\s+- \/bin\/bash\s+- \/opt\/adminduk\/try-out\.sh\n/);
    expect(keycloak).toMatch(/docker\/keycloak\/adminduk-realm\.json:\/opt\/adminduk\/adminduk-realm\.json:ro/);
    expect(keycloak).toMatch(/docker\/keycloak\/try-out\.sh:\/opt\/adminduk\/try-out\.sh:ro/);
    expect(keycloak).toMatch(/KC_BOOTSTRAP_ADMIN_PASSWORD: kc-test\n/);
    // The issuer is the address browsers use; the app's origin replaces the realm's placeholder.
    expect(keycloak).toMatch(/KC_HOSTNAME: http:\/\/localhost:8180\n/);
    expect(keycloak).toMatch(/ADMINDUK_WEB_ORIGIN: http:\/\/localhost:8080\n/);
    expect(keycloak).toMatch(/127\.0\.0\.1:8180:8080/);
    expect(keycloak).toMatch(/healthcheck:[\s\S]*health\/ready/);
    expect(readFileSync(join(DOCKER, 'keycloak', 'try-out.sh'), 'utf8')).toMatch(/^exec \/opt\/keycloak\/bin\/kc\.sh start-dev --import-realm/m);
    for (const name of ['nats', 'postgres', 'proxy', ...SERVICES.map((s) => s.name)]) expect(serviceBlock(result.stdout, name)).not.toMatch(/^ +keycloak:$/m);
  }, 180_000);

  test('refuses to render without the secrets, naming the missing one and where to set it', () => {
    const result = compose(['config'], { ...SECRETS, JWT_SECRET: undefined });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/set JWT_SECRET \(32 or more characters\) in docker\/\.env or the environment/);
    const noKey = compose(['config'], { ...SECRETS, DEEDS_SIGNING_KEY: undefined });
    expect(noKey.status).not.toBe(0);
    expect(noKey.stderr).toMatch(/set DEEDS_SIGNING_KEY/);
  }, 180_000);

  test('holds no secret itself', () => {
    const text = readFileSync(join(DOCKER, 'compose.yaml'), 'utf8');
    expect(text).not.toMatch(/BEGIN PRIVATE KEY/);
    expect(text).not.toMatch(/(JWT_SECRET|PASSWORD|SIGNING_KEY): [^$\s]/);
  });
});

describe('docker/Dockerfile', () => {
  const text = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8');
  // Instructions, with continuation lines joined.
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: { from: string; name?: string; body: string[] }[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1] as string, name: from[2], body: [] });
    else stages.at(-1)?.body.push(line);
  }
  const runtime = stages.at(-1) as { from: string; name?: string; body: string[] };
  const nodeVersion = /^ARG NODE_VERSION=(\d+)/m.exec(text)?.[1];

  test('is multi-stage: dependencies with npm ci, a build with Nx, and a separate runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(stages.some((s) => s.body.some((l) => /npm ci\b/.test(l)))).toBe(true);
    expect(stages.some((s) => s.body.some((l) => /nx run "?\$SERVICE:build/.test(l)))).toBe(true);
    expect(runtime.body.some((l) => /^COPY --from=/.test(l))).toBe(true);
    // The runtime gets no compilers and installs nothing.
    expect(runtime.body.join('\n')).not.toMatch(/npm (ci|install)|apt-get install|g\+\+/);
  });

  test('runs on a current Node LTS slim image (an even major, 22 or later)', () => {
    expect(Number(nodeVersion)).toBeGreaterThanOrEqual(22);
    expect(Number(nodeVersion) % 2).toBe(0);
    expect(runtime.from).toMatch(/^node:\$\{NODE_VERSION\}-[a-z]+-slim$/);
  });

  test('the runtime runs as a non-root user, checks /health/ready and selects the service by ARG SERVICE', () => {
    const user = runtime.body.filter((l) => /^USER\s/.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|\s|$)/);
    expect(runtime.body.some((l) => /^HEALTHCHECK .*\/health\/ready/.test(l))).toBe(true);
    expect(runtime.body).toContain('ARG SERVICE');
    expect(runtime.body.join('\n')).toMatch(/dist\/apps\/\$\{SERVICE\}/);
    expect(runtime.body.join('\n')).toMatch(/MIGRATE_ON_START=true/);
  });

  test('copies only files that exist in the repository', () => {
    for (const line of instructions.filter((l) => /^COPY (?!--from)/.test(l))) {
      const sources = line.split(/\s+/).slice(1, -1).filter((s) => s !== '.');
      for (const source of sources) expect(existsSync(join(ROOT, source))).toBe(true);
    }
  });
});

describe('.dockerignore', () => {
  test('keeps installed and built output, local data, version control and secrets out of the build context', () => {
    const entries = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'data', '.git', 'docker/.env', '.nx']) expect(entries).toContain(entry);
  });
});

describe('environment examples', () => {
  test.each(SERVICES.map((s) => s.name))('docker/env/%s.env.example holds a configuration the service accepts', (name) => {
    const { values, mentioned } = readEnvFile(join(DOCKER, 'env', `${name}.env.example`));
    for (const v of ['HOST', 'PORT', 'DATABASE_URL', 'MIGRATE_ON_START', 'NATS_URL', 'JWT_SECRET', 'API_KEYS', 'DATA_AGREEMENTS', 'LOG_LEVEL', 'REGENCY_CODE', 'UTC_OFFSET']) expect(mentioned).toContain(v);
    const config = loadServiceConfig(name, values);
    expect(config).toMatchObject({ service: name, host: '0.0.0.0', port: 3000, migrateOnStart: true });
    expect(config.databaseUrl).toMatch(new RegExp(`^postgres://${name}:.*/${name}$`));
  });

  test("the deeds example names every DEEDS_* variable the deeds service reads", () => {
    const source = readFileSync(join(ROOT, 'apps', 'deeds', 'src', 'deeds.config.ts'), 'utf8');
    const read = new Set([...source.matchAll(/env\.(DEEDS_[A-Z_]+)/g)].map((m) => m[1] as string));
    expect(read.size).toBeGreaterThan(5);
    const { mentioned } = readEnvFile(join(DOCKER, 'env', 'deeds.env.example'));
    for (const v of read) expect(mentioned).toContain(v);
  });
});

describe('docker/postgres/init-databases.sh', () => {
  const tag = `h${randomBytes(4).toString('hex')}`;
  const names = [`${tag}_identity`, `${tag}_deeds`];
  const admin = () => new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });

  afterAll(async () => {
    const c = admin();
    await c.connect();
    try {
      for (const n of names) {
        await c.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS "${n}"`);
      }
    } finally {
      await c.end();
    }
  }, 60_000);

  test('creates one role and one database per service; a service can use its own and not connect to another', async () => {
    execFileSync('sh', [join(DOCKER, 'postgres', 'init-databases.sh')], {
      env: { ...process.env, PGHOST: '127.0.0.1', POSTGRES_USER: 'postgres', ADMINDUK_SERVICES: names.join(' '), ADMINDUK_DB_PASSWORD: 'pw' },
      stdio: 'pipe',
    });
    const own = new Client({ host: '127.0.0.1', port: 5432, user: names[0], password: 'pw', database: names[0] });
    await own.connect();
    try {
      await own.query('CREATE TABLE probe (id int primary key)'); // migrations create tables as the service's role
      const owner = await own.query('SELECT pg_catalog.pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()');
      expect(owner.rows[0].owner).toBe(names[0]);
    } finally {
      await own.end();
    }
    const other = new Client({ host: '127.0.0.1', port: 5432, user: names[0], password: 'pw', database: names[1] });
    await expect(other.connect()).rejects.toThrow(/permission denied for database/);
    await other.end().catch(() => undefined);
  }, 60_000);
});
