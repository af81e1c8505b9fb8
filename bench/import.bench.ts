/**
 * Import benchmark: the synthetic Nagekeo register (tools/synth: 164,457 residents in about 40,000 cards, with
 * e-KTP / KIA states and birth deeds) imported into identity on PostgreSQL with the import command, events
 * included (the default) — against a plain PostgreSQL COPY of the same rows: every row the import wrote, table by
 * table, copied with psql's \copy into a fresh database with the same schema (indexes and constraints included), in
 * one transaction. Then the province's scale: the 22 regencies of Nusa Tenggara Timur (5.7 million residents)
 * imported one after the other into one database (the import takes one regency at a time: REGENCY_CODE), its rate
 * compared with Nagekeo's in the same run.
 *
 * The import's time is the command's own figure (first read of the file to the last commit, printed by the
 * command); the command's wall time (start from sources and migrations included) is shown beside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRegencies } from '@adminduk/domain';
import { progress } from './lib/cleanup';
import { BenchEnvironment, sql } from './lib/pipeline';
import { writeRegisterFile } from './lib/population';
import { figure, type BenchResult, type Figure } from './lib/report';
import { runServiceCommand, type CommandResult } from './lib/service';

export interface ImportOptions {
  readonly scale?: number;
  readonly seed?: number;
  /** Also the province (5.7 million residents); default true. */
  readonly ntt?: boolean;
  /** Only the first so many of NTT's regencies (smoke runs). */
  readonly nttRegencies?: number;
}

export const IMPORT_SMOKE: ImportOptions = { scale: 0.002, ntt: true, nttRegencies: 2 };

const PSQL = process.env.PSQL ?? 'psql';

interface ImportRun {
  readonly seconds: number;
  readonly imported: number;
  readonly rejected: number;
  readonly result: CommandResult;
}

async function importFile(file: string, databaseUrl: string, dir: string, regencyCode = '5316'): Promise<ImportRun> {
  const result = await runServiceCommand('identity', ['import', file, '--report', join(dir, `report-${regencyCode}.csv`), '--progress-every', '1000000'], {
    DATABASE_URL: databaseUrl,
    NATS_ENABLED: 'false',
    LOG_LEVEL: 'error',
    REGENCY_CODE: regencyCode,
  });
  if (result.code !== 0) throw new Error(`the import of ${file} failed (exit ${result.code}):\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`);
  const seconds = Number(/batches in ([\d.]+) s/.exec(result.stdout)?.[1]);
  const imported = Number(/(\d+) imported/.exec(result.stdout)?.[1]);
  const rejected = Number(/(\d+) rejected/.exec(result.stdout)?.[1]);
  if (!Number.isFinite(seconds) || !Number.isFinite(imported)) throw new Error(`the import printed no figures:\n${result.stdout.slice(-2000)}`);
  return { seconds, imported, rejected, result };
}

function psql(databaseUrl: string, script: string): number {
  const started = performance.now();
  const run = spawnSync(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl], { input: script, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`psql failed (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  return performance.now() - started;
}

/** The tables holding rows, parents before children (foreign keys), without MikroORM's migration log. */
async function tablesInOrder(databaseUrl: string): Promise<string[]> {
  const tables = (await sql<{ relname: string }>(databaseUrl, "select relname from pg_stat_user_tables where schemaname = 'public' and relname <> 'mikro_orm_migrations' order by relname")).map((r) => r.relname);
  const edges = await sql<{ child: string; parent: string }>(
    databaseUrl,
    "select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent from pg_constraint c where c.contype = 'f'",
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges) if (e.child.replace(/"/g, '') === t && e.parent.replace(/"/g, '') !== t) visit(e.parent.replace(/"/g, ''), path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/** COPY of every row the import wrote into a fresh database with the same schema: returns ms and the row count. */
async function copyBaseline(env: BenchEnvironment, source: string, dir: string): Promise<{ ms: number; rows: number; bytes: number }> {
  const target = await env.database('benchimportcopy');
  const migrated = await runServiceCommand('identity', ['migrate'], { DATABASE_URL: target, NATS_ENABLED: 'false', MIGRATE_ON_START: 'false', LOG_LEVEL: 'error' });
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr.slice(-2000)}`);
  const tables = await tablesInOrder(source);
  let rows = 0;
  const files: string[] = [];
  for (const table of tables) {
    const n = Number((await sql<{ n: string }>(source, `select count(*) as n from "${table}"`))[0]?.n);
    if (n === 0) continue;
    rows += n;
    const file = join(dir, `${table}.copy`);
    psql(source, `\\copy "${table}" to '${file}'\n`);
    files.push(`\\copy "${table}" from '${file}'`);
  }
  const bytes = readdirSync(dir)
    .filter((f) => f.endsWith('.copy'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  const ms = psql(target, ['begin;', ...files, 'commit;', ''].join('\n'));
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.copy'))) rmSync(join(dir, f));
  return { ms, rows, bytes };
}

export async function runImport(options: ImportOptions = {}): Promise<BenchResult> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-bench-import-'));
  const env = await BenchEnvironment.start('bench-import', { nats: false });
  try {
    progress('import', `generating the Nagekeo register (scale ${scale})…`);
    const file = join(dir, 'nagekeo.csv');
    const written = await writeRegisterFile(file, { scale, seed });
    const db = await env.database('benchimport');
    progress('import', `importing ${written.rows.toLocaleString('en-US')} residents…`);
    const nagekeo = await importFile(file, db, dir);
    if (nagekeo.imported !== written.rows) throw new Error(`${nagekeo.imported} of ${written.rows} rows imported (${nagekeo.rejected} rejected): see the report`);
    progress('import', 'baseline: COPY of the same rows…');
    const copy = await copyBaseline(env, db, dir);

    const figures: Figure[] = [
      figure(`Nagekeo: ${written.rows.toLocaleString('en-US')} residents, import with events`, nagekeo.seconds, 's', {
        baseline: { name: `COPY of the ${copy.rows.toLocaleString('en-US')} rows written`, value: copy.ms / 1000 },
        target: { kind: 'max', value: 3, on: 'ratio' },
      }),
      figure('Nagekeo: import time (target on 2 cores)', nagekeo.seconds, 's', { target: { kind: 'max', value: 30 } }),
      figure('Nagekeo: import rate', nagekeo.imported / nagekeo.seconds, 'rows/s'),
      figure('Nagekeo: command wall time (start from sources, migrations)', nagekeo.result.wallMs / 1000, 's'),
      figure('peak RSS: identity import command (Nagekeo)', nagekeo.result.peakRssMb, 'MiB'),
    ];
    const notes = [
      `The COPY baseline loads every row the import wrote (${copy.rows.toLocaleString('en-US')} rows in all tables: residents, cards, memberships, card versions, e-KTP and KIA actions, outbox events, audit rows, the job; ${Math.round(copy.bytes / 2 ** 20)} MiB of COPY text) into a fresh database with the same schema, in one transaction; it checks nothing and computes nothing.`,
    ];

    if (options.ntt !== false) {
      const nttDb = await env.database('benchimportntt');
      let rows = 0;
      let seconds = 0;
      let peak = 0;
      let wall = 0;
      const regencies = listRegencies('53')
        .filter((r) => !r.historical)
        .slice(0, options.nttRegencies ?? 99);
      for (const regency of regencies) {
        const regencyFile = join(dir, `${regency.code}.csv`);
        const w = await writeRegisterFile(regencyFile, { region: regency.code, scale, seed });
        progress('import', `NTT: ${regency.code} ${regency.name}, ${w.rows.toLocaleString('en-US')} residents (${rows.toLocaleString('en-US')} so far)…`);
        const run = await importFile(regencyFile, nttDb, dir, regency.code);
        if (run.imported !== w.rows) throw new Error(`${regency.code}: ${run.imported} of ${w.rows} rows imported (${run.rejected} rejected)`);
        rows += run.imported;
        seconds += run.seconds;
        wall += run.result.wallMs / 1000;
        peak = Math.max(peak, run.result.peakRssMb);
        rmSync(regencyFile);
      }
      figures.push(
        figure(`NTT: ${rows.toLocaleString('en-US')} residents of ${regencies.length} regencies into one database, import time`, seconds, 's'),
        figure('NTT: import rate (vs Nagekeo alone)', rows / seconds, 'rows/s', { baseline: { name: 'Nagekeo rate', value: nagekeo.imported / nagekeo.seconds } }),
        figure('NTT: command wall time, all regencies', wall, 's'),
        figure('peak RSS: identity import command (largest NTT regency)', peak, 'MiB'),
      );
      notes.push(
        'NTT is imported regency by regency (the import checks that every row lives in the office\'s REGENCY_CODE), each file generated by tools/synth just before its import (not timed), into one database that grows to the province\'s size.',
      );
    }
    return {
      name: 'import',
      title: 'Import: the register into identity (PostgreSQL)',
      command: 'npm run bench:import',
      setup: `tools/synth register (seed ${seed}, scale ${scale}), CSV with document columns; \`main.ts import <file>\` (events recorded in the outbox, batches of 5,000) into a throw-away database migrated by the command.`,
      figures,
      notes,
    };
  } finally {
    await env.dispose().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
