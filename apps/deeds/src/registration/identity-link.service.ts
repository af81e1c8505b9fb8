/**
 * Before a birth is registered, the identity service is asked, over NATS request/reply, about the family the
 * child joins (it owns the register; this service never reads its tables):
 * - each parent NIK given, with identity.rpc.resident.by-nik.v1: the parent must be a resident of the register;
 * - the family card, with identity.rpc.family-card.by-number.v1: the No. KK given, or else the card of the
 *   mother (or father) in identity's answer; the card must exist, and each parent NIK given must be on it.
 *
 * The outcome is one of three:
 * - `linked`: the card (its number goes into deeds.birth.registered.v1, so that identity adds the child to it);
 * - `refused`: identity answered, and the link does not hold (PARENT_NOT_IN_REGISTER, FAMILY_CARD_REQUIRED,
 *   FAMILY_CARD_NOT_FOUND, PARENT_NOT_ON_FAMILY_CARD): the registrar must correct the application or reject it;
 * - `unavailable`: identity could not be asked (NATS_UNAVAILABLE, TIMEOUT) or failed (INTERNAL_ERROR,
 *   INVALID_REPLY): nothing is decided, the registration waits and is tried again.
 *
 * NIKs are never logged; the problems name the fields, not the values.
 *
 * When a kutipan akta kelahiran is issued, identity is asked with identity.rpc.resident.by-birth-deed.v1 which
 * resident the deed belongs to (the newborn it registered from the deed, or the resident a late birth deed names) and
 * their NIK, which the kutipan prints (childOfBirthDeed; same client and time-out).
 */
import { Inject, Injectable } from '@nestjs/common';
import { SUBJECTS, type ResidentByNikReply, type RpcReply } from '@adminduk/contracts';
import { RpcClient, type ProblemItem } from '@adminduk/platform';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import type { Particulars } from '../cases/particulars.dto';

/** Codes of a failure to get an answer, as opposed to an answer: the registration waits. */
const TRANSIENT = new Set(['NATS_UNAVAILABLE', 'TIMEOUT', 'INTERNAL_ERROR', 'INVALID_REPLY']);

export type LinkOutcome =
  | { readonly kind: 'linked'; readonly kkNumber: string; readonly familyCardId?: string; readonly motherResidentId?: string; readonly fatherResidentId?: string }
  | { readonly kind: 'refused'; readonly problems: readonly ProblemItem[] }
  | { readonly kind: 'unavailable'; readonly code: string; readonly message: string };

/** What identity says of a birth deed's child: found with the NIK, linked to nobody yet, or no answer. */
export type ChildOfDeedOutcome =
  | { readonly kind: 'found'; readonly residentId: string; readonly nik: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'unavailable'; readonly code: string; readonly message: string };

class Unavailable {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

@Injectable()
export class IdentityLinkService {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(DEEDS_CONFIG) private readonly config: DeedsConfig,
  ) {}

  async linkBirth(particulars: Particulars): Promise<LinkOutcome> {
    try {
      return await this.link(particulars);
    } catch (error) {
      if (error instanceof Unavailable) return { kind: 'unavailable', code: error.code, message: error.message };
      throw error;
    }
  }

  /**
   * The resident identity linked to this birth deed, and their NIK (identity.rpc.resident.by-birth-deed.v1). Not
   * found while identity has not applied deeds.birth.registered.v1 (or holds it for review). Any failure to get an
   * answer, and a refusal (never expected for a well-formed deed id), is `unavailable`: the caller cannot tell what
   * to print. The NIK is not logged here, nor is the reply.
   */
  async childOfBirthDeed(deedId: string): Promise<ChildOfDeedOutcome> {
    const reply = await this.rpc.request(SUBJECTS.identityRpc.residentByBirthDeed, { deedId }, this.config.identityTimeoutMs);
    if (!reply.ok) return { kind: 'unavailable', code: reply.code, message: reply.message };
    const { found, residentId, nik } = reply.value;
    if (!found) return { kind: 'not-found' };
    if (!residentId || !nik) return { kind: 'unavailable', code: 'INVALID_REPLY', message: 'identity said found without the resident and NIK' };
    return { kind: 'found', residentId, nik };
  }

  private async link(particulars: Particulars): Promise<LinkOutcome> {
    const problems: ProblemItem[] = [];
    const parents = (['mother', 'father'] as const).filter((p) => particulars[p]?.nik);
    const residents: Partial<Record<'mother' | 'father', ResidentByNikReply>> = {};
    for (const parent of parents) {
      const reply = this.answer(await this.rpc.request(SUBJECTS.identityRpc.residentByNik, { nik: particulars[parent]?.nik as string }, this.config.identityTimeoutMs), `particulars.${parent}.nik`, problems);
      if (reply === undefined) continue;
      if (!reply.found) problems.push({ code: 'PARENT_NOT_IN_REGISTER', field: `particulars.${parent}.nik`, message: `the ${parent} is not a resident of the register` });
      else residents[parent] = reply;
    }
    const kkNumber = particulars.kkNumber ?? residents.mother?.kkNumber ?? residents.father?.kkNumber;
    if (!kkNumber) {
      if (problems.length === 0) problems.push({ code: 'FAMILY_CARD_REQUIRED', field: 'particulars.kkNumber', message: 'give the No. KK of the family card the child joins (no parent in the register is on a card)' });
      return { kind: 'refused', problems };
    }
    const card = this.answer(await this.rpc.request(SUBJECTS.identityRpc.familyCardByNumber, { kkNumber }, this.config.identityTimeoutMs), 'particulars.kkNumber', problems);
    if (card && !card.found) {
      problems.push({ code: 'FAMILY_CARD_NOT_FOUND', field: 'particulars.kkNumber', message: 'no family card has this No. KK' });
    } else if (card) {
      // A parent identity does not know at all was reported above; only those it knows must be on the card.
      for (const parent of parents.filter((p) => residents[p] !== undefined)) {
        if (!card.members?.some((m) => m.nik === particulars[parent]?.nik)) {
          problems.push({ code: 'PARENT_NOT_ON_FAMILY_CARD', field: `particulars.${parent}.nik`, message: `the ${parent} is not on the family card given` });
        }
      }
    }
    if (problems.length > 0 || !card) return { kind: 'refused', problems };
    return {
      kind: 'linked',
      kkNumber,
      ...(card.familyCardId ? { familyCardId: card.familyCardId } : {}),
      ...(residents.mother?.residentId ? { motherResidentId: residents.mother.residentId } : {}),
      ...(residents.father?.residentId ? { fatherResidentId: residents.father.residentId } : {}),
    };
  }

  /** The value of a reply; a transient failure stops the link (Unavailable); a refusal becomes a problem. */
  private answer<T>(reply: RpcReply<T>, field: string, problems: ProblemItem[]): T | undefined {
    if (reply.ok) return reply.value;
    if (TRANSIENT.has(reply.code)) throw new Unavailable(reply.code, reply.message);
    problems.push({ code: reply.code, field, message: reply.message });
    return undefined;
  }
}
