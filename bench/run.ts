/**
 * One command per benchmark (issue 9):
 *
 *   node -r ./tools/scripts/ts-register.cjs bench/run.ts <name>… [--smoke] [--out file.md] [--skip-ntt] [--births 2000 …]
 *
 * through the npm scripts `bench:import`, `bench:rest`, `bench:events`, `bench:reporting`, `bench:planner`, and
 * `bench` for all of them (which writes docs/benchmarks.md). Each run prints its document and writes it to
 * tmp/bench/<name>.md (or --out). Sizes that may be given: SIZE_OPTIONS in benchmarks.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ADMIN_URL } from '@adminduk/platform/testing';
import { installInterruptHandlers } from './lib/cleanup';
import { describeMachine } from './lib/machine';
import { documentOf, failedResult, type BenchResult } from './lib/report';
import { ROOT } from './lib/service';
import { BENCHMARKS, DOCUMENT_INTRO, SIZE_OPTIONS } from './benchmarks';

async function main(argv: readonly string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  const skipNtt = argv.includes('--skip-ntt');
  // The last of a repeated option counts (npm run bench -- --out x.md overrides the script's own --out).
  const outIndex = argv.lastIndexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  const sizes: Record<string, number> = {};
  for (const option of SIZE_OPTIONS) {
    const i = argv.lastIndexOf(`--${option}`);
    if (i < 0) continue;
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value <= 0) {
      process.stderr.write(`--${option} needs a positive number\n`);
      return 2;
    }
    sizes[option] = value;
  }
  const takesValue = new Set(['--out', ...SIZE_OPTIONS.map((o) => `--${o}`)]);
  const names = argv.filter((a, i) => !a.startsWith('--') && !takesValue.has(argv[i - 1] ?? ''));
  const wanted = names.length === 0 || names.includes('all') ? Object.keys(BENCHMARKS) : names;
  const unknown = wanted.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; one of: ${Object.keys(BENCHMARKS).join(', ')}, all\n`);
    return 2;
  }
  installInterruptHandlers();
  const machine = await describeMachine(ADMIN_URL);
  const file = resolve(ROOT, out ?? join('tmp', 'bench', `${wanted.length === 1 ? wanted[0] : 'all'}${smoke ? '-smoke' : ''}.md`));
  mkdirSync(dirname(file), { recursive: true });
  const results: BenchResult[] = [];
  let failed = 0;
  for (const name of wanted) {
    process.stderr.write(`bench ${name}${smoke ? ' (smoke)' : ''}: running…\n`);
    const started = performance.now();
    try {
      results.push(await BENCHMARKS[name as keyof typeof BENCHMARKS]({ smoke, skipNtt, sizes }));
      process.stderr.write(`bench ${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      // One benchmark failing does not cost the others' figures: its section says why, and the exit status is 1.
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench ${name}: FAILED after ${((performance.now() - started) / 1000).toFixed(1)} s: ${error instanceof Error ? (error.stack ?? reason) : reason}\n`);
      results.push(failedResult(name, reason));
    }
    // Written after every benchmark, so that a long run interrupted later keeps what it measured.
    writeFileSync(file, documentOf(machine, results, DOCUMENT_INTRO));
  }
  const document = documentOf(machine, results, DOCUMENT_INTRO);
  writeFileSync(file, document);
  process.stdout.write(`${document}\n(written to ${file})\n`);
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
