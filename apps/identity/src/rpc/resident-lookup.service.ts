/**
 * Answers other services' questions about residents (over NATS request/reply). A lookup discloses a person's
 * record to another service, so a found resident is a READ in the audit trail (actor 'system', endpoint the
 * subject, with the caller's request id). Replies go to the asker only; the NIK of a by-birth-deed reply is never
 * logged.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { ResidentByBirthDeedReply, ResidentByNikReply } from '@adminduk/contracts';
import { AuditService } from '@adminduk/platform';
import { Resident } from '../residents/resident.entity';
import { FamilyCard } from '../family-cards/family-card.entity';
import { BirthDeedLink, isLinked } from '../birth-deed-links/birth-deed-link.entity';

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

  /**
   * The resident a birth deed belongs to (BirthDeedLink: the newborn registered from it, or the resident a late
   * birth deed names) and their NIK, for the deeds service to print on the kutipan akta kelahiran. found: false while
   * the deed is linked to nobody: the deeds event not yet applied, held for review, or refused (a review item).
   */
  async byBirthDeed(deedId: string): Promise<ResidentByBirthDeedReply> {
    const em = this.em.fork();
    const link = await em.findOne(BirthDeedLink, { deedId });
    const resident = link && isLinked(link) ? await em.findOne(Resident, { id: link.residentId }, { fields: ['nik', 'districtCode'] }) : null;
    if (!resident) return { found: false };
    await this.audit.recordNow({ action: 'READ', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
    return { found: true, residentId: resident.id, nik: resident.nik };
  }
}
