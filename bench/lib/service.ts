/**
 * Starts a service (or one of its commands) as a child process from the TypeScript sources, exactly as an
 * operator would start it from dist (`node -r ./tools/scripts/ts-register.cjs apps/<svc>/src/main.ts [command]`),
 * configured by its environment, and samples its memory from /proc while it runs.
 *
 * Peak RSS is the kernel's high-water mark (VmHWM in /proc/<pid>/status) read every 100 ms; the last reading
 * before the process exits is reported. Started from sources, a service also carries the TypeScript compiler's
 * output in memory (tens of MB more than `node dist/...`): the figures are an upper bound for production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@adminduk/platform/testing';
import { onInterrupt } from './cleanup';

export const ROOT = resolve(__dirname, '..', '..');
export const TS_REGISTER = join(ROOT, 'tools', 'scripts', 'ts-register.cjs');
/** The HS256 secret the benchmark's services accept (never used outside a benchmark run). */
export const BENCH_JWT_SECRET = 'adminduk-bench-secret-adminduk-bench-secret';

/** VmHWM (peak resident set) and VmRSS of a live process, in MiB; undefined once it is gone. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples a process's peak RSS every `intervalMs` until stopped or the process is gone. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  sample(): number {
    const m = memoryOf(this.pid);
    if (m && Number.isFinite(m.peakMb)) this.peak = Math.max(this.peak, m.peakMb);
    return this.peak;
  }

  /** The highest VmHWM seen, in MiB. */
  get peakMb(): number {
    return this.peak;
  }

  /** Takes a last reading and stops sampling; returns the peak in MiB. */
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peak;
  }
}

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  readonly rss: RssSampler;
  /** The last lines the service wrote (for error messages). */
  output(): string;
  /** SIGTERM (SIGKILL after 10 s); resolves with the peak RSS in MiB. */
  stop(): Promise<number>;
}

const live = new Set<ChildProcess>();
let hooked = false;
function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const add = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => tail;
}

/**
 * Node options of every started service and command: `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of each into
 * <dir> when it exits (open it in Chrome DevTools or speedscope) — how the costs quoted in docs/benchmarks.md were found.
 */
function nodeArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}

/** Environment every benchmark service gets: quiet logs, the bench secret, no pretty printing. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', JWT_SECRET: BENCH_JWT_SECRET, HOST: '127.0.0.1', NODE_ENV: 'development', ...extra };
}

/**
 * Starts `apps/<service>/src/main.ts` and waits until GET /health/ready answers 200 (migrations applied,
 * database reachable). `env` is the service's environment (DATABASE_URL, NATS_URL, NATS_PREFIX, …).
 */
export async function startService(service: string, env: Record<string, string>, timeoutMs = 180_000): Promise<RunningService> {
  return startScript(service, join(ROOT, 'apps', service, 'src', 'main.ts'), env, timeoutMs);
}

/** Starts any TypeScript server script (the benchmark's baselines) the same way, on a free PORT. */
export async function startScript(service: string, script: string, env: Record<string, string>, timeoutMs = 180_000): Promise<RunningService> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs(), '-r', TS_REGISTER, script], {
    cwd: ROOT,
    env: baseEnv({ PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  const output = keepTail(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${service} did not start`);
  const rss = new RssSampler(pid);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`${service} exited while starting:\n${output()}`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${service} was not ready after ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const forget = onInterrupt(() => new Promise((r) => (gone ? r(undefined) : (child.once('exit', r), child.kill('SIGKILL')))));
  return {
    name: service,
    url,
    pid,
    rss,
    output,
    async stop() {
      forget();
      const peak = rss.stop();
      if (!gone) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      return peak;
    },
  };
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  readonly peakRssMb: number;
  /** The command had done its work (doneWhen) but did not exit by itself. */
  readonly lingered?: boolean;
}

/** Runs a service's command (`import <file> …`, `replay`, `migrate`) to its end, with its wall time and peak RSS. */
export async function runServiceCommand(service: string, args: readonly string[], env: Record<string, string>, doneWhen?: (stdout: string) => boolean): Promise<CommandResult> {
  return runScript(join(ROOT, 'apps', service, 'src', 'main.ts'), args, env, doneWhen);
}

/**
 * Runs a TypeScript script from the sources to its end, with its wall time and peak RSS. With `doneWhen`, the run
 * counts as finished when its standard output satisfies it: the wall time stops there and the process is stopped
 * (SIGTERM, SIGKILL after 10 s) if it has not exited by itself — for a command that has done its work but hangs
 * while shutting down; `code` is then 0 and `lingered` true.
 */
export async function runScript(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  doneWhen?: (stdout: string) => boolean,
): Promise<CommandResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs(), '-r', TS_REGISTER, script, ...args], {
    cwd: ROOT,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  let stdout = '';
  let stderr = '';
  let doneAt: number | undefined;
  let killer: NodeJS.Timeout | undefined;
  child.stdout?.on('data', (c: Buffer) => {
    stdout = (stdout + c.toString()).slice(-20_000);
    if (doneWhen && doneAt === undefined && doneWhen(stdout)) {
      doneAt = performance.now();
      // Give it a moment to exit by itself, then stop it.
      killer = setTimeout(() => {
        child.kill('SIGTERM');
        killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      }, 5_000);
    }
  });
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
  const rss = new RssSampler(child.pid ?? -1, 50);
  const forget = onInterrupt(async () => child.kill('SIGKILL'));
  const exitedAt = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  clearTimeout(killer);
  forget();
  const lingered = doneAt !== undefined && exitedAt.signal !== null;
  return { code: lingered ? 0 : exitedAt.code, stdout, stderr, wallMs: (doneAt ?? performance.now()) - started, peakRssMb: rss.stop(), lingered };
}
