/**
 * `npm run restore-drill` (issue 16, item 5b): the backup-and-restore drill of restore-drill.ts, its table printed
 * and written into docs/benchmarks.md (the section "## Backup and restore drill", replaced). Options:
 *
 *   --smoke             the small sizes of the CI spec (10 + 6 + 4 births); writes no file unless --docs is given
 *   --births <n>        births before the base backup (after it: half; after the restore point: a quarter; default 400)
 *   --concurrency <n>   births driven at once (default 8)
 *   --no-reporting      identity and deeds only
 *   --docs <file>       where the section goes (default docs/benchmarks.md)
 *   --no-docs           print only
 *   --keep-logs         keep the services' and the restored cluster's logs even when every check passed
 *
 * Exit status 0 when every check passed, 1 otherwise (the table says which), 2 for bad usage.
 */
import { resolve } from 'node:path';
import { ROOT } from '../lib/service';
import { writeSection, renderDrill } from './report';
import { FULL, runRestoreDrill, SMOKE, type DrillOptions } from './restore-drill';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: restore-drill [--smoke] [--births n] [--concurrency n] [--no-reporting] [--docs file | --no-docs] [--keep-logs]\n`);
  process.exit(2);
}

function positive(name: string, raw: string | undefined, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n <= 0 || n > max) usage(`${name} needs a whole number from 1 to ${max}`);
  return n;
}

async function main(argv: readonly string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  let options: DrillOptions = smoke ? SMOKE : FULL;
  let docs: string | undefined = smoke ? undefined : resolve(ROOT, 'docs', 'benchmarks.md');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') continue;
    else if (arg === '--births') {
      const n = positive(arg, argv[++i], 100_000);
      options = { ...options, births: { beforeBackup: n, beforeTarget: Math.max(1, Math.round(n / 2)), afterTarget: Math.max(1, Math.round(n / 4)) } };
    } else if (arg === '--concurrency') options = { ...options, concurrency: positive(arg, argv[++i], 256) };
    else if (arg === '--no-reporting') options = { ...options, withReporting: false };
    else if (arg === '--docs') docs = resolve(argv[++i] ?? usage('--docs needs a file'));
    else if (arg === '--no-docs') docs = undefined;
    else if (arg === '--keep-logs') options = { ...options, keepLogs: true };
    else usage(`unknown option ${arg}`);
  }
  // The command as typed, without the file of --docs (machine-specific).
  const shown = argv.filter((a, i) => a !== '--docs' && argv[i - 1] !== '--docs' && a !== '--no-docs');
  const command = ['npm run restore-drill', ...(shown.length > 0 ? ['--', ...shown] : [])].join(' ');
  const result = await runRestoreDrill(options);
  const markdown = renderDrill(result, command);
  process.stdout.write(`${markdown}\n`);
  // Measured figures only: a failed drill's table is printed, never published.
  if (docs && result.passed) {
    writeSection(docs, markdown);
    process.stderr.write(`section written to ${docs}\n`);
  } else if (docs) process.stderr.write(`not written to ${docs}: the drill failed\n`);
  if (result.logsKept) process.stderr.write(`logs kept in ${result.logsKept}\n`);
  return result.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`restore drill failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
