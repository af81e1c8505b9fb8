/**
 * The launcher ends when the process that started it is gone (issue 16 item 2).
 *
 * `npm start` runs the launcher as a grandchild: npm → `sh -c "node … tools/start/start.ts …"` → the launcher (dash,
 * Debian's /bin/sh, does not exec the last command). npm forwards SIGINT and SIGTERM to that shell only, never to the
 * launcher, and npm itself dies of SIGHUP. The shell dies of SIGTERM without passing it on; SIGINT it catches and
 * keeps until its child ends (a `sh -c` shell waits for its child to decide). Either way the launcher never sees the
 * signal and runs on, re-parented to PID 1 when the shell is gone. So the launcher watches:
 *
 *   - its parent: gone (the parent pid changed) → stop;
 *   - when that parent is the shell of an npm script, npm above it: gone → stop (SIGHUP on npm);
 *   - and that shell's wake-ups (`voluntary_ctxt_switches` in /proc/<pid>/status): a shell waiting for its only child
 *     sleeps until a signal it catches arrives — SIGINT, or SIGCHLD when the child is stopped or continued. A wake-up
 *     not explained by this process being stopped and continued (SIGCONT here, or a tick that came late) is SIGINT
 *     from npm → stop.
 *
 * Linux only (/proc); elsewhere the parent pid alone is watched. A `start` script beginning with `exec` would let npm
 * signal the launcher itself; this works with the script as it is.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** The parent pid of `pid` (Linux /proc), or undefined when the process is gone or /proc cannot tell. */
export function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid >= 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** The argument vector of `pid` (Linux /proc), or [] when it cannot be read. */
export function commandLineOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  } catch {
    return [];
  }
}

/** How many times `pid` went to sleep and was woken (Linux /proc), or undefined. */
export function wakeupsOf(pid: number): number | undefined {
  try {
    const m = /^voluntary_ctxt_switches:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an argument vector is a POSIX shell running a script given with -c (how npm runs a package script). */
export function isShellScript(argv: readonly string[]): boolean {
  return /^(sh|dash|bash|ash|ksh|mksh|zsh|busybox)$/.test(basename(argv[0] ?? '')) && argv.slice(1).includes('-c');
}

/** A process whose parent must stay `parent`: when it changes (or the process is gone), the one watched has ended. */
export interface WatchedLink {
  readonly pid: number;
  readonly parent: number;
  /** Who the parent is, for the message: 'the parent process', 'npm'. */
  readonly what: string;
}

/**
 * The links to watch from `self`: its own parent always; and when the parent is the shell of an npm script (npm
 * set npm_lifecycle_event, and the parent is `sh -c …`), the shell's parent (npm) too. Never further up: a launcher
 * started with `nohup npm start &` outlives the shell that typed it.
 */
export function linksToWatch(self: number, selfParent: number, env: NodeJS.ProcessEnv, read = { parentOf, commandLineOf }): WatchedLink[] {
  const npmShell = Boolean(env.npm_lifecycle_event) && isShellScript(read.commandLineOf(selfParent));
  const links: WatchedLink[] = [{ pid: self, parent: selfParent, what: `${npmShell ? "npm's shell" : 'the parent process'} (pid ${selfParent})` }];
  const npm = npmShell ? read.parentOf(selfParent) : undefined;
  if (npm !== undefined && npm > 1) links.push({ pid: selfParent, parent: npm, what: `npm (pid ${npm})` });
  return links;
}

/** The first link broken (its process gone or re-parented), or undefined while all hold. */
export function brokenLink(links: readonly WatchedLink[], self: number, currentParent: () => number, read = { parentOf }): WatchedLink | undefined {
  return links.find((link) => (link.pid === self ? currentParent() : read.parentOf(link.pid)) !== link.parent);
}

/**
 * Tells a signal caught by npm's shell from the wake-ups this process causes itself: fed the shell's wake-up count at
 * every tick, with whether this process was stopped and continued since the tick before, it answers true when the
 * shell woke up for something else. An unexplained wake-up is confirmed one tick later, so that a SIGCONT still on
 * its way (timers may run before the signal's event after a stop) explains it.
 */
export class ShellWakeups {
  private baseline: number | undefined;
  private suspect = false;

  constructor(first: number | undefined) {
    this.baseline = first;
  }

  /** `continued`: this process was stopped and continued since the last tick (SIGCONT, or the tick came late). */
  tick(wakeups: number | undefined, continued: boolean): boolean {
    if (wakeups === undefined || this.baseline === undefined || continued) {
      this.baseline = wakeups ?? this.baseline;
      this.suspect = false;
      return false;
    }
    if (wakeups === this.baseline) return false;
    if (!this.suspect) {
      this.suspect = true;
      return false;
    }
    return true;
  }
}

/**
 * Calls `onGone` once, with the reason, when the launcher's parent (or npm above its shell) is gone, or npm's shell
 * caught a signal; polls every `intervalMs` without keeping the process alive. Returns a function that stops watching.
 */
export function watchParents(onGone: (reason: string) => void, intervalMs = 500): () => void {
  const links = linksToWatch(process.pid, process.ppid, process.env);
  const shell = links.length > 1 ? (links[1] as WatchedLink).pid : undefined;
  const wakeups = shell === undefined ? undefined : new ShellWakeups(wakeupsOf(shell));
  let continued = false;
  const onContinue = (): void => void (continued = true);
  if (wakeups) process.on('SIGCONT', onContinue);
  let last = Date.now();
  const stop = (): void => {
    clearInterval(timer);
    process.removeListener('SIGCONT', onContinue);
  };
  const timer = setInterval(() => {
    const broken = brokenLink(links, process.pid, () => process.ppid);
    const late = Date.now() - last > intervalMs * 4;
    last = Date.now();
    if (broken) {
      stop();
      onGone(`${broken.what} is gone`);
    } else if (shell !== undefined && wakeups?.tick(wakeupsOf(shell), continued || late)) {
      stop();
      onGone(`npm's shell (pid ${shell}) caught a signal (npm passes SIGINT to it, not here)`);
    }
    continued = false;
  }, intervalMs);
  timer.unref();
  return stop;
}
