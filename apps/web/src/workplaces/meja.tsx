/**
 * Meja Petugas (desktop first, 1366 px; usable at 1024 px): the clerk's and the registrar's desk. Its sections sit
 * under one heading with their own navigation: Kasus Akta (the deed cases: the queue, a case, its documents and
 * steps, the kutipan), Penduduk & KK (residents and family cards) and Pemeriksaan Data (identity's reviews of the
 * deeds events: what the register holds for a registrar's decision, with the count of open ones as a badge) and Impor
 * Data (a village's register file uploaded and its report read: meja/import-view.tsx). Where
 * the person is inside the desk is kept in the address (meja/place.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n, loadErrorMessages } from '../i18n/i18n';
import { useServices, useSessionState } from '../shell/context';
import { PageTitle } from '../shell/pages';
import { CaseView } from './meja/case-view';
import PendudukKk from './penduduk';
import { followPlace, placeHref, useMejaPlace, type MejaPlace } from './meja/place';
import { OpenCase } from './meja/open-case';
import { Queue } from './meja/queue';
import { ReviewBadge, ReviewList, useOpenReviewCount } from './meja/review-list';
import { mayReadReviews } from './meja/review-rules';
import { rw } from './meja/review-words';
import { ReviewScreen } from './meja/review-view';
import { w } from './meja/words';
import { ImportScreen } from './meja/import-view';
import { iw } from './meja/import-words';
import './meja/meja.css';

const SECTIONS: readonly { readonly key: MejaPlace['section']; readonly place: MejaPlace }[] = [
  { key: 'akta', place: { section: 'akta' } },
  { key: 'penduduk', place: { section: 'penduduk' } },
  { key: 'pemeriksaan', place: { section: 'pemeriksaan' } },
  { key: 'impor', place: { section: 'impor' } },
];

const FOCUS_ON_ARRIVAL: Record<MejaPlace['section'], string> = {
  akta: 'meja-queue-title',
  penduduk: 'meja-penduduk-title',
  pemeriksaan: 'meja-reviews-title',
  impor: 'meja-impor-title',
};

/** The place's own record (a case, a review), which focuses its heading once loaded. */
function recordOf(place: MejaPlace): string | undefined {
  return place.section === 'akta' ? place.caseId : place.section === 'pemeriksaan' ? place.reviewId : place.section === 'impor' ? place.jobId : undefined;
}

export default function MejaPetugas() {
  const { session } = useServices();
  const state = useSessionState(session);
  const place = useMejaPlace();
  // The services' messages (errors.<CODE>) are a separate chunk: the desk shows nothing of its own until they are in.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadErrorMessages().finally(() => setReady(true));
  }, []);
  // Moving within the desk moves the focus to the heading of what opened (a case focuses its own once loaded).
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) {
      moved.current = true;
      return;
    }
    if (!recordOf(place)) requestAnimationFrame(() => document.getElementById(FOCUS_ON_ARRIVAL[place.section])?.focus());
  }, [place.section, recordOf(place)]);
  const roles = state.status === 'signed-in' ? state.person.roles : [];
  const readsReviews = mayReadReviews(roles);
  const openReviews = useOpenReviewCount(readsReviews, `${place.section}:${recordOf(place) ?? ''}`);
  if (state.status !== 'signed-in') return null;
  return (
    <section class="page workplace meja" data-workplace="meja">
      <PageTitle>{i18n.t('workplaces.meja.title')}</PageTitle>
      <nav class="meja-sections" aria-label={w('sections.label')}>
        <ul>
          {SECTIONS.filter((s) => s.key !== 'pemeriksaan' || readsReviews).map((s) => (
            <li key={s.key}>
              <a href={placeHref(s.place)} onClick={followPlace(s.place)} aria-current={place.section === s.key ? 'page' : undefined} data-section-link={s.key}>
                {s.key === 'pemeriksaan' ? rw('section') : s.key === 'impor' ? iw('section') : w(`sections.${s.key}`)}
                {s.key === 'pemeriksaan' && <ReviewBadge count={openReviews} />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!ready ? null : place.section === 'impor' ? (
        <ImportScreen person={state.person} jobId={place.jobId} key={place.jobId ?? ''} />
      ) : place.section === 'penduduk' ? (
        <PendudukKk />
      ) : place.section === 'pemeriksaan' ? (
        place.reviewId ? (
          <ReviewScreen id={place.reviewId} person={state.person} key={place.reviewId} />
        ) : (
          <ReviewList />
        )
      ) : place.caseId ? (
        <CaseView id={place.caseId} person={state.person} key={place.caseId} />
      ) : (
        <>
          <p class="lead">{w('lead')}</p>
          {(state.person.roles.includes('operator') || state.person.roles.includes('registrar')) && <OpenCase person={state.person} />}
          <Queue />
        </>
      )}
    </section>
  );
}
