/**
 * Meja Petugas (desktop first, 1366 px; usable at 1024 px): the clerk's and the registrar's desk. Its sections sit
 * under one heading with their own navigation: Kasus Akta (the deed cases: the queue, a case, its documents and
 * steps, the kutipan) and Penduduk & KK (residents and family cards, still being built). Where the person is
 * inside the desk is kept in the address (meja/place.ts).
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
import { w } from './meja/words';
import './meja/meja.css';

const SECTIONS: readonly { readonly key: 'akta' | 'penduduk'; readonly place: MejaPlace }[] = [
  { key: 'akta', place: { section: 'akta' } },
  { key: 'penduduk', place: { section: 'penduduk' } },
];

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
    if (place.section === 'penduduk' || !place.caseId) {
      requestAnimationFrame(() => document.getElementById(place.section === 'penduduk' ? 'meja-penduduk-title' : 'meja-queue-title')?.focus());
    }
  }, [place.section, place.section === 'akta' ? place.caseId : undefined]);
  if (state.status !== 'signed-in') return null;
  return (
    <section class="page workplace meja" data-workplace="meja">
      <PageTitle>{i18n.t('workplaces.meja.title')}</PageTitle>
      <nav class="meja-sections" aria-label={w('sections.label')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.key}>
              <a href={placeHref(s.place)} onClick={followPlace(s.place)} aria-current={place.section === s.key ? 'page' : undefined}>
                {w(`sections.${s.key}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!ready ? null : place.section === 'penduduk' ? (
        <PendudukKk />
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
