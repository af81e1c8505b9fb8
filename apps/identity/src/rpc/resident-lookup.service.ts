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
import { FamilyCard } from '../family-cards/family-card.entity';

@Injectable()
export class ResidentLookupService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Is this NIK a resident of the register, and what do other services need to know of them? No name, no address. */
  async byNik(nik: string): Promise<ResidentByNikReply> {
    const em = this.em.fork();
    const resident = await em.findOne(Resident, { nik });
    if (!resident) return { found: false };
    // A resident is on at most one card, and only on an active one (a closed card has no members left).
    const card = resident.familyCardId ? await em.findOne(FamilyCard, { id: resident.familyCardId, status: 'ACTIVE' }, { fields: ['kkNumber'] }) : null;
    await this.audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
    return {
      found: true,
      residentId: resident.id,
      status: resident.status,
      sex: resident.sex,
      birthDate: resident.birthDate,
      maritalStatus: resident.maritalStatus,
      ...(resident.familyCardId ? { familyCardId: resident.familyCardId } : {}),
      ...(card ? { kkNumber: card.kkNumber } : {}),
      districtCode: resident.districtCode,
    };
  }
}
