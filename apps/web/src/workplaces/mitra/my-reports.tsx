/**
 * Laporan saya: the institution's reports, newest first (GET /notifications, paged with `before`), each with its
 * type, the day of the event, where it stands in words (Dilaporkan → Diverifikasi → Tercatat → Akta siap) and the
 * deed number once registered. The service gives no personal data, and none is shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import { currentLanguage, errorMessage, i18n } from '../../i18n/i18n';
import { formatDate, formatTime } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { ROAD, stageOf, stepOf, type NotificationView } from './report-rules';

const t = (key: string, options?: Record<string, string | number>) => i18n.t(key, options);
const PAGE = 20;

type Problem = { readonly offline: true } | { readonly code: string };

function Road({ view }: { readonly view: NotificationView }) {
  const stage = stageOf(view);
  const step = stepOf(stage);
  if (step < 0) return null;
  return (
    <ol class="road" aria-label={t('mitra.mine.road')}>
      {ROAD.map((s, i) => (
        <li key={s} class={i < step ? 'done' : i === step ? 'now' : 'later'} aria-current={i === step ? 'step' : undefined}>
          <span class="road-mark" aria-hidden="true">
            {i <= step ? '●' : '○'}
          </span>
          <span>{t(`mitra.stages.${s}`)}</span>
          {i < step && <span class="visually-hidden"> ({t('mitra.stepDone')})</span>}
        </li>
      ))}
    </ol>
  );
}

function Report({ view }: { readonly view: NotificationView }) {
  const lang = currentLanguage();
  const stage = stageOf(view);
  return (
    <li class={`report-card stage-${stage.toLowerCase()}`} data-id={view.id} data-stage={stage}>
      <h3>{t(`mitra.types.${view.deedType}`)}</h3>
      <dl>
        <div>
          <dt>{t('mitra.mine.event')}</dt>
          <dd>{view.eventDate ? formatDate(view.eventDate, lang) : '—'}</dd>
        </div>
        <div>
          <dt>{t('mitra.mine.status')}</dt>
          <dd class="stage-word">
            {stage === 'READY' && <span aria-hidden="true">✓ </span>}
            {t(`mitra.stages.${stage}`)}
          </dd>
        </div>
        {view.deedNumber && (
          <div>
            <dt>{t('mitra.mine.deedNumber')}</dt>
            <dd class="deed-number">{view.deedNumber}</dd>
          </div>
        )}
      </dl>
      {view.duplicate && <p class="report-note">{t('mitra.mine.duplicate')}</p>}
      <Road view={view} />
    </li>
  );
}

export function MyReports() {
  const { api } = useServices();
  const [items, setItems] = useState<readonly NotificationView[]>();
  const [next, setNext] = useState<string>();
  // Busy from the start: the list is loaded as the view opens.
  const [busy, setBusy] = useState<'refresh' | 'more' | undefined>('refresh');
  const [problem, setProblem] = useState<Problem>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const load = async (before?: string) => {
    setBusy(before ? 'more' : 'refresh');
    setProblem(undefined);
    try {
      const { data, error } = await api.deeds.GET('/notifications', { params: { query: { limit: PAGE, ...(before ? { before } : {}) } } });
      if (!live.current) return;
      if (data) {
        setItems((old) => (before ? [...(old ?? []), ...data.items] : data.items));
        setNext(data.next);
        if (!before) setUpdatedAt(new Date());
      } else setProblem({ code: problemCode(error) ?? 'HTTP_ERROR' });
    } catch {
      if (live.current) setProblem({ offline: true });
    } finally {
      if (live.current) setBusy(undefined);
    }
  };

  useEffect(() => {
    void load();
  }, []);

  const lang = currentLanguage();
  return (
    <section class="mitra-mine" aria-labelledby="mitra-mine-title" aria-busy={busy !== undefined}>
      <div class="mine-head">
        <h2 id="mitra-mine-title" tabIndex={-1}>{t('mitra.mine.title')}</h2>
        <button type="button" class="button secondary" onClick={() => void load()} disabled={busy !== undefined}>
          {busy === 'refresh' ? t('mitra.mine.refreshing') : t('mitra.mine.refresh')}
        </button>
      </div>
      <p class="hint">{t('mitra.mine.lead')}</p>
      <p class="status" role="status">
        {busy === 'refresh' && items === undefined ? t('mitra.mine.loading') : updatedAt ? t('mitra.mine.updated', { time: formatTime(updatedAt, lang) }) : ''}
      </p>
      {problem && (
        <p class="notice error-text" role="alert">
          {'offline' in problem ? t('mitra.mine.offline') : errorMessage(problem.code)}
        </p>
      )}
      {items && items.length === 0 && <p class="notice">{t('mitra.mine.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="report-list">
          {items.map((v) => (
            <Report view={v} key={v.id} />
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="button secondary more" onClick={() => void load(next)} disabled={busy !== undefined}>
          {t('mitra.mine.more')}
        </button>
      )}
    </section>
  );
}
