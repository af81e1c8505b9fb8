/**
 * Which death record a burial belongs to: the one rule, decided here and nowhere else.
 *
 * 1. By NIK: when the burial gives the deceased's NIK, the death record of that NIK (the case key of a DEATH is
 *    the deceased's NIK, deedCaseKey): registered (REGISTERED or ISSUED) → REGISTERED_DEATH; any other live
 *    status (an application being prepared, NOTIFIED, SUBMITTED, VERIFIED, REJECTED) → DEATH_CASE. Archived and
 *    annulled records have no case key and are not found.
 * 2. By the particulars, when there is no NIK or no record of it: the live death records of the same desa /
 *    kelurahan whose day of death is the burial's date of death, or, when the burial gives none, one of the 30
 *    days up to the burial day; of these, those with the same sex whose name matches by the domain's name rule
 *    (matchParticulars of @adminduk/domain: normalised, spelling variants of NTT and the old spelling, initials,
 *    a missing middle or baptismal name). A record with another NIK than the burial's is another person. Exactly
 *    one such record is the match; two or more are ambiguous and match nothing (a wrong attachment would hide
 *    an unreported death).
 * 3. Otherwise no match (NONE): the caller opens a new death case (NEW_CASE).
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { deedCaseKey, matchParticulars } from '@adminduk/domain';
import { DeedRecord } from '../cases/deed-record.entity';
import type { BurialMatch, BurialMatchedBy } from './burial.entity';

/** How far before the burial an unknown day of death is looked for. */
export const DEATH_WINDOW_DAYS = 30;

export interface BurialFacts {
  readonly fullName: string;
  readonly sex: 'M' | 'F';
  readonly nik?: string;
  readonly dateOfDeath?: string;
  readonly burialDate: string;
  readonly villageCode: string;
}

export type DeathMatch = { readonly record: DeedRecord; readonly match: Exclude<BurialMatch, 'NEW_CASE'>; readonly matchedBy: Exclude<BurialMatchedBy, 'NONE'> } | { readonly record: null };

const REGISTERED: readonly (string | null)[] = ['REGISTERED', 'ISSUED'];
const GONE = ['ARCHIVED', 'ANNULLED'];

/** The digest a death case of this NIK is stored under (deed_record.case_key), as the notifications make it. */
export function deathCaseKeyOfNik(nik: string): string | undefined {
  const key = deedCaseKey('DEATH', { deceasedNik: nik });
  return key.ok ? createHash('sha256').update(key.value, 'utf8').digest('hex') : undefined;
}

/** The death record the burial belongs to, by the rule of the module comment. */
export async function matchDeath(em: EntityManager, burial: BurialFacts): Promise<DeathMatch> {
  if (burial.nik) {
    const caseKey = deathCaseKeyOfNik(burial.nik);
    const byNik = caseKey ? await em.findOne(DeedRecord, { deedType: 'DEATH', caseKey }) : null;
    if (byNik) return { record: byNik, match: kindOf(byNik), matchedBy: 'NIK' };
  }
  const days = burial.dateOfDeath ? { eventDate: burial.dateOfDeath } : { eventDate: { $gte: daysBefore(burial.burialDate, DEATH_WINDOW_DAYS), $lte: burial.burialDate } };
  const rows = await em.find(DeedRecord, { deedType: 'DEATH', villageCode: burial.villageCode, caseKey: { $ne: null }, ...days }, { orderBy: { id: 'asc' } });
  const candidates = rows.filter((r) => {
    if (r.status !== null && GONE.includes(r.status)) return false;
    const deceased = r.particulars.deceased;
    if (!deceased?.fullName || deceased.sex !== burial.sex) return false;
    if (burial.nik && deceased.nik && deceased.nik !== burial.nik) return false;
    return matchParticulars({ fullName: burial.fullName, sex: burial.sex }, { fullName: deceased.fullName, sex: deceased.sex }).verdict === 'MATCH';
  });
  const [only] = candidates;
  return candidates.length === 1 && only ? { record: only, match: kindOf(only), matchedBy: 'PARTICULARS' } : { record: null };
}

function kindOf(record: DeedRecord): 'REGISTERED_DEATH' | 'DEATH_CASE' {
  return REGISTERED.includes(record.status) ? 'REGISTERED_DEATH' : 'DEATH_CASE';
}

/** YYYY-MM-DD `days` days before `date` (calendar days). */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
