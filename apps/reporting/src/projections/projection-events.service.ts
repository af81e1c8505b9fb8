/**
 * Applies the events the reporting service reads to its read models, in two ways that give the same rows:
 * - `apply(em, …)`: one event inside the consumer's inbox transaction (live, exactly once per event);
 * - `ProjectionMemory`: many events in memory, written at once afterwards (the replay).
 * Both call the pure folds of facts.ts.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityClass, EntityData, EntityManager, LockMode } from '@mikro-orm/core';
import { SUBJECTS, type EventEnvelope, type EventPayloads, type EventSubject } from '@adminduk/contracts';
import { afterCommit, lockedRow, lockModeFor, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import {
  deedFromAmendment,
  deedFromBurial,
  deedFromLink,
  emptyDeed,
  emptyResident,
  officeDay,
  onBirthDeedLinked,
  onBirthDeedUnlinked,
  onDeedAnnulled,
  onDeedCorrected,
  onBirthDeedDocuments,
  onBurialRecorded,
  onDeedStatusChanged,
  onEktpStatusChanged,
  onIkdStatusChanged,
  onKiaStatusChanged,
  onMaritalStatusChanged,
  onResidentCorrected,
  onResidentRegistered,
  onStatusChanged,
  onVisitCompleted,
  type DeedFacts,
  type EventMoment,
  type ResidentFacts,
  type VisitFacts,
} from './facts';
import { AgreementUse, type AgreementUseFacts } from './agreement-use.entity';
import { DeedFact } from './deed-fact.entity';
import { ResidentFact } from './resident-fact.entity';
import { VisitFact } from './visit-fact.entity';

/** The subjects the reporting service projects (and consumes with a durable each). */
export const PROJECTED_SUBJECTS = [
  SUBJECTS.identity.residentRegistered,
  SUBJECTS.identity.residentCorrected,
  SUBJECTS.identity.residentMaritalStatusChanged,
  SUBJECTS.identity.residentStatusChanged,
  SUBJECTS.identity.ektpStatusChanged,
  SUBJECTS.identity.kiaStatusChanged,
  SUBJECTS.identity.residentBirthDeedLinked,
  SUBJECTS.identity.residentBirthDeedUnlinked,
  SUBJECTS.deeds.deedStatusChanged,
  SUBJECTS.deeds.deedCorrected,
  SUBJECTS.deeds.deedAnnulled,
  SUBJECTS.outreach.visitCompleted,
  SUBJECTS.identity.ikdStatusChanged,
  SUBJECTS.deeds.burialRecorded,
  SUBJECTS.identity.agreementUsed,
  SUBJECTS.deeds.agreementUsed,
  SUBJECTS.outreach.agreementUsed,
] as const;
export type ProjectedSubject = (typeof PROJECTED_SUBJECTS)[number];

const RESIDENT_FOLDS: Partial<Record<ProjectedSubject, (r: ResidentFacts, p: never, m: EventMoment) => void>> = {
  [SUBJECTS.identity.residentRegistered]: onResidentRegistered,
  [SUBJECTS.identity.residentCorrected]: onResidentCorrected,
  [SUBJECTS.identity.residentMaritalStatusChanged]: onMaritalStatusChanged,
  [SUBJECTS.identity.residentStatusChanged]: onStatusChanged,
  [SUBJECTS.identity.ektpStatusChanged]: onEktpStatusChanged,
  [SUBJECTS.identity.kiaStatusChanged]: onKiaStatusChanged,
  [SUBJECTS.identity.residentBirthDeedLinked]: onBirthDeedLinked,
  [SUBJECTS.identity.residentBirthDeedUnlinked]: onBirthDeedUnlinked,
  [SUBJECTS.identity.ikdStatusChanged]: onIkdStatusChanged,
};

/** The agreement-use subjects and the service each comes from. */
const AGREEMENT_USE_SUBJECTS: Partial<Record<ProjectedSubject, string>> = {
  [SUBJECTS.identity.agreementUsed]: 'identity',
  [SUBJECTS.deeds.agreementUsed]: 'deeds',
  [SUBJECTS.outreach.agreementUsed]: 'outreach',
};

/**
 * Where the events' facts are kept: the database (live) or memory (replay). `resident` and `deed` give the row to
 * fold into, made from `initial` when there is none yet.
 */
interface FactStore {
  resident(id: string, initial: () => ResidentFacts): Promise<ResidentFacts> | ResidentFacts;
  deed(id: string, initial: () => DeedFacts): Promise<DeedFacts> | DeedFacts;
  visit(id: string): Promise<VisitFacts | undefined> | VisitFacts | undefined;
  putVisit(facts: VisitFacts, existing: VisitFacts | undefined): void;
  agreementUse(id: string, initial: () => AgreementUseFacts): Promise<AgreementUseFacts> | AgreementUseFacts;
}

/** The facts of a replay, in memory, before they are written. */
export class ProjectionMemory implements FactStore {
  readonly residents = new Map<string, ResidentFacts>();
  readonly deeds = new Map<string, DeedFacts>();
  readonly visits = new Map<string, VisitFacts>();
  readonly agreementUses = new Map<string, AgreementUseFacts>();
  agreementUse(id: string, initial: () => AgreementUseFacts) {
    return getOrPut(this.agreementUses, id, initial);
  }
  resident(id: string, initial: () => ResidentFacts) {
    return getOrPut(this.residents, id, initial);
  }
  deed(id: string, initial: () => DeedFacts) {
    return getOrPut(this.deeds, id, initial);
  }
  visit(id: string) {
    return this.visits.get(id);
  }
  putVisit(facts: VisitFacts) {
    this.visits.set(facts.visitId, facts);
  }
}

function getOrPut<T>(map: Map<string, T>, id: string, initial: () => T): T {
  let row = map.get(id);
  if (row === undefined) map.set(id, (row = initial()));
  return row;
}

/**
 * The live rows: each made to exist and held to the commit (the platform's lockedRow), so that the consumers of
 * different subjects folding one resident at once run one after another on the row as the previous one left it.
 */
function databaseStore(em: EntityManager, lockMode: LockMode | undefined): FactStore {
  const locked = <T extends object>(entity: EntityClass<T>, key: keyof T & string, id: string, initial: () => T): Promise<T> =>
    lockedRow(em, entity, key, id, initial as () => EntityData<T>, lockMode);
  return {
    resident: (id, initial) => locked<ResidentFacts>(ResidentFact, 'residentId', id, initial),
    deed: (id, initial) => locked<DeedFacts>(DeedFact, 'deedId', id, initial),
    visit: async (id) => (await em.findOne(VisitFact, { visitId: id })) ?? undefined,
    putVisit: (facts, existing) => {
      if (existing) Object.assign(existing, facts);
      else em.create(VisitFact, facts);
    },
    agreementUse: (id, initial) => locked<AgreementUseFacts>(AgreementUse, 'id', id, initial),
  };
}

/** How many applied events the journal of touched villages remembers; a cache older than that recomputes in full. */
export const TOUCHED_JOURNAL_SIZE = 10_000;

@Injectable()
export class ProjectionEventsService {
  private version = 0;
  /** The version of the last change that touched everything (a replay): caches from before it start again. */
  private everythingAt = 0;
  /** The villages each applied event touched, oldest first, newest version last (at most TOUCHED_JOURNAL_SIZE). */
  private readonly journal: { version: number; villages: readonly string[] }[] = [];

  /** Row locks for the live folds (none on SQLite). */
  private readonly lockMode: LockMode | undefined;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    this.lockMode = lockModeFor(config.databaseUrl);
  }

  /** Moves whenever this instance changes the read models (an event applied, a replay written): figure caches key on it. */
  get changes(): number {
    return this.version;
  }

  /** Everything may have changed (a replay written): every cache built before now starts again. */
  changed(): void {
    this.version++;
    this.everythingAt = this.version;
    this.journal.length = 0;
  }

  /** One event changed the rows of these villages (codes as in the read models, `<kecamatan>0000` buckets included). */
  touched(villages: Iterable<string | null | undefined>): void {
    this.version++;
    const codes = [...new Set([...villages].filter((v): v is string => typeof v === 'string' && v.length > 0))];
    this.journal.push({ version: this.version, villages: codes });
    if (this.journal.length > TOUCHED_JOURNAL_SIZE) this.journal.splice(0, this.journal.length - TOUCHED_JOURNAL_SIZE);
  }

  /**
   * The villages whose rows changed after version `since` (a value of `changes` read earlier), or 'ALL' when a
   * replay came since or the journal no longer reaches back that far.
   */
  touchedSince(since: number): ReadonlySet<string> | 'ALL' {
    if (since < this.everythingAt) return 'ALL';
    const out = new Set<string>();
    if (since >= this.version) return out;
    const oldest = this.journal[0]?.version;
    if (oldest === undefined || oldest > since + 1) return 'ALL';
    for (let i = this.journal.length - 1; i >= 0 && this.journal[i].version > since; i--) for (const v of this.journal[i].villages) out.add(v);
    return out;
  }

  /**
   * One event, live: the rows change in the consumer's transaction `em`. The villages the row belonged to before
   * and after the event are marked touched (a move or a correction of the place changes both) once that
   * transaction has committed: marked earlier, a request in between would count the old rows and keep them as
   * current until the village changed again.
   */
  async apply<S extends ProjectedSubject>(em: EntityManager, subject: S, event: EventEnvelope<EventPayloads[S]>): Promise<void> {
    const villages = await this.applyTo(databaseStore(em, this.lockMode), subject, event);
    afterCommit(() => this.touched(villages));
  }

  /** One event of a replay, in memory. */
  async applyInMemory<S extends ProjectedSubject>(memory: ProjectionMemory, subject: S, event: EventEnvelope<EventPayloads[S]>): Promise<void> {
    await this.applyTo(memory, subject, event);
  }

  /** Applies the event; returns the village codes of the changed row before and after it. */
  private async applyTo(store: FactStore, subject: ProjectedSubject, event: EventEnvelope<unknown>): Promise<(string | null)[]> {
    const residentFold = RESIDENT_FOLDS[subject];
    if (residentFold) {
      const p = event.payload as { residentId: string };
      const moment: EventMoment = { at: new Date(event.occurredAt), day: officeDay(event.occurredAt, this.config.utcOffset) };
      const row = await store.resident(p.residentId, () => emptyResident(p.residentId));
      const before = row.villageCode;
      residentFold(row, p as never, moment);
      if (subject === SUBJECTS.identity.residentBirthDeedLinked) {
        // What the deed's application yielded goes on the deed's row (INTEGRATED_SERVICES).
        const link = event.payload as EventPayloads[typeof SUBJECTS.identity.residentBirthDeedLinked];
        if (link.documents !== undefined) {
          const deed = await store.deed(link.deedId, () => deedFromLink(link));
          const deedBefore = deed.villageCode;
          onBirthDeedDocuments(deed, link);
          return [before, row.villageCode, deedBefore, deed.villageCode];
        }
      }
      return [before, row.villageCode];
    }
    if (subject === SUBJECTS.deeds.deedStatusChanged) {
      const p = event.payload as EventPayloads[typeof SUBJECTS.deeds.deedStatusChanged];
      const row = await store.deed(p.deedId, () => emptyDeed(p.deedId, p));
      const before = row.villageCode;
      onDeedStatusChanged(row, p, this.config.utcOffset);
      return [before, row.villageCode];
    }
    if (subject === SUBJECTS.deeds.deedCorrected || subject === SUBJECTS.deeds.deedAnnulled) {
      const p = event.payload as EventPayloads[typeof SUBJECTS.deeds.deedCorrected] | EventPayloads[typeof SUBJECTS.deeds.deedAnnulled];
      const row = await store.deed(p.deedId, () => deedFromAmendment(p));
      const before = row.villageCode;
      if (subject === SUBJECTS.deeds.deedCorrected) onDeedCorrected(row, p as EventPayloads[typeof SUBJECTS.deeds.deedCorrected]);
      else onDeedAnnulled(row, p as EventPayloads[typeof SUBJECTS.deeds.deedAnnulled], this.config.utcOffset);
      return [before, row.villageCode];
    }
    if (subject === SUBJECTS.deeds.burialRecorded) {
      const p = event.payload as EventPayloads[typeof SUBJECTS.deeds.burialRecorded];
      const row = await store.deed(p.deathDeedId, () => deedFromBurial(p));
      const before = row.villageCode;
      onBurialRecorded(row, p, this.config.utcOffset);
      return [before, row.villageCode];
    }
    const service = AGREEMENT_USE_SUBJECTS[subject];
    if (service !== undefined) {
      // One row per event (its id): applied again, it writes the same row, so the scorecard's sums count it once.
      const p = event.payload as EventPayloads[typeof SUBJECTS.identity.agreementUsed];
      const facts = { id: event.id, service, agreement: p.agreement, day: p.day, requests: p.requests, refused: p.refused };
      const row = await store.agreementUse(event.id, () => facts);
      Object.assign(row, facts);
      // No region: agreements are counted for the regency (the scorecard reads them whole), so no village is touched.
      return [];
    }
    if (subject === SUBJECTS.outreach.visitCompleted) {
      const p = event.payload as EventPayloads[typeof SUBJECTS.outreach.visitCompleted];
      const existing = await store.visit(p.visitId);
      const before = existing?.villageCode ?? null;
      const next = onVisitCompleted(existing, p);
      if (next) store.putVisit(next, existing);
      return [before, next?.villageCode ?? null];
    }
    return [];
  }
}

export function isProjectedSubject(subject: string): subject is ProjectedSubject {
  return (PROJECTED_SUBJECTS as readonly string[]).includes(subject);
}

export type { EventSubject };
