/**
 * Seeding on first start: a synthetic population of Nagekeo generated to a register file, imported into the
 * identity service's database BEFORE identity starts (with SQLite the import must be the only writer of the
 * file), and, once deeds runs, the open backlog of partner reports posted to it. The import records its events in
 * identity's outbox; the relay publishes them once identity runs, and outreach and reporting build their read
 * models from them through NATS, like any other change.
 *
 * Every step can be repeated after an interruption: the generated files are kept and reused (the generator writes
 * them whole or not at all), the import resumes a job known by the file's SHA-256 (exit 3: it was already
 * complete), and every backlog report carries an Idempotency-Key. The marker file is written only when all of it
 * has succeeded.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BurialSeedSummary, IkdSeedSummary } from './seed-scorecard';

/** Kabupaten Nagekeo, end of 2024 (DESIGN.md: 81,399 men and 83,058 women). */
export const NAGEKEO_RESIDENTS = 164_457;
export const SEED_MARKER = 'seeded.json';

export interface SeedMarker {
  readonly at: string;
  readonly seed: number;
  readonly scale: number;
  readonly residents: number;
  readonly rejected: number;
  readonly backlogReports: number;
  readonly generator: string;
  /** The scorecard's deaths, burials and integrator requests (seed-scorecard.ts), done before the banner. */
  readonly scorecard?: BurialSeedSummary;
  /** The IKD actions, done after the banner: 'pending' until they are all sent (a later start resumes them). */
  readonly ikd?: 'pending' | IkdSeedSummary;
}

export function readSeedMarker(dataDir: string): SeedMarker | undefined {
  const file = join(dataDir, SEED_MARKER);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SeedMarker) : undefined;
}

export function writeSeedMarker(dataDir: string, marker: SeedMarker): void {
  const file = join(dataDir, SEED_MARKER);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(marker, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Counts the data rows of a CSV register (one resident per line; the generators write no line breaks in fields). */
export async function countCsvRows(file: string): Promise<number> {
  let lines = 0;
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) if (line !== '') lines++;
  return Math.max(0, lines - 1);
}

/** A progress line: `label: 1234/5000 rows (25%), 812 rows/s`. */
export function progressLine(label: string, done: number, total: number | undefined, startedAt: number, now = Date.now(), unit = 'rows'): string {
  const seconds = Math.max((now - startedAt) / 1000, 0.001);
  const pct = total ? ` (${Math.min(100, Math.floor((done / total) * 100))}%)` : '';
  return `${label}: ${done}${total ? `/${total}` : ''} ${unit}${pct}, ${Math.round(done / seconds)} ${unit}/s`;
}

/** Parses the identity import's summary lines (`rows: N in the file, N imported (…), N rejected (…)`). */
export function parseImportSummary(lines: readonly string[]): { imported: number; rejected: number } | undefined {
  for (const line of lines) {
    const m = /rows: (\d+) in the file, (\d+) imported .*?, (\d+) rejected/.exec(line);
    if (m) return { imported: Number(m[2]), rejected: Number(m[3]) };
  }
  return undefined;
}

export function seedDir(dataDir: string): string {
  const dir = join(dataDir, 'seed');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The office's outreach teams (tim jemput bola) in the seeded demo, so that a plan (POST /plans) works without
 * set-up: three teams stationed at the Dukcapil office in Mbay (no home base: travel is from the office), each with
 * a mobile e-KTP recording kit (60 recordings a visit-day) and offering every service kind outreach plans
 * (SERVICE_KINDS): e-KTP recording, birth deed and KIA applications, other open applications and hand-overs; those
 * other than e-KTP are limited by the working day only.
 */
export const DEMO_OUTREACH_TEAMS = [1, 2, 3].map((n) => ({
  name: `Tim Jemput Bola ${n} (Mbay)`,
  staffCount: 4,
  equipment: ['EKTP_RECORDING_KIT', 'LAPTOP', 'PRINTER', 'GENERATOR', 'VEHICLE'],
  services: ['EKTP_RECORDING', 'BIRTH_DEED', 'KIA', 'APPLICATION', 'HANDOVER'],
  capacity: { EKTP_RECORDING: 60 },
}));

/** The demo teams still to create: all of them when outreach has no team at all, none once the office has its own. */
export function demoTeamsToCreate(existing: readonly { name: string }[]): typeof DEMO_OUTREACH_TEAMS {
  if (existing.length === 0) return DEMO_OUTREACH_TEAMS;
  const names = new Set(existing.map((t) => t.name));
  // A seed interrupted half-way created some of them: finish the set, but never add to an office's own teams.
  return DEMO_OUTREACH_TEAMS.some((t) => names.has(t.name)) ? DEMO_OUTREACH_TEAMS.filter((t) => !names.has(t.name)) : [];
}
