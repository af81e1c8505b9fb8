/**
 * The deed record's log, the one way every status change is written: the domain decides (applyAction; 422 with
 * its violation codes when it refuses), then, in the caller's transaction, the action row, the record's
 * projection of the new state, a deeds.deed.status-changed.v1 event in the outbox (for every step, also those
 * that keep the status, such as a further copy or a correction) and the audit row.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import {
  applyAction,
  DEED_ACTION_ROLES,
  foldDeed,
  type DeedAction,
  type DeedActionType,
  type DeedActor,
  type DeedActorRole,
  type DeedState,
  type DeedViolation,
} from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, itemsFromAction, itemsFromDomain, OutboxService, Problem, type AuditAction, type Principal } from '@adminduk/platform';
import { DeedActionRecord } from './deed-action.entity';
import type { DeedRecord } from './deed-record.entity';
import { DEED_RESOURCE } from './deed-access.service';

/** The domain role a caller acts in for `type`: the strongest role it holds that may take the action. */
export function actorFor(principal: Principal, type: DeedActionType): DeedActor {
  const admin = principal.roles.includes('admin');
  const held: DeedActorRole[] = [
    ...(admin || principal.roles.includes('registrar') ? (['REGISTRAR'] as const) : []),
    ...(admin || principal.roles.includes('operator') ? (['OPERATOR'] as const) : []),
    ...(admin || principal.roles.includes('partner') ? (['PARTNER'] as const) : []),
  ];
  const allowed = DEED_ACTION_ROLES[type];
  const role = held.find((r) => allowed.includes(r)) ?? held[0] ?? 'APPLICANT';
  return { role, id: principal.id };
}

/** A refusal of the domain: its one code when all violations share it (HEAD_DECISION_REQUIRED, DOCUMENTS_INCOMPLETE…), else DEED_ACTION_REFUSED. */
export function refusal(type: string, errors: readonly DeedViolation[]) {
  const codes = [...new Set(errors.map((e) => e.code))];
  return Problem.unprocessable(codes.length === 1 ? (codes[0] as string) : 'DEED_ACTION_REFUSED', `the civil registration rules do not allow ${type} now`, itemsFromAction(errors));
}

/** Where a step took place (see DeedActionRecord.channel). */
export interface StepPlace {
  readonly channel: 'OFFICE' | 'OUTREACH' | 'ONLINE';
  readonly visitId?: string;
}

export function staleVersion(sent: number, current: number) {
  return Problem.conflict('VERSION_CONFLICT', `the deed record is at version ${current}, you sent ${sent}: read it again and retry`);
}

@Injectable()
export class DeedJournalService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  actions(em: EntityManager, deedId: string): Promise<DeedActionRecord[]> {
    return em.find(DeedActionRecord, { deedId }, { orderBy: { seq: 'asc' } });
  }

  /** The record's state folded from its actions; null for an application with no action yet. */
  async state(em: EntityManager, record: DeedRecord, rows?: readonly DeedActionRecord[]): Promise<DeedState | null> {
    const actions = rows ?? (await this.actions(em, record.id));
    if (actions.length === 0) return null;
    const folded = foldDeed(record.deedType, actions.map(toDomainAction));
    if (!folded.ok) {
      throw Problem.conflict('DEED_HISTORY_INCONSISTENT', 'the stored history of this deed no longer passes the rules; a registrar must review it', itemsFromDomain(folded.errors));
    }
    return folded.value;
  }

  /**
   * Checks the action with the domain and writes it (see the module comment); returns the new state. `place`: where
   * the step itself happened, when the caller says (an ISSUE on an outreach visit): kept on the action row and
   * published as the event's stepChannel / stepVisitId, beside the record's own channel and visit.
   */
  append(tx: EntityManager, record: DeedRecord, before: DeedState | null, action: DeedAction, audit: AuditAction = 'UPDATE', place?: StepPlace): DeedState {
    const result = before === null ? applyAction(record.deedType, action) : applyAction(before, action);
    if (!result.ok) throw refusal(action.type, result.errors);
    const state = result.value;
    tx.create(DeedActionRecord, {
      deedId: record.id,
      seq: record.actionCount + 1,
      type: action.type,
      at: action.at,
      actorRole: action.actor.role,
      actorId: action.actor.id ?? 'unknown',
      payload: (action.payload ?? {}) as Record<string, unknown>,
      channel: place?.channel ?? null,
      visitId: place?.visitId ?? null,
    });
    project(record, state);
    this.outbox.record(tx, SUBJECTS.deeds.deedStatusChanged, {
      deedId: record.id,
      deedType: record.deedType,
      from: before?.status ?? null,
      to: state.status,
      at: action.at,
      eventDate: state.eventDate,
      ...(record.notifiedAt ? { notifiedAt: record.notifiedAt } : {}),
      ...(record.registeredAt ? { registeredAt: record.registeredAt } : {}),
      ...(record.issuedAt ? { issuedAt: record.issuedAt } : {}),
      timeliness: state.timeliness,
      channel: record.channel,
      ...(record.visitId ? { visitId: record.visitId } : {}),
      ...(place ? { stepChannel: place.channel } : {}),
      ...(place?.visitId ? { stepVisitId: place.visitId } : {}),
      districtCode: record.districtCode,
      ...(record.villageCode ? { villageCode: record.villageCode } : {}),
    });
    this.audit.record(tx, { action: audit, resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
    return state;
  }
}

export function toDomainAction(row: DeedActionRecord): DeedAction {
  return { type: row.type, at: row.at, actor: { role: row.actorRole, id: row.actorId }, payload: row.payload } as DeedAction;
}

/** Writes what the fold derived into the record's projection columns. */
export function project(record: DeedRecord, state: DeedState): void {
  const stillbirth = record.deedType === 'STILLBIRTH';
  record.status = state.status;
  record.actionCount = state.history.length;
  record.deedVersion = state.version;
  record.deedNumber = state.deedNumber;
  record.timeliness = state.timeliness;
  record.eventDate = state.eventDate;
  record.notifiedAt = state.notifiedAt ?? state.submittedAt;
  record.registeredAt = stillbirth ? state.recordedAt : state.registeredAt;
  record.issuedAt = stillbirth ? state.recordedAt : state.issuedAt;
  // An archived or annulled record no longer holds the event: it may be reported again.
  if (state.status === 'ARCHIVED' || state.status === 'ANNULLED') record.caseKey = null;
}
