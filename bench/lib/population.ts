/**
 * Register files for the benchmarks, from the synthetic population generator (tools/synth, loaded by path: tools
 * have no import alias): Kabupaten Nagekeo (53.16) at its registered size (164,457 residents) or scaled down for a
 * smoke run, or the whole province (53, 5.7 million), in the identity import's CSV with the document columns
 * (e-KTP and KIA states, birth deed).
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { ROOT } from './service';

export type RegisterRow = Record<string, string>;

export interface Household {
  readonly kkNumber: string;
  readonly rows: readonly RegisterRow[];
}

export interface PopulationOptions {
  /** '53.16' (Nagekeo, the default) or '53' (the province). */
  readonly region?: string;
  /** Multiplies the registered figures, in (0, 1]. */
  readonly scale?: number;
  readonly seed?: number;
  /** The day the register describes: the office's today by default (the import checks the rows as of its own day). */
  readonly asOf?: string;
}

interface SynthResident {
  readonly nik: string;
  readonly kkNumber: string;
  readonly shdk: number;
  readonly fullName: string;
  readonly birthPlace: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly religion: string;
  readonly maritalStatus: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly motherName: string;
  readonly fatherName: string;
}

interface SynthModules {
  generateRegister(options: { region: string; seed: number; asOf: string; scale?: number }): Iterable<{ kkNumber: string; members: readonly SynthResident[] }>;
  writeRegister(options: { region: string; seed: number; asOf: string; scale?: number; format: 'csv' | 'ndjson' }, stream: Writable): Promise<{ rows: number; cards: number }>;
}

async function synth(): Promise<SynthModules> {
  const population = (await import(join(ROOT, 'tools', 'synth', 'population.ts'))) as Pick<SynthModules, 'generateRegister'>;
  const format = (await import(join(ROOT, 'tools', 'synth', 'format.ts'))) as Pick<SynthModules, 'writeRegister'>;
  return { generateRegister: population.generateRegister, writeRegister: format.writeRegister };
}

/** The office's today (WITA, +08:00). */
export function officeToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function resolved(o: PopulationOptions): { region: string; seed: number; asOf: string; scale: number } {
  return { region: o.region ?? '53.16', seed: o.seed ?? 1, asOf: o.asOf ?? officeToday(), scale: o.scale ?? 1 };
}

/** The register in memory, card by card, as rows of the import file (snake_case columns). */
export async function generateHouseholds(options: PopulationOptions = {}): Promise<Household[]> {
  const { generateRegister } = await synth();
  const out: Household[] = [];
  for (const card of generateRegister(resolved(options))) {
    out.push({
      kkNumber: card.kkNumber,
      rows: card.members.map((m) => ({
        nik: m.nik,
        kk_number: m.kkNumber,
        shdk: String(m.shdk),
        full_name: m.fullName,
        birth_place: m.birthPlace,
        birth_date: m.birthDate,
        sex: m.sex,
        religion: m.religion,
        marital_status: m.maritalStatus,
        district_code: m.districtCode,
        village_code: m.villageCode,
        mother_name: m.motherName,
        father_name: m.fatherName,
      })),
    });
  }
  return out;
}

/** Writes the register file (CSV) with tools/synth, streamed (the province does not fit in memory as rows). */
export async function writeRegisterFile(path: string, options: PopulationOptions = {}): Promise<{ rows: number; cards: number }> {
  const { writeRegister } = await synth();
  const out = createWriteStream(path);
  const progress = await writeRegister({ ...resolved(options), format: 'csv' }, out);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return progress;
}
