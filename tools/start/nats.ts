/**
 * NATS for the launcher: use the server at NATS_URL when one answers; else, when the URL is a local address,
 * start `nats-server` with JetStream and its store in the data folder; else stop with a message naming the fix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { connect } from 'nats';

export type NatsProbe = 'jetstream' | 'no-jetstream' | 'unreachable';

/**
 * Whether a NATS server answers at `url`, and whether it has JetStream (the services need it). A cluster's list is
 * probed server by server (the client alone, without reconnects, gives up on the first one it picks): any one with
 * JetStream is enough.
 */
export async function probeNats(url: string, timeoutMs = 2_000): Promise<NatsProbe> {
  let best: NatsProbe = 'unreachable';
  for (const server of natsServers(url)) {
    const probe = await probeServer(server, timeoutMs);
    if (probe === 'jetstream') return probe;
    if (probe === 'no-jetstream') best = probe;
  }
  return best;
}

async function probeServer(server: string, timeoutMs: number): Promise<NatsProbe> {
  let nc;
  try {
    nc = await connect({ servers: server, timeout: timeoutMs, reconnect: false, maxReconnectAttempts: 0 });
  } catch {
    return 'unreachable';
  }
  try {
    const jsm = await nc.jetstreamManager({ timeout: timeoutMs });
    await jsm.getAccountInfo();
    return 'jetstream';
  } catch {
    return 'no-jetstream';
  } finally {
    await nc.close().catch(() => undefined);
  }
}

/** The servers of NATS_URL: one URL, or a cluster's, comma-separated (the client tries them in turn). */
export function natsServers(url: string): string[] {
  return url
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

/** host and port of a nats:// URL. */
export function natsAddress(url: string): { host: string; port: number } {
  const u = new URL(url.replace(/^nats:/, 'http:'));
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port === '' ? 4222 : Number(u.port) };
}

export function isLocalAddress(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '0.0.0.0'].includes(host);
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The nats-server binary to start: NATS_SERVER_BIN when given (and then only it), else the first `nats-server`
 * on PATH, else Debian's /usr/sbin/nats-server (the package installs it outside a normal user's PATH).
 */
export function findNatsServer(explicit: string | undefined, path = process.env.PATH ?? ''): string | undefined {
  if (explicit !== undefined) return executable(explicit) ? explicit : undefined;
  const candidates = [...path.split(delimiter).filter((d) => d !== '').map((d) => join(d, 'nats-server')), '/usr/sbin/nats-server', '/usr/local/bin/nats-server'];
  return candidates.find(executable);
}

/** The message when NATS cannot be had: what was tried and the two ways out. */
export function natsMissingMessage(url: string, reason: 'not-local' | 'cluster' | 'no-binary' | 'no-jetstream', explicitBin?: string): string {
  const lines = [`No NATS server with JetStream answers at ${url}.`];
  if (reason === 'cluster') lines.push('NATS_URL names several servers (a cluster): the launcher starts none. Start the cluster, or unset NATS_URL to use a local server.');
  else if (reason === 'no-jetstream') lines.push('A NATS server answers there, but without JetStream: restart it with -js (or point NATS_URL at one that has it).');
  else if (reason === 'not-local') lines.push('It is not a local address, so the launcher does not start one: start NATS there, or unset NATS_URL to use a local one.');
  else
    lines.push(
      explicitBin !== undefined ? `NATS_SERVER_BIN=${explicitBin} is not an executable file.` : 'The launcher would start one, but no nats-server binary was found (PATH, /usr/sbin, /usr/local/bin).',
      'Fix: install nats-server (Debian/Ubuntu: sudo apt-get install nats-server; or https://github.com/nats-io/nats-server/releases)',
      '     and/or set NATS_SERVER_BIN=/path/to/nats-server, or set NATS_URL=nats://host:4222 to a running NATS server with JetStream (nats-server -js).',
    );
  return lines.join('\n');
}

/**
 * Starts nats-server with JetStream on the URL's host and port, its store in `storeDir` (kept between starts,
 * like the SQLite files) and its log in `logFile`. Resolves once the server is ready. `onSpawn` learns the process at
 * once (the launcher's watchdog stops it should the launcher die while it starts).
 */
export async function startNatsServer(bin: string, url: string, storeDir: string, logFile: string, timeoutMs = 20_000, onSpawn?: (proc: ChildProcess) => void): Promise<ChildProcess> {
  const { host, port } = natsAddress(url);
  mkdirSync(storeDir, { recursive: true });
  const args = ['-js', '-sd', storeDir, '-p', String(port), '-a', host === 'localhost' ? '127.0.0.1' : host];
  const proc = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  onSpawn?.(proc);
  const log = createWriteStream(logFile, { flags: 'a' });
  let output = '';
  const ready = new Promise<void>((resolve) => {
    proc.stderr?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (output.length < 20_000) output += chunk.toString();
      if (output.includes('Server is ready')) resolve();
    });
  });
  proc.once('exit', () => log.end());
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready'),
    new Promise<string>((resolve) => proc.once('exit', (code) => resolve(`exited with code ${code}`))),
    new Promise<string>((resolve) => proc.once('error', (error) => resolve(error.message))),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`not ready after ${timeoutMs / 1000} s`), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    proc.kill('SIGKILL');
    throw new Error(`nats-server (${bin}) did not start: ${outcome}\n${output.slice(-1500)}`);
  }
  return proc;
}
