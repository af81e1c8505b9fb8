/**
 * The durable consumer of identity.resident.birth-deed-linked.v1 (IDENTITY stream): keeps BirthDeedLink, deed →
 * resident, for identity.rpc.resident.by-birth-deed.v1. A thin edge: the platform has checked the payload and opened
 * the inbox transaction `em` (the event takes effect once); an upsert by deed id makes a replay harmless.
 *
 * Why a projection of this service's own event rather than a column written by the deeds consumer: the link is
 * published from one place (DeedEventsService.linkBirthDeed, for a newborn, a late birth deed, and a held event a
 * registrar confirms), and its event is the record downstream already relies on. Reading it back keeps one source;
 * the cost is that the lookup follows the link by the outbox relay's delay (about a second), which the caller sees
 * as found: false, the same answer as before the deeds event was applied.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { SUBJECTS, type EventEnvelope, type ResidentBirthDeedLinked } from '@adminduk/contracts';
import { ConsumeEvent } from '@adminduk/platform';
import { BirthDeedLink } from './birth-deed-link.entity';

/** DO NOT RENAME: a new name starts again from the stream's first event (harmless, but every link is read again). */
export const BIRTH_DEED_LINKS_DURABLE = 'identity-resident-birth-deed-linked';

@Injectable()
export class BirthDeedLinksHandler {
  @ConsumeEvent(SUBJECTS.identity.residentBirthDeedLinked, { durable: BIRTH_DEED_LINKS_DURABLE })
  async onBirthDeedLinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedLinked>): Promise<void> {
    const { deedId, residentId, link } = event.payload;
    const row = await em.findOne(BirthDeedLink, { deedId });
    if (row) {
      row.residentId = residentId;
      row.link = link;
      row.eventId = event.id;
      row.linkedAt = new Date();
    } else {
      em.create(BirthDeedLink, { deedId, residentId, link, eventId: event.id });
    }
  }
}
