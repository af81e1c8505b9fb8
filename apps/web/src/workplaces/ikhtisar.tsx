/**
 * Ikhtisar (overview; analysts, and everyone signed in): today's figures of the person's region from the reporting
 * service (GET /indicators: a handful of the key indicators, with value, target and whether it is reached, in
 * words), and the way into the reporting dashboard. Says so honestly when the service has counted nothing yet.
 * Its second part, Rapor Kemendagri (ikhtisar/rapor.tsx), is the Ministry's scorecard of the same region for a year;
 * which part and year are open is kept in the address (ikhtisar/place.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemCode } from '../api/clients';
import { currentLanguage, errorMessage, i18n, loadErrorMessages } from '../i18n/i18n';
import { formatDate } from '../i18n/format';
import { useServices, useSessionState } from '../shell/context';
import { PageTitle } from '../shell/pages';
import { dashboardLink, hasData, keyFigures, regionFor, regionName, type Figure, type IndicatorsView } from './ikhtisar/figures';
import { followPlace, goTo, useIkhtisarPlace } from './ikhtisar/place';
import { Rapor } from './ikhtisar/rapor';
import { officeYear, placeHref, type IkhtisarPlace } from './ikhtisar/rapor-rules';
import './ikhtisar/words';
import './ikhtisar/ikhtisar.css';

const t = (key: string, options?: Record<string, string | number>) => i18n.t(key, options);

const MARK: Readonly<Record<Figure['reached'], string>> = { REACHED: '✓', NOT_REACHED: '✗', NO_TARGET: '–', NO_VALUE: '–' };
const REACHED_WORD: Readonly<Record<Figure['reached'], string>> = { REACHED: 'reached', NOT_REACHED: 'notReached', NO_TARGET: 'noTarget', NO_VALUE: 'noTarget' };

function FigureCard({ figure }: { readonly figure: Figure }) {
  const id = `figure-${figure.id}`;
  const unit = figure.targetIsMaximum ? (v: string) => t('ikhtisar.days', { count: v }) : (v: string) => v;
  return (
    <li class={`figure reached-${figure.reached.toLowerCase()}`} data-indicator={figure.id} aria-labelledby={id}>
      <h3 id={id}>{t(`ikhtisar.indicators.${figure.id}`)}</h3>
      <p class={`figure-value${figure.value === undefined ? ' no-value' : ''}`}>{figure.value === undefined ? t('ikhtisar.noValue') : unit(figure.value)}</p>
      {figure.target !== undefined && <p class="figure-target">{t(figure.targetIsMaximum ? 'ikhtisar.targetAtMost' : 'ikhtisar.target', { target: unit(figure.target) })}</p>}
      {figure.value !== undefined && figure.target !== undefined && (
        <p class="figure-reached">
          <span aria-hidden="true">{MARK[figure.reached]} </span>
          {t(`ikhtisar.${REACHED_WORD[figure.reached]}`)}
        </p>
      )}
      <p class="figure-whole">
        {figure.part !== undefined
          ? t('ikhtisar.ofWhole', { part: figure.part, whole: figure.whole, what: t(`ikhtisar.wholes.${figure.id}`) })
          : t('ikhtisar.countOf', { whole: figure.whole, what: t(`ikhtisar.wholes.${figure.id}`) })}
      </p>
    </li>
  );
}

type Problem = { readonly offline: true } | { readonly code: string };

const SECTIONS: readonly { readonly key: IkhtisarPlace['section']; readonly place: IkhtisarPlace }[] = [
  { key: 'angka', place: { section: 'angka' } },
  { key: 'rapor', place: { section: 'rapor' } },
];

export default function Ikhtisar() {
  const { session } = useServices();
  const state = useSessionState(session);
  const place = useIkhtisarPlace();
  const region = state.status === 'signed-in' ? regionFor(state.person.regions) : undefined;
  // Moving between the parts moves the focus to the heading of what opened (not on arrival: the shell's own).
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) {
      moved.current = true;
      return;
    }
    requestAnimationFrame(() => document.getElementById(place.section === 'rapor' ? 'ikhtisar-rapor-title' : 'ikhtisar-figures')?.focus());
  }, [place.section]);
  const currentYear = officeYear();
  // Busy while the open part loads (its own state, said on the workplace as a whole).
  const [busy, setBusy] = useState(false);
  return (
    <section class="page workplace ikhtisar" data-workplace="ikhtisar" aria-busy={busy}>
      <PageTitle>{t('workplaces.ikhtisar.title')}</PageTitle>
      <nav class="ikhtisar-sections" aria-label={t('ikhtisar.sections.label')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.key}>
              <a href={placeHref(s.place)} onClick={followPlace(s.place)} aria-current={place.section === s.key ? 'page' : undefined} data-section-link={s.key}>
                {t(`ikhtisar.sections.${s.key}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {place.section === 'rapor' && state.status === 'signed-in' ? (
        <Rapor
          person={state.person}
          region={region}
          year={place.year ?? currentYear}
          currentYear={currentYear}
          onYear={(year) => goTo({ section: 'rapor', year })}
          onBusy={setBusy}
        />
      ) : (
        <Figures region={region} onBusy={setBusy} />
      )}
    </section>
  );
}

/** Today's figures (the first part). */
function Figures({ region, onBusy }: { readonly region: string | undefined; readonly onBusy: (busy: boolean) => void }) {
  const { api, config } = useServices();
  const [view, setView] = useState<IndicatorsView>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const live = useRef(true);

  const load = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const { data, error } = await api.reporting.GET('/indicators', { params: { query: region ? { region } : {} } });
      if (!live.current) return;
      if (data) setView(data);
      else {
        await loadErrorMessages();
        setProblem({ code: problemCode(error) ?? 'HTTP_ERROR' });
      }
    } catch {
      if (live.current) setProblem({ offline: true });
    } finally {
      if (live.current) setBusy(false);
    }
  };
  useEffect(() => {
    live.current = true;
    void load();
    return () => {
      live.current = false;
    };
  }, [region]);

  useEffect(() => onBusy(busy), [busy]);
  const lang = currentLanguage();
  const figures = view ? keyFigures(view, lang) : [];
  return (
    <div class="ikhtisar-figures">
      <p class="lead">{t('workplaces.ikhtisar.lead')}</p>
      <div class="ikhtisar-head">
        <h2 id="ikhtisar-figures" tabIndex={-1}>
          {t('ikhtisar.figuresTitle')}
        </h2>
        <button type="button" class="button secondary" onClick={() => void load()} disabled={busy}>
          {busy && view ? t('ikhtisar.refreshing') : t('ikhtisar.refresh')}
        </button>
      </div>
      <p class="status ikhtisar-region" role="status">
        {view ? t('ikhtisar.region', { region: regionName(view.region), date: formatDate(view.asOf, lang) }) : busy ? t('ikhtisar.loading') : ''}
      </p>
      {problem && (
        <p class="notice error-text" role="alert">
          {'offline' in problem ? t('ikhtisar.offline') : errorMessage(problem.code)}
        </p>
      )}
      {view && !hasData(view) && (
        <p class="notice" data-empty>
          {t('ikhtisar.empty', { region: regionName(view.region) })}
        </p>
      )}
      {view && hasData(view) && (
        <ul class="figures" aria-labelledby="ikhtisar-figures">
          {figures.map((f) => (
            <FigureCard figure={f} key={f.id} />
          ))}
        </ul>
      )}
      <h2>{t('ikhtisar.dashboardTitle')}</h2>
      <p>
        <a class="button primary" href={dashboardLink(config.dashboardUrl, view?.region.code ?? region)}>
          {t('workplaces.ikhtisar.dashboard')}
        </a>
      </p>
      <p class="hint">{t('workplaces.ikhtisar.dashboardHint')}</p>
    </div>
  );
}
