/**
 * A NIK typed into a form, read with the domain's parseNik as the services read it: for the partner's report, the
 * village team's completion of a report, and every other form that takes a NIK.
 */
import { parseNik } from '@adminduk/domain';

/** A NIK as typed, without the spaces and dots people copy from a card ('53.16.01.410390.0001'). */
export function cleanNik(typed: string): string {
  return typed.replace(/[\s.]/g, '');
}

export type NikReading = { readonly ok: true; readonly sex: 'M' | 'F'; readonly birthDate: string } | { readonly ok: false; readonly codes: readonly string[] };

/** What a NIK says (sex and birth date, to catch a typo), or the domain's codes of what is wrong with it. */
export function readNik(typed: string, asOf: string): NikReading {
  const parsed = parseNik(cleanNik(typed), { asOf });
  return parsed.ok ? { ok: true, sex: parsed.value.sex, birthDate: parsed.value.birthDate } : { ok: false, codes: [...new Set(parsed.errors.map((e) => e.code))] };
}

