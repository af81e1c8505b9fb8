/**
 * A service run the way an operator runs it — its own process, configured by its environment — but from the
 * TypeScript sources (`node -r ./tools/scripts/ts-register.cjs apps/<svc>/src/main.ts`), so that the fault run
 * needs no build and can SIGKILL it and start it again. Its output goes to a log file in the run's directory.
 * A shell watchdog kills the service when this process is gone, so no service outlives its run.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, TS_REGISTER as REGISTER } from '../lib/service';

const run = promisify(execFile);

/**
 * The workspace the services are started from. The benchmarks' own starter (bench/lib/service.ts) measures a process
 * (peak RSS, output kept in memory); this one supervises it (log files, SIGKILL and start again, a watchdog).
 */
export const WORKSPACE = ROOT;

const WATCHDOG = 'parent=$1; child=$2; while kill -0 $parent 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done; kill -KILL $child 2>/dev/null; exit 0';

export class ServiceProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  /** How many times the process was started. */
  starts = 0;

  constructor(
    readonly service: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The file its output goes to (every start of this service in the run appends to it). */
  get logFile(): string {
    return join(this.logDir, `${this.service}.log`);
  }

  /**
   * The same service (port, database, log file) with some variables changed, e.g. moved to another NATS. Stop this
   * one before starting that one.
   */
  withEnv(extra: Record<string, string>): ServiceProcess {
    return new ServiceProcess(this.service, this.port, { ...this.env, ...extra }, this.logDir);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  private environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, HOME: process.env.HOME, ...this.env, PORT: String(this.port), ...extra };
  }

  /** `main.ts <command> …` to completion (migrate, import): its output, or an error with it. */
  async command(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<string> {
    const { stdout } = await run(process.execPath, ['-r', REGISTER, join(WORKSPACE, 'apps', this.service, 'src', 'main.ts'), ...args], {
      cwd: WORKSPACE,
      env: this.environment(extraEnv),
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  }

  /** Starts the service and waits until it answers /health/live. */
  async start(timeoutMs = 300_000): Promise<number> {
    if (this.running) throw new Error(`${this.service} is already running`);
    const started = Date.now();
    this.starts += 1;
    this.log = createWriteStream(this.logFile, { flags: 'a' });
    this.log.write(`--- start ${this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, ['-r', REGISTER, join(WORKSPACE, 'apps', this.service, 'src', 'main.ts')], {
      cwd: WORKSPACE,
      // MIGRATE_ON_START keeps its default (true), as a supervisor's restart would run it: a no-op after `migrate`.
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    const watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'svc-watchdog', String(process.pid), String(child.pid)], { stdio: 'ignore', detached: true });
    watchdog.unref();
    const deadline = started + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.service} exited during start-up (see ${this.logFile})`);
      if (await this.answers('/health/live')) return Date.now() - started;
      if (Date.now() > deadline) throw new Error(`${this.service} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Whether GET `path` answers 200 now. */
  async answers(path: string): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** Sends `signal` and waits for the process to be gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
    this.log?.end(`--- stopped (${signal}) at ${new Date().toISOString()}\n`);
    this.log = undefined;
  }

  /** SIGKILL: the process dies at once, whatever it was doing (no shutdown hooks, no flush). */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }
}
