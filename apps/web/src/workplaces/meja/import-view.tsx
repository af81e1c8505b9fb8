/**
 * Impor Data: the clerk uploads a village's register file (OpenSID's import file, SIAK's BIP, or the register's own
 * columns) to identity's POST /imports and reads the outcome: how many rows and family cards were loaded, and every
 * refused row with its sheet, its row, its masked NIK and No. KK, and each rule it broke in Indonesian (the
 * services' codes, errors.<CODE>), with identity's English detail folded away. The latest imports the person may
 * see are listed below; each opens its result again (`/meja?bagian=impor&impor=<id>`).
 *
 * The file is checked before it is sent (type by name, not empty, at most identity's default limit). The request
 * waits for the import (a village's file takes seconds); the form says so while it waits.
 */
import type { IdentityComponents } from '@adminduk/clients';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '../../auth/person';
import { contentDisposition } from '../../api/deed-uploads';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { importFileProblem, importType, importVillages, mayImportWithoutVillage, villagesIn } from './import-rules';
import { iw } from './import-words';
import { outcome } from './outcome';
import { followPlace, placeHref, type MejaPlace } from './place';
import { districtName, villageName } from './review-common';
import { TableBox } from './table-box';

type JobView = IdentityComponents['schemas']['ImportJobView'];
type ResultView = IdentityComponents['schemas']['ImportResultView'];
type RejectionView = IdentityComponents['schemas']['ImportRejectionView'];

const NO_VILLAGE = '-';
const PAGE = 200;

const count = (n: number) => formatNumber(n, currentLanguage(), 0);

export function ImportScreen({ person, jobId }: { readonly person: Person; readonly jobId?: string }) {
  if (jobId) return <ImportJobScreen id={jobId} />;
  return <ImportForm person={person} />;
}

function ImportForm({ person }: { readonly person: Person }) {
  const { api } = useServices();
  const file = useRef<HTMLInputElement>(null);
  const villageSelect = useRef<HTMLSelectElement>(null);
  const choices = importVillages(person.regions);
  const withoutVillage = mayImportWithoutVillage(person.regions);
  const [village, setVillage] = useState('');
  const [problem, setProblem] = useState<{ field?: 'file' | 'village'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ResultView>();
  const [listed, setListed] = useState(0);

  const send = async () => {
    const chosen = file.current?.files?.[0];
    if (village === '') {
      setProblem({ field: 'village', text: iw('form.chooseVillage') });
      villageSelect.current?.focus();
      return;
    }
    if (!chosen) {
      setProblem({ field: 'file', text: iw('form.chooseFile') });
      file.current?.focus();
      return;
    }
    const code = importFileProblem(chosen);
    if (code) {
      setProblem({ field: 'file', text: errorMessage(code) });
      file.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setResult(undefined);
    const answer = await outcome(
      api.identity.POST('/imports', {
        params: { query: village === NO_VILLAGE ? {} : { village }, header: { 'Content-Disposition': contentDisposition(chosen.name) } },
        // The file itself is the body, sent as it is.
        body: chosen as unknown as string,
        bodySerializer: (body: unknown) => body as Blob,
        headers: { 'Content-Type': importType(chosen) as string },
      }),
    );
    setBusy(false);
    setListed((n) => n + 1);
    if (!answer.ok) {
      setProblem({ text: errorMessage(answer.code) });
      return;
    }
    setResult(answer.data);
    requestAnimationFrame(() => document.getElementById('impor-result-title')?.focus());
  };

  return (
    <section class="impor" aria-labelledby="meja-impor-title" data-section="impor">
      <h2 id="meja-impor-title" tabIndex={-1}>
        {iw('title')}
      </h2>
      <p class="lead">{iw('lead')}</p>
      <form
        class="impor-form"
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void send();
        }}
      >
        <fieldset>
          <legend>{iw('form.legend')}</legend>
          <div class="field">
            <label for="impor-village">{iw('form.village')}</label>
            <p class="hint" id="impor-village-hint">
              {iw('form.villageHint')}
            </p>
            <select
              id="impor-village"
              ref={villageSelect}
              value={village}
              onChange={(e) => setVillage((e.target as HTMLSelectElement).value)}
              aria-describedby={problem?.field === 'village' ? 'impor-village-hint impor-problem' : 'impor-village-hint'}
              aria-invalid={problem?.field === 'village' ? true : undefined}
            >
              <option value="">{iw('form.choose')}</option>
              {choices.map((d) => (
                <optgroup key={d.districtCode} label={`Kec. ${districtName(d.districtCode)}`}>
                  {d.villages.map((v) => (
                    <option key={v.code} value={v.code}>
                      {v.name}
                    </option>
                  ))}
                </optgroup>
              ))}
              {withoutVillage && <option value={NO_VILLAGE}>{iw('form.noVillage')}</option>}
            </select>
          </div>
          <div class="field">
            <label for="impor-file">{iw('form.file')}</label>
            <p class="hint" id="impor-file-hint">
              {iw('form.fileHint')}
            </p>
            <input
              ref={file}
              id="impor-file"
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={problem?.field === 'file' ? 'impor-file-hint impor-problem' : 'impor-file-hint'}
              aria-invalid={problem?.field === 'file' ? true : undefined}
            />
          </div>
        </fieldset>
        <p class="notice error-text" id="impor-problem" role="alert">
          {problem?.text ?? ''}
        </p>
        <p class="status" role="status">
          {busy ? iw('form.busy') : ''}
        </p>
        <button type="submit" class="button primary" disabled={busy}>
          {iw('form.submit')}
        </button>
      </form>
      {result && <ImportResult job={result} layout={result.layout} resumed={result.resumed} first={result.rejections} />}
      <ImportHistory refresh={listed} />
      <OpenSidDownload person={person} />
    </section>
  );
}

/** One import's result: what was loaded, and the refused rows page by page. */
function ImportResult({ job, layout, resumed, first }: { readonly job: JobView; readonly layout?: string; readonly resumed?: boolean; readonly first?: ResultView['rejections'] }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [rows, setRows] = useState<RejectionView[]>(first?.items ?? []);
  const [next, setNext] = useState<number | null>(first ? first.next : 0);
  const [problem, setProblem] = useState<string>();
  const loadMore = async () => {
    if (next === null) return;
    const answer = await outcome(api.identity.GET('/imports/{id}/rejections', { params: { path: { id: job.id }, query: { after: next, limit: PAGE } } }));
    if (!answer.ok) {
      setProblem(errorMessage(answer.code));
      return;
    }
    setRows((before) => [...before, ...answer.data.items]);
    setNext(answer.data.next);
  };
  useEffect(() => {
    if (!first) void loadMore();
  }, [job.id]);
  const village = job.villageCode ? `${villageName(job.villageCode)}, Kec. ${districtName(job.villageCode.slice(0, 6))}` : undefined;
  const withSheets = rows.some((r) => r.sheet);
  return (
    <section class="impor-result" aria-labelledby="impor-result-title" data-job={job.id} data-status={job.status}>
      <h3 id="impor-result-title" tabIndex={-1}>
        {iw('result.title', { file: job.fileName })}
      </h3>
      <p class="impor-summary">
        <strong>
          {job.status !== 'COMPLETED'
            ? iw(`result.status.${job.status}`)
            : job.rowsImported > 0
              ? iw('result.done', { imported: count(job.rowsImported), total: count(job.totalRows), cards: count(job.cardsImported) })
              : iw('result.doneNone')}
        </strong>
      </p>
      {resumed && <p>{iw('result.resumed')}</p>}
      <p class={job.rowsRejected > 0 ? 'impor-rejected' : ''}>
        {job.rowsRejected > 0 ? iw('result.rejected', { rows: count(job.rowsRejected), cards: count(job.cardsRejected) }) : iw('result.noneRejected')}
      </p>
      <p class="hint">
        {[layout ? iw('result.read', { layout: iw(`layout.${layout}`) }) : '', village ? iw('result.village', { village }) : '', iw('result.by', { who: job.startedBy, when: formatDateTime(job.startedAt, lang) })]
          .filter(Boolean)
          .join(' ')}
      </p>
      <p class="notice error-text" role="alert">
        {problem ?? ''}
      </p>
      {rows.length > 0 && (
        <TableBox label={iw('table.caption')}>
          <table class="meja-table impor-table">
            <caption class="visually-hidden">{iw('table.caption')}</caption>
            <thead>
              <tr>
                {withSheets && <th scope="col">{iw('table.sheet')}</th>}
                <th scope="col">{iw('table.row')}</th>
                <th scope="col">
                  {iw('table.nik')} / {iw('table.kk')}
                </th>
                <th scope="col">{iw('table.rules')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.sheet ?? ''}:${r.line}`} data-line={r.line}>
                  {withSheets && <td>{r.sheet ?? ''}</td>}
                  <td class="num">{r.row}</td>
                  <td class="impor-ids">
                    <span>{r.maskedNik}</span>
                    <span>{r.maskedKkNumber}</span>
                  </td>
                  <td>
                    <ul class="impor-rules">
                      {r.codes.map((code, i) => (
                        <li key={i} data-code={code}>
                          {errorMessage(code)}
                        </li>
                      ))}
                    </ul>
                    <details>
                      <summary>{iw('table.details')}</summary>
                      <ul>
                        {r.messages.map((m, i) => (
                          <li key={i} lang="en">
                            {m}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {rows.length > 0 && next !== null && (
        <>
          <p class="hint">{iw('table.shown', { shown: count(rows.length), total: count(job.rowsRejected) })}</p>
          <button type="button" class="button secondary" onClick={() => void loadMore()}>
            {iw('table.more', { count: PAGE })}
          </button>
        </>
      )}
    </section>
  );
}

function ImportJobScreen({ id }: { readonly id: string }) {
  const { api } = useServices();
  const [job, setJob] = useState<JobView>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    void outcome(api.identity.GET('/imports/{id}', { params: { path: { id } } })).then((answer) => {
      if (answer.ok) {
        setJob(answer.data);
        requestAnimationFrame(() => document.getElementById('impor-result-title')?.focus());
      } else setProblem(errorMessage(answer.code));
    });
  }, [id]);
  const back: MejaPlace = { section: 'impor' };
  return (
    <section class="impor" aria-labelledby="meja-impor-title" data-section="impor">
      <p>
        <a href={placeHref(back)} onClick={followPlace(back)}>
          ← {iw('back')}
        </a>
      </p>
      <h2 id="meja-impor-title" tabIndex={-1}>
        {iw('title')}
      </h2>
      <p class="notice error-text" role="alert">
        {problem ?? ''}
      </p>
      {job && <ImportResult job={job} />}
    </section>
  );
}

/** The latest imports the person may see (identity decides), each opening its result. */
function ImportHistory({ refresh }: { readonly refresh: number }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [jobs, setJobs] = useState<JobView[]>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    void outcome(api.identity.GET('/imports', { params: { query: { limit: 20 } } })).then((answer) => {
      if (!live) return;
      if (answer.ok) setJobs(answer.data);
      else setProblem(errorMessage(answer.code));
    });
    return () => {
      live = false;
    };
  }, [refresh]);
  return (
    <section class="impor-history" aria-labelledby="impor-history-title">
      <h3 id="impor-history-title">{iw('history.title')}</h3>
      <p class="notice error-text" role="alert">
        {problem ?? ''}
      </p>
      <p class="status" role="status">
        {jobs === undefined ? (problem ? '' : iw('history.loading')) : jobs.length === 0 ? iw('history.empty') : ''}
      </p>
      {jobs && jobs.length > 0 && (
        <TableBox label={iw('history.caption')}>
          <table class="meja-table impor-table">
            <caption class="visually-hidden">{iw('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{iw('history.file')}</th>
                <th scope="col">{iw('history.when')}</th>
                <th scope="col">{iw('history.village')}</th>
                <th scope="col">{iw('history.rows')}</th>
                <th scope="col">{iw('history.status')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => {
                const place: MejaPlace = { section: 'impor', jobId: j.id };
                return (
                  <tr key={j.id} data-job={j.id}>
                    <td>
                      <a href={placeHref(place)} onClick={followPlace(place)} aria-label={`${iw('history.open')}: ${j.fileName}`}>
                        {j.fileName}
                      </a>
                    </td>
                    <td>{formatDateTime(j.startedAt, lang)}</td>
                    <td>{j.villageCode ? villageName(j.villageCode) : iw('history.regency')}</td>
                    <td class="num">
                      {count(j.rowsImported)} / {count(j.rowsRejected)}
                    </td>
                    <td>{iw(`result.status.${j.status}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}

/**
 * The register of a village or a kecamatan in OpenSID's layout (identity's GET /registers/opensid.xlsx), downloaded
 * through the person's session (the request carries the bearer token, so it is fetched and saved, not linked).
 * A kecamatan is offered where the person's scope covers all of it.
 */
function OpenSidDownload({ person }: { readonly person: Person }) {
  const { api } = useServices();
  const select = useRef<HTMLSelectElement>(null);
  const choices = importVillages(person.regions);
  const [region, setRegion] = useState('');
  const [state, setState] = useState<{ busy?: boolean; problem?: string; done?: string }>({});
  const download = async () => {
    if (region === '') {
      setState({ problem: iw('download.chooseRegion') });
      select.current?.focus();
      return;
    }
    setState({ busy: true });
    const query = region.length === 6 ? { district: region } : { village: region };
    const answer = await outcome(api.identity.GET('/registers/opensid.xlsx', { params: { query }, parseAs: 'blob' }));
    if (!answer.ok) {
      setState({ problem: errorMessage(answer.code) });
      return;
    }
    const file = `opensid-${region}.xlsx`;
    const url = URL.createObjectURL(answer.data);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setState({ done: iw('download.done', { file }) });
  };
  return (
    <section class="impor-download" aria-labelledby="impor-download-title">
      <h3 id="impor-download-title">{iw('download.title')}</h3>
      <p class="hint">{iw('download.lead')}</p>
      <form
        class="impor-form"
        aria-busy={state.busy === true}
        onSubmit={(e) => {
          e.preventDefault();
          if (!state.busy) void download();
        }}
      >
        <div class="field">
          <label for="impor-download-region">{iw('download.region')}</label>
          <select
            id="impor-download-region"
            ref={select}
            value={region}
            onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}
            aria-invalid={state.problem && region === '' ? true : undefined}
            aria-describedby="impor-download-problem"
          >
            <option value="">{iw('download.choose')}</option>
            {choices.map((d) => (
              <optgroup key={d.districtCode} label={`Kec. ${districtName(d.districtCode)}`}>
                {d.villages.length === villagesIn(d.districtCode) && <option value={d.districtCode}>{iw('download.district', { name: districtName(d.districtCode) })}</option>}
                {d.villages.map((v) => (
                  <option key={v.code} value={v.code}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <p class="notice error-text" id="impor-download-problem" role="alert">
          {state.problem ?? ''}
        </p>
        <p class="status" role="status">
          {state.busy ? iw('download.busy') : (state.done ?? '')}
        </p>
        <button type="submit" class="button secondary" disabled={state.busy === true}>
          {iw('download.button')}
        </button>
      </form>
    </section>
  );
}
