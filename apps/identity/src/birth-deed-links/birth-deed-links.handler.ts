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
import { SUBJECTS, type EventEnvelope, type ResidentBirthDeedLinked, type ResidentBirthDeedUnlinked } from '@adminduk/contracts';
import { ConsumeEvent } from '@adminduk/platform';
import { BirthDeedLink } from './birth-deed-link.entity';

/** DO NOT RENAME: a new name starts again from the stream's first event (harmless, but every link is read again). */
export const BIRTH_DEED_LINKS_DURABLE = 'identity-resident-birth-deed-linked';
/** DO NOT RENAME (see BIRTH_DEED_LINKS_DURABLE). */
export const BIRTH_DEED_UNLINKS_DURABLE = 'identity-resident-birth-deed-unlinked';
/** The eventId of a row an unlink wrote before any link of its deed arrived (the nil UUID: never an event's id). */
const UNLINK_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class BirthDeedLinksHandler {
  @ConsumeEvent(SUBJECTS.identity.residentBirthDeedLinked, { durable: BIRTH_DEED_LINKS_DURABLE })
  async onBirthDeedLinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedLinked>): Promise<void> {
    const { deedId, residentId, link } = event.payload;
    const at = new Date(event.occurredAt);
    const row = await em.findOne(BirthDeedLink, { deedId });
    if (!row) {
      em.create(BirthDeedLink, { deedId, residentId, link, eventId: event.id, linkedAt: at });
    } else if (row.eventId === UNLINK_PLACEHOLDER || at.getTime() >= row.linkedAt.getTime()) {
      // The latest link wins (a placeholder row from an unlink that arrived first takes its first link).
      Object.assign(row, { residentId, link, eventId: event.id, linkedAt: at });
    }
  }

  /** The deed annulled: it belongs to nobody from then on, unless a later link says otherwise. */
  @ConsumeEvent(SUBJECTS.identity.residentBirthDeedUnlinked, { durable: BIRTH_DEED_UNLINKS_DURABLE })
  async onBirthDeedUnlinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedUnlinked>): Promise<void> {
    const { deedId, residentId } = event.payload;
    const at = new Date(event.occurredAt);
    const row = await em.findOne(BirthDeedLink, { deedId });
    if (!row) {
      // The unlink came before its link (separate durables): keep it, so that the older link finds it unlinked.
      em.create(BirthDeedLink, { deedId, residentId, link: 'NEWBORN', eventId: UNLINK_PLACEHOLDER, linkedAt: new Date(0), unlinkedAt: at });
    } else if (!row.unlinkedAt || at.getTime() > row.unlinkedAt.getTime()) {
      row.unlinkedAt = at;
    }
  }
}

