/**
 * What a benchmark must undo if it is interrupted (Ctrl-C, a CI timeout): stop the services it started, drop its
 * databases, stop its nats-server. Normal ends undo the same in `finally`; this covers SIGINT and SIGTERM.
 */
const tasks = new Set<() => Promise<unknown>>();
let installed = false;

/** Registers an undo step; call the returned function once the step has been done normally. */
export function onInterrupt(task: () => Promise<unknown>): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** For command-line runs: on SIGINT or SIGTERM, undo everything registered (newest first), then exit 130. */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  const handler = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping the services and removing the benchmark's databases…\n`);
    void (async () => {
      for (const task of [...tasks].reverse()) await Promise.race([task().catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
      process.exit(130);
    })();
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

/** A progress line on stderr (the tables go to stdout): `bench <name>: <what>`. */
export function progress(name: string, what: string): void {
  if (process.env.BENCH_QUIET !== 'true') process.stderr.write(`bench ${name}: ${what}\n`);
}
