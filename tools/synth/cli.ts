/**
 * `npm run synth -- --region 53.16 --seed 1 --format csv --out nagekeo.csv [--backlog backlog.ndjson]`
 * Writes a synthetic population register (and optionally its open backlog of deeds requests); see README.md.
 * Progress and the summary go to stderr; `--out -` writes the register to stdout.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { generateBacklog } from './backlog';
import { writeRegister, type RegisterFormat, type WriteProgress } from './format';
import { regencyTargets } from './population';

export const USAGE = `usage: npm run synth -- --region <53.16|53> --out <file|-> [--seed <n>] [--format csv|ndjson] [--scale <0..1>]
                     [--as-of YYYY-MM-DD] [--no-documents] [--ektp-share <0..1>] [--backlog <file.ndjson>]
                     [--backlog-weeks <n>] [--progress-every <rows>] [--quiet]`;

export interface CliArguments {
  region: string;
  out: string;
  seed: string;
  format: RegisterFormat;
  scale: number;
  asOf: string;
  documents: boolean;
  ektpShare?: number;
  backlog?: string;
  backlogWeeks?: number;
  progressEvery: number;
  quiet: boolean;
}

/** Today in the office's time zone (WITA, UTC+8): the default day the register describes. */
export function officeToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function parseArguments(argv: readonly string[], today = officeToday()): CliArguments | { error: string } {
  const a: Partial<CliArguments> = { seed: '1', scale: 1, asOf: today, documents: true, progressEvery: 50_000, quiet: false };
  const takesValue = new Set(['--region', '--out', '--seed', '--format', '--scale', '--as-of', '--ektp-share', '--backlog', '--backlog-weeks', '--progress-every']);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--no-documents') a.documents = false;
    else if (flag === '--quiet') a.quiet = true;
    else if (takesValue.has(flag)) {
      const value = argv[++i];
      if (value === undefined) return { error: `${flag} needs a value` };
      if (flag === '--region') a.region = value;
      else if (flag === '--out') a.out = value;
      else if (flag === '--seed') a.seed = value;
      else if (flag === '--format') {
        if (value !== 'csv' && value !== 'ndjson') return { error: '--format must be csv or ndjson' };
        a.format = value;
      } else if (flag === '--scale') {
        a.scale = Number(value);
        if (!(a.scale > 0 && a.scale <= 1)) return { error: '--scale must be a number in (0, 1]' };
      } else if (flag === '--as-of') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { error: '--as-of must be YYYY-MM-DD' };
        a.asOf = value;
      } else if (flag === '--ektp-share') {
        a.ektpShare = Number(value);
        if (!(a.ektpShare >= 0 && a.ektpShare <= 1)) return { error: '--ektp-share must be a number in [0, 1]' };
      } else if (flag === '--backlog') a.backlog = value;
      else if (flag === '--backlog-weeks') {
        a.backlogWeeks = Number(value);
        if (!(Number.isInteger(a.backlogWeeks) && a.backlogWeeks >= 1 && a.backlogWeeks <= 52)) return { error: '--backlog-weeks must be a whole number from 1 to 52' };
      } else if (flag === '--progress-every') {
        a.progressEvery = Number(value);
        if (!(Number.isInteger(a.progressEvery) && a.progressEvery > 0)) return { error: '--progress-every must be a positive whole number' };
      }
    } else return { error: `unknown argument ${JSON.stringify(flag)}` };
  }
  if (!a.region) return { error: '--region is required (53.16 for Nagekeo, 53 for the province)' };
  if (!a.out) return { error: '--out is required (a file, or - for standard output)' };
  if (!a.format) a.format = /\.(ndjson|jsonl)$/i.test(a.out) ? 'ndjson' : 'csv';
  return a as CliArguments;
}

function finished(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export async function main(argv: readonly string[], stderr: (line: string) => void = (l) => process.stderr.write(l)): Promise<number> {
  const args = parseArguments(argv);
  if ('error' in args) {
    stderr(`synth: ${args.error}\n${USAGE}\n`);
    return 2;
  }
  try {
    regencyTargets(args.region, args.scale);
  } catch (error) {
    stderr(`synth: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const options = { region: args.region, seed: args.seed, asOf: args.asOf, scale: args.scale, ...(args.ektpShare === undefined ? {} : { ektpRecordedShare: args.ektpShare }) };
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
  // A file is written under a temporary name and renamed when complete: a failed or interrupted run leaves
  // no half-written register behind (standard output and devices are written directly).
  const direct = args.out === '-' || args.out.startsWith('/dev/');
  const partial = direct ? args.out : `${args.out}.partial-${process.pid}`;
  const out: Writable = args.out === '-' ? process.stdout : createWriteStream(partial);
  let progress: WriteProgress;
  try {
    progress = await writeRegister(
      {
        ...options,
        format: args.format,
        documents: args.documents,
        progressEvery: args.progressEvery,
        onProgress: (p) => {
          if (!args.quiet && !p.done) stderr(`synth ${args.region}: ${p.rows} rows, ${p.cards} cards, ${rate(p.rows)} rows/s\n`);
        },
      },
      out,
    );
    if (out !== process.stdout) await finished(out);
    if (!direct) renameSync(partial, args.out);
  } catch (error) {
    if (!direct) rmSync(partial, { force: true });
    stderr(`synth: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let backlog = 0;
  if (args.backlog) {
    const partialBacklog = `${args.backlog}.partial-${process.pid}`;
    const file = createWriteStream(partialBacklog);
    try {
      for (const request of generateBacklog({ ...options, ...(args.backlogWeeks === undefined ? {} : { weeks: args.backlogWeeks }) })) {
        backlog++;
        if (!file.write(JSON.stringify(request) + '\n')) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
      }
      await finished(file);
      renameSync(partialBacklog, args.backlog);
    } catch (error) {
      rmSync(partialBacklog, { force: true });
      stderr(`synth: backlog: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  stderr(
    `synth ${args.region} (seed ${args.seed}, as of ${args.asOf}${args.scale !== 1 ? `, scale ${args.scale}` : ''}): ${progress.rows} residents (${progress.men} men, ${progress.women} women) on ${progress.cards} cards` +
      `${args.backlog ? `, ${backlog} backlog requests` : ''} in ${seconds.toFixed(1)} s (${rate(progress.rows)} rows/s), peak RSS ${rssMb} MB\n`,
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`synth failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
