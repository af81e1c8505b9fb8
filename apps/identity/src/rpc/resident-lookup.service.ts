/**
 * Answers other services' questions about residents (over NATS request/reply). A lookup discloses a person's
 * record to another service, so a found resident is a READ in the audit trail (actor 'system', endpoint the
 * subject, with the caller's request id).
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { ResidentByNikReply } from '@adminduk/contracts';
import { AuditService } from '@adminduk/platform';
import { Resident } from '../residents/resident.entity';

@Injectable()
export class ResidentLookupService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Is this NIK a resident of the register, and what do other services need to know of them? No name, no address. */
  async byNik(nik: string): Promise<ResidentByNikReply> {
    const resident = await this.em.fork().findOne(Resident, { nik });
    if (!resident) return { found: false };
    await this.audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
    return {
      found: true,
      residentId: resident.id,
      status: resident.status,
      sex: resident.sex,
      birthDate: resident.birthDate,
      maritalStatus: resident.maritalStatus,
      ...(resident.familyCardId ? { familyCardId: resident.familyCardId } : {}),
      districtCode: resident.districtCode,
    };
  }
}
