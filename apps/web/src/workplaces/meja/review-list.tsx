/**
 * Pemeriksaan Data: the open reviews of the deeds events in the person's region (identity's GET /deed-event-reviews,
 * OPEN), the most urgent first (review-rules.ts: held for a registrar's decision first, then the longest waiting).
 * Each says, in words, the deed (type and number, read from deeds), what is held or left undone and why (the items:
 * the field and the message of its code), the state, the kecamatan and village, and since when. A list of short
 * blocks rather than a table: it reads the same on a 390 px phone and on the desk's screen.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { outcome } from './outcome';
import { followPlace, placeHref, type MejaPlace } from './place';
import { codeTitle, deedNumberText, districtName, eventTitle, readDeeds, REVIEWS_CHANGED, reviewItemText, villageName, type DeedRead } from './review-common';
import { sortReviews, type ReviewView } from './review-rules';
import { rw } from './review-words';

/** As many as identity gives in one page. */
export const REVIEW_PAGE = 200;

/** At most this many reasons on a line of the list (the review shows them all). */
const REASONS_SHOWN = 3;

export function ReviewList() {
  const { api } = useServices();
  const lang = currentLanguage();
  const [reviews, setReviews] = useState<ReviewView[]>([]);
  const [deeds, setDeeds] = useState<Map<string, DeedRead>>(new Map());
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    void (async () => {
      const answer = await outcome(api.identity.GET('/deed-event-reviews', { params: { query: { status: 'OPEN', limit: REVIEW_PAGE } } }));
      if (!live) return;
      if (!answer.ok) {
        setProblem(errorMessage(answer.code));
        setState('failed');
        return;
      }
      const sorted = sortReviews(answer.data.items);
      setReviews(sorted);
      setState('ready');
      const read = await readDeeds(api, sorted.map((r) => r.deedId));
      if (live) setDeeds(read);
    })();
    return () => {
      live = false;
    };
  }, []);

  return (
    <section class="rv" aria-labelledby="meja-reviews-title" data-section="pemeriksaan">
      <h2 id="meja-reviews-title" tabIndex={-1}>
        {rw('list.title')}
      </h2>
      <p class="lead">{rw('list.lead')}</p>
      <p class="notice error-text" role="alert">
        {problem ?? ''}
      </p>
      <p class="status" role="status">
        {state === 'loading' ? rw('list.loading') : state === 'ready' ? (reviews.length === 0 ? rw('list.empty') : rw('list.count', { count: reviews.length })) : ''}
      </p>
      {reviews.length > 0 && (
        <ul class="rv-list" aria-label={rw('list.caption')}>
          {reviews.map((review) => {
            const read = deeds.get(review.deedId);
            const deed = read?.ok ? read.deed : undefined;
            const what = codeTitle(review.code);
            const deedLine = [eventTitle(review, deed), deedNumberText(read)].filter((x) => x !== '').join(' · ');
            const place: MejaPlace = { section: 'pemeriksaan', reviewId: review.id };
            const village = villageName(deed?.villageCode);
            const reasons = review.items.filter((i) => i.field || i.code);
            return (
              <li key={review.id} class={`rv-item ${review.held ? 'rv-held' : 'rv-todo'}`} data-review={review.id}>
                <h3 class="rv-what">
                  <a href={placeHref(place)} onClick={followPlace(place)} aria-label={rw('list.open', { what, deed: deedLine })}>
                    {what}
                  </a>
                </h3>
                <p class="rv-deed">{deedLine}</p>
                <p class="rv-state">
                  <strong>{review.held ? rw('held.yes') : rw('held.no')}</strong>
                </p>
                {reasons.length > 0 && (
                  <ul class="rv-reasons">
                    {reasons.slice(0, REASONS_SHOWN).map((item, i) => (
                      <li key={i}>{reviewItemText(item)}</li>
                    ))}
                    {reasons.length > REASONS_SHOWN && <li>…</li>}
                  </ul>
                )}
                <p class="rv-place">
                  {[districtName(review.districtCode), village, rw('list.since', { date: formatDate(review.createdAt, lang) })].filter(Boolean).join(' · ')}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {reviews.length >= REVIEW_PAGE && <p class="hint">{rw('list.more', { count: REVIEW_PAGE })}</p>}
    </section>
  );
}

/**
 * The number of open reviews for the desk's badge (undefined until known, or when the person may not read them),
 * counted again after a decision (REVIEWS_CHANGED) and whenever the person moves inside the desk.
 */
export function useOpenReviewCount(enabled: boolean, moved: unknown): number | undefined {
  const { api } = useServices();
  const [count, setCount] = useState<number>();
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const again = () => setAsked((n) => n + 1);
    window.addEventListener(REVIEWS_CHANGED, again);
    return () => window.removeEventListener(REVIEWS_CHANGED, again);
  }, []);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void outcome(api.identity.GET('/deed-event-reviews', { params: { query: { status: 'OPEN', limit: REVIEW_PAGE } } })).then((answer) => {
      if (live && answer.ok) setCount(answer.data.items.length);
    });
    return () => {
      live = false;
    };
  }, [enabled, asked, moved]);
  return enabled ? count : undefined;
}

/** The badge beside "Pemeriksaan Data": the number, and in words for a screen reader. */
export function ReviewBadge({ count }: { readonly count: number | undefined }) {
  if (count === undefined || count === 0) return null;
  const words = count >= REVIEW_PAGE ? rw('badgeMore', { count: REVIEW_PAGE - 1 }) : rw('badge', { count });
  return (
    <span class="meja-badge" data-count={count}>
      <span aria-hidden="true">{count >= REVIEW_PAGE ? `${REVIEW_PAGE - 1}+` : count}</span>
      <span class="visually-hidden"> ({words})</span>
    </span>
  );
}
