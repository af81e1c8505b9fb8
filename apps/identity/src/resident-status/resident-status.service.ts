/**
 * A resident's status in the register (alive, deceased, moved out) and their moves: derived by the domain fold
 * (foldResidentStatus) from the append-only status log. A change, in ONE transaction: the resident row locked
 * (PostgreSQL) at the version the client read (409 VERSION_CONFLICT when stale), the domain asked (422
 * RESIDENT_STATUS_CHANGE_REFUSED with its violation codes), then the log row(s), the Resident row's status and
 * address (its region scope follows a move), a residentStatusChanged event in the outbox and the audit row.
 * A death is also held to the register's particulars rule (checkParticulars): not before the resident's birth
 * (422 PARTICULARS_INVALID DEATH_BEFORE_BIRTH; a death after today is the fold's DATE_AFTER_ACTION).
 *
 * A resident registered before this log existed has no row yet: its log opens with a REGISTER at its current
 * address and registration time, written together with its first change.
 *
 * dieIn records a death inside a caller's transaction (the consumer of the deeds service's death events);
 * annulDeathIn and correctDeathIn undo or correct it when the death deed is annulled or corrected.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  applyResidentAction,
  foldResidentStatus,
  Shdk,
  type ResidentAction,
  type ResidentActionType,
  type ResidentStatusOptions,
  type ResidentStatusState,
} from '@adminduk/domain';
import { findVillage } from '@adminduk/domain/villages';
import { SUBJECTS, type ResidentStatusChanged } from '@adminduk/contracts';
import { AuditService, itemsFromAction, itemsFromDomain, OutboxService, Problem, type Principal } from '@adminduk/platform';
import type { Resident } from '../residents/resident.entity';
import { refuseBadParticulars } from '../residents/residents.service';
import { FamilyCardsService } from '../family-cards/family-cards.service';
import { OfficeClockService } from './office-clock.service';
import { ResidentAccessService } from './resident-access.service';
import { ResidentStatusActionRecord } from './resident-status-action.entity';
import { toResidentStatusView, type DeathDto, type FamilyOnMove, type MoveDto, type MoveOutDto, type ResidentStatusView, type ReturnDto } from './resident-status.dto';

/** One change asked for: the domain action, and the new address text for a move or a return. */
interface ChangeRequest {
  /** The resident's version the client read; undefined inside a consumer's transaction (the current one). */
  readonly version: number | undefined;
  readonly type: Exclude<ResidentActionType, 'REGISTER' | 'MOVE_IN'>;
  readonly payload: Record<string, unknown>;
  /** Kecamatan the caller must cover besides the resident's current one (the destination of a move). */
  readonly alsoRegions: readonly string[];
  readonly address?: string;
  /** A move (MOVE_OUT, MOVE_WITHIN): what happens to the resident's family card (see MoveDto.family). */
  readonly family?: { readonly mode?: FamilyOnMove; readonly newHeadResidentId?: string };
}

interface LoadedLog {
  readonly rows: number;
  /** The opening to write with the first change of a resident registered before the log existed. */
  readonly opening: ResidentAction | undefined;
  readonly state: ResidentStatusState;
}

const CHANGES: Readonly<Record<ChangeRequest['type'], ResidentStatusChanged['change']>> = {
  DIE: 'DEATH',
  MOVE_OUT: 'MOVE_OUT',
  RETURN: 'RETURN',
  MOVE_WITHIN: 'MOVE_WITHIN',
  // The v1 contract names no change for these (its `change` is optional and a new value would break older
  // consumers): DECEASED → ALIVE, and DECEASED → DECEASED with the corrected effectiveDate, say it.
  ANNUL_DEATH: undefined,
  CORRECT_DEATH: undefined,
};

@Injectable()
export class ResidentStatusService {
  private readonly options: ResidentStatusOptions;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly access: ResidentAccessService,
    private readonly clock: OfficeClockService,
    private readonly familyCards: FamilyCardsService,
  ) {
    this.options = {
      regencyCode: clock.regencyCode,
      isCurrentVillage: (code) => {
        const village = findVillage(code);
        return village !== undefined && !village.historical;
      },
    };
  }

  async get(residentId: string, principal: Principal): Promise<ResidentStatusView> {
    const resident = await this.access.find(residentId, principal, { resourceType: 'resident-status', action: 'READ' });
    const { state } = await this.load(this.em.fork(), resident);
    await this.audit.recordNow({ action: 'READ', resourceType: 'resident-status', resourceId: resident.id, regionCode: resident.districtCode });
    return toResidentStatusView(resident, state);
  }

  die(residentId: string, dto: DeathDto, principal: Principal): Promise<ResidentStatusView> {
    return this.change(residentId, principal, {
      version: dto.version,
      type: 'DIE',
      payload: { dateOfDeath: dto.dateOfDeath, ...(dto.reference ? { reference: dto.reference } : {}) },
      alsoRegions: [],
    });
  }

  moveOut(residentId: string, dto: MoveOutDto, principal: Principal): Promise<ResidentStatusView> {
    return this.change(residentId, principal, {
      version: dto.version,
      type: 'MOVE_OUT',
      payload: { toRegionCode: dto.toRegionCode, ...moveFields(dto) },
      alsoRegions: [],
      family: { mode: dto.family, newHeadResidentId: dto.newHeadResidentId },
    });
  }

  comeBack(residentId: string, dto: ReturnDto, principal: Principal): Promise<ResidentStatusView> {
    return this.change(residentId, principal, {
      version: dto.version,
      type: 'RETURN',
      payload: { districtCode: dto.districtCode, villageCode: dto.villageCode, ...(dto.fromRegionCode ? { fromRegionCode: dto.fromRegionCode } : {}), ...moveFields(dto) },
      alsoRegions: [dto.villageCode],
      address: dto.address,
    });
  }

  move(residentId: string, dto: MoveDto, principal: Principal): Promise<ResidentStatusView> {
    return this.change(residentId, principal, {
      version: dto.version,
      type: 'MOVE_WITHIN',
      payload: { districtCode: dto.districtCode, villageCode: dto.villageCode, ...moveFields(dto) },
      alsoRegions: [dto.villageCode],
      address: dto.address,
      family: { mode: dto.family, newHeadResidentId: dto.newHeadResidentId },
    });
  }

  /**
   * A death inside the caller's transaction `tx` (for the consumer of deeds.death.registered.v1): as die, at the
   * resident's current version. Every Problem is thrown before anything is put into the unit of work.
   */
  dieIn(tx: EntityManager, residentId: string, dto: Omit<DeathDto, 'version'>, principal: Principal): Promise<ResidentStatusView> {
    return this.changeIn(tx, residentId, principal, {
      version: undefined,
      type: 'DIE',
      payload: { dateOfDeath: dto.dateOfDeath, ...(dto.reference ? { reference: dto.reference } : {}) },
      alsoRegions: [],
    });
  }

  /**
   * The death deed was annulled on a final court decision (UU 23/2006 art. 72): the resident is ALIVE again
   * (ANNUL_DEATH in the status log, with the deed and the decision as its reference), in the caller's transaction.
   * The family card is not restored: who heads it now is an operator's decision.
   */
  annulDeathIn(tx: EntityManager, residentId: string, dto: { readonly reference: string }, principal: Principal): Promise<ResidentStatusView> {
    return this.changeIn(tx, residentId, principal, { version: undefined, type: 'ANNUL_DEATH', payload: { reference: dto.reference }, alsoRegions: [] });
  }

  /** The death deed's date of death was corrected (UU 23/2006 art. 71): CORRECT_DEATH in the log, in the caller's transaction. */
  correctDeathIn(tx: EntityManager, residentId: string, dto: { readonly dateOfDeath: string; readonly reference: string }, principal: Principal): Promise<ResidentStatusView> {
    return this.changeIn(tx, residentId, principal, { version: undefined, type: 'CORRECT_DEATH', payload: { dateOfDeath: dto.dateOfDeath, reference: dto.reference }, alsoRegions: [] });
  }

  private async change(residentId: string, principal: Principal, request: ChangeRequest): Promise<ResidentStatusView> {
    await this.access.find(residentId, principal, { resourceType: 'resident', action: 'UPDATE', alsoRegions: request.alsoRegions });
    try {
      return await this.em.fork().transactional((tx) => (request.family ? this.moveWithFamily(tx, residentId, principal, request) : this.changeIn(tx, residentId, principal, request)));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw Problem.conflict('VERSION_CONFLICT', 'the resident was changed by someone else at the same time: read it again and retry');
      }
      throw error;
    }
  }

  /**
   * A move and what it does to the resident's family card, in one transaction (nobody is left on a card in a village
   * they no longer live in; Permendagri 108/2019 on pindah datang):
   * - on no card: the move alone;
   * - alone on the card, or WHOLE_FAMILY (the head's application): every member moves the same way, and the card
   *   follows (a new No. KK of the destination) or, out of the regency, is closed;
   * - ALONE: the resident leaves the card (REMOVE_MOVE_OUT; a head's successor by the rules or newHeadResidentId),
   *   and is on no card until they join or are issued one at the destination;
   * - others on the card and no choice: 422 FAMILY_CARD_DECISION_REQUIRED; WHOLE_FAMILY by a member who is not
   *   the head: 422 FAMILY_MOVE_NOT_HEAD.
   * The choice is judged before anything is written; a refusal of any part rolls the whole move back.
   */
  private async moveWithFamily(tx: EntityManager, residentId: string, principal: Principal, request: ChangeRequest): Promise<ResidentStatusView> {
    const resident = await this.access.lock(tx, residentId, principal, request.alsoRegions);
    const cardId = resident.familyCardId;
    if (!cardId) return this.changeIn(tx, residentId, principal, request);
    const members = await this.familyCards.memberIdsIn(tx, cardId);
    const others = members.filter((m) => m.residentId !== residentId);
    const mode = request.family?.mode ?? (others.length === 0 ? 'WHOLE_FAMILY' : undefined);
    if (mode === undefined) {
      throw Problem.unprocessable('FAMILY_CARD_DECISION_REQUIRED', 'the resident shares a family card with others: say whether the whole family moves or the resident alone', [
        {
          code: 'FAMILY_CARD_DECISION_REQUIRED',
          field: 'family',
          message: `${others.length} other member(s) on the card: WHOLE_FAMILY (the head's application: everyone moves, the card follows) or ALONE (the resident leaves the card)`,
        },
      ]);
    }
    const isHead = members.find((m) => m.residentId === residentId)?.relationship === Shdk.KEPALA_KELUARGA;
    if (mode === 'WHOLE_FAMILY' && others.length > 0 && !isHead) {
      throw Problem.unprocessable('FAMILY_MOVE_NOT_HEAD', "a whole family moves on its head's application", [
        { code: 'FAMILY_MOVE_NOT_HEAD', field: 'family', message: 'move the head with WHOLE_FAMILY, or this resident ALONE' },
      ]);
    }
    const view = await this.changeIn(tx, residentId, principal, request);
    if (mode === 'ALONE') {
      const newHead = request.family?.newHeadResidentId;
      await this.familyCards.removeMemberIn(tx, cardId, residentId, { reason: 'MOVE_OUT', ...(newHead ? { newHeadResidentId: newHead } : {}) }, principal);
    } else {
      for (const other of others) await this.changeIn(tx, other.residentId, principal, { ...request, version: undefined, family: undefined });
      const to = request.type === 'MOVE_OUT' ? 'OUT_OF_REGENCY' : { districtCode: resident.districtCode, villageCode: resident.villageCode, address: resident.address };
      await this.familyCards.moveFamilyIn(tx, cardId, to, principal);
    }
    return { ...view, familyCardId: resident.familyCardId ?? null };
  }

  private async changeIn(tx: EntityManager, residentId: string, principal: Principal, request: ChangeRequest): Promise<ResidentStatusView> {
    const resident = await this.access.lock(tx, residentId, principal, request.alsoRegions);
    if (request.version !== undefined && request.version !== resident.version) {
      throw Problem.conflict('VERSION_CONFLICT', `the resident is at version ${resident.version}, you sent ${request.version}: read it again and retry`);
    }
    const log = await this.load(tx, resident);
    const { at } = this.clock.now();
    // The payload's fields are the domain's to check (422 with its codes), hence the cast.
    const action = { type: request.type, at, by: principal.id, payload: request.payload } as unknown as ResidentAction;
    const after = applyResidentAction(log.state, action, this.options);
    if (!after.ok) {
      throw Problem.unprocessable('RESIDENT_STATUS_CHANGE_REFUSED', `the register's rules do not allow ${request.type} now`, itemsFromAction(after.errors));
    }
    if (request.type === 'DIE' || request.type === 'CORRECT_DEATH') {
      // The register's particulars rule: no death before the birth (422 PARTICULARS_INVALID DEATH_BEFORE_BIRTH).
      refuseBadParticulars({ birthDate: resident.birthDate, dateOfDeath: request.payload['dateOfDeath'] as string }, at.slice(0, 10), ['dateOfDeath']);
    }
    let seq = log.rows;
    for (const a of log.opening ? [log.opening, action] : [action]) {
      tx.create(ResidentStatusActionRecord, { residentId, seq: ++seq, type: a.type, at: a.at, actedBy: a.by, payload: { ...(a.payload ?? {}) } });
    }
    const previous = { districtCode: resident.districtCode, villageCode: resident.villageCode };
    const state = after.value;
    resident.status = state.status;
    resident.districtCode = state.districtCode;
    resident.villageCode = state.villageCode;
    if (request.address !== undefined) resident.address = request.address.trim();
    this.outbox.record(tx, SUBJECTS.identity.residentStatusChanged, eventOf(residentId, request, log.state, state, previous));
    this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: residentId, regionCode: state.districtCode });
    await tx.flush();
    return toResidentStatusView(resident, state);
  }

  /** The status log folded; a log that does not fit the Resident row (someone bypassed it) is a 409. */
  private async load(em: EntityManager, resident: Resident): Promise<LoadedLog> {
    const rows = await em.find(ResidentStatusActionRecord, { residentId: resident.id }, { orderBy: { seq: 'asc' } });
    const opening: ResidentAction | undefined =
      rows.length === 0
        ? {
            type: 'REGISTER',
            at: this.clock.instant(resident.createdAt),
            by: 'system',
            payload: { districtCode: resident.districtCode, villageCode: resident.villageCode },
          }
        : undefined;
    const actions = opening ? [opening] : rows.map((r) => ({ type: r.type, at: r.at, by: r.actedBy, payload: r.payload }) as unknown as ResidentAction);
    const folded = foldResidentStatus(actions, this.options);
    if (!folded.ok || folded.value.status !== resident.status || folded.value.villageCode !== resident.villageCode) {
      throw Problem.conflict(
        'RESIDENT_STATUS_HISTORY_INCONSISTENT',
        "the resident's status log does not fit the resident's record (changed outside the log?); a registrar must review it",
        folded.ok ? [{ code: 'STATUS_MISMATCH', message: `the log says ${folded.value.status} in ${folded.value.villageCode}` }] : itemsFromDomain(folded.errors),
      );
    }
    return { rows: rows.length, opening, state: folded.value };
  }
}

function moveFields(dto: { movedOn?: string; reference?: string }): Record<string, string> {
  return { ...(dto.movedOn ? { movedOn: dto.movedOn } : {}), ...(dto.reference ? { reference: dto.reference } : {}) };
}

function eventOf(
  residentId: string,
  request: ChangeRequest,
  before: ResidentStatusState,
  after: ResidentStatusState,
  previous: { districtCode: string; villageCode: string },
): ResidentStatusChanged {
  const lastMove = after.moves.at(-1);
  return {
    residentId,
    from: before.status,
    to: after.status,
    effectiveDate: after.effectiveDate,
    change: CHANGES[request.type],
    ...(request.type === 'MOVE_WITHIN' ? { previousDistrictCode: previous.districtCode, previousVillageCode: previous.villageCode } : {}),
    ...(request.type === 'MOVE_OUT' && lastMove ? { otherRegionCode: lastMove.to } : {}),
    ...(request.type === 'RETURN' && lastMove && !lastMove.from.startsWith(after.districtCode.slice(0, 4)) ? { otherRegionCode: lastMove.from } : {}),
    districtCode: after.districtCode,
    villageCode: after.villageCode,
  };
}
