/**
 * The documents a resident already had when an older register (a SIAK export) was taken over: its e-KTP and KIA
 * states, checked against the person with the age rules, and turned into the baseline actions (IMPORT_STATE)
 * that start the e-KTP and KIA logs, so that the folds show the imported states and later actions continue from
 * them.
 *
 * - e-KTP (UU 24/2013 art. 63(1)): NOT_YET_COMPULSORY only for someone not wajib KTP on the day, NOT_RECORDED
 *   and every recorded state (RECORDED … ISSUED) only for someone wajib KTP. The two derived states need no
 *   action (an empty log derives them, and NOT_YET_COMPULSORY turns into NOT_RECORDED at 17 by itself).
 * - KIA (Permendagri 2/2016): NOT_ISSUED for anyone (no action); PRINTED and ISSUED only for a child who is
 *   eligible on the day; EXPIRED only when a card can have ended by then (see foldKia's IMPORT_STATE).
 */
import { ok, fail, type Problem, type Result } from '../result.js';
import { describe, type DocumentHolder, type DocumentOptions, type Instant } from './action-log.js';
import { EKTP_IMPORTABLE_STATUSES, EKTP_STATUSES, foldEktp, type EktpAction, type EktpImportableStatus, type EktpStatus } from './ektp.js';
import { KIA_IMPORTABLE_STATUSES, KIA_STATUSES, foldKia, type KiaAction, type KiaImportableStatus, type KiaStatus } from './kia.js';

/** What the older register says; a state left out is unknown (no baseline). */
export interface DocumentStates {
  readonly ektpState?: EktpStatus;
  readonly kiaState?: KiaStatus;
}

export interface BaselineOptions extends DocumentOptions {
  /** When the baseline is written (the import's instant, not after asOf). */
  readonly at: Instant;
  /** Who writes it (the import's actor). */
  readonly by: string;
  /** Where the states come from (an import job's id). */
  readonly source?: string;
}

/**
 * - `EKTP_STATE_INVALID`, `KIA_STATE_INVALID`: not a state code;
 * - `EKTP_STATE_NOT_WAJIB_KTP`: NOT_RECORDED or a recorded state for someone under 17 who never married;
 * - `EKTP_STATE_WAJIB_KTP`: NOT_YET_COMPULSORY for someone who is wajib KTP;
 * - `KIA_STATE_NOT_ELIGIBLE`: PRINTED or ISSUED for someone 17 or over or married; EXPIRED when no card can have
 *   ended (an unmarried child under 5, someone who turned 17 before the KIA existed);
 * - `HOLDER_INVALID`, `OPTIONS_INVALID`: the person or the options cannot be read.
 */
export type BaselineViolationCode = (typeof BASELINE_VIOLATION_CODES)[number];

export const BASELINE_VIOLATION_CODES = [
  'EKTP_STATE_INVALID',
  'EKTP_STATE_NOT_WAJIB_KTP',
  'EKTP_STATE_WAJIB_KTP',
  'KIA_STATE_INVALID',
  'KIA_STATE_NOT_ELIGIBLE',
  'HOLDER_INVALID',
  'OPTIONS_INVALID',
] as const;

export interface DocumentBaseline {
  /** The first action of the e-KTP log, or null when none is needed (a derived state, or unknown). */
  readonly ektp: EktpAction | null;
  readonly kia: KiaAction | null;
  /** The states as of asOf once the baseline is applied (undefined when the register said nothing). */
  readonly ektpState: EktpStatus | undefined;
  readonly kiaState: KiaStatus | undefined;
}

/**
 * Checks an older register's e-KTP and KIA states against the person on `asOf` and gives the baseline actions
 * that make the folds show them. Every violation is reported; never throws.
 *
 * @example documentBaseline({ ektpState: 'RECORDED' }, { birthDate: '2017-05-01', maritalStatus: 'BELUM_KAWIN' }, { asOf: '2026-11-28', at: '2026-11-28T09:00:00+08:00', by: 'import' }).errors[0].code // 'EKTP_STATE_NOT_WAJIB_KTP'
 */
export function documentBaseline(states: DocumentStates, holder: DocumentHolder, options: BaselineOptions): Result<DocumentBaseline, BaselineViolationCode> {
  const errors: Problem<BaselineViolationCode>[] = [];
  const report = (code: BaselineViolationCode, message: string) => errors.push({ code, message });
  const source = options?.source === undefined ? {} : { source: options.source };
  const base = { at: options?.at, by: options?.by };
  let ektp: EktpAction | null = null;
  let kia: KiaAction | null = null;
  let ektpState: EktpStatus | undefined;
  let kiaState: KiaStatus | undefined;

  const empty = foldEktp([], holder, options);
  if (!empty.ok) {
    for (const e of empty.errors) report(e.code === 'HOLDER_INVALID' ? 'HOLDER_INVALID' : 'OPTIONS_INVALID', e.message);
    return fail(errors);
  }
  const wajib = empty.value.wajibKtp;

  const e = states?.ektpState;
  if (e !== undefined) {
    if (!(EKTP_STATUSES as readonly unknown[]).includes(e)) report('EKTP_STATE_INVALID', `ektpState must be one of ${EKTP_STATUSES.join(', ')}; got ${describe(e)}`);
    else if ((EKTP_IMPORTABLE_STATUSES as readonly string[]).includes(e)) {
      const action = { type: 'IMPORT_STATE', ...base, payload: { status: e as EktpImportableStatus, ...source } } as EktpAction;
      const folded = foldEktp([action], holder, options);
      if (folded.ok) {
        ektp = action;
        ektpState = folded.value.status;
      } else {
        for (const v of folded.errors) {
          if (v.code === 'NOT_WAJIB_KTP') report('EKTP_STATE_NOT_WAJIB_KTP', `an e-KTP ${e} for someone under 17 who never married: ${v.message}`);
          else report('OPTIONS_INVALID', v.message);
        }
      }
    } else if (e === 'NOT_RECORDED' && !wajib) {
      report('EKTP_STATE_NOT_WAJIB_KTP', 'NOT_RECORDED is for someone wajib KTP (17 or over, or ever married; UU 24/2013 art. 63(1)); this person is not: NOT_YET_COMPULSORY');
    } else if (e === 'NOT_YET_COMPULSORY' && wajib) {
      report('EKTP_STATE_WAJIB_KTP', 'this person is wajib KTP (17 or over, or ever married; UU 24/2013 art. 63(1)): NOT_RECORDED, not NOT_YET_COMPULSORY');
    } else ektpState = e;
  }

  const k = states?.kiaState;
  if (k !== undefined) {
    if (!(KIA_STATUSES as readonly unknown[]).includes(k)) report('KIA_STATE_INVALID', `kiaState must be one of ${KIA_STATUSES.join(', ')}; got ${describe(k)}`);
    else if ((KIA_IMPORTABLE_STATUSES as readonly string[]).includes(k)) {
      const action = { type: 'IMPORT_STATE', ...base, payload: { status: k as KiaImportableStatus, ...source } } as KiaAction;
      const folded = foldKia([action], holder, options);
      if (folded.ok) {
        kia = action;
        kiaState = folded.value.status;
      } else {
        for (const v of folded.errors) {
          if (v.code === 'KIA_NOT_ELIGIBLE') report('KIA_STATE_NOT_ELIGIBLE', `a KIA ${k}: ${v.message}`);
          else report('OPTIONS_INVALID', v.message);
        }
      }
    } else kiaState = k;
  }
  return errors.length > 0 ? fail(errors) : ok({ ektp, kia, ektpState, kiaState });
}
