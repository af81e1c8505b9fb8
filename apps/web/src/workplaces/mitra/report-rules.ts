/**
 * What a partner's report must be before it is sent: the deeds service's own rules for POST /notifications
 * (apps/deeds/src/cases/deed.dto.ts, particulars.dto.ts and deed-checks.service.ts), checked on the phone with the
 * same domain functions and answered with the same codes, so that the midwife sees the Indonesian message at once
 * instead of after a round trip over a weak signal. Pure: the day comes in as `asOf` (the office's calendar).
 *
 * What the service requires of a partner's report (PARTICULAR_RULES.toNotify and the natural key, deedCaseKey):
 * - a birth: the child's sex, the mother's name, and her NIK — or, when she has none, the village of the family;
 *   the day; the kecamatan; what the partner is (partnerKind);
 * - a death: the deceased's NIK and name; the day; the kecamatan; what the partner is.
 * Every NIK given must pass parseNik; the day must be a real date, not after today (REPORT_BEFORE_EVENT); names at
 * most 200 characters, the place at most 100 (IS_LENGTH); the kecamatan and desa current codes (DISTRICT_UNKNOWN,
 * VILLAGE_UNKNOWN). One rule is the app's own: a mother's NIK must be a woman's (NIK_SEX_MISMATCH), and a father's a
 * man's — the service does not check it at the report, but a NIK of the wrong sex is always a typo or the wrong card.
 */
import type { DeedsComponents } from '@adminduk/clients';
import { classifyTimeliness, findRegion, listDistricts } from '@adminduk/domain';
import { cleanNik, readNik } from '../../forms/nik';
import { VILLAGES_REGENCY, villagesOf } from '../../region/villages';

export type NotifyBody = DeedsComponents['schemas']['NotifyDto'];
export type NotificationView = DeedsComponents['schemas']['NotificationView'];
export type PartnerKind = NotifyBody['partnerKind'];
export type ReportKind = 'BIRTH' | 'DEATH';

/** The partner kinds, in the order the form offers them (deeds' PARTNER_KINDS). */
export const PARTNER_KINDS: readonly PartnerKind[] = ['HEALTH_POST', 'HOSPITAL', 'RELIGIOUS_INSTITUTION', 'VILLAGE_OFFICE', 'RT_HEAD'];

/** The form as typed: every field a string, as the inputs hold them. */
export interface ReportDraft {
  readonly kind: ReportKind;
  readonly partnerKind: PartnerKind | '';
  readonly districtCode: string;
  readonly villageCode: string;
  readonly eventDate: string;
  readonly place: string;
  readonly motherNik: string;
  readonly motherName: string;
  readonly fatherNik: string;
  readonly fatherName: string;
  readonly childSex: '' | 'M' | 'F';
  readonly birthTime: string;
  readonly childOrder: string;
  readonly deceasedNik: string;
  readonly deceasedName: string;
}

export type DraftField = Exclude<keyof ReportDraft, 'kind'>;

export interface FieldProblem {
  readonly field: DraftField;
  /** A code of the services or the domain: its message is errors.<code>. */
  readonly code: string;
}

export type ReportCheck = { readonly ok: true; readonly body: NotifyBody } | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** The order of the fields on the screen (the first problem in this order takes the focus). */
export const FIELD_ORDER: readonly DraftField[] = [
  'partnerKind',
  'motherNik',
  'motherName',
  'fatherNik',
  'fatherName',
  'deceasedNik',
  'deceasedName',
  'childSex',
  'eventDate',
  'birthTime',
  'childOrder',
  'place',
  'districtCode',
  'villageCode',
];

export function emptyDraft(kind: ReportKind, defaults: { partnerKind?: PartnerKind | ''; districtCode?: string; villageCode?: string; place?: string } = {}): ReportDraft {
  return {
    kind,
    partnerKind: defaults.partnerKind ?? '',
    districtCode: defaults.districtCode ?? '',
    villageCode: defaults.villageCode ?? '',
    eventDate: '',
    place: defaults.place ?? '',
    motherNik: '',
    motherName: '',
    fatherNik: '',
    fatherName: '',
    childSex: '',
    birthTime: '',
    childOrder: '1',
    deceasedNik: '',
    deceasedName: '',
  };
}

/** The office's calendar day (WITA, UTC+8 all year: Indonesia keeps no summer time). */
export function officeToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export { cleanNik, readNik, type NikReading } from '../../forms/nik';

const NAME_MAX = 200;
const PLACE_MAX = 100;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks the draft as the service would; every problem at once, or the body to send. */
export function checkReport(draft: ReportDraft, asOf: string): ReportCheck {
  const problems: FieldProblem[] = [];
  const add = (field: DraftField, code: string) => problems.push({ field, code });
  const text = (value: string) => value.trim();
  const required = (field: DraftField, value: string, max?: number) => {
    if (text(value) === '') add(field, 'FIELD_REQUIRED');
    else if (max !== undefined && text(value).length > max) add(field, 'IS_LENGTH');
  };
  const optional = (field: DraftField, value: string, max: number) => {
    if (text(value).length > max) add(field, 'IS_LENGTH');
  };
  const nik = (field: DraftField, value: string, sex: 'M' | 'F' | undefined) => {
    if (cleanNik(value) === '') return;
    const reading = readNik(value, asOf);
    if (!reading.ok) reading.codes.forEach((code) => add(field, code));
    else if (sex && reading.sex !== sex) add(field, 'NIK_SEX_MISMATCH');
  };

  if (draft.partnerKind === '') add('partnerKind', 'FIELD_REQUIRED');

  if (draft.districtCode === '') add('districtCode', 'FIELD_REQUIRED');
  else {
    const district = findRegion(draft.districtCode);
    if (!/^\d{6}$/.test(draft.districtCode) || !district || district.level !== 'district' || district.historical) add('districtCode', 'DISTRICT_UNKNOWN');
  }
  if (draft.villageCode !== '' && (!draft.villageCode.startsWith(draft.districtCode) || !villagesOf(draft.districtCode).some((v) => v.code === draft.villageCode))) {
    add('villageCode', 'VILLAGE_UNKNOWN');
  }

  if (draft.eventDate === '') add('eventDate', 'FIELD_REQUIRED');
  else {
    const timeliness = classifyTimeliness(draft.kind, { eventDate: draft.eventDate, reportedAt: asOf });
    if (!timeliness.ok) timeliness.errors.filter((e) => e.code === 'EVENT_DATE_INVALID' || e.code === 'REPORT_BEFORE_EVENT').forEach((e) => add('eventDate', e.code));
  }
  optional('place', draft.place, PLACE_MAX);

  if (draft.kind === 'BIRTH') {
    nik('motherNik', draft.motherNik, 'F');
    required('motherName', draft.motherName, NAME_MAX);
    // A mother without a NIK is known by her name and village (deedCaseKey).
    if (cleanNik(draft.motherNik) === '' && draft.villageCode === '') add('villageCode', 'CASE_KEY_FACT_MISSING');
    nik('fatherNik', draft.fatherNik, 'M');
    optional('fatherName', draft.fatherName, NAME_MAX);
    if (draft.childSex === '') add('childSex', 'FIELD_REQUIRED');
    if (draft.birthTime !== '' && !TIME.test(draft.birthTime)) add('birthTime', 'MATCHES');
    const order = Number(draft.childOrder || '1');
    if (!Number.isInteger(order)) add('childOrder', 'IS_INT');
    else if (order < 1) add('childOrder', 'MIN');
    else if (order > 20) add('childOrder', 'MAX');
  } else {
    if (cleanNik(draft.deceasedNik) === '') add('deceasedNik', 'FIELD_REQUIRED');
    else nik('deceasedNik', draft.deceasedNik, undefined);
    required('deceasedName', draft.deceasedName, NAME_MAX);
  }

  if (problems.length > 0) {
    const rank = (p: FieldProblem) => FIELD_ORDER.indexOf(p.field);
    return { ok: false, problems: problems.sort((a, b) => rank(a) - rank(b)) };
  }
  return { ok: true, body: bodyOf(draft) };
}

function bodyOf(draft: ReportDraft): NotifyBody {
  const place = draft.place.trim();
  const common = {
    partnerKind: draft.partnerKind as PartnerKind,
    eventDate: draft.eventDate,
    districtCode: draft.districtCode,
    ...(draft.villageCode ? { villageCode: draft.villageCode } : {}),
  };
  if (draft.kind === 'DEATH') {
    return {
      deedType: 'DEATH',
      ...common,
      particulars: { deceased: { nik: cleanNik(draft.deceasedNik), fullName: draft.deceasedName.trim() }, ...(place ? { place } : {}) },
    };
  }
  const motherNik = cleanNik(draft.motherNik);
  const fatherNik = cleanNik(draft.fatherNik);
  const fatherName = draft.fatherName.trim();
  const father = { ...(fatherNik ? { nik: fatherNik } : {}), ...(fatherName ? { fullName: fatherName } : {}) };
  return {
    deedType: 'BIRTH',
    ...common,
    particulars: {
      child: { sex: draft.childSex as 'M' | 'F', childOrder: Number(draft.childOrder || '1'), ...(draft.birthTime ? { birthTime: draft.birthTime } : {}) },
      mother: { ...(motherNik ? { nik: motherNik } : {}), fullName: draft.motherName.trim() },
      ...(Object.keys(father).length > 0 ? { father } : {}),
      ...(place ? { place } : {}),
    },
  };
}

/** The form's field for a field path of the service's problem items ('particulars.mother.nik' → motherNik). */
const FIELD_OF_PATH: Readonly<Record<string, DraftField>> = {
  partnerKind: 'partnerKind',
  eventDate: 'eventDate',
  districtCode: 'districtCode',
  villageCode: 'villageCode',
  'particulars.place': 'place',
  'particulars.mother.nik': 'motherNik',
  'particulars.mother.fullName': 'motherName',
  'particulars.father.nik': 'fatherNik',
  'particulars.father.fullName': 'fatherName',
  'particulars.child.sex': 'childSex',
  'particulars.child.birthTime': 'birthTime',
  'particulars.child.childOrder': 'childOrder',
  'particulars.deceased.nik': 'deceasedNik',
  'particulars.deceased.fullName': 'deceasedName',
};

export function fieldOfPath(path: string | undefined): DraftField | undefined {
  return path === undefined ? undefined : FIELD_OF_PATH[path];
}

/**
 * The Idempotency-Key of a report: kept while the same report is sent again (a double tap, a retry after no
 * signal), so the service answers the first answer again and writes nothing twice; a new one once anything in the
 * report changed (the service refuses a key reused for another report: IDEMPOTENCY_KEY_REUSED).
 */
export interface PendingSend {
  readonly key: string;
  readonly body: string;
}

/** A fresh random key (a UUID where the browser has randomUUID, else 32 random hex digits). */
export function newIdempotencyKey(random: Crypto = crypto): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  return [...random.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function keyForSending(previous: PendingSend | undefined, body: NotifyBody, newKey: () => string): PendingSend {
  const json = JSON.stringify(body);
  return previous && previous.body === json ? previous : { key: newKey(), body: json };
}

/** What the institution is, from its id ('pustu-boawae' → HEALTH_POST), when the id says it; else ''. */
export function partnerKindOf(institution: string | undefined): PartnerKind | '' {
  const first = (institution ?? '').toLowerCase().split(/[^a-z0-9]+/)[0] ?? '';
  if (/^(pustu|puskesmas|polindes|poskesdes|posyandu|klinik|bidan|faskes)$/.test(first)) return 'HEALTH_POST';
  if (/^(rs|rsud|rsu|rumahsakit)$/.test(first)) return 'HOSPITAL';
  if (/^(paroki|gereja|stasi|jemaat|keuskupan|masjid|musala|mushola|pura|vihara|klenteng|kua)$/.test(first)) return 'RELIGIOUS_INSTITUTION';
  if (/^(desa|kelurahan|kades|lurah)$/.test(first)) return 'VILLAGE_OFFICE';
  if (/^rt\d*$/.test(first)) return 'RT_HEAD';
  return '';
}

/** An institution's id as a name ('pustu-boawae' → 'Pustu Boawae', 'rsud-aeramo' → 'RSUD Aeramo'). */
export function institutionName(institution: string | undefined): string {
  if (!institution) return '';
  return institution
    .split(/[-_\s]+/)
    .filter((w) => w !== '')
    .map((w) => (/^(rs|rsud|rsu|rt|rw|kua)$/i.test(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

export interface DistrictChoice {
  readonly code: string;
  readonly name: string;
}

/**
 * The kecamatan a partner may report for, from the region scope of the token (what the service checks:
 * OUTSIDE_REGION otherwise): a kecamatan itself, the kecamatan of a desa, every kecamatan of a regency; '*' is the
 * whole office (this regency).
 */
export function districtChoices(regions: readonly string[]): DistrictChoice[] {
  const out = new Map<string, DistrictChoice>();
  const addDistrict = (code: string) => {
    const region = findRegion(code);
    if (region && region.level === 'district' && !region.historical) out.set(region.code, { code: region.code, name: region.name });
  };
  for (const region of regions) {
    const code = region === '*' ? VILLAGES_REGENCY : region.replace(/\./g, '');
    if (code.length === 4) listDistricts(code).forEach((d) => addDistrict(d.code));
    else if (code.length >= 6) addDistrict(code.slice(0, 6));
  }
  return [...out.values()];
}

/** A partner scoped to one desa (an RT head, a village office) reports for that desa only. */
export function fixedVillage(regions: readonly string[]): string | undefined {
  const villages = regions.filter((r) => /^\d{10}$/.test(r));
  return villages.length === 1 && regions.length === 1 ? villages[0] : undefined;
}

/**
 * Where a report stands, in the partner's words: Dilaporkan → Diverifikasi → Tercatat → Akta siap, and the
 * turns off that road (returned to be completed, annulled, closed).
 */
export type ReportStage = 'REPORTED' | 'SUBMITTED' | 'VERIFIED' | 'RETURNED' | 'REGISTERED' | 'READY' | 'ANNULLED' | 'CLOSED' | 'PREPARING';

export function stageOf(view: Pick<NotificationView, 'status' | 'ready'>): ReportStage {
  if (view.ready) return 'READY';
  switch (view.status) {
    case 'NOTIFIED':
      return 'REPORTED';
    case 'SUBMITTED':
      return 'SUBMITTED';
    case 'VERIFIED':
      return 'VERIFIED';
    case 'REJECTED':
      return 'RETURNED';
    case 'REGISTERED':
    case 'RECORDED':
      return 'REGISTERED';
    case 'ISSUED':
      return 'READY';
    case 'ANNULLED':
      return 'ANNULLED';
    case 'ARCHIVED':
      return 'CLOSED';
    case null:
      return 'PREPARING';
  }
}

/** The steps of the road shown under a report, and how far along it is (-1: off the road). */
export const ROAD: readonly ReportStage[] = ['REPORTED', 'VERIFIED', 'REGISTERED', 'READY'];

export function stepOf(stage: ReportStage): number {
  switch (stage) {
    case 'PREPARING':
    case 'REPORTED':
    case 'SUBMITTED':
    case 'RETURNED':
      return 0;
    case 'VERIFIED':
      return 1;
    case 'REGISTERED':
      return 2;
    case 'READY':
      return 3;
    case 'ANNULLED':
    case 'CLOSED':
      return -1;
  }
}
