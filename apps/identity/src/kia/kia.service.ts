/**
 * A child's KIA: its status, including expiry as the child ages or marries, is never stored; it is derived by
 * the domain fold (foldKia) from the append-only action rows and the child's facts. A new action, in ONE
 * transaction: the resident row locked (PostgreSQL), the version the client read compared with the number of
 * actions (409 VERSION_CONFLICT when stale), the domain asked (422 KIA_ACTION_REFUSED with its violation
 * codes), then the action row, a kiaStatusChanged event in the outbox and the audit row.
 * With an `Idempotency-Key` (the office app's offline outbox), the request and its answer are kept in the same
 * transaction (KiaRequestRecord, through IdempotentRequests): the same key and request again get the first answer,
 * nothing written twice. The event consumers' path (actIn, inside their own transaction) takes no key.
 */
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { applyKiaAction, foldKia, type DocumentHolder, type KiaAction, type KiaState, type KiaType } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, itemsFromAction, itemsFromDomain, OutboxService, Problem, type Principal } from '@adminduk/platform';
import { OfficeClockService } from '../resident-status/office-clock.service';
import { ResidentAccessService } from '../resident-status/resident-access.service';
import { KiaActionRecord, kiaActionOf } from './kia-action.entity';
import { kiaDocumentsOf } from './kia-documents.service';
import { KiaRequestRecord } from './kia-request.entity';
import { KIA_ACTION_FIELDS, toKiaView, type KiaActionDto, type KiaView } from './kia.dto';
import { IdempotentRequests } from '../idempotency/idempotent-requests';

const RESOURCE = 'kia';
const REQUESTS = new IdempotentRequests(KiaRequestRecord);

export { kiaActionOf };

/** An action asked for inside a caller's transaction: the request's fields; without `version`, after whatever the log holds. */
export type KiaActionInput = Omit<KiaActionDto, 'version'> & { readonly version?: number };

@Injectable()
export class KiaService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly access: ResidentAccessService,
    private readonly clock: OfficeClockService,
  ) {}

  async get(residentId: string, principal: Principal): Promise<KiaView> {
    const resident = await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'READ' });
    const em = this.em.fork();
    const state = await this.load(em, residentId, await this.access.holder(em, resident), this.clock.now().asOf);
    const documents = await kiaDocumentsOf(em, residentId);
    await this.audit.recordNow({ action: 'READ', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
    return toKiaView(resident.id, state, documents);
  }

  async act(residentId: string, dto: KiaActionDto, principal: Principal, idempotencyKey?: string): Promise<KiaView> {
    IdempotentRequests.check(idempotencyKey);
    refuseForeignFields(dto);
    await this.access.find(residentId, principal, { resourceType: RESOURCE, action: 'UPDATE' });
    try {
      return await REQUESTS.once<KiaView>(this.em, { caller: principal.id, key: idempotencyKey, residentId, body: dto }, (remember) =>
        this.em.fork().transactional(async (tx) => {
          const view = await this.actIn(tx, residentId, dto, principal);
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

  /**
   * An action inside the caller's transaction `tx` (for the consumers of the deeds events: the KIA printed for a
   * child from a birth deed): the resident locked, the domain asked, the action row, the kiaStatusChanged event
   * and the audit row, flushed. Without `version`, the action follows whatever the log holds. Every Problem is
   * thrown before anything is put into the unit of work.
   */
  async actIn(tx: EntityManager, residentId: string, dto: KiaActionInput, principal: Principal): Promise<KiaView> {
    const resident = await this.access.lock(tx, residentId, principal);
    const holder = await this.access.holder(tx, resident);
    const { at, asOf } = this.clock.now();
    const before = await this.load(tx, residentId, holder, asOf);
    if (dto.version !== undefined && dto.version !== before.version) throw staleVersion(dto.version, before.version);
    const action = { type: dto.type, at, by: principal.id, payload: payloadOf(dto) } as KiaAction;
    const after = applyKiaAction(before, action, holder, { asOf });
    if (!after.ok) throw Problem.unprocessable('KIA_ACTION_REFUSED', `the KIA rules do not allow ${dto.type} now`, itemsFromAction(after.errors));
    tx.create(KiaActionRecord, { residentId, seq: before.version + 1, type: dto.type, at, actedBy: principal.id, payload: action.payload ?? {} });
    const card = after.value.card;
    this.outbox.record(tx, SUBJECTS.identity.kiaStatusChanged, {
      residentId,
      from: before.status,
      to: after.value.status,
      kiaType: card?.kiaType as KiaType,
      action: dto.type,
      ...(card ? { validUntil: card.validUntil } : {}),
      // Where: the caller's channel; an action of the service itself (a consumer's, without version) is SYSTEM.
      channel: dto.channel ?? (dto.version === undefined ? 'SYSTEM' : 'OFFICE'),
      ...(dto.visitId ? { visitId: dto.visitId } : {}),
      districtCode: resident.districtCode,
      villageCode: resident.villageCode,
    });
    this.audit.record(tx, { action: 'UPDATE', resourceType: RESOURCE, resourceId: resident.id, regionCode: resident.districtCode });
    await tx.flush();
    return toKiaView(residentId, after.value, await kiaDocumentsOf(tx, residentId));
  }

  /** The KIA as of `asOf`, from the stored actions; a stored history the rules no longer accept is a 409. */
  private async load(em: EntityManager, residentId: string, holder: DocumentHolder, asOf: string): Promise<KiaState> {
    const rows = await em.find(KiaActionRecord, { residentId }, { orderBy: { seq: 'asc' } });
    const state = foldKia(rows.map(kiaActionOf), holder, { asOf });
    if (!state.ok) {
      throw Problem.conflict(
        'KIA_HISTORY_INCONSISTENT',
        "the stored KIA history no longer fits the child's data (a corrected birth date?); a registrar must review it",
        itemsFromDomain(state.errors),
      );
    }
    return state.value;
  }
}

function staleVersion(sent: number, current: number) {
  return Problem.conflict('VERSION_CONFLICT', `the KIA is at version ${current}, you sent ${sent}: read it again and retry`);
}

/** Only the fields of the action's type (KIA_ACTION_FIELDS): anything else is a client error, not ignored. */
function refuseForeignFields(dto: KiaActionDto): void {
  const allowed: readonly string[] = KIA_ACTION_FIELDS[dto.type];
  const foreign = (['kiaType', 'reason', 'reference', 'channel', 'visitId'] as const).filter((f) => dto[f] !== undefined && !allowed.includes(f));
  if (foreign.length > 0) {
    throw Problem.badRequest(
      'VALIDATION_FAILED',
      `${dto.type} takes ${allowed.length > 0 ? allowed.join(', ') : 'no field'} besides type and version`,
      foreign.map((field) => ({ code: 'FIELD_NOT_FOR_ACTION', field, message: `${field} is not a field of ${dto.type}` })),
    );
  }
}

function payloadOf(dto: KiaActionInput): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of KIA_ACTION_FIELDS[dto.type]) if (dto[field] !== undefined) payload[field] = dto[field];
  return payload;
}
