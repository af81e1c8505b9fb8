/**
 * The documents of a child's KIA application (POST /residents/{id}/kia/documents, GET …/documents/{id}/content):
 * photos or scans of what the family showed, taken at the counter or on a village visit, checked by their first
 * bytes (the platform's readUpload). A document is added while an application is open (GET …/kia `application`:
 * a new card for an eligible child, or a card printed again after an ISSUED one) and only of a kind the
 * application asks for (kiaDocumentsAsked of the domain). In ONE transaction: the resident row locked (so that a
 * print cannot slip in between and the document land on the wrong card), the document row, its bytes and the audit
 * row. With an `Idempotency-Key` (the office app's offline outbox) the answer is kept in the same transaction
 * (KiaRequestRecord): a retry gets the document stored the first time, stored once.
 *
 * Printing is not refused for a missing document: at the counter the clerk sees the originals, and a newborn's card
 * is printed with the birth deed (no application). The checklist tells the clerk and the team what is missing; the
 * office app asks before printing with an incomplete one.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { foldKia, type KiaDocumentKind } from '@adminduk/domain';
import { AuditService, Problem, readUpload, registerUploadParser, type Principal } from '@adminduk/platform';
import { IdempotentRequests } from '../idempotency/idempotent-requests';
import { OfficeClockService } from '../resident-status/office-clock.service';
import { ResidentAccessService } from '../resident-status/resident-access.service';
import { KiaActionRecord, kiaActionOf } from './kia-action.entity';
import { KiaDocumentContent, KiaDocumentRecord } from './kia-document.entity';
import { KiaRequestRecord } from './kia-request.entity';
import { kiaApplicationOf, type KiaDocumentQuery, type KiaDocumentView } from './kia.dto';

const RESOURCE = 'kia';
const REQUESTS = new IdempotentRequests(KiaRequestRecord);

/** IDENTITY_UPLOAD_MAX_BYTES: the largest document (default 2 MiB, as deeds'; between 1 KiB and 20 MiB). */
export function uploadLimitOf(env: NodeJS.ProcessEnv): number {
  const raw = env['IDENTITY_UPLOAD_MAX_BYTES'];
  if (raw === undefined || raw === '') return 2_097_152;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1024 || value > 20_971_520) {
    throw new Error(`IDENTITY_UPLOAD_MAX_BYTES must be a whole number of bytes between 1024 and 20971520; got ${JSON.stringify(raw)}`);
  }
  return value;
}

export interface KiaDocumentFile {
  readonly contentType: string;
  readonly fileName: string | null;
  readonly bytes: Buffer;
}

/** The documents of a resident's KIA applications, oldest first (for GET …/kia). */
export async function kiaDocumentsOf(em: EntityManager, residentId: string): Promise<KiaDocumentView[]> {
  const rows = await em.find(KiaDocumentRecord, { residentId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return rows.map(toKiaDocumentView);
}

export function toKiaDocumentView(d: KiaDocumentRecord): KiaDocumentView {
  return {
    id: d.id,
    kind: d.kind,
    forCard: d.forCard,
    contentType: d.contentType,
    size: d.size,
    sha256: d.sha256,
    fileName: d.fileName ?? null,
    addedAt: d.addedAt,
    addedBy: d.addedBy,
  };
}

@Injectable()
export class KiaDocumentsService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly access: ResidentAccessService,
    private readonly clock: OfficeClockService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    registerUploadParser(this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined, uploadLimitOf(process.env));
  }

  async upload(
    residentId: string,
    query: KiaDocumentQuery,
    headers: { contentType?: string; contentDisposition?: string; idempotencyKey?: string },
    body: unknown,
    principal: Principal,
  ): Promise<KiaDocumentView> {
    IdempotentRequests.check(headers.idempotencyKey);
    const file = readUpload(headers, body);
    await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'UPDATE' });
    const request = { kind: query.kind, contentType: file.contentType, fileName: file.fileName, sha256: file.sha256, upload: true };
    return REQUESTS.once<KiaDocumentView>(this.em, { caller: principal.id, key: headers.idempotencyKey, residentId, body: request }, (remember) =>
        this.em.fork().transactional(async (tx) => {
          const resident = await this.access.lock(tx, residentId, principal);
          const holder = await this.access.holder(tx, resident);
          const { at, asOf } = this.clock.now();
          const rows = await tx.find(KiaActionRecord, { residentId }, { orderBy: { seq: 'asc' } });
          const state = foldKia(rows.map(kiaActionOf), holder, { asOf });
          if (!state.ok) throw Problem.conflict('KIA_HISTORY_INCONSISTENT', "the stored KIA history no longer fits the child's data; a registrar must review it");
          const application = kiaApplicationOf(state.value, []);
          if (!application) {
            throw Problem.conflict(
              'KIA_DOCUMENTS_CLOSED',
              state.value.eligibility.eligible
                ? `no application is open: the KIA is ${state.value.status} (documents are added before a card is printed, or for a card printed again)`
                : 'no KIA can be made for this resident now (17 or over, or ever married)',
            );
          }
          const asked = new Set<KiaDocumentKind>(application.checklists.flatMap((c) => c.asked));
          if (!asked.has(query.kind)) {
            throw Problem.unprocessable('KIA_DOCUMENT_NOT_ASKED', `this application does not ask for ${query.kind}`, [
              { code: 'KIA_DOCUMENT_NOT_ASKED', field: 'kind', message: `it asks for ${[...asked].join(', ')}` },
            ]);
          }
          const document = tx.create(KiaDocumentRecord, {
            residentId,
            forCard: application.forCard,
            kind: query.kind,
            contentType: file.contentType,
            size: file.size,
            sha256: file.sha256,
            fileName: file.fileName,
            addedAt: at,
            addedBy: principal.id,
          });
          tx.create(KiaDocumentContent, { documentId: document.id, content: file.bytes });
          this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
          const view = toKiaDocumentView(document);
          remember(tx, view);
          await tx.flush();
          return view;
      }),
    );
  }

  /** GET /residents/{id}/kia/documents/{documentId}/content: the file (personal data: audited). */
  async content(residentId: string, documentId: string, principal: Principal): Promise<KiaDocumentFile> {
    const resident = await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'READ' });
    const em = this.em.fork();
    const document = await em.findOne(KiaDocumentRecord, { id: documentId, residentId });
    const content = document ? await em.findOne(KiaDocumentContent, { documentId }) : null;
    if (!document || !content) throw Problem.notFound('DOCUMENT_NOT_FOUND', `resident ${residentId} has no KIA document ${documentId}`);
    await this.audit.recordNow({ action: 'READ', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
    return { contentType: document.contentType, fileName: document.fileName ?? null, bytes: Buffer.from(content.content) };
  }
}
