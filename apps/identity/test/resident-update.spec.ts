// Corrections of a resident's record through PATCH /residents/{id}, on SQLite (service tier): fields corrected at
// the version read (409 when stale), null clearing an optional field, birth date and sex re-checked against the
// NIK (422 with the domain codes), marital status and region refused as edits, corrections that would break the
// family card or the e-KTP / KIA history refused, an audit UPDATE and an identity.resident.corrected.v1 event
// without names; bad input 400, roles 403, region 403 (audited as DENIED), 401, 404; nothing written when refused.
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS } from '@adminduk/contracts';
import { AuditEntry, OutboxEvent } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

let t: TestApp;
let operator: string;
let registrar: string;
let n = 0;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  operator = await tokenFor(['operator'], ['531601']);
  registrar = await tokenFor(['registrar'], ['5316']);
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
interface Reply {
  readonly [key: string]: unknown;
  readonly id: string;
  readonly nik: string;
  readonly version: number;
  readonly code: string;
  readonly errors: { readonly code: string; readonly field?: string; readonly residentIds?: string[] }[];
  readonly items: Reply[];
}

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, token: string | null = operator) {
  const res = await t.app.inject({ method, url, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() as Reply, type: String(res.headers['content-type']) };
}

/** Registers a resident of kecamatan 531601 (NIK issued from the birth date and sex) and returns it. */
async function register(birthDate = '1990-03-01', sex: 'M' | 'F' = 'F', maritalStatus = 'KAWIN_TERCATAT', extra: Body = {}): Promise<Reply> {
  n += 1;
  const res = await call(
    'POST',
    '/residents',
    {
      fullName: `Warga Koreksi ${n}`,
      birthPlace: 'Mbay',
      birthDate,
      sex,
      religion: 'KATOLIK',
      maritalStatus,
      motherName: `Ibu Koreksi ${n}`,
      districtCode: '531601',
      villageCode: '5316012002',
      address: 'RT 002 / RW 001, Labolewa',
      ...extra,
    },
    registrar,
  );
  expect(res.status).toBe(201);
  return res.body;
}

const patch = (id: string, body: Body, token: string | null = operator) => call('PATCH', `/residents/${id}`, body, token);
const read = async (id: string) => (await call('GET', `/residents/${id}`, undefined, registrar)).body;
const codes = (r: { body: Reply }) => r.body.errors.map((e) => e.code);
const events = (residentId: string) =>
  t.app
    .get(MikroORM)
    .em.fork()
    .find(OutboxEvent, { subject: SUBJECTS.identity.residentCorrected }, { orderBy: { id: 'asc' } })
    .then((rows) => rows.map((e) => e.payload as Body).filter((p) => p.residentId === residentId));
const audits = (residentId: string) => t.app.get(MikroORM).em.fork().find(AuditEntry, { resourceId: residentId, resourceType: 'resident' }, { orderBy: { id: 'asc' } });

describe('PATCH /residents/{id}: corrections', () => {
  it('corrects the fields given at the version read, and records an audit UPDATE and an event without names', async () => {
    const r = await register('1990-03-01', 'F', 'KAWIN_TERCATAT', { occupation: 'Petani', education: 5 });
    const res = await patch(r.id, { version: 1, fullName: '  Maria Goreti Wea Dhiu ', birthPlace: 'Boawae', religion: 'ISLAM', bloodType: 2, motherName: 'Yohana Bhoki', fatherName: 'Yosef Dhey', address: 'RT 003 / RW 001, Labolewa' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: r.id,
      nik: r.nik,
      fullName: 'Maria Goreti Wea Dhiu',
      birthPlace: 'Boawae',
      religion: 'ISLAM',
      bloodType: 2,
      occupation: 'Petani',
      education: 5,
      motherName: 'Yohana Bhoki',
      fatherName: 'Yosef Dhey',
      address: 'RT 003 / RW 001, Labolewa',
      maritalStatus: 'KAWIN_TERCATAT',
      villageCode: '5316012002',
      version: 2,
    });
    expect(await read(r.id)).toMatchObject({ fullName: 'Maria Goreti Wea Dhiu', version: 2 });
    // The search by name follows the corrected name.
    const found = await call('GET', '/residents?name=maria%20goreti%20wea%20dhiu&birthDate=1990-03-01');
    expect(found.body.items.map((i) => i.id)).toContain(r.id);

    const [event, ...more] = await events(r.id);
    expect(more).toEqual([]);
    expect(event).toEqual({
      residentId: r.id,
      fields: ['fullName', 'birthPlace', 'religion', 'bloodType', 'motherName', 'fatherName', 'address'],
      birthDate: '1990-03-01',
      sex: 'F',
      districtCode: '531601',
      villageCode: '5316012002',
    });
    expect(JSON.stringify(event)).not.toMatch(/Maria|Yohana|Labolewa|Boawae/);
    expect((await audits(r.id)).filter((a) => a.action === 'UPDATE')).toEqual([expect.objectContaining({ outcome: 'SUCCESS', regionCode: '531601', actorId: 'tester' })]);
  });

  it('clears an optional field with null, and refuses null for a field every resident has', async () => {
    const r = await register('1991-04-02', 'M', 'BELUM_KAWIN', { occupation: 'Nelayan', fatherName: 'Bapa Koreksi', education: 3 });
    const cleared = await patch(r.id, { version: 1, occupation: null, fatherName: null, education: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('occupation');
    expect(cleared.body).not.toHaveProperty('fatherName');
    expect(cleared.body).not.toHaveProperty('education');
    expect(await read(r.id)).not.toHaveProperty('occupation');
    const refused = await patch(r.id, { version: 2, fullName: null, motherName: '   ' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
  });

  it('accepts what the client read sent back unchanged: no new version, no event', async () => {
    const r = await register('1992-05-03', 'F', 'BELUM_KAWIN');
    const res = await patch(r.id, { version: 1, fullName: r.fullName, maritalStatus: 'BELUM_KAWIN', districtCode: '531601', villageCode: '5316012002', nik: r.nik });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(await events(r.id)).toEqual([]);
  });

  it('refuses a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
    const r = await register('1993-06-04', 'M', 'BELUM_KAWIN');
    expect((await patch(r.id, { version: 1, occupation: 'Guru' })).status).toBe(200);
    const stale = await patch(r.id, { version: 1, occupation: 'Petani' });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain('application/problem+json');
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(await read(r.id)).toMatchObject({ occupation: 'Guru', version: 2 });
  });
});

describe('PATCH /residents/{id}: birth date and sex against the NIK', () => {
  it('accepts a corrected century (the NIK holds two digits of the year)', async () => {
    const r = await register('1920-06-10', 'M', 'BELUM_KAWIN');
    const res = await patch(r.id, { version: 1, birthDate: '2020-06-10' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nik: r.nik, birthDate: '2020-06-10', version: 2 });
    expect(await events(r.id)).toEqual([expect.objectContaining({ fields: ['birthDate'], birthDate: '2020-06-10', sex: 'M' })]);
  });

  it('refuses a birth date or sex the NIK does not encode with 422 NIK_MISMATCH and the domain codes', async () => {
    const r = await register('1990-03-01', 'F', 'BELUM_KAWIN');
    const date = await patch(r.id, { version: 1, birthDate: '1990-03-02' });
    expect(date.status).toBe(422);
    expect(date.body.code).toBe('NIK_MISMATCH');
    expect(date.body.errors).toEqual([expect.objectContaining({ code: 'NIK_BIRTH_DATE_MISMATCH', field: 'birthDate' })]);
    const sex = await patch(r.id, { version: 1, sex: 'M' });
    expect(sex.body.code).toBe('NIK_MISMATCH');
    expect(sex.body.errors).toEqual([expect.objectContaining({ code: 'NIK_SEX_MISMATCH', field: 'sex' })]);
    const both = await patch(r.id, { version: 1, birthDate: '1991-03-01', sex: 'M', occupation: 'Guru' });
    expect(codes(both).sort()).toEqual(['NIK_BIRTH_DATE_MISMATCH', 'NIK_SEX_MISMATCH']);
    expect(await read(r.id)).toMatchObject({ birthDate: '1990-03-01', sex: 'F', version: 1 });
    expect(await read(r.id)).not.toHaveProperty('occupation');
  });

  it('refuses a birth date that is not a calendar date or is after today with 422 PARTICULARS_INVALID (the particulars rule)', async () => {
    const r = await register('1990-03-01', 'F', 'BELUM_KAWIN');
    const notADate = await patch(r.id, { version: 1, birthDate: '1990-02-30' });
    expect(notADate.status).toBe(422);
    expect(notADate.body).toMatchObject({ code: 'PARTICULARS_INVALID', errors: [{ code: 'BIRTH_DATE_INVALID', field: 'birthDate' }] });
    const future = await patch(r.id, { version: 1, birthDate: '2090-03-01' });
    expect(future.body).toMatchObject({ code: 'PARTICULARS_INVALID', errors: [{ code: 'BIRTH_AFTER_AS_OF', field: 'birthDate' }] });
  });
});

describe('PATCH /residents/{id}: what is not an edit', () => {
  it('refuses another marital status, NIK, kecamatan or village with 422 FIELD_NOT_EDITABLE, one item per field', async () => {
    const r = await register('1985-01-15', 'M', 'BELUM_KAWIN');
    const res = await patch(r.id, { version: 1, maritalStatus: 'KAWIN_TERCATAT', nik: '5316011501850002', districtCode: '531602', villageCode: '5316022005', occupation: 'Guru' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FIELD_NOT_EDITABLE');
    expect(res.body.errors.map((e) => [e.field, e.code])).toEqual([
      ['nik', 'NIK_NEVER_CHANGES'],
      ['maritalStatus', 'MARITAL_STATUS_CHANGES_BY_DEED'],
      ['districtCode', 'REGION_CHANGES_BY_MOVE'],
      ['villageCode', 'REGION_CHANGES_BY_MOVE'],
    ]);
    const village = await patch(r.id, { version: 1, villageCode: '5316011001' });
    expect(village.body.errors).toEqual([expect.objectContaining({ field: 'villageCode', code: 'REGION_CHANGES_BY_MOVE' })]);
    expect(await read(r.id)).toMatchObject({ maritalStatus: 'BELUM_KAWIN', villageCode: '5316012002', version: 1 });
    expect(await events(r.id)).toEqual([]);
  });

  it('refuses corrections of a deceased resident with 422 RESIDENT_NOT_ALIVE', async () => {
    const r = await register('1950-07-07', 'M', 'CERAI_MATI');
    const died = await call('POST', `/residents/${r.id}/death`, { version: 1, dateOfDeath: '2026-11-01' });
    expect(died.status).toBe(200);
    const res = await patch(r.id, { version: died.body.version, occupation: 'Petani' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RESIDENT_NOT_ALIVE');
  });
});

describe('PATCH /residents/{id}: the records a correction feeds', () => {
  it("refuses a birth date that would break the family card's rules, naming the residents", async () => {
    const head = await register('1985-05-05', 'M', 'KAWIN_TERCATAT');
    const wife = await register('1987-08-08', 'F', 'KAWIN_TERCATAT');
    const child = await register('2010-05-05', 'M', 'BELUM_KAWIN');
    const card = await call('POST', '/family-cards', {
      members: [
        { residentId: head.id, relationship: 1 },
        { residentId: wife.id, relationship: 3 },
        { residentId: child.id, relationship: 4, fatherResidentId: head.id, motherResidentId: wife.id },
      ],
    });
    expect(card.status).toBe(201);
    const childNow = await read(child.id);
    const res = await patch(child.id, { version: childNow.version, birthDate: '1910-05-05' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CORRECTION_CONFLICTS_WITH_RECORDS');
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.errors.every((e) => e.field === 'familyCard')).toBe(true);
    expect(codes(res)).toContain('CHILD_AGE_GAP');
    expect(res.body.errors.find((e) => e.code === 'CHILD_AGE_GAP')?.residentIds).toContain(child.id);
    expect(await read(child.id)).toMatchObject({ birthDate: '2010-05-05' });
    // The card still reads and changes normally.
    expect((await call('GET', `/family-cards/${card.body.id}`)).status).toBe(200);
    // A correction the card does not care about goes through.
    expect((await patch(child.id, { version: childNow.version, birthPlace: 'Danga' })).status).toBe(200);
  });

  it('refuses a birth date that would break the e-KTP history (biometrics recorded while wajib KTP)', async () => {
    // Wajib KTP at 106 (born 1920, never married); corrected to 2020, a child of 6 who was never wajib KTP.
    const r = await register('1920-09-09', 'F', 'BELUM_KAWIN');
    const recorded = await call('POST', `/residents/${r.id}/ektp/actions`, { type: 'RECORD_BIOMETRICS', version: 0, place: 'Kantor Dukcapil Mbay', channel: 'OFFICE' });
    expect(recorded.status).toBe(201);
    const version = (await read(r.id)).version;
    const res = await patch(r.id, { version, birthDate: '2020-09-09', maritalStatus: 'BELUM_KAWIN' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CORRECTION_CONFLICTS_WITH_RECORDS');
    expect(res.body.errors.map((e) => e.field)).toContain('ektp');
    expect((await call('GET', `/residents/${r.id}/ektp`)).status).toBe(200);
  });

  it('refuses a birth date that would break the KIA history (printed for a child)', async () => {
    const r = await register('2016-02-10', 'F', 'BELUM_KAWIN');
    const printed = await call('POST', `/residents/${r.id}/kia/actions`, { type: 'PRINT', version: 0, kiaType: 'FROM_5_TO_UNDER_17' });
    expect(printed.status).toBe(201);
    const res = await patch(r.id, { version: (await read(r.id)).version, birthDate: '1916-02-10' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CORRECTION_CONFLICTS_WITH_RECORDS');
    expect(res.body.errors.map((e) => e.field)).toContain('kia');
  });
});

describe('PATCH /residents/{id}: bad input, roles and region', () => {
  let id: string;
  beforeAll(async () => {
    id = (await register('1989-10-10', 'M', 'BELUM_KAWIN')).id;
  });

  it.each([
    ['no version', { occupation: 'Guru' }, 'VALIDATION_FAILED'],
    ['an unknown field', { version: 1, shoeSize: 42 }, 'VALIDATION_FAILED'],
    ['a read-only field of the view', { version: 1, status: 'DECEASED' }, 'VALIDATION_FAILED'],
    ['a bad date', { version: 1, birthDate: '10-10-1989' }, 'VALIDATION_FAILED'],
    ['an unknown religion', { version: 1, religion: 'PASTAFARIAN' }, 'VALIDATION_FAILED'],
    ['a bad sex', { version: 1, sex: 'X' }, 'VALIDATION_FAILED'],
    ['an education code out of range', { version: 1, education: 11 }, 'VALIDATION_FAILED'],
    ['nothing to change', { version: 1 }, 'NOTHING_TO_CHANGE'],
  ])('answers %s with 400 problem+json', async (_what, body, code) => {
    const res = await patch(id, body);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe(code);
  });

  it('answers an invalid id with 400 and an unknown one with 404', async () => {
    expect((await patch('123', { version: 1, occupation: 'Guru' })).body.code).toBe('INVALID_ID');
    const missing = await patch('0190b5b4-0000-7000-8000-000000000000', { version: 1, occupation: 'Guru' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('RESIDENT_NOT_FOUND');
  });

  it('is for operators and registrars of the region: 401 without a token, 403 for other roles, 403 OUTSIDE_REGION audited as DENIED', async () => {
    const anonymous = await patch(id, { version: 1, occupation: 'Guru' }, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    for (const role of ['analyst', 'integrator', 'partner'] as const) {
      const res = await patch(id, { version: 1, occupation: 'Guru' }, await tokenFor([role], ['5316']));
      expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'ROLE_NOT_ALLOWED' });
    }
    const elsewhere = await patch(id, { version: 1, occupation: 'Guru' }, await tokenFor(['operator'], ['531602']));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.code).toBe('OUTSIDE_REGION');
    expect((await audits(id)).filter((a) => a.outcome === 'DENIED')).toEqual([expect.objectContaining({ action: 'UPDATE', regionCode: '531601' })]);
    expect(await read(id)).toMatchObject({ version: 1 });
    expect(await read(id)).not.toHaveProperty('occupation');
  });
});
