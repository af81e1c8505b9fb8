/**
 * `npm run faults` (the full run of issue 9) and `npm run faults:smoke` (a small one, also run by CI through
 * faults.smoke.spec.ts). Options:
 *
 *   --smoke                 the small sizes (24 + 12 + 12 + 10 + 12 births, 5 s NATS outage, 3 s PostgreSQL outage,
 *                           3 s cluster member down)
 *   --births <n>            births of the NATS scenario (the others: half, half, a quarter, half; full run 2000)
 *   --nats-outage <s>       how long NATS stays down (default 30; smoke 5)
 *   --pg-down <s>           how long PostgreSQL stays down (default 10; smoke 3)
 *   --node-down <s>         how long the SIGKILLed member of the 3-node NATS cluster stays down (default 10; smoke 3)
 *   --concurrency <n>       births driven at once (default 8; smoke 6)
 *   --out <file>            where the markdown table goes (default: <tmp>/adminduk-faults-<date>.md)
 *   --keep-logs             keep the services' logs even when every scenario passed
 *   --help                  this list
 *
 * Exit status 0 when every scenario passed, 1 otherwise (the table says what failed), 2 for bad usage.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FULL, runFaults, SMOKE, type FaultOptions } from './faults';

const USAGE = 'usage: faults [--smoke] [--births n] [--nats-outage s] [--pg-down s] [--node-down s] [--concurrency n] [--out file] [--keep-logs] [--help]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function positive(name: string, raw: string | undefined, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0 || n > max) usage(`${name} needs a number from 1 to ${max}`);
  return n;
}

async function main(argv: readonly string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  const base = smoke ? SMOKE : FULL;
  let births = base.births;
  let natsOutageMs = base.natsOutageMs;
  let postgresDownMs = base.postgresDownMs;
  let natsNodeDownMs = base.natsNodeDownMs;
  let concurrency = base.concurrency;
  let out = join(tmpdir(), `adminduk-faults-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.md`);
  let keepLogs = false;
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n(see bench/faults/run-faults.ts for what each option does)\n`);
    return 0;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') continue;
    else if (arg === '--births') {
      const n = Math.round(positive(arg, argv[++i], 100_000));
      const half = Math.max(10, Math.round(n / 2));
      births = { natsOutage: n, sigkill: half, postgresRestart: half, poison: Math.max(10, Math.round(n / 4)), natsCluster: half };
    } else if (arg === '--nats-outage') natsOutageMs = positive(arg, argv[++i], 3_600) * 1000;
    else if (arg === '--node-down') natsNodeDownMs = positive(arg, argv[++i], 3_600) * 1000;
    else if (arg === '--pg-down') postgresDownMs = positive(arg, argv[++i], 3_600) * 1000;
    else if (arg === '--concurrency') concurrency = Math.round(positive(arg, argv[++i], 256));
    else if (arg === '--out') out = resolve(argv[++i] ?? usage('--out needs a file'));
    else if (arg === '--keep-logs') keepLogs = true;
    else usage(`unknown option ${arg}`);
  }
  // The command as it was typed, without --smoke (in the script's name) and without --out's file (machine-specific).
  const shown = argv.filter((a, i) => a !== '--smoke' && a !== '--out' && argv[i - 1] !== '--out');
  const options: FaultOptions = {
    ...base,
    births,
    natsOutageMs,
    postgresDownMs,
    natsNodeDownMs,
    concurrency,
    out,
    keepLogs,
    title: smoke ? 'Fault injection (smoke run)' : 'Fault injection',
    command: [`npm run ${smoke ? 'faults:smoke' : 'faults'}`, ...(shown.length > 0 ? ['--', ...shown] : [])].join(' '),
  };
  const run = await runFaults(options);
  process.stdout.write(`${run.markdown}\n`);
  process.stderr.write(`table written to ${run.out}${run.results.some((r) => !r.passed) ? `; service logs kept in ${run.runDir}` : ''}\n`);
  return run.results.every((r) => r.passed) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fault run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
