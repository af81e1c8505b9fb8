/**
 * A resident's IKD (Identitas Kependudukan Digital): its status is never stored, it is derived by the domain fold
 * (foldIkd) from the append-only action rows, the resident's status (death, move out) and the e-KTP's status
 * (folded from its own rows: only a recorded e-KTP allows an activation). A new action, in ONE transaction: the
 * resident row locked (PostgreSQL), the version the client read compared with the number of actions (409
 * VERSION_CONFLICT when stale), the domain asked (422 with its violation codes), then the action row, an
 * ikdStatusChanged event in the outbox and the audit row. With an `Idempotency-Key`, the request and its answer are
 * kept in the same transaction (IkdRequestRecord), as for the e-KTP.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { applyIkdAction, foldEktp, foldIkd, type DocumentHolder, type IkdAction, type IkdHolder, type IkdState, type IkdViolation } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, itemsFromAction, itemsFromDomain, OutboxService, Problem, type Principal } from '@adminduk/platform';
import { OfficeClockService } from '../resident-status/office-clock.service';
import { ResidentAccessService } from '../resident-status/resident-access.service';
import { EktpActionRecord } from '../ektp/ektp-action.entity';
import { ektpActionOf } from '../ektp/ektp.service';
import { IdempotentRequests } from '../idempotency/idempotent-requests';
import { IkdActionRecord } from './ikd-action.entity';
import { IkdRequestRecord } from './ikd-request.entity';
import { IKD_ACTION_FIELDS, toIkdView, type IkdActionDto, type IkdView } from './ikd.dto';

const RESOURCE = 'ikd';
const REQUESTS = new IdempotentRequests(IkdRequestRecord);

/** A stored action row as the domain fold reads it. */
export function ikdActionOf(r: IkdActionRecord): IkdAction {
  return { type: r.type, at: r.at, by: r.actedBy, payload: r.payload } as IkdAction;
}

@Injectable()
export class IkdService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly access: ResidentAccessService,
    private readonly clock: OfficeClockService,
  ) {}

  async get(residentId: string, principal: Principal): Promise<IkdView> {
    const resident = await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'READ' });
    const em = this.em.fork();
    const asOf = this.clock.now().asOf;
    const holder = await this.holder(em, residentId, await this.access.holder(em, resident), asOf);
    const state = await this.load(em, residentId, holder, asOf);
    await this.audit.recordNow({ action: 'READ', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
    return toIkdView(resident.id, state);
  }

  async act(residentId: string, dto: IkdActionDto, principal: Principal, idempotencyKey?: string): Promise<IkdView> {
    IdempotentRequests.check(idempotencyKey);
    refuseBadFields(dto);
    await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'UPDATE' });
    try {
      return await REQUESTS.once<IkdView>(this.em, { caller: principal.id, key: idempotencyKey, residentId, body: dto }, (remember) =>
        this.em.fork().transactional(async (tx) => {
          const resident = await this.access.lock(tx, residentId, principal);
          const { at, asOf } = this.clock.now();
          const holder = await this.holder(tx, residentId, await this.access.holder(tx, resident), asOf);
          const before = await this.load(tx, residentId, holder, asOf);
          if (dto.version !== before.version) throw staleVersion(dto.version, before.version);
          const action = { type: dto.type, at, by: principal.id, payload: payloadOf(dto) } as IkdAction;
          const after = applyIkdAction(before, action, holder, { asOf });
          if (!after.ok) throw refused(dto, after.errors);
          tx.create(IkdActionRecord, { residentId, seq: before.version + 1, type: dto.type, at, actedBy: principal.id, payload: action.payload ?? {} });
          this.outbox.record(tx, SUBJECTS.identity.ikdStatusChanged, {
            residentId,
            from: before.status,
            to: after.value.status,
            action: dto.type,
            on: asOf,
            channel: dto.channel ?? 'OFFICE',
            ...(dto.visitId ? { visitId: dto.visitId } : {}),
            districtCode: resident.districtCode,
            villageCode: resident.villageCode,
          });
          this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
          const view = toIkdView(residentId, after.value);
          remember(tx, view);
          await tx.flush();
          return view;
        }),
      );
    } catch (error) {
      // Two writers of the same version: the second insert of that seq fails on the unique constraint.
      if (error instanceof UniqueConstraintViolationException) throw staleVersion(dto.version, dto.version + 1);
      throw error;
    }
  }

  /** The holder with the e-KTP's status as of `asOf`, folded from its rows (the e-KTP's own rules). */
  private async holder(em: EntityManager, residentId: string, holder: DocumentHolder, asOf: string): Promise<IkdHolder> {
    const rows = await em.find(EktpActionRecord, { residentId }, { orderBy: { seq: 'asc' } });
    const ektp = foldEktp(rows.map(ektpActionOf), holder, { asOf });
    if (!ektp.ok) {
      throw Problem.conflict(
        'EKTP_HISTORY_INCONSISTENT',
        "the stored e-KTP history no longer fits the resident's data (a corrected birth date?); a registrar must review it",
        itemsFromDomain(ektp.errors),
      );
    }
    return { ...holder, ektpStatus: ektp.value.status };
  }

  /** The IKD as of `asOf`, from the stored actions; a stored history the rules no longer accept is a 409. */
  private async load(em: EntityManager, residentId: string, holder: IkdHolder, asOf: string): Promise<IkdState> {
    const rows = await em.find(IkdActionRecord, { residentId }, { orderBy: { seq: 'asc' } });
    const state = foldIkd(rows.map(ikdActionOf), holder, { asOf });
    if (!state.ok) {
      throw Problem.conflict('IKD_HISTORY_INCONSISTENT', "the stored IKD history no longer fits the resident's data; a registrar must review it", itemsFromDomain(state.errors));
    }
    return state.value;
  }
}

/**
 * The domain's refusal as one stable code for the counter (the items keep the domain's codes): the resident is no
 * longer on the register here, the e-KTP is not recorded, or the step is out of order.
 */
function refused(dto: IkdActionDto, errors: readonly IkdViolation[]) {
  const items = itemsFromAction(errors);
  const has = (...codes: string[]) => errors.some((e) => codes.includes(e.code));
  if (has('RESIDENT_DECEASED', 'RESIDENT_MOVED_OUT')) {
    return Problem.unprocessable('IKD_RESIDENT_NOT_ALIVE', 'the office recorded this resident as deceased or moved out of the regency: the IKD cannot change any more', items);
  }
  if (has('EKTP_NOT_RECORDED')) {
    return Problem.unprocessable('IKD_EKTP_NOT_RECORDED', `${dto.type} needs a recorded e-KTP: record the biometrics first`, items);
  }
  return Problem.unprocessable('IKD_ACTION_NOT_ALLOWED', `the IKD rules do not allow ${dto.type} now`, items);
}

function staleVersion(sent: number, current: number) {
  return Problem.conflict('VERSION_CONFLICT', `the IKD is at version ${current}, you sent ${sent}: read it again and retry`);
}

/**
 * Only the fields of the action's type (IKD_ACTION_FIELDS); a DEACTIVATE names its reason; an outreach visit is
 * named, and a visit only with OUTREACH. Each a client error (400), not left to the domain.
 */
function refuseBadFields(dto: IkdActionDto): void {
  const allowed: readonly string[] = IKD_ACTION_FIELDS[dto.type] ?? [];
  const items = (['reason', 'channel', 'visitId'] as const)
    .filter((f) => dto[f] !== undefined && !allowed.includes(f))
    .map((field) => ({ code: 'FIELD_NOT_FOR_ACTION', field, message: `${field} is not a field of ${dto.type}` }));
  if (dto.type === 'DEACTIVATE' && dto.reason === undefined) items.push({ code: 'FIELD_REQUIRED', field: 'reason', message: 'DEACTIVATE needs a reason' });
  if (dto.channel === 'OUTREACH' && dto.visitId === undefined) items.push({ code: 'VISIT_REQUIRED', field: 'visitId', message: 'an action on an outreach visit names the visit' });
  if (dto.channel !== 'OUTREACH' && dto.visitId !== undefined) items.push({ code: 'FIELD_NOT_FOR_ACTION', field: 'visitId', message: 'visitId is only for channel OUTREACH' });
  if (items.length > 0) throw Problem.badRequest('VALIDATION_FAILED', `${dto.type} takes ${allowed.join(', ')} besides type and version`, items);
}

function payloadOf(dto: IkdActionDto): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of IKD_ACTION_FIELDS[dto.type]) if (dto[field] !== undefined) payload[field] = dto[field];
  return payload;
}
