/**
 * SHDK (Status Hubungan Dalam Keluarga): a member's relationship to the head of the family, as printed on
 * the Kartu Keluarga (codes 1–11 as used by SIAK).
 */
import type { CodeEntry, CodeOf } from './code-list.js';

export const SHDK = [
  { code: 1, label: 'Kepala Keluarga', name: 'Head of family' },
  { code: 2, label: 'Suami', name: 'Husband' },
  { code: 3, label: 'Istri', name: 'Wife' },
  { code: 4, label: 'Anak', name: 'Child' },
  { code: 5, label: 'Menantu', name: 'Child-in-law' },
  { code: 6, label: 'Cucu', name: 'Grandchild' },
  { code: 7, label: 'Orang Tua', name: 'Parent' },
  { code: 8, label: 'Mertua', name: 'Parent-in-law' },
  { code: 9, label: 'Famili Lain', name: 'Other relative' },
  { code: 10, label: 'Pembantu', name: 'Household help' },
  { code: 11, label: 'Lainnya', name: 'Other' },
] as const satisfies readonly CodeEntry<number>[];

export type ShdkCode = CodeOf<typeof SHDK>;

/** Named SHDK codes: `Shdk.KEPALA_KELUARGA === 1`. */
export const Shdk = {
  KEPALA_KELUARGA: 1,
  SUAMI: 2,
  ISTRI: 3,
  ANAK: 4,
  MENANTU: 5,
  CUCU: 6,
  ORANG_TUA: 7,
  MERTUA: 8,
  FAMILI_LAIN: 9,
  PEMBANTU: 10,
  LAINNYA: 11,
} as const satisfies Record<string, ShdkCode>;
