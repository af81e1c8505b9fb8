/**
 * Marital status (status perkawinan) as printed on the KK, distinguishing marriages and divorces that are
 * registered (tercatat: a marriage book or deed, a divorce deed) from those that are not.
 */
import type { CodeEntry, CodeOf } from './code-list.js';

export const MARITAL_STATUSES = [
  { code: 'BELUM_KAWIN', label: 'Belum Kawin', name: 'Never married' },
  { code: 'KAWIN_TERCATAT', label: 'Kawin Tercatat', name: 'Married, registered' },
  { code: 'KAWIN_BELUM_TERCATAT', label: 'Kawin Belum Tercatat', name: 'Married, not registered' },
  { code: 'CERAI_HIDUP_TERCATAT', label: 'Cerai Hidup Tercatat', name: 'Divorced, registered' },
  { code: 'CERAI_HIDUP_BELUM_TERCATAT', label: 'Cerai Hidup Belum Tercatat', name: 'Divorced, not registered' },
  { code: 'CERAI_MATI', label: 'Cerai Mati', name: 'Widowed' },
] as const satisfies readonly CodeEntry<string>[];

export type MaritalStatus = CodeOf<typeof MARITAL_STATUSES>;

/** Married now (registered or not). */
export function isMarried(status: MaritalStatus): boolean {
  return status === 'KAWIN_TERCATAT' || status === 'KAWIN_BELUM_TERCATAT';
}

/** Married now or before: every status but Belum Kawin (relevant to wajib KTP, UU 24/2013 art. 63). */
export function isEverMarried(status: MaritalStatus): boolean {
  return status !== 'BELUM_KAWIN';
}

export function isMaritalStatus(value: unknown): value is MaritalStatus {
  return MARITAL_STATUSES.some((s) => s.code === value);
}
