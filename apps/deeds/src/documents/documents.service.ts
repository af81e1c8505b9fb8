/**
 * The documents of an application: uploaded files (PDF, JPEG or PNG, checked by their first bytes, not only by the
 * declared type) and SPTJM declarations taken down at the office. A document must be one the deed type's
 * checklist asks for (DOCUMENT_REQUIREMENTS of the domain), and documents are added while the application can
 * still be submitted: before the first submission, and after a rejection.
 *
 * Files are stored in the service's database (DeedDocumentContent), in the transaction of their document row:
 * no file can exist without its record or the other way round, backups hold both, and every instance of the
 * service can serve them (no shared volume).
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DOCUMENT_REQUIREMENTS, parseNik, type DeedStatus, type DocumentKind } from '@adminduk/domain';
import { AuditService, Problem, readUpload, type Principal, type ProblemItem } from '@adminduk/platform';
import { DeedAccessService, DEED_RESOURCE } from '../cases/deed-access.service';
import type { DeedRecord } from '../cases/deed-record.entity';
import type { DocumentView } from '../cases/deed.dto';
import { toDocumentView } from '../cases/deed.mapper';
import { checkIdempotencyKey, DeedRequestsService, requestDigest, type KeyedRequest } from '../cases/deed-requests.service';
import { OfficeClockService } from '../office-clock.service';
import { DeedDocumentContent } from './deed-document-content.entity';
import { DeedDocument } from './deed-document.entity';
import type { DeclarationDto, UploadQuery } from './document.dto';

/** The statuses in which documents may be added: the application can still be (re)submitted. */
const OPEN_FOR_DOCUMENTS: readonly (DeedStatus | null)[] = [null, 'NOTIFIED', 'REJECTED'];

export interface DocumentContent {
  readonly contentType: string;
  readonly fileName: string | null;
  readonly bytes: Buffer;
}

@Injectable()
export class DocumentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DeedAccessService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
    private readonly requests: DeedRequestsService,
  ) {}

  /**
   * POST /deeds/{id}/documents?kind=…: the request body is the file; its name, if any, in Content-Disposition. With
   * an `Idempotency-Key` (DeedRequestsService) a retry gets the document stored the first time, stored once.
   */
  async upload(
    deedId: string,
    query: UploadQuery,
    headers: { contentType?: string; contentDisposition?: string; idempotencyKey?: string },
    body: unknown,
    principal: Principal,
  ): Promise<DocumentView> {
    checkIdempotencyKey(headers.idempotencyKey);
    const { contentType, bytes, size, sha256, fileName } = readUpload(headers, body);
    const keyed: KeyedRequest | undefined = headers.idempotencyKey
      ? {
          key: headers.idempotencyKey,
          operation: 'UPLOAD',
          digest: requestDigest('UPLOAD', { deedId, kind: query.kind, contentType, contentDisposition: headers.contentDisposition ?? null, sha256 }),
        }
      : undefined;
    return this.add(deedId, query.kind, principal, keyed, (tx, record, at) => {
      const document = tx.create(DeedDocument, {
        deedId: record.id,
        kind: query.kind,
        source: 'UPLOAD',
        contentType,
        size,
        sha256,
        fileName,
        addedAt: at,
        addedBy: principal.id,
      });
      tx.create(DeedDocumentContent, { documentId: document.id, content: bytes });
      return document;
    });
  }

  /** POST /deeds/{id}/declarations: an SPTJM taken down at the office. */
  async declare(deedId: string, dto: DeclarationDto, principal: Principal): Promise<DocumentView> {
    const { asOf } = this.clock.now();
    const items: ProblemItem[] = [];
    const people = [
      ['declarant.nik', dto.declarant.nik],
      ...dto.witnesses.map((w, i) => [`witnesses[${i}].nik`, w.nik]),
    ] as const;
    for (const [field, nik] of people) {
      const parsed = parseNik(nik, { asOf });
      if (!parsed.ok) items.push(...parsed.errors.map((e) => ({ code: e.code, field, message: e.message })));
    }
    if (new Set(people.map(([, nik]) => nik)).size < people.length) {
      items.push({ code: 'WITNESS_NOT_INDEPENDENT', field: 'witnesses', message: 'the declarant and the two witnesses must be three different people' });
    }
    if (dto.declaredOn > asOf) items.push({ code: 'DECLARED_IN_FUTURE', field: 'declaredOn', message: `${dto.declaredOn} is after today (${asOf})` });
    if (items.length > 0) throw Problem.unprocessable('DECLARATION_INVALID', 'the declaration cannot be recorded', items);
    return this.add(deedId, dto.kind, principal, undefined, (tx, record, at) =>
      tx.create(DeedDocument, {
        deedId: record.id,
        kind: dto.kind,
        source: 'DECLARATION',
        declaration: {
          declarant: { nik: dto.declarant.nik, fullName: dto.declarant.fullName },
          statement: dto.statement,
          declaredOn: dto.declaredOn,
          witnesses: dto.witnesses.map((w) => ({ nik: w.nik, fullName: w.fullName })),
        },
        addedAt: at,
        addedBy: principal.id,
      }),
    );
  }

  /** GET /deeds/{id}/documents/{documentId}/content: the uploaded file (personal data: audited). */
  async content(deedId: string, documentId: string, principal: Principal): Promise<DocumentContent> {
    const record = await this.access.find(deedId, principal, 'READ');
    const em = this.em.fork();
    const document = await em.findOne(DeedDocument, { id: documentId, deedId });
    const content = document?.source === 'UPLOAD' ? await em.findOne(DeedDocumentContent, { documentId }) : null;
    if (!document || !content) throw Problem.notFound('DOCUMENT_NOT_FOUND', `deed ${deedId} has no uploaded document ${documentId}`);
    await this.audit.recordNow({ action: 'READ', resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
    return { contentType: document.contentType ?? 'application/octet-stream', fileName: document.fileName ?? null, bytes: Buffer.from(content.content) };
  }

  private async add(
    deedId: string,
    kind: DocumentKind,
    principal: Principal,
    keyed: KeyedRequest | undefined,
    create: (tx: EntityManager, record: DeedRecord, at: string) => DeedDocument,
  ): Promise<DocumentView> {
    await this.access.find(deedId, principal, 'UPDATE');
    if (keyed) {
      const earlier = await this.answered(principal, keyed);
      if (earlier) return earlier;
    }
    try {
      return await this.em.fork().transactional(async (tx) => {
        const record = await this.access.lock(tx, deedId, principal);
        const asked = DOCUMENT_REQUIREMENTS[record.deedType].flatMap((r) => r.anyOf);
        if (!asked.includes(kind)) {
          throw Problem.unprocessable('DOCUMENT_KIND_NOT_ASKED', `a ${record.deedType} application does not ask for ${kind}`, [
            { code: 'DOCUMENT_KIND_NOT_ASKED', field: 'kind', message: `the checklist asks for ${[...new Set(asked)].join(', ')}` },
          ]);
        }
        if (!OPEN_FOR_DOCUMENTS.includes(record.status)) {
          throw Problem.conflict('DOCUMENTS_CLOSED', `documents are added before the application is submitted, or after it was rejected; this one is ${record.status}`);
        }
        const document = create(tx, record, this.clock.now().at);
        this.audit.record(tx, { action: 'UPDATE', resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
        if (keyed) this.requests.remember(tx, principal, keyed, { deedId: record.id, documentId: document.id });
        await tx.flush();
        return toDocumentView(document);
      });
    } catch (error) {
      // The same upload sent twice at once (the later one waited for the record's lock, then collided on the
      // request's unique constraint): the one saved first answers both.
      if (keyed) {
        const earlier = await this.answered(principal, keyed);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  /** The document stored the first time this caller sent this key with this upload (422 for another request). */
  private async answered(principal: Principal, keyed: KeyedRequest): Promise<DocumentView | undefined> {
    const earlier = await this.requests.earlier(principal, keyed);
    if (!earlier?.documentId) return undefined;
    return toDocumentView(await this.em.fork().findOneOrFail(DeedDocument, { id: earlier.documentId }));
  }
}
