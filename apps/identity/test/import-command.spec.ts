// The import command as an operator runs it (`main.js import <file> …`), in process, on an SQLite file: its
// options, the progress lines on stderr, the summary on stdout, the validation report (masked, no names), and
// its exit status for a finished file, a bad header and bad usage.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { localDate } from '@adminduk/platform';
import { createTestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { EXIT, parseImportArguments, runImportCommand } from '../src/import/import.command';
import { PopulationGenerator, rowsOf, writeCsv, writeNdjson, type RegisterRow } from './import-fixtures';

let dir: string;
let env: Record<string, string>;
let generator: PopulationGenerator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adminduk-import-cmd-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'identity.sqlite')}`, LOG_LEVEL: 'error' };
  // The database as the service leaves it (migrations applied), plus the tables no migration creates yet.
  const t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: env.DATABASE_URL as string });
  await t.close();
  generator = new PopulationGenerator(5316, localDate('+08:00'));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runImportCommand(args, { env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { status, stdout, stderr };
}

describe('import <file>', () => {
  it('imports, prints progress and a summary, and writes the report of rejected rows', async () => {
    const families = generator.families(300);
    const broken = families[10]?.rows ?? [];
    const bad = broken[0] as RegisterRow;
    bad.birth_date = '2001-13-01';
    const rows = rowsOf(families);
    const file = join(dir, 'register.csv');
    writeCsv(file, rows);

    const result = await run([file, '--batch', '100', '--progress-every', '250', '--actor', 'operator-mbay']);
    expect(result.status).toBe(EXIT.OK);
    const progress = result.stderr.trim().split('\n');
    expect(progress.length).toBeGreaterThanOrEqual(Math.floor(rows.length / 250));
    expect(progress[progress.length - 1]).toMatch(new RegExp(`: ${rows.length}/${rows.length} rows \\(100%\\), ${rows.length - broken.length} imported, ${broken.length} rejected, \\d+ rows/s$`));
    expect(result.stdout).toContain('COMPLETED (new)');
    expect(result.stdout).toContain(`${rows.length} in the file, ${rows.length - broken.length} imported (299 family cards)`);
    expect(result.stdout).toContain(`report: ${file}.report.csv (${broken.length} rejected rows)`);

    const report = readFileSync(`${file}.report.csv`, 'utf8').trim().split('\n');
    expect(report[0]).toBe('line,nik,kk_number,codes,messages');
    const badLine = rows.indexOf(bad) + 2;
    expect(report[1]).toBe(`${badLine},${bad.nik.slice(0, 6)}******${bad.nik.slice(12)},${bad.kk_number.slice(0, 6)}******${bad.kk_number.slice(12)},BIRTH_DATE_INVALID,birth_date must be a real date YYYY-MM-DD`);
    expect(report.slice(2).every((l) => l.includes(',CARD_REJECTED,'))).toBe(true);
    for (const r of broken) expect(report.join('\n')).not.toContain(r.full_name);
  });

  it('refuses the same file the second time (exit 3), and takes an NDJSON file by its extension', async () => {
    const file = join(dir, 'again.ndjson');
    writeNdjson(file, rowsOf(generator.families(20)));
    expect((await run([file])).status).toBe(EXIT.OK);
    const again = await run([file]);
    expect(again.status).toBe(EXIT.ALREADY_IMPORTED);
    expect(again.stderr).toContain('IMPORT_ALREADY_COMPLETED');
  });

  it('imports without events (--no-events), then records them with --announce, once', async () => {
    const families = generator.families(40);
    const file = join(dir, 'initial-load.csv');
    writeCsv(file, rowsOf(families));
    const outbox = async () => {
      const t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: env.DATABASE_URL as string });
      try {
        const rows: { subject: string; payload: string }[] = await t.app
          .get(MikroORM)
          .em.getConnection()
          .execute("select subject, payload from outbox_event where request_id in (select 'import:' || id from import_job where file_name = 'initial-load.csv')");
        return rows.map((r) => ({ subject: r.subject, payload: JSON.parse(r.payload) as Record<string, unknown> }));
      } finally {
        await t.close();
      }
    };
    const imported = await run([file, '--no-events']);
    expect(imported.status).toBe(EXIT.OK);
    expect(imported.stdout).toContain('not recorded (--no-events): record them with --announce');
    expect(await outbox()).toEqual([]);

    const announced = await run([file, '--announce']);
    expect(announced.status).toBe(EXIT.OK);
    const rows = rowsOf(families).length;
    expect(announced.stdout).toContain(`announced: ${rows} residents and 40 family cards recorded in the outbox`);
    const events = await outbox();
    expect(events.filter((e) => e.subject === 'identity.resident.registered.v1')).toHaveLength(rows);
    expect(events.filter((e) => e.subject === 'identity.family-card.changed.v1')).toHaveLength(40);
    const first = families[0]?.rows[0] as RegisterRow;
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ nik: first.nik, origin: 'IMPORT', birthDate: first.birth_date }));

    const again = await run([file, '--announce']);
    expect(again.status).toBe(EXIT.ALREADY_IMPORTED);
    expect(again.stderr).toContain('IMPORT_ALREADY_ANNOUNCED');
  });

  it('refuses a file with a bad header (exit 2), naming the problem', async () => {
    const file = join(dir, 'header.csv');
    writeCsv(file, rowsOf(generator.families(2)), ['nik', 'kk_number']);
    const result = await run([file]);
    expect(result.status).toBe(EXIT.USAGE);
    expect(result.stderr).toContain('IMPORT_HEADER_INVALID');
    expect(existsSync(`${file}.report.csv`)).toBe(false);
  });

  it('explains bad usage (exit 2)', async () => {
    expect((await run([])).stderr).toContain('usage: import <file>');
    expect((await run(['a.csv', '--batch', 'many'])).status).toBe(EXIT.USAGE);
    expect((await run(['a.txt'])).stderr).toContain('IMPORT_FORMAT_UNKNOWN');
    expect((await run([join(dir, 'missing.csv')])).stderr).toContain('IMPORT_FILE_NOT_FOUND');
  });

  it('reads its options', () => {
    expect(parseImportArguments(['x.dat', '--format', 'ndjson', '--report', 'r.csv', '--batch', '500', '--no-events', '--allow-extra-columns', '--actor', 'me'])).toEqual({
      file: 'x.dat',
      format: 'NDJSON',
      report: 'r.csv',
      batch: 500,
      progressEvery: 10_000,
      events: false,
      announce: false,
      allowExtraColumns: true,
      actor: 'me',
    });
    expect(parseImportArguments(['a.csv', '--no-events', '--announce'])).toHaveProperty('error');
    expect(parseImportArguments(['a.csv', 'b.csv'])).toEqual({ error: 'give one file' });
    expect(parseImportArguments(['a.csv', '--force'])).toEqual({ error: 'unknown option --force' });
  });
});
