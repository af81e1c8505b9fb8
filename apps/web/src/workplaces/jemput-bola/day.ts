/**
 * The village's day on the tablet: who in the chosen village is due for e-KTP recording, which children can get a
 * KIA printed or lack a birth deed, with only what the day's work needs (name, NIK, birth date, the e-KTP and KIA
 * status and version; for a birth deed application, the child's sex and place of birth and the parents' names as the
 * register has them), and the visit of
 * the published plan when there is one today. Kept in IndexedDB (`adminduk-jemput-bola`), replaced by the next
 * download, deleted by the device wipe with every `adminduk-…` database.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { PARTICULAR_RULES } from '@adminduk/domain';
import type { Api } from '../../api/clients';
import { problemCode } from '../../api/clients';
import { plannedVisits } from '../../api/outreach-visits';
import { OFFICE_TIME_ZONE } from '../../i18n/format';

export const DAY_DB = 'adminduk-jemput-bola';

export interface DueResident {
  readonly id: string;
  readonly nik: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly ektpStatus: string;
  readonly ektpVersion: number;
  /** Due for e-KTP recording (wajib KTP, not recorded, RECORD_BIOMETRICS allowed). */
  readonly ektpDue: boolean;
  /** A KIA the team can print for the child today. */
  readonly kia?: DueKia;
  /** No birth deed is known: the team can take the application. */
  readonly birthDeed?: DueBirthDeed;
  /** The problem codes of a note the service refused and the person dismissed (shown beside the name). */
  readonly refusedWith?: readonly string[];
}

export interface DayVisit {
  readonly id: string;
  readonly planId: string;
  readonly date: string;
  readonly teamName: string;
}

/**
 * A partner's report of the village waiting for its documents (a birth or death reported by the Pustu, the parish, the
 * RT; status NOTIFIED): the team photographs the documents in the village and submits it. Only what the form needs:
 * who (the child, its mother, or the deceased), the documents already there, the particulars deeds still needs at
 * SUBMIT (PARTICULAR_RULES of the domain) with what the report gave for them.
 */
export interface WaitingReport {
  readonly deedId: string;
  readonly deedType: 'BIRTH' | 'STILLBIRTH' | 'DEATH' | 'MARRIAGE' | 'DIVORCE' | 'RECOGNITION' | 'LEGITIMATION' | 'ADOPTION';
  readonly eventDate: string;
  /** The child's name (empty when the report gave none: the screen names its mother), or the deceased's. */
  readonly who: string;
  readonly motherName?: string;
  readonly parentsMarried: boolean;
  /** The kinds of the documents already on the case. */
  readonly provided: readonly string[];
  /**
   * The report's particulars of the groups deeds needs at SUBMIT (PARTICULAR_RULES[type].toSubmit), whole: a group
   * completed in the village is sent whole, as SUBMIT replaces each group given.
   */
  readonly particulars: Readonly<Record<string, unknown>>;
  /** Who reported it (the partner kinds of its reports). */
  readonly reportedBy: readonly string[];
}

export interface VillageDay {
  readonly villageCode: string;
  readonly villageName: string;
  readonly districtName: string;
  readonly districtCode: string;
  readonly visit?: DayVisit;
  /** ms since the epoch */
  readonly downloadedAt: number;
  readonly residents: readonly DueResident[];
  /** Partners' reports of the village waiting for their documents. */
  readonly reports: readonly WaitingReport[];
}

export interface TodayVisit extends DayVisit {
  readonly villageCode: string;
  readonly villageName: string;
  readonly districtName: string;
}

interface DaySchema extends DBSchema {
  day: { key: 'current'; value: VillageDay };
}

export class DayStore {
  private db: Promise<IDBPDatabase<DaySchema>> | undefined;

  private open(): Promise<IDBPDatabase<DaySchema>> {
    this.db ??= openDB<DaySchema>(DAY_DB, 1, {
      upgrade(db) {
        db.createObjectStore('day');
      },
      blocking: () => void this.close(),
      terminated: () => {
        this.db = undefined;
      },
    });
    return this.db;
  }

  private async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db) (await db).close();
  }

  async read(): Promise<VillageDay | undefined> {
    const day = await (await this.open()).get('day', 'current');
    if (!day) return undefined;
    // A day downloaded by an earlier build held e-KTP recordings only.
    return {
      ...day,
      districtCode: day.districtCode ?? day.villageCode.slice(0, 6),
      residents: day.residents.map((r) => ({ ...r, ektpDue: r.ektpDue ?? r.ektpStatus === 'NOT_RECORDED' })),
      reports: day.reports ?? [],
    };
  }

  async write(day: VillageDay): Promise<void> {
    await (await this.open()).put('day', day, 'current');
  }
}

/** The bytes the day takes as JSON (what the screen reports as stored). */
export function storedBytes(day: VillageDay): number {
  return new TextEncoder().encode(JSON.stringify(day)).length;
}

/** Today's date in the office's time zone (WITA), YYYY-MM-DD. */
export function officeToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export class DownloadError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'DownloadError';
  }
}

function must<T>(answer: { data?: T; error?: unknown }): T {
  if (answer.data === undefined) throw new DownloadError(problemCode(answer.error) ?? 'HTTP_ERROR');
  return answer.data;
}

/** Today's planned visits of the published plans that cover today (in the person's scope). */
export async function todaysVisits(api: Api, today: string): Promise<TodayVisit[]> {
  const answer = await plannedVisits(api, { from: today, to: today });
  if (!answer.ok) throw new DownloadError(answer.code);
  return answer.visits.map((v) => ({ ...v, districtName: '' }));
}

/** A child's KIA on the day: what identity said (status, version, the type a card printed today would have). */
export interface DueKia {
  readonly status: string;
  readonly version: number;
  readonly kiaType: 'UNDER_5' | 'FROM_5_TO_UNDER_17';
  /** The application's documents identity has already (taken at the counter or on an earlier visit): not asked again. */
  readonly documentsOnFile?: readonly string[];
}

/** What a birth deed application needs from the register, for a child without a birth deed. */
export interface DueBirthDeed {
  readonly sex: 'M' | 'F';
  readonly religion: string;
  readonly birthPlace: string;
  readonly motherName: string;
  readonly fatherName: string;
}

/**
 * Downloads the village's day in a few requests, whatever the village's size: the living residents (names and NIKs,
 * identity's list, 200 a page), their e-KTP and KIA as identity derives them today (`GET /villages/{code}/documents`,
 * 500 a page) and what outreach counts as due for each (`GET /backlog/villages/{code}/residents`: a birth deed
 * missing). Kept: the residents with work the team can do here: an e-KTP recording (NOT_RECORDED, RECORD_BIOMETRICS
 * allowed), a KIA to print (PRINT allowed for the child's type today), a birth deed to apply for.
 */
export async function downloadDay(
  api: Api,
  village: { readonly code: string; readonly name: string; readonly districtName: string },
  visit: DayVisit | undefined,
  now: Date,
  progress: (done: number, total: number) => void,
): Promise<VillageDay> {
  type Listed = { id: string; nik: string; fullName: string; birthDate: string; sex: 'M' | 'F'; religion: string; birthPlace: string; motherName: string; fatherName: string };
  const listed = new Map<string, Listed>();
  let after: string | undefined;
  do {
    const page = must(await api.identity.GET('/residents', { params: { query: { villageCode: village.code, limit: 200, ...(after ? { after } : {}) } } }));
    for (const r of page.items) {
      if (r.status !== 'ALIVE') continue;
      listed.set(r.id, { id: r.id, nik: r.nik, fullName: r.fullName, birthDate: r.birthDate, sex: r.sex, religion: r.religion ?? '', birthPlace: r.birthPlace ?? '', motherName: r.motherName ?? '', fatherName: r.fatherName ?? '' });
    }
    after = page.next ?? undefined;
    progress(0, listed.size);
  } while (after);

  const documents = new Map<string, { ektp?: { status: string; version: number; allowedActions: readonly string[] } | null; kia?: { status: string; version: number; allowedActions: readonly string[]; kiaType?: string | null; documentsOnFile?: readonly string[] } | null }>();
  let cursor: string | undefined;
  do {
    const page = must(
      await api.identity.GET('/villages/{code}/documents', { params: { path: { code: village.code }, query: { limit: 500, ...(cursor ? { after: cursor } : {}) } } }),
    );
    for (const item of page.items) documents.set(item.residentId, { ektp: item.ektp, kia: item.kia });
    cursor = page.next ?? undefined;
    progress(documents.size, listed.size);
  } while (cursor);

  const due = must(await api.outreach.GET('/backlog/villages/{code}/residents', { params: { path: { code: village.code } } }));
  const birthDeedDue = new Set(due.items.filter((i) => (i.due as readonly string[]).includes('BIRTH_DEED')).map((i) => i.residentId));

  const residents: DueResident[] = [];
  for (const r of listed.values()) {
    const docs = documents.get(r.id);
    const ektp = docs?.ektp;
    const kia = docs?.kia;
    const ektpDue = !!ektp && ektp.status === 'NOT_RECORDED' && ektp.allowedActions.includes('RECORD_BIOMETRICS');
    const kiaDue = !!kia && !!kia.kiaType && kia.allowedActions.includes('PRINT');
    const deedDue = birthDeedDue.has(r.id);
    if (!ektpDue && !kiaDue && !deedDue) continue;
    residents.push({
      id: r.id,
      nik: r.nik,
      fullName: r.fullName,
      birthDate: r.birthDate,
      ektpStatus: ektp?.status ?? 'UNKNOWN',
      ektpVersion: ektp?.version ?? 0,
      ektpDue,
      ...(kiaDue && kia ? { kia: { status: kia.status, version: kia.version, kiaType: kia.kiaType as DueKia['kiaType'], documentsOnFile: [...(kia.documentsOnFile ?? [])] } } : {}),
      ...(deedDue ? { birthDeed: { sex: r.sex, religion: r.religion, birthPlace: r.birthPlace, motherName: r.motherName, fatherName: r.fatherName } } : {}),
    });
  }
  const reports = await waitingReports(api, village.code);
  progress(listed.size, listed.size);
  residents.sort((a, b) => a.fullName.localeCompare(b.fullName, 'id'));
  return {
    villageCode: village.code,
    villageName: village.name,
    districtName: village.districtName,
    districtCode: village.code.slice(0, 6),
    ...(visit ? { visit } : {}),
    downloadedAt: now.getTime(),
    residents,
    reports,
  };
}

/** The village's partner reports waiting for documents (NOTIFIED): the kecamatan's list, then each case of the village. */
async function waitingReports(api: Api, villageCode: string): Promise<WaitingReport[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = must(await api.deeds.GET('/deeds', { params: { query: { status: 'NOTIFIED', districtCode: villageCode.slice(0, 6), limit: 200, ...(after ? { after } : {}) } } }));
    for (const d of page.items) if (d.villageCode === villageCode) ids.push(d.id);
    after = page.next;
  } while (after);
  const reports: WaitingReport[] = [];
  for (const id of ids) {
    const deed = must(await api.deeds.GET('/deeds/{id}', { params: { path: { id } } }));
    const p = deed.particulars as Record<string, Record<string, unknown> | string | undefined>;
    const group = (name: string) => (typeof p[name] === 'object' ? (p[name] as Record<string, unknown>) : {});
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const mother = text(group('mother').fullName);
    const who = deed.deedType === 'DEATH' ? text(group('deceased').fullName) : text(group('child').fullName);
    reports.push({
      deedId: deed.id,
      deedType: deed.deedType,
      eventDate: deed.eventDate,
      who,
      ...(mother ? { motherName: mother } : {}),
      parentsMarried: deed.parentsMarried ?? true,
      provided: deed.documents.map((d) => d.kind),
      particulars: Object.fromEntries(
        [...new Set(PARTICULAR_RULES[deed.deedType].toSubmit.map((path) => path.split('.')[0] as string))].flatMap((g) => (p[g] === undefined ? [] : [[g, p[g]]])),
      ),
      reportedBy: [...new Set(deed.notifications.map((n) => n.partnerKind))],
    });
  }
  return reports.sort((a, b) => a.eventDate.localeCompare(b.eventDate));
}
