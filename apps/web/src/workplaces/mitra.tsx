/**
 * Laporan Mitra (phone first, 390 px): a midwife at a Pustu or a parish secretary reports a birth (BLAS) or a death
 * (OMAS) in under a minute, and follows the institution's reports until *Akta siap*; the keeper of a burial register
 * reports a burial (Laporan Pemakaman). Views of one page: a report being typed survives a switch to "Laporan saya"
 * and back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n, loadErrorMessages } from '../i18n/i18n';
import { useServices, useSessionState } from '../shell/context';
import { PageTitle } from '../shell/pages';
import { BurialForm } from './mitra/burial-form';
import { MyReports } from './mitra/my-reports';
import { ReportForm } from './mitra/report-form';
import './mitra/words';
import './mitra/mitra.css';

const t = (key: string) => i18n.t(key);

type View = 'report' | 'burial' | 'mine';
/** The view last open, while the app is open. */
let keptView: View = 'report';

export default function LaporanMitra() {
  const { session } = useServices();
  const state = useSessionState(session);
  const [view, setViewState] = useState<View>(keptView);
  const [, setMessagesReady] = useState(false);
  const switched = useRef(false);
  useEffect(() => {
    // The services' messages (errors.<CODE>) come as their own chunk; the screen shows them once loaded.
    void loadErrorMessages().then(() => setMessagesReady(true));
  }, []);
  useEffect(() => {
    if (!switched.current) return;
    switched.current = false;
    document.getElementById(view === 'report' ? 'mitra-form-title' : view === 'burial' ? 'mitra-burial-title' : 'mitra-mine-title')?.focus();
  }, [view]);
  const setView = (next: View) => {
    keptView = next;
    switched.current = true;
    setViewState(next);
  };
  if (state.status !== 'signed-in') return null;
  return (
    <section class="page workplace mitra" data-workplace="mitra">
      <PageTitle>{t('workplaces.mitra.title')}</PageTitle>
      <p class="lead">{t('mitra.lead')}</p>
      <div class="mitra-views" role="group" aria-label={t('mitra.views.label')}>
        {(['report', 'burial', 'mine'] as const).map((v) => (
          <button type="button" class="chip" aria-pressed={view === v} onClick={() => setView(v)} key={v}>
            {t(`mitra.views.${v}`)}
          </button>
        ))}
      </div>
      {view === 'report' ? <ReportForm person={state.person} onFollow={() => setView('mine')} /> : view === 'burial' ? <BurialForm person={state.person} /> : <MyReports />}
    </section>
  );
}
