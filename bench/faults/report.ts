/** The markdown a fault run prints and writes: a self-contained section with the machine, the date and the figures. */
import { cpus, totalmem } from 'node:os';

export interface ScenarioResult {
  readonly scenario: string;
  /** What ran: births, concurrency. */
  readonly load: string;
  /** What was done to the system. */
  readonly fault: string;
  readonly passed: boolean;
  /** Every check that failed, in words. */
  readonly problems: readonly string[];
  /** The figures, in the order they are shown. */
  readonly figures: ReadonlyArray<readonly [string, string | number]>;
  readonly durationMs: number;
}

export interface Machine {
  readonly cores: string;
  readonly memory: string;
  readonly node: string;
  readonly postgres: string;
  readonly nats: string;
  readonly date: string;
}

export function describeMachine(postgres: string, nats: string, now = new Date()): Machine {
  const list = cpus();
  return {
    cores: `${list.length} × ${list[0]?.model.trim() ?? 'unknown'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    postgres,
    nats,
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReport(
  title: string,
  machine: Machine,
  results: readonly ScenarioResult[],
  command: string,
  services: readonly string[] = ['identity', 'deeds'],
  natsSetups: readonly string[] = ['a private server'],
): string {
  const lines = [
    `### ${title}`,
    '',
    `Run with \`${command}\` on ${machine.date}: ${machine.cores}, ${machine.memory} memory, Node ${machine.node}, PostgreSQL ${machine.postgres} (a private cluster), ${machine.nats} (${natsSetups.join('; ')}). The real services (${services.join(', ')}) ran as processes from their sources, each on its own database.`,
    '',
    '| scenario | load | fault | outcome | figures |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const figures = r.figures.map(([k, v]) => `${k}: ${v}`).join('; ');
    const outcome = r.passed ? 'passed' : `**FAILED**: ${r.problems.join('; ')}`;
    lines.push(`| ${cell(r.scenario)} | ${cell(r.load)} | ${cell(r.fault)} | ${cell(outcome)} | ${cell(figures)} (${(r.durationMs / 1000).toFixed(0)} s) |`);
  }
  const failed = results.filter((r) => !r.passed).length;
  lines.push('', failed === 0 ? `All ${results.length} scenarios passed.` : `${failed} of ${results.length} scenarios FAILED.`, '');
  return lines.join('\n');
}
