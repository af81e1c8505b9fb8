/**
 * Deed applications and their lifecycle at the office: opening an application, submitting it with its documents,
 * verification, rejection (and resubmission), issue of copies, correction, annulment and archiving; reading and
 * the work queue. Registration is RegistrationService's (it asks identity first).
 *
 * Every change is ONE transaction: the record locked (PostgreSQL), the version the client read compared with the
 * number of actions (409 VERSION_CONFLICT when stale), the domain asked (DeedJournalService.append: 422 with its
 * violation codes), then the action, the record's projection, the outbox event and the audit row. Reads and
 * searches are audited (UU 27/2022) and limited to the caller's region scope.
 */
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EntityManager, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { applyAction, EVENT_DATE_FIELD, type DeedAction, type DeedActionType, type DeedState, type DocumentKind, type FieldChange } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, canAccessRegion, OutboxService, Problem, regionScopeConditions, type Principal, type ProblemItem } from '@adminduk/platform';
import { CopiesService } from '../copies/copies.service';
import { DeedDocument } from '../documents/deed-document.entity';
import { OfficeClockService } from '../office-clock.service';
import { annulledPayload, correctedPayload } from './deed-amendment.mapper';
import { DeedAccessService, DEED_RESOURCE, regionOf } from './deed-access.service';
import { DeedChecksService } from './deed-checks.service';
import { actorFor, DeedJournalService, refusal, staleVersion, type StepPlace } from './deed-journal.service';
import { DeedRecord } from './deed-record.entity';
import { checkIdempotencyKey, DeedRequestsService, requestDigest, type KeyedRequest } from './deed-requests.service';
import { DeedViewsService } from './deed-views.service';
import type { AnnulDto, CorrectionDto, DeedPage, DeedSearchQuery, DeedView, IssueDto, OpenDeedDto, ReasonDto, SubmitDto, VersionDto } from './deed.dto';
import { toSummaryView } from './deed.mapper';
import { fieldPaths, mergeParticulars, ParticularsDto, plainParticulars, valueAt, withValue, type Particulars } from './particulars.dto';

/** Runs after the action was appended, in the same transaction (a copy to make). */
type AfterAction = (tx: EntityManager, record: DeedRecord, state: DeedState, at: string) => void;

export function duplicateCase(existingId: string) {
  return Problem.conflict('DUPLICATE_CASE', `this event is already case ${existingId}: continue that case`, [{ code: 'DUPLICATE_CASE', field: 'deedId', message: existingId }]);
}

@Injectable()
export class DeedCasesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DeedAccessService,
    private readonly journal: DeedJournalService,
    private readonly views: DeedViewsService,
    private readonly checks: DeedChecksService,
    private readonly copies: CopiesService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
    private readonly requests: DeedRequestsService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * POST /deeds: an application prepared at the office; it has no action until it is submitted. With an
   * `Idempotency-Key` (DeedRequestsService) a retry gets the case it opened the first time, as it stands now.
   */
  async open(dto: OpenDeedDto, principal: Principal, idempotencyKey?: string): Promise<DeedView> {
    checkIdempotencyKey(idempotencyKey);
    if (!canAccessRegion(principal, regionOf(dto))) throw Problem.forbidden('OUTSIDE_REGION', `${regionOf(dto)} is outside your region`);
    if (dto.visitId && dto.channel !== 'OUTREACH') {
      throw Problem.badRequest('VALIDATION_FAILED', 'visitId is for applications taken on an outreach visit', [{ code: 'FIELD_NOT_FOR_CHANNEL', field: 'visitId', message: 'visitId needs channel OUTREACH' }]);
    }
    const particulars = plainParticulars(dto.particulars);
    const keyed: KeyedRequest | undefined = idempotencyKey ? { key: idempotencyKey, operation: 'OPEN', digest: requestDigest('OPEN', { ...dto, particulars }) } : undefined;
    if (keyed) {
      const earlier = await this.requests.earlier(principal, keyed);
      if (earlier) return this.get(earlier.deedId, principal);
    }
    const { at } = this.clock.now();
    const caseKey = this.checks.check({ ...dto, particulars }, 'open', at);
    try {
      return await this.em.fork().transactional(async (tx) => {
        await this.refuseDuplicate(tx, caseKey);
        const record = tx.create(DeedRecord, {
          deedType: dto.deedType,
          caseKey,
          districtCode: dto.districtCode,
          villageCode: dto.villageCode ?? null,
          channel: dto.channel ?? 'OFFICE',
          visitId: dto.visitId ?? null,
          eventDate: dto.eventDate,
          particulars,
          parentsMarried: dto.parentsMarried ?? null,
        });
        this.audit.record(tx, { action: 'CREATE', resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
        if (keyed) this.requests.remember(tx, principal, keyed, { deedId: record.id });
        await tx.flush();
        return this.views.view(tx, record, []);
      });
    } catch (error) {
      // The same request sent twice at once: the one saved first answers both (the later one met its case, 409
      // DUPLICATE_CASE, or collided on a unique constraint).
      if (keyed) {
        const earlier = await this.requests.earlier(principal, keyed);
        if (earlier) return this.get(earlier.deedId, principal);
      }
      if (error instanceof UniqueConstraintViolationException) await this.refuseDuplicate(this.em.fork(), caseKey);
      throw error;
    }
  }

  /** POST /deeds/{id}/submit: the application complete with its documents (the checklist is the domain's). */
  submit(id: string, dto: SubmitDto, principal: Principal): Promise<DeedView> {
    return this.act(id, principal, dto.version, 'SUBMIT', async (tx, record, at) => {
      const particulars = dto.particulars ? mergeParticulars(record.particulars, plainParticulars(dto.particulars)) : record.particulars;
      const eventDate = dto.eventDate ?? record.eventDate;
      const caseKey = this.checks.check({ deedType: record.deedType, eventDate, districtCode: record.districtCode, villageCode: record.villageCode, particulars }, 'submit', record.notifiedAt ?? at);
      if (caseKey !== record.caseKey) await this.refuseDuplicate(tx, caseKey, record.id);
      const documents = await tx.find(DeedDocument, { deedId: record.id }, { orderBy: { id: 'asc' } });
      record.particulars = particulars;
      record.caseKey = caseKey;
      if (dto.parentsMarried !== undefined) record.parentsMarried = dto.parentsMarried;
      return {
        type: 'SUBMIT',
        at,
        actor: actorFor(principal, 'SUBMIT'),
        payload: {
          eventDate,
          documents: documents.map((d) => d.kind as DocumentKind),
          ...(record.parentsMarried != null ? { parentsMarried: record.parentsMarried } : {}),
        },
      };
    });
  }

  /** POST /deeds/{id}/verify */
  verify(id: string, dto: VersionDto, principal: Principal): Promise<DeedView> {
    return this.act(id, principal, dto.version, 'VERIFY', async (_tx, _record, at) => ({ type: 'VERIFY', at, actor: actorFor(principal, 'VERIFY') }));
  }

  /** POST /deeds/{id}/reject: back to the applicant with the reason; a resubmission is a new SUBMIT. */
  reject(id: string, dto: ReasonDto, principal: Principal): Promise<DeedView> {
    return this.act(id, principal, dto.version, 'REJECT', async (_tx, _record, at) => ({ type: 'REJECT', at, actor: actorFor(principal, 'REJECT'), payload: { reason: dto.reason } }));
  }

  /** POST /deeds/{id}/archive: closes a record that never became a deed (a duplicate, a withdrawn application). */
  archive(id: string, dto: ReasonDto, principal: Principal): Promise<DeedView> {
    return this.act(id, principal, dto.version, 'ARCHIVE', async (_tx, _record, at) => ({ type: 'ARCHIVE', at, actor: actorFor(principal, 'ARCHIVE'), payload: { reason: dto.reason } }));
  }

  /**
   * POST /deeds/{id}/issue: a kutipan, signed, with its verification code (a further one after loss, or after a
   * correction). `channel` / `visitId` say where it was handed over (default: at the office); a visitId needs
   * channel OUTREACH (400 before anything is read or written). The visit is not looked up: the deeds service does
   * not know the outreach plans (as for an application's visitId); the outreach service links the ones it knows.
   * A birth's kutipan prints the child's NIK, which identity is asked for first, outside the transaction
   * (CopiesService.childNikFor: 503 IDENTITY_UNAVAILABLE when it cannot answer, nothing issued); only for a registered
   * deed, and not for a version already stale, so that a stale or refused request is not held up by identity.
   */
  async issue(id: string, dto: IssueDto, principal: Principal): Promise<DeedView> {
    if (dto.visitId && dto.channel !== 'OUTREACH') {
      throw Problem.badRequest('VALIDATION_FAILED', 'visitId is for a kutipan handed over on an outreach visit', [{ code: 'FIELD_NOT_FOR_CHANNEL', field: 'visitId', message: 'visitId needs channel OUTREACH' }]);
    }
    if (dto.channel === 'OUTREACH' && !dto.visitId) {
      // A hand-over on a visit without the visit could never be reconciled with the team's report.
      throw Problem.badRequest('VALIDATION_FAILED', 'a kutipan handed over on an outreach visit names the visit', [{ code: 'VISIT_REQUIRED', field: 'visitId', message: 'channel OUTREACH needs visitId' }]);
    }
    // Lower case, as the contracts' uuid is (a validator accepts either case; the consumers would refuse upper case).
    const place: StepPlace = { channel: dto.channel ?? 'OFFICE', ...(dto.visitId ? { visitId: dto.visitId.toLowerCase() } : {}) };
    const found = await this.access.find(id, principal, 'UPDATE');
    const childNik = dto.version >= found.actionCount && found.deedNumber && found.status !== 'ANNULLED' ? await this.copies.childNikFor(found) : undefined;
    return this.act(
      id,
      principal,
      dto.version,
      'ISSUE',
      async (_tx, _record, at) => ({ type: 'ISSUE', at, actor: actorFor(principal, 'ISSUE') }),
      (tx, record, state, at) => void this.copies.create(tx, record, state, principal.id, at, childNik),
      place,
    );
  }

  /**
   * POST /deeds/{id}/corrections: a clerical error fixed by the office (pembetulan, UU 23/2006 art. 71). A change of
   * `eventDate` corrects the deed's event date (the day of birth, of death, …): the domain judges the new date
   * (422 EVENT_DATE_INVALID, EVENT_DATE_IN_FUTURE, EVENT_DATE_AFTER_REGISTRATION, EVENT_DATE_BEFORE_BIRTH against the
   * deceased's birth date as corrected, EVENT_DATE_TOO_EARLY, EVENT_DATE_UNCHANGED…) before the natural key is
   * computed with it, and the record's date, timeliness and the kutipan issued after follow the fold.
   */
  correct(id: string, dto: CorrectionDto, principal: Principal): Promise<DeedView> {
    let corrected: FieldChange[] = [];
    // deeds.deed.corrected.v1 in the action's transaction: identity corrects the register as the deed now says.
    const publish: AfterAction = (tx, record, state, at) => this.outbox.record(tx, SUBJECTS.deeds.deedCorrected, correctedPayload(record, state, at, corrected, dto.reason));
    return this.act(id, principal, dto.version, 'CORRECT', async (tx, record, at, before) => {
      const allowed = [...fieldPaths(record.deedType), EVENT_DATE_FIELD];
      const unknown = dto.changes.filter((c) => !allowed.includes(c.field));
      if (unknown.length > 0) {
        throw Problem.badRequest(
          'VALIDATION_FAILED',
          `a ${record.deedType} has the particulars ${allowed.join(', ')}`,
          unknown.map((c) => ({ code: 'FIELD_NOT_CORRECTABLE', field: c.field, message: `${c.field} is not a particular of a ${record.deedType}` })),
        );
      }
      let particulars: Particulars = record.particulars;
      let eventDate = record.eventDate;
      const changes: FieldChange[] = [];
      for (const change of dto.changes) {
        if (change.field === EVENT_DATE_FIELD) {
          // Not a particular: the domain checks the new date against the deed (below), then the record follows the fold.
          changes.push({ field: EVENT_DATE_FIELD, from: record.eventDate, to: change.to });
          eventDate = change.to;
          continue;
        }
        const from = valueAt(particulars, change.field);
        const to: string | number = change.field === 'child.childOrder' && /^\d+$/.test(change.to) ? Number(change.to) : change.to;
        changes.push({ field: change.field, from: from === undefined || from === null ? '' : String(from), to: String(to) });
        particulars = withValue(particulars, change.field, to);
      }
      refuseInvalidParticulars(particulars);
      const deceasedBirthDate = record.deedType === 'DEATH' ? particulars.deceased?.birthDate : undefined;
      const action: DeedAction = {
        type: 'CORRECT',
        at,
        actor: actorFor(principal, 'CORRECT'),
        payload: { changes, reason: dto.reason, ...(eventDate !== record.eventDate && deceasedBirthDate ? { deceasedBirthDate } : {}) },
      };
      if (changes.some((c) => c.field === EVENT_DATE_FIELD) && before) {
        // The date's own rules first (with their codes), before the natural key is computed with it.
        const judged = applyAction(before, action);
        if (!judged.ok) throw refusal('CORRECT', judged.errors);
      }
      const caseKey = this.checks.check({ deedType: record.deedType, eventDate, districtCode: record.districtCode, villageCode: record.villageCode, particulars }, 'submit', at);
      if (caseKey !== record.caseKey) await this.refuseDuplicate(tx, caseKey, record.id);
      record.particulars = particulars;
      record.caseKey = caseKey;
      corrected = changes;
      return action;
    }, publish);
  }

  /** POST /deeds/{id}/annulment: on a final court decision (pembatalan, UU 23/2006 art. 72); its copies verify as ANNULLED. */
  annul(id: string, dto: AnnulDto, principal: Principal): Promise<DeedView> {
    return this.act(
      id,
      principal,
      dto.version,
      'ANNUL',
      async (_tx, _record, at) => ({
        type: 'ANNUL',
        at,
        actor: actorFor(principal, 'ANNUL'),
        payload: { courtDecision: { number: dto.courtDecision.number, finalOn: dto.courtDecision.finalOn }, ...(dto.reason ? { reason: dto.reason } : {}) },
      }),
      // deeds.deed.annulled.v1 in the action's transaction: identity undoes what the registered deed did.
      (tx, record, state, at) => this.outbox.record(tx, SUBJECTS.deeds.deedAnnulled, annulledPayload(record, state, at, dto.courtDecision, dto.reason)),
    );
  }

  /** GET /deeds/{id} */
  async get(id: string, principal: Principal): Promise<DeedView> {
    const record = await this.access.find(id, principal, 'READ');
    const view = await this.views.view(this.em.fork(), record);
    await this.audit.recordNow({ action: 'READ', resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
    return view;
  }

  /** GET /deeds: the work queue, within the caller's region scope (no particulars). */
  async list(query: DeedSearchQuery, principal: Principal): Promise<DeedPage> {
    const where: FilterQuery<DeedRecord>[] = [];
    if (query.status) where.push({ status: query.status === 'DRAFT' ? null : query.status });
    if (query.deedType) where.push({ deedType: query.deedType });
    if (query.districtCode) where.push({ districtCode: query.districtCode });
    if (query.waitingFor) where.push({ waitingFor: query.waitingFor });
    if (query.after) where.push({ id: { $gt: query.after } });
    // The scope in the query itself (a desa's scope on the village column): a page holds the caller's deeds only.
    const scope = regionScopeConditions(principal);
    if (scope) {
      if (scope.length === 0) return { items: [] };
      where.push({ $or: scope });
    }
    const limit = query.limit ?? 50;
    const rows = await this.em.fork().find(DeedRecord, where.length > 0 ? { $and: where } : {}, { orderBy: { id: 'asc' }, limit: limit + 1 });
    const items = rows.filter((r) => canAccessRegion(principal, regionOf(r))).slice(0, limit).map(toSummaryView);
    await this.audit.recordNow({ action: 'SEARCH', resourceType: DEED_RESOURCE, results: items.map((r) => ({ id: r.id, regionCode: r.districtCode })) });
    return { items, ...(rows.length > limit ? { next: items[items.length - 1]?.id } : {}) };
  }

  /** One lifecycle action in one transaction (see the module comment). */
  private async act(
    id: string,
    principal: Principal,
    version: number,
    type: DeedActionType,
    build: (tx: EntityManager, record: DeedRecord, at: string, before: DeedState | null) => Promise<DeedAction>,
    after?: AfterAction,
    place?: StepPlace,
  ): Promise<DeedView> {
    await this.access.find(id, principal, 'UPDATE');
    try {
      return await this.em.fork().transactional(async (tx) => {
        const record = await this.access.lock(tx, id, principal);
        if (version !== record.actionCount) throw staleVersion(version, record.actionCount);
        const before = await this.journal.state(tx, record);
        const { at } = this.clock.now();
        const action = await build(tx, record, at, before);
        const state = this.journal.append(tx, record, before, action, 'UPDATE', place);
        after?.(tx, record, state, at);
        await tx.flush();
        return this.views.view(tx, record);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        // Another case took the same event at the same moment (a submission or correction that changed its key)…
        if (/case_key/.test(error.message)) throw Problem.conflict('DUPLICATE_CASE', `another case of ${type === 'CORRECT' ? 'the corrected' : 'this'} event was saved at the same time; search for it`);
        // …or two writers of the same version: the second insert of that seq fails on the unique constraint.
        throw staleVersion(version, version + 1);
      }
      throw error;
    }
  }

  /** 409 DUPLICATE_CASE when another open case holds this natural key. */
  private async refuseDuplicate(em: EntityManager, caseKey: string, self?: string): Promise<void> {
    const existing = await em.findOne(DeedRecord, { caseKey });
    if (existing && existing.id !== self) throw duplicateCase(existing.id);
  }
}

/** The corrected particulars must still pass the request's own validation (a sex is M or F, a NIK 16 digits…). */
function refuseInvalidParticulars(particulars: Particulars): void {
  const errors = validateSync(plainToInstance(ParticularsDto, particulars), { forbidUnknownValues: false });
  if (errors.length === 0) return;
  const flatten = (list: readonly ValidationError[], parent: string): ProblemItem[] =>
    list.flatMap((e) => [
      ...Object.values(e.constraints ?? {}).map((message) => ({ code: 'CORRECTION_INVALID', field: `${parent}${e.property}`, message })),
      ...flatten(e.children ?? [], `${parent}${e.property}.`),
    ]);
  throw Problem.badRequest('VALIDATION_FAILED', 'the corrected particulars are not valid', flatten(errors, ''));
}
