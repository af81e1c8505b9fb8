/**
 * What a burial report (Laporan Pemakaman) must be before it is sent: the deeds service's rules for POST /burials
 * (apps/deeds/src/burials/burial.dto.ts and burials.service.ts), checked on the phone with the same codes, so the
 * keeper of the burial register sees the Indonesian message at once. Pure: the day comes in as `asOf`.
 *
 * Required: who keeps the register, the name (at most 200 characters), the sex, the burial day, the cemetery's name
 * and its desa. Optional: the NIK (checked by readNik, and a woman's NIK for a woman: NIK_SEX_MISMATCH), the day of
 * death, the register entry number. Days are real dates, not after today (DEATH_AFTER_AS_OF, BURIAL_AFTER_AS_OF),
 * and the burial is not before the death (BURIAL_BEFORE_DEATH).
 */
import type { DeedsComponents } from '@adminduk/clients';
import { cleanNik, readNik } from '../../forms/nik';
import { villagesOf } from '../../region/villages';

export type BurialBody = DeedsComponents['schemas']['BurialReportDto'];
export type BurialView = DeedsComponents['schemas']['BurialView'];
export type ReporterKind = BurialBody['reporterKind'];

/** The register keepers, in the order the form offers them. */
export const REPORTER_KINDS: readonly ReporterKind[] = ['CEMETERY', 'PARISH', 'MOSQUE', 'OTHER_RELIGIOUS', 'VILLAGE'];

export interface BurialDraft {
  readonly reporterKind: ReporterKind | '';
  readonly registerEntryNumber: string;
  readonly fullName: string;
  readonly sex: '' | 'M' | 'F';
  readonly nik: string;
  readonly dateOfDeath: string;
  readonly burialDate: string;
  readonly cemeteryName: string;
  readonly districtCode: string;
  readonly villageCode: string;
}

export type BurialField = keyof BurialDraft;

export interface BurialProblem {
  readonly field: BurialField;
  readonly code: string;
}

export type BurialCheck = { readonly ok: true; readonly body: BurialBody } | { readonly ok: false; readonly problems: readonly BurialProblem[] };

/** The order of the fields on the screen (the first problem in this order takes the focus). */
export const BURIAL_FIELD_ORDER: readonly BurialField[] = [
  'reporterKind',
  'registerEntryNumber',
  'fullName',
  'sex',
  'nik',
  'dateOfDeath',
  'burialDate',
  'cemeteryName',
  'districtCode',
  'villageCode',
];

export function emptyBurialDraft(defaults: { reporterKind?: ReporterKind | ''; districtCode?: string; villageCode?: string } = {}): BurialDraft {
  return {
    reporterKind: defaults.reporterKind ?? '',
    registerEntryNumber: '',
    fullName: '',
    sex: '',
    nik: '',
    dateOfDeath: '',
    burialDate: '',
    cemeteryName: '',
    districtCode: defaults.districtCode ?? '',
    villageCode: defaults.villageCode ?? '',
  };
}

/** The register keeper an institution's id names ('paroki-boawae' → PARISH), when it does; else ''. */
export function reporterKindOf(institution: string | undefined): ReporterKind | '' {
  const first = (institution ?? '').toLowerCase().split(/[^a-z0-9]+/)[0] ?? '';
  if (/^(tpu|makam|pemakaman|kuburan)$/.test(first)) return 'CEMETERY';
  if (/^(paroki|gereja|stasi|jemaat|keuskupan)$/.test(first)) return 'PARISH';
  if (/^(masjid|musala|mushola)$/.test(first)) return 'MOSQUE';
  if (/^(pura|vihara|klenteng)$/.test(first)) return 'OTHER_RELIGIOUS';
  if (/^(desa|kelurahan|kades|lurah)$/.test(first)) return 'VILLAGE';
  return '';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** Checks the draft as the service would; every problem at once, or the body to send. */
export function checkBurial(draft: BurialDraft, asOf: string): BurialCheck {
  const problems: BurialProblem[] = [];
  const add = (field: BurialField, code: string) => problems.push({ field, code });
  const text = (value: string) => value.trim();
  if (draft.reporterKind === '') add('reporterKind', 'FIELD_REQUIRED');
  if (text(draft.registerEntryNumber).length > 60) add('registerEntryNumber', 'IS_LENGTH');
  if (text(draft.fullName) === '') add('fullName', 'FIELD_REQUIRED');
  else if (text(draft.fullName).length > 200) add('fullName', 'IS_LENGTH');
  if (draft.sex === '') add('sex', 'FIELD_REQUIRED');
  const nik = cleanNik(draft.nik);
  if (nik !== '') {
    const reading = readNik(nik, asOf);
    if (!reading.ok) reading.codes.forEach((code) => add('nik', code));
    else if (draft.sex !== '' && reading.sex !== draft.sex) add('nik', 'NIK_SEX_MISMATCH');
  }
  const death = draft.dateOfDeath;
  if (death !== '') {
    if (!isRealDate(death)) add('dateOfDeath', 'DEATH_DATE_INVALID');
    else if (death > asOf) add('dateOfDeath', 'DEATH_AFTER_AS_OF');
  }
  const burial = draft.burialDate;
  if (burial === '') add('burialDate', 'FIELD_REQUIRED');
  else if (!isRealDate(burial)) add('burialDate', 'BURIAL_DATE_INVALID');
  else if (burial > asOf) add('burialDate', 'BURIAL_AFTER_AS_OF');
  else if (death !== '' && isRealDate(death) && burial < death) add('burialDate', 'BURIAL_BEFORE_DEATH');
  if (text(draft.cemeteryName) === '') add('cemeteryName', 'FIELD_REQUIRED');
  else if (text(draft.cemeteryName).length > 200) add('cemeteryName', 'IS_LENGTH');
  if (draft.villageCode === '') add('villageCode', 'FIELD_REQUIRED');
  else if (draft.districtCode !== '' && !villagesOf(draft.districtCode).some((v) => v.code === draft.villageCode)) add('villageCode', 'VILLAGE_UNKNOWN');
  if (problems.length > 0 || draft.reporterKind === '' || draft.sex === '') return { ok: false, problems };
  return {
    ok: true,
    body: {
      reporterKind: draft.reporterKind,
      ...(text(draft.registerEntryNumber) ? { registerEntryNumber: text(draft.registerEntryNumber) } : {}),
      fullName: text(draft.fullName),
      sex: draft.sex,
      ...(nik ? { nik } : {}),
      ...(death ? { dateOfDeath: death } : {}),
      burialDate: burial,
      cemeteryName: text(draft.cemeteryName),
      villageCode: draft.villageCode,
    },
  };
}

/** The form's field of a problem item the service names ('nik', 'burialDate', …). */
export function burialFieldOf(path: string | undefined): BurialField | undefined {
  return path !== undefined && (BURIAL_FIELD_ORDER as readonly string[]).includes(path) ? (path as BurialField) : undefined;
}
