/**
 * Religion (agama) as recorded on the KK and e-KTP. 'Kepercayaan terhadap Tuhan YME' (indigenous faiths) is
 * recorded since Constitutional Court decision 97/PUU-XIV/2016. `siakCode` is the numeric code SIAK uses.
 */
import type { CodeEntry, CodeOf } from './code-list.js';

export const RELIGIONS = [
  { code: 'ISLAM', siakCode: 1, label: 'Islam', name: 'Islam' },
  { code: 'KRISTEN', siakCode: 2, label: 'Kristen', name: 'Christianity (Protestant)' },
  { code: 'KATOLIK', siakCode: 3, label: 'Katolik', name: 'Catholicism' },
  { code: 'HINDU', siakCode: 4, label: 'Hindu', name: 'Hinduism' },
  { code: 'BUDDHA', siakCode: 5, label: 'Buddha', name: 'Buddhism' },
  { code: 'KHONGHUCU', siakCode: 6, label: 'Khonghucu', name: 'Confucianism' },
  { code: 'KEPERCAYAAN', siakCode: 7, label: 'Kepercayaan terhadap Tuhan YME', name: 'Indigenous belief in the One God' },
] as const satisfies readonly (CodeEntry<string> & { readonly siakCode: number })[];

export type Religion = CodeOf<typeof RELIGIONS>;
