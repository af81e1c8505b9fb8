/**
 * The identity service's side of the corrections and annulments of registered deeds (issue 19, item 7): each method
 * runs in the consumer's inbox transaction `tx`, claims the fact (a correction by the deed's version, since a deed may
 * be corrected more than once; an annulment once), and carries it into the register through the register's own
 * transactional methods, which write their outbox events and audit rows in the same transaction:
 *
 * - a correction (pembetulan akta, UU 23/2006 art. 71) corrects the residents the deed names as a counter correction
 *   would (ResidentUpdateService.correctByDeedIn: the same rules, identity.resident.corrected.v1): a birth deed's
 *   child's name, sex, birth date and parents' names; a person's name on the other deeds; a death deed's date of death
 *   in the status log (CORRECT_DEATH, identity.resident.status-changed.v1);
 * - an annulment (pembatalan akta, art. 72, on a final court decision) undoes what the registered deed did: a death
 *   (ANNUL_DEATH: ALIVE again, audited, with the deed and the decision as the reference), a divorce (both spouses
 *   married again), a birth deed's link to its child (identity.resident.birth-deed-unlinked.v1; the resident stays).
 *
 * What the register cannot take by itself — a corrected NIK (the deed now names someone else), a refusal of the
 * register's rules (a corrected birth date that no longer fits the NIK), a marriage annulled (the register keeps no
 * marital history to go back to), a recognition, legitimation or adoption annulled — is a review item
 * (CORRECTION_NOT_APPLIED, ANNULMENT_NOT_APPLIED, ANNULMENT_NEEDS_OPERATOR) with the reason, never dropped silently.
 * Corrections and annulments are not held for a particulars mismatch: the registered deed is the record, and they
 * change it on the registrar's own act.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { maskNik, type DeedType, type MaritalStatus, type Sex } from '@adminduk/domain';
import { SUBJECTS, type DeedAnnulled, type DeedCorrected, type EventEnvelope, type RegisterParticular } from '@adminduk/contracts';
import { AuditService, OutboxService, ProblemException, type ProblemItem } from '@adminduk/platform';
import { ResidentStatusService } from '../resident-status/resident-status.service';
import { Resident } from '../residents/resident.entity';
import { ResidentUpdateService } from '../residents/resident-update.service';
import { DeedEventApplication } from './deed-event-application.entity';
import { DeedEventJournalService, type DeedClaim } from './deed-event-journal.service';
import { DeedEventReview } from './deed-event-review.entity';
import { DEED_EVENTS_PRINCIPAL } from './deed-events.service';

type Role = DeedCorrected['persons'][number]['role'];
/** A particular of the register a deed particular is kept in: the resident's record, or the status log's date of death. */
type RegisterField = 'fullName' | 'sex' | 'birthDate' | 'fatherName' | 'motherName' | 'dateOfDeath';
type Target = readonly [Role, RegisterField];

/** The reviews of a birth event under which no child was registered or linked. */
const BIRTH_NOT_LINKED = ['NIK_NOT_IN_REGISTER', 'BIRTH_POSSIBLE_DUPLICATE', 'BIRTH_ADDRESS_UNKNOWN', 'BIRTH_NOT_REGISTERED'] as const;

@Injectable()
export class DeedAmendmentsService {
  constructor(
    private readonly journal: DeedEventJournalService,
    private readonly residentUpdate: ResidentUpdateService,
    private readonly status: ResidentStatusService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  // --- corrections ----------------------------------------------------------------------------------------

  /** deeds.deed.corrected.v1: once per deed version. */
  async recordCorrection(tx: EntityManager, event: EventEnvelope<DeedCorrected>): Promise<void> {
    const claim = await this.journal.claim(tx, event, `v${event.payload.deedVersion}`);
    if (claim) await this.applyCorrection(tx, claim, event.payload);
  }

  private async applyCorrection(tx: EntityManager, claim: DeedClaim, p: DeedCorrected): Promise<void> {
    const items: ProblemItem[] = [];
    const residentIds: string[] = [];
    if (p.deedType === 'STILLBIRTH') {
      // A stillborn child never entered the register; a stillbirth is RECORDED, which takes no correction.
      items.push({ code: 'NOT_ON_REGISTER', field: 'deedType', message: 'a stillbirth is not on the register: nothing to correct' });
    }
    // A corrected NIK means the deed now names another person: whom the register changed is an operator's question.
    const renamed = new Set<Role>();
    for (const c of p.changes) {
      if (!c.field.endsWith('.nik')) continue;
      renamed.add(c.field.slice(0, c.field.indexOf('.')) as Role);
      items.push({ code: 'NIK_CORRECTED', field: c.field, message: `the deed now names ${maskNik(c.to)} instead of ${c.from ? maskNik(c.from) : 'nobody'}: the register was not re-pointed; an operator checks whom the deed changed` });
    }
    const byRole = new Map<Role, Partial<Record<RegisterField, string>>>();
    for (const c of p.changes) {
      const target = targetOf(p.deedType, c.field);
      if (!target || renamed.has(target[0])) continue;
      byRole.set(target[0], { ...byRole.get(target[0]), [target[1]]: c.to });
    }
    for (const [role, values] of byRole) {
      const resident = await this.residentOf(tx, p, role);
      if (!resident) {
        items.push(missing(p, role));
        continue;
      }
      residentIds.push(resident.id);
      const { dateOfDeath, ...record } = values;
      if (Object.keys(record).length > 0) {
        const refused = await refusalOf(() => this.residentUpdate.correctByDeedIn(tx, resident.id, { ...record, sex: record.sex as Sex | undefined }, DEED_EVENTS_PRINCIPAL));
        if (refused) items.push(...problemItems(refused, role));
      }
      if (dateOfDeath) {
        if (resident.status !== 'DECEASED') {
          items.push({ code: 'RESIDENT_NOT_DECEASED', field: `${role}.nik`, message: `the resident is recorded ${resident.status}: the date of death was not corrected`, residentIds: [resident.id] });
        } else {
          const refused = await refusalOf(() => this.status.correctDeathIn(tx, resident.id, { dateOfDeath, reference: p.deedNumber }, DEED_EVENTS_PRINCIPAL));
          if (refused) items.push(...problemItems(refused, role));
        }
      }
    }
    this.journal.concern(claim, ...residentIds);
    if (items.length > 0) {
      this.journal.review(tx, claim, {
        code: 'CORRECTION_NOT_APPLIED',
        message: 'the corrected deed was not carried into the register in full: what the items do not name was applied; an operator finishes the rest',
        items,
        residentIds,
      });
    }
  }

  // --- annulments -----------------------------------------------------------------------------------------

  /** deeds.deed.annulled.v1: once per deed. */
  async recordAnnulment(tx: EntityManager, event: EventEnvelope<DeedAnnulled>): Promise<void> {
    const claim = await this.journal.claim(tx, event);
    if (claim) await this.applyAnnulment(tx, claim, event.payload);
  }

  private async applyAnnulment(tx: EntityManager, claim: DeedClaim, p: DeedAnnulled): Promise<void> {
    const deedType: DeedType = p.deedType;
    switch (deedType) {
      case 'BIRTH':
        return this.annulBirth(tx, claim, p);
      case 'DEATH':
        return this.annulDeath(tx, claim, p);
      case 'MARRIAGE': {
        // An annulled marriage is void from the start (UU 1/1974 art. 28): the spouses go back to what they were
        // before it — single, divorced or widowed —, which the register does not keep (it holds the current status).
        const spouses = await this.residentsOf(tx, p, ['husband', 'wife']);
        this.journal.review(tx, claim, {
          code: 'ANNULMENT_NOT_APPLIED',
          message: "the marriage deed was annulled: the register keeps no marital history to go back to; an operator sets each spouse's status before the marriage",
          items: [{ code: 'PREVIOUS_MARITAL_STATUS_UNKNOWN', field: 'maritalStatus', message: 'the status before the marriage is not in the register', residentIds: spouses.map((r) => r.id) }],
          residentIds: spouses.map((r) => r.id),
        });
        return;
      }
      case 'DIVORCE':
        return this.annulDivorce(tx, claim, p);
      case 'RECOGNITION':
      case 'LEGITIMATION':
      case 'ADOPTION': {
        const people = await this.residentsOf(tx, p, ['child', 'father', 'adopter']);
        this.journal.review(tx, claim, {
          code: 'ANNULMENT_NOT_APPLIED',
          message: `the ${deedType.toLowerCase()} deed was annulled: identity does not undo it by itself (the child's father, name or card before the deed are not kept); an operator corrects the child's record and card`,
          items: [{ code: 'NOT_UNDONE_BY_IDENTITY', field: 'deedType', message: `${deedType} annulled`, residentIds: people.map((r) => r.id) }],
          residentIds: people.map((r) => r.id),
        });
        return;
      }
      case 'STILLBIRTH':
        this.journal.review(tx, claim, { code: 'ANNULMENT_NOT_APPLIED', message: 'a stillbirth is not on the register: nothing to undo', items: [{ code: 'NOT_ON_REGISTER', field: 'deedType', message: 'STILLBIRTH' }] });
        return;
      default:
        // A deed type added to the domain without a case here fails to compile: none falls through silently.
        return assertNever(deedType);
    }
  }

  /** The birth deed no longer belongs to its child: identity.resident.birth-deed-unlinked.v1; the resident stays. */
  private async annulBirth(tx: EntityManager, claim: DeedClaim, p: DeedAnnulled): Promise<void> {
    const child = await this.residentOf(tx, p, 'child');
    if (!child) {
      this.journal.review(tx, claim, { code: 'ANNULMENT_NOT_APPLIED', message: 'the annulled birth deed is linked to no resident here: nothing was unlinked', items: [missing(p, 'child')] });
      return;
    }
    this.journal.concern(claim, child.id);
    this.outbox.record(tx, SUBJECTS.identity.residentBirthDeedUnlinked, {
      residentId: child.id,
      deedId: p.deedId,
      deedNumber: p.deedNumber,
      reason: 'DEED_ANNULLED',
      districtCode: child.districtCode,
      villageCode: child.villageCode,
    });
    this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: child.id, regionCode: child.districtCode });
  }

  /** The death is undone (ANNUL_DEATH, with the deed and the court decision); the family card is left to an operator. */
  private async annulDeath(tx: EntityManager, claim: DeedClaim, p: DeedAnnulled): Promise<void> {
    const resident = await this.residentOf(tx, p, 'deceased');
    if (!resident) {
      this.journal.review(tx, claim, { code: 'ANNULMENT_NOT_APPLIED', message: 'the deceased of the annulled deed is not in this register: nothing was undone', items: [missing(p, 'deceased')] });
      return;
    }
    this.journal.concern(claim, resident.id);
    if (resident.status !== 'DECEASED') {
      this.journal.review(tx, claim, {
        code: 'ANNULMENT_NOT_APPLIED',
        message: 'the death deed was annulled, but the register does not record the resident deceased (the death was never applied, or was undone at the counter): nothing was changed',
        items: [{ code: 'RESIDENT_NOT_DECEASED', field: 'deceased.nik', message: `the resident is recorded ${resident.status}`, residentIds: [resident.id] }],
        residentIds: [resident.id],
      });
      return;
    }
    const refused = await refusalOf(() => this.status.annulDeathIn(tx, resident.id, { reference: `${p.deedNumber}; ${p.courtDecision.number}` }, DEED_EVENTS_PRINCIPAL));
    if (refused) {
      this.journal.review(tx, claim, { code: 'ANNULMENT_NOT_APPLIED', message: "the resident's status log refused the annulment of the death; nothing was changed", items: problemItems(refused, 'deceased'), residentIds: [resident.id] });
      return;
    }
    if (!resident.familyCardId) {
      this.journal.review(tx, claim, {
        code: 'ANNULMENT_NEEDS_OPERATOR',
        message: 'the resident is alive again but on no family card (they left it at the death, and who heads it now is not undone): an operator adds them to a card',
        residentIds: [resident.id],
      });
    }
  }

  /**
   * The divorce is undone: both spouses, still divorced (Cerai Hidup Tercatat) and alive, are married again (Kawin
   * Tercatat), each an identity.resident.marital-status-changed.v1. Refused as a whole when either has changed since
   * (married again, widowed, deceased, moved out): the register cannot tell what the annulment leaves them.
   */
  private async annulDivorce(tx: EntityManager, claim: DeedClaim, p: DeedAnnulled): Promise<void> {
    const items: ProblemItem[] = [];
    const spouses: Resident[] = [];
    for (const role of ['husband', 'wife'] as const) {
      const resident = await this.residentOf(tx, p, role);
      if (!resident) items.push(missing(p, role));
      else {
        spouses.push(resident);
        if (resident.maritalStatus !== 'CERAI_HIDUP_TERCATAT') items.push({ code: 'NOT_DIVORCED', field: `${role}.nik`, message: `the ${role} is recorded ${resident.maritalStatus}, not divorced`, residentIds: [resident.id] });
        if (resident.status !== 'ALIVE') items.push({ code: 'RESIDENT_NOT_ALIVE', field: `${role}.nik`, message: `the ${role} is recorded ${resident.status}`, residentIds: [resident.id] });
      }
    }
    this.journal.concern(claim, ...spouses.map((r) => r.id));
    if (items.length > 0) {
      this.journal.review(tx, claim, { code: 'ANNULMENT_NOT_APPLIED', message: 'the divorce deed was annulled, but neither spouse was changed: see items', items, residentIds: spouses.map((r) => r.id) });
      return;
    }
    for (const resident of spouses) this.setMaritalStatus(tx, resident, 'KAWIN_TERCATAT');
    const [husband, wife] = spouses;
    if (husband && wife && husband.familyCardId !== wife.familyCardId) {
      this.journal.review(tx, claim, {
        code: 'ANNULMENT_NEEDS_OPERATOR',
        message: 'the spouses are married again, but not on one family card (the card changed at the divorce is not restored): an operator moves the spouse back if they live together',
        residentIds: spouses.map((r) => r.id),
      });
    }
  }

  // --- residents ------------------------------------------------------------------------------------------

  /**
   * The resident of a role of the deed: by the NIK the deed names. A birth deed's newborn has none at the deeds
   * service: it is the child this service registered (or linked) from the deed's deeds.birth.registered.v1, found
   * through that event's claim — the residents it concerned, less the parents the deed names by NIK — unless a review
   * says no child was registered or linked.
   */
  private async residentOf(tx: EntityManager, p: DeedCorrected | DeedAnnulled, role: Role): Promise<Resident | null> {
    const named = p.persons.find((x) => x.role === role);
    if (named) return tx.findOne(Resident, { nik: named.nik });
    if (p.deedType !== 'BIRTH' || role !== 'child') return null;
    const birth = await tx.findOne(DeedEventApplication, { deedId: p.deedId, subject: SUBJECTS.deeds.birthRegistered });
    if (!birth || birth.outcome === 'REJECTED' || birth.residentIds.length === 0) return null;
    const notLinked = await tx.count(DeedEventReview, { deedId: p.deedId, subject: SUBJECTS.deeds.birthRegistered, code: { $in: [...BIRTH_NOT_LINKED] } });
    if (notLinked > 0) return null;
    const parents = new Set(p.persons.filter((x) => x.role === 'mother' || x.role === 'father').map((x) => x.nik));
    const candidates = (await tx.find(Resident, { id: { $in: birth.residentIds } })).filter((r) => !parents.has(r.nik));
    return candidates.length === 1 ? (candidates[0] as Resident) : null;
  }

  private async residentsOf(tx: EntityManager, p: DeedAnnulled, roles: readonly Role[]): Promise<Resident[]> {
    const out: Resident[] = [];
    for (const role of roles) {
      const r = p.persons.some((x) => x.role === role) ? await this.residentOf(tx, p, role) : null;
      if (r) out.push(r);
    }
    return out;
  }

  /** A marital status by deed: the resident row, an identity.resident.marital-status-changed.v1 event, an audit row. */
  private setMaritalStatus(tx: EntityManager, resident: Resident, to: MaritalStatus): void {
    const from = resident.maritalStatus;
    if (from === to) return;
    resident.maritalStatus = to;
    this.outbox.record(tx, SUBJECTS.identity.residentMaritalStatusChanged, { residentId: resident.id, from, to, districtCode: resident.districtCode, villageCode: resident.villageCode });
    this.audit.record(tx, { action: 'UPDATE', resourceType: 'resident', resourceId: resident.id, regionCode: resident.districtCode });
  }
}

/**
 * Where the register keeps a corrected particular of a deed type: a resident's record field, or the status log's date
 * of death; null when the register keeps nothing of it (a marriage's date, a place). NIKs are handled apart.
 */
export function targetOf(deedType: DeedType, field: RegisterParticular): Target | null {
  const table = (entries: Partial<Record<RegisterParticular, Target>>): Target | null => entries[field] ?? null;
  switch (deedType) {
    case 'BIRTH':
      // The child's birth date is the deed's event date; the parents' names are kept on the child's record.
      return table({ 'child.fullName': ['child', 'fullName'], 'child.sex': ['child', 'sex'], eventDate: ['child', 'birthDate'], 'mother.fullName': ['child', 'motherName'], 'father.fullName': ['child', 'fatherName'] });
    case 'DEATH':
      return table({ 'deceased.fullName': ['deceased', 'fullName'], eventDate: ['deceased', 'dateOfDeath'] });
    case 'MARRIAGE':
    case 'DIVORCE':
      return table({ 'husband.fullName': ['husband', 'fullName'], 'wife.fullName': ['wife', 'fullName'] });
    case 'RECOGNITION':
    case 'LEGITIMATION':
      return table({ 'child.fullName': ['child', 'fullName'], 'father.fullName': ['child', 'fatherName'], 'mother.fullName': ['child', 'motherName'] });
    case 'ADOPTION':
      return table({ 'child.fullName': ['child', 'fullName'], 'adopter.fullName': ['adopter', 'fullName'] });
    case 'STILLBIRTH':
      return null;
    default:
      return assertNever(deedType);
  }
}

function assertNever(value: never): never {
  throw new Error(`a deed of type ${String(value)} has no rule in the register`);
}

function missing(p: DeedCorrected | DeedAnnulled, role: Role): ProblemItem {
  const named = p.persons.find((x) => x.role === role);
  return named
    ? { code: 'NIK_NOT_IN_REGISTER', field: `${role}.nik`, message: `${maskNik(named.nik)} is no resident's NIK in this register` }
    : { code: 'BIRTH_DEED_NOT_LINKED', field: 'deedId', message: 'the birth deed is linked to no resident here (its child was never registered or linked from it)' };
}

/** The refusal of a step of the register's own services (a Problem, thrown before it wrote anything), or undefined. */
async function refusalOf(step: () => Promise<unknown>): Promise<ProblemException | undefined> {
  try {
    await step();
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
}

function problemItems(problem: ProblemException, role: Role): ProblemItem[] {
  return [{ code: problem.code, field: role, message: problem.detail ?? problem.title }, ...(problem.errors ?? []).map((e) => ({ ...e, field: e.field ? `${role}.${e.field}` : role }))];
}
