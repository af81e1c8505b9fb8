// The ORM's SQL never reaches the logs with its parameter values (issue 16 item 1; DESIGN.md house rules 8 and 11).
// identity runs as in production (main.ts in its own process, pino JSON lines on stdout, the most verbose level) on
// a real PostgreSQL database whose resident table refuses every insert (a trigger, as a broken constraint or a full
// disk would): the registration fails inside the database with the person's name, mother's name, address and NIK in
// the statement, the service answers 503 and logs the failure — and nothing of the person is in what it wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDatabase, dropDatabase, freePort, TEST_JWT_SECRET, tokenFor } from '@adminduk/platform/testing';

const ROOT = join(__dirname, '..', '..', '..');

const person = {
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
  address: 'Jalan Danga, Mbay Satu',
};
const PERSONAL = [person.fullName, person.motherName, person.fatherName, person.address, 'Goreti', 'Bhoki', 'Kornelis', 'Danga'];

let database: { name: string; url: string };
let service: ChildProcess;
let output = '';
let base: string;

async function until(condition: () => boolean, what: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${output.slice(-2000)}`);
    if (service.exitCode !== null) throw new Error(`the service exited (${service.exitCode}) while waiting for ${what}:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  database = await createDatabase('sqllogs');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  service = spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/identity/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: database.url, NATS_ENABLED: 'false', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'trace' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await until(() => output.includes('identity listening on'), 'the service to start');
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    await db.query(`create function refuse_insert() returns trigger language plpgsql as $$ begin raise exception 'inserts are refused by this test'; end $$`);
    await db.query('create trigger refuse_insert before insert on resident for each row execute function refuse_insert()');
  } finally {
    await db.end();
  }
}, 120_000);

afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise((r) => service.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
  if (database) await dropDatabase(database.name);
});

describe('a registration that fails inside PostgreSQL', () => {
  let status = 0;
  beforeAll(async () => {
    const token = await tokenFor(['registrar'], ['5316'], 'registrar-sql-logs');
    const res = await fetch(`${base}/residents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'sql-logs-register' },
      body: JSON.stringify(person),
    });
    status = res.status;
    await fetch(`${base}/health/ready`, { headers: { 'x-request-id': 'sql-logs-last' } });
    await until(() => output.includes('sql-logs-last'), 'the last request to be logged', 10_000);
  }, 30_000);

  it('is answered 503 and logged as an error (the checks below are not vacuous)', () => {
    expect(status).toBe(503);
    const errors = output.split('\n').filter((l) => l.startsWith('{') && l.includes('sql-logs-register') && /"level":50/.test(l));
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.join('\n')).toContain('inserts are refused by this test');
  });

  it('leaves no name, address or NIK in the log, in any form', () => {
    const text = output.toLowerCase();
    expect(PERSONAL.filter((p) => text.includes(p.toLowerCase()))).toEqual([]);
    expect(output).not.toMatch(/\d{16}/);
    expect(output).not.toContain('5316014103');
  });

  it('writes no statement with its values', () => {
    // The statement may be logged (it says what failed), its values never: only '?' in their place. (Lines are JSON: "\"".)
    expect(output).toMatch(/insert into \\?"resident\\?"/i);
    expect(output).not.toMatch(/values \('(?!\?')/i);
  });
});
