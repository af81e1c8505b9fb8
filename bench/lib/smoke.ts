/**
 * What every smoke run checks (bench/*.smoke.spec.ts, in `npm test`): the benchmark ran to its end at a tiny size
 * and wrote its table — every row filled, every figure a number. Never its speed (that is the benchmark's job).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentOf, type BenchResult } from './report';
import type { Machine } from './machine';

/** The table's rows as cells, from the markdown the run writes (header and separator left out). */
export function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| measure ') && !line.startsWith('| ---'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

/** Writes the run's document to a temporary file, as the command does, and reads it back. */
export function writtenDocument(machine: Machine, result: BenchResult): string {
  const dir = mkdtempSync(join(tmpdir(), 'adminduk-bench-smoke-'));
  try {
    const file = join(dir, `${result.name}.md`);
    writeFileSync(file, documentOf(machine, [result]));
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A figure cell: a number (with thousands separators) and a unit, e.g. '1,234 req/s' or '0.52 ms'. */
export const NUMBER_CELL = /^-?[\d,]+(\.\d+)?(e-?\d+)? \S.*$/;

/** The smoke assertions: a document with the benchmark's section, one row per figure, every cell filled, numbers. */
export function expectFilledTable(markdown: string, result: BenchResult): void {
  expect(markdown).toContain(`## ${result.title}`);
  expect(result.figures.length).toBeGreaterThan(0);
  const rows = tableRows(markdown);
  expect(rows).toHaveLength(result.figures.length);
  rows.forEach((row, i) => {
    const f = result.figures[i];
    expect(row).toHaveLength(6);
    for (const cell of row) expect(cell).not.toBe('');
    expect(row[0]).toBe(f?.measure);
    expect(row[1]).toMatch(NUMBER_CELL);
    expect(Number.isFinite(f?.value)).toBe(true);
    if (f?.baseline) {
      expect(Number.isFinite(f.baseline.value)).toBe(true);
      expect(row[2]).toMatch(NUMBER_CELL);
    }
  });
}
