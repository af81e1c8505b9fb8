/**
 * GET /villages/{code}/documents: the e-KTP and KIA of a village's living residents in one paged answer, for the
 * outreach team that downloads its day before driving to a village without signal. A bounded number of queries a
 * page (the residents, their e-KTP actions, their KIA actions and KIA documents; the holders' status facts in at most one more), the
 * same folds (foldEktp, foldKia) and views (toEktpView, toKiaView) as GET /residents/{id}/ektp and …/kia. A history
 * that no longer folds is null with its problem code, the other document still given. One SEARCH audit row names
 * every resident of the page (as GET /residents does), written before the data is sent.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { foldEktp, foldKia, type DocumentHolder } from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { AuditService, canAccessRegion, Problem, type Principal } from '@adminduk/platform';
import { Resident } from '../residents/resident.entity';
import { ResidentAccessService } from '../resident-status/resident-access.service';
import { OfficeClockService } from '../resident-status/office-clock.service';
import { EktpActionRecord } from '../ektp/ektp-action.entity';
import { ektpActionOf } from '../ektp/ektp.service';
import { toEktpView } from '../ektp/ektp.dto';
import { KiaActionRecord } from '../kia/kia-action.entity';
import { kiaActionOf } from '../kia/kia.service';
import { toKiaView } from '../kia/kia.dto';
import { KiaDocumentRecord } from '../kia/kia-document.entity';
import { toKiaDocumentView } from '../kia/kia-documents.service';
import type { DocumentProblem, EktpSummaryView, KiaSummaryView, ResidentDocumentsView, VillageDocumentsPage, VillageDocumentsQuery } from './village-documents.dto';

const RESOURCE = 'village-documents';
const DEFAULT_LIMIT = 200;

@Injectable()
export class VillageDocumentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly access: ResidentAccessService,
    private readonly clock: OfficeClockService,
  ) {}

  async list(villageCode: string, query: VillageDocumentsQuery, principal: Principal): Promise<VillageDocumentsPage> {
    // A retired code (renumbered desa) is still a village its residents may be registered in.
    if (!findVillage(villageCode)) throw Problem.notFound('VILLAGE_NOT_FOUND', `${villageCode} is not a desa / kelurahan code`);
    if (!canAccessRegion(principal, villageCode)) {
      await this.audit.recordNow({ action: 'SEARCH', resourceType: RESOURCE, regionCode: villageCode.slice(0, 6), results: [], outcome: 'DENIED' });
      throw Problem.forbidden('OUTSIDE_REGION', `desa / kelurahan ${villageCode} is outside your region`);
    }
    const em = this.em.fork();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await em.find(
      Resident,
      { villageCode, status: 'ALIVE', ...(query.after ? { id: { $gt: query.after } } : {}) },
      { orderBy: { id: 'asc' }, limit: limit + 1 },
    );
    const residents = rows.slice(0, limit);
    const ids = residents.map((r) => r.id);
    const ektpRows = ids.length > 0 ? await em.find(EktpActionRecord, { residentId: { $in: ids } }, { orderBy: { residentId: 'asc', seq: 'asc' } }) : [];
    const kiaRows = ids.length > 0 ? await em.find(KiaActionRecord, { residentId: { $in: ids } }, { orderBy: { residentId: 'asc', seq: 'asc' } }) : [];
    const kiaDocuments = ids.length > 0 ? await em.find(KiaDocumentRecord, { residentId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } }) : [];
    const holders = await this.access.holders(em, residents);
    const ektpLogs = groupBy(ektpRows);
    const kiaLogs = groupBy(kiaRows);
    const kiaFiles = groupBy(kiaDocuments);
    const { asOf } = this.clock.now();
    const items = residents.map((r, i) => documentsOf(r.id, holders[i] as DocumentHolder, ektpLogs.get(r.id) ?? [], kiaLogs.get(r.id) ?? [], kiaFiles.get(r.id) ?? [], asOf));
    await this.audit.recordNow({ action: 'SEARCH', resourceType: RESOURCE, results: residents.map((r) => ({ id: r.id, regionCode: r.districtCode })) });
    return { villageCode, asOf, items, next: rows.length > limit ? (ids[ids.length - 1] ?? null) : null };
  }
}

/** One resident's documents, as GET /residents/{id}/ektp and …/kia would derive them today. */
function documentsOf(
  residentId: string,
  holder: DocumentHolder,
  ektpLog: readonly EktpActionRecord[],
  kiaLog: readonly KiaActionRecord[],
  kiaFiles: readonly KiaDocumentRecord[],
  asOf: string,
): ResidentDocumentsView {
  const problems: DocumentProblem[] = [];
  let ektp: EktpSummaryView | null = null;
  const ektpState = foldEktp(ektpLog.map(ektpActionOf), holder, { asOf });
  if (ektpState.ok) {
    const view = toEktpView(residentId, ektpState.value);
    ektp = { status: view.status, version: view.version, allowedActions: view.allowedActions };
  } else {
    problems.push('EKTP_HISTORY_INCONSISTENT');
  }
  let kia: KiaSummaryView | null = null;
  const kiaState = foldKia(kiaLog.map(kiaActionOf), holder, { asOf });
  if (kiaState.ok) {
    const view = toKiaView(residentId, kiaState.value, kiaFiles.map(toKiaDocumentView));
    kia = {
      status: view.status,
      version: view.version,
      allowedActions: view.allowedActions,
      kiaType: view.eligibility.eligible ? (view.eligibility.type ?? null) : null,
      documentsOnFile: [...new Set(view.application?.documents.map((d) => d.kind) ?? [])],
    };
  } else {
    problems.push('KIA_HISTORY_INCONSISTENT');
  }
  return { residentId, ektp, kia, problems };
}

function groupBy<R extends { residentId: string }>(rows: readonly R[]): Map<string, R[]> {
  const byResident = new Map<string, R[]>();
  for (const row of rows) {
    const log = byResident.get(row.residentId);
    if (log) log.push(row);
    else byResident.set(row.residentId, [row]);
  }
  return byResident;
}
