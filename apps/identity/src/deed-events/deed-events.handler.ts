/**
 * The durable JetStream consumers of the deeds service's registered-deed events, and of the corrections and
 * annulments of registered deeds (DEEDS stream). Thin edges: the
 * platform has checked the envelope and the payload against the contracts (a poison message is dead-lettered at
 * once) and opened the inbox transaction `em`; each handler calls one application-service method in it.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import {
  SUBJECTS,
  type AdoptionRegistered,
  type BirthRegistered,
  type DeathRegistered,
  type DeedAnnulled,
  type DeedCorrected,
  type DivorceRegistered,
  type EventEnvelope,
  type LegitimationRegistered,
  type MarriageRegistered,
  type RecognitionRegistered,
} from '@adminduk/contracts';
import { ConsumeEvent } from '@adminduk/platform';
import { DeedAmendmentsService } from './deed-amendments.service';
import { DeedEventsService } from './deed-events.service';

/**
 * The durable consumer names (and inbox keys). DO NOT RENAME: a new name starts again from the stream's first
 * event (the deed claims would keep the effects single, but every old event would be read again).
 */
export const DEED_EVENT_DURABLES = {
  birth: 'identity-deeds-birth-registered',
  death: 'identity-deeds-death-registered',
  marriage: 'identity-deeds-marriage-registered',
  divorce: 'identity-deeds-divorce-registered',
  recognition: 'identity-deeds-recognition-registered',
  legitimation: 'identity-deeds-legitimation-registered',
  adoption: 'identity-deeds-adoption-registered',
  corrected: 'identity-deeds-deed-corrected',
  annulled: 'identity-deeds-deed-annulled',
} as const;

@Injectable()
export class DeedEventsHandler {
  constructor(
    private readonly deeds: DeedEventsService,
    private readonly amendments: DeedAmendmentsService,
  ) {}

  @ConsumeEvent(SUBJECTS.deeds.birthRegistered, { durable: DEED_EVENT_DURABLES.birth })
  onBirthRegistered(em: EntityManager, event: EventEnvelope<BirthRegistered>): Promise<void> {
    return this.deeds.recordBirth(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.deathRegistered, { durable: DEED_EVENT_DURABLES.death })
  onDeathRegistered(em: EntityManager, event: EventEnvelope<DeathRegistered>): Promise<void> {
    return this.deeds.recordDeath(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.marriageRegistered, { durable: DEED_EVENT_DURABLES.marriage })
  onMarriageRegistered(em: EntityManager, event: EventEnvelope<MarriageRegistered>): Promise<void> {
    return this.deeds.recordMarriage(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.divorceRegistered, { durable: DEED_EVENT_DURABLES.divorce })
  onDivorceRegistered(em: EntityManager, event: EventEnvelope<DivorceRegistered>): Promise<void> {
    return this.deeds.recordDivorce(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.recognitionRegistered, { durable: DEED_EVENT_DURABLES.recognition })
  onRecognitionRegistered(em: EntityManager, event: EventEnvelope<RecognitionRegistered>): Promise<void> {
    return this.deeds.recordRecognition(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.legitimationRegistered, { durable: DEED_EVENT_DURABLES.legitimation })
  onLegitimationRegistered(em: EntityManager, event: EventEnvelope<LegitimationRegistered>): Promise<void> {
    return this.deeds.recordLegitimation(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.adoptionRegistered, { durable: DEED_EVENT_DURABLES.adoption })
  onAdoptionRegistered(em: EntityManager, event: EventEnvelope<AdoptionRegistered>): Promise<void> {
    return this.deeds.recordAdoption(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.deedCorrected, { durable: DEED_EVENT_DURABLES.corrected })
  onDeedCorrected(em: EntityManager, event: EventEnvelope<DeedCorrected>): Promise<void> {
    return this.amendments.recordCorrection(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.deedAnnulled, { durable: DEED_EVENT_DURABLES.annulled })
  onDeedAnnulled(em: EntityManager, event: EventEnvelope<DeedAnnulled>): Promise<void> {
    return this.amendments.recordAnnulment(em, event);
  }
}
