/**
 * Keeps the backlog's read model current from the identity and deeds services' events. Each method runs in the
 * consumer's inbox transaction `em` (the platform's @ConsumeEvent): what it writes takes effect exactly once per
 * event. Nothing here can fail for a rule: the read model takes what the registers say. An error (the database)
 * rolls everything back and the event is retried.
 *
 * Order: every group of fields keeps the occurredAt of the event that set it and ignores older events (see
 * ResidentState); deed records keep the instant of their newest step. Links to outreach visits (events with
 * channel OUTREACH and a visitId; for a deed's hand-over, the step's stepChannel OUTREACH and stepVisitId) are kept
 * once per visit, kind and record (VisitLink).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, LockMode } from '@mikro-orm/core';
import { lockedRow, lockModeFor, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import { backlogMilestones, kiaEligibility, type MaritalStatus, type ServiceKind } from '@adminduk/domain';
import type {
  BirthRegistered,
  DeedStatusChanged,
  EktpStatusChanged,
  EventEnvelope,
  KiaStatusChanged,
  ResidentBirthDeedLinked,
  ResidentBirthDeedUnlinked,
  ResidentCorrected,
  ResidentMaritalStatusChanged,
  ResidentRegistered,
  ResidentStatusChanged,
} from '@adminduk/contracts';
import { BirthDeed } from './birth-deed.entity';
import { DeedApplication } from './deed-application.entity';
import { ResidentState } from './resident-state.entity';
import { VisitLink } from './visit-link.entity';

type Stamp = 'profileAt' | 'maritalAt' | 'placeAt' | 'statusAt' | 'ektpAt' | 'kiaAt';

/** True (and the stamp moved) when an event at `at` is not older than what set the group. */
function claim(row: ResidentState, stamp: Stamp, at: Date): boolean {
  const current = row[stamp];
  if (current && current.getTime() > at.getTime()) return false;
  row[stamp] = at;
  return true;
}

function place(row: ResidentState, at: Date, payload: { districtCode: string; villageCode?: string }): void {
  if (!claim(row, 'placeAt', at)) return;
  row.districtCode = payload.districtCode;
  row.villageCode = payload.villageCode ?? null;
}

/** Birth date and marital status changed: the dates the resident enters and leaves each backlog. */
function milestones(row: ResidentState): void {
  const m = row.birthDate && row.maritalStatus ? backlogMilestones({ birthDate: row.birthDate, maritalStatus: row.maritalStatus as MaritalStatus }) : undefined;
  row.wajibKtpFrom = m?.ok ? m.value.wajibKtpFrom : null;
  row.kiaUntil = m?.ok ? m.value.kiaUntil : null;
  row.childUntil = m?.ok ? m.value.childUntil : null;
}

@Injectable()
export class BacklogEventsService {
  /** Row locks for the folds of one resident (none on SQLite, which has one writer at a time). */
  private readonly lockMode: LockMode | undefined;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.lockMode = lockModeFor(config.databaseUrl);
  }

  async residentRegistered(em: EntityManager, event: EventEnvelope<ResidentRegistered>): Promise<void> {
    const p = event.payload;
    const at = new Date(event.occurredAt);
    const row = await this.row(em, p.residentId);
    if (claim(row, 'profileAt', at)) {
      row.birthDate = p.birthDate;
      row.sex = p.sex;
      row.origin = p.origin;
    }
    if (claim(row, 'maritalAt', at)) row.maritalStatus = p.maritalStatus;
    if (claim(row, 'statusAt', at)) row.status = 'ALIVE';
    place(row, at, p);
    milestones(row);
    // The documents the resident came with (an imported register's states, what identity knows of a new one):
    // like any e-KTP or KIA step, older than what set the group means ignored.
    if (p.ektpState && claim(row, 'ektpAt', at)) row.ektpState = p.ektpState;
    if (p.kiaState && claim(row, 'kiaAt', at)) {
      row.kiaState = p.kiaState;
      row.kiaValidUntil = p.kiaState === 'PRINTED' || p.kiaState === 'ISSUED' ? importedKiaValidUntil(p, event.occurredAt) : null;
    }
    // A resident registered from a birth deed has one (the identity service creates newborns from deeds); so has
    // one an imported register says has one. `false` only says the register knew of none: a deed matched later
    // still counts.
    if (p.origin === 'BIRTH' || p.hasBirthDeed === true) row.birthDeed = true;
    if (!row.birthDeedId) await this.claimWaitingDeed(em, row);
  }

  async residentCorrected(em: EntityManager, event: EventEnvelope<ResidentCorrected>): Promise<void> {
    const p = event.payload;
    const at = new Date(event.occurredAt);
    const row = await this.row(em, p.residentId);
    if (claim(row, 'profileAt', at)) {
      row.birthDate = p.birthDate;
      row.sex = p.sex;
    }
    place(row, at, p);
    milestones(row);
  }

  async maritalStatusChanged(em: EntityManager, event: EventEnvelope<ResidentMaritalStatusChanged>): Promise<void> {
    const p = event.payload;
    const at = new Date(event.occurredAt);
    const row = await this.row(em, p.residentId);
    if (claim(row, 'maritalAt', at)) row.maritalStatus = p.to;
    place(row, at, p);
    milestones(row);
  }

  async statusChanged(em: EntityManager, event: EventEnvelope<ResidentStatusChanged>): Promise<void> {
    const p = event.payload;
    const at = new Date(event.occurredAt);
    const row = await this.row(em, p.residentId);
    if (claim(row, 'statusAt', at)) row.status = p.to;
    place(row, at, p);
  }

  async ektpStatusChanged(em: EntityManager, event: EventEnvelope<EktpStatusChanged>): Promise<void> {
    const p = event.payload;
    const at = new Date(event.occurredAt);
    const row = await this.row(em, p.residentId);
    if (claim(row, 'ektpAt', at)) row.ektpState = p.to;
    place(row, at, p);
    if (p.channel === 'OUTREACH' && p.visitId) {
      const kind: ServiceKind | undefined = p.action === 'RECORD_BIOMETRICS' ? 'EKTP_RECORDING' : p.action === 'ISSUE' ? 'HANDOVER' : undefined;
      if (kind) await this.link(em, p.visitId, kind, p.residentId, event.id);
    }
  }

  async kiaStatusChanged(em: EntityManager, event: EventEnvelope<KiaStatusChanged>): Promise<void> {
    const p = event.payload;
    const at = new Date(event.occurredAt);
    const row = await this.row(em, p.residentId);
    if (claim(row, 'kiaAt', at)) {
      row.kiaState = p.to;
      row.kiaValidUntil = p.validUntil ?? (p.to === 'NOT_ISSUED' ? null : row.kiaValidUntil ?? null);
    }
    place(row, at, p);
    // A card printed (or printed again) on a visit is the visit's KIA service; one handed over there a hand-over.
    if (p.channel === 'OUTREACH' && p.visitId) {
      const kind: ServiceKind | undefined = p.action === 'PRINT' || p.action === 'REISSUE' ? 'KIA' : p.action === 'ISSUE' ? 'HANDOVER' : undefined;
      if (kind) await this.link(em, p.visitId, kind, p.residentId, event.id);
    }
  }

  /**
   * A birth deed: matched to a living resident of the same kecamatan (and village, when the deed names one) born
   * that day, of that sex, whose deed is not known yet — a newborn already registered from it first, then a child
   * registered before its deed; else it waits for the resident (see BirthDeed). A second event of the same deed
   * changes nothing.
   */
  async birthRegistered(em: EntityManager, event: EventEnvelope<BirthRegistered>): Promise<void> {
    const p = event.payload;
    if (await em.findOne(BirthDeed, { deedId: p.deedId })) return;
    const deed = em.create(BirthDeed, { deedId: p.deedId, birthDate: p.eventDate, sex: p.child.sex, districtCode: p.districtCode, villageCode: p.villageCode ?? null });
    const candidates = await em.find(
      ResidentState,
      { birthDate: p.eventDate, sex: p.child.sex, districtCode: p.districtCode, ...(p.villageCode ? { villageCode: p.villageCode } : {}), status: 'ALIVE', birthDeedId: null },
      { orderBy: { residentId: 'asc' } },
    );
    const child = candidates.find((c) => c.origin === 'BIRTH') ?? candidates.find((c) => !c.birthDeed);
    if (child) {
      child.birthDeed = true;
      child.birthDeedId = p.deedId;
      deed.residentId = child.residentId;
    }
  }

  /**
   * identity.resident.birth-deed-linked.v1: identity says which resident a birth deed belongs to (the newborn it
   * registered from the deed, or the resident a late birth deed named by NIK). Exact: the deed is that resident's,
   * whatever the guess by birth date and sex made of it before (a deed the guess gave to another resident is taken
   * back from them, and that resident's deed is unknown again unless another deed is theirs).
   */
  async birthDeedLinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedLinked>): Promise<void> {
    const p = event.payload;
    const row = await this.row(em, p.residentId);
    place(row, new Date(event.occurredAt), p);
    const deed = await em.findOne(BirthDeed, { deedId: p.deedId });
    // A link older than the deed's annulment (the unlink came first, on its own durable) links nothing.
    if (deed?.annulledAt && new Date(event.occurredAt).getTime() <= deed.annulledAt.getTime()) return;
    if (deed && deed.residentId && deed.residentId !== p.residentId) {
      const guessed = await em.findOne(ResidentState, { residentId: deed.residentId });
      if (guessed && guessed.birthDeedId === p.deedId) {
        guessed.birthDeedId = null;
        guessed.birthDeed = guessed.origin === 'BIRTH';
      }
    }
    if (deed) deed.residentId = p.residentId;
    // A deed whose deeds event has not arrived yet: birthRegistered finds it linked (see there).
    else em.create(BirthDeed, { deedId: p.deedId, birthDate: row.birthDate ?? '', sex: (row.sex as 'M' | 'F' | undefined) ?? 'M', districtCode: p.districtCode, villageCode: p.villageCode ?? null, residentId: p.residentId });
    if (row.birthDeedId && row.birthDeedId !== p.deedId) {
      const other = await em.findOne(BirthDeed, { deedId: row.birthDeedId });
      if (other && other.residentId === p.residentId) other.residentId = null;
    }
    row.birthDeed = true;
    row.birthDeedId = p.deedId;
  }

  /**
   * identity.resident.birth-deed-unlinked.v1: a court annulled the resident's birth deed (UU 23/2006 art. 72). The
   * child is without a birth deed again, so back in the birth-deed backlog, and the deed is never matched again.
   */
  async birthDeedUnlinked(em: EntityManager, event: EventEnvelope<ResidentBirthDeedUnlinked>): Promise<void> {
    const p = event.payload;
    const at = new Date(event.occurredAt);
    const row = await this.row(em, p.residentId);
    place(row, at, p);
    const deed = await em.findOne(BirthDeed, { deedId: p.deedId });
    if (!deed) {
      // The annulment came before the deed's own events: a row that only says so (its particulars are not needed:
      // birthRegistered leaves an existing row alone, and claimWaitingDeed skips annulled deeds).
      em.create(BirthDeed, { deedId: p.deedId, birthDate: row.birthDate ?? '', sex: (row.sex as 'M' | 'F' | undefined) ?? 'M', districtCode: p.districtCode, villageCode: p.villageCode ?? null, residentId: null, annulledAt: at });
    } else {
      if (!deed.annulledAt || at.getTime() > deed.annulledAt.getTime()) deed.annulledAt = at;
      deed.residentId = null;
    }
    if (row.birthDeedId === p.deedId) {
      row.birthDeedId = null;
      row.birthDeed = false;
    }
  }

  async deedStatusChanged(em: EntityManager, event: EventEnvelope<DeedStatusChanged>): Promise<void> {
    const p = event.payload;
    const at = new Date(p.at);
    const row = await em.findOne(DeedApplication, { deedId: p.deedId });
    if (!row) {
      em.create(DeedApplication, { deedId: p.deedId, deedType: p.deedType, status: p.to, districtCode: p.districtCode, villageCode: p.villageCode ?? null, channel: p.channel, visitId: p.visitId ?? null, at });
    } else if (at.getTime() >= row.at.getTime()) {
      Object.assign(row, { deedType: p.deedType, status: p.to, districtCode: p.districtCode, villageCode: p.villageCode ?? null, channel: p.channel, visitId: p.visitId ?? null, at });
    }
    // The channel is the record's (how it reached the office): an application taken on the visit.
    if (p.channel === 'OUTREACH' && p.visitId) await this.link(em, p.visitId, p.deedType === 'BIRTH' ? 'BIRTH_DEED' : 'APPLICATION', p.deedId, event.id, 'DEED');
    // The step's own place (deeds 0.2): a kutipan handed over on a visit is that visit's hand-over, whatever visit (if
    // any) the application was taken on. A further kutipan of the same deed on the same visit is one hand-over (one
    // link per visit, kind and record), as a team counts the families it handed deeds to. Events from before 0.2
    // carry no step place: their hand-overs stay unlinked.
    if (p.to === 'ISSUED' && p.stepChannel === 'OUTREACH' && p.stepVisitId) await this.link(em, p.stepVisitId, 'HANDOVER', p.deedId, event.id, 'DEED');
  }

  /**
   * The resident's row, locked to the end of the consumer's transaction. Each subject has its own consumer, so a
   * newborn's registration, KIA and birth-deed link arrive at once: find-then-insert made the later consumer fail on
   * the primary key and wait for a redelivery, and two folds of one row could write fields derived from a stale
   * read. The row is made to exist first (insert … on conflict do nothing), then read for update: folds of one
   * resident run one after another (as reporting's, see its projection-events.service.ts).
   */
  private async row(em: EntityManager, residentId: string): Promise<ResidentState> {
    return lockedRow(em, ResidentState, 'residentId', residentId, () => ({ residentId, status: 'ALIVE', birthDeed: false, updatedAt: new Date() }), this.lockMode);
  }

  private async claimWaitingDeed(em: EntityManager, row: ResidentState): Promise<void> {
    if (!row.birthDate || !row.sex || !row.districtCode || row.status !== 'ALIVE') return;
    const waiting = await em.find(BirthDeed, { residentId: null, annulledAt: null, birthDate: row.birthDate, sex: row.sex, districtCode: row.districtCode }, { orderBy: { receivedAt: 'asc', deedId: 'asc' } });
    const deed = waiting.find((d) => !d.villageCode || !row.villageCode || d.villageCode === row.villageCode);
    if (!deed) return;
    deed.residentId = row.residentId;
    row.birthDeed = true;
    row.birthDeedId = deed.deedId;
  }

  private async link(em: EntityManager, visitId: string, kind: ServiceKind, recordId: string, eventId: string, recordType: 'RESIDENT' | 'DEED' = 'RESIDENT'): Promise<void> {
    if (await em.findOne(VisitLink, { visitId, kind, recordId })) return;
    em.create(VisitLink, { visitId, kind, recordId, eventId, recordType });
  }
}

/**
 * The last valid day of a KIA a registration says the child holds (an imported register's PRINTED or ISSUED card,
 * whose validity the event does not carry): the card of the child's type on the day of the event (Permendagri
 * 2/2016: UNDER_5 until the day before the 5th birthday, then FROM_5_TO_UNDER_17), as identity reconstructs it.
 * The day is the event's UTC date: a day off near midnight only matters on a 5th birthday.
 */
function importedKiaValidUntil(p: ResidentRegistered, occurredAt: string): string | null {
  const e = kiaEligibility({ birthDate: p.birthDate, maritalStatus: p.maritalStatus }, { asOf: occurredAt.slice(0, 10) });
  return e.ok && e.value.eligible ? e.value.validUntil : null;
}
