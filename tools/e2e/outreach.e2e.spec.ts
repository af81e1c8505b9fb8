// Issue 6's "done when", end to end: the identity and outreach services, both real, listening on HTTP ports, each
// on its own throw-away PostgreSQL database, both on the machine's NATS JetStream under one run-unique prefix.
// Driven ONLY through the generated clients (@adminduk/clients), as the office's own tools would call them:
// residents registered in identity → outreach's backlog moves (identity's events through JetStream) → a plan for
// Nagekeo is generated and published → a visit is cancelled for the weather and the rest re-planned → the team
// records e-KTPs in identity with the visit's id and reports the visit's outcome → the backlog and the visit's
// reconciliation show it.
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createIdentityClient, createOutreachClient } from '@adminduk/clients';
import { EventConsumerService, NatsService, type ServiceDefinition } from '@adminduk/platform';
import { createDatabase, createTestApp, deletePrefixedStreams, dropDatabase, tokenFor, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';

jest.setTimeout(300_000);

/** How long to wait for an event to go from one service to the other (the machine may be busy). */
const WAIT = 90_000;

const NATS_URL = 'nats://127.0.0.1:4222';
// Two villages of kecamatan Boawae with a backlog; nothing else in this run's fresh databases.
const DISTRICT = '531603';
const VILLAGES = ['5316031001', '5316031003'] as const; // Natanage, Nagesapadhi

type IdentityClient = ReturnType<typeof createIdentityClient>;
type OutreachClient = ReturnType<typeof createOutreachClient>;

/** The office's date (WITA, +08:00) `days` days from today. */
function officeDate(days = 0): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A service's definition, loaded by path as tools/db/migrations.ts loads services (apps have no import alias). */
async function serviceDefinition(service: string, exported: string): Promise<ServiceDefinition> {
  const module = (await import(join(resolve(__dirname, '..', '..'), 'apps', service, 'src', `${service}.module.ts`))) as Record<string, ServiceDefinition | undefined>;
  const definition = module[exported];
  if (!definition) throw new Error(`apps/${service}/src/${service}.module.ts exports no ${exported}`);
  return definition;
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

/** The data of a client's answer, or a failure naming the status and the problem. */
function ok<T>(answer: { data?: T; error?: unknown; response: Response }, status = 200): T {
  if (answer.response.status !== status || answer.data === undefined) {
    throw new Error(`${answer.response.url} answered ${answer.response.status}, not ${status}: ${JSON.stringify(answer.error)}`);
  }
  return answer.data;
}

let identityDb: { name: string; url: string } | undefined;
let outreachDb: { name: string; url: string } | undefined;
let identity: TestApp | undefined;
let outreach: TestApp | undefined;
let prefix: string | undefined;

let registry: IdentityClient; // the office's registrar, on identity
let fieldOperator: IdentityClient; // the outreach team's operator, on identity
let planner: OutreachClient; // the office's registrar, on outreach
let team: OutreachClient; // the outreach team's operator, on outreach
let outsider: OutreachClient; // an operator of another kecamatan

const tag = `${process.pid}${Date.now() % 100_000}`;
/** Residents registered per village: the e-KTP backlog the plan works on. */
const residents: Record<string, string[]> = { [VILLAGES[0]]: [], [VILLAGES[1]]: [] };

beforeAll(async () => {
  const IDENTITY_SERVICE = await serviceDefinition('identity', 'IDENTITY_SERVICE');
  const OUTREACH_SERVICE = await serviceDefinition('outreach', 'OUTREACH_SERVICE');
  prefix = uniqueNatsPrefix('e2e-outreach');
  identityDb = await createDatabase('e2eoutidentity');
  outreachDb = await createDatabase('e2eoutreach');
  const nats = { NATS_ENABLED: 'true', NATS_URL, NATS_PREFIX: prefix };
  identity = await createTestApp(IDENTITY_SERVICE.name, IDENTITY_SERVICE.module, IDENTITY_SERVICE.openApi, { DATABASE_URL: identityDb.url, ...nats });
  outreach = await createTestApp(OUTREACH_SERVICE.name, OUTREACH_SERVICE.module, OUTREACH_SERVICE.openApi, { DATABASE_URL: outreachDb.url, ...nats });
  await identity.app.get(NatsService).ready();
  await outreach.app.get(NatsService).ready();
  await outreach.app.get(EventConsumerService).ready();
  const identityUrl = await listen(identity);
  const outreachUrl = await listen(outreach);

  // From here on: HTTP through the generated clients only.
  registry = createIdentityClient(identityUrl, { token: await tokenFor(['registrar'], ['5316'], 'e2e-outreach-registrar') });
  fieldOperator = createIdentityClient(identityUrl, { token: await tokenFor(['operator'], ['5316'], 'e2e-outreach-team-operator') });
  planner = createOutreachClient(outreachUrl, { token: await tokenFor(['registrar'], ['5316'], 'e2e-outreach-registrar') });
  team = createOutreachClient(outreachUrl, { token: await tokenFor(['operator'], ['5316'], 'e2e-outreach-team-operator') });
  outsider = createOutreachClient(outreachUrl, { token: await tokenFor(['operator'], ['531601'], 'e2e-outreach-aesesa-operator') });
}, 240_000);

afterAll(async () => {
  await outreach?.close();
  await identity?.close();
  if (prefix) await deletePrefixedStreams(prefix, NATS_URL).catch(() => undefined);
  if (outreachDb) await dropDatabase(outreachDb.name);
  if (identityDb) await dropDatabase(identityDb.name);
}, 60_000);

/** The backlog of one village, as outreach reports it. */
async function villageBacklog(village: string): Promise<Record<string, number>> {
  const report = ok(await planner.GET('/backlog', { params: { query: { districtCode: DISTRICT } } }));
  const found = report.districts[0]?.villages.find((v) => v.code === village);
  if (!found) throw new Error(`village ${village} is not in the backlog of ${DISTRICT}`);
  return found.backlog as unknown as Record<string, number>;
}

type Plan = Awaited<ReturnType<typeof createPlan>>;
async function createPlan() {
  return ok(await planner.POST('/plans', { body: { weeks: 1, startDate: officeDate() } }), 201);
}

let published: Plan;
let replanned: Plan;

describe('residents registered in identity', () => {
  it("move outreach's backlog through identity's events", async () => {
    for (const [v, village] of VILLAGES.entries()) {
      for (let i = 0; i < 3; i++) {
        const created = ok(
          await registry.POST('/residents', {
            body: {
              fullName: `Penduduk ${v}${i} Jemput Bola E${tag}`,
              birthPlace: 'Boawae',
              birthDate: `19${80 + v * 5 + i}-0${i + 2}-1${v}`,
              sex: i % 2 === 0 ? 'M' : 'F',
              religion: 'KATOLIK',
              maritalStatus: 'KAWIN_TERCATAT',
              motherName: `Ibu ${v}${i} E${tag}`,
              districtCode: DISTRICT,
              villageCode: village,
              address: `Jl. Raya Boawae ${v}${i}`,
            },
          }),
          201,
        );
        residents[village]?.push(created.id);
      }
    }
    // The registrations are published by identity's outbox relay and consumed by outreach.
    for (const village of VILLAGES) await waitFor(async () => (await villageBacklog(village)).EKTP_RECORDING === 3, `three e-KTP recordings to make in ${village}`, WAIT);
    const identityView = ok(await fieldOperator.GET('/residents/{id}/ektp', { params: { path: { id: residents[VILLAGES[0]]?.[0] as string } } }));
    expect(identityView).toMatchObject({ status: 'NOT_RECORDED', wajibKtp: true, version: 0 });
  });
});

describe('a plan for Nagekeo', () => {
  it('is generated from the backlog and published', async () => {
    // One team recording two e-KTPs a visit; every day a service day this week, so that today has a visit.
    ok(await planner.POST('/teams', { body: { name: `Tim Boawae E${tag}`, staffCount: 3, equipment: ['EKTP_RECORDING_KIT', 'LAPTOP'], services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: 2 } } }), 201);
    const settings = ok(await planner.GET('/calendar/settings'));
    ok(await planner.PUT('/calendar/settings', { body: { version: settings.version, serviceDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], dayMinutes: 480, setupMinutes: 30 } }));

    const draft = await createPlan();
    expect(draft.status).toBe('DRAFT');
    expect(draft.backlog.EKTP_RECORDING).toBe(6);
    // Two recordings a visit, three residents per village: four visits, each to one of the two villages.
    expect(draft.visits).toHaveLength(4);
    expect(new Set(draft.visits.map((v) => v.villageCode))).toEqual(new Set(VILLAGES));
    expect(draft.visits[0]?.date).toBe(officeDate());

    published = ok(await planner.POST('/plans/{id}/publish', { params: { path: { id: draft.id } } }));
    expect(published).toMatchObject({ id: draft.id, status: 'PUBLISHED', version: 1 });
  });

  it('refuses a cancellation outside the caller’s region, and one without a reason', async () => {
    const later = published.visits[published.visits.length - 1];
    const outside = await outsider.POST('/plans/{id}/visits/{visitId}/cancel', { params: { path: { id: published.id, visitId: later?.id as string } }, body: { reason: 'WEATHER' } });
    expect([outside.response.status, (outside.error as { code?: string } | undefined)?.code]).toEqual([403, 'OUTSIDE_REGION']);
    const bad = await team.POST('/plans/{id}/visits/{visitId}/cancel', { params: { path: { id: published.id, visitId: later?.id as string } }, body: { reason: 'RAIN' as 'WEATHER' } });
    expect([bad.response.status, (bad.error as { code?: string } | undefined)?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('a visit cancelled for the weather is re-planned in a new version; the visits up to it keep their ids', async () => {
    const cancelled = published.visits.find((v) => v.date === officeDate(1));
    expect(cancelled).toBeDefined();
    replanned = ok(await team.POST('/plans/{id}/visits/{visitId}/cancel', { params: { path: { id: published.id, visitId: cancelled?.id as string } }, body: { reason: 'WEATHER' } }), 201);
    expect(replanned).toMatchObject({ status: 'PUBLISHED', version: 2, previousPlanId: published.id, cancelledVisitId: cancelled?.id });
    const kept = replanned.visits.filter((v) => v.date <= officeDate(1));
    expect(kept.map((v) => [v.id, v.status])).toEqual(published.visits.filter((v) => v.date <= officeDate(1)).map((v) => [v.id, v.id === cancelled?.id ? 'CANCELLED' : 'PLANNED']));
    // The recordings the cancelled visit would have made are planned again, after it.
    const after = replanned.visits.filter((v) => v.date > officeDate(1) && v.status === 'PLANNED');
    expect(after.reduce((n, v) => n + v.planned.EKTP_RECORDING, 0)).toBe(6 - (replanned.visits.find((v) => v.date === officeDate())?.planned.EKTP_RECORDING ?? 0));
    const old = ok(await planner.GET('/plans/{id}', { params: { path: { id: published.id } } }));
    expect(old.status).toBe('SUPERSEDED');
  });
});

describe("today's visit", () => {
  it('the e-KTPs recorded in identity with its id, and the outcome reported, show in the backlog and its reconciliation', async () => {
    const visit = replanned.visits.find((v) => v.date === officeDate() && v.status === 'PLANNED');
    expect(visit).toBeDefined();
    const village = visit?.villageCode as string;
    const before = (await villageBacklog(village)).EKTP_RECORDING;
    expect(before).toBe(3);

    // The team records two residents of the village on the visit (channel OUTREACH, the visit's id).
    for (const id of (residents[village] ?? []).slice(0, 2)) {
      const recorded = ok(
        await fieldOperator.POST('/residents/{id}/ektp/actions', {
          params: { path: { id } },
          body: { type: 'RECORD_BIOMETRICS', version: 0, place: `Kantor Desa ${village}`, channel: 'OUTREACH', visitId: visit?.id as string },
        }),
        201,
      );
      expect(recorded).toMatchObject({ status: 'RECORDED', recordings: [{ channel: 'OUTREACH', visitId: visit?.id }] });
    }
    // And reports three: one recording was not entered in identity with the visit.
    const reported = ok(await team.POST('/plans/{id}/visits/{visitId}/outcome', { params: { path: { id: replanned.id, visitId: visit?.id as string } }, body: { EKTP_RECORDING: 3 } }));
    expect(reported).toMatchObject({ status: 'COMPLETED', outcome: { EKTP_RECORDING: 3 } });

    await waitFor(async () => (await villageBacklog(village)).EKTP_RECORDING === before - 2, 'the two recordings to leave the backlog', WAIT);
    const seen = await waitFor(async () => {
      const v = ok(await team.GET('/plans/{id}/visits/{visitId}', { params: { path: { id: replanned.id, visitId: visit?.id as string } } }));
      return v.linked?.EKTP_RECORDING === 2 && v;
    }, 'the recordings to be linked to the visit', WAIT);
    expect(seen.reconciliation?.find((r) => r.kind === 'EKTP_RECORDING')).toEqual({ kind: 'EKTP_RECORDING', reported: 3, linked: 2, status: 'FEWER_LINKED', mismatch: true });
    expect(seen.mismatch).toBe(true);
    expect(new Set(seen.links?.map((l) => l.recordId))).toEqual(new Set((residents[village] ?? []).slice(0, 2)));

    // The third recording, entered late with the visit's id: the report and the registers agree.
    const third = (residents[village] ?? [])[2] as string;
    ok(await fieldOperator.POST('/residents/{id}/ektp/actions', { params: { path: { id: third } }, body: { type: 'RECORD_BIOMETRICS', version: 0, place: `Kantor Desa ${village}`, channel: 'OUTREACH', visitId: visit?.id as string } }), 201);
    const reconciled = await waitFor(async () => {
      const v = ok(await team.GET('/plans/{id}/visits/{visitId}', { params: { path: { id: replanned.id, visitId: visit?.id as string } } }));
      return v.linked?.EKTP_RECORDING === 3 && v;
    }, 'the third recording to be linked', WAIT);
    expect(reconciled.reconciliation?.find((r) => r.kind === 'EKTP_RECORDING')).toMatchObject({ reported: 3, linked: 3, status: 'MATCH', mismatch: false });
    expect(reconciled.mismatch).toBe(false);
    expect((await villageBacklog(village)).EKTP_RECORDING).toBe(0);
  });
});
