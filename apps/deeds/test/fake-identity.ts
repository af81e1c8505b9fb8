/**
 * A stand-in for the identity service in the deeds tests: it answers identity.rpc.resident.by-nik.v1,
 * identity.rpc.family-card.by-number.v1 and identity.rpc.resident.by-birth-deed.v1 over NATS with the platform's RPC
 * helpers (@ServeRpc, RpcServer), from families and births the test registers. Its register lives in the test process, so the stand-in can be stopped and
 * started again (an identity outage) and still know the same families. Also: reading a service's stream.
 */
import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import type { JetStreamManager, StoredMsg } from 'nats';
import {
  SUBJECTS,
  type EventEnvelope,
  type FamilyCardByNumberReply,
  type FamilyCardByNumberRequest,
  type ResidentByBirthDeedReply,
  type ResidentByBirthDeedRequest,
  type ResidentByNikReply,
  type ResidentByNikRequest,
} from '@adminduk/contracts';
import { NatsService, PlatformModule, RpcServer, ServeRpc, uuidv7, type ServiceConfig } from '@adminduk/platform';
import { createTestApp, type TestApp } from '@adminduk/platform/testing';

interface Person {
  readonly nik: string;
}

/** The register the stand-in answers from: cards by No. KK, residents by NIK. */
export class FakeRegister {
  readonly residents = new Map<string, ResidentByNikReply>();
  readonly cards = new Map<string, FamilyCardByNumberReply>();
  /** Birth deeds identity has linked to a resident (the newborn registered from the deed), by deed id. */
  readonly births = new Map<string, { residentId: string; nik: string }>();
  residentQuestions = 0;
  cardQuestions = 0;
  birthDeedQuestions = 0;
  /** Answer this late (to make the caller time out). */
  delayMs = 0;

  /** A card with the parents on it (SHDK 1 head, 3 wife), in kecamatan `districtCode`. */
  addFamily(kkNumber: string, parents: { mother: Person; father?: Person }, districtCode = '531601', villageCode = '5316012002'): void {
    const familyCardId = uuidv7();
    const members: { residentId: string; nik: string; relationship: number }[] = [];
    for (const [person, sex, relationship] of [
      [parents.father, 'M', 1],
      [parents.mother, 'F', parents.father ? 3 : 1],
    ] as const) {
      if (!person) continue;
      const residentId = uuidv7();
      members.push({ residentId, nik: person.nik, relationship });
      this.residents.set(person.nik, { found: true, residentId, status: 'ALIVE', sex, maritalStatus: 'KAWIN_TERCATAT', familyCardId, kkNumber, districtCode });
    }
    this.cards.set(kkNumber, { found: true, familyCardId, districtCode, villageCode, members });
  }

  /** Identity registers the newborn of birth deed `deedId` under `nik` (as it does from deeds.birth.registered.v1). */
  linkBirth(deedId: string, nik: string): string {
    const residentId = uuidv7();
    this.births.set(deedId, { residentId, nik });
    return residentId;
  }
}

export const REGISTER = new FakeRegister();

@Injectable()
export class FakeIdentityResponder {
  @ServeRpc(SUBJECTS.identityRpc.residentByNik)
  async residentByNik(request: ResidentByNikRequest): Promise<ResidentByNikReply> {
    REGISTER.residentQuestions++;
    if (REGISTER.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, REGISTER.delayMs));
    return REGISTER.residents.get(request.nik) ?? { found: false };
  }

  @ServeRpc(SUBJECTS.identityRpc.familyCardByNumber)
  async familyCardByNumber(request: FamilyCardByNumberRequest): Promise<FamilyCardByNumberReply> {
    REGISTER.cardQuestions++;
    return REGISTER.cards.get(request.kkNumber) ?? { found: false };
  }

  @ServeRpc(SUBJECTS.identityRpc.residentByBirthDeed)
  async residentByBirthDeed(request: ResidentByBirthDeedRequest): Promise<ResidentByBirthDeedReply> {
    REGISTER.birthDeedQuestions++;
    const child = REGISTER.births.get(request.deedId);
    return child ? { found: true, ...child } : { found: false };
  }
}

@Module({})
class FakeIdentityModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: FakeIdentityModule,
      imports: [PlatformModule.forRoot({ config, database: { entities: [], migrations: { postgresql: [], sqlite: [] } }, streams: [] })],
      providers: [FakeIdentityResponder],
    };
  }
}

/** Starts the stand-in on NATS (`NATS_URL`, `NATS_PREFIX` as the deeds service's) and waits until it serves. */
export async function startFakeIdentity(env: Record<string, string>): Promise<TestApp> {
  const t = await createTestApp('identity', (c) => FakeIdentityModule.forRoot(c), { title: 'fake identity', description: 'answers the deeds service', version: '0' }, {
    NATS_ENABLED: 'true',
    DEV_SCHEMA_SYNC: 'true',
    ...env,
  });
  await t.app.get(RpcServer).ready();
  return t;
}

/** Every message of a stream (as the contracts name their subjects), in order. */
export async function streamMessages(nats: NatsService, stream: string): Promise<{ subject: string; envelope: EventEnvelope<Record<string, unknown>> }[]> {
  const jsm: JetStreamManager = await nats.jetstreamManager();
  const name = nats.streamName(stream);
  const { state } = await jsm.streams.info(name);
  const found: { subject: string; envelope: EventEnvelope<Record<string, unknown>> }[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m: StoredMsg | undefined = await jsm.streams.getMessage(name, { seq }).catch(() => undefined);
    if (m) found.push({ subject: nats.unprefixed(m.subject), envelope: m.json<EventEnvelope<Record<string, unknown>>>() });
  }
  return found;
}

/** Deletes a stream of the run (its consumers go with it). */
export async function deleteStream(nats: NatsService | undefined, stream: string): Promise<void> {
  if (!nats) return;
  await (await nats.jetstreamManager()).streams.delete(nats.streamName(stream)).catch(() => undefined);
}
