/**
 * Rapor Kemendagri (Ikhtisar's second part): the Ministry's scorecard of the person's region for a year (GET
 * /scorecard): one card per Ministry indicator with its target, the office's value and whether the target is met, in
 * words; how the value came about (computed, entered by hand by whom and when, not measured); its definition and
 * formula; for those computed per region the ranking of the kecamatan or villages below (loaded when opened); for a
 * registrar or an analyst of the regency, a form on the hand-entered ones. Then the CSV and the printable page of the
 * same year and region, the office's own indicators apart, and the data-access agreements when the answer has them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '../../auth/person';
import { serviceBase } from '../../config/runtime-config';
import { currentLanguage, errorMessage, i18n, loadErrorMessages } from '../../i18n/i18n';
import { formatDate, formatNumber, formatPercent, type Language } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { outcome } from '../meja/outcome';
import { regionName } from './figures';
import { scorecardText } from './rapor-texts';
import {
  exportLinks,
  isRanked,
  mayEnterValues,
  parseValue,
  rankingLevel,
  rankingValue,
  readRow,
  scorecardYears,
  worstFirst,
  type OfficeIndicator,
  type RankingView,
  type RowReading,
  type ScorecardRow,
  type ScorecardView,
} from './rapor-rules';

const t = (key: string, options?: Record<string, string | number>) => i18n.t(`ikhtisar.rapor.${key}`, options);

const SIGN: Readonly<Record<RowReading['standing'], string>> = { MET: '✓', NOT_MET: '✗', NO_TARGET: '–', NO_VALUE: '' };

function Standing({ reading, unit }: { readonly reading: RowReading; readonly unit: ScorecardRow['unit'] }) {
  if (reading.standing === 'NO_VALUE') return null;
  const words =
    reading.standing === 'MET'
      ? t('met')
      : reading.standing === 'NOT_MET'
        ? `${t('notMet')}${reading.gap !== undefined ? `, ${t(unit === 'PERCENT' ? 'shortPercent' : 'shortCount', { gap: reading.gap })}` : ''}`
        : t('withoutTarget');
  return (
    <p class="rapor-standing">
      <span aria-hidden="true">{SIGN[reading.standing]} </span>
      {words}
    </p>
  );
}

function Ranking({ row, view }: { readonly row: ScorecardRow; readonly view: ScorecardView }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const level = rankingLevel(view.region) ?? 'DISTRICT';
  const [state, setState] = useState<{ ranking?: RankingView; problem?: string; busy?: boolean }>({});
  const load = async () => {
    if (state.ranking || state.busy || row.officeIndicator === null) return;
    setState({ busy: true });
    const answer = await outcome(
      api.reporting.GET('/indicators/{id}/ranking', { params: { path: { id: row.officeIndicator }, query: { region: view.region.code, date: view.asOf } } }),
    );
    setState(answer.ok ? { ranking: answer.data } : { problem: errorMessage(answer.code) });
  };
  const what = t(`ranking.${level}`);
  const name = lang === 'en' ? row.nameEn : row.nameId;
  return (
    <details class="rapor-ranking" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void load()}>
      <summary>{what}</summary>
      {state.busy && <p class="status" role="status">{t('ranking.loading')}</p>}
      {state.problem && <p class="error-text" role="alert">{state.problem}</p>}
      {state.ranking && state.ranking.rows.length === 0 && <p>{t('ranking.empty')}</p>}
      {state.ranking && state.ranking.rows.length > 0 && (
        <div class="rapor-table-wrap" role="region" aria-label={what} tabIndex={0}>
          <table class="rapor-table" data-ranking={row.id}>
            <caption>{t('ranking.caption', { what, indicator: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ranking.rank')}</th>
                <th scope="col">{t('ranking.name')}</th>
                <th scope="col" class="num">{t('ranking.value')}</th>
                <th scope="col" class="num">{t('ranking.total')}</th>
              </tr>
            </thead>
            <tbody>
              {worstFirst(state.ranking).map((r) => (
                <tr key={r.code} data-region={r.code}>
                  <td>{r.rank}</td>
                  <th scope="row">{r.name}</th>
                  <td class="num">{rankingValue(r, row.unit, lang)}</td>
                  <td class="num">{r.total === null ? '< 5' : formatNumber(r.total, lang, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function EntryForm({ row, year, onSaved }: { readonly row: ScorecardRow; readonly year: number; readonly onSaved: (message: string, indicator: string) => void }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ busy?: boolean; problem?: string }>({});
  const input = useRef<HTMLInputElement>(null);
  const name = lang === 'en' ? row.nameEn : row.nameId;
  const id = `rapor-entry-${row.id}`;
  const save = async () => {
    const parsed = parseValue(value);
    if ('code' in parsed) {
      setState({ problem: errorMessage(parsed.code) });
      input.current?.focus();
      return;
    }
    setState({ busy: true });
    const answer = await outcome(
      api.reporting.POST('/scorecard/entries', { body: { indicator: row.id, year, value: parsed.value, ...(note.trim() ? { note: note.trim() } : {}) } }),
    );
    if (!answer.ok) {
      setState({ problem: errorMessage(answer.code) });
      input.current?.focus();
      return;
    }
    setState({});
    onSaved(t('entry.saved', { indicator: name }), row.id);
  };
  return (
    <details class="rapor-entry">
      <summary>{t('entry.open', { year })}</summary>
      <form
        class="rapor-form"
        aria-labelledby={`${id}-title`}
        aria-busy={state.busy === true}
        onSubmit={(e) => {
          e.preventDefault();
          if (!state.busy) void save();
        }}
      >
        <p id={`${id}-title`} class="rapor-form-title">
          {t('entry.title', { indicator: name, year })}
        </p>
        <div class="field">
          <label for={`${id}-value`}>{t(row.unit === 'PERCENT' ? 'entry.valuePercent' : 'entry.valueCount')}</label>
          <input
            id={`${id}-value`}
            ref={input}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={value}
            required
            aria-invalid={state.problem ? 'true' : undefined}
            aria-describedby={state.problem ? `${id}-problem` : undefined}
            onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for={`${id}-note`}>{t('entry.note')}</label>
          <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
        </div>
        {state.problem && (
          <p id={`${id}-problem`} class="error-text" role="alert">
            {state.problem}
          </p>
        )}
        <button type="submit" class="button primary" disabled={state.busy}>
          {state.busy ? t('entry.saving') : t('entry.save')}
        </button>
      </form>
    </details>
  );
}

function IndicatorCard(props: {
  readonly row: ScorecardRow;
  readonly view: ScorecardView;
  readonly person: Person;
  readonly mayEnter: boolean;
  readonly onSaved: (message: string, indicator: string) => void;
}) {
  const { row, view, person, mayEnter, onSaved } = props;
  const lang = currentLanguage();
  const reading = readRow(row, view.year, lang, (sub) => (sub === person.sub ? person.name : sub));
  const id = `rapor-${row.id}`;
  const definition = scorecardText(row.definition, lang);
  const formula = scorecardText(row.formula, lang);
  const source = row.targetSource === null ? undefined : scorecardText(row.targetSource, lang);
  const measured =
    reading.measured === 'ENTERED'
      ? t('entered', { who: reading.enteredBy ?? t('theOffice'), date: reading.enteredOn ?? '' })
      : reading.measured === 'NOT_MEASURED'
        ? t('notMeasured')
        : row.valueRegion !== view.region.code
          ? t('systemRegency')
          : t('system');
  return (
    <li class={`rapor-row standing-${reading.standing.toLowerCase()}`} data-indicator={row.id} data-status={row.status} aria-labelledby={id}>
      <h3 id={id} tabIndex={-1}>
        {lang === 'en' ? row.nameEn : row.nameId}
      </h3>
      <p class={`rapor-value${reading.value === undefined ? ' no-value' : ''}`}>
        {reading.value ?? t('noValue')}
        {reading.part !== undefined && <span class="rapor-whole"> ({t('ofWhole', { part: reading.part, whole: reading.whole ?? '' })})</span>}
      </p>
      <p class="rapor-target">
        {reading.target !== undefined ? t('target', { target: reading.target }) : t('noTarget')}
        {reading.targetOf !== undefined && ` ${t('targetOf', { year: reading.targetOf })}`}
      </p>
      <Standing reading={reading} unit={row.unit} />
      <p class={`rapor-measured measured-${reading.measured.toLowerCase()}`}>{measured}</p>
      {reading.note && <p class="rapor-note">{t('note', { note: reading.note })}</p>}
      <details class="rapor-about">
        <summary>{t('about')}</summary>
        <dl>
          <dt>{t('definition')}</dt>
          <dd lang={definition.lang}>{definition.text}</dd>
          <dt>{t('formula')}</dt>
          <dd lang={formula.lang}>{formula.text}</dd>
          {source && (
            <>
              <dt>{t('source')}</dt>
              <dd lang={source.lang}>{source.text}</dd>
            </>
          )}
        </dl>
      </details>
      {isRanked(row, view.region) && <Ranking row={row} view={view} />}
      {row.measurement === 'MANUAL' && mayEnter && <EntryForm row={row} year={view.year} onSaved={onSaved} key={`${view.year}:${row.entry?.id ?? ''}`} />}
    </li>
  );
}

function officeValue(o: OfficeIndicator, lang: Language): string {
  if (o.value === null) return t('noValue');
  if (typeof o.value === 'string') return formatDate(o.value, lang);
  if (o.unit === 'PERCENT') return formatPercent(o.value, lang);
  if (o.unit === 'DAYS') return i18n.t('ikhtisar.days', { count: formatNumber(o.value, lang, 1) });
  return formatNumber(o.value, lang, 0);
}

function officeName(o: OfficeIndicator): string {
  const key = i18n.exists(`ikhtisar.indicators.${o.id}`) ? `ikhtisar.indicators.${o.id}` : `ikhtisar.rapor.office.${o.id}`;
  return i18n.exists(key) ? i18n.t(key) : o.name;
}

function Exports({ view }: { readonly view: ScorecardView }) {
  const { api, config } = useServices();
  const links = exportLinks(serviceBase(config, 'reporting'), view.year, view.region.code);
  const [state, setState] = useState<{ busy?: boolean; problem?: string; done?: string }>({});
  // A plain click downloads with the person's token (the office's exact counts); the link itself is the public file.
  const download = async (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (state.busy) return;
    setState({ busy: true });
    const answer = await outcome(
      api.reporting.GET('/scorecard/export.csv', { params: { query: { year: String(view.year), region: view.region.code } }, parseAs: 'blob' }),
    );
    if (!answer.ok) {
      setState({ problem: errorMessage(answer.code) });
      return;
    }
    const file = `rapor-kemendagri_${view.region.code}_${view.year}.csv`;
    const url = URL.createObjectURL(answer.data as unknown as Blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setState({ done: t('exports.done', { file }) });
  };
  return (
    <section class="rapor-exports" aria-labelledby="rapor-exports-title">
      <h3 id="rapor-exports-title">{t('exports.title')}</h3>
      <p class="hint">{t('exports.hint', { year: view.year, region: regionName(view.region) })}</p>
      <p class="rapor-links">
        <a class="button secondary" href={links.csv} download onClick={(e) => void download(e)} data-export="csv">
          {state.busy ? t('exports.downloading') : t('exports.csv')}
        </a>
        <a class="button secondary" href={links.print} target="_blank" rel="noopener" data-export="print">
          {t('exports.print')}
        </a>
      </p>
      <p class="status" role="status">
        {state.done ?? ''}
      </p>
      {state.problem && (
        <p class="error-text" role="alert">
          {state.problem}
        </p>
      )}
    </section>
  );
}

function Agreements({ agreements }: { readonly agreements: NonNullable<ScorecardView['agreements']> }) {
  const lang = currentLanguage();
  return (
    <section class="rapor-agreements" aria-labelledby="rapor-agreements-title">
      <h3 id="rapor-agreements-title">{t('agreements.title')}</h3>
      {agreements.length === 0 ? (
        <p>{t('agreements.none')}</p>
      ) : (
        <div class="rapor-table-wrap" role="region" aria-label={t('agreements.title')} tabIndex={0}>
          <table class="rapor-table">
            <caption>{t('agreements.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreements.agency')}</th>
                <th scope="col">{t('agreements.number')}</th>
                <th scope="col">{t('agreements.expires')}</th>
                <th scope="col">{t('agreements.inForce')}</th>
                <th scope="col" class="num">{t('agreements.requests')}</th>
              </tr>
            </thead>
            <tbody>
              {agreements.map((a) => (
                <tr key={a.number} data-agreement={a.number}>
                  <th scope="row">{a.agency}</th>
                  <td>{a.number}</td>
                  <td>{formatDate(a.expiresOn, lang)}</td>
                  <td>{a.inForce ? t('agreements.yes') : t('agreements.no')}</td>
                  <td class="num">{formatNumber(a.requests, lang, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Problem = { readonly code: string };

export function Rapor(props: {
  readonly person: Person;
  readonly region: string | undefined;
  readonly year: number;
  readonly currentYear: number;
  readonly onYear: (year: number) => void;
  readonly onBusy: (busy: boolean) => void;
}) {
  const { person, region, year, currentYear, onYear, onBusy } = props;
  const { api } = useServices();
  const lang = currentLanguage();
  const [view, setView] = useState<ScorecardView>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string>();
  const live = useRef(true);
  const load = async () => {
    setBusy(true);
    setProblem(undefined);
    // The services' messages (errors.<CODE>) are a chunk of their own: in before any problem is shown.
    await loadErrorMessages();
    const answer = await outcome(api.reporting.GET('/scorecard', { params: { query: { year: String(year), ...(region ? { region } : {}) } } }));
    if (!live.current) return;
    if (answer.ok) setView(answer.data);
    else setProblem({ code: answer.code });
    setBusy(false);
  };
  useEffect(() => {
    live.current = true;
    setSaved(undefined);
    void load();
    return () => {
      live.current = false;
    };
  }, [region, year]);
  useEffect(() => onBusy(busy), [busy]);
  const regency = view?.region.code.slice(0, 4) ?? region?.slice(0, 4) ?? '';
  const mayEnter = regency !== '' && mayEnterValues(person.roles, person.regions, regency);
  // The form closes with the new entry: the focus goes to the indicator's heading, its new standing read next.
  const onSaved = (message: string, indicator: string) => {
    setSaved(message);
    void load().then(() => requestAnimationFrame(() => document.getElementById(`rapor-${indicator}`)?.focus()));
  };
  return (
    <div class="rapor">
      <h2 id="ikhtisar-rapor-title" tabIndex={-1}>
        {t('title')}
      </h2>
      <p class="lead">{t('lead')}</p>
      <div class="rapor-year field">
        <label for="rapor-year">{t('year')}</label>
        <select id="rapor-year" value={String(year)} onChange={(e) => onYear(Number((e.currentTarget as HTMLSelectElement).value))}>
          {scorecardYears(currentYear).map((y) => (
            <option value={String(y)} key={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <p class="status ikhtisar-region rapor-region" role="status">
        {view && view.year === year
          ? t('region', { region: regionName(view.region), year: view.year, date: formatDate(view.asOf, lang) })
          : busy
            ? t('loading')
            : ''}
      </p>
      {saved && (
        <p class="notice rapor-saved" role="status">
          {saved}
        </p>
      )}
      {problem && (
        <p class="notice error-text" role="alert">
          {errorMessage(problem.code)}
        </p>
      )}
      {view && (
        <>
          <ul class="rapor-rows" aria-label={t('listLabel')}>
            {view.indicators.map((row) => (
              <IndicatorCard row={row} view={view} person={person} mayEnter={mayEnter} onSaved={onSaved} key={row.id} />
            ))}
          </ul>
          <Exports view={view} />
          <section class="rapor-office" aria-labelledby="rapor-office-title">
            <h3 id="rapor-office-title">{t('office.title')}</h3>
            <p class="hint">{t('office.lead')}</p>
            <ul class="rapor-office-list">
              {view.officeIndicators.map((o) => (
                <li key={o.id} data-office-indicator={o.id}>
                  <span class="rapor-office-name">{officeName(o)}</span>
                  <span class="rapor-office-value">{officeValue(o, lang)}</span>
                </li>
              ))}
            </ul>
          </section>
          {view.agreements && <Agreements agreements={view.agreements} />}
        </>
      )}
    </div>
  );
}
