/** What the parts of a case screen share: the record's type, announcements, and problems in words. */
import type { DeedsComponents } from '@adminduk/clients';
import { RELIGIONS } from '@adminduk/domain';
import { currentLanguage, errorMessage, i18n } from '../../i18n/i18n';
import type { Outcome, ProblemLine } from './outcome';
import { w } from './words';

export type DeedView = DeedsComponents['schemas']['DeedView'];

export interface Announcement {
  readonly kind: 'ok' | 'error';
  readonly text: string;
  readonly items?: readonly string[];
}

/** The label of a particular's path ('child.fullName' → "Nama lengkap anak"; 'particulars.place' → "Tempat kejadian"). */
export function fieldLabel(path: string | undefined): string {
  if (!path) return '';
  const parts = path.replace(/^particulars\./, '').split('.');
  const [group, leaf] = parts as [string, string | undefined];
  if (leaf === undefined) return i18n.exists(`meja.top.${group}`) ? w(`top.${group}`) : group;
  if (!i18n.exists(`meja.leaf.${leaf}`)) return path;
  return w('fieldLabel', { leaf: w(`leaf.${leaf}`), group: i18n.exists(`meja.group.${group}`) ? w(`group.${group}`) : group });
}

/** A problem's item in words: the field, and the message of its code (the service's own text when the code is new). */
export function itemText(item: ProblemLine): string {
  const message = item.code && i18n.exists(`errors.${item.code}`) ? errorMessage(item.code) : item.message;
  const field = fieldLabel(item.field);
  return field ? `${field}: ${message}` : message;
}

/** The announcement for a refused call. */
export function refusal(answer: Extract<Outcome<unknown>, { ok: false }>): Announcement {
  return { kind: 'error', text: errorMessage(answer.code), items: answer.items.map(itemText) };
}

/** A religion code in words: the domain's label as printed on the KK (its English name in English). */
export function religionWord(code: unknown): string {
  const religion = RELIGIONS.find((r) => r.code === code);
  return religion ? (currentLanguage() === 'en' ? religion.name : religion.label) : String(code);
}
