/**
 * The OpenSID export as a command of the identity service, configured like the service by the environment
 * (DATABASE_URL, REGENCY_CODE, UTC_OFFSET, …):
 *
 *   node dist/apps/identity/main.js export --village <code> | --district <code> [--out <file.xlsx>] [--per-village <dir>]
 *
 *   --village <code>      a desa / kelurahan of the regency (10 digits, dots allowed): one sheet
 *   --district <code>     a kecamatan of the regency (6 digits, dots allowed): one sheet per village
 *   --out <file.xlsx>     the workbook; default opensid-<code>.xlsx (written to <file>.<pid>.tmp, then renamed)
 *   --per-village <dir>   with --district: one workbook per village, <dir>/opensid-<village code>.xlsx (what the
 *                         OpenSID import takes: one village per file, with --village)
 *   --actor <id>          who runs it, for the audit trail; default cli:<login name>
 *
 * Exit status: 0 written; 1 failed; 2 bad usage or a region that is not the regency's (a stable code:
 * EXPORT_REGION_REQUIRED, EXPORT_VILLAGE_INVALID, EXPORT_DISTRICT_INVALID). Names, NIKs and addresses are never
 * printed: the summary gives counts, sheet names (region names) and the file.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadServiceConfig, maskText, ProblemException } from '@adminduk/platform';
import { IdentityModule } from '../identity.module';
import { exportFileName, OpenSidExportService, type ExportOutcome, type ExportRegion } from './opensid-export.service';

export const EXPORT_USAGE = 'usage: export --village <code> | --district <code> [--out <file.xlsx>] [--per-village <dir>] [--actor <id>]';
export const EXPORT_EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

export interface ExportArguments {
  readonly village?: string;
  readonly district?: string;
  readonly out?: string;
  readonly perVillage?: string;
  readonly actor: string;
}

export interface ExportIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function parseExportArguments(argv: readonly string[]): ExportArguments | { error: string } {
  const out: { village?: string; district?: string; out?: string; perVillage?: string; actor?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    const take = (what: string): string | { error: string } => {
      i++;
      return value === undefined || value.startsWith('--') ? { error: `${arg} takes ${what}` } : value;
    };
    let v: string | { error: string };
    switch (arg) {
      case '--village':
        v = take('a desa / kelurahan code (10 digits, e.g. 5316012002)');
        if (typeof v !== 'string') return v;
        out.village = v;
        break;
      case '--district':
        v = take('a kecamatan code (6 digits, e.g. 531601)');
        if (typeof v !== 'string') return v;
        out.district = v;
        break;
      case '--out':
        v = take('a file name');
        if (typeof v !== 'string') return v;
        out.out = v;
        break;
      case '--per-village':
        v = take('a directory');
        if (typeof v !== 'string') return v;
        out.perVillage = v;
        break;
      case '--actor':
        v = take('an id');
        if (typeof v !== 'string') return v;
        out.actor = v;
        break;
      default:
        return { error: arg.startsWith('--') ? `unknown option ${arg}` : `unexpected argument ${arg}` };
    }
  }
  if ((out.village ? 1 : 0) + (out.district ? 1 : 0) !== 1) return { error: 'give --village or --district (one of them)' };
  if (out.perVillage !== undefined && !out.district) return { error: '--per-village goes with --district' };
  if (out.perVillage !== undefined && out.out !== undefined) return { error: '--out and --per-village exclude each other' };
  return { ...out, actor: out.actor ?? `cli:${loginName()}` };
}

/** Runs `export …` (argv without the word export); resolves to the exit status. */
export async function runExportCommand(argv: readonly string[], io: ExportIo): Promise<number> {
  const args = parseExportArguments(argv);
  if ('error' in args) {
    io.stderr(`${args.error}\n${EXPORT_USAGE}\n`);
    return EXPORT_EXIT.USAGE;
  }
  let config;
  try {
    config = loadServiceConfig('identity', { ...io.env, NATS_ENABLED: 'false', LOG_LEVEL: io.env.LOG_LEVEL || 'error' });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXPORT_EXIT.USAGE;
  }
  const app = await NestFactory.createApplicationContext(IdentityModule.forRoot(config), { bufferLogs: true });
  try {
    app.useLogger(app.get(Logger));
    const service = app.get(OpenSidExportService);
    const region = service.region({ village: args.village, district: args.district });
    const options = { actor: args.actor, endpoint: 'cli export' };
    if (args.perVillage !== undefined) {
      await mkdir(args.perVillage, { recursive: true });
      let residents = 0;
      const started = performance.now();
      for (const village of region.villages) {
        const one: ExportRegion = { kind: 'village', code: village.code, districtCode: region.districtCode, villages: [village] };
        const file = join(args.perVillage, exportFileName(one));
        const outcome = await writeFile(file, (stream) => service.exportTo(one, stream, options));
        residents += outcome.residents;
        io.stdout(`${summaryLine(outcome, file)}\n`);
      }
      io.stdout(`export ${region.code}: ${residents} residents in ${region.villages.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      return EXPORT_EXIT.OK;
    }
    const file = args.out ?? exportFileName(region);
    const outcome = await writeFile(file, (stream) => service.exportTo(region, stream, options));
    io.stdout(`${summaryLine(outcome, file)}\n${outcome.sheets.map((s) => `  sheet ${s.name}: ${s.residents} residents`).join('\n')}\n`);
    return EXPORT_EXIT.OK;
  } catch (error) {
    if (error instanceof ProblemException) {
      io.stderr(`export refused: ${error.code}: ${maskText(error.detail ?? error.title)}\n`);
      return error.status < 500 ? EXPORT_EXIT.USAGE : EXPORT_EXIT.FAILED;
    }
    io.stderr(`export failed: ${maskText(error instanceof Error ? error.message : String(error))}\n`);
    return EXPORT_EXIT.FAILED;
  } finally {
    await app.close();
  }
}

function summaryLine(o: ExportOutcome, file: string): string {
  return `export ${o.region.code} (audit ${o.auditId}): ${o.residents} residents on ${o.cards} family cards, ${o.sheets.length} sheet${o.sheets.length === 1 ? '' : 's'}, in ${(o.elapsedMs / 1000).toFixed(1)} s: ${file}`;
}

/** Writes to a temporary file and renames it: a workbook on disk is always whole. */
async function writeFile(path: string, write: (stream: NodeJS.WritableStream & import('node:stream').Writable) => Promise<ExportOutcome>): Promise<ExportOutcome> {
  const temporary = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(temporary);
  const closed = once(stream, 'close');
  try {
    const outcome = await write(stream);
    await closed;
    await rename(temporary, path);
    return outcome;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

function loginName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** For main.ts: the command on the process's environment and streams. */
export function exportCommandMain(argv: readonly string[]): Promise<number> {
  return runExportCommand(argv, { env: process.env, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
}
