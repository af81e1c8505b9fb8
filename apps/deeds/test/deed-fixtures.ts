/**
 * What the deeds tests share: the service booted as main.ts boots it (createTestApp), partners' API keys with
 * their region scopes, callers, small valid files of each accepted type, people with valid NIKs, and the steps of
 * an application (report, documents, submit, verify) done through the API, as a user would.
 */
import { createHash } from 'node:crypto';
import { localDate, type Role } from '@adminduk/platform';
import { createTestApp, tokenFor, type TestApp } from '@adminduk/platform/testing';
import { loadDeedsConfig } from '../src/deeds.config';
import { DEEDS_OPENAPI, DeedsModule } from '../src/deeds.module';

export interface PartnerKey {
  readonly id: string;
  readonly key: string;
  readonly regions: readonly string[];
  readonly roles?: readonly Role[];
}

/** A health post of Boawae, an RT head of Labolewa (village scope), the puskesmas of Mbay, the KUA of Aesesa. */
export const PARTNERS = {
  pustuBoawae: { id: 'pustu-boawae', key: 'pustu-boawae-key-0123456789abcdef', regions: ['531603'] },
  puskesmasBoawae: { id: 'puskesmas-boawae', key: 'puskesmas-boawae-key-0123456789ab', regions: ['531603'] },
  rtLabolewa: { id: 'rt-002-labolewa', key: 'rt-002-labolewa-key-0123456789abc', regions: ['5316012002'] },
  puskesmasMbay: { id: 'puskesmas-mbay', key: 'puskesmas-mbay-key-0123456789abcd', regions: ['531601'] },
  kuaAesesa: { id: 'kua-aesesa', key: 'kua-aesesa-key-0123456789abcdefgh', regions: ['531601'] },
} as const satisfies Record<string, PartnerKey>;

export function apiKeys(extra: readonly PartnerKey[] = []): string {
  return JSON.stringify(
    [...(Object.values(PARTNERS) as PartnerKey[]), ...extra].map((k) => ({ id: k.id, sha256: createHash('sha256').update(k.key).digest('hex'), roles: k.roles ?? ['partner'], regions: k.regions })),
  );
}

/** Boots the deeds service: SQLite in memory and NATS off unless `env` says otherwise. */
export function bootDeeds(env: Record<string, string> = {}, deedsEnv: Record<string, string> = {}, extraKeys: readonly PartnerKey[] = []): Promise<TestApp> {
  return createTestApp('deeds', (c) => DeedsModule.forRoot(c, loadDeedsConfig(c, deedsEnv)), DEEDS_OPENAPI, {
    API_KEYS: apiKeys(extraKeys),
    ...(process.env.TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_LOG_LEVEL } : {}),
    ...env,
  });
}

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly raw: Buffer;
}

/** A caller of the API: a bearer token or an API key. */
export class Caller {
  constructor(
    private readonly t: TestApp,
    readonly headers: Record<string, string>,
  ) {}

  static async user(t: TestApp, roles: readonly Role[], regions: readonly string[] = ['5316'], subject = `${roles.join('-')}-user`): Promise<Caller> {
    return new Caller(t, { authorization: `Bearer ${await tokenFor(roles, regions, subject)}` });
  }

  static partner(t: TestApp, partner: PartnerKey): Caller {
    return new Caller(t, { 'x-api-key': partner.key });
  }

  async call(method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await this.t.app.inject({
      method,
      url,
      headers: { ...this.headers, ...headers },
      ...(payload === undefined ? {} : { payload: payload as string | Buffer | object }),
    });
    const contentType = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, contentType, headers: res.headers, body: contentType.includes('json') ? res.json() : res.body, raw: res.rawPayload };
  }

  get(url: string): Promise<Reply> {
    return this.call('GET', url);
  }

  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<Reply> {
    return this.call('POST', url, payload ?? {}, headers);
  }

  /** POST, and fail the test unless the answer has the status expected. */
  async ok(url: string, payload: unknown, status = 200): Promise<Reply> {
    const reply = await this.post(url, payload);
    if (reply.status !== status) throw new Error(`POST ${url} answered ${reply.status}, not ${status}: ${JSON.stringify(reply.body)}`);
    return reply;
  }

  async upload(deedId: string, kind: string, bytes: Buffer = PDF, contentType = 'application/pdf'): Promise<Reply> {
    return this.call('POST', `/deeds/${deedId}/documents?kind=${kind}`, bytes, { 'content-type': contentType });
  }
}

/** The smallest files the service accepts as PDF, JPEG and PNG (it checks their first bytes). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** The office's date (+08:00) `days` ago, YYYY-MM-DD. */
export function daysAgo(days: number): string {
  return localDate('+08:00', new Date(Date.now() - days * 86_400_000));
}

let serial = 100;
/** A valid NIK of someone born on `birthDate` in kecamatan `district`, with a fresh serial. */
export function nik(birthDate: string, sex: 'M' | 'F', district = '531601'): string {
  const day = Number(birthDate.slice(8, 10)) + (sex === 'F' ? 40 : 0);
  serial += 1;
  return `${district}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${String(serial).padStart(4, '0')}`;
}

export const KK_LABOLEWA = '5316010501200001';

/** A family of Labolewa (kecamatan Aesesa, 531601): the parents of the births. */
export function family(district = '531601') {
  return {
    mother: { nik: nik('1990-03-01', 'F', district), fullName: 'Maria Goreti Wea', sex: 'F' as const, birthDate: '1990-03-01' },
    father: { nik: nik('1988-07-12', 'M', district), fullName: 'Yosef Dhey Nuwa', sex: 'M' as const, birthDate: '1988-07-12' },
  };
}

/** A health post's report of a birth `daysAgoBorn` days ago. */
export function birthReport(parents = family('531603'), options: { daysAgoBorn?: number; childOrder?: number; districtCode?: string; villageCode?: string } = {}) {
  return {
    deedType: 'BIRTH',
    partnerKind: 'HEALTH_POST',
    eventDate: daysAgo(options.daysAgoBorn ?? 2),
    districtCode: options.districtCode ?? '531603',
    villageCode: options.villageCode ?? '5316031001',
    particulars: {
      child: { sex: 'F', ...(options.childOrder ? { childOrder: options.childOrder } : {}) },
      mother: parents.mother,
      father: parents.father,
      place: 'Pustu Natanage',
    },
  };
}

/** An RT head's report of a death in Labolewa `daysAgoDied` days ago. */
export function deathReport(deceasedNik = nik('1950-05-05', 'M'), daysAgoDied = 1) {
  return {
    deedType: 'DEATH',
    partnerKind: 'RT_HEAD',
    eventDate: daysAgo(daysAgoDied),
    districtCode: '531601',
    villageCode: '5316012002',
    particulars: { deceased: { nik: deceasedNik, fullName: 'Kornelis Sawu', sex: 'M' }, place: 'Rumah, Labolewa' },
  };
}

export const DEATH_DOCUMENTS = ['DEATH_LETTER_VILLAGE', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'];
export const BIRTH_DOCUMENTS = ['BIRTH_LETTER_HEALTH', 'KK', 'KTP_PARENTS', 'MARRIAGE_BOOK'];

/** Uploads each document, then submits and verifies: the record is VERIFIED. */
export async function completeAndVerify(operator: Caller, deedId: string, documents: readonly string[], submit: Record<string, unknown> = {}): Promise<Reply> {
  for (const kind of documents) {
    const res = await operator.upload(deedId, kind);
    if (res.status !== 201) throw new Error(`upload of ${kind} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const current = await operator.get(`/deeds/${deedId}`);
  const submitted = await operator.ok(`/deeds/${deedId}/submit`, { version: current.body.version, ...submit });
  return operator.ok(`/deeds/${deedId}/verify`, { version: submitted.body.version });
}

/** A death reported by an RT head, completed and verified by an operator: ready for the registrar. */
export async function verifiedDeath(t: TestApp, operator: Caller, deceasedNik?: string): Promise<Reply> {
  const rt = Caller.partner(t, PARTNERS.rtLabolewa);
  const report = await rt.ok('/notifications', deathReport(deceasedNik), 201);
  return completeAndVerify(operator, report.body.deedId, DEATH_DOCUMENTS);
}
