/**
 * The import as a command of the identity service, configured like the service by the environment
 * (DATABASE_URL, REGENCY_CODE, UTC_OFFSET, …):
 *
 *   node dist/apps/identity/main.js import <file> [options]
 *
 *   --format csv|ndjson|xlsx default: an xlsx workbook from its content, else from the extension (.csv; .ndjson)
 *   --village <code>        an OpenSID or BIP file's desa / kelurahan (10 digits): those layouts have no region codes
 *   --report <file>         the validation report (CSV); default <file>.report.csv
 *   --batch <rows>          rows per transaction (whole cards), default 5000
 *   --progress-every <rows> a progress line on stderr every so many rows, default 10000
 *   --no-events             record no events (an initial load; see README.md)
 *   --announce              after an import with --no-events: record its events now (resumable)
 *   --allow-extra-columns   ignore columns the import does not know (default: refuse the file)
 *   --actor <id>            who runs it, for the audit trail; default cli:<login name>
 *
 * Exit status: 0 the file is done (rejected rows are in the report); 1 failed (run again to resume);
 * 2 bad usage or unusable file; 3 the file was imported (or announced) before; 4 stopped by SIGINT/SIGTERM after the batch in
 * flight (run again to resume). It boots the service's Nest application context without HTTP and without NATS:
 * events wait in the outbox for the running service's relay.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadServiceConfig, maskText, ProblemException } from '@adminduk/platform';
import { IdentityModule } from '../identity.module';
import { ImportAnnounceService } from './import-announce.service';
import { ImportService, type ImportOutcome, type ImportProgress } from './import.service';
import { REGISTER_FORMATS, type RegisterFormat } from './register-file';

export interface CommandIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Aborted: stop after the batch in flight. */
  readonly signal?: AbortSignal;
}

export const IMPORT_USAGE = `usage: import <file> [--format csv|ndjson|xlsx] [--village <code>] [--report <file>] [--batch <rows>] [--progress-every <rows>] [--no-events] [--allow-extra-columns] [--actor <id>]\n       import <file> --announce`;

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, ALREADY_IMPORTED: 3, STOPPED: 4 } as const;

interface Arguments {
  readonly file: string;
  readonly format?: RegisterFormat;
  readonly village?: string;
  readonly report: string;
  readonly batch?: number;
  readonly progressEvery: number;
  readonly events: boolean;
  readonly announce: boolean;
  readonly allowExtraColumns: boolean;
  readonly actor: string;
}

export function parseImportArguments(argv: readonly string[]): Arguments | { error: string } {
  let file: string | undefined;
  let format: RegisterFormat | undefined;
  let village: string | undefined;
  let report: string | undefined;
  let batch: number | undefined;
  let progressEvery = 10_000;
  let events = true;
  let announce = false;
  let allowExtraColumns = false;
  let actor: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string | undefined => argv[++i];
    const count = (name: string): number | { error: string } => {
      const v = value();
      return v !== undefined && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : { error: `${name} takes a positive whole number` };
    };
    switch (arg) {
      case '--format': {
        const v = value()?.toUpperCase();
        if (!REGISTER_FORMATS.includes(v as RegisterFormat)) return { error: '--format is csv, ndjson or xlsx' };
        format = v as RegisterFormat;
        break;
      }
      case '--village':
        village = value();
        if (!village) return { error: '--village takes a desa / kelurahan code (10 digits, e.g. 5316012002)' };
        break;
      case '--report':
        report = value();
        if (!report) return { error: '--report takes a file name' };
        break;
      case '--batch': {
        const n = count('--batch');
        if (typeof n !== 'number') return n;
        batch = n;
        break;
      }
      case '--progress-every': {
        const n = count('--progress-every');
        if (typeof n !== 'number') return n;
        progressEvery = n;
        break;
      }
      case '--no-events':
        events = false;
        break;
      case '--announce':
        announce = true;
        break;
      case '--allow-extra-columns':
        allowExtraColumns = true;
        break;
      case '--actor':
        actor = value();
        if (!actor) return { error: '--actor takes an id' };
        break;
      default:
        if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
        if (file !== undefined) return { error: 'give one file' };
        file = arg;
    }
  }
  if (file === undefined) return { error: 'give the file to import' };
  if (announce && !events) return { error: '--announce records the events that --no-events left out: give one of them' };
  return { file, format, ...(village !== undefined ? { village } : {}), report: report ?? `${file}.report.csv`, batch, progressEvery, events, announce, allowExtraColumns, actor: actor ?? `cli:${loginName()}` };
}

/** Runs `import …` (argv without the word import); resolves to the exit status. */
export async function runImportCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseImportArguments(argv);
  if ('error' in args) {
    io.stderr(`${args.error}\n${IMPORT_USAGE}\n`);
    return EXIT.USAGE;
  }
  let config;
  try {
    // The command never talks to NATS: its events wait in the outbox for the service's relay.
    config = loadServiceConfig('identity', { ...io.env, NATS_ENABLED: 'false', LOG_LEVEL: io.env.LOG_LEVEL || 'error' });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  const app = await NestFactory.createApplicationContext(IdentityModule.forRoot(config), { bufferLogs: true });
  try {
    app.useLogger(app.get(Logger));
    if (args.announce) {
      const announced = await app.get(ImportAnnounceService).announce(args.file, (cards) => io.stderr(`announce: ${cards} family cards\n`));
      io.stdout(`import ${announced.jobId} announced: ${announced.residents} residents and ${announced.cards} family cards recorded in the outbox in ${(announced.elapsedMs / 1000).toFixed(1)} s\n`);
      return EXIT.OK;
    }
    const service = app.get(ImportService);
    let nextProgress = args.progressEvery;
    const outcome = await service.importFile({
      file: args.file,
      format: args.format,
      ...(args.village !== undefined ? { village: args.village } : {}),
      batchSize: args.batch,
      events: args.events,
      allowExtraColumns: args.allowExtraColumns,
      actor: args.actor,
      signal: io.signal,
      onProgress: (p) => {
        if (p.rowsDone < nextProgress) return;
        nextProgress = (Math.floor(p.rowsDone / args.progressEvery) + 1) * args.progressEvery;
        io.stderr(`${progressLine(p)}\n`);
      },
    });
    io.stderr(`${progressLine(outcome)}\n`);
    const reported = await writeReport(service, outcome.jobId, args.report, outcome.sheet);
    io.stdout(`${summary(outcome, args.report, reported)}\n`);
    return outcome.status === 'COMPLETED' ? EXIT.OK : EXIT.STOPPED;
  } catch (error) {
    if (error instanceof ProblemException) {
      io.stderr(`import refused: ${error.code}: ${maskText(error.detail ?? error.title)}\n`);
      if (error.code === 'IMPORT_ALREADY_COMPLETED' || error.code === 'IMPORT_ALREADY_ANNOUNCED') return EXIT.ALREADY_IMPORTED;
      return error.status < 500 && error.code !== 'IMPORT_RUNNING_ELSEWHERE' ? EXIT.USAGE : EXIT.FAILED;
    }
    io.stderr(`import failed (run it again to resume): ${maskText(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.FAILED;
  } finally {
    await app.close();
  }
}

const LAYOUT_NAMES: Readonly<Record<ImportOutcome['layout'], string>> = {
  REGISTER: "the register's own",
  OPENSID: "OpenSID's format impor penduduk",
  BIP: "SIAK's Buku Induk Penduduk (BIP 2016)",
};

export function progressLine(p: ImportProgress): string {
  const percent = p.totalRows > 0 ? ` (${Math.floor((p.rowsDone * 100) / p.totalRows)}%)` : '';
  return `import ${p.jobId}: ${p.rowsDone}/${p.totalRows} rows${percent}, ${p.rowsImported} imported, ${p.rowsRejected} rejected, ${p.rowsPerSecond} rows/s`;
}

function summary(o: ImportOutcome, report: string, reported: number): string {
  const how = o.resumed ? `resumed after line ${o.resumedAfterLine}` : 'new';
  return [
    `import ${o.jobId} ${o.status} (${how}): ${o.fileName}, SHA-256 ${o.sha256}`,
    `  layout: ${LAYOUT_NAMES[o.layout]}${o.sheets && o.sheets.length > 0 ? `; sheets ${o.sheets.join(', ')} (report lines are their row numbers)` : o.sheet !== undefined ? `; sheet ${o.sheet} (report lines are its row numbers)` : ''}`,
    `  rows: ${o.totalRows} in the file, ${o.rowsImported} imported (${plural(o.cardsImported, 'family card')}), ${o.rowsRejected} rejected (${plural(o.cardsRejected, 'card')})`,
    `  this run: ${o.batchesThisRun} batches in ${(o.elapsedMs / 1000).toFixed(1)} s, ${o.rowsPerSecond} rows/s; events ${o.withEvents ? 'recorded in the outbox' : 'not recorded (--no-events): record them with --announce'}`,
    `  report: ${report} (${reported} rejected rows)`,
    ...(o.status === 'STOPPED' ? ['  stopped: run the same command again to resume'] : []),
  ].join('\n');
}

/**
 * The validation report: one CSV line per rejected row, in file order — line, NIK and No. KK masked, codes and
 * messages. No names, addresses or birth dates: the line number leads to the row in the operator's own file.
 * For a spreadsheet the first column is the row's worksheet (`sheet`), and the line is its row number there.
 * Written to a temporary file and renamed, so a report on disk is always whole.
 */
export async function writeReport(service: ImportService, jobId: string, path: string, sheet?: string): Promise<number> {
  const temporary = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temporary, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let count = 0;
  try {
    await write(`${sheet !== undefined ? 'sheet,' : ''}line,nik,kk_number,codes,messages\n`);
    for await (const lines of service.report(jobId)) {
      for (const l of lines) {
        count++;
        await write(`${[...(sheet !== undefined ? [l.sheet ?? sheet] : []), String(l.row ?? l.line), l.maskedNik, l.maskedKkNumber, l.codes.join(';'), l.messages.join(' | ')].map(csvField).join(',')}\n`);
      }
    }
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  out.end();
  await once(out, 'close');
  await rename(temporary, path);
  return count;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function loginName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** For main.ts: the command on the process's environment and streams; SIGINT or SIGTERM stop it after the batch in flight. */
export function importCommandMain(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const stop = (): void => {
    process.stderr.write('stopping after the batch in flight (the job stays resumable; press Ctrl-C again to quit at once)\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(EXIT.STOPPED));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return runImportCommand(argv, {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    signal: controller.signal,
  });
}
