/**
 * The first start's seed for the Ministry's scorecard (issue 18): without it, IKD, the burial register and the use
 * of the data-access agreements would read 0 on a fresh demo. Everything goes through the services' REST APIs, as
 * the office, the partners and the integrators would send it (never a side door into a database):
 *
 * - IKD: a share of the residents with a recorded e-KTP activate their digital ID at the office (IKD_SEED), a few
 *   deactivate it (a lost or changed phone) and some of those activate it again. The residents are read village by
 *   village (GET /villages/{code}/documents: ids and e-KTP states) and picked by a digest of the seed and the
 *   resident's id, so a rerun picks the same ones; each action carries an Idempotency-Key. One request per action
 *   (about 17,000 at full scale): the launcher runs it after the banner, and resumes it on the next start if stopped.
 * - Deaths and burials: elderly residents of the register die in the last weeks; most deaths are reported by the
 *   demo health post and registered by the office (documents, submit, verify, register), then buried and reported
 *   by the burial registers' keys (the parish of Mbay in Kecamatan Aesesa, else the regency's public cemeteries):
 *   by NIK, and a few by particulars only. Some burials are of the backlog's reported-but-unregistered deaths
 *   (a death case), some of deaths nobody reported (they open a case). About 70% matched: BURIAL_REGISTER is a real
 *   percentage, under the 75% target as a real office would be.
 * - Agreement use: the demo integrator (Dinas Sosial) verifies a few NIKs, so DATA_ACCESS counts its agreement.
 *
 * A rerun after an interruption writes nothing twice: deaths are joined by their case key (the NIK), burials by the
 * register entry number (the same burial: 200; on a later day, with other dates: 409, counted as done), IKD actions by their Idempotency-Key, and a death already registered is left as it is.
 * The planning is pure (tested in seed-scorecard.spec.ts); seedBurials and seedIkd do the requests.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { IKD_EKTP_RECORDED_STATUSES, listDistricts } from '@adminduk/domain';
import { findVillage, listVillages } from '@adminduk/domain/villages';
import { BURIAL_PARTNER_KEYS, mintDevToken, type DevApiKey } from './secrets';

/** The IKD the seed records: 17% of the recorded e-KTPs activated, 5% of those deactivated, half of those again. */
export const IKD_SEED = { share: 0.17, deactivatedShare: 0.05, reactivatedShare: 0.5 } as const;

/** Burials: one per 2,500 residents (about Nagekeo's deaths of a fortnight), at least 12, at most 60. */
export function burialCount(residents: number): number {
  return Math.min(60, Math.max(12, Math.round(residents / 2_500)));
}

/** A number in [0, 1) from the seed and the parts: the same on every run, independent of the order of reading. */
export function unit(seed: number, ...parts: readonly string[]): number {
  const digest = createHash('sha256').update([String(seed), ...parts].join('|'), 'utf8').digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The office day (WITA, UTC+8) of `now`, shifted by `days`, YYYY-MM-DD. */
export function officeDay(now: Date, days = 0): string {
  return new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const shift = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// ---- IKD -----------------------------------------------------------------------------------------------------

export type IkdStep = 'ACTIVATE' | 'DEACTIVATE' | 'REACTIVATE';

/** What GET /villages/{code}/documents says of one resident (the part the plan needs). */
export interface ResidentDocuments {
  readonly residentId: string;
  readonly ektpStatus: string | null;
}

/**
 * The IKD actions of each picked resident, in order: a resident with a recorded e-KTP is picked with probability
 * IKD_SEED.share (by the digest of the seed and its id); of those, a few deactivate it, half of these activate it
 * again. Residents without a recorded e-KTP cannot activate it and are never picked.
 */
export function planIkd(residents: readonly ResidentDocuments[], seed: number): { residentId: string; steps: IkdStep[] }[] {
  const recorded = new Set<string>(IKD_EKTP_RECORDED_STATUSES);
  const plan: { residentId: string; steps: IkdStep[] }[] = [];
  for (const r of residents) {
    if (!r.ektpStatus || !recorded.has(r.ektpStatus)) continue;
    if (unit(seed, 'ikd', r.residentId) >= IKD_SEED.share) continue;
    const steps: IkdStep[] = ['ACTIVATE'];
    if (unit(seed, 'ikd-off', r.residentId) < IKD_SEED.deactivatedShare) {
      steps.push('DEACTIVATE');
      if (unit(seed, 'ikd-again', r.residentId) < IKD_SEED.reactivatedShare) steps.push('REACTIVATE');
    }
    plan.push({ residentId: r.residentId, steps });
  }
  return plan;
}

/** The reason of a seeded deactivation: mostly a lost or a changed phone. */
export function deactivationReason(seed: number, residentId: string): 'PHONE_LOST' | 'PHONE_CHANGED' | 'RESIDENT_REQUEST' {
  const u = unit(seed, 'ikd-reason', residentId);
  return u < 0.5 ? 'PHONE_LOST' : u < 0.85 ? 'PHONE_CHANGED' : 'RESIDENT_REQUEST';
}

// ---- the register and the backlog ----------------------------------------------------------------------------

/** One resident of the register file, as the burials need it. */
export interface RegisterPerson {
  readonly nik: string;
  readonly kkNumber: string;
  readonly fullName: string;
  readonly sex: 'M' | 'F';
  readonly birthDate: string;
  readonly religion: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
}

/** The fields of one CSV line (RFC 4180: quoted fields, doubled quotes; the generator writes no line breaks in fields). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      fields.push(comma < 0 ? line.slice(i) : line.slice(i, comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length || line[i] !== ',') return fields;
    i++;
  }
}

/** Age in complete years on `day`. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Reads the register file: its residents aged `minAge` or more on `asOf`. */
export async function readRegister(file: string, asOf: string, minAge = 60): Promise<{ elderly: RegisterPerson[] }> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let columns: string[] | undefined;
  const elderly: RegisterPerson[] = [];
  const at: Record<string, number> = {};
  for await (const line of rl) {
    if (line === '') continue;
    const fields = parseCsvLine(line);
    if (!columns) {
      columns = fields;
      columns.forEach((c, i) => (at[c] = i));
      continue;
    }
    const get = (name: string): string => fields[at[name] ?? -1] ?? '';
    const birthDate = get('birth_date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || ageOn(birthDate, asOf) < minAge) continue;
    const sex = get('sex');
    if (sex !== 'M' && sex !== 'F') continue;
    elderly.push({
      nik: get('nik'),
      kkNumber: get('kk_number'),
      fullName: get('full_name'),
      sex,
      birthDate,
      religion: get('religion'),
      districtCode: get('district_code'),
      villageCode: get('village_code'),
      address: get('address'),
    });
  }
  return { elderly };
}

/** A death of the open backlog (reported by a partner, not registered): a burial of it lands on its case. */
export interface BacklogDeath {
  readonly nik: string;
  readonly fullName: string;
  readonly sex: 'M' | 'F';
  readonly dateOfDeath: string;
  readonly villageCode: string;
  readonly religion?: string;
}

/** The deaths of the backlog's NDJSON lines (tools/synth/backlog.ts). */
export function backlogDeaths(lines: readonly string[]): BacklogDeath[] {
  const deaths: BacklogDeath[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const item = JSON.parse(line) as { body?: { deedType?: string; eventDate?: string; villageCode?: string; particulars?: { deceased?: { nik?: string; fullName?: string; sex?: 'M' | 'F' } } } };
    const d = item.body?.particulars?.deceased;
    if (item.body?.deedType !== 'DEATH' || !d?.nik || !d.fullName || !d.sex || !item.body.eventDate || !item.body.villageCode) continue;
    deaths.push({ nik: d.nik, fullName: d.fullName, sex: d.sex, dateOfDeath: item.body.eventDate, villageCode: item.body.villageCode });
  }
  return deaths;
}

// ---- deaths and burials --------------------------------------------------------------------------------------

export type BurialExpectation = 'REGISTERED_DEATH' | 'DEATH_CASE' | 'NEW_CASE';

/** The body of POST /burials (apps/deeds/src/burials/burial.dto.ts). */
export interface BurialBody {
  readonly reporterKind: 'CEMETERY' | 'PARISH';
  readonly registerEntryNumber: string;
  readonly fullName: string;
  readonly sex: 'M' | 'F';
  readonly nik?: string;
  readonly dateOfDeath?: string;
  readonly burialDate: string;
  readonly cemeteryName: string;
  readonly villageCode: string;
}

export interface PlannedBurial {
  /** Which key reports it: the parish of Mbay or the public cemeteries. */
  readonly partner: keyof typeof BURIAL_PARTNER_KEYS;
  /** What the office should answer: the death registered, a death case open, or a new case. */
  readonly expect: BurialExpectation;
  readonly by: 'NIK' | 'PARTICULARS' | 'NONE';
  readonly body: BurialBody;
}

/** A death the seed reports (the demo health post) and the office registers before the burial is reported. */
export interface PlannedDeath {
  readonly person: RegisterPerson;
  readonly dateOfDeath: string;
}

/** 'YOHANES BOSCO MEO' → 'Yohanes Bosco Meo': a burial register writes names as people do. */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * The seed's deaths and burials (see the module comment). `elderly` are the register's residents the deaths are
 * drawn from, in any order (they are ordered by the digest of the seed and the NIK); the backlog's deceased are
 * left out of them. With n = burialCount(residents): 70% of the burials are of deaths the seed registers (15% of
 * these reported by the particulars only: no NIK), up to 10% of the backlog's deaths (a death case), the rest of
 * deaths nobody reported (a new case; a quarter without NIK). Fewer residents than that: fewer burials.
 */
export function planBurials(input: {
  readonly elderly: readonly RegisterPerson[];
  readonly backlog: readonly BacklogDeath[];
  readonly residents: number;
  readonly asOf: string;
  readonly seed: number;
}): { deaths: PlannedDeath[]; burials: PlannedBurial[] } {
  const { asOf, seed } = input;
  const n = burialCount(input.residents);
  const reported = new Set(input.backlog.map((d) => d.nik));
  const pool = input.elderly
    .filter((p) => !reported.has(p.nik))
    .map((p) => ({ p, u: unit(seed, 'burial', p.nik) }))
    .sort((a, b) => a.u - b.u)
    .map((x) => x.p);
  const registeredCount = Math.min(Math.round(n * 0.7), pool.length);
  const byParticulars = Math.max(1, Math.round(registeredCount * 0.15));
  const caseCount = Math.min(input.backlog.length, Math.round(n * 0.1));
  const newCount = Math.min(n - registeredCount - caseCount, pool.length - registeredCount);
  const noNik = Math.max(1, Math.round(newCount / 4));

  const numbers = { parish: 0, cemetery: 0 };
  const year = asOf.slice(0, 4);
  const burial = (who: { fullName: string; sex: 'M' | 'F'; villageCode: string; religion?: string }, fields: { nik?: string; dateOfDeath?: string; burialDate: string }, expect: BurialExpectation, by: PlannedBurial['by']): PlannedBurial => {
    // The parish of Mbay buries its Catholics of Kecamatan Aesesa; every other burial is in a public cemetery.
    const partner = who.villageCode.startsWith('531601') && who.religion === 'KATOLIK' ? 'parish' : 'cemetery';
    const village = findVillage(who.villageCode)?.name ?? who.villageCode;
    const number = ++numbers[partner];
    return {
      partner,
      expect,
      by,
      body: {
        reporterKind: partner === 'parish' ? 'PARISH' : 'CEMETERY',
        registerEntryNumber: `SEED-${String(number).padStart(3, '0')}/${year}`,
        fullName: titleCase(who.fullName),
        sex: who.sex,
        ...(fields.nik ? { nik: fields.nik } : {}),
        ...(fields.dateOfDeath ? { dateOfDeath: fields.dateOfDeath } : {}),
        burialDate: fields.burialDate,
        cemeteryName: partner === 'parish' ? `Pemakaman Katolik Paroki Mbay (${village})` : `Pemakaman Umum ${village}`,
        villageCode: who.villageCode,
      },
    };
  };
  // Buried one to three days after the death, never after today.
  const buriedAfter = (death: string, key: string): string => {
    const day = shift(death, 1 + Math.floor(unit(seed, 'buried', key) * 3));
    return day > asOf ? asOf : day;
  };

  const deaths: PlannedDeath[] = [];
  const burials: PlannedBurial[] = [];
  pool.slice(0, registeredCount).forEach((person, i) => {
    // Died 4 to 45 days ago (and not before birth): time for the family to register the death.
    const dateOfDeath = shift(asOf, -(4 + Math.floor(unit(seed, 'died', person.nik) * 42)));
    deaths.push({ person, dateOfDeath });
    const particularsOnly = i < byParticulars;
    burials.push(burial(person, { ...(particularsOnly ? {} : { nik: person.nik }), dateOfDeath, burialDate: buriedAfter(dateOfDeath, person.nik) }, 'REGISTERED_DEATH', particularsOnly ? 'PARTICULARS' : 'NIK'));
  });
  for (const d of [...input.backlog].sort((a, b) => unit(seed, 'case', a.nik) - unit(seed, 'case', b.nik)).slice(0, caseCount)) {
    burials.push(burial(d, { nik: d.nik, dateOfDeath: d.dateOfDeath, burialDate: buriedAfter(d.dateOfDeath, d.nik) }, 'DEATH_CASE', 'NIK'));
  }
  pool.slice(registeredCount, registeredCount + Math.max(0, newCount)).forEach((person, i) => {
    const dateOfDeath = shift(asOf, -(2 + Math.floor(unit(seed, 'died', person.nik) * 20)));
    const withNik = i >= noNik;
    burials.push(burial(person, { ...(withNik ? { nik: person.nik, dateOfDeath } : {}), burialDate: buriedAfter(dateOfDeath, person.nik) }, 'NEW_CASE', 'NONE'));
  });
  return { deaths, burials };
}

// ---- the requests --------------------------------------------------------------------------------------------

export interface ScorecardSeedContext {
  /** Base URLs of the services (absent: that part is skipped). */
  readonly identity?: string;
  readonly deeds?: string;
  readonly jwtSecret: string;
  readonly apiKeys: readonly DevApiKey[];
  readonly seed: number;
  readonly now?: Date;
  readonly warn: (line: string) => void;
  readonly stopping: () => boolean;
}

/** What the deaths, burials and the integrator's requests did (kept in the seed marker). */
export interface BurialSeedSummary {
  deathsRegistered: number;
  /** `earlier`: the entry number was recorded by a seed of an earlier day (409 BURIAL_ENTRY_NUMBER_REUSED): done. */
  burials: Record<BurialExpectation, number> & { byParticulars: number; earlier: number; refused: number };
  integratorRequests: number;
  seconds: number;
}

export interface IkdSeedSummary {
  residents: number;
  eligible: number;
  activated: number;
  deactivated: number;
  reactivated: number;
  refused: number;
  seconds: number;
}

/** The documents of a death's checklist (DEATH_PROOF, FAMILY_CARD, DECEASED_KTP, REPORTER_KTP, two WITNESSES_KTP). */
export const DEATH_DOCUMENTS = ['DEATH_LETTER_VILLAGE', 'KK', 'KTP_DECEASED', 'KTP_REPORTER', 'KTP_WITNESS', 'KTP_WITNESS'] as const;

/** A stand-in scan: the smallest PDF the deeds service accepts. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

interface Reply {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
  const raw = Buffer.isBuffer(body);
  const payload = body === undefined ? undefined : raw ? body : JSON.stringify(body);
  const res = await fetch(url, { method, headers: { ...(payload !== undefined && !raw ? { 'content-type': 'application/json' } : {}), ...headers }, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: kept as text for the message
  }
  return { status: res.status, body: parsed };
}

/** Runs `fn` over the items, `width` at a time. */
async function inPool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length && !stop()) await fn(items[next++] as T);
    }),
  );
}

const brief = (r: Reply): string => `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;

function callers(ctx: ScorecardSeedContext) {
  const bearer = (sub: string, role: string) => ({ authorization: `Bearer ${mintDevToken(ctx.jwtSecret, { sub, roles: [role], regions: ['*'], hours: 1 })}` });
  const keyOf = (id: string): Record<string, string> | undefined => {
    const k = ctx.apiKeys.find((x) => x.id === id);
    return k ? { 'x-api-key': k.key } : undefined;
  };
  return { operator: bearer('npm-start-seed-operator', 'operator'), registrar: bearer('npm-start-seed', 'registrar'), keyOf };
}

/**
 * Deaths registered and burials reported (planBurials), then the demo integrator's requests. A few dozen deaths at
 * most (ten requests each): seconds, so it runs before the banner.
 */
export async function seedBurials(ctx: ScorecardSeedContext & { readonly registerFile: string; readonly backlogFile?: string; readonly residents: number }): Promise<BurialSeedSummary> {
  const started = Date.now();
  const asOf = officeDay(ctx.now ?? new Date());
  const summary: BurialSeedSummary = { deathsRegistered: 0, burials: { REGISTERED_DEATH: 0, DEATH_CASE: 0, NEW_CASE: 0, byParticulars: 0, earlier: 0, refused: 0 }, integratorRequests: 0, seconds: 0 };
  const { operator, registrar, keyOf } = callers(ctx);
  const { elderly } = await readRegister(ctx.registerFile, asOf);

  const deeds = ctx.deeds;
  if (deeds) {
    const backlog = ctx.backlogFile ? backlogDeaths(readFileSync(ctx.backlogFile, 'utf8').split('\n')) : [];
    const plan = planBurials({ elderly, backlog, residents: ctx.residents, asOf, seed: ctx.seed });
    const healthPost = keyOf('partner-demo');
    // Three deaths at a time: each is ten requests, most of them reads and small writes.
    if (healthPost) {
      await inPool(
        plan.deaths,
        3,
        async (death) => {
          if (await registerDeath(deeds, death, healthPost, operator, registrar, ctx.warn)) summary.deathsRegistered++;
        },
        ctx.stopping,
      );
    }
    for (const b of plan.burials) {
      const key = keyOf(BURIAL_PARTNER_KEYS[b.partner]);
      if (ctx.stopping() || !key) break;
      const r = await call('POST', `${deeds}/burials`, key, b.body);
      if (r.status === 200 || r.status === 201) {
        summary.burials[r.body.match as BurialExpectation]++;
        if (r.body.matchedBy === 'PARTICULARS') summary.burials.byParticulars++;
      } else if (r.status === 409 && r.body?.code === 'BURIAL_ENTRY_NUMBER_REUSED') {
        // A seed resumed on a later day plans other days for the same entries, which are already recorded.
        summary.burials.earlier++;
      } else {
        summary.burials.refused++;
        if (summary.burials.refused <= 3) ctx.warn(`seed: a burial was refused: ${brief(r)}`);
      }
    }
  }

  // The demo integrator (Dinas Sosial) checks a few beneficiaries' NIKs and their IKD: its agreement is used.
  const integrator = keyOf('integrator-demo');
  if (ctx.identity && integrator) {
    for (const person of elderly.slice(-5)) {
      if (ctx.stopping()) break;
      const found = await call('GET', `${ctx.identity}/residents?nik=${person.nik}`, integrator);
      if (found.status === 200) summary.integratorRequests++;
      const id = (found.body?.items as { id: string }[] | undefined)?.[0]?.id;
      if (id && (await call('GET', `${ctx.identity}/residents/${id}/ikd`, integrator)).status === 200) summary.integratorRequests++;
    }
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/**
 * A death reported by the demo health post and registered by the office: the report (the same death reported again
 * joins its case), the checklist's documents, submit, verify, register — each step only if the case is not past it.
 */
async function registerDeath(
  deeds: string,
  death: PlannedDeath,
  healthPost: Record<string, string>,
  operator: Record<string, string>,
  registrar: Record<string, string>,
  warn: (line: string) => void,
): Promise<boolean> {
  const p = death.person;
  const report = await call('POST', `${deeds}/notifications`, healthPost, {
    deedType: 'DEATH',
    partnerKind: 'HEALTH_POST',
    eventDate: death.dateOfDeath,
    districtCode: p.districtCode,
    villageCode: p.villageCode,
    particulars: { deceased: { nik: p.nik, fullName: p.fullName, sex: p.sex, birthDate: p.birthDate }, place: 'RUMAH', kkNumber: p.kkNumber, address: p.address },
  });
  if (report.status !== 200 && report.status !== 201) {
    warn(`seed: a death report was refused: ${brief(report)}`);
    return false;
  }
  const id = report.body.deedId as string;
  let deed = await call('GET', `${deeds}/deeds/${id}`, operator);
  if (deed.body?.status === null || deed.body?.status === 'NOTIFIED') {
    const have = (deed.body.documents as { kind: string }[]).map((d) => d.kind);
    for (const [i, kind] of DEATH_DOCUMENTS.entries()) {
      const already = have.indexOf(kind);
      if (already >= 0) {
        have.splice(already, 1);
        continue;
      }
      const up = await call('POST', `${deeds}/deeds/${id}/documents?kind=${kind}`, { ...operator, 'content-type': 'application/pdf', 'idempotency-key': `seed-death-${id}-${i}` }, PDF);
      if (up.status !== 201) {
        warn(`seed: a death document was refused: ${brief(up)}`);
        return false;
      }
    }
    deed = await call('GET', `${deeds}/deeds/${id}`, operator);
    deed = await call('POST', `${deeds}/deeds/${id}/submit`, operator, { version: deed.body.version });
  }
  if (deed.body?.status === 'SUBMITTED') deed = await call('POST', `${deeds}/deeds/${id}/verify`, operator, { version: deed.body.version });
  if (deed.body?.status === 'VERIFIED') deed = await call('POST', `${deeds}/deeds/${id}/register`, registrar, { version: deed.body.version });
  if (deed.body?.status === 'REGISTERED' || deed.body?.status === 'ISSUED') return true;
  warn(`seed: a death could not be registered: ${brief(deed)}`);
  return false;
}

/**
 * IKD actions (planIkd), village by village over the regency's current villages (the domain's list: no file
 * needed, so an interrupted run resumes on a later start). One action per request, written one at a time by
 * identity: about 17,000 at full scale, minutes — the launcher runs this after the banner. `onVillage` reports
 * progress after each village.
 */
export async function seedIkd(ctx: ScorecardSeedContext & { readonly regencyCode?: string }, onVillage?: (done: number, villages: number, summary: IkdSeedSummary) => void): Promise<IkdSeedSummary> {
  const started = Date.now();
  const summary: IkdSeedSummary = { residents: 0, eligible: 0, activated: 0, deactivated: 0, reactivated: 0, refused: 0, seconds: 0 };
  if (!ctx.identity) return summary;
  const { operator, registrar } = callers(ctx);
  const recorded = new Set<string>(IKD_EKTP_RECORDED_STATUSES);
  const villages = listDistricts(ctx.regencyCode ?? '5316').flatMap((d) => listVillages(d.code).map((v) => v.code));
  for (const [index, village] of villages.entries()) {
    if (ctx.stopping()) break;
    const residents: ResidentDocuments[] = [];
    for (let after: string | null = null; ; ) {
      const r = await call('GET', `${ctx.identity}/villages/${village}/documents?limit=500${after ? `&after=${after}` : ''}`, registrar);
      if (r.status !== 200) {
        ctx.warn(`seed: could not read the documents of village ${village}: ${brief(r)}`);
        break;
      }
      for (const item of r.body.items as { residentId: string; ektp: { status: string } | null }[]) residents.push({ residentId: item.residentId, ektpStatus: item.ektp?.status ?? null });
      after = r.body.next as string | null;
      if (!after) break;
    }
    summary.residents += residents.length;
    summary.eligible += residents.filter((r) => r.ektpStatus !== null && recorded.has(r.ektpStatus)).length;
    // Identity writes one action at a time (SQLite); two in flight keep it busy while the next request is read.
    await inPool(
      planIkd(residents, ctx.seed),
      2,
      async ({ residentId, steps }) => {
        for (const [version, type] of steps.entries()) {
          const body = { type, version, ...(type === 'DEACTIVATE' ? { reason: deactivationReason(ctx.seed, residentId) } : {}) };
          const r = await call('POST', `${ctx.identity}/residents/${residentId}/ikd/actions`, { ...operator, 'idempotency-key': `seed-ikd-${residentId}-${version}` }, body);
          if (r.status !== 201) {
            // 422: a resident whose death the office registered meanwhile: no IKD any more.
            summary.refused++;
            if (r.status !== 422 && summary.refused <= 3) ctx.warn(`seed: an IKD action was refused: ${brief(r)}`);
            return;
          }
          summary[type === 'ACTIVATE' ? 'activated' : type === 'DEACTIVATE' ? 'deactivated' : 'reactivated']++;
        }
      },
      ctx.stopping,
    );
    onVillage?.(index + 1, villages.length, summary);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
