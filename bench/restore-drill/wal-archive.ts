/**
 * The PostgreSQL side of the restore drill, done the way an operator does it on a server: WAL archiving switched on
 * with ALTER SYSTEM and a restart, a base backup with `pg_basebackup` over a replication connection, a named restore
 * point, a WAL switch so that the archive holds the restore point, and a new cluster made from the base backup that
 * replays the archive up to that point and is promoted.
 *
 * The source cluster is the fault suite's private cluster (bench/faults/private-postgres.ts), used as it is; the
 * drill's own directory (archive, base backup, restored cluster, logs) belongs to the cluster's owner (postgres when
 * we are root), and a shell watchdog stops the restored cluster and deletes the directory as soon as this process is
 * gone, however it ends.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, waitFor } from '@adminduk/platform/testing';
import { POSTGRES_BIN, type PrivatePostgres } from '../faults/private-postgres';

const run = promisify(execFile);
const isRoot = () => userInfo().uid === 0;

/** Runs a PostgreSQL binary (or `cp`) as the cluster's owner: postgres when this process is root. */
export function asOwner(binary: string, args: readonly string[], timeout = 600_000): Promise<{ stdout: string; stderr: string }> {
  const path = binary.startsWith('/') ? binary : join(POSTGRES_BIN, binary);
  if (isRoot()) return run('/usr/sbin/runuser', ['-u', 'postgres', '--', path, ...args], { timeout, maxBuffer: 16 * 1024 * 1024 });
  return run(path, [...args], { timeout, maxBuffer: 16 * 1024 * 1024 });
}

/** A SQL statement on `url` (one connection each), rows back. */
export async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Stops the restored cluster ($2) and deletes the drill's directory ($3) once the process $1 is gone. */
const WATCHDOG = [
  'parent=$1; data=$2; dir=$3; ctl=$4; owner=$5',
  'while kill -0 $parent 2>/dev/null && [ -d "$dir" ]; do sleep 0.5; done',
  'if [ -d "$dir" ]; then',
  '  if [ -f "$data/postmaster.pid" ]; then',
  '    if [ "$owner" = root ]; then /usr/sbin/runuser -u postgres -- "$ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1; else "$ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1; fi',
  '  fi',
  '  rm -rf "$dir"',
  'fi',
].join('\n');

/** The drill's directory: WAL archive, base backup, restored cluster, logs. */
export interface DrillDirectory {
  readonly root: string;
  readonly archive: string;
  /** Where the restored cluster archives its own WAL (a new timeline goes to a new place). */
  readonly archiveAfterRestore: string;
  readonly backup: string;
  readonly restored: string;
  readonly logs: string;
}

export async function makeDrillDirectory(): Promise<DrillDirectory> {
  const root = mkdtempSync(join(tmpdir(), 'adminduk-restore-drill-'));
  const dir: DrillDirectory = {
    root,
    archive: join(root, 'wal-archive'),
    archiveAfterRestore: join(root, 'wal-archive-after-restore'),
    backup: join(root, 'base-backup'),
    restored: join(root, 'restored'),
    logs: join(root, 'logs'),
  };
  for (const d of [dir.archive, dir.archiveAfterRestore, dir.logs]) mkdirSync(d);
  if (isRoot()) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    for (const d of [root, dir.archive, dir.archiveAfterRestore, dir.logs]) chownSync(d, uid, gid);
  }
  const watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'drill-watchdog', String(process.pid), dir.restored, root, join(POSTGRES_BIN, 'pg_ctl'), isRoot() ? 'root' : 'user'], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.unref();
  return dir;
}

/** `archive_command` that never overwrites a segment already archived (a second copy of a name is a fault). */
function archiveCommand(archive: string): string {
  return `test ! -f '${archive}/%f' && cp '%p' '${archive}/%f'`;
}

/** Switches WAL archiving on (ALTER SYSTEM, then a restart: archive_mode is read at start only). */
export async function enableArchiving(pg: PrivatePostgres, archive: string): Promise<void> {
  const url = pg.urlOf('postgres');
  await sql(url, "alter system set wal_level = 'replica'");
  await sql(url, "alter system set archive_mode = 'on'");
  await sql(url, `alter system set archive_command = '${archiveCommand(archive).replace(/'/g, "''")}'`);
  await pg.stop('fast');
  await pg.start();
  const [row] = await sql<{ archive_mode: string }>(url, 'show archive_mode');
  if (row?.archive_mode !== 'on') throw new Error(`archive_mode is ${row?.archive_mode} after the restart`);
}

/** Bytes under `path` (files only). */
export function sizeOf(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += sizeOf(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** WAL segment files in the archive (24 hex digits; not .history, .backup or .partial files). */
export function archivedSegments(archive: string): string[] {
  return readdirSync(archive).filter((name) => /^[0-9A-F]{24}$/.test(name));
}

/** `pg_basebackup` of the whole cluster, plain format, WAL streamed into the backup, a fast checkpoint. */
export async function baseBackup(pg: PrivatePostgres, target: string): Promise<{ ms: number; bytes: number }> {
  const started = Date.now();
  await asOwner('pg_basebackup', ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-D', target, '-X', 'stream', '--checkpoint=fast', '-l', 'adminduk restore drill']);
  const ms = Date.now() - started;
  return { ms, bytes: sizeOf(target) };
}

/** `pg_create_restore_point(name)`: its WAL position. */
export async function createRestorePoint(pg: PrivatePostgres, name: string): Promise<string> {
  const [row] = await sql<{ lsn: string }>(pg.urlOf('postgres'), 'select pg_create_restore_point($1)::text as lsn', [name]);
  return row?.lsn ?? '';
}

/** Closes the current WAL segment and waits until the archive holds it (and with it everything written before). */
export async function switchAndWaitArchived(pg: PrivatePostgres, archive: string, timeoutMs = 120_000): Promise<string> {
  const [row] = await sql<{ segment: string }>(pg.urlOf('postgres'), 'select pg_walfile_name(pg_switch_wal()) as segment');
  const segment = row?.segment ?? '';
  await waitFor(() => existsSync(join(archive, segment)), `WAL segment ${segment} in the archive`, timeoutMs, 200);
  return segment;
}

export interface RestoredCluster {
  readonly port: number;
  urlOf(database: string): string;
  /** Copying the base backup into the new data directory. */
  readonly copyMs: number;
  /** From `pg_ctl start` until the server left recovery (promoted). */
  readonly recoveryMs: number;
  /** The timeline the promoted server runs on (the source's + 1). */
  readonly timeline: number;
  stop(): Promise<void>;
}

/**
 * A new cluster from the base backup: copied into a fresh data directory, `restore_command` reading the archive,
 * `recovery_target_name` with `recovery_target_action = promote`, `recovery.signal`, started on a new port; returns
 * once it is promoted. Its own WAL is archived to a new place (`archiveAfterRestore`).
 */
export async function restoreToPoint(dir: DrillDirectory, restorePoint: string, timeoutMs = 300_000): Promise<RestoredCluster> {
  const copyStarted = Date.now();
  await asOwner('/bin/cp', ['-a', dir.backup, dir.restored]);
  const copyMs = Date.now() - copyStarted;
  const settings = [
    '',
    '# restore drill: point-in-time recovery from the WAL archive',
    `restore_command = 'cp ''${dir.archive}/%f'' ''%p'''`,
    `recovery_target_name = '${restorePoint.replace(/'/g, "''")}'`,
    "recovery_target_action = 'promote'",
    `archive_command = '${archiveCommand(dir.archiveAfterRestore).replace(/'/g, "''")}'`,
    '',
  ].join('\n');
  // The owner wrote the directory; root may append to its files.
  await appendFile(join(dir.restored, 'postgresql.auto.conf'), settings);
  await asOwner('/usr/bin/touch', [join(dir.restored, 'recovery.signal')]);
  const port = await freePort();
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const options = `-p ${port} -k ${dir.root} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const started = Date.now();
  let running = false;
  const stop = async () => {
    if (!running && !existsSync(join(dir.restored, 'postmaster.pid'))) return;
    await asOwner('pg_ctl', ['-D', dir.restored, '-m', 'fast', '-w', '-t', '60', 'stop']).catch(() => asOwner('pg_ctl', ['-D', dir.restored, '-m', 'immediate', '-w', 'stop']));
    running = false;
  };
  try {
    // -w returns once the server accepts connections: in archive recovery, as soon as it is consistent.
    await asOwner('pg_ctl', ['-D', dir.restored, '-o', options, '-l', join(dir.logs, 'restored-postgres.log'), '-w', '-t', String(Math.round(timeoutMs / 1000)), 'start']);
    running = true;
    await waitFor(
      async () => {
        const [row] = await sql<{ recovering: boolean }>(urlOf('postgres'), 'select pg_is_in_recovery() as recovering');
        return row?.recovering === false;
      },
      'the restored cluster to be promoted',
      timeoutMs,
      100,
    );
  } catch (error) {
    await stop().catch(() => undefined);
    throw new Error(`the restored cluster did not come up promoted (see ${join(dir.logs, 'restored-postgres.log')}): ${(error as Error).message.slice(0, 300)}`);
  }
  const recoveryMs = Date.now() - started;
  // The timeline is the first 8 hex digits of the current WAL file's name (the checkpoint may not name it yet).
  const [tl] = await sql<{ file: string }>(urlOf('postgres'), 'select pg_walfile_name(pg_current_wal_lsn()) as file');
  return { port, urlOf, copyMs, recoveryMs, timeline: parseInt((tl?.file ?? '0').slice(0, 8), 16), stop };
}

/** Removes the drill's directory; keeps nothing, or only its logs (moved to a directory of their own). */
export function removeDrillDirectory(dir: DrillDirectory, keepLogs: boolean): string | undefined {
  let kept: string | undefined;
  if (keepLogs && existsSync(dir.logs)) {
    kept = mkdtempSync(join(tmpdir(), 'adminduk-restore-drill-logs-'));
    for (const name of readdirSync(dir.logs)) {
      try {
        // A copy, not a rename: the logs and the kept directory may be on different file systems.
        copyFileSync(join(dir.logs, name), join(kept, name));
      } catch {
        // a log that cannot be kept is not worth failing the clean-up for
      }
    }
  }
  rmSync(dir.root, { recursive: true, force: true });
  return kept;
}
