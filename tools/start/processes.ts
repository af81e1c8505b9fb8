/**
 * Child processes of the launcher: the services (long-running, their log lines prefixed with the service's name)
 * and one-off commands (build, migrate, generate, import) whose output lines go to a callback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One pino JSON line as a short human line (`WARN message key=value`); anything else as it is. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const levels: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
    const level = typeof entry.level === 'number' ? (levels[entry.level] ?? String(entry.level)) : String(entry.level ?? '');
    const msg = typeof entry.msg === 'string' ? entry.msg : '';
    const err = entry.err as { message?: string } | undefined;
    return `${level} ${msg}${err?.message ? ` (${err.message})` : ''}`.trim();
  } catch {
    return line;
  }
}

/** Calls `onLine` for every line a child writes on stdout and stderr. */
export function onLines(child: ChildProcess, onLine: (line: string, stream: 'stdout' | 'stderr') => void): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (source) createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => onLine(line, stream));
  }
}

export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines of output, for an error message. */
  readonly tail: readonly string[];
}

/** Runs a command to its end; every output line goes to `onLine`, and the last 40 are kept for errors. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onLine?: (line: string, stream: 'stdout' | 'stderr') => void; track?: (child: ChildProcess | undefined) => void },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    options.track?.(child);
    const tail: string[] = [];
    onLines(child, (line, stream) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      options.onLine?.(line, stream);
    });
    child.once('error', (error) => {
      options.track?.(undefined);
      reject(error);
    });
    child.once('close', (code, signal) => {
      options.track?.(undefined);
      resolve({ code, signal, tail });
    });
  });
}

/**
 * Sends a signal to a child's whole process group (children are spawned detached, as group leaders), so that a
 * command started through npm or a shell stops with everything it started.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** The launcher's side of tools/start/watchdog.ts: tells it every child to stop should the launcher die first. */
export interface Watchdog {
  readonly pid: number | undefined;
  watch(child: ChildProcess, stage: number): void;
}

/**
 * Starts the watchdog (detached: no signal for the launcher's group reaches it) with a pipe on its stdin that only
 * this process holds. Neither the watchdog nor the pipe keeps the launcher alive.
 */
export function startWatchdog(options: { cwd: string; tsRegister: string; script: string }): Watchdog {
  const child = spawn(process.execPath, ['-r', options.tsRegister, options.script, String(process.pid)], {
    cwd: options.cwd,
    stdio: ['pipe', 'ignore', 'inherit'],
    detached: true,
  });
  child.unref();
  // Without a watchdog the launcher still stops everything on a signal; only SIGKILL would leave children running.
  child.on('error', () => undefined);
  const input = child.stdin;
  input?.on('error', () => undefined);
  (input as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    pid: child.pid,
    watch(watched, stage) {
      if (watched.pid !== undefined && input?.writable) input.write(`${watched.pid} ${stage}\n`);
    },
  };
}
