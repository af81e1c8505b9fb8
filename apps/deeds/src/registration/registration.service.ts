/**
 * Registration by the civil registrar (Pejabat Pencatatan Sipil): REGISTER with a deed number from the domain
 * allocator (a stillbirth: RECORD, and its letter is issued at once), and the registered-deed event.
 *
 * 1. The domain is asked first, without a number: is REGISTER allowed now, and does a late birth have the head
 *    of the office's decision (422 HEAD_DECISION_REQUIRED otherwise)?
 * 2. A birth is linked with identity (IdentityLinkService): the parents' NIKs and the family card.
 *    - identity refuses the link: 422 IDENTITY_LINK_REFUSED, the problems kept on the record (`linkProblems`);
 *    - identity cannot be asked (NATS down, no responder, timeout): the registration WAITS. The answer is 202
 *      with the record still VERIFIED and `waitingFor: IDENTITY`; the registrar's request (who, the head's
 *      decision) is kept in the record, and RegistrationRetryService tries again with a growing delay until
 *      identity answers. Nothing is lost and nothing is registered twice: the retry locks the record and goes on
 *      only while it is still waiting.
 * 3. In ONE transaction: the record locked, the number allocated (counter row lock), the REGISTER action, the
 *    projection, deeds.deed.status-changed.v1 and the registered-deed event (deeds.birth / death / marriage /
 *    divorce / recognition / legitimation / adoption .registered.v1; a stillbirth has none) in the outbox, the
 *    audit row. The answer's view is read after the commit, so that the
 *    counter's lock is held no longer than the writes.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { applyAction, marriageRoute, type DeedAction, type DeedState, type HeadDecision } from '@adminduk/domain';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditService, OutboxService, Problem, ProblemException, type Principal } from '@adminduk/platform';
import { CopiesService } from '../copies/copies.service';
import { DeedAccessService, DEED_RESOURCE } from '../cases/deed-access.service';
import { actorFor, DeedJournalService, refusal, staleVersion } from '../cases/deed-journal.service';
import { DeedRecord, type PendingRegistration } from '../cases/deed-record.entity';
import { DeedViewsService } from '../cases/deed-views.service';
import type { DeedView, RegisterDto } from '../cases/deed.dto';
import { OfficeClockService } from '../office-clock.service';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import { DeedNumberService } from './deed-number.service';
import { IdentityLinkService, type LinkOutcome } from './identity-link.service';

export interface RegisterOutcome {
  /** 200 registered; 202 waiting for identity. */
  readonly status: 200 | 202;
  readonly view: DeedView;
}

export type RetryOutcome = 'registered' | 'waiting' | 'refused' | 'not-waiting';

const MAX_RETRY_DELAY_MS = 15 * 60_000;

@Injectable()
export class RegistrationService {
  private readonly logger = new Logger('RegistrationService');

  constructor(
    private readonly em: EntityManager,
    private readonly access: DeedAccessService,
    private readonly journal: DeedJournalService,
    private readonly views: DeedViewsService,
    private readonly numbers: DeedNumberService,
    private readonly identity: IdentityLinkService,
    private readonly copies: CopiesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: OfficeClockService,
    @Inject(DEEDS_CONFIG) private readonly config: DeedsConfig,
  ) {}

  /** POST /deeds/{id}/register */
  async register(id: string, dto: RegisterDto, principal: Principal): Promise<RegisterOutcome> {
    const found = await this.access.find(id, principal, 'UPDATE');
    if (dto.version !== found.actionCount) throw staleVersion(dto.version, found.actionCount);
    const before = await this.journal.state(this.em.fork(), found);
    const actor = actorFor(principal, found.deedType === 'STILLBIRTH' ? 'RECORD' : 'REGISTER');
    const trial = registrationAction(found, this.clock.now().at, actor, 'NUMBER-PENDING', dto.headDecision);
    const checked = before === null ? applyAction(found.deedType, trial) : applyAction(before, trial);
    if (!checked.ok) throw refusal(trial.type, checked.errors);

    const pending: PendingRegistration = { requestedAt: this.clock.now().at, actorId: principal.id, ...(dto.headDecision ? { headDecision: { ...dto.headDecision } } : {}) };
    let link: LinkOutcome | undefined;
    if (found.deedType === 'BIRTH') {
      link = await this.identity.linkBirth(found.particulars);
      if (link.kind === 'refused') {
        const problems = link.problems;
        await this.update(id, dto.version, principal, (record) => {
          record.linkProblems = [...problems];
          clearWaiting(record);
        });
        throw Problem.unprocessable('IDENTITY_LINK_REFUSED', 'identity does not confirm the parents or the family card of this birth', problems);
      }
      if (link.kind === 'unavailable') {
        const { code } = link;
        const view = await this.update(id, dto.version, principal, (record) => {
          record.waitingFor = 'IDENTITY';
          record.pendingRegistration = pending;
          record.retryAttempts = 0;
          record.nextRetryAt = new Date(Date.now() + this.config.identityRetryMs);
          record.lastWaitCode = code;
          record.linkProblems = null;
        });
        return { status: 202, view };
      }
    }
    return { status: 200, view: (await this.complete(id, pending, link, { principal, version: dto.version })) as DeedView };
  }

  /**
   * The retry of a registration that waits for identity (RegistrationRetryService), in the name of the registrar
   * who asked for it.
   */
  async retryPending(id: string): Promise<RetryOutcome> {
    const record = await this.em.fork().findOne(DeedRecord, { id });
    const pending = record?.pendingRegistration;
    if (!record || record.waitingFor !== 'IDENTITY' || !pending) return 'not-waiting';
    const link = await this.identity.linkBirth(record.particulars);
    if (link.kind === 'unavailable') {
      await this.whileWaiting(id, (r) => {
        r.retryAttempts += 1;
        r.nextRetryAt = new Date(Date.now() + Math.min(this.config.identityRetryMs * 2 ** r.retryAttempts, MAX_RETRY_DELAY_MS));
        r.lastWaitCode = link.code;
      });
      return 'waiting';
    }
    if (link.kind === 'refused') {
      await this.whileWaiting(id, (r) => {
        clearWaiting(r);
        r.linkProblems = [...link.problems];
      });
      return 'refused';
    }
    try {
      const view = await this.complete(id, pending, link, { onlyIfWaiting: true });
      return view ? 'registered' : 'not-waiting';
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      // The rules no longer allow it (the case was rejected or archived meanwhile): stop waiting, say why.
      await this.whileWaiting(id, (r) => {
        clearWaiting(r);
        r.linkProblems = error.errors && error.errors.length > 0 ? [...error.errors] : [{ code: error.code, message: error.detail ?? error.title }];
      });
      this.logger.warn({ deedId: id, code: error.code }, 'a waiting registration could not be completed');
      return 'refused';
    }
  }

  /** The registration itself, in one transaction (step 3 of the module comment); undefined when no longer waiting. */
  private async complete(
    id: string,
    pending: PendingRegistration,
    link: LinkOutcome | undefined,
    options: { principal?: Principal; version?: number; onlyIfWaiting?: boolean },
  ): Promise<DeedView | undefined> {
    const registered = await this.em.fork().transactional(async (tx) => {
      const record = await this.access.lock(tx, id, options.principal);
      if (options.onlyIfWaiting && record.waitingFor !== 'IDENTITY') return undefined;
      if (options.version !== undefined && options.version !== record.actionCount) throw staleVersion(options.version, record.actionCount);
      const before = await this.journal.state(tx, record);
      const { at, asOf } = this.clock.now();
      const stillbirth = record.deedType === 'STILLBIRTH';
      const actor = options.principal ? actorFor(options.principal, stillbirth ? 'RECORD' : 'REGISTER') : { role: 'REGISTRAR' as const, id: pending.actorId };
      const deedNumber = stillbirth ? undefined : await this.numbers.allocate(tx, record.deedType, asOf);
      const state = this.journal.append(tx, record, before, registrationAction(record, at, actor, deedNumber, pending.headDecision));
      clearWaiting(record);
      record.linkProblems = null;
      if (link?.kind === 'linked') {
        record.identityLink = {
          kkNumber: link.kkNumber,
          ...(link.familyCardId ? { familyCardId: link.familyCardId } : {}),
          ...(link.motherResidentId ? { motherResidentId: link.motherResidentId } : {}),
          ...(link.fatherResidentId ? { fatherResidentId: link.fatherResidentId } : {}),
          linkedAt: at,
        };
      }
      this.recordRegistered(tx, record, state);
      if (stillbirth) this.copies.create(tx, record, state, actor.id ?? pending.actorId, at);
      await tx.flush();
      return record;
    });
    // The answer is read after the commit: the office's number counter stays locked until the commit, and every
    // statement inside the transaction is time the next registration waits (the events benchmark's registrations
    // per second). A change another user makes between the commit and this read shows in it, as in a GET right after.
    return registered ? this.views.view(this.em.fork(), registered) : undefined;
  }

  /** The registered-deed event of the deed type (the contracts of libs/contracts/src/deeds.events.ts). */
  private recordRegistered(tx: EntityManager, record: DeedRecord, state: DeedState): void {
    const p = record.particulars;
    const registration = {
      deedId: record.id,
      ...(state.deedNumber ? { deedNumber: state.deedNumber } : {}),
      registeredAt: state.registeredAt as string,
      eventDate: state.eventDate,
      timeliness: state.timeliness,
      districtCode: record.districtCode,
      ...(record.villageCode ? { villageCode: record.villageCode } : {}),
    };
    switch (record.deedType) {
      case 'BIRTH':
        this.outbox.record(tx, SUBJECTS.deeds.birthRegistered, {
          ...registration,
          child: { fullName: p.child?.fullName as string, sex: p.child?.sex as 'M' | 'F', birthPlace: p.place as string, religion: p.child?.religion as NonNullable<typeof p.religion> },
          ...(p.mother?.nik ? { motherNik: p.mother.nik } : {}),
          ...(p.father?.nik ? { fatherNik: p.father.nik } : {}),
          motherName: p.mother?.fullName as string,
          ...(p.father?.fullName ? { fatherName: p.father.fullName } : {}),
          ...(record.identityLink?.kkNumber ? { kkNumber: record.identityLink.kkNumber } : p.kkNumber ? { kkNumber: p.kkNumber } : {}),
          ...(p.address ? { address: p.address } : {}),
          // A late birth deed of a child already on the register: identity links the deed to that resident.
          ...(p.child?.nik ? { childNik: p.child.nik } : {}),
        });
        return;
      case 'DEATH':
        this.outbox.record(tx, SUBJECTS.deeds.deathRegistered, { ...registration, deceasedNik: p.deceased?.nik as string, ...reportedAs('deceased', p.deceased) });
        return;
      case 'MARRIAGE': {
        const route = marriageRoute(p.religion ?? 'KATOLIK');
        this.outbox.record(tx, SUBJECTS.deeds.marriageRegistered, {
          ...registration,
          route: 'CIVIL_REGISTRY',
          husbandNik: p.husband?.nik as string,
          wifeNik: p.wife?.nik as string,
          ...reportedAs('husband', p.husband),
          ...reportedAs('wife', p.wife),
          maritalStatusAfter: route.ok ? route.value.maritalStatusAfter : 'KAWIN_TERCATAT',
        });
        return;
      }
      case 'DIVORCE':
        this.outbox.record(tx, SUBJECTS.deeds.divorceRegistered, {
          ...registration,
          husbandNik: p.husband?.nik as string,
          wifeNik: p.wife?.nik as string,
          ...reportedAs('husband', p.husband),
          ...reportedAs('wife', p.wife),
        });
        return;
      case 'RECOGNITION':
        this.outbox.record(tx, SUBJECTS.deeds.recognitionRegistered, {
          ...registration,
          ...childOfDeed(p),
          fatherNik: p.father?.nik as string,
          father: reportedAs('father', p.father).father as { fullName: string },
          ...(p.mother?.nik ? { motherNik: p.mother.nik } : {}),
          ...reportedAs('mother', p.mother),
        });
        return;
      case 'LEGITIMATION':
        this.outbox.record(tx, SUBJECTS.deeds.legitimationRegistered, {
          ...registration,
          ...childOfDeed(p),
          ...(p.father?.nik ? { fatherNik: p.father.nik } : {}),
          father: reportedAs('father', p.father).father as { fullName: string },
          ...(p.mother?.nik ? { motherNik: p.mother.nik } : {}),
          ...reportedAs('mother', p.mother),
          marriageDeedNumber: p.marriageDeedNumber as string,
        });
        return;
      case 'ADOPTION':
        this.outbox.record(tx, SUBJECTS.deeds.adoptionRegistered, {
          ...registration,
          ...childOfDeed(p),
          adopterNik: p.adopter?.nik as string,
          adopter: reportedAs('adopter', p.adopter).adopter as { fullName: string },
          courtDecision: { number: p.courtDecision?.number as string, ...(p.courtDecision?.court ? { court: p.courtDecision.court } : {}) },
        });
        return;
      case 'STILLBIRTH':
        // A stillborn child never enters the register (no NIK, no card): its deeds.deed.status-changed.v1 (RECORDED)
        // is the only event, for reporting.
        return;
      default:
        // A deed type added to the domain without a case here fails to compile: no type falls through silently.
        return assertNever(record.deedType);
    }
  }

  /** A change of the waiting fields, with the version the client read, audited. */
  private update(id: string, version: number, principal: Principal, change: (record: DeedRecord) => void): Promise<DeedView> {
    return this.em.fork().transactional(async (tx) => {
      const record = await this.access.lock(tx, id, principal);
      if (version !== record.actionCount) throw staleVersion(version, record.actionCount);
      change(record);
      this.audit.record(tx, { action: 'UPDATE', resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
      await tx.flush();
      return this.views.view(tx, record);
    });
  }

  /** A change of a record that is still waiting (the retry job); nothing when it no longer waits. */
  private async whileWaiting(id: string, change: (record: DeedRecord) => void): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const record = await this.access.lock(tx, id);
      if (record.waitingFor !== 'IDENTITY') return;
      change(record);
      this.audit.record(tx, { action: 'UPDATE', resourceType: DEED_RESOURCE, resourceId: record.id, regionCode: record.districtCode });
      await tx.flush();
    });
  }
}

function clearWaiting(record: DeedRecord): void {
  record.waitingFor = null;
  record.pendingRegistration = null;
  record.nextRetryAt = null;
  record.lastWaitCode = null;
  record.retryAttempts = 0;
}

/** REGISTER with the number (RECORD for a stillbirth), as the domain takes it. */
function registrationAction(record: DeedRecord, at: string, actor: DeedAction['actor'], deedNumber: string | undefined, headDecision?: HeadDecision): DeedAction {
  if (record.deedType === 'STILLBIRTH') return { type: 'RECORD', at, actor, payload: {} };
  return { type: 'REGISTER', at, actor, payload: { deedNumber: deedNumber as string, ...(headDecision ? { headDecision: { number: headDecision.number, date: headDecision.date } } : {}) } };
}

/**
 * A person of the deed as the registered-deed event reports them (`{ deceased: { fullName, sex?, birthDate? } }`),
 * for identity to compare with the register before it changes anyone; nothing without a name.
 */
function reportedAs<K extends string>(key: K, person: { fullName?: string; sex?: 'M' | 'F'; birthDate?: string } | undefined): Partial<Record<K, { fullName: string; sex?: 'M' | 'F'; birthDate?: string }>> {
  if (!person?.fullName) return {};
  return { [key]: { fullName: person.fullName, ...(person.sex ? { sex: person.sex } : {}), ...(person.birthDate ? { birthDate: person.birthDate } : {}) } } as Partial<
    Record<K, { fullName: string; sex?: 'M' | 'F'; birthDate?: string }>
  >;
}

/**
 * The child of a recognition, legitimation or adoption and its birth deed, as the registered-deed event carries
 * them: the particulars required at SUBMIT (PARTICULAR_RULES), so present on a registered deed.
 */
function childOfDeed(p: DeedRecord['particulars']): { child: { nik: string; fullName: string }; birthDeedNumber: string } {
  return { child: { nik: p.child?.nik as string, fullName: p.child?.fullName as string }, birthDeedNumber: p.birthDeedNumber as string };
}

function assertNever(value: never): never {
  throw new Error(`a registered deed of type ${String(value)} has no event`);
}
