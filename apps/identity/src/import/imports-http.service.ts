/**
 * The register import over HTTP, for the office app's clerk's desk: a village's OpenSID or BIP spreadsheet (or a
 * file in the register's own layout) uploaded, imported while the request waits, and answered with the job and its
 * rejected rows.
 *
 * Decisions:
 * - **The request waits for the import.** A village's file is a few thousand rows: the import takes seconds (about
 *   15,000 rows a second on the development machine), so a background runner, an upload store and a job queue
 *   would buy nothing but a state to lose on a restart. The body is limited (IMPORT_UPLOAD_MAX_BYTES, default 16
 *   MiB: a kecamatan's file); a regency's register stays with the command (`import <file>`), which shows progress
 *   and can be stopped and resumed.
 * - **Nothing is read before the caller is known.** The body is not parsed by Fastify: it stays the request's
 *   stream until the guard has checked the token, the role and the region, and is then written to a temporary file
 *   (the importer streams files, never the whole workbook in memory), counted against the limit as it arrives (413
 *   BODY_TOO_LARGE), and removed when the import ends, whatever the outcome.
 * - **Region scope.** With `village` (OpenSID and BIP files carry no region codes) the caller's scope must cover
 *   that desa; without it the file must name its villages (the register's own layout), which may be anywhere in the
 *   regency, so the caller's scope must cover the regency (403 REGENCY_SCOPE_REQUIRED), checked before the body is read.
 * - **The same file again** resumes an unfinished job (same SHA-256) or is refused when done (409
 *   IMPORT_ALREADY_COMPLETED), exactly as with the command: an upload that failed half way is simply sent again.
 * - **Audit** (UU 27/2022): the import's own entries (one per batch, naming every resident and card it created) by
 *   the caller, with endpoint `POST /imports`; a refusal for the region is audited as DENIED. Reading a job or its
 *   rejected rows shows no personal data (masked NIK and No. KK, line numbers) and is not audited.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { AuditService, canAccessRegion, contentTypeOf, fileNameOf, Problem, ProblemException, requireRegencyScope, SERVICE_CONFIG, type Principal, type ServiceConfig } from '@adminduk/platform';
import { ImportJob } from './import-job.entity';
import { ImportRejection } from './import-rejection.entity';
import { ImportService } from './import.service';
import { IMPORT_UPLOAD_TYPES, type ImportJobView, type ImportRejectionsPage, type ImportResultView } from './imports.dto';
import { checkImportVillage } from './opensid-row.mapper';
import { sheetRowOf } from './register-file';

const RESOURCE = 'import-job';
/** Rejected rows given with the answer of an upload (the rest: GET /imports/{id}/rejections). */
const FIRST_REJECTIONS = 200;

/** IMPORT_UPLOAD_MAX_BYTES: the largest file POST /imports takes (default 16 MiB; 1 KiB to 256 MiB). */
export function importUploadLimitOf(env: NodeJS.ProcessEnv): number {
  const raw = env['IMPORT_UPLOAD_MAX_BYTES'];
  if (raw === undefined || raw === '') return 16_777_216;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1024 || value > 268_435_456) {
    throw new Error(`IMPORT_UPLOAD_MAX_BYTES must be a whole number of bytes between 1024 and 268435456; got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * Registers the register files' content types without reading the body: the handler reads the request's stream
 * itself, after the guard (see the module comment).
 */
export function registerImportBodies(fastify: FastifyInstance | undefined): void {
  const types = Object.keys(IMPORT_UPLOAD_TYPES);
  if (!fastify || fastify.hasContentTypeParser(types[0] as string)) return;
  fastify.addContentTypeParser(types, (_request, _payload, done) => done(null, undefined));
}

export interface UploadHeaders {
  readonly contentType?: string;
  readonly contentDisposition?: string;
  readonly contentLength?: string;
}

@Injectable()
export class ImportsHttpService implements OnModuleInit {
  private readonly limit = importUploadLimitOf(process.env);

  constructor(
    private readonly em: EntityManager,
    private readonly imports: ImportService,
    private readonly audit: AuditService,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    registerImportBodies(this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined);
  }

  async upload(village: string | undefined, headers: UploadHeaders, body: Readable, principal: Principal): Promise<ImportResultView> {
    const format = IMPORT_UPLOAD_TYPES[contentTypeOf(headers.contentType)];
    if (!format) {
      throw new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', `send the file itself as the body, with Content-Type ${Object.keys(IMPORT_UPLOAD_TYPES).join(', ')}`);
    }
    if (village !== undefined) {
      const checked = checkImportVillage(village, this.config.regencyCode);
      if (!checked.ok) throw Problem.badRequest('IMPORT_VILLAGE_INVALID', `village: ${checked.problem}`);
      if (!canAccessRegion(principal, checked.village.villageCode)) {
        await this.audit.recordNow({ action: 'CREATE', resourceType: RESOURCE, resourceId: `upload:${checked.village.villageCode}`, regionCode: checked.village.villageCode, outcome: 'DENIED' });
        throw Problem.forbidden('OUTSIDE_REGION', `desa / kelurahan ${checked.village.villageCode} is outside your region`);
      }
    } else {
      requireRegencyScope(principal, this.config.regencyCode, 'an import without a village (a file whose rows name their villages)');
    }
    if (Number(headers.contentLength) > this.limit) throw tooLarge(this.limit);

    const folder = await mkdtemp(join(tmpdir(), 'adminduk-import-'));
    try {
      const file = join(folder, `upload.${format.toLowerCase()}`);
      const size = await this.receive(body, file);
      if (size === 0) throw Problem.badRequest('IMPORT_FILE_EMPTY', 'the file is empty');
      const outcome = await this.imports.importFile({
        file,
        fileName: fileNameOf(headers.contentDisposition) ?? `upload.${format.toLowerCase()}`,
        ...(village !== undefined ? { village } : {}),
        actor: principal.id,
        actorKind: { kind: principal.kind, roles: principal.roles },
        endpoint: 'POST /imports',
      });
      const job = await this.em.fork().findOneOrFail(ImportJob, { id: outcome.jobId });
      return { ...toJobView(job), layout: outcome.layout, resumed: outcome.resumed, rejections: await this.rejectionsOf(job.id, 0, FIRST_REJECTIONS) };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** The latest imports the caller may see: those of villages in their scope; those without a village to a regency-wide scope. */
  async list(limit: number, principal: Principal): Promise<ImportJobView[]> {
    const em = this.em.fork();
    const jobs: ImportJob[] = [];
    // Scope is checked per job (a village's or the regency's): read on in pages until enough are visible.
    let before: Date | undefined;
    for (let page = 0; page < 20 && jobs.length < limit; page++) {
      const rows = await em.find(ImportJob, before ? { startedAt: { $lt: before } } : {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: 100 });
      jobs.push(...rows.filter((j) => this.visible(j, principal)));
      if (rows.length < 100) break;
      before = (rows[rows.length - 1] as ImportJob).startedAt;
    }
    return jobs.slice(0, limit).map(toJobView);
  }

  async get(id: string, principal: Principal): Promise<ImportJobView> {
    return toJobView(await this.find(id, principal));
  }

  async rejections(id: string, after: number, limit: number, principal: Principal): Promise<ImportRejectionsPage> {
    const job = await this.find(id, principal);
    return this.rejectionsOf(job.id, after, limit);
  }

  private async find(id: string, principal: Principal): Promise<ImportJob> {
    const job = await this.em.fork().findOne(ImportJob, { id });
    if (!job) throw Problem.notFound('IMPORT_NOT_FOUND', `no import ${id}`);
    if (!this.visible(job, principal)) throw Problem.forbidden('OUTSIDE_REGION', `import ${id} is of ${job.villageCode ? `desa / kelurahan ${job.villageCode}` : 'the whole regency'}, outside your region`);
    return job;
  }

  private visible(job: ImportJob, principal: Principal): boolean {
    return canAccessRegion(principal, job.villageCode ?? this.config.regencyCode);
  }

  private async rejectionsOf(jobId: string, after: number, limit: number): Promise<ImportRejectionsPage> {
    const em = this.em.fork();
    const sheets = (await em.findOne(ImportJob, { id: jobId }, { fields: ['sheets'] }))?.sheets ?? [];
    const rows = await em.find(ImportRejection, { job: jobId, line: { $gt: after } }, { orderBy: { line: 'asc' }, limit: limit + 1 });
    const items = rows.slice(0, limit).map((r) => ({
      line: r.line,
      ...whereIn(sheets, r.line),
      maskedNik: r.maskedNik,
      maskedKkNumber: r.maskedKkNumber,
      codes: r.codes.split(';'),
      messages: r.messages.split(' | '),
    }));
    return { items, next: rows.length > limit ? (items[items.length - 1]?.line ?? null) : null };
  }

  /** The body, written to `file` as it arrives; 413 beyond the limit (the file is then removed with its folder). */
  private async receive(body: Readable, file: string): Promise<number> {
    const out = createWriteStream(file);
    let size = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.limit) {
          body.resume();
          throw tooLarge(this.limit);
        }
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    return size;
  }
}

function tooLarge(limit: number): ProblemException {
  return new ProblemException(413, 'BODY_TOO_LARGE', 'Request body too large', `the file is larger than ${limit} bytes (IMPORT_UPLOAD_MAX_BYTES): import a file this large with the command (import <file>)`);
}

/** A workbook's row: its sheet and its row in the sheet (a line is sheetIndex * SHEET_LINE_SPAN + row); a text file's line is its row. */
function whereIn(sheets: readonly string[], line: number): { row: number; sheet?: string } {
  if (sheets.length === 0) return { row: line };
  const { sheetIndex, row } = sheetRowOf(line);
  const sheet = sheets[sheetIndex];
  return sheet !== undefined ? { sheet, row } : { row };
}

export function toJobView(job: ImportJob): ImportJobView {
  return {
    id: job.id,
    fileName: job.fileName,
    sha256: job.sha256,
    format: job.format,
    status: job.status,
    villageCode: job.villageCode ?? null,
    asOf: job.asOf,
    totalRows: job.totalRows,
    rowsImported: job.rowsImported,
    rowsRejected: job.rowsRejected,
    cardsImported: job.cardsImported,
    cardsRejected: job.cardsRejected,
    startedBy: job.startedBy,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt ?? null,
  };
}
