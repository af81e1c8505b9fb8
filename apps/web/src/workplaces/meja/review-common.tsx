/**
 * What the review list and a review share: the deed a review is about (read from deeds by its id: its type, number,
 * village and particulars; a KUA marriage report has no deed case), the words of a review's code and event, the
 * place, and the signal that the count of open reviews changed (a decision made).
 */
import type { DeedsComponents } from '@adminduk/clients';
import { findRegion } from '@adminduk/domain';
import type { Api } from '../../api/clients';
import { villagesOf } from '../../region/villages';
import { outcome } from './outcome';
import { itemText } from './case-common';
import { deedTypeOfSubject, eventKindOfSubject, reviewFieldPath, type ReviewItem, type ReviewView } from './review-rules';
import { rw } from './review-words';
import { w } from './words';

export type DeedView = DeedsComponents['schemas']['DeedView'];

/** A deed as read: the record, or why not (a KUA marriage report is no deed case: NOT_FOUND). */
export type DeedRead = { readonly ok: true; readonly deed: DeedView } | { readonly ok: false; readonly code: string };

/** Fired on window when a decision changed the open reviews (the desk's badge counts again). */
export const REVIEWS_CHANGED = 'meja:reviews-changed';

export async function readDeed(api: Api, id: string): Promise<DeedRead> {
  const answer = await outcome(api.deeds.GET('/deeds/{id}', { params: { path: { id } } }));
  return answer.ok ? { ok: true, deed: answer.data } : { ok: false, code: answer.code };
}

/** The deeds of these ids, a few at a time (the list's deed numbers and villages). */
export async function readDeeds(api: Api, ids: readonly string[]): Promise<Map<string, DeedRead>> {
  const found = new Map<string, DeedRead>();
  const queue = [...new Set(ids)];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) found.set(id, await readDeed(api, id));
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  return found;
}

/** "Data diri pada akta berbeda dengan data penduduk". */
export function codeTitle(code: string): string {
  return rw(`code.${code}`);
}

/** "Akta Kematian", "Pembetulan Akta Kelahiran", "Pembetulan akta" (the type from the deed when the event has none). */
export function eventTitle(review: Pick<ReviewView, 'subject'>, deed?: DeedView): string {
  const type = deedTypeOfSubject(review.subject) ?? deed?.deedType;
  const kind = eventKindOfSubject(review.subject);
  if (!type) return rw(`event.${kind}`);
  const typeWord = w(`type.${type}`);
  return kind === 'REGISTERED' ? rw('event.REGISTERED', { type: typeWord }) : rw(`event.${kind}_TYPE`, { type: typeWord });
}

/** The deed's number, or what is known instead. */
export function deedNumberText(read: DeedRead | undefined): string {
  if (!read) return '';
  if (!read.ok) return rw('deedUnknown');
  return read.deed.deedNumber ?? rw('noNumber');
}

/** An item in words: "Nama lengkap yang meninggal: Nama keluarga … berbeda …", "Kartu Keluarga: …". */
export function reviewItemText(item: ReviewItem): string {
  if (item.field === 'familyCard') return `${rw('familyCard')}: ${itemText({ ...item, field: undefined })}`;
  return itemText({ ...item, field: reviewFieldPath(item.field) });
}

export function districtName(code: string): string {
  return findRegion(code)?.name ?? code;
}

export function villageName(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  return villagesOf(code.slice(0, 6)).find((v) => v.code === code)?.name ?? code;
}

export function announceReviewsChanged(): void {
  window.dispatchEvent(new Event(REVIEWS_CHANGED));
}
