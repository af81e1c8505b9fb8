/**
 * Finding a deed record within the caller's region scope (404 DEED_NOT_FOUND, or 403 OUTSIDE_REGION written to
 * the audit trail as DENIED) and loading it again under a row lock for a change (PostgreSQL; SQLite serializes
 * writers by itself).
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/core';
import { AuditService, canAccessRegion, Problem, SERVICE_CONFIG, type AuditAction, type Principal, type ServiceConfig } from '@adminduk/platform';
import { DeedRecord } from './deed-record.entity';

export const DEED_RESOURCE = 'deed';

/** The region a record is scoped by: its desa / kelurahan when known, else its kecamatan (a village-scoped key, such as an RT head's, reaches only its village). */
export function regionOf(record: { readonly districtCode: string; readonly villageCode?: string | null }): string {
  return record.villageCode ?? record.districtCode;
}

@Injectable()
export class DeedAccessService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The record, if the caller's region scope covers its kecamatan. Outside any transaction, so a denial is kept. */
  async find(id: string, principal: Principal, action: AuditAction): Promise<DeedRecord> {
    const record = await this.em.fork().findOne(DeedRecord, { id });
    if (!record) throw Problem.notFound('DEED_NOT_FOUND', `no deed record ${id}`);
    if (!canAccessRegion(principal, regionOf(record))) {
      await this.audit.recordNow({ action, resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode, outcome: 'DENIED' });
      throw Problem.forbidden('OUTSIDE_REGION', `kecamatan ${record.districtCode} is outside your region`);
    }
    return record;
  }

  /** The record again inside a change's transaction, under a row lock, still in the caller's region. */
  async lock(tx: EntityManager, id: string, principal?: Principal): Promise<DeedRecord> {
    const record = await tx.findOne(DeedRecord, { id }, { lockMode: this.lockMode() });
    if (!record) throw Problem.notFound('DEED_NOT_FOUND', `no deed record ${id}`);
    if (principal && !canAccessRegion(principal, regionOf(record))) throw Problem.forbidden('OUTSIDE_REGION', `kecamatan ${record.districtCode} is outside your region`);
    return record;
  }

  lockMode(): LockMode | undefined {
    return this.config.databaseUrl.startsWith('sqlite:') ? undefined : LockMode.PESSIMISTIC_WRITE;
  }
}
