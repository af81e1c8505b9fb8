// An integrator reads only the personal-data fields its API key names (issue 16): a bank's NIK check gets
// `fields: ["nik", "fullName", "birthDate", "sex"]` and its answers carry those fields of each person, and the
// identifiers and bookkeeping of the register, nothing else — not the address, the religion, the mother's name, the
// family relationships, the moves, who in the office acted — at every level (a card's members and history, a
// resident's moves, e-KTP and KIA histories). Withheld fields are absent, not null. Searching by a field the key is
// not granted is 403 FIELD_NOT_GRANTED, before anything is read. Keys without `fields` and people: whole answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { DiscoveryService } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { AuditEntry, isClassifiedProperty, isClassifiedQueryParameter, SCOPE_KEY } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

const BANK = 'bank-ntt-nik-check-key-0123456789abcdef';
const NIK_ONLY = 'nik-only-integrator-key-0123456789abcdef';
const WHOLE = 'whole-answers-integrator-key-0123456789abcdef';
const sha = (k: string) => createHash('sha256').update(k).digest('hex');
const SCOPES = ['residents', 'family-cards', 'documents'];

/** What a key granted nik, fullName, birthDate and sex must never see, at any level. */
const WITHHELD = [
  'birthPlace',
  'religion',
  'maritalStatus',
  'education',
  'bloodType',
  'occupation',
  'motherName',
  'fatherName',
  'address',
  'districtCode',
  'villageCode',
  'kkNumber',
  'previousKkNumber',
  'relationship',
  'relationshipLabel',
  'fatherResidentId',
  'motherResidentId',
  'polygamyPermitted',
  'moves',
  'movedOutTo',
  'dateOfDeath',
  'effectiveDate',
  'from',
  'to',
  'by',
  'recordedBy',
  'printedBy',
  'addedBy',
  'fileName',
];

let t: TestApp;
let registrar: Record<string, string>;
let father: string;
let mother: string;
let child: string;
let mover: string;
let motherNik: string;
let cardId: string;

async function call(url: string, headers: Record<string, string>, method: 'GET' | 'POST' = 'GET', payload?: object) {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

async function resident(fullName: string, birthDate: string, sex: 'M' | 'F', maritalStatus: string): Promise<{ id: string; nik: string; version: number }> {
  const res = await call('/residents', registrar, 'POST', {
    fullName,
    birthPlace: 'Mbay',
    birthDate,
    sex,
    religion: 'KATOLIK',
    maritalStatus,
    occupation: 'Petani',
    motherName: `Ibu dari ${fullName}`,
    fatherName: `Bapak dari ${fullName}`,
    districtCode: '531601',
    villageCode: '5316012002',
    address: 'RT 004 / RW 001, Labolewa',
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, nik: res.body.nik, version: res.body.version };
}

/** The whole answer with the withheld properties taken out at every level (what the narrowed answer must be). */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !WITHHELD.includes(k)).map(([k, v]) => [k, strip(v)]));
}

/** Every property name at every level of a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, {
    API_KEYS: JSON.stringify([
      { id: 'bank-ntt', sha256: sha(BANK), roles: ['integrator'], regions: ['5316'], scopes: SCOPES, fields: ['nik', 'fullName', 'birthDate', 'sex'] },
      { id: 'nik-only', sha256: sha(NIK_ONLY), roles: ['integrator'], regions: ['5316'], scopes: SCOPES, fields: ['nik'] },
      { id: 'whole', sha256: sha(WHOLE), roles: ['integrator'], regions: ['5316'], scopes: SCOPES },
    ]),
  });
  registrar = { authorization: `Bearer ${await tokenFor(['registrar'], ['5316'])}` };
  father = (await resident('Yosef Dhey', '1975-01-01', 'M', 'KAWIN_TERCATAT')).id;
  const m = await resident('Maria Goreti Wea', '1978-02-02', 'F', 'KAWIN_TERCATAT');
  mother = m.id;
  motherNik = m.nik;
  child = (await resident('Yohanes Dhey', '2015-03-03', 'M', 'BELUM_KAWIN')).id;
  const card = await call('/family-cards', registrar, 'POST', {
    members: [
      { residentId: father, relationship: 1 },
      { residentId: mother, relationship: 3 },
      { residentId: child, relationship: 4, fatherResidentId: father, motherResidentId: mother },
    ],
  });
  expect(card.status).toBe(201);
  cardId = card.body.id;
  // The head dies: the card's history has facts with a marital status changing (from, to) and a new No. KK.
  expect((await call(`/family-cards/${cardId}/members/${father}/removal`, registrar, 'POST', { version: 1, reason: 'DEATH' })).status).toBe(200);
  // A resident alone moves within the regency: moves (from, to, by) and a history.
  const moving = await resident('Sisilia Ngole', '1990-05-05', 'F', 'BELUM_KAWIN');
  mover = moving.id;
  const moved = await call(`/residents/${mover}/move`, registrar, 'POST', { version: moving.version, districtCode: '531602', villageCode: '5316022005', address: 'RT 001 / RW 002, Riti', reference: 'SKP-001' });
  expect(moved.status).toBe(200);
  // The mother's e-KTP biometrics (recorded by someone), the child's KIA printed (by someone).
  expect((await call(`/residents/${mother}/ektp/actions`, registrar, 'POST', { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dukcapil', channel: 'OFFICE' })).status).toBe(201);
  expect((await call(`/residents/${child}/kia/actions`, registrar, 'POST', { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' })).status).toBe(201);
});
afterAll(() => t?.close());

const reads = () => [
  `/residents?nik=${motherNik}`,
  `/residents/${mother}`,
  `/residents?familyCardId=${cardId}`,
  `/residents/${mover}/status`,
  `/residents/${father}/status`,
  `/family-cards/${cardId}`,
  `/family-cards/${cardId}/versions`,
  `/residents/${mother}/ektp`,
  `/residents/${child}/kia`,
];

describe("an integrator's API key with fields", () => {
  it('nik, fullName, birthDate, sex: every answer carries those and the bookkeeping, nothing else, at every level', async () => {
    for (const url of reads()) {
      const whole = await call(url, registrar);
      const narrowed = await call(url, { 'x-api-key': BANK });
      expect({ url, status: narrowed.status }).toEqual({ url, status: 200 });
      // Absent, not null: exactly the whole answer without the withheld properties.
      expect({ url, body: narrowed.body }).toEqual({ url, body: strip(whole.body) });
      const seen = keysOf(narrowed.body);
      expect({ url, withheld: WITHHELD.filter((k) => seen.has(k)) }).toEqual({ url, withheld: [] });
    }
  });

  it('the granted fields are there: of a resident, of each member of a card, of each item of a search', async () => {
    const key = { 'x-api-key': BANK };
    const one = (await call(`/residents/${mother}`, key)).body;
    expect(one).toEqual({ id: mother, nik: motherNik, fullName: 'Maria Goreti Wea', birthDate: '1978-02-02', sex: 'F', status: 'ALIVE', familyCardId: cardId, version: expect.any(Number), createdAt: expect.any(String), updatedAt: expect.any(String) });
    const card = (await call(`/family-cards/${cardId}`, key)).body;
    expect(card.members).toEqual([
      { residentId: mother, nik: motherNik, fullName: 'Maria Goreti Wea', birthDate: '1978-02-02', sex: 'F' },
      { residentId: child, nik: expect.stringMatching(/^\d{16}$/), fullName: 'Yohanes Dhey', birthDate: '2015-03-03', sex: 'M' },
    ]);
    expect(Object.keys(card).sort()).toEqual(['createdAt', 'id', 'members', 'status', 'updatedAt', 'version']);
    const versions = (await call(`/family-cards/${cardId}/versions`, key)).body.items;
    expect(versions[1].facts).toEqual(expect.arrayContaining([{ type: 'MEMBER_REMOVED', residentId: father, reason: 'DEATH' }, { type: 'MARITAL_STATUS_CHANGED', residentId: mother }]));
    expect(versions[1]).not.toHaveProperty('recordedBy');
    const ektp = (await call(`/residents/${mother}/ektp`, key)).body;
    expect(ektp.recordings).toEqual([{ at: expect.any(String), place: 'Kantor Dukcapil', channel: 'OFFICE', visitId: null }]);
    expect(ektp.history[0]).toEqual({ index: expect.any(Number), type: 'RECORD_BIOMETRICS', at: expect.any(String), status: expect.any(String) });
    const kia = (await call(`/residents/${child}/kia`, key)).body;
    expect(kia.card).not.toHaveProperty('printedBy');
    expect(kia.card).toMatchObject({ kiaType: 'FROM_5_TO_UNDER_17' });
  });

  it('nik only: a resident is its id, NIK and bookkeeping', async () => {
    const one = (await call(`/residents/${mother}`, { 'x-api-key': NIK_ONLY })).body;
    expect(Object.keys(one).sort()).toEqual(['createdAt', 'familyCardId', 'id', 'nik', 'status', 'updatedAt', 'version']);
  });

  it('searching by a field not granted is 403 FIELD_NOT_GRANTED, before anything is read; by a granted one it answers', async () => {
    const em = t.app.get(MikroORM).em.fork();
    const audited = await em.count(AuditEntry, { actorId: { $in: ['bank-ntt', 'nik-only'] } });
    for (const [key, url] of [
      [NIK_ONLY, '/residents?name=Maria%20Goreti%20Wea&birthDate=1978-02-02'],
      [NIK_ONLY, '/residents?nik=5316014202780001&birthDate=1978-02-02'],
      [BANK, '/residents?villageCode=5316012002'],
      [BANK, `/residents?kkNumber=${'5'.repeat(16)}`],
      [BANK, `/family-cards?kkNumber=${'5'.repeat(16)}`],
      [BANK, '/residents?address=Labolewa'],
    ] as const) {
      const res = await call(url, { 'x-api-key': key });
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 403, code: 'FIELD_NOT_GRANTED' });
    }
    expect(await em.count(AuditEntry, { actorId: { $in: ['bank-ntt', 'nik-only'] } })).toBe(audited);
    const byName = await call('/residents?name=Maria%20Goreti%20Wea&birthDate=1978-02-02', { 'x-api-key': BANK });
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((r: { id: string }) => r.id)).toEqual([mother]);
    expect((await call(`/residents?nik=${motherNik}`, { 'x-api-key': NIK_ONLY })).body.items).toEqual([expect.objectContaining({ id: mother, nik: motherNik })]);
  });

  it('the audit trail of a narrowed read is as before: the record by its id', async () => {
    await call(`/residents/${mover}`, { 'x-api-key': BANK });
    const trail = await call(`/audit?resourceType=resident&resourceId=${mover}&action=READ`, { authorization: `Bearer ${await tokenFor(['admin'], ['*'])}` });
    expect(trail.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ actorId: 'bank-ntt', resourceId: mover })]));
  });
});

describe('keys without fields, and people', () => {
  it('a key without fields gets the whole answer, as a person does', async () => {
    for (const url of reads()) {
      const whole = await call(url, registrar);
      const key = await call(url, { 'x-api-key': WHOLE });
      expect({ url, body: key.body }).toEqual({ url, body: whole.body });
    }
    expect((await call('/residents?villageCode=5316012002', { 'x-api-key': WHOLE })).status).toBe(200);
  });

  it("a person's answer carries every field (the address, the mother's name, who acted)", async () => {
    const one = (await call(`/residents/${mother}`, registrar)).body;
    expect(one).toMatchObject({ address: 'RT 004 / RW 001, Labolewa', motherName: 'Ibu dari Maria Goreti Wea', religion: 'KATOLIK', villageCode: '5316012002' });
    expect((await call(`/residents/${mover}/status`, registrar)).body.moves[0]).toMatchObject({ from: '5316012002', to: '5316022005', by: expect.any(String) });
  });
});

describe('the classification of fields is complete', () => {
  // A new property or search parameter of an endpoint an integrator may call must be classified in
  // libs/platform/src/auth/fields.ts (always given, or needing a field); unclassified, it is withheld from keys with
  // fields. Read from the scoped endpoints themselves and the committed API document.
  it('every property of the answers, and every query parameter, of the scoped endpoints', () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const operations = new Map<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>();
    for (const methods of Object.values(doc.paths)) for (const op of Object.values(methods)) if (op.operationId) operations.set(op.operationId, op);
    const scoped: string[] = [];
    for (const wrapper of t.app.get(DiscoveryService).getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const method = (type.prototype as Record<string, unknown>)[name];
        if (typeof method === 'function' && (Reflect.getMetadata(SCOPE_KEY, method) ?? Reflect.getMetadata(SCOPE_KEY, type))) scoped.push(`${type.name.replace(/Controller$/, '')}_${name}`);
      }
    }
    expect(scoped.length).toBeGreaterThanOrEqual(8);
    const properties = new Set<string>();
    const parameters = new Set<string>();
    const walk = (schema: unknown, path: string[]): void => {
      if (schema === null || typeof schema !== 'object') return;
      const s = schema as { $ref?: string; items?: unknown; properties?: Record<string, unknown>; allOf?: unknown[]; oneOf?: unknown[]; anyOf?: unknown[] };
      if (s.$ref) {
        const name = s.$ref.split('/').pop() as string;
        if (!path.includes(name)) walk(doc.components.schemas[name], [...path, name]);
        return;
      }
      [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])].forEach((x) => walk(x, path));
      walk(s.items, path);
      for (const [name, inner] of Object.entries(s.properties ?? {})) {
        properties.add(name);
        walk(inner, path);
      }
    };
    for (const id of scoped) {
      const op = operations.get(id);
      expect({ id, documented: op !== undefined }).toEqual({ id, documented: true });
      for (const p of op?.parameters ?? []) if (p.in === 'query') parameters.add(p.name);
      for (const [status, response] of Object.entries(op?.responses ?? {})) {
        if (status.startsWith('2')) walk(response.content?.['application/json']?.schema, []);
      }
    }
    expect(properties.size).toBeGreaterThan(50);
    expect([...properties].filter((p) => !isClassifiedProperty(p))).toEqual([]);
    expect([...parameters].filter((p) => !isClassifiedQueryParameter(p))).toEqual([]);
  });
});
