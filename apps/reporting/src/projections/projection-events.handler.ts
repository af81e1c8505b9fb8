/**
 * The durable JetStream consumers that keep the reporting read models current (IDENTITY, DEEDS and OUTREACH
 * streams). Thin edges: the platform has checked the envelope and payload against the contracts (a poison message
 * is dead-lettered at once) and opened the inbox transaction `em`; each handler applies one fold.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import {
  SUBJECTS,
  type DeedAnnulled,
  type DeedCorrected,
  type DeedStatusChanged,
  type EktpStatusChanged,
  type AgreementUsed,
  type BurialRecorded,
  type EventEnvelope,
  type IkdStatusChanged,
  type KiaStatusChanged,
  type ResidentBirthDeedLinked,
  type ResidentBirthDeedUnlinked,
  type ResidentCorrected,
  type ResidentMaritalStatusChanged,
  type ResidentRegistered,
  type ResidentStatusChanged,
  type VisitCompleted,
} from '@adminduk/contracts';
import { ConsumeEvent } from '@adminduk/platform';
import { ProjectionEventsService } from './projection-events.service';

/**
 * The durable consumer names (and inbox keys). DO NOT RENAME: a new name starts again from the stream's first
 * event (harmless for the folds, which are idempotent, but every event would be taken again).
 */
export const REPORTING_DURABLES = {
  residentRegistered: 'reporting-identity-resident-registered',
  residentCorrected: 'reporting-identity-resident-corrected',
  maritalStatusChanged: 'reporting-identity-marital-status-changed',
  statusChanged: 'reporting-identity-resident-status-changed',
  ektpStatusChanged: 'reporting-identity-ektp-status-changed',
  kiaStatusChanged: 'reporting-identity-kia-status-changed',
  birthDeedLinked: 'reporting-identity-birth-deed-linked',
  birthDeedUnlinked: 'reporting-identity-birth-deed-unlinked',
  deedStatusChanged: 'reporting-deeds-deed-status-changed',
  deedCorrected: 'reporting-deeds-deed-corrected',
  deedAnnulled: 'reporting-deeds-deed-annulled',
  visitCompleted: 'reporting-outreach-visit-completed',
  ikdStatusChanged: 'reporting-identity-ikd-status-changed',
  burialRecorded: 'reporting-deeds-burial-recorded',
  identityAgreementUsed: 'reporting-identity-agreement-used',
  deedsAgreementUsed: 'reporting-deeds-agreement-used',
  outreachAgreementUsed: 'reporting-outreach-agreement-used',
} as const;

// Larger pulls than the default: the folds are small, and a registry import sends tens of thousands of events.
const BATCH = 64;

@Injectable()
export class ProjectionEventsHandler {
  constructor(private readonly projection: ProjectionEventsService) {}

  @ConsumeEvent(SUBJECTS.identity.residentRegistered, { durable: REPORTING_DURABLES.residentRegistered, batch: BATCH })
  onResidentRegistered(em: EntityManager, event: EventEnvelope<ResidentRegistered>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.residentRegistered, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentCorrected, { durable: REPORTING_DURABLES.residentCorrected, batch: BATCH })
  onResidentCorrected(em: EntityManager, event: EventEnvelope<ResidentCorrected>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.residentCorrected, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentMaritalStatusChanged, { durable: REPORTING_DURABLES.maritalStatusChanged, batch: BATCH })
  onMaritalStatusChanged(em: EntityManager, event: EventEnvelope<ResidentMaritalStatusChanged>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.residentMaritalStatusChanged, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentStatusChanged, { durable: REPORTING_DURABLES.statusChanged, batch: BATCH })
  onStatusChanged(em: EntityManager, event: EventEnvelope<ResidentStatusChanged>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.residentStatusChanged, event);
  }

  @ConsumeEvent(SUBJECTS.identity.ektpStatusChanged, { durable: REPORTING_DURABLES.ektpStatusChanged, batch: BATCH })
  onEktpStatusChanged(em: EntityManager, event: EventEnvelope<EktpStatusChanged>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.ektpStatusChanged, event);
  }

  @ConsumeEvent(SUBJECTS.identity.kiaStatusChanged, { durable: REPORTING_DURABLES.kiaStatusChanged, batch: BATCH })
  onKiaStatusChanged(em: EntityManager, event: EventEnvelope<KiaStatusChanged>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.kiaStatusChanged, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.deedStatusChanged, { durable: REPORTING_DURABLES.deedStatusChanged, batch: BATCH })
  onDeedStatusChanged(em: EntityManager, event: EventEnvelope<DeedStatusChanged>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.deeds.deedStatusChanged, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentBirthDeedLinked, { durable: REPORTING_DURABLES.birthDeedLinked, batch: BATCH })
  onBirthDeedLinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedLinked>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.residentBirthDeedLinked, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentBirthDeedUnlinked, { durable: REPORTING_DURABLES.birthDeedUnlinked, batch: BATCH })
  onBirthDeedUnlinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedUnlinked>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.residentBirthDeedUnlinked, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.deedCorrected, { durable: REPORTING_DURABLES.deedCorrected, batch: BATCH })
  onDeedCorrected(em: EntityManager, event: EventEnvelope<DeedCorrected>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.deeds.deedCorrected, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.deedAnnulled, { durable: REPORTING_DURABLES.deedAnnulled, batch: BATCH })
  onDeedAnnulled(em: EntityManager, event: EventEnvelope<DeedAnnulled>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.deeds.deedAnnulled, event);
  }

  @ConsumeEvent(SUBJECTS.outreach.visitCompleted, { durable: REPORTING_DURABLES.visitCompleted, batch: BATCH })
  onVisitCompleted(em: EntityManager, event: EventEnvelope<VisitCompleted>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.outreach.visitCompleted, event);
  }

  @ConsumeEvent(SUBJECTS.identity.ikdStatusChanged, { durable: REPORTING_DURABLES.ikdStatusChanged, batch: BATCH })
  onIkdStatusChanged(em: EntityManager, event: EventEnvelope<IkdStatusChanged>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.ikdStatusChanged, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.burialRecorded, { durable: REPORTING_DURABLES.burialRecorded, batch: BATCH })
  onBurialRecorded(em: EntityManager, event: EventEnvelope<BurialRecorded>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.deeds.burialRecorded, event);
  }

  @ConsumeEvent(SUBJECTS.identity.agreementUsed, { durable: REPORTING_DURABLES.identityAgreementUsed, batch: BATCH })
  onIdentityAgreementUsed(em: EntityManager, event: EventEnvelope<AgreementUsed>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.identity.agreementUsed, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.agreementUsed, { durable: REPORTING_DURABLES.deedsAgreementUsed, batch: BATCH })
  onDeedsAgreementUsed(em: EntityManager, event: EventEnvelope<AgreementUsed>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.deeds.agreementUsed, event);
  }

  @ConsumeEvent(SUBJECTS.outreach.agreementUsed, { durable: REPORTING_DURABLES.outreachAgreementUsed, batch: BATCH })
  onOutreachAgreementUsed(em: EntityManager, event: EventEnvelope<AgreementUsed>): Promise<void> {
    return this.projection.apply(em, SUBJECTS.outreach.agreementUsed, event);
  }
}
