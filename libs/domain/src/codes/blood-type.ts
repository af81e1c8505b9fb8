/** Blood type (golongan darah) as printed on the KK, with the numeric codes SIAK uses (1–13). */
import type { CodeEntry, CodeOf } from './code-list.js';

export const BLOOD_TYPES = [
  { code: 1, label: 'A', name: 'A' },
  { code: 2, label: 'B', name: 'B' },
  { code: 3, label: 'AB', name: 'AB' },
  { code: 4, label: 'O', name: 'O' },
  { code: 5, label: 'A+', name: 'A positive' },
  { code: 6, label: 'A-', name: 'A negative' },
  { code: 7, label: 'B+', name: 'B positive' },
  { code: 8, label: 'B-', name: 'B negative' },
  { code: 9, label: 'AB+', name: 'AB positive' },
  { code: 10, label: 'AB-', name: 'AB negative' },
  { code: 11, label: 'O+', name: 'O positive' },
  { code: 12, label: 'O-', name: 'O negative' },
  { code: 13, label: 'Tidak Tahu', name: 'Unknown' },
] as const satisfies readonly CodeEntry<number>[];

export type BloodType = CodeOf<typeof BLOOD_TYPES>;
