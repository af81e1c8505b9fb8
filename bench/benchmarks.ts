/** The benchmarks by name, each at full size or as a smoke run (tiny, seconds: what CI runs). */
import { EVENTS_SMOKE, runEvents } from './events.bench';
import { EXPORT_SMOKE, runExport } from './export.bench';
import { IMPORT_SMOKE, runImport } from './import.bench';
import type { BenchResult } from './lib/report';
import { PLANNER_SMOKE, runPlanner } from './planner.bench';
import { REPORTING_SMOKE, runReporting } from './reporting.bench';
import { REST_SMOKE, runRest } from './rest.bench';
import { runWeb, WEB_SMOKE } from './web.bench';

export interface BenchFlags {
  readonly smoke: boolean;
  /** `--skip-ntt`: leave out the province-sized parts (import, planner). */
  readonly skipNtt: boolean;
  /**
   * Sizes from the command line, each applied to the benchmarks that have it: `--scale 0.5` (share of Nagekeo),
   * `--births`, `--rate`, `--setup-concurrency`, `--connections`, `--duration` (seconds), `--warmup`, `--requests`,
   * `--weeks`, `--runs`, `--seed`.
   */
  readonly sizes: Readonly<Record<string, number>>;
}

/** The options given on the command line, under each benchmark's own option names. */
function sized(f: BenchFlags): Record<string, number> {
  const out: Record<string, number> = {};
  const names: Record<string, string> = { duration: 'durationSeconds', warmup: 'warmupSeconds', 'setup-concurrency': 'setupConcurrency' };
  for (const [key, value] of Object.entries(f.sizes)) out[names[key] ?? key] = value;
  return out;
}

export const BENCHMARKS = {
  import: (f: BenchFlags): Promise<BenchResult> => runImport({ ...(f.smoke ? IMPORT_SMOKE : { ntt: !f.skipNtt }), ...sized(f) }),
  export: (f: BenchFlags): Promise<BenchResult> => runExport({ ...(f.smoke ? EXPORT_SMOKE : {}), ...sized(f) }),
  rest: (f: BenchFlags): Promise<BenchResult> => runRest({ ...(f.smoke ? REST_SMOKE : {}), ...sized(f) }),
  events: (f: BenchFlags): Promise<BenchResult> => runEvents({ ...(f.smoke ? EVENTS_SMOKE : {}), ...sized(f) }),
  reporting: (f: BenchFlags): Promise<BenchResult> => runReporting({ ...(f.smoke ? REPORTING_SMOKE : {}), ...sized(f) }),
  web: (f: BenchFlags): Promise<BenchResult> => runWeb({ ...(f.smoke ? WEB_SMOKE : {}), ...sized(f) }),
  planner: (f: BenchFlags): Promise<BenchResult> => runPlanner({ ...(f.smoke ? PLANNER_SMOKE : f.skipNtt ? { nttRegencies: 0 } : {}), ...sized(f) }),
} as const;

export const SIZE_OPTIONS = ['scale', 'births', 'rate', 'setup-concurrency', 'connections', 'duration', 'warmup', 'requests', 'weeks', 'runs', 'seed'] as const;

export const DOCUMENT_INTRO = [
  'Written by `npm run bench` (each section also by its own `npm run bench:<name>`); every figure is compared with a',
  'baseline measured in the same run on the same machine. See bench/README.md for what each benchmark does.',
];
