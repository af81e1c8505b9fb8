/**
 * A PostgreSQL cluster of the fault run's own: `initdb` into a temporary directory, `pg_ctl start` on a free port
 * (trust authentication, 127.0.0.1 only), so that a scenario can stop and restart PostgreSQL under the services
 * without touching the machine's shared server at :5432, which other tests use at the same time.
 *
 * PostgreSQL refuses to run as root; when this process is root, the cluster runs as the `postgres` user
 * (`runuser`). A shell watchdog stops the cluster (immediate mode) and deletes its directory as soon as this
 * process is gone, however it ends (a crash, a kill by Jest), so no cluster outlives its run.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '@adminduk/platform/testing';

const run = promisify(execFile);

export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  urlOf(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server: `fast` (clean shutdown, sessions cut) or `immediate` (as if the machine lost power). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  readonly running: boolean;
  /** PostgreSQL's version string (for the report). */
  version(): Promise<string>;
  /** Stops the server and deletes the cluster. Always call it. */
  dispose(): Promise<void>;
}

/** Runs a PostgreSQL binary as the cluster's owner (postgres when we are root). */
function asOwner(binary: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const path = join(POSTGRES_BIN, binary);
  if (userInfo().uid === 0) return run('/usr/sbin/runuser', ['-u', 'postgres', '--', path, ...args], { timeout: 120_000 });
  return run(path, [...args], { timeout: 120_000 });
}

/** Stops the cluster and removes its directory once the process $1 is gone ($2: data dir, $3: root dir). */
const WATCHDOG = [
  'parent=$1; data=$2; dir=$3; ctl=$4; owner=$5',
  'while kill -0 $parent 2>/dev/null && [ -d "$dir" ]; do sleep 0.5; done',
  'if [ -d "$dir" ]; then',
  '  if [ "$owner" = root ]; then /usr/sbin/runuser -u postgres -- "$ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1; else "$ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1; fi',
  '  rm -rf "$dir"',
  'fi',
].join('\n');

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-pg-'));
  const data = join(dir, 'data');
  const root = userInfo().uid === 0;
  if (root) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  const port = await freePort();
  let running = false;
  try {
    await asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'pg-watchdog', String(process.pid), data, dir, join(POSTGRES_BIN, 'pg_ctl'), root ? 'root' : 'user'], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.unref();

  const start = async (): Promise<void> => {
    // Defaults of a stock server otherwise (fsync on, synchronous commit): the faults are measured on a real set-up.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    await asOwner('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    if (!running) return;
    await asOwner('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: urlOf('postgres') });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    urlOf,
    get running() {
      return running;
    },
    async createDatabase(name: string) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
      await query(`create database ${name}`);
      return urlOf(name);
    },
    stop,
    start,
    async version() {
      const [row] = await query<{ server_version: string }>('show server_version');
      return row?.server_version ?? 'unknown';
    },
    async dispose() {
      try {
        await stop('fast');
      } catch {
        await stop('immediate').catch(() => undefined);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
