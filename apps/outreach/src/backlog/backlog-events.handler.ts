/**
 * The durable JetStream consumers that keep the backlog current (IDENTITY and DEEDS streams). Thin edges: the
 * platform has checked the envelope and payload against the contracts (a poison message is dead-lettered at
 * once) and opened the inbox transaction `em`; each handler calls one method of BacklogEventsService in it.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import {
  SUBJECTS,
  type BirthRegistered,
  type DeedStatusChanged,
  type EktpStatusChanged,
  type EventEnvelope,
  type KiaStatusChanged,
  type ResidentBirthDeedLinked,
  type ResidentBirthDeedUnlinked,
  type ResidentCorrected,
  type ResidentMaritalStatusChanged,
  type ResidentRegistered,
  type ResidentStatusChanged,
} from '@adminduk/contracts';
import { ConsumeEvent } from '@adminduk/platform';
import { BacklogEventsService } from './backlog-events.service';

/**
 * The durable consumer names (and inbox keys). DO NOT RENAME: a new name starts again from the stream's first
 * event (the read model would take every old event again; the inbox keeps each one's effect single only under
 * the same name).
 */
export const BACKLOG_DURABLES = {
  residentRegistered: 'outreach-identity-resident-registered',
  residentCorrected: 'outreach-identity-resident-corrected',
  maritalStatusChanged: 'outreach-identity-marital-status-changed',
  statusChanged: 'outreach-identity-resident-status-changed',
  ektpStatusChanged: 'outreach-identity-ektp-status-changed',
  kiaStatusChanged: 'outreach-identity-kia-status-changed',
  birthRegistered: 'outreach-deeds-birth-registered',
  birthDeedLinked: 'outreach-identity-resident-birth-deed-linked',
  birthDeedUnlinked: 'outreach-identity-resident-birth-deed-unlinked',
  deedStatusChanged: 'outreach-deeds-deed-status-changed',
} as const;

@Injectable()
export class BacklogEventsHandler {
  constructor(private readonly backlog: BacklogEventsService) {}

  @ConsumeEvent(SUBJECTS.identity.residentRegistered, { durable: BACKLOG_DURABLES.residentRegistered })
  onResidentRegistered(em: EntityManager, event: EventEnvelope<ResidentRegistered>): Promise<void> {
    return this.backlog.residentRegistered(em, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentBirthDeedLinked, { durable: BACKLOG_DURABLES.birthDeedLinked })
  onBirthDeedLinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedLinked>): Promise<void> {
    return this.backlog.birthDeedLinked(em, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentBirthDeedUnlinked, { durable: BACKLOG_DURABLES.birthDeedUnlinked })
  onBirthDeedUnlinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedUnlinked>): Promise<void> {
    return this.backlog.birthDeedUnlinked(em, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentCorrected, { durable: BACKLOG_DURABLES.residentCorrected })
  onResidentCorrected(em: EntityManager, event: EventEnvelope<ResidentCorrected>): Promise<void> {
    return this.backlog.residentCorrected(em, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentMaritalStatusChanged, { durable: BACKLOG_DURABLES.maritalStatusChanged })
  onMaritalStatusChanged(em: EntityManager, event: EventEnvelope<ResidentMaritalStatusChanged>): Promise<void> {
    return this.backlog.maritalStatusChanged(em, event);
  }

  @ConsumeEvent(SUBJECTS.identity.residentStatusChanged, { durable: BACKLOG_DURABLES.statusChanged })
  onStatusChanged(em: EntityManager, event: EventEnvelope<ResidentStatusChanged>): Promise<void> {
    return this.backlog.statusChanged(em, event);
  }

  @ConsumeEvent(SUBJECTS.identity.ektpStatusChanged, { durable: BACKLOG_DURABLES.ektpStatusChanged })
  onEktpStatusChanged(em: EntityManager, event: EventEnvelope<EktpStatusChanged>): Promise<void> {
    return this.backlog.ektpStatusChanged(em, event);
  }

  @ConsumeEvent(SUBJECTS.identity.kiaStatusChanged, { durable: BACKLOG_DURABLES.kiaStatusChanged })
  onKiaStatusChanged(em: EntityManager, event: EventEnvelope<KiaStatusChanged>): Promise<void> {
    return this.backlog.kiaStatusChanged(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.birthRegistered, { durable: BACKLOG_DURABLES.birthRegistered })
  onBirthRegistered(em: EntityManager, event: EventEnvelope<BirthRegistered>): Promise<void> {
    return this.backlog.birthRegistered(em, event);
  }

  @ConsumeEvent(SUBJECTS.deeds.deedStatusChanged, { durable: BACKLOG_DURABLES.deedStatusChanged })
  onDeedStatusChanged(em: EntityManager, event: EventEnvelope<DeedStatusChanged>): Promise<void> {
    return this.backlog.deedStatusChanged(em, event);
  }
}
