/**
 * What the e-KTP, KIA and resident status services share about the resident a request is about: finding it
 * within the caller's region scope (404, or 403 written to the audit trail as DENIED), loading it again under a
 * row lock for a change, and the facts the document lifecycles need (DocumentHolder).
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/core';
import type { DocumentHolder } from '@adminduk/domain';
import { AuditService, canAccessRegion, placeOf, Problem, SERVICE_CONFIG, type AuditAction, type Principal, type ServiceConfig } from '@adminduk/platform';
import { Resident } from '../residents/resident.entity';
import { ResidentStatusActionRecord } from './resident-status-action.entity';
import { OfficeClockService } from './office-clock.service';

export interface AccessCheck {
  /** The audit trail's kind of record: 'ektp', 'kia', 'resident-status', 'resident'. */
  readonly resourceType: string;
  readonly action: AuditAction;
  /** Further regions the caller must cover (the destination village of a move or a return). */
  readonly alsoRegions?: readonly string[];
}

@Injectable()
export class ResidentAccessService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * The resident, if the caller's region scope covers its desa (placeOf; and `alsoRegions`): 404 RESIDENT_NOT_FOUND,
   * or 403 OUTSIDE_REGION recorded in the audit trail as DENIED. Outside any transaction, so that the denial is
   * kept.
   */
  async find(residentId: string, principal: Principal, check: AccessCheck): Promise<Resident> {
    const resident = await this.em.fork().findOne(Resident, { id: residentId });
    if (!resident) throw Problem.notFound('RESIDENT_NOT_FOUND', `no resident ${residentId}`);
    const outside = [placeOf(resident), ...(check.alsoRegions ?? [])].filter((code) => !canAccessRegion(principal, code));
    if (outside.length > 0) {
      await this.audit.recordNow({ action: check.action, resourceType: check.resourceType, resourceId: resident.id, regionCode: resident.districtCode, outcome: 'DENIED' });
      throw Problem.forbidden('OUTSIDE_REGION', `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside your region`);
    }
    return resident;
  }

  /** The resident again, inside a change's transaction, under a row lock (PostgreSQL), still in the caller's region. */
  async lock(tx: EntityManager, residentId: string, principal: Principal, alsoRegions: readonly string[] = []): Promise<Resident> {
    const resident = await tx.findOne(Resident, { id: residentId }, { lockMode: this.config.databaseUrl.startsWith('sqlite:') ? undefined : LockMode.PESSIMISTIC_WRITE });
    if (!resident) throw Problem.notFound('RESIDENT_NOT_FOUND', `no resident ${residentId}`);
    this.refuseOutside(principal, resident, alsoRegions);
    return resident;
  }

  /**
   * The facts the e-KTP and KIA folds need: birth date, marital status (the marriage date is not held) and the
   * resident's status with the instant the office recorded it (the latest DIE or MOVE_OUT of the status log).
   */
  async holder(em: EntityManager, resident: Resident): Promise<DocumentHolder> {
    const [holder] = await this.holders(em, [resident]);
    return holder as DocumentHolder;
  }

  /**
   * holder() for many residents at once, in the same order: one query of the status log for all of those who are
   * not ALIVE (none when all are), instead of one per resident.
   */
  async holders(em: EntityManager, residents: readonly Resident[]): Promise<DocumentHolder[]> {
    const gone = residents.filter((r) => r.status !== 'ALIVE');
    const since = new Map<string, string>();
    if (gone.length > 0) {
      const rows = await em.find(
        ResidentStatusActionRecord,
        { $or: gone.map((r) => ({ residentId: r.id, type: r.status === 'DECEASED' ? 'DIE' : 'MOVE_OUT' })) },
        { orderBy: { residentId: 'asc', seq: 'asc' } },
      );
      for (const row of rows) since.set(row.residentId, row.at); // ordered by seq: the latest wins
    }
    return residents.map((resident) => {
      const base = { birthDate: resident.birthDate, maritalStatus: resident.maritalStatus };
      if (resident.status === 'ALIVE') return base;
      // A status set outside the status log (there should be none) counts from the resident row's last change.
      return { ...base, residentStatus: resident.status, residentStatusSince: since.get(resident.id) ?? this.clock.instant(resident.updatedAt) };
    });
  }

  private refuseOutside(principal: Principal, resident: Resident, alsoRegions: readonly string[] = []): void {
    const outside = [placeOf(resident), ...alsoRegions].filter((code) => !canAccessRegion(principal, code));
    if (outside.length > 0) throw Problem.forbidden('OUTSIDE_REGION', `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside your region`);
  }
}
