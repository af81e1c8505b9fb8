/**
 * The document checklist of a case (the service's `checklist`: what is satisfied, by which document, what is
 * missing), with, for each missing requirement while documents may still be added, an upload of one of its kinds
 * (POST /deeds/{id}/documents?kind=…, the file itself as the body) and, where the rules allow an SPTJM, the
 * declaration taken down at the office (POST /deeds/{id}/declarations). A file the service would refuse (not PDF,
 * JPEG or PNG; empty; over 2 MB; its first bytes not of its type) is refused here with the service's code first.
 */
import { DOCUMENT_REQUIREMENTS, parseNik, type DocumentKind } from '@adminduk/domain';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatDate, formatNumber, formatTime } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { refusal, type Announcement, type DeedView } from './case-common';
import { contentDisposition, uploadProblem, uploadType } from '../../api/deed-uploads';
import { officeDate } from './deed-rules';
import { outcome } from './outcome';
import { TableBox } from './table-box';
import { w } from './words';

/** The statuses in which the service takes documents (before the first submission, and after a rejection). */
const OPEN_FOR_DOCUMENTS: readonly (DeedView['status'])[] = [null, 'NOTIFIED', 'REJECTED'];
const SPTJM_KINDS: readonly DocumentKind[] = ['SPTJM_BIRTH', 'SPTJM_MARRIED_COUPLE'];

interface Props {
  readonly deed: DeedView;
  readonly busy: boolean;
  readonly setBusy: (busy: boolean) => void;
  readonly announce: (a: Announcement) => void;
  readonly changed: (text: string) => Promise<void>;
}

function size(bytes: number): string {
  const lang = currentLanguage();
  return bytes >= 1024 * 1024 ? `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB` : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang, 0)} kB`;
}

function UploadForm({ deed, requirement, label, kinds, busy, setBusy, announce, changed }: Props & { readonly requirement: string; readonly label: string; readonly kinds: readonly DocumentKind[] }) {
  const { api } = useServices();
  const uploadable = kinds;
  const [kind, setKind] = useState<DocumentKind>(uploadable[0] as DocumentKind);
  const [problem, setProblem] = useState<string>();
  const file = useRef<HTMLInputElement>(null);
  const base = `doc-${requirement}`;

  const send = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setProblem(w('docs.chooseFile'));
      file.current?.focus();
      return;
    }
    const first = new Uint8Array(await chosen.slice(0, 8).arrayBuffer());
    const code = uploadProblem(chosen, first);
    if (code) {
      setProblem(errorMessage(code));
      file.current?.focus();
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      const answer = await outcome(
        api.deeds.POST('/deeds/{id}/documents', {
          params: { path: { id: deed.id }, query: { kind }, header: { 'Content-Disposition': contentDisposition(chosen.name) } },
          // The file itself is the body, sent as it is with its own type.
          body: chosen as unknown as string,
          bodySerializer: (body: unknown) => body as Blob,
          headers: { 'Content-Type': uploadType(chosen) as string },
        }),
      );
      if (answer.ok) {
        if (file.current) file.current.value = '';
        await changed(w('docs.uploaded', { kind: w(`docKind.${kind}`) }));
      } else {
        setProblem(errorMessage(answer.code));
        announce(refusal(answer));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="meja-upload"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {uploadable.length > 1 && (
        <label>
          <span>{w('docs.kind')}</span>
          <select id={`${base}-kind`} value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as DocumentKind)}>
            {uploadable.map((k) => (
              <option value={k} key={k}>
                {w(`docKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>
          {w('docs.file')}
          <span class="visually-hidden"> — {w('docs.fileFor', { requirement: label })}</span>
        </span>
        <input
          ref={file}
          id={`${base}-file`}
          type="file"
          name="file"
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${base}-problem` : undefined}
          onChange={() => setProblem(undefined)}
        />
      </label>
      <button type="submit" class="button secondary" disabled={busy}>
        {w('docs.upload')}
      </button>
      <p id={`${base}-problem`} class="field-error" role="alert">
        {problem ?? ''}
      </p>
    </form>
  );
}

interface Person3 {
  nik: string;
  fullName: string;
}

function SptjmForm({ deed, kind, busy, setBusy, announce, changed }: Props & { readonly kind: 'SPTJM_BIRTH' | 'SPTJM_MARRIED_COUPLE' }) {
  const { api } = useServices();
  const today = officeDate(new Date());
  const [people, setPeople] = useState<Person3[]>([
    { nik: '', fullName: '' },
    { nik: '', fullName: '' },
    { nik: '', fullName: '' },
  ]);
  const [statement, setStatement] = useState(kind === 'SPTJM_BIRTH' ? w('sptjm.statementBirth') : w('sptjm.statementCouple'));
  const [declaredOn, setDeclaredOn] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  const base = `sptjm-${kind}`;

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    people.forEach((p, i) => {
      if (p.fullName.trim() === '') found[`name-${i}`] = errorMessage('FIELD_REQUIRED');
      else if (p.fullName.trim().length > 200) found[`name-${i}`] = errorMessage('IS_LENGTH');
      const parsed = parseNik(p.nik.trim(), { asOf: today });
      if (!parsed.ok) found[`nik-${i}`] = parsed.errors.map((e) => errorMessage(e.code)).join(' ');
    });
    const niks = people.map((p) => p.nik.trim());
    if (!found['nik-0'] && !found['nik-1'] && !found['nik-2'] && new Set(niks).size < 3) found['nik-2'] = errorMessage('WITNESS_NOT_INDEPENDENT');
    const text = statement.trim();
    if (text.length < 10 || text.length > 2000) found['statement'] = errorMessage('IS_LENGTH');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(declaredOn)) found['declaredOn'] = errorMessage('DATE_INVALID');
    else if (declaredOn > today) found['declaredOn'] = errorMessage('DECLARED_IN_FUTURE');
    return found;
  };

  const send = async () => {
    const found = check();
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`#${base}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const [declarant, ...witnesses] = people.map((p) => ({ nik: p.nik.trim(), fullName: p.fullName.trim() })) as [Person3, Person3, Person3];
      const answer = await outcome(
        api.deeds.POST('/deeds/{id}/declarations', { params: { path: { id: deed.id } }, body: { kind, declarant, witnesses, statement: statement.trim(), declaredOn } }),
      );
      if (answer.ok) await changed(w('sptjm.saved'));
      else announce(refusal(answer));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: string, label: string, input: JSX.Element) => (
    <div class="meja-field">
      <label for={`${base}-${key}`}>{label}</label>
      {input}
      {errors[key] && (
        <p id={`${base}-${key}-error`} class="field-error">
          {errors[key]}
        </p>
      )}
    </div>
  );
  const attrs = (key: string) => ({ id: `${base}-${key}`, 'aria-invalid': errors[key] ? true : undefined, 'aria-describedby': errors[key] ? `${base}-${key}-error` : undefined });
  const set = (i: number, patch: Partial<Person3>) => setPeople(people.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  return (
    <details class="meja-sptjm">
      <summary>{w('docs.declare')}</summary>
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <h4>{w('sptjm.title', { kind: w(`docKind.${kind}`) })}</h4>
        {people.map((p, i) => (
          <fieldset key={i}>
            <legend>{i === 0 ? w('sptjm.declarant') : w('sptjm.witness', { n: i })}</legend>
            {field(`nik-${i}`, w('sptjm.nik'), <input {...attrs(`nik-${i}`)} inputMode="numeric" autoComplete="off" maxLength={16} value={p.nik} onInput={(e) => set(i, { nik: e.currentTarget.value })} />)}
            {field(`name-${i}`, w('sptjm.name'), <input {...attrs(`name-${i}`)} autoComplete="off" value={p.fullName} onInput={(e) => set(i, { fullName: e.currentTarget.value })} />)}
          </fieldset>
        ))}
        {field('statement', w('sptjm.statement'), <textarea {...attrs('statement')} rows={3} value={statement} onInput={(e) => setStatement(e.currentTarget.value)} />)}
        {field('declaredOn', w('sptjm.declaredOn'), <input {...attrs('declaredOn')} type="date" max={today} value={declaredOn} onInput={(e) => setDeclaredOn(e.currentTarget.value)} />)}
        <button type="submit" class="button secondary" disabled={busy}>
          {w('sptjm.save')}
        </button>
      </form>
    </details>
  );
}

type DocumentView = DeedView['documents'][number];

/**
 * An uploaded document shown in the page, as the clerk checks it against the applicant's papers: fetched through the
 * deeds client with the person's token (never cached by the service worker), kept as a Blob URL in this tab only,
 * released when it is closed or the case is left. An image is shown as it is; a PDF in the browser's viewer, with a
 * download link for a browser without one.
 */
function usePreview(deedId: string, announce: (a: Announcement) => void) {
  const { api } = useServices();
  const [shown, setShown] = useState<{ readonly doc: DocumentView; readonly url: string; readonly type: string }>();
  const [loading, setLoading] = useState<string>();
  useEffect(() => () => shown && URL.revokeObjectURL(shown.url), [shown?.url]);
  const show = async (doc: DocumentView) => {
    setLoading(doc.id);
    try {
      const answer = await outcome(api.deeds.GET('/deeds/{id}/documents/{documentId}/content', { params: { path: { id: deedId, documentId: doc.id } }, parseAs: 'blob' }));
      if (!answer.ok) {
        announce(refusal(answer));
        return;
      }
      const blob = answer.data as unknown as Blob;
      const type = doc.contentType ?? blob.type;
      setShown({ doc, url: URL.createObjectURL(blob.type === type ? blob : new Blob([blob], { type })), type });
    } finally {
      setLoading(undefined);
    }
  };
  return { shown, loading, show, close: () => setShown(undefined) };
}

function Preview({ doc, url, type, onClose }: { readonly doc: DocumentView; readonly url: string; readonly type: string; readonly onClose: () => void }) {
  const title = w(`docKind.${doc.kind}`);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [url]);
  return (
    <figure class="meja-preview" aria-labelledby="meja-preview-title" tabIndex={-1} ref={ref} data-document={doc.id}>
      <figcaption>
        <strong id="meja-preview-title">{title}</strong> {doc.fileName ? <span class="meja-sub">{doc.fileName}</span> : null}
      </figcaption>
      {type === 'application/pdf' ? (
        <object data={url} type="application/pdf" aria-label={title}>
          <p>
            <a href={url} download={doc.fileName ?? 'dokumen.pdf'}>
              {w('docs.download')}
            </a>
          </p>
        </object>
      ) : (
        <img src={url} alt={w('docs.imageOf', { kind: title })} />
      )}
      <div class="meja-buttons">
        <a class="button secondary" href={url} download={doc.fileName ?? 'dokumen'}>
          {w('docs.download')}
        </a>
        <button type="button" class="button secondary" onClick={onClose}>
          {w('docs.closePreview')}
        </button>
      </div>
    </figure>
  );
}

export function Documents(props: Props) {
  const { deed } = props;
  const lang = currentLanguage();
  const preview = usePreview(deed.id, props.announce);
  const open = OPEN_FOR_DOCUMENTS.includes(deed.status);
  const { checklist } = deed;
  return (
    <section class="meja-panel" aria-labelledby="meja-docs">
      <h3 id="meja-docs">{w('docs.title')}</h3>
      <p class={checklist.complete ? 'meja-complete' : 'meja-incomplete'}>
        <strong>{checklist.complete ? w('docs.complete') : w('docs.incomplete', { count: checklist.missing.length })}</strong>
      </p>
      {!open && !checklist.complete && <p class="hint">{w('docs.closed')}</p>}
      <TableBox label={w('docs.caption')}>
        <table class="meja-table checklist">
          <caption class="visually-hidden">{w('docs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="col-requirement">
                {w('docs.colRequirement')}
              </th>
              <th scope="col" class="col-state">
                {w('docs.colState')}
              </th>
              {open && checklist.missing.length > 0 && (
                <th scope="col" class="col-action">
                  {w('docs.colAction')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {checklist.missing.map((m) => {
              const sptjm = m.anyOf.find((k) => SPTJM_KINDS.includes(k)) as 'SPTJM_BIRTH' | 'SPTJM_MARRIED_COUPLE' | undefined;
              return (
                <tr key={m.requirement} class="row-missing" data-requirement={m.requirement}>
                  <th scope="row">{w(`requirement.${m.requirement}`)}</th>
                  <td>
                    <strong class="meja-missing">{w('docs.missing')}</strong>
                    {m.needed > 1 && <span> · {w('docs.progress', { provided: m.provided, needed: m.needed })}</span>}
                    <span class="meja-sub">{m.anyOf.map((k) => w(`docKind.${k}`)).join(' / ')}</span>
                  </td>
                  {open && (
                    <td>
                      <UploadForm {...props} requirement={m.requirement} label={w(`requirement.${m.requirement}`)} kinds={m.anyOf} />
                      {sptjm && <SptjmForm {...props} kind={sptjm} />}
                    </td>
                  )}
                </tr>
              );
            })}
            {checklist.satisfied.map((s, i) => (
              <tr key={`${s.requirement}-${i}`} data-requirement={s.requirement}>
                <th scope="row">{w(`requirement.${s.requirement}`)}</th>
                <td>
                  ✓ {w('docs.satisfied', { kind: w(`docKind.${s.by}`) })} {s.alternative ? w('docs.alternative') : ''}
                </td>
                {open && checklist.missing.length > 0 && <td />}
              </tr>
            ))}
            {checklist.notApplicable.map((n) => (
              <tr key={n}>
                <th scope="row">{w(`requirement.${n}`)}</th>
                <td>{w('docs.notApplicable')}</td>
                {open && checklist.missing.length > 0 && <td />}
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {open && (checklist.complete || deed.status === 'REJECTED') && (
        <div class="meja-extra">
          <h4 id="meja-extra-title">{w('docs.extra')}</h4>
          <p class="hint">{w('docs.extraHint')}</p>
          <UploadForm {...props} requirement="EXTRA" label={w('docs.extra')} kinds={[...new Set(DOCUMENT_REQUIREMENTS[deed.deedType].flatMap((r) => r.anyOf))]} />
        </div>
      )}
      {deed.documents.length > 0 && (
        <>
          <h4>{w('docs.list')}</h4>
          <TableBox label={w('docs.list')}>
            <table class="meja-table compact">
              <caption class="visually-hidden">{w('docs.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{w('docs.colDoc')}</th>
                  <th scope="col">{w('docs.colFile')}</th>
                  <th scope="col">{w('docs.colAdded')}</th>
                </tr>
              </thead>
              <tbody>
                {deed.documents.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{w(`docKind.${d.kind}`)}</th>
                    <td>
                      {d.source === 'DECLARATION' ? w('docs.declaration') : `${d.fileName ?? ''} ${d.size !== undefined ? `(${size(d.size)})` : ''}`.trim()}
                      {d.source === 'UPLOAD' && (
                        <button
                          type="button"
                          class="button secondary meja-view"
                          aria-label={w('docs.viewOf', { kind: w(`docKind.${d.kind}`) })}
                          aria-pressed={preview.shown?.doc.id === d.id}
                          disabled={preview.loading !== undefined}
                          onClick={() => void preview.show(d)}
                        >
                          {preview.loading === d.id ? w('docs.viewing') : w('docs.view')}
                        </button>
                      )}
                    </td>
                    <td>
                      <span class="nowrap">{formatDate(new Date(d.addedAt), lang)}</span>
                      <span class="meja-sub">
                        {formatTime(d.addedAt, lang)} · {d.addedBy}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          {preview.shown && <Preview {...preview.shown} onClose={preview.close} />}
        </>
      )}
    </section>
  );
}
