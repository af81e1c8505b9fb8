// A generated slice of Nagekeo (about 2,000 residents) through the REAL identity import command, run as its own
// process as an operator runs it, into a throw-away PostgreSQL database: every row imported, none rejected, in
// CSV and in NDJSON, with the document columns (e-KTP, KIA, birth deed) taken as written.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createDatabase, dropDatabase } from '@adminduk/platform/testing';
import { officeToday } from './cli';
import { writeRegister, type RegisterFormat, type WriteProgress } from './format';
import { generateRegister } from './population';

jest.setTimeout(600_000);

const ROOT = resolve(__dirname, '../..');
/** Nagekeo × 0.0122 ≈ 2,006 residents. */
const SCALE = 0.0122;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'adminduk-synth-import-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function runImport(file: string, report: string, databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/identity/src/main.ts', 'import', file, '--report', report], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REGENCY_CODE: '5316', UTC_OFFSET: '+08:00', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

async function writeFile(path: string, format: RegisterFormat, seed: number, asOf: string): Promise<WriteProgress> {
  const out = createWriteStream(path);
  const progress = await writeRegister({ region: '53.16', seed, asOf, scale: SCALE, format }, out);
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  return progress;
}

describe.each<[RegisterFormat, number]>([
  ['csv', 11],
  ['ndjson', 12],
])('a %s slice of Nagekeo through the identity import', (format, seed) => {
  let db: { name: string; url: string };
  let progress: WriteProgress;
  let result: { code: number | null; stdout: string; stderr: string };
  let report: string;
  const asOf = officeToday();

  beforeAll(async () => {
    db = await createDatabase(`synth${format}`);
    const file = join(dir, `nagekeo.${format}`);
    report = join(dir, `nagekeo.${format}.report.csv`);
    progress = await writeFile(file, format, seed, asOf);
    result = await runImport(file, report, db.url);
  }, 600_000);

  afterAll(async () => {
    if (db) await dropDatabase(db.name);
  });

  it('imports every resident and card, rejecting none', async () => {
    expect(progress.rows).toBeGreaterThan(1_950);
    expect(progress.rows).toBeLessThan(2_050);
    expect(result.stderr).not.toMatch(/failed/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${progress.rows} imported`);
    expect(result.stdout).toContain('0 rejected');
    expect(readFileSync(report, 'utf8').trim().split(/\r?\n/)).toHaveLength(1); // the header alone
    const [counts] = await query<{ residents: string; cards: string }>(db.url, 'select (select count(*) from resident) as residents, (select count(*) from family_card) as cards');
    expect(Number(counts?.residents)).toBe(progress.rows);
    expect(Number(counts?.cards)).toBe(progress.cards);
  });

  it('keeps the e-KTP, KIA and birth deed columns as the file gives them', async () => {
    const expected = { notRecorded: 0, issuedKia: 0, deeds: 0 };
    for (const card of generateRegister({ region: '53.16', seed, asOf, scale: SCALE })) {
      for (const m of card.members) {
        if (m.ektpState === 'NOT_RECORDED') expected.notRecorded++;
        if (m.kiaState === 'ISSUED') expected.issuedKia++;
        if (m.birthDeed) expected.deeds++;
      }
    }
    const [stored] = await query<{ not_recorded: string; issued_kia: string; deeds: string }>(
      db.url,
      `select count(*) filter (where ektp_state = 'NOT_RECORDED') as not_recorded, count(*) filter (where kia_state = 'ISSUED') as issued_kia,
              count(*) filter (where birth_deed) as deeds from imported_document`,
    );
    expect(expected.notRecorded).toBeGreaterThan(0);
    expect({ notRecorded: Number(stored?.not_recorded), issuedKia: Number(stored?.issued_kia), deeds: Number(stored?.deeds) }).toEqual(expected);
  });
});
