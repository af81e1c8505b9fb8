/**
 * Benchmark results and their markdown: one table per benchmark (measure, value, baseline measured in the
 * same run, ratio, target, verdict), the machine on top, notes below (a missed target says why).
 */
import { loadavg } from 'node:os';
import { machineLine, type Machine } from './machine';

export interface Target {
  /** 'max': at most `value`; 'min': at least `value`. */
  readonly kind: 'max' | 'min';
  readonly value: number;
  /** Whether the target applies to the figure itself or to its ratio to the baseline (default: the figure). */
  readonly on?: 'value' | 'ratio';
}

export interface Figure {
  readonly measure: string;
  readonly value: number;
  /** 'ms', 'req/s', 'births/s', 'MiB', 's', 'rows/s', ... */
  readonly unit: string;
  readonly baseline?: { readonly name: string; readonly value: number };
  readonly target?: Target;
}

export interface BenchResult {
  /** 'rest', 'events', ... */
  readonly name: string;
  readonly title: string;
  /** The command that reproduces it. */
  readonly command: string;
  /** What was measured, on what data. */
  readonly setup: string;
  readonly figures: readonly Figure[];
  /** Explanations: what a missed target is due to, what was left out. */
  readonly notes: readonly string[];
}

export type Verdict = 'met' | 'missed' | '—';

export function ratioOf(f: Figure): number | undefined {
  if (!f.baseline || f.baseline.value === 0) return undefined;
  return f.value / f.baseline.value;
}

export function verdictOf(f: Figure): Verdict {
  if (!f.target) return '—';
  const subject = f.target.on === 'ratio' ? ratioOf(f) : f.value;
  if (subject === undefined || !Number.isFinite(subject)) return 'missed';
  return (f.target.kind === 'max' ? subject <= f.target.value : subject >= f.target.value) ? 'met' : 'missed';
}

/** Figures with sensible precision: 3 significant digits below 100, whole numbers above, thousands separated. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** Ratios near 1 with three decimals (a plan 0.4% better shows), others like figures. */
function ratioText(ratio: number): string {
  if (Math.abs(ratio - 1) < 0.05) return ratio.toFixed(3);
  return ratio < 10 ? ratio.toFixed(2) : formatNumber(ratio);
}

function targetText(f: Figure): string {
  if (!f.target) return '—';
  const sign = f.target.kind === 'max' ? '≤' : '≥';
  return f.target.on === 'ratio' ? `${sign} ${f.target.value}× baseline` : `${sign} ${formatNumber(f.target.value)} ${f.unit}`;
}

export function tableOf(result: BenchResult): string {
  const lines = ['| measure | value | baseline (same run) | ratio | target | verdict |', '| --- | --- | --- | --- | --- | --- |'];
  for (const f of result.figures) {
    const ratio = ratioOf(f);
    lines.push(
      [
        '',
        f.measure,
        `${formatNumber(f.value)} ${f.unit}`,
        f.baseline ? `${formatNumber(f.baseline.value)} ${f.unit} (${f.baseline.name})` : '—',
        ratio === undefined ? '—' : `${ratioText(ratio)}×`,
        targetText(f),
        verdictOf(f),
        '',
      ]
        .join(' | ')
        .trim(),
    );
  }
  return lines.join('\n');
}

export function sectionOf(result: BenchResult): string {
  const parts = [`## ${result.title}`, '', `\`${result.command}\` — ${result.setup}`, ...(result.figures.length > 0 ? ['', tableOf(result)] : [])];
  const missed = result.figures.filter((f) => verdictOf(f) === 'missed').map((f) => f.measure);
  const notes = [...result.notes];
  if (missed.length > 0 && !notes.some((n) => n.startsWith('Missed'))) notes.unshift(`Missed: ${missed.join('; ')}.`);
  if (notes.length > 0) parts.push('', ...notes.map((n) => `- ${n}`));
  return parts.join('\n');
}

export function documentOf(machine: Machine, results: readonly BenchResult[], intro: readonly string[] = []): string {
  const load = loadavg().map((l) => l.toFixed(2)).join(' / ');
  return [
    '# Benchmarks',
    '',
    ...intro,
    ...(intro.length > 0 ? [''] : []),
    `Machine: ${machineLine(machine)}; load average at the end ${load} (1 / 5 / 15 min).`,
    '',
    // Only the load before the run says whether other work was there: during and after it, the benchmark's own
    // services, PostgreSQL and load generator keep the load average above the core count by design.
    ...(machine.loadAtStart > machine.cores
      ? [
          `**Disturbed run:** the load average (${machine.loadAtStart} at the start) was above the ${machine.cores} cores: other work shared the CPU, so times are inflated and rates deflated by an unknown factor. Ratios to the baselines, measured in the same conditions, are the more telling figures; run again on a quiet machine for absolute ones.`,
          '',
        ]
      : []),
    ...results.flatMap((r) => [sectionOf(r), '']),
  ].join('\n');
}

/** A figure from a baseline and a measurement in one line (keeps the benchmark code short). */
export function figure(measure: string, value: number, unit: string, extra: Omit<Figure, 'measure' | 'value' | 'unit'> = {}): Figure {
  return { measure, value, unit, ...extra };
}

/** The section of a benchmark that failed: no figures, the reason. */
export function failedResult(name: string, reason: string): BenchResult {
  return {
    name,
    title: `${name}: FAILED`,
    command: `npm run bench:${name}`,
    setup: 'the run stopped before its figures were complete',
    figures: [],
    notes: [`Failed: ${reason.split('\n')[0]?.slice(0, 500)}`],
  };
}
