// Bulk import on the machine's PostgreSQL (integration tier), from real files: a register of more than 200,000
// residents imports completely (and prints its rows/s); the command, run as its own process, killed with
// SIGKILL in the middle and run again, writes every row exactly once and reports each rejected row once; the
// finished file is refused; two runs of one file at the same time never write a batch twice; an import without
// events announced afterwards; and the events reach JetStream through the running service's relay, each one
// valid for its consumers.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'nats';
import { Client } from 'pg';
import { STREAMS, SUBJECTS } from '@adminduk/contracts';
import { localDate, NatsService, parseEventMessage } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportAnnounceService } from '../src/import/import-announce.service';
import { ImportService, type ImportOutcome } from '../src/import/import.service';
import { PopulationGenerator, rowsOf, writeCsv, type RegisterRow } from './import-fixtures';

const ROOT = resolve(__dirname, '../../..');
const asOf = localDate('+08:00');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'adminduk-import-pg-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function count(url: string, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await query<{ n: string }>(url, sql, params))[0]?.n);
}

/** The identity command as its own process, as an operator runs it (TypeScript sources through the workspace's register hook). */
function command(args: readonly string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/identity/src/main.ts', 'import', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('a register of more than 200,000 residents', () => {
  let db: { name: string; url: string };
  let t: TestApp;
  let outcome: ImportOutcome;
  let rows: RegisterRow[];

  beforeAll(async () => {
    db = await createDatabase('import');
    t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
    rows = rowsOf(new PopulationGenerator(531600, asOf).families(49_500));
    const file = join(dir, 'nagekeo.csv');
    writeCsv(file, rows);
    outcome = await t.app.get(ImportService).importFile({ file, actor: 'cli:int-test' });
    process.stdout.write(
      `import of ${outcome.totalRows} rows (${outcome.cardsImported} cards) on PostgreSQL: ${(outcome.elapsedMs / 1000).toFixed(1)} s, ${outcome.rowsPerSecond} rows/s\n`,
    );
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    if (db) await dropDatabase(db.name);
  });

  it('imports every row, card and event', async () => {
    expect(rows.length).toBeGreaterThanOrEqual(200_000);
    expect(outcome).toMatchObject({ status: 'COMPLETED', totalRows: rows.length, rowsImported: rows.length, rowsRejected: 0, cardsImported: 49_500 });
    expect(await count(db.url, 'select count(*) as n from resident')).toBe(rows.length);
    expect(await count(db.url, 'select count(*) as n from family_card_membership')).toBe(rows.length);
    expect(await count(db.url, 'select count(*) as n from family_card')).toBe(49_500);
    expect(await count(db.url, 'select count(*) as n from outbox_event where subject = $1', [SUBJECTS.identity.residentRegistered])).toBe(rows.length);
    expect(await count(db.url, 'select count(*) as n from outbox_event where subject = $1', [SUBJECTS.identity.familyCardChanged])).toBe(49_500);
  });

  it('stores the residents as the file gives them, on their cards', async () => {
    const row = rows[123_456] as RegisterRow;
    const [stored] = await query<Record<string, unknown>>(
      db.url,
      `select r.full_name, r.birth_date, r.sex, r.address, r.mother_name, m.relationship, c.kk_number
         from resident r join family_card_membership m on m.resident_id = r.id join family_card c on c.id = r.family_card_id where r.nik = $1`,
      [row.nik],
    );
    expect(stored).toEqual({ full_name: row.full_name, birth_date: row.birth_date, sex: row.sex, address: row.address, mother_name: row.mother_name, relationship: Number(row.shdk), kk_number: row.kk_number });
  });
});

describe('the command, killed and run again', () => {
  let db: { name: string; url: string };
  let file: string;
  let rows: RegisterRow[];
  let brokenLines: number[];

  beforeAll(async () => {
    db = await createDatabase('importkill');
    const families = new PopulationGenerator(531699, asOf).families(6_000);
    // Two cards with a bad row each: their rows are reported (once), the rest imported (once).
    for (const index of [17, 4_321]) (families[index]?.rows[0] as RegisterRow).religion = 'UNKNOWN';
    rows = rowsOf(families);
    brokenLines = rows.flatMap((r, i) => (families[17]?.rows.includes(r) || families[4_321]?.rows.includes(r) ? [i + 2] : []));
    file = join(dir, 'killed.csv');
    writeCsv(file, rows);
  }, 60_000);

  afterAll(async () => {
    if (db) await dropDatabase(db.name);
  });

  it('loses nothing and writes nothing twice', async () => {
    const env = { DATABASE_URL: db.url };
    const first = command([file, '--batch', '300', '--progress-every', '300'], env);
    // Kill it as soon as a batch is committed (a progress line), with the next one in flight.
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no progress: ${JSON.stringify(first.output())}`)), 90_000);
      first.child.stderr.on('data', () => {
        if (/rows\/s/.test(first.output().stderr)) {
          clearTimeout(timer);
          first.child.kill('SIGKILL');
          done();
        }
      });
    });
    expect(await first.exited).toBeNull();
    const [killed] = await query<{ status: string; lines_committed: number; rows_imported: number }>(db.url, 'select status, lines_committed, rows_imported from import_job');
    expect(killed?.status).toBe('RUNNING');
    expect(killed?.lines_committed).toBeGreaterThan(1);
    expect(killed?.lines_committed).toBeLessThan(rows.length + 1);
    expect(await count(db.url, 'select count(*) as n from resident')).toBe(killed?.rows_imported);

    const report = join(dir, 'killed.report.csv');
    const second = command([file, '--batch', '300', '--report', report], env);
    expect(await second.exited).toBe(0);
    expect(second.output().stdout).toContain(`(resumed after line ${killed?.lines_committed})`);
    const valid = rows.length - brokenLines.length;
    expect(await count(db.url, 'select count(*) as n from resident')).toBe(valid);
    expect(await count(db.url, 'select count(distinct nik) as n from resident')).toBe(valid);
    expect(await count(db.url, 'select count(*) as n from family_card')).toBe(6_000 - 2);
    expect(await count(db.url, 'select count(*) as n from outbox_event where subject = $1', [SUBJECTS.identity.residentRegistered])).toBe(valid);
    const [job] = await query<{ status: string; rows_imported: number; rows_rejected: number }>(db.url, 'select status, rows_imported, rows_rejected from import_job');
    expect(job).toEqual({ status: 'COMPLETED', rows_imported: valid, rows_rejected: brokenLines.length });
    const reported = readFileSync(report, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect(reported).toEqual(brokenLines);

    const third = command([file], env);
    expect(await third.exited).toBe(3);
    expect(third.output().stderr).toContain('IMPORT_ALREADY_COMPLETED');
  }, 240_000);
});

describe('two runs of one file at the same time', () => {
  let db: { name: string; url: string };
  let t: TestApp;

  beforeAll(async () => {
    db = await createDatabase('importtwice');
    t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    if (db) await dropDatabase(db.name);
  });

  it('lets one of them write each batch, and a third run finishes what is left', async () => {
    const rows = rowsOf(new PopulationGenerator(531677, asOf).families(1_500));
    const file = join(dir, 'twice.csv');
    writeCsv(file, rows);
    const service = t.app.get(ImportService);
    const runs = await Promise.allSettled([service.importFile({ file, actor: 'a', batchSize: 200 }), service.importFile({ file, actor: 'b', batchSize: 200 })]);
    const refused = runs.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { code?: string });
    for (const reason of refused) expect(['IMPORT_RUNNING_ELSEWHERE', 'IMPORT_ALREADY_COMPLETED']).toContain(reason.code);
    if (runs.every((r) => r.status === 'rejected')) await service.importFile({ file, actor: 'c', batchSize: 200 });
    else await service.importFile({ file, actor: 'c' }).catch((e: { code?: string }) => expect(e.code).toBe('IMPORT_ALREADY_COMPLETED'));
    expect(await count(db.url, 'select count(*) as n from resident')).toBe(rows.length);
    expect(await count(db.url, 'select count(*) as n from import_job where status = $1', ['COMPLETED'])).toBe(1);
  }, 120_000);
});

describe('an initial load without events, announced afterwards', () => {
  let db: { name: string; url: string };
  let t: TestApp;

  beforeAll(async () => {
    db = await createDatabase('importannounce');
    t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: db.url });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    if (db) await dropDatabase(db.name);
  });

  it('records one event per resident and card, as an import with events would have', async () => {
    const rows = rowsOf(new PopulationGenerator(531655, asOf).families(2_500));
    const file = join(dir, 'initial.csv');
    writeCsv(file, rows);
    const outcome = await t.app.get(ImportService).importFile({ file, actor: 'cli:int-test', events: false });
    expect(outcome).toMatchObject({ status: 'COMPLETED', withEvents: false, rowsImported: rows.length });
    expect(await count(db.url, 'select count(*) as n from outbox_event')).toBe(0);

    const announced = await t.app.get(ImportAnnounceService).announce(file);
    expect(announced).toMatchObject({ cards: 2_500, residents: rows.length });
    expect(await count(db.url, 'select count(*) as n from outbox_event where subject = $1', [SUBJECTS.identity.residentRegistered])).toBe(rows.length);
    expect(await count(db.url, 'select count(*) as n from outbox_event where subject = $1', [SUBJECTS.identity.familyCardChanged])).toBe(2_500);
    expect(await count(db.url, "select count(distinct payload->>'residentId') as n from outbox_event where subject = $1", [SUBJECTS.identity.residentRegistered])).toBe(rows.length);
    expect(await count(db.url, 'select count(*) as n from import_job where with_events')).toBe(1);
    await expect(t.app.get(ImportAnnounceService).announce(file)).rejects.toMatchObject({ code: 'IMPORT_ALREADY_ANNOUNCED' });
  }, 120_000);
});

describe('the events of an import, published by the running service', () => {
  let db: { name: string; url: string };
  let t: TestApp;
  let nats: NatsService;

  beforeAll(async () => {
    db = await createDatabase('importnats');
    t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, {
      DATABASE_URL: db.url,
      NATS_ENABLED: 'true',
      NATS_PREFIX: uniqueNatsPrefix('import'),
    });
    nats = t.app.get(NatsService);
  }, 60_000);

  afterAll(async () => {
    const ours = nats?.streamName('');
    try {
      await t?.close();
      // Then every stream of this run's prefix: the service's own, and those its consumers made (deeds, dead
      // letters), deleted with their consumers once nothing can make them again.
      if (ours) {
        const connection = await connect({ servers: t.config.natsUrl });
        try {
          const jsm = await connection.jetstreamManager();
          const names: string[] = [];
          for await (const stream of jsm.streams.list()) if (stream.config.name.startsWith(ours)) names.push(stream.config.name);
          for (const name of names) await jsm.streams.delete(name);
        } finally {
          await connection.close();
        }
      }
    } finally {
      if (db) await dropDatabase(db.name);
    }
  });

  it('reach JetStream, every one of them a valid event for its consumers', async () => {
    const families = new PopulationGenerator(531644, asOf).families(150);
    const rows = rowsOf(families);
    const file = join(dir, 'published.csv');
    writeCsv(file, rows);
    await t.app.get(ImportService).importFile({ file, actor: 'cli:int-test', batchSize: 100 });
    const total = rows.length + families.length;
    await waitFor(async () => (await count(db.url, 'select count(*) as n from outbox_event where published_at is not null')) === total, 'the relay to publish the import', 30_000);

    const jsm = await nats.jetstreamManager();
    const stream = nats.streamName(STREAMS.identity.name);
    expect((await jsm.streams.info(stream)).state.messages).toBe(total);
    const niks = new Set<string>();
    for (let seq = 1; seq <= total; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      const subject = nats.unprefixed(message.subject) as typeof SUBJECTS.identity.residentRegistered | typeof SUBJECTS.identity.familyCardChanged;
      const parsed = parseEventMessage(message.data, subject);
      expect(parsed.ok).toBe(true);
      if (parsed.ok && subject === SUBJECTS.identity.residentRegistered) niks.add((parsed.envelope.payload as { nik: string }).nik);
    }
    expect(niks).toEqual(new Set(rows.map((r) => r.nik)));
  }, 120_000);
});
