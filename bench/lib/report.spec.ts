// The benchmark tables: verdicts against targets (on the figure or on its ratio to the baseline), the numbers'
// precision, and a table with every cell filled.
import { documentOf, formatNumber, ratioOf, sectionOf, tableOf, verdictOf, type BenchResult } from './report';
import { tableRows } from './smoke';

const machine = { date: '2026-11-28T00:00:00Z', cores: 2, cpu: 'Test CPU', memoryGb: 4, node: 'v20.20.2', postgres: '15.20', nats: 'v2.9.10', loadAtStart: 0.5 };

const result: BenchResult = {
  name: 'rest',
  title: 'REST',
  command: 'npm run bench:rest',
  setup: 'test',
  figures: [
    { measure: 'throughput', value: 3500, unit: 'req/s', baseline: { name: 'bare', value: 6000 }, target: { kind: 'min', value: 3000 } },
    { measure: 'share of bare', value: 2500, unit: 'req/s', baseline: { name: 'bare', value: 6000 }, target: { kind: 'min', value: 0.5, on: 'ratio' } },
    { measure: 'p99', value: 31.5, unit: 'ms', target: { kind: 'max', value: 25 } },
    { measure: 'peak RSS', value: 250.4, unit: 'MiB' },
  ],
  notes: ['a note'],
};

describe('benchmark tables', () => {
  it('judges targets on the figure or on its ratio to the baseline', () => {
    expect(result.figures.map(verdictOf)).toEqual(['met', 'missed', 'missed', '—']);
    const [throughput, , p99] = result.figures;
    expect(throughput && ratioOf(throughput)).toBeCloseTo(3500 / 6000);
    expect(p99 && ratioOf(p99)).toBeUndefined();
  });

  it('a target without a baseline to compare with is missed, never met by default', () => {
    expect(verdictOf({ measure: 'x', value: 1, unit: 'ms', target: { kind: 'max', value: 2, on: 'ratio' } })).toBe('missed');
    expect(verdictOf({ measure: 'x', value: NaN, unit: 'ms', target: { kind: 'max', value: 2 } })).toBe('missed');
  });

  it.each([
    [12345.6, '12,346'],
    [250.4, '250'],
    [31.54, '31.5'],
    [3.14159, '3.14'],
    [0.01234, '0.012'],
  ])('prints %p as %p', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('writes one filled row per figure, and names the missed targets under the table', () => {
    const rows = tableRows(tableOf(result));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toHaveLength(6);
      for (const cell of row) expect(cell).not.toBe('');
    }
    expect(rows[0]).toEqual(['throughput', '3,500 req/s', '6,000 req/s (bare)', '0.58×', '≥ 3,000 req/s', 'met']);
    expect(rows[1]?.[4]).toBe('≥ 0.5× baseline');
    expect(sectionOf(result)).toContain('- Missed: share of bare; p99.');
  });

  it('puts the machine and the run conditions on top of the document', () => {
    const doc = documentOf(machine, [result]);
    expect(doc).toMatch(/^# Benchmarks\n/);
    expect(doc).toContain('2 cores (Test CPU), 4 GB; Node v20.20.2, PostgreSQL 15.20, nats-server v2.9.10; load average at start 0.5');
    expect(doc).toContain('## REST');
  });

  it('says so when the machine was busy with other work', () => {
    expect(documentOf({ ...machine, loadAtStart: 12 }, [result])).toContain('**Disturbed run:** the load average (12 at the start) was above the 2 cores');
  });
});
