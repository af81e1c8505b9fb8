/** What a benchmark ran on: printed at the top of every table so figures can be compared fairly. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';

export interface Machine {
  readonly date: string;
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly postgres: string;
  readonly nats: string;
  /** 1-minute load average when the run started: above the core count, other work disturbed the figures. */
  readonly loadAtStart: number;
}

export async function describeMachine(databaseUrl: string): Promise<Machine> {
  let postgres = 'unknown';
  const client = new Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    postgres = rows[0]?.server_version ?? postgres;
  } catch {
    // reported as unknown
  } finally {
    await client.end().catch(() => undefined);
  }
  let nats = 'unknown';
  try {
    nats = execFileSync(process.env.NATS_SERVER_BINARY ?? '/usr/sbin/nats-server', ['--version'], { encoding: 'utf8' }).trim().replace(/^nats-server:\s*/, '');
  } catch {
    // reported as unknown
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cores: cpus().length,
    cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    nats,
    loadAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function machineLine(m: Machine): string {
  return `${m.date}; ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB; Node ${m.node}, PostgreSQL ${m.postgres}, nats-server ${m.nats}; load average at start ${m.loadAtStart}`;
}
