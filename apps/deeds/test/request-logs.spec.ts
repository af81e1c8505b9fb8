// The logs of a running deeds service hold no personal data in clear (UU 27/2022; DESIGN.md house rule 8). The
// service is started as in production (apps/deeds/src/main.ts in its own process, pino JSON lines on stdout, at
// the most verbose level); partners report a birth and a death, documents are uploaded, the death is registered
// and issued, the birth waits for identity (NATS is off), requests are refused in several ways; then everything
// the process wrote is read.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_JWT_SECRET, tokenFor } from '@adminduk/platform/testing';
import { apiKeys, birthReport, DEATH_DOCUMENTS, deathReport, family, nik, PARTNERS, PDF } from './deed-fixtures';

const ROOT = join(__dirname, '..', '..', '..');

let service: ChildProcess;
let base: string;
let output = '';
let registrar: string;

const parents = family('531603');
const deceased = nik('1950-05-05', 'M');
const PERSONAL = [parents.mother.fullName, parents.father.fullName, 'Kornelis Sawu', 'Maria Yasinta', 'Pustu Natanage', 'Rumah, Labolewa'];
const NIKS = [parents.mother.nik, parents.father.nik, deceased];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${output.slice(-2000)}`);
    if (service.exitCode !== null) throw new Error(`the service exited (${service.exitCode}) while waiting for ${what}:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  service = spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/deeds/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: 'sqlite::memory:',
      NATS_ENABLED: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      API_KEYS: apiKeys(),
      LOG_LEVEL: 'trace',
      DEEDS_IDENTITY_RETRY_MS: '200',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await until(() => output.includes('deeds listening on'), 'the service to start');
  registrar = await tokenFor(['registrar'], ['5316'], 'registrar-log-test');
}, 90_000);

afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise((r) => service.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
});

async function call(method: string, path: string, options: { body?: unknown; raw?: Buffer; contentType?: string; apiKey?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.apiKey ? { 'x-api-key': options.apiKey } : { authorization: `Bearer ${registrar}` }), ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw) headers['content-type'] = options.contentType ?? 'application/pdf';
  const res = await fetch(`${base}${path}`, { method, headers, body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined) });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const statuses: Record<string, number> = {};

describe('a session of reports, applications, registrations and errors', () => {
  beforeAll(async () => {
    const death = await call('POST', '/notifications', { body: deathReport(deceased), apiKey: PARTNERS.rtLabolewa.key });
    statuses.reportDeath = death.status;
    const deathId = death.body.deedId as string;
    for (const kind of DEATH_DOCUMENTS) {
      await call('POST', `/deeds/${deathId}/documents?kind=${kind}`, { raw: PDF, headers: { 'content-disposition': 'attachment; filename="ktp-kornelis-sawu.pdf"' } });
    }
    statuses.submit = (await call('POST', `/deeds/${deathId}/submit`, { body: { version: 1 } })).status;
    statuses.verify = (await call('POST', `/deeds/${deathId}/verify`, { body: { version: 2 } })).status;
    statuses.register = (await call('POST', `/deeds/${deathId}/register`, { body: { version: 3 } })).status;
    statuses.issue = (await call('POST', `/deeds/${deathId}/issue`, { body: { version: 4 } })).status;
    statuses.read = (await call('GET', `/deeds/${deathId}`)).status;

    const birth = await call('POST', '/notifications', { body: birthReport(parents), apiKey: PARTNERS.pustuBoawae.key });
    statuses.reportBirth = birth.status;
    const birthId = birth.body.deedId as string;
    for (const kind of ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK']) await call('POST', `/deeds/${birthId}/documents?kind=${kind}`, { raw: PDF });
    statuses.submitBirth = (await call('POST', `/deeds/${birthId}/submit`, { body: { version: 1, particulars: { child: { fullName: 'Maria Yasinta', sex: 'F', religion: 'KATOLIK' } } } })).status;
    statuses.verifyBirth = (await call('POST', `/deeds/${birthId}/verify`, { body: { version: 2 } })).status;
    statuses.registerBirth = (await call('POST', `/deeds/${birthId}/register`, { body: { version: 3 } })).status;

    statuses.badNik = (await call('POST', '/notifications', { body: deathReport('5316019913500001'), apiKey: PARTNERS.rtLabolewa.key })).status;
    statuses.duplicate = (await call('POST', '/notifications', { body: deathReport(deceased), apiKey: PARTNERS.rtLabolewa.key })).status;
    statuses.list = (await call('GET', '/deeds?districtCode=531601')).status;
    // Let the retry job try the waiting birth a few times, then read what was written.
    await new Promise((r) => setTimeout(r, 800));
    statuses.last = (await call('GET', '/health/ready', {})).status;
    await until(() => output.includes('/health/ready'), 'the last request to be logged', 10_000);
  }, 60_000);

  it('got the answers the test relies on', () => {
    expect(statuses).toEqual({
      reportDeath: 201,
      submit: 200,
      verify: 200,
      register: 200,
      issue: 200,
      read: 200,
      reportBirth: 201,
      submitBirth: 200,
      verifyBirth: 200,
      registerBirth: 202,
      badNik: 422,
      duplicate: 200,
      list: 200,
      last: 200,
    });
  });

  it('logged the requests (the checks below are not vacuous)', () => {
    expect(output.split('\n').filter((l) => l.includes('request completed')).length).toBeGreaterThanOrEqual(20);
  });

  it('wrote no NIK or No. KK in clear', () => {
    expect(output).not.toMatch(/\d{16}/);
    for (const n of NIKS) expect(output).not.toContain(n);
  });

  it('wrote no name, place or address', () => {
    const text = output.toLowerCase();
    const leaks = PERSONAL.flatMap((value) => [value, encodeURIComponent(value), ...value.split(/[\s,]+/).filter((w) => w.length >= 5)].map((f) => f.toLowerCase()).filter((f) => text.includes(f)));
    expect(leaks).toEqual([]);
  });

  it('warned that copies are signed with a generated key (no key configured)', () => {
    expect(output).toContain('DEEDS_SIGNING_KEY is not set');
    expect(output).not.toContain('PRIVATE KEY');
  });

});
