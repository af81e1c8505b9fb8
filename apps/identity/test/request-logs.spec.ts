// The logs of a running identity service hold no personal data in clear (UU 27/2022; DESIGN.md house rule 8)
// and tie each line to its request. The service is started as in production (apps/identity/src/main.ts in its
// own process, pino writing JSON lines to stdout, at the most verbose level), residents are registered,
// searched by NIK and by name, read, and refused in several ways; then everything the process wrote is read.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_JWT_SECRET, tokenFor } from '@adminduk/platform/testing';

const ROOT = join(__dirname, '..', '..', '..');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const maria = {
  nik: '5316014103900001',
  fullName: 'Maria Goreti Wea',
  birthPlace: 'Mbay',
  birthDate: '1990-03-01',
  sex: 'F',
  religion: 'KATOLIK',
  maritalStatus: 'KAWIN_TERCATAT',
  motherName: 'Yohana Bhoki',
  fatherName: 'Kornelis Sawu',
  districtCode: '531601',
  villageCode: '5316012002',
  address: 'RT 002 / RW 001, Labolewa',
};
const yosef = { ...maria, nik: undefined, fullName: 'Yosef Dhey Nuwa', sex: 'M', birthDate: '1988-07-12', motherName: 'Theresia Lowa', fatherName: undefined, address: 'Jalan Danga, Mbay Satu' };
const PERSONAL = [maria.fullName, maria.motherName, maria.fatherName, maria.address, maria.birthPlace, yosef.fullName, yosef.motherName, yosef.address];

let service: ChildProcess;
let base: string;
let output = '';
let token: string;

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
  service = spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/identity/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: 'sqlite::memory:',
      NATS_ENABLED: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'trace',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await until(() => output.includes('identity listening on'), 'the service to start');
  token = await tokenFor(['registrar'], ['5316'], 'registrar-log-test');
}, 90_000);

afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise((r) => service.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
});

async function call(method: string, path: string, options: { body?: unknown; raw?: string; requestId?: string; auth?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = `Bearer ${token}`;
  if (options.requestId) headers['x-request-id'] = options.requestId;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined) });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: await res.text() };
}

interface LogLine {
  level: number;
  msg?: string;
  req?: { id?: string; url?: string };
}

const answers: Record<string, { status: number; requestId: string | null }> = {};
let lines: LogLine[] = [];

describe('a session of registrations, searches, reads and errors', () => {
  beforeAll(async () => {
    const registered = await call('POST', '/residents', { body: maria, requestId: 'log-register-first' });
    answers.register = registered;
    const yosefRegistered = await call('POST', '/residents', { body: yosef });
    answers.registerWithoutId = yosefRegistered;
    const id = JSON.parse(registered.body).id as string;
    answers.byNik = await call('GET', `/residents?nik=${maria.nik}`);
    answers.byName = await call('GET', `/residents?name=${encodeURIComponent(maria.fullName)}&birthDate=${maria.birthDate}`);
    answers.byNamePlus = await call('GET', `/residents?name=${maria.fullName.replace(/ /g, '+')}&villageCode=${maria.villageCode}`);
    answers.read = await call('GET', `/residents/${id}`);
    answers.taken = await call('POST', '/residents', { body: { ...maria, fullName: 'Bernadeta Sawu Dhiu', motherName: 'Elisabeth Reu' } });
    answers.unfit = await call('POST', '/residents', { body: { ...maria, nik: '5316010103900002', fullName: 'Kristina Mude', motherName: 'Agnes Bupu' } });
    answers.malformed = await call('POST', '/residents', { raw: `{"nik":"${maria.nik}","fullName":"${maria.fullName}",` });
    answers.nikAsId = await call('GET', `/residents/${maria.nik}`);
    answers.anonymous = await call('GET', `/residents?nik=${maria.nik}&name=${encodeURIComponent(maria.motherName)}`, { auth: false });
    answers.badRequestId = await call('GET', '/health/live', { requestId: 'not a valid id; drop table' });
    answers.last = await call('GET', '/health/ready', { requestId: 'log-last-request' });
    await until(() => output.includes('log-last-request'), 'the last request to be logged', 10_000);
    lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
  }, 60_000);

  it('got the answers the test relies on', () => {
    expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]))).toEqual({
      register: 201,
      registerWithoutId: 201,
      byNik: 200,
      byName: 200,
      byNamePlus: 200,
      read: 200,
      taken: 409,
      unfit: 422,
      malformed: 400,
      nikAsId: 400,
      anonymous: 401,
      badRequestId: 200,
      last: 200,
    });
  });

  it('logged every request (the checks below are not vacuous)', () => {
    const completed = lines.filter((l) => l.req?.id && l.msg === 'request completed');
    expect(completed.length).toBeGreaterThanOrEqual(Object.keys(answers).length);
  });

  it('wrote no sixteen-digit number (NIK or KK number) in clear, only masked', () => {
    expect(output).not.toMatch(/\d{16}/);
    expect(output).toContain('531601******0001');
  });

  it('wrote no name, birth place or address, in any spelling or URL encoding', () => {
    const text = output.toLowerCase();
    const leaks = PERSONAL.flatMap((value) => {
      const forms = [value, encodeURIComponent(value), value.replace(/ /g, '+'), ...value.split(/[\s,/]+/).filter((w) => w.length >= 4)];
      return forms.map((f) => f.toLowerCase()).filter((f) => text.includes(f));
    });
    expect(leaks).toEqual([]);
    expect(output).toContain('name=[personal]');
  });

  it("puts a caller's request id in the response header and on the request's log lines", () => {
    expect(answers.register?.requestId).toBe('log-register-first');
    const own = lines.filter((l) => l.req?.id === 'log-register-first');
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(own.every((l) => l.req?.url === '/residents')).toBe(true);
  });

  it('gives a request without one a new UUIDv7, in the header and the log lines alike', () => {
    for (const answer of [answers.registerWithoutId, answers.taken, answers.anonymous]) {
      expect(answer?.requestId).toMatch(UUID_V7);
      expect(lines.some((l) => l.req?.id === answer?.requestId)).toBe(true);
    }
  });

  it('replaces a request id that is not a safe token rather than echo it', () => {
    expect(answers.badRequestId?.requestId).toMatch(UUID_V7);
    expect(output).not.toContain('not a valid id');
  });
});
