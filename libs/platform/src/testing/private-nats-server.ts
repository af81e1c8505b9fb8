/**
 * A NATS server with JetStream of the test's own (`nats-server -js -sd <tmpdir> -p <free port> -a 127.0.0.1`), so
 * that a test can stop and restart NATS without disturbing anyone else. The JetStream store survives a restart
 * (same directory and port), like a production server's. The server is stopped when the test calls dispose();
 * and a small shell watchdog around it kills it within a fraction of a second if the test process dies in any
 * other way (a crash, a kill by Jest), so no server outlives its test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NATS_SERVER_BINARY = process.env.NATS_SERVER_BINARY ?? '/usr/sbin/nats-server';

export interface PrivateNatsServer {
  /** nats://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Whether the server process is running. */
  readonly running: boolean;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s; `kill: true` for an abrupt stop). */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  /** Stops it and deletes its store. Always call it (afterAll). */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();

/**
 * Runs the server in the background and waits for it; TERM stops it gracefully, USR1 kills it, and it is killed
 * (and its store $2 deleted) as soon as the test process $1 is gone.
 */
const WATCHDOG = [
  'parent=$1; store=$2; shift 2',
  '"$0" "$@" &',
  'pid=$!',
  "trap 'kill -TERM $pid 2>/dev/null' TERM",
  "trap 'kill -KILL $pid 2>/dev/null' USR1",
  'while kill -0 $pid 2>/dev/null; do',
  '  kill -0 $parent 2>/dev/null || kill -KILL $pid 2>/dev/null',
  '  sleep 0.2',
  'done',
  'wait $pid',
  'status=$?',
  'kill -0 $parent 2>/dev/null || rm -rf "$store"',
  'exit $status',
].join('\n');

let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGUSR1');
  });
}

/** One nats-server process under the watchdog, which can be stopped and started again on the same arguments (ports, store). */
export interface WatchedNatsServer {
  /** Whether the server process is running. */
  readonly running: boolean;
  /** Starts it (when it is not running) and waits until it says it is ready. */
  start(): Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL after 5 s; `kill: true` for an abrupt stop). */
  stop(options?: { kill?: boolean }): Promise<void>;
}

/**
 * `nats-server <args>` with its store in `dir`, under the watchdog: killed within a fraction of a second when this
 * process dies, its store deleted then. Also for a cluster's members (private-nats-cluster.ts).
 */
export function watchedNatsServer(dir: string, args: readonly string[]): WatchedNatsServer {
  installExitHook();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    if (child) return;
    const proc = spawn('/bin/sh', ['-c', WATCHDOG, NATS_SERVER_BINARY, String(process.pid), dir, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    live.add(proc);
    const exited = new Promise<number | null>((resolve) =>
      proc.once('exit', (code) => {
        live.delete(proc);
        if (child === proc) child = undefined;
        resolve(code);
      }),
    );
    let output = '';
    const ready = new Promise<void>((resolve) => {
      // The server logs to stderr; keep reading it to the end (a full pipe would block the server).
      proc.stderr?.on('data', (chunk: Buffer) => {
        if (output.length < 20_000) output += chunk.toString();
        if (output.includes('Server is ready')) resolve();
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      ready.then(() => 'ready' as const),
      exited.then((code) => `exited with ${code}` as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 10_000))),
      new Promise<string>((resolve) => proc.on('error', (error) => resolve(error.message))),
    ]);
    clearTimeout(timer);
    if (outcome !== 'ready') {
      proc.kill('SIGUSR1');
      throw new Error(`nats-server did not start (${outcome}):\n${output.slice(-2000)}`);
    }
  };

  const stop = async (options: { kill?: boolean } = {}): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(options.kill ? 'SIGUSR1' : 'SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGUSR1'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  return {
    get running() {
      return child !== undefined;
    },
    start,
    stop,
  };
}

export async function startPrivateNatsServer(): Promise<PrivateNatsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-nats-'));
  const port = await freePort();
  const server = watchedNatsServer(dir, ['-js', '-sd', dir, '-p', String(port), '-a', '127.0.0.1']);
  try {
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    get running() {
      return server.running;
    },
    stop: server.stop,
    start: server.start,
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
