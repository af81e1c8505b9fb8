/**
 * A resident's e-KTP: its status is never stored, it is derived by the domain fold (foldEktp) from the
 * append-only action rows and the resident's facts (age and marital status for wajib KTP; death or move out).
 * A new action, in ONE transaction: the resident row locked (PostgreSQL), the version the client read compared
 * with the number of actions (409 VERSION_CONFLICT when stale), the domain asked (422 EKTP_ACTION_REFUSED with
 * its violation codes), then the action row, an ektpStatusChanged event in the outbox and the audit row.
 * With an `Idempotency-Key` (the office app's offline outbox), the request and its answer are kept in the same
 * transaction (EktpRequestRecord, through IdempotentRequests): the same key and request again get the first answer,
 * nothing written twice.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { applyEktpAction, foldEktp, type DocumentHolder, type EktpAction, type EktpState } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, itemsFromAction, itemsFromDomain, OutboxService, Problem, type Principal } from '@adminduk/platform';
import { OfficeClockService } from '../resident-status/office-clock.service';
import { ResidentAccessService } from '../resident-status/resident-access.service';
import { EktpActionRecord } from './ektp-action.entity';
import { EktpRequestRecord } from './ektp-request.entity';
import { EKTP_ACTION_FIELDS, toEktpView, type EktpActionDto, type EktpView } from './ektp.dto';
import { IdempotentRequests } from '../idempotency/idempotent-requests';

const RESOURCE = 'ektp';
const REQUESTS = new IdempotentRequests(EktpRequestRecord);

/** A stored action row as the domain fold reads it (also for GET /villages/{code}/documents). */
export function ektpActionOf(r: EktpActionRecord): EktpAction {
  return { type: r.type, at: r.at, by: r.actedBy, payload: r.payload } as EktpAction;
}

@Injectable()
export class EktpService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly access: ResidentAccessService,
    private readonly clock: OfficeClockService,
  ) {}

  async get(residentId: string, principal: Principal): Promise<EktpView> {
    const resident = await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'READ' });
    const em = this.em.fork();
    const state = await this.load(em, residentId, await this.access.holder(em, resident), this.clock.now().asOf);
    await this.audit.recordNow({ action: 'READ', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
    return toEktpView(resident.id, state);
  }

  async act(residentId: string, dto: EktpActionDto, principal: Principal, idempotencyKey?: string): Promise<EktpView> {
    IdempotentRequests.check(idempotencyKey);
    refuseForeignFields(dto);
    await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'UPDATE' });
    try {
      return await REQUESTS.once<EktpView>(this.em, { caller: principal.id, key: idempotencyKey, residentId, body: dto }, (remember) =>
        this.em.fork().transactional(async (tx) => {
          const resident = await this.access.lock(tx, residentId, principal);
          const holder = await this.access.holder(tx, resident);
          const { at, asOf } = this.clock.now();
          const before = await this.load(tx, residentId, holder, asOf);
          if (dto.version !== before.version) throw staleVersion(dto.version, before.version);
          const action = { type: dto.type, at, by: principal.id, payload: payloadOf(dto) } as EktpAction;
          const after = applyEktpAction(before, action, holder, { asOf });
          if (!after.ok) throw Problem.unprocessable('EKTP_ACTION_REFUSED', `the e-KTP rules do not allow ${dto.type} now`, itemsFromAction(after.errors));
          tx.create(EktpActionRecord, { residentId, seq: before.version + 1, type: dto.type, at, actedBy: principal.id, payload: action.payload ?? {} });
          const channel = dto.type === 'RECORD_BIOMETRICS' || dto.type === 'ISSUE' ? (dto.channel ?? 'OFFICE') : 'OFFICE';
          this.outbox.record(tx, SUBJECTS.identity.ektpStatusChanged, {
            residentId,
            from: before.status,
            to: after.value.status,
            channel,
            ...(dto.visitId ? { visitId: dto.visitId } : {}),
            ...(after.value.reprint ? { reprint: true } : {}),
            action: dto.type,
            districtCode: resident.districtCode,
            villageCode: resident.villageCode,
          });
          this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
          const view = toEktpView(residentId, after.value);
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

  /** The e-KTP as of `asOf`, from the stored actions; a stored history the rules no longer accept is a 409. */
  private async load(em: EntityManager, residentId: string, holder: DocumentHolder, asOf: string): Promise<EktpState> {
    const rows = await em.find(EktpActionRecord, { residentId }, { orderBy: { seq: 'asc' } });
    const state = foldEktp(rows.map(ektpActionOf), holder, { asOf });
    if (!state.ok) {
      throw Problem.conflict(
        'EKTP_HISTORY_INCONSISTENT',
        "the stored e-KTP history no longer fits the resident's data (a corrected birth date?); a registrar must review it",
        itemsFromDomain(state.errors),
      );
    }
    return state.value;
  }
}

function staleVersion(sent: number, current: number) {
  return Problem.conflict('VERSION_CONFLICT', `the e-KTP is at version ${current}, you sent ${sent}: read it again and retry`);
}

/** Only the fields of the action's type (EKTP_ACTION_FIELDS): anything else is a client error, not ignored. */
function refuseForeignFields(dto: EktpActionDto): void {
  const allowed: readonly string[] = EKTP_ACTION_FIELDS[dto.type];
  const foreign = (['place', 'channel', 'visitId', 'reason', 'reference'] as const).filter((f) => dto[f] !== undefined && !allowed.includes(f));
  if (foreign.length > 0) {
    throw Problem.badRequest(
      'VALIDATION_FAILED',
      `${dto.type} takes ${allowed.length > 0 ? allowed.join(', ') : 'no field'} besides type and version`,
      foreign.map((field) => ({ code: 'FIELD_NOT_FOR_ACTION', field, message: `${field} is not a field of ${dto.type}` })),
    );
  }
}

function payloadOf(dto: EktpActionDto): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of EKTP_ACTION_FIELDS[dto.type]) if (dto[field] !== undefined) payload[field] = dto[field];
  return payload;
}
