// `npm start` stops cleanly whatever signal reaches it (issue 16 item 2). Each case runs `npm start` as a user does
// (npm → sh -c → the launcher, from sources, one service, no seed, a temporary data folder, free ports, a nats-server
// the launcher starts itself on a free port), waits for its banner, sends one signal to one target — npm's process,
// the launcher, or the whole process group as Ctrl-C in a terminal does — and then checks what a user would: no
// process of that run is left (every process of the run carries a unique marker in its environment, found through
// /proc), and the ports are free. Last, the launcher killed with SIGKILL: its watchdog stops what it left.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { brokenLink, isShellScript, linksToWatch, ShellWakeups } from './parents';
import { parseWatchLine, stopGroups } from './watchdog';

const ROOT = join(__dirname, '..', '..');
const MARK = 'ADMINDUK_STOPPING_TEST';
const STARTUP_MS = 180_000; // a few launchers at once from sources on two shared cores
const STOP_MS = 45_000; // the watchdog's grace (SIGTERM, then SIGKILL after 10 s) per stage, with room
/** Runs at once: enough to keep the whole file to a couple of minutes, few enough for two cores. */
const AT_ONCE = 3;

type Target = 'npm' | 'launcher' | 'group';

interface Proc {
  readonly pid: number;
  readonly argv: string[];
}

/** The processes of this user whose environment holds MARK=id (a zombie has no environment left: not counted). */
function processesMarked(id: string): Proc[] {
  const needle = `${MARK}=${id}`;
  const found: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(needle)) continue;
      found.push({ pid: Number(entry), argv: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((a) => a !== '') });
    } catch {
      // another user's process, or gone meanwhile
    }
  }
  return found;
}

const show = (procs: readonly Proc[]): string[] => procs.map((p) => `${p.pid} ${p.argv.join(' ').slice(0, 160)}`);

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A base port with the run's ports free: the app (base - 1), identity (base), sign-in (base + 4), NATS (base + 10). */
async function freePortBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await Promise.all(portsOf(base).map(portFree))).every(Boolean)) return base;
  }
}

const portsOf = (base: number): number[] => [base - 1, base, base + 1, base + 2, base + 3, base + 4, base + 10];

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

let running = 0;
const queue: (() => void)[] = [];
async function slot<T>(body: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await body();
  } finally {
    running--;
    queue.shift()?.();
  }
}

interface Outcome {
  readonly before: Proc[];
  readonly left: Proc[];
  readonly busyPorts: number[];
  readonly output: string;
  readonly launcherPid: number;
}

/** One `npm start`: up, one signal to one target, then what is left. Whatever is left is killed afterwards. */
async function runAndStop(target: Target, signal: NodeJS.Signals): Promise<Outcome> {
  const id = randomBytes(6).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'adminduk-stopping-'));
  const base = await freePortBase();
  let npm: ChildProcess | undefined;
  try {
    npm = spawn('npm', ['start', '--', '--no-seed', '--services', 'identity', '--data', dataDir, '--port-base', String(base)], {
      cwd: ROOT,
      env: {
        ...process.env,
        ADMINDUK_FROM_SOURCES: '1',
        LOG_LEVEL: 'warn',
        NATS_URL: `nats://127.0.0.1:${base + 10}`,
        NATS_PREFIX: `stopping-${id}`,
        [MARK]: id,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a shell gives a job: npm leads it, sh and the launcher are in it.
      detached: true,
    });
    let output = '';
    npm.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    npm.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const npmPid = npm.pid as number;
    let npmExited = false;
    npm.once('exit', () => (npmExited = true));
    // 'close': npm has exited and everything that shared its output (the launcher, the watchdog) has let go of it, so
    // the last lines are in `output`.
    let npmClosed = false;
    npm.once('close', () => (npmClosed = true));

    const up = await until(() => output.includes('Adminduk is running') || npmExited, STARTUP_MS);
    if (!up || npmExited) throw new Error(`npm start was not running (${npmExited ? 'npm exited' : 'timed out'}):\n${output}`);
    const before = processesMarked(id);
    const launcher = before.find((p) => p.argv.some((a) => a.endsWith('tools/start/start.ts')) && !isShellScript(p.argv));
    if (!launcher) throw new Error(`no launcher among ${show(before).join('\n')}`);

    if (target === 'npm') process.kill(npmPid, signal);
    else if (target === 'launcher') process.kill(launcher.pid, signal);
    else process.kill(-npmPid, signal);

    await until(() => npmClosed && processesMarked(id).length === 0, STOP_MS);
    const left = processesMarked(id);
    const busyPorts: number[] = [];
    for (const port of portsOf(base)) if (!(await portFree(port))) busyPorts.push(port);
    return { before, left, busyPorts, output, launcherPid: launcher.pid };
  } finally {
    // A failed case must not leave its processes running (today's launcher does): they carry this run's marker.
    for (const p of processesMarked(id)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function expectEverythingStopped(outcome: Outcome): void {
  expect(show(outcome.left)).toEqual([]);
  expect(outcome.busyPorts).toEqual([]);
  // The marker reached every kind of process of the run, so the empty list above means something.
  const kinds = outcome.before.map((p) => p.argv.join(' '));
  expect(kinds.some((a) => /nats-server/.test(a))).toBe(true);
  expect(kinds.some((a) => /apps\/identity\/src\/main\.ts/.test(a))).toBe(true);
  expect(kinds.some((a) => /tools\/oidc\/main\.ts/.test(a))).toBe(true);
  expect(kinds.some((a) => /tools\/start\/watchdog\.ts/.test(a))).toBe(true);
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const CASES: [Target, NodeJS.Signals][] = [
  ...SIGNALS.map((s): [Target, NodeJS.Signals] => ['launcher', s]),
  ...SIGNALS.map((s): [Target, NodeJS.Signals] => ['npm', s]),
  // Ctrl-C in a terminal, kill -TERM -<pgid>, and the terminal closed.
  ...SIGNALS.map((s): [Target, NodeJS.Signals] => ['group', s]),
];

describe('how the launcher learns that npm was signalled, and how its watchdog stops what it left', () => {
  const npmShell = ['sh', '-c', 'node -r ./tools/scripts/ts-register.cjs tools/start/start.ts --no-seed'];
  const read = { parentOf: (pid: number) => ({ 50: 40, 40: 1 })[pid], commandLineOf: (pid: number) => (pid === 50 ? npmShell : ['node']) };

  test("under npm's shell: the parent and npm above it are watched; elsewhere only the parent", () => {
    expect(isShellScript(npmShell)).toBe(true);
    expect(isShellScript(['/usr/bin/bash', '-c', 'x'])).toBe(true);
    expect(isShellScript(['node', 'tools/start/start.ts'])).toBe(false);
    expect(linksToWatch(60, 50, { npm_lifecycle_event: 'start' }, read)).toEqual([
      { pid: 60, parent: 50, what: "npm's shell (pid 50)" },
      { pid: 50, parent: 40, what: 'npm (pid 40)' },
    ]);
    // Not run by npm (a jest worker, a terminal), or npm ran the launcher itself: the parent only.
    expect(linksToWatch(60, 50, {}, read)).toEqual([{ pid: 60, parent: 50, what: 'the parent process (pid 50)' }]);
    expect(linksToWatch(60, 40, { npm_lifecycle_event: 'start' }, read)).toHaveLength(1);
  });

  test('a link breaks when the parent pid changes or the process is gone', () => {
    const links = linksToWatch(60, 50, { npm_lifecycle_event: 'start' }, read);
    expect(brokenLink(links, 60, () => 50, read)).toBeUndefined();
    expect(brokenLink(links, 60, () => 1, read)?.what).toBe("npm's shell (pid 50)");
    expect(brokenLink(links, 60, () => 50, { parentOf: () => 1 })?.what).toBe('npm (pid 40)');
    expect(brokenLink(links, 60, () => 50, { parentOf: () => undefined })?.what).toBe('npm (pid 40)');
  });

  test("the shell waking up is SIGINT from npm, unless this process was stopped and continued", () => {
    const quiet = new ShellWakeups(2);
    expect([quiet.tick(2, false), quiet.tick(2, false)]).toEqual([false, false]);
    const signalled = new ShellWakeups(2);
    expect([signalled.tick(3, false), signalled.tick(3, false)]).toEqual([false, true]); // confirmed one tick later
    const continued = new ShellWakeups(2);
    expect([continued.tick(3, false), continued.tick(4, true), continued.tick(4, false), continued.tick(4, false)]).toEqual([false, false, false, false]);
    const unreadable = new ShellWakeups(undefined);
    expect([unreadable.tick(undefined, false), unreadable.tick(undefined, false)]).toEqual([false, false]);
  });

  test('the watchdog reads `<pgid> <stage>` lines and stops stage by stage: SIGTERM, then SIGKILL for what stays', async () => {
    expect(parseWatchLine('1234 2')).toEqual({ pgid: 1234, stage: 2 });
    for (const bad of ['', '1 0', '0 0', 'x 1', '12 -1', '12']) expect(parseWatchLine(bad)).toBeUndefined();
    const alive = new Set([10, 11, 20]);
    const sent: string[] = [];
    await stopGroups(
      [
        { pgid: 20, stage: 2 },
        { pgid: 10, stage: 0 },
        { pgid: 11, stage: 0 },
        { pgid: 12, stage: 1 }, // already gone: nothing sent
      ],
      300,
      (pgid) => alive.has(pgid),
      (pgid, signal) => {
        sent.push(`${signal} ${pgid}`);
        if (signal === 'SIGKILL' || pgid !== 11) alive.delete(pgid); // 11 ignores SIGTERM
      },
    );
    expect(sent).toEqual(['SIGTERM 10', 'SIGTERM 11', 'SIGKILL 11', 'SIGTERM 20']);
  });
});

describe('npm start stops cleanly whatever signal reaches it', () => {
  test.concurrent.each(CASES)(
    '%s gets %s: the launcher stops the service, the sign-in provider and its nats-server; nothing left, ports free',
    async (target, signal) => {
      const outcome = await slot(() => runAndStop(target, signal));
      expectEverythingStopped(outcome);
      // The launcher's own orderly stop, not its watchdog.
      expect(outcome.output).toMatch(/start: stopped/);
      expect(outcome.output).not.toMatch(/watchdog:/);
      // npm passes nothing on to the launcher: it noticed npm or its shell gone, or the shell woken by SIGINT.
      if (target === 'npm') expect(outcome.output).toMatch(/start: npm('s shell)? \(pid \d+\).*: stopping/);
      // Signalled itself, it never took anything else for a signal to npm while it ran.
      if (target === 'launcher') expect(outcome.output).not.toMatch(/start: npm/);
    },
    STARTUP_MS * 3 + STOP_MS,
  );

  test.concurrent(
    'the launcher killed with SIGKILL: its watchdog stops what it left; nothing left, ports free',
    async () => {
      const outcome = await slot(() => runAndStop('launcher', 'SIGKILL'));
      expectEverythingStopped(outcome);
      expect(outcome.output).toContain(`watchdog: the launcher (pid ${outcome.launcherPid}) is gone`);
    },
    STARTUP_MS * 3 + STOP_MS,
  );
});
