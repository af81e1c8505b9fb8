// The integrator's path, end to end: the identity and deeds services, both real, listening on HTTP ports, each on
// its own throw-away PostgreSQL database, both on the machine's NATS under one run-unique prefix. After start-up the
// test acts ONLY through the generated clients of @adminduk/clients, with the credentials an integrator is given: an
// API key per partner institution (a health post, a parish) and a bearer token for the office's registrar.
//
// - BLAS: the health post reports a birth with an Idempotency-Key; the retry gets the same case, the same key with
//   another body is refused (422 IDEMPOTENCY_KEY_REUSED); the registrar finds the case by walking the paginated work
//   queue, completes, verifies and registers it; identity, read through its own client, has the child on the
//   parents' card with a NIK and a KIA; the kutipan's code verifies at /verify for anyone.
// - OMAS: the parish reports the head's death; once registered, identity shows him deceased and the mother as head
//   of the card under a new No. KK.
// - What integrators trip over: no or an unknown key or token (401), a wrong role or region (403), bad input (400
//   with the fields), a malformed Idempotency-Key, request ids, and a paginated list walked to its end.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createDeedsClient, createIdentityClient, type DeedsComponents } from '@adminduk/clients';
import { EventConsumerService, NatsService, RpcServer, type ServiceDefinition } from '@adminduk/platform';
import { createDatabase, createTestApp, deletePrefixedStreams, dropDatabase, tokenFor, uniqueNatsPrefix, waitFor, type TestApp } from '@adminduk/platform/testing';

jest.setTimeout(180_000);

type Problem = DeedsComponents['schemas']['Problem'];
type NotifyBody = DeedsComponents['schemas']['NotifyDto'];
type DocumentKind = DeedsComponents['schemas']['DocumentView']['kind'];
type DeedsClient = ReturnType<typeof createDeedsClient>;
type IdentityClient = ReturnType<typeof createIdentityClient>;

const NATS_URL = 'nats://127.0.0.1:4222';
const DISTRICT = '531603'; // Boawae
const VILLAGE = '5316031001';
const OTHER_DISTRICT = '531601'; // Aesesa: outside the partners' scope
const HEALTH_POST = { id: 'int-pustu-natanage', key: `int-pustu-natanage-${process.pid}-${Date.now()}-key` };
const PARISH = { id: 'int-paroki-boawae', key: `int-paroki-boawae-${process.pid}-${Date.now()}-key` };
// The files an office scans: a PDF, and a JPEG whose bytes are not text (0xFF…), to show a binary upload survives.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const BIRTH_DOCUMENTS: readonly DocumentKind[] = ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK'];
const DEATH_DOCUMENTS: readonly DocumentKind[] = ['DEATH_LETTER_VILLAGE', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'];

/** What every openapi-fetch call answers: data on success, the problem+json body in `error` otherwise. */
interface Answer<T> {
  readonly data?: T;
  readonly error?: Problem;
  readonly response: Response;
}

/** The data of a call that must answer `status`; else the test fails with the problem the service sent. */
function expectOk<T>(answer: Answer<T>, status: number, what: string): T {
  if (answer.response.status !== status || answer.data === undefined) {
    throw new Error(`${what} answered ${answer.response.status}, not ${status}: ${JSON.stringify(answer.error)}`);
  }
  return answer.data;
}

/** The problem of a call that must fail with `status` and `code`, checked as an integrator's error handling would. */
function expectProblem<T>(answer: Answer<T>, status: number, code: string): Problem {
  expect(answer.response.status).toBe(status);
  expect(answer.response.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.error).toMatchObject({ status, code, type: `urn:adminduk:problem:${code.toLowerCase().replace(/_/g, '-')}` });
  if (!answer.error) throw new Error('no problem body');
  return answer.error;
}

function daysAgo(days: number): string {
  // The office's date (WITA, +08:00).
  return new Date(Date.now() - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

let serial = 0;
/** A well-formed NIK of someone born on `birthDate` in kecamatan `district` (PP 37/2007: women's day + 40). */
function nikOf(birthDate: string, sex: 'M' | 'F', district = DISTRICT): string {
  serial += 1;
  const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
  return `${district}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(9000 + (process.pid % 500) + serial).padStart(4, '0')}`;
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

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let identityDb: { name: string; url: string } | undefined;
let deedsDb: { name: string; url: string } | undefined;
let identity: TestApp | undefined;
let deeds: TestApp | undefined;
let prefix: string | undefined;
let deedsUrl: string;
let identityUrl: string;

let registry: IdentityClient; // the office's registrar, on identity
let registrar: DeedsClient; // the office's registrar, on deeds
let healthPost: DeedsClient; // a partner API key
let parish: DeedsClient; // a partner API key
let anyone: DeedsClient; // no credentials: the public verification

const tag = `${process.pid}${Date.now() % 100_000}`;
const father = { fullName: `Yosef Dhey Nuwa I${tag}`, birthDate: '1988-07-12', sex: 'M' as const };
const mother = { fullName: `Maria Goreti Wea I${tag}`, birthDate: '1990-03-01', sex: 'F' as const };
const childName = `Maria Yasinta Wea I${tag}`;

// What the BLAS flow leaves for the OMAS flow.
const family: { fatherId?: string; fatherNik?: string; motherId?: string; cardId?: string; kkNumber?: string; childId?: string } = {};

beforeAll(async () => {
  const IDENTITY_SERVICE = await serviceDefinition('identity', 'IDENTITY_SERVICE');
  const DEEDS_SERVICE = await serviceDefinition('deeds', 'DEEDS_SERVICE');
  prefix = uniqueNatsPrefix('e2e-integrator');
  identityDb = await createDatabase('e2eintidentity');
  deedsDb = await createDatabase('e2eintdeeds');
  const nats = { NATS_ENABLED: 'true', NATS_URL, NATS_PREFIX: prefix };
  identity = await createTestApp(IDENTITY_SERVICE.name, IDENTITY_SERVICE.module, IDENTITY_SERVICE.openApi, { DATABASE_URL: identityDb.url, ...nats });
  deeds = await createTestApp(DEEDS_SERVICE.name, DEEDS_SERVICE.module, DEEDS_SERVICE.openApi, {
    DATABASE_URL: deedsDb.url,
    ...nats,
    // What the office configures when it issues the two partners their keys: only the SHA-256, the role, the scope.
    API_KEYS: JSON.stringify([HEALTH_POST, PARISH].map((k) => ({ id: k.id, sha256: sha256(k.key), roles: ['partner'], regions: [DISTRICT] }))),
  });
  await identity.app.get(NatsService).ready();
  await identity.app.get(RpcServer).ready();
  await identity.app.get(EventConsumerService).ready();
  await deeds.app.get(NatsService).ready();
  identityUrl = await listen(identity);
  deedsUrl = await listen(deeds);

  // From here on: HTTP through the generated clients only, as an integrator's system would call the services.
  const token = await tokenFor(['registrar'], ['5316'], 'e2e-integrator-registrar');
  registry = createIdentityClient(identityUrl, { token });
  registrar = createDeedsClient(deedsUrl, { token });
  healthPost = createDeedsClient(deedsUrl, { apiKey: HEALTH_POST.key });
  parish = createDeedsClient(deedsUrl, { apiKey: PARISH.key });
  anyone = createDeedsClient(deedsUrl);
}, 180_000);

afterAll(async () => {
  await deeds?.close();
  await identity?.close();
  if (prefix) await deletePrefixedStreams(prefix, NATS_URL).catch(() => undefined);
  if (deedsDb) await dropDatabase(deedsDb.name);
  if (identityDb) await dropDatabase(identityDb.name);
}, 60_000);

async function registerResident(person: { fullName: string; birthDate: string; sex: 'M' | 'F' }): Promise<{ id: string; nik: string }> {
  const created = expectOk(
    await registry.POST('/residents', {
      body: {
        ...person,
        birthPlace: 'Boawae',
        religion: 'KATOLIK',
        maritalStatus: 'KAWIN_TERCATAT',
        motherName: `Ibu ${person.fullName}`,
        districtCode: DISTRICT,
        villageCode: VILLAGE,
        address: 'RT 001 / RW 001, Natanage',
      },
    }),
    201,
    'POST /residents',
  );
  return { id: created.id, nik: created.nik };
}

/** Every record of the work queue matching `query`, page by page (`limit`, then `after` = the page's `next`). */
async function walkQueue(query: { status?: 'NOTIFIED' | 'VERIFIED'; deedType?: 'BIRTH' | 'DEATH'; limit: number }): Promise<{ pages: number; ids: string[] }> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = expectOk(await registrar.GET('/deeds', { params: { query: { ...query, ...(after ? { after } : {}) } } }), 200, 'GET /deeds');
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.items.map((item) => item.id));
    if (!page.next) return { pages, ids };
    expect(page.items.length).toBe(query.limit); // a page with a `next` is full
    after = page.next;
  }
}

/** Uploads the checklist's files, submits and verifies, through the registrar's client: the record is VERIFIED. */
async function completeAndVerify(deedId: string, documents: readonly DocumentKind[], submit: Omit<DeedsComponents['schemas']['SubmitDto'], 'version'> = {}) {
  for (const [index, kind] of documents.entries()) {
    const file = index === 1 ? { bytes: JPEG, type: 'image/jpeg', name: `${kind.toLowerCase()}.jpg` } : { bytes: PDF, type: 'application/pdf', name: `${kind.toLowerCase()}.pdf` };
    const uploaded = await registrar.POST('/deeds/{id}/documents', {
      params: { path: { id: deedId }, query: { kind }, header: { 'Content-Disposition': `attachment; filename="${file.name}"` } },
      headers: { 'content-type': file.type },
      // The body of an upload is the file itself (typed `string`, format binary): latin1 carries every byte as is.
      body: file.bytes.toString('latin1'),
      bodySerializer: (body: string) => Buffer.from(body, 'latin1'),
    });
    // The service's digest of what it stored is the digest of the bytes sent: nothing lost or re-encoded on the way.
    expect(expectOk(uploaded, 201, `upload of ${kind}`)).toMatchObject({ kind, contentType: file.type, size: file.bytes.length, sha256: sha256(file.bytes), fileName: file.name });
  }
  const current = expectOk(await registrar.GET('/deeds/{id}', { params: { path: { id: deedId } } }), 200, 'GET /deeds/{id}');
  expect(current.checklist.complete).toBe(true);
  const submitted = expectOk(await registrar.POST('/deeds/{id}/submit', { params: { path: { id: deedId } }, body: { version: current.version, ...submit } }), 200, 'submit');
  return expectOk(await registrar.POST('/deeds/{id}/verify', { params: { path: { id: deedId } }, body: { version: submitted.version } }), 200, 'verify');
}

describe('the integrator path: BLAS and OMAS through @adminduk/clients', () => {
  it('BLAS: a health post reports a birth (idempotently), the registrar registers it, identity has the child, the copy verifies', async () => {
    // The parents and their card, as the office's registrar enters them in identity.
    const f = await registerResident(father);
    const m = await registerResident(mother);
    const card = expectOk(
      await registry.POST('/family-cards', { body: { members: [{ residentId: f.id, relationship: 1 }, { residentId: m.id, relationship: 3 }] } }),
      201,
      'POST /family-cards',
    );
    Object.assign(family, { fatherId: f.id, fatherNik: f.nik, motherId: m.id, cardId: card.id, kkNumber: card.kkNumber });

    // The health post reports the birth; its system retries the same request (a lost answer) with the same key.
    const report: NotifyBody = {
      deedType: 'BIRTH',
      partnerKind: 'HEALTH_POST',
      eventDate: daysAgo(2),
      districtCode: DISTRICT,
      villageCode: VILLAGE,
      particulars: { child: { sex: 'F' }, mother: { nik: m.nik, ...mother }, father: { nik: f.nik, ...father }, place: 'Pustu Natanage' },
    };
    const idempotencyKey = `birth-${tag}-0001`;
    const first = expectOk(await healthPost.POST('/notifications', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: report }), 201, 'the report');
    expect(first).toMatchObject({ deedType: 'BIRTH', duplicate: false, status: 'NOTIFIED', ready: false, deedNumber: null });
    const retry = expectOk(await healthPost.POST('/notifications', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: report }), 201, 'the retry');
    expect(retry).toEqual(first);
    // The same key with another body is a bug in the partner's system: refused, nothing written.
    const reused = await healthPost.POST('/notifications', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: { ...report, particulars: { ...report.particulars, place: 'Puskesmas Boawae' } } });
    const refusal = expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(refusal.errors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' })]);

    // The registrar finds the case by walking the queue of new birth reports, one record per page.
    const queue = await walkQueue({ status: 'NOTIFIED', deedType: 'BIRTH', limit: 1 });
    expect(queue.ids.filter((id) => id === first.deedId)).toHaveLength(1);

    const verified = await completeAndVerify(first.deedId, BIRTH_DOCUMENTS, { particulars: { child: { fullName: childName, sex: 'F', religion: 'KATOLIK' } } });
    expect(verified).toMatchObject({ status: 'VERIFIED', programme: 'BLAS' });
    // Deeds asks the real identity over NATS about the parents and their card before it gives the deed a number.
    const registered = expectOk(await registrar.POST('/deeds/{id}/register', { params: { path: { id: first.deedId } }, body: { version: verified.version } }), 200, 'register');
    expect(registered).toMatchObject({ status: 'REGISTERED', waitingFor: null, linkProblems: null });
    expect(registered.deedNumber).toMatch(/^5316-KL-/);

    // Identity, read through its own client: the child on the parents' card, with a NIK of Boawae and a KIA.
    const child = await waitFor(
      async () => {
        const found = expectOk(await registry.GET('/residents', { params: { query: { kkNumber: card.kkNumber } } }), 200, 'GET /residents');
        return found.items.find((r) => r.fullName === childName);
      },
      'identity to register the child',
      90_000,
      250,
    );
    family.childId = child.id;
    expect(child.nik).toMatch(/^\d{16}$/);
    expect(child.nik.startsWith(DISTRICT)).toBe(true);
    expect([f.nik, m.nik]).not.toContain(child.nik);
    expect(child).toMatchObject({ birthDate: daysAgo(2), familyCardId: card.id, status: 'ALIVE' });
    const after = expectOk(await registry.GET('/family-cards/{id}', { params: { path: { id: card.id } } }), 200, 'GET /family-cards/{id}');
    expect(after.kkNumber).toBe(card.kkNumber);
    expect(after.members).toEqual(expect.arrayContaining([expect.objectContaining({ residentId: child.id, nik: child.nik, relationship: 4, relationshipLabel: 'Anak', fatherResidentId: f.id, motherResidentId: m.id })]));
    const kia = await waitFor(
      async () => {
        const answer = await registry.GET('/residents/{id}/kia', { params: { path: { id: child.id } } });
        return answer.data?.status === 'PRINTED' ? answer.data : undefined;
      },
      "the child's KIA",
      60_000,
      250,
    );
    expect(kia.card).toMatchObject({ kiaType: 'UNDER_5' });

    // The kutipan: issued, downloadable as PDF, and its QR code's address verifies VALID for anyone, without a name.
    const issued = expectOk(await registrar.POST('/deeds/{id}/issue', { params: { path: { id: first.deedId } }, body: { version: registered.version } }), 200, 'issue');
    const copy = issued.copies[0];
    if (!copy) throw new Error('no copy was issued');
    expect(copy.verificationUrl.endsWith(`/verify/${copy.code}`)).toBe(true);
    const pdf = await registrar.GET('/deeds/{id}/copies/{copyId}/pdf', { params: { path: { id: first.deedId, copyId: copy.id } }, parseAs: 'arrayBuffer' });
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(expectOk(pdf, 200, 'the PDF')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const verification = expectOk(await anyone.GET('/verify/{code}', { params: { path: { code: copy.code } } }), 200, 'verify');
    expect(verification).toMatchObject({ status: 'VALID', documentName: 'Kutipan Akta Kelahiran', deedType: 'BIRTH', deedNumber: registered.deedNumber, signature: { check: 'VALID' } });
    expect(JSON.stringify(verification)).not.toContain(childName);

    // The health post follows its report: ready, with the deed number, and still no personal data.
    const followed = expectOk(await healthPost.GET('/notifications/{id}', { params: { path: { id: first.id } } }), 200, 'GET /notifications/{id}');
    expect(followed).toMatchObject({ id: first.id, deedId: first.deedId, status: 'ISSUED', ready: true, deedNumber: registered.deedNumber });
    expect(JSON.stringify(followed)).not.toContain(m.nik);
  });

  it("OMAS: the parish reports the head's death; identity shows him deceased and the mother head under a new No. KK", async () => {
    const { fatherId, fatherNik, motherId, cardId, kkNumber, childId } = family;
    if (!fatherId || !fatherNik || !motherId || !cardId || !kkNumber || !childId) throw new Error('the BLAS flow did not leave a family');
    const reported = expectOk(
      await parish.POST('/notifications', {
        params: { header: { 'Idempotency-Key': `death-${tag}-0001` } },
        body: {
          deedType: 'DEATH',
          partnerKind: 'RELIGIOUS_INSTITUTION',
          eventDate: daysAgo(1),
          districtCode: DISTRICT,
          villageCode: VILLAGE,
          particulars: { deceased: { nik: fatherNik, fullName: father.fullName, sex: 'M' }, place: 'Rumah, Natanage' },
        },
      }),
      201,
      'the death report',
    );
    const queue = await walkQueue({ status: 'NOTIFIED', deedType: 'DEATH', limit: 50 });
    expect(queue).toEqual({ pages: 1, ids: [reported.deedId] });

    const verified = await completeAndVerify(reported.deedId, DEATH_DOCUMENTS);
    const registered = expectOk(await registrar.POST('/deeds/{id}/register', { params: { path: { id: reported.deedId } }, body: { version: verified.version } }), 200, 'register');
    expect(registered).toMatchObject({ status: 'REGISTERED', programme: 'OMAS' });
    expect(registered.deedNumber).toMatch(/^5316-KM-/);

    const deceased = await waitFor(
      async () => {
        const status = expectOk(await registry.GET('/residents/{id}/status', { params: { path: { id: fatherId } } }), 200, 'GET /residents/{id}/status');
        return status.status === 'DECEASED' ? status : undefined;
      },
      'identity to record the death',
      90_000,
      250,
    );
    expect(deceased.dateOfDeath).toBe(daysAgo(1));
    expect(expectOk(await registry.GET('/residents/{id}', { params: { path: { id: fatherId } } }), 200, 'GET /residents/{id}').status).toBe('DECEASED');

    const card = await waitFor(
      async () => {
        const current = expectOk(await registry.GET('/family-cards/{id}', { params: { path: { id: cardId } } }), 200, 'GET /family-cards/{id}');
        return current.members.some((member) => member.residentId === fatherId) ? undefined : current;
      },
      'the father to leave the card',
      60_000,
      250,
    );
    expect(card.members.find((member) => member.relationship === 1)?.residentId).toBe(motherId);
    expect(card.kkNumber).toMatch(/^\d{16}$/);
    expect(card.kkNumber).not.toBe(kkNumber);
    expect(card.members).toEqual(expect.arrayContaining([expect.objectContaining({ residentId: childId, relationship: 4 })]));
  });
});

describe('the documents the clients are generated from', () => {
  it('declare for every operation of every service that an error is problem+json with a code, and which need no credentials', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const service of ['identity', 'deeds', 'outreach', 'reporting']) {
      const document = JSON.parse(await readFile(join(resolve(__dirname, '..', '..'), 'apps', service, 'openapi.json'), 'utf8')) as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
        components: { schemas: Record<string, { required?: string[] }> };
      };
      expect(document.components.schemas.Problem?.required).toEqual(['type', 'title', 'status', 'code']);
      const undeclared = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation.responses.default?.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem')
          .map(([method]) => `${service}: ${method.toUpperCase()} ${path}`),
      );
      expect(undeclared).toEqual([]);
      // Public endpoints say that they need no credentials; the others inherit the bearer token or API key.
      expect(document.paths['/health/live']?.get?.security).toEqual([]);
      if (service === 'deeds') {
        expect(document.paths['/verify/{code}']?.get?.security).toEqual([]);
        expect(document.paths['/notifications']?.post?.security).toBeUndefined();
      }
    }
  });
});

describe('what an integrator trips over', () => {
  const birth = (motherName: string, district = DISTRICT): NotifyBody => ({
    deedType: 'BIRTH',
    partnerKind: 'HEALTH_POST',
    eventDate: daysAgo(3),
    districtCode: district,
    villageCode: `${district}1001`,
    particulars: { child: { sex: 'M' }, mother: { nik: nikOf('1995-02-02', 'F', district), fullName: motherName, sex: 'F', birthDate: '1995-02-02' }, place: 'Pustu Natanage' },
  });

  it('401 UNAUTHENTICATED without credentials, with an unknown API key, and with a token the office did not sign', async () => {
    const body = birth('Anonima Wea');
    const none = expectProblem(await createDeedsClient(deedsUrl).POST('/notifications', { body }), 401, 'UNAUTHENTICATED');
    expect(none.detail).toMatch(/x-api-key/);
    const unknownKey = expectProblem(await createDeedsClient(deedsUrl, { apiKey: 'not-a-key-the-office-issued' }).POST('/notifications', { body }), 401, 'UNAUTHENTICATED');
    expect(unknownKey.detail).toMatch(/API key/);
    const forged = await tokenFor(['registrar'], ['*'], 'mallory', 'a-secret-that-is-not-the-office-secret-0123');
    expectProblem(await createDeedsClient(deedsUrl, { token: forged }).GET('/deeds', {}), 401, 'UNAUTHENTICATED');
    expectProblem(await createIdentityClient(identityUrl).GET('/residents', {}), 401, 'UNAUTHENTICATED');
  });

  it('403 ROLE_NOT_ALLOWED for the wrong role, OUTSIDE_REGION outside the key’s scope', async () => {
    // A partner key is for reporting, not for the office's work queue; a registrar does not report as a partner.
    const queue = expectProblem(await healthPost.GET('/deeds', {}), 403, 'ROLE_NOT_ALLOWED');
    expect(queue.detail).toMatch(/operator, registrar/);
    expectProblem(await registrar.POST('/notifications', { body: birth('Regina Wea') }), 403, 'ROLE_NOT_ALLOWED');
    // The health post of Boawae reports a birth in Aesesa.
    expectProblem(await healthPost.POST('/notifications', { body: birth('Aesesa Wea', OTHER_DISTRICT) }), 403, 'OUTSIDE_REGION');
  });

  it('400 VALIDATION_FAILED with every invalid field named; 400 for a malformed Idempotency-Key, id or limit; 404 with its code', async () => {
    const bad = await healthPost.POST('/notifications', { body: { ...birth('Salah Wea'), eventDate: 'kemarin', districtCode: '53', villageCode: '5316' } });
    const problem = expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect((problem.errors ?? []).map((e) => e.field).sort()).toEqual(['districtCode', 'eventDate', 'villageCode']);
    expect(problem.errors?.every((e) => typeof e.code === 'string' && e.message.length > 0)).toBe(true);

    // Identity answers the same way: the shape of a request is checked before anything else.
    const resident = await registry.POST('/residents', {
      body: { fullName: 'Tanggal Salah', birthPlace: 'Boawae', birthDate: '30/01/1990', sex: 'F', religion: 'KATOLIK', maritalStatus: 'BELUM_KAWIN', motherName: 'Ibu', districtCode: '5316', villageCode: VILLAGE, address: 'RT 001' },
    });
    expect(new Set(expectProblem(resident, 400, 'VALIDATION_FAILED').errors?.map((e) => e.field))).toEqual(new Set(['birthDate', 'districtCode']));

    expectProblem(await healthPost.POST('/notifications', { params: { header: { 'Idempotency-Key': 'has spaces in it' } }, body: birth('Kunci Wea') }), 400, 'IDEMPOTENCY_KEY_INVALID');
    expectProblem(await healthPost.GET('/notifications/{id}', { params: { path: { id: 'not-a-uuid' } } }), 400, 'INVALID_ID');
    expectProblem(await healthPost.GET('/notifications/{id}', { params: { path: { id: '01900000-0000-7000-8000-000000000000' } } }), 404, 'NOTIFICATION_NOT_FOUND');
    const limit = expectProblem(await registrar.GET('/deeds', { params: { query: { limit: 0 } } }), 400, 'VALIDATION_FAILED');
    expect(limit.errors?.map((e) => e.field)).toEqual(['limit']);
  });

  it('echoes the request id an integrator sends, in the response header and in the problem', async () => {
    const requestId = `int-${tag}-trace-0001`;
    const traced = createDeedsClient(deedsUrl, { apiKey: HEALTH_POST.key, requestId });
    const answer = await traced.GET('/notifications/{id}', { params: { path: { id: '01900000-0000-7000-8000-000000000000' } } });
    expect(answer.response.headers.get('x-request-id')).toBe(requestId);
    expect(expectProblem(answer, 404, 'NOTIFICATION_NOT_FOUND').requestId).toBe(requestId);
  });

  it('walks a paginated list to its end: every record once, full pages until the last, which has no `next`', async () => {
    const reported: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const answer = await healthPost.POST('/notifications', { params: { header: { 'Idempotency-Key': `page-${tag}-${n}` } }, body: birth(`Ibu Halaman ${n} I${tag}`) });
      reported.push(expectOk(answer, 201, `report ${n}`).deedId);
    }
    // The queue holds these five (and any birth an earlier test left NOTIFIED), in the order they came in.
    const walked = await walkQueue({ status: 'NOTIFIED', deedType: 'BIRTH', limit: 2 });
    expect(new Set(walked.ids).size).toBe(walked.ids.length);
    expect(walked.ids.filter((id) => reported.includes(id))).toEqual(reported);
    expect(walked.pages).toBe(Math.ceil(walked.ids.length / 2));

    // Identity's lists page the same way (`limit`, `after`, `next`).
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = expectOk(await registry.GET('/residents', { params: { query: { villageCode: VILLAGE, limit: 2, ...(after ? { after } : {}) } } }), 200, 'GET /residents');
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      after = page.next;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.max(1, Math.ceil(seen.length / 2)));
  });
});
