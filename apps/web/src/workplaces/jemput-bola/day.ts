/**
 * The village's day on the tablet: who in the chosen village is due for e-KTP recording (wajib KTP, not recorded),
 * with only what the day's work needs (name, NIK, birth date, the e-KTP status and its version), and the visit of
 * the published plan when there is one today. Kept in IndexedDB (`adminduk-jemput-bola`), replaced by the next
 * download, deleted by the device wipe with every `adminduk-…` database.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Api } from '../../api/clients';
import { problemCode } from '../../api/clients';
import { OFFICE_TIME_ZONE } from '../../i18n/format';

export const DAY_DB = 'adminduk-jemput-bola';

export interface DueResident {
  readonly id: string;
  readonly nik: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly ektpStatus: string;
  readonly ektpVersion: number;
  /** The problem codes of a note the service refused and the person dismissed (shown beside the name). */
  readonly refusedWith?: readonly string[];
}

export interface DayVisit {
  readonly id: string;
  readonly planId: string;
  readonly date: string;
  readonly teamName: string;
}

export interface VillageDay {
  readonly villageCode: string;
  readonly villageName: string;
  readonly districtName: string;
  readonly visit?: DayVisit;
  /** ms since the epoch */
  readonly downloadedAt: number;
  readonly residents: readonly DueResident[];
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
    return (await this.open()).get('day', 'current');
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
  const plans = must(await api.outreach.GET('/plans', { params: { query: { status: 'PUBLISHED' } } })).items.filter((p) => p.startDate <= today && today <= p.endDate);
  const visits: TodayVisit[] = [];
  for (const summary of plans) {
    const plan = must(await api.outreach.GET('/plans/{id}', { params: { path: { id: summary.id } } }));
    for (const v of plan.visits) {
      if (v.date !== today || v.status !== 'PLANNED') continue;
      visits.push({ id: v.id, planId: plan.id, date: v.date, teamName: v.teamName, villageCode: v.villageCode, villageName: v.villageName, districtName: '' });
    }
  }
  return visits;
}

/** Age in whole years on `today` (both YYYY-MM-DD). */
function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Downloads the village's day: the living residents of the village who may be wajib KTP (16 or over, or ever
 * married: a loose first cut), then each one's e-KTP from identity, which decides (status NOT_RECORDED with
 * RECORD_BIOMETRICS allowed). Four requests at a time; `progress` is told how far it is.
 */
export async function downloadDay(
  api: Api,
  village: { readonly code: string; readonly name: string; readonly districtName: string },
  visit: DayVisit | undefined,
  now: Date,
  progress: (done: number, total: number) => void,
): Promise<VillageDay> {
  const today = officeToday(now);
  const candidates: { id: string; nik: string; fullName: string; birthDate: string }[] = [];
  let after: string | undefined;
  do {
    const page = must(await api.identity.GET('/residents', { params: { query: { villageCode: village.code, limit: 200, ...(after ? { after } : {}) } } }));
    for (const r of page.items) {
      if (r.status !== 'ALIVE') continue;
      if (ageOn(r.birthDate, today) < 16 && r.maritalStatus === 'BELUM_KAWIN') continue;
      candidates.push({ id: r.id, nik: r.nik, fullName: r.fullName, birthDate: r.birthDate });
    }
    after = page.next;
  } while (after);

  const due: DueResident[] = [];
  let done = 0;
  progress(0, candidates.length);
  const queue = [...candidates];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const ektp = must(await api.identity.GET('/residents/{id}/ektp', { params: { path: { id: next.id } } }));
      if (ektp.status === 'NOT_RECORDED' && ektp.allowedActions.includes('RECORD_BIOMETRICS')) {
        due.push({ ...next, ektpStatus: ektp.status, ektpVersion: ektp.version });
      }
      progress(++done, candidates.length);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  due.sort((a, b) => a.fullName.localeCompare(b.fullName, 'id'));
  return { villageCode: village.code, villageName: village.name, districtName: village.districtName, ...(visit ? { visit } : {}), downloadedAt: now.getTime(), residents: due };
}
