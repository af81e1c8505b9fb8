/**
 * The open backlog of a freshly seeded system: events of the last weeks that the deeds service has not registered
 * yet, as the requests that would bring them in — a partner's report (`POST /notifications`, with the partner's
 * API key) or an application opened at the office (`POST /deeds`, with an operator's token):
 * - births to married women of the register in the last `weeks` (BACKLOG in figures.ts), the child not yet in
 *   the register (the birth deed's registration adds it to the mother's card with a NIK);
 * - deaths of residents of the register in the last `weeks` (the deceased is still ALIVE in the register).
 *
 * The backlog is derived from the same register (same seed and options): each card has its own random stream
 * for it (seed + 'backlog' + No. KK), so writing the backlog never changes the register. At most one event per
 * card. Bodies follow the deeds service's DTOs (apps/deeds/src/cases/deed.dto.ts, particulars.dto.ts).
 */
import type { Religion } from '@adminduk/domain';
import { BACKLOG, byAge } from './figures';
import { fullName, localName } from './names';
import { completeYears, dayOf, generateRegister, isoOf, type SynthCard, type SynthOptions, type SynthResident } from './population';
import { Rng } from './prng';

export interface BacklogOptions extends SynthOptions {
  /** How far back the unregistered events go (default BACKLOG.weeks). */
  readonly weeks?: number;
}

interface PersonParticulars {
  nik?: string;
  fullName?: string;
  sex?: 'M' | 'F';
  birthDate?: string;
}

/** One request, ready to send to the deeds service (its body is the DTO). */
export interface BacklogRequest {
  readonly method: 'POST';
  /** `/notifications` (a partner's report) or `/deeds` (an application at the office). */
  readonly path: '/notifications' | '/deeds';
  /** Who sends it: a partner's API key (role partner, scoped to the village) or an operator's token. */
  readonly caller: { readonly role: 'partner' | 'operator'; readonly regions: readonly string[] };
  /** For `/notifications`: the `Idempotency-Key` header (a retry of the seeding writes nothing twice). */
  readonly idempotencyKey?: string;
  readonly body: {
    readonly deedType: 'BIRTH' | 'DEATH';
    readonly partnerKind?: 'HEALTH_POST' | 'HOSPITAL' | 'RELIGIOUS_INSTITUTION' | 'VILLAGE_OFFICE';
    readonly channel?: 'OFFICE';
    readonly parentsMarried?: boolean;
    readonly eventDate: string;
    readonly districtCode: string;
    readonly villageCode: string;
    readonly particulars: {
      child?: { fullName?: string; sex: 'M' | 'F'; religion: Religion; childOrder: number; birthTime: string };
      mother?: PersonParticulars;
      father?: PersonParticulars;
      deceased?: PersonParticulars;
      place: string;
      kkNumber: string;
      address: string;
    };
  };
}

function person(r: SynthResident): PersonParticulars {
  return { nik: r.nik, fullName: r.fullName, sex: r.sex, birthDate: r.birthDate };
}

function time(rng: Rng): string {
  return `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}

/** The backlog requests of one card (none most of the time). */
export function backlogOfCard(card: SynthCard, options: BacklogOptions): BacklogRequest[] {
  const rng = Rng.derive(options.seed, 'backlog', card.kkNumber);
  const weeks = options.weeks ?? BACKLOG.weeks;
  const window = weeks * 7;
  const asOfDay = dayOf(options.asOf);
  const key = (kind: string, n: number) => `synth-${String(options.seed)}-${options.asOf}-${kind}-${card.kkNumber}-${n}`;

  // Deaths first: a resident of the card died in the window and nobody has reported it yet.
  for (const r of card.members) {
    const age = completeYears(r.birthDate, options.asOf);
    if (!rng.chance(byAge(BACKLOG.mortality, age) * (window / 365) * BACKLOG.unreportedDeathShare)) continue;
    const eventDay = Math.max(dayOf(r.birthDate), asOfDay - rng.int(0, window - 1));
    const partnerKind = rng.chance(0.5) ? 'RELIGIOUS_INSTITUTION' : rng.chance(0.6) ? 'VILLAGE_OFFICE' : 'HOSPITAL';
    return [
      {
        method: 'POST',
        path: '/notifications',
        caller: { role: 'partner', regions: [card.villageCode] },
        idempotencyKey: key('death', 1),
        body: {
          deedType: 'DEATH',
          partnerKind,
          eventDate: isoOf(eventDay),
          districtCode: card.districtCode,
          villageCode: card.villageCode,
          particulars: { deceased: person(r), place: partnerKind === 'HOSPITAL' ? 'RUMAH SAKIT UMUM DAERAH' : 'RUMAH', kkNumber: card.kkNumber, address: card.address },
        },
      },
    ];
  }

  // A birth to the married woman of the card (the wife, or a married woman head), the child not yet registered.
  const mother = card.members.find((m) => (m.shdk === 3 || (m.shdk === 1 && m.sex === 'F')) && (m.maritalStatus === 'KAWIN_TERCATAT' || m.maritalStatus === 'KAWIN_BELUM_TERCATAT'));
  if (!mother) return [];
  const motherAge = completeYears(mother.birthDate, options.asOf);
  if (motherAge < 19 || motherAge > 44) return [];
  const father = card.members.find((m) => m !== mother && (m.shdk === 1 || m.shdk === 2) && m.sex === 'M');
  // No birth within a year of the last child on the card.
  const youngest = card.members.filter((m) => m.shdk === 4).reduce((a, m) => (m.birthDate > a ? m.birthDate : a), '0000-00-00');
  if (youngest !== '0000-00-00' && dayOf(youngest) > asOfDay - window - 365) return [];
  if (!rng.chance(BACKLOG.marriedFertility * (window / 365) * BACKLOG.unregisteredBirthShare)) return [];
  const eventDate = isoOf(asOfDay - rng.int(0, window - 1));
  const children = rng.chance(BACKLOG.twinShare) ? 2 : 1;
  const application = rng.chance(BACKLOG.applicationShare);
  const partnerKind = rng.chance(0.7) ? 'HEALTH_POST' : rng.chance(0.67) ? 'HOSPITAL' : 'VILLAGE_OFFICE';
  const familyName = father ? (father.fullName.split(' ').pop() as string) : localName(rng).toUpperCase();
  const requests: BacklogRequest[] = [];
  for (let order = 1; order <= children; order++) {
    const sex = rng.chance(0.51) ? 'M' : 'F';
    // Parents often name the child only at baptism: a partner's report leaves the name out half the time.
    const named = application || rng.chance(0.5);
    const particulars = {
      child: { ...(named ? { fullName: fullName(rng, mother.religion, sex, familyName) } : {}), sex, religion: mother.religion, childOrder: order, birthTime: time(rng) },
      mother: person(mother),
      ...(father ? { father: person(father) } : {}),
      place: application ? 'RUMAH' : partnerKind === 'HOSPITAL' ? 'RUMAH SAKIT UMUM DAERAH' : partnerKind === 'HEALTH_POST' ? 'PUSKESMAS' : 'RUMAH',
      kkNumber: card.kkNumber,
      address: card.address,
    } as const;
    requests.push(
      application
        ? {
            method: 'POST',
            path: '/deeds',
            caller: { role: 'operator', regions: [card.districtCode] },
            body: { deedType: 'BIRTH', channel: 'OFFICE', parentsMarried: true, eventDate, districtCode: card.districtCode, villageCode: card.villageCode, particulars },
          }
        : {
            method: 'POST',
            path: '/notifications',
            caller: { role: 'partner', regions: [card.villageCode] },
            idempotencyKey: key('birth', order),
            body: { deedType: 'BIRTH', partnerKind, eventDate, districtCode: card.districtCode, villageCode: card.villageCode, particulars },
          },
    );
  }
  return requests;
}

/** The backlog of the whole register, request by request (streamed like the register). */
export function* generateBacklog(options: BacklogOptions): Generator<BacklogRequest> {
  for (const card of generateRegister(options)) yield* backlogOfCard(card, options);
}
