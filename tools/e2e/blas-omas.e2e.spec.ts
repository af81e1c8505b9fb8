// End to end: the identity and deeds services, both real, each on its own throw-away PostgreSQL database and both
// on the machine's NATS under one run-unique prefix. Checked through REST (and the services' own NATS traffic) only:
// BLAS — parents registered in identity, a health post reports the birth to deeds, the office registers it (deeds
// asks the real identity over NATS request/reply), identity registers the child on the card with a NIK and a KIA,
// the kutipan prints that NIK (deeds asks identity for it) and its verification code is valid; OMAS — a religious institution reports the death of the head of
// that card, the office registers it, identity records the death and the card passes to the mother under a new
// No. KK.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { SUBJECTS } from '@adminduk/contracts';
import { EventConsumerService, NatsService, RpcClient, RpcServer, type ServiceDefinition } from '@adminduk/platform';
import { createDatabase, createTestApp, deletePrefixedStreams, dropDatabase, tokenFor, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';

jest.setTimeout(120_000);

const NATS_URL = 'nats://127.0.0.1:4222';
const DISTRICT = '531603';
const VILLAGE = '5316031001';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const HEALTH_POST = { id: 'e2e-pustu-natanage', key: `e2e-pustu-natanage-key-${process.pid}-0123456789` };
const PARISH = { id: 'e2e-paroki-boawae', key: `e2e-paroki-boawae-key-${process.pid}-0123456789` };
const BIRTH_DOCUMENTS = ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK'];
const DEATH_DOCUMENTS = ['DEATH_LETTER_VILLAGE', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'];

interface Reply {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** A caller of one service: a bearer token or an API key. */
class Caller {
  constructor(
    private readonly t: TestApp,
    private readonly headers: Record<string, string>,
  ) {}

  async call(method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await this.t.app.inject({ method, url, headers: { ...this.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as string | Buffer | object }) });
    const json = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: json ? res.json() : res.body };
  }

  get(url: string): Promise<Reply> {
    return this.call('GET', url);
  }

  /** POST, and fail unless the answer has the status expected. */
  async ok(url: string, payload: unknown, status = 200, headers: Record<string, string> = {}): Promise<Reply> {
    const reply = await this.call('POST', url, payload, headers);
    if (reply.status !== status) throw new Error(`POST ${url} answered ${reply.status}, not ${status}: ${JSON.stringify(reply.body)}`);
    return reply;
  }

  /** GET, and fail unless 200. */
  async read(url: string): Promise<Reply> {
    const reply = await this.get(url);
    if (reply.status !== 200) throw new Error(`GET ${url} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply;
  }
}

function daysAgo(days: number): string {
  // The office's date (+08:00).
  return new Date(Date.now() - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A service's definition (IDENTITY_SERVICE, DEEDS_SERVICE), loaded by path as tools/db/migrations.ts loads services (apps have no import alias). */
async function serviceDefinition(service: string, exported: string): Promise<ServiceDefinition> {
  const module = (await import(join(resolve(__dirname, '..', '..'), 'apps', service, 'src', `${service}.module.ts`))) as Record<string, ServiceDefinition | undefined>;
  const definition = module[exported];
  if (!definition) throw new Error(`apps/${service}/src/${service}.module.ts exports no ${exported}`);
  return definition;
}

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

let identityDb: { name: string; url: string } | undefined;
let deedsDb: { name: string; url: string } | undefined;
let identity: TestApp | undefined;
let deeds: TestApp | undefined;
let prefix: string;

let idRegistrar: Caller;
let healthPost: Caller;
let parish: Caller;
let operator: Caller;
let registrar: Caller;
let anonymous: Caller;

const tag = `${process.pid}${Date.now() % 100_000}`;
const father = { fullName: `Yosef Dhey Nuwa E${tag}`, birthDate: '1988-07-12', sex: 'M' as const };
const mother = { fullName: `Maria Goreti Wea E${tag}`, birthDate: '1990-03-01', sex: 'F' as const };
const childName = `Maria Yasinta Wea E${tag}`;

// What the BLAS flow leaves for the OMAS flow.
const family: { fatherId?: string; fatherNik?: string; motherId?: string; motherNik?: string; cardId?: string; kkNumber?: string; childId?: string } = {};

beforeAll(async () => {
  const IDENTITY_SERVICE = await serviceDefinition('identity', 'IDENTITY_SERVICE');
  const DEEDS_SERVICE = await serviceDefinition('deeds', 'DEEDS_SERVICE');
  prefix = uniqueNatsPrefix('e2e-blas-omas');
  identityDb = await createDatabase('e2eidentity');
  deedsDb = await createDatabase('e2edeeds');
  identity = await createTestApp(IDENTITY_SERVICE.name, IDENTITY_SERVICE.module, IDENTITY_SERVICE.openApi, {
    DATABASE_URL: identityDb.url,
    NATS_ENABLED: 'true',
    NATS_URL,
    NATS_PREFIX: prefix,
  });
  deeds = await createTestApp(DEEDS_SERVICE.name, DEEDS_SERVICE.module, DEEDS_SERVICE.openApi, {
    DATABASE_URL: deedsDb.url,
    NATS_ENABLED: 'true',
    NATS_URL,
    NATS_PREFIX: prefix,
    API_KEYS: JSON.stringify([HEALTH_POST, PARISH].map((k) => ({ id: k.id, sha256: sha256(k.key), roles: ['partner'], regions: ['5316'] }))),
  });
  await identity.app.get(NatsService).ready();
  await identity.app.get(RpcServer).ready();
  await identity.app.get(EventConsumerService).ready();
  await deeds.app.get(NatsService).ready();

  idRegistrar = new Caller(identity, { authorization: `Bearer ${await tokenFor(['registrar'], ['5316'], 'e2e-registrar')}` });
  healthPost = new Caller(deeds, { 'x-api-key': HEALTH_POST.key });
  parish = new Caller(deeds, { 'x-api-key': PARISH.key });
  operator = new Caller(deeds, { authorization: `Bearer ${await tokenFor(['operator'], ['5316'], 'e2e-operator')}` });
  registrar = new Caller(deeds, { authorization: `Bearer ${await tokenFor(['registrar'], ['5316'], 'e2e-registrar')}` });
  anonymous = new Caller(deeds, {});
}, 120_000);

afterAll(async () => {
  await deeds?.close();
  await identity?.close();
  if (prefix) await deletePrefixedStreams(prefix, NATS_URL).catch(() => undefined);
  if (deedsDb) await dropDatabase(deedsDb.name);
  if (identityDb) await dropDatabase(identityDb.name);
}, 60_000);

/** Uploads the documents, submits (with `submit`), verifies: the record is VERIFIED. */
async function completeAndVerify(deedId: string, documents: readonly string[], submit: Record<string, unknown> = {}): Promise<Reply> {
  for (const kind of documents) {
    const res = await operator.call('POST', `/deeds/${deedId}/documents?kind=${kind}`, PDF, { 'content-type': 'application/pdf' });
    if (res.status !== 201) throw new Error(`upload of ${kind} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const current = await operator.read(`/deeds/${deedId}`);
  const submitted = await operator.ok(`/deeds/${deedId}/submit`, { version: current.body.version, ...submit });
  return operator.ok(`/deeds/${deedId}/verify`, { version: submitted.body.version });
}

async function registerResident(person: { fullName: string; birthDate: string; sex: 'M' | 'F' }): Promise<{ id: string; nik: string }> {
  const res = await idRegistrar.ok('/residents', {
    ...person,
    birthPlace: 'Boawae',
    religion: 'KATOLIK',
    maritalStatus: 'KAWIN_TERCATAT',
    motherName: `Ibu ${person.fullName}`,
    districtCode: DISTRICT,
    villageCode: VILLAGE,
    address: 'RT 001 / RW 001, Natanage',
  }, 201);
  return { id: res.body.id, nik: res.body.nik };
}

describe('BLAS and OMAS across identity and deeds (REST and NATS)', () => {
  it('BLAS: a birth reported by a health post ends with the child on the card (NIK, Anak, KIA) and a verifiable kutipan', async () => {
    const f = await registerResident(father);
    const m = await registerResident(mother);
    const card = await idRegistrar.ok('/family-cards', { members: [{ residentId: f.id, relationship: 1 }, { residentId: m.id, relationship: 3 }] }, 201);
    Object.assign(family, { fatherId: f.id, fatherNik: f.nik, motherId: m.id, motherNik: m.nik, cardId: card.body.id, kkNumber: card.body.kkNumber });
    expect(card.body.kkNumber).toMatch(/^\d{16}$/);

    const report = await healthPost.ok(
      '/notifications',
      {
        deedType: 'BIRTH',
        partnerKind: 'HEALTH_POST',
        eventDate: daysAgo(2),
        districtCode: DISTRICT,
        villageCode: VILLAGE,
        particulars: { child: { sex: 'F' }, mother: { nik: m.nik, ...mother }, father: { nik: f.nik, ...father }, place: 'Pustu Natanage' },
      },
      201,
      { 'idempotency-key': `e2e-birth-${tag}` },
    );
    const deedId = report.body.deedId as string;

    const verified = await completeAndVerify(deedId, BIRTH_DOCUMENTS, { particulars: { child: { fullName: childName, sex: 'F', religion: 'KATOLIK' } } });
    expect(verified.body).toMatchObject({ status: 'VERIFIED', checklist: { complete: true } });

    // Deeds asks the real identity (NATS request/reply) about the parents and their card.
    const registered = await registrar.ok(`/deeds/${deedId}/register`, { version: verified.body.version });
    expect(registered.body).toMatchObject({ status: 'REGISTERED', waitingFor: null, linkProblems: null });
    expect(registered.body.deedNumber).toMatch(/^5316-KL-/);

    // Identity consumes deeds.birth.registered.v1: the child is on the parents' card.
    const child = await waitFor(
      async () => {
        const found = await idRegistrar.read(`/residents?kkNumber=${family.kkNumber}`);
        return (found.body.items as { id: string; fullName: string; nik: string }[]).find((r) => r.fullName === childName);
      },
      'identity to register the child',
      60_000,
      250,
    );
    family.childId = child.id;
    expect(child.nik).toMatch(/^\d{16}$/);
    expect([f.nik, m.nik]).not.toContain(child.nik);
    expect(child.nik.startsWith(DISTRICT)).toBe(true);

    const after = await idRegistrar.read(`/family-cards/${family.cardId}`);
    expect(after.body.kkNumber).toBe(family.kkNumber);
    expect(after.body.members).toEqual(
      expect.arrayContaining([expect.objectContaining({ residentId: child.id, relationship: 4, relationshipLabel: 'Anak', fatherResidentId: f.id, motherResidentId: m.id })]),
    );
    expect((await idRegistrar.read(`/residents/${child.id}`)).body).toMatchObject({ fullName: childName, birthDate: daysAgo(2), familyCardId: family.cardId, status: 'ALIVE' });
    const kia = await waitFor(async () => {
      const r = await idRegistrar.get(`/residents/${child.id}/kia`);
      return r.status === 200 && r.body.status ? r.body : undefined;
    }, "the child's KIA", 30_000, 250);
    expect(kia).toMatchObject({ status: 'PRINTED', card: { kiaType: 'UNDER_5' } });

    // The kutipan: issued by deeds with the NIK identity issued (asked over NATS request/reply; identity's link of the
    // deed follows the child's registration by its outbox relay), its code valid for anyone.
    await waitFor(
      async () => {
        const link = await (deeds as TestApp).app.get(RpcClient).request(SUBJECTS.identityRpc.residentByBirthDeed, { deedId });
        return link.ok && link.value.found;
      },
      "identity's link of the birth deed",
      30_000,
      250,
    );
    const issued = await operator.ok(`/deeds/${deedId}/issue`, { version: registered.body.version });
    expect(issued.body).toMatchObject({ status: 'ISSUED', copies: [{ childNikSource: 'IDENTITY' }] });
    const pdf = await (deeds as TestApp).app.inject({ method: 'GET', url: issued.body.copies[0].pdf, headers: { authorization: `Bearer ${await tokenFor(['operator'], ['5316'], 'e2e-operator')}` } });
    const kutipan = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf.rawPayload }).toString('utf8').replace(/[ \t]+/g, ' ');
    expect(kutipan).toContain(`NIK ${child.nik}`);
    const code = issued.body.copies[0].code as string;
    const verification = await anonymous.read(`/verify/${code}`);
    expect(verification.body).toMatchObject({ status: 'VALID', documentName: 'Kutipan Akta Kelahiran', deedNumber: registered.body.deedNumber, signature: { check: 'VALID' } });
    expect(JSON.stringify(verification.body)).not.toContain(childName);
  });

  it("OMAS: the head's death reported by a religious institution ends with him deceased and the mother head under a new No. KK", async () => {
    if (!family.fatherNik || !family.cardId) throw new Error('the BLAS flow did not leave a family');
    const report = await parish.ok(
      '/notifications',
      {
        deedType: 'DEATH',
        partnerKind: 'RELIGIOUS_INSTITUTION',
        eventDate: daysAgo(1),
        districtCode: DISTRICT,
        villageCode: VILLAGE,
        particulars: { deceased: { nik: family.fatherNik, fullName: father.fullName, sex: 'M' }, place: 'Rumah, Natanage' },
      },
      201,
      { 'idempotency-key': `e2e-death-${tag}` },
    );
    const deedId = report.body.deedId as string;
    const verified = await completeAndVerify(deedId, DEATH_DOCUMENTS);
    expect(verified.body).toMatchObject({ status: 'VERIFIED' });
    const registered = await registrar.ok(`/deeds/${deedId}/register`, { version: verified.body.version });
    expect(registered.body).toMatchObject({ status: 'REGISTERED', programme: 'OMAS' });

    // Identity consumes deeds.death.registered.v1.
    const status = await waitFor(
      async () => {
        const r = await idRegistrar.read(`/residents/${family.fatherId}`);
        return r.body.status === 'DECEASED' ? r.body : undefined;
      },
      'identity to record the death',
      60_000,
      250,
    );
    expect(status.status).toBe('DECEASED');
    const log = await idRegistrar.read(`/residents/${family.fatherId}/status`);
    expect(JSON.stringify(log.body)).toContain('DECEASED');

    const card = await waitFor(
      async () => {
        const r = await idRegistrar.read(`/family-cards/${family.cardId}`);
        return (r.body.members as { residentId: string }[]).some((mm) => mm.residentId === family.fatherId) ? undefined : r.body;
      },
      'the father to leave the card',
      30_000,
      250,
    );
    const head = (card.members as { residentId: string; relationship: number }[]).find((mm) => mm.relationship === 1);
    expect(head?.residentId).toBe(family.motherId);
    expect(card.kkNumber).toMatch(/^\d{16}$/);
    expect(card.kkNumber).not.toBe(family.kkNumber);
    expect(card.members).toEqual(expect.arrayContaining([expect.objectContaining({ residentId: family.childId, relationship: 4 })]));
  });
});
