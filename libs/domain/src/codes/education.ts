/** Last education (pendidikan terakhir) as printed on the KK, with the numeric codes SIAK uses (1–10). */
import type { CodeEntry, CodeOf } from './code-list.js';

export const EDUCATION_LEVELS = [
  { code: 1, label: 'Tidak/Belum Sekolah', name: 'No schooling / not yet in school' },
  { code: 2, label: 'Belum Tamat SD/Sederajat', name: 'Primary school not completed' },
  { code: 3, label: 'Tamat SD/Sederajat', name: 'Primary school' },
  { code: 4, label: 'SLTP/Sederajat', name: 'Junior secondary school' },
  { code: 5, label: 'SLTA/Sederajat', name: 'Senior secondary school' },
  { code: 6, label: 'Diploma I/II', name: 'One- or two-year diploma' },
  { code: 7, label: 'Akademi/Diploma III/Sarjana Muda', name: 'Three-year diploma' },
  { code: 8, label: 'Diploma IV/Strata I', name: "Bachelor's degree or four-year diploma" },
  { code: 9, label: 'Strata II', name: "Master's degree" },
  { code: 10, label: 'Strata III', name: 'Doctorate' },
] as const satisfies readonly CodeEntry<number>[];

export type EducationLevel = CodeOf<typeof EDUCATION_LEVELS>;
