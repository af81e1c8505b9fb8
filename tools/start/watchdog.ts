/**
 * The launcher's watchdog (issue 16 item 2): stops what the launcher started when the launcher ends without stopping
 * it — SIGKILL, a crash, the out-of-memory killer.
 *
 *   node -r tools/scripts/ts-register.cjs tools/start/watchdog.ts <launcher pid>
 *
 * The launcher starts it first, detached (a session of its own, so that no signal meant for the launcher's terminal
 * or process group reaches it), with a pipe on its stdin, and writes one line `<pgid> <stage>` for every child it
 * starts (children are spawned detached: a child's pid is its process group). The kernel closes the launcher's end of
 * the pipe however the launcher ends, so end of input means the launcher is gone (a changed parent pid too). Then the
 * watchdog stops every group still alive, stage by stage — 0 one-off commands and services, 1 the sign-in provider,
 * 2 the nats-server the launcher started — each with SIGTERM, then SIGKILL after the grace period, and exits. After a
 * normal stop nothing is left and it just exits. Groups that ended are forgotten every second, so that a pid used
 * again later is never signalled.
 */
import { createInterface } from 'node:readline';

/** The order in which the watchdog stops what is left. */
export const WATCH_STAGE = { work: 0, signIn: 1, nats: 2 } as const;
export type WatchStage = (typeof WATCH_STAGE)[keyof typeof WATCH_STAGE];

export interface WatchedGroup {
  readonly pgid: number;
  readonly stage: number;
}

/** One line of the launcher: `<pgid> <stage>`; anything else (or a pgid of 0 or 1) is ignored. */
export function parseWatchLine(line: string): WatchedGroup | undefined {
  const m = /^(\d+) (\d+)$/.exec(line.trim());
  if (!m) return undefined;
  const pgid = Number(m[1]);
  return pgid > 1 ? { pgid, stage: Number(m[2]) } : undefined;
}

/** Whether a process group of this user still has a process. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    // ESRCH: gone; EPERM: someone else's group now, not ours to stop.
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // gone meanwhile
  }
}

/** Stops the groups stage by stage: SIGTERM, up to `graceMs` for them to end, then SIGKILL. */
export async function stopGroups(groups: readonly WatchedGroup[], graceMs: number, alive = groupAlive, send = signalGroup): Promise<void> {
  const stages = [...new Set(groups.map((g) => g.stage))].sort((a, b) => a - b);
  for (const stage of stages) {
    const now = groups.filter((g) => g.stage === stage && alive(g.pgid));
    for (const g of now) send(g.pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (now.some((g) => alive(g.pgid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const g of now) if (alive(g.pgid)) send(g.pgid, 'SIGKILL');
  }
}

function main(): void {
  const launcher = Number(process.argv[2]) || process.ppid;
  const parent = process.ppid;
  const groups = new Map<number, WatchedGroup>();
  // Its stderr is the launcher's: perhaps a terminal or a pipe that is gone too. A message that cannot be written is
  // no reason to leave the services running.
  process.stderr.on('error', () => undefined);
  let ending = false;
  const end = async (): Promise<void> => {
    if (ending) return;
    ending = true;
    const left = [...groups.values()].filter((g) => groupAlive(g.pgid));
    if (left.length > 0) {
      process.stderr.write(`start: watchdog: the launcher (pid ${launcher}) is gone; stopping what it left running (process groups ${left.map((g) => g.pgid).join(', ')})\n`);
      await stopGroups(left, Number(process.env.ADMINDUK_WATCHDOG_GRACE_MS) || 10_000);
    }
    process.exit(0);
  };
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const group = parseWatchLine(line);
    if (group) groups.set(group.pgid, group);
  });
  lines.on('close', () => void end());
  setInterval(() => {
    if (process.ppid !== parent) void end();
    for (const pgid of groups.keys()) if (!groupAlive(pgid)) groups.delete(pgid);
  }, 1_000);
}

if (require.main === module) main();
