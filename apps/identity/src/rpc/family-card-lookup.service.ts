/**
 * Answers other services' questions about family cards (over NATS request/reply), e.g. the deeds service linking
 * a birth to the parents' card. Only the ACTIVE card with the number counts: a number the card had before it was
 * reissued, or a closed card's, is not found (the caller holds an old KK and must ask the family for the new one).
 * A found card discloses its members' NIKs to another service, so it is a READ of the card in the audit trail
 * (actor 'system', endpoint the subject, with the caller's request id), as GET /family-cards/{id} is.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { FamilyCardByNumberReply } from '@adminduk/contracts';
import { AuditService } from '@adminduk/platform';
import { FamilyCard } from '../family-cards/family-card.entity';
import { FamilyCardMembership } from '../family-cards/family-card-membership.entity';

@Injectable()
export class FamilyCardLookupService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** The active card's id, region and members (resident id, NIK, SHDK) in card order; no names, no address. */
  async byKkNumber(kkNumber: string): Promise<FamilyCardByNumberReply> {
    const em = this.em.fork();
    const card = await em.findOne(FamilyCard, { kkNumber, status: 'ACTIVE' });
    if (!card) return { found: false };
    const memberships = await em.find(FamilyCardMembership, { card }, { populate: ['resident'], orderBy: { position: 'asc' } });
    await this.audit.recordNow({ action: 'READ', resourceType: 'family-card', resourceId: card.id, regionCode: card.districtCode });
    return {
      found: true,
      familyCardId: card.id,
      districtCode: card.districtCode,
      villageCode: card.villageCode,
      members: memberships.map((m) => ({ residentId: m.resident.id, nik: m.resident.nik, relationship: m.relationship })),
    };
  }
}
