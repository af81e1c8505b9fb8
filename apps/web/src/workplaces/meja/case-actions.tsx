/**
 * The steps offered on a case: only those the record allows next (`allowedActions`) and the person's role may take
 * (the domain's DEED_ACTION_ROLES). Submit with the particulars the service needs then, verify, reject with a
 * reason, register (the registrar; for a late birth the head of office's decision first), issue at the office,
 * correct a clerical error (the registrar, art. 71: a field, its new value and the reason; a new deed version whose
 * older copies verify as SUPERSEDED), annul on a final court decision (the registrar, art. 72), archive (a reason).
 * Each sends the `version` read. Checked here first, with the service's codes: required particulars
 * (FIELD_REQUIRED), NIKs (the domain's parseNik), lengths (IS_LENGTH), the document checklist (the domain's
 * checkDocuments: DOCUMENTS_INCOMPLETE), the head's decision (HEAD_DECISION_REQUIRED).
 */
import { checkDocuments, parseNik, RELIGIONS } from '@adminduk/domain';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '../../auth/person';
import { plannedVisits, type VisitsAnswer } from '../../api/outreach-visits';
import { formatDate } from '../../i18n/format';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { fieldLabel, religionWord, type Announcement, type DeedView } from './case-common';
import { correctableFields, correctionProblems, FIELD_MAX_LENGTH, offeredActions, officeDate, submitParticulars, SUBMIT_FIELDS, valueAt } from './deed-rules';
import { outcome, type Outcome } from './outcome';
import { w } from './words';

interface Props {
  readonly deed: DeedView;
  readonly person: Person;
  readonly busy: boolean;
  readonly step: (run: () => Promise<Outcome<DeedView>>, done: (d: DeedView, status: number) => string) => Promise<boolean>;
  readonly announce: (a: Announcement) => void;
}

type Errors = Record<string, string>;

/** Shows the form's problems: each field marked and described, the summary announced, the first field focused. */
function useFormErrors(prefix: string, announce: (a: Announcement) => void) {
  const [errors, setErrors] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);
  const report = (found: Errors, summary?: string): boolean => {
    setErrors(found);
    const keys = Object.keys(found);
    if (keys.length === 0 && !summary) return false;
    const items = keys.filter((k) => k !== '_form').map((k) => `${labelOf(k)}: ${found[k]}`);
    announce({ kind: 'error', text: summary ?? w('actions.problems'), items });
    const first = keys.find((k) => k !== '_form');
    if (first) requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`#${prefix}-${cssId(first)}`)?.focus());
    return true;
  };
  const attrs = (key: string) => ({
    id: `${prefix}-${cssId(key)}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${prefix}-${cssId(key)}-error` : undefined,
  });
  const message = (key: string) =>
    errors[key] ? (
      <p id={`${prefix}-${cssId(key)}-error`} class="field-error">
        {errors[key]}
      </p>
    ) : null;
  return { errors, report, attrs, message, form, clear: () => setErrors({}) };
}

const cssId = (key: string) => key.replace(/[^a-zA-Z0-9-]/g, '-');
const LABELS: Record<string, () => string> = {
  reason: () => w('actions.reason'),
  headNumber: () => w('actions.headNumber'),
  headDate: () => w('actions.headDate'),
  archiveReason: () => w('actions.archiveReason'),
  correctField: () => w('actions.correctField'),
  correctValue: () => w('actions.correctValue'),
  correctReason: () => w('actions.correctReason'),
  courtNumber: () => w('actions.courtNumber'),
  courtFinal: () => w('actions.courtFinal'),
  annulReason: () => w('actions.annulReason'),
};
const labelOf = (key: string) => (LABELS[key] ?? (() => fieldLabel(key)))();

function SubmitForm({ deed, busy, step, announce }: Props) {
  const fields = SUBMIT_FIELDS[deed.deedType];
  const stored = deed.particulars as Record<string, unknown>;
  const { api } = useServices();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f, String(valueAt(stored, f) ?? '')])));
  const [married, setMarried] = useState(deed.parentsMarried ?? true);
  const f = useFormErrors('submit', announce);

  const check = (): { found: Errors; summary?: string } => {
    const found: Errors = {};
    const today = officeDate(new Date());
    for (const path of fields) {
      const v = (values[path] ?? '').trim();
      const leaf = path.split('.').pop() as string;
      if (v === '') found[path] = errorMessage('FIELD_REQUIRED');
      else if (leaf === 'nik') {
        const parsed = parseNik(v, { asOf: today });
        if (!parsed.ok) found[path] = parsed.errors.map((e) => errorMessage(e.code)).join(' ');
      } else if (FIELD_MAX_LENGTH[leaf] !== undefined && v.length > (FIELD_MAX_LENGTH[leaf] as number)) found[path] = errorMessage('IS_LENGTH');
    }
    const documents = checkDocuments(
      deed.deedType,
      deed.documents.map((d) => d.kind),
      deed.deedType === 'BIRTH' ? { parentsMarried: married } : {},
    );
    const incomplete = documents.ok && !documents.value.complete;
    return { found, ...(incomplete ? { summary: errorMessage('DOCUMENTS_INCOMPLETE') } : {}) };
  };

  const send = async () => {
    const { found, summary } = check();
    if (f.report(found, summary)) return;
    const particulars = submitParticulars(stored, values);
    await step(
      () =>
        outcome(
          api.deeds.POST('/deeds/{id}/submit', {
            params: { path: { id: deed.id } },
            body: { version: deed.version, particulars, ...(deed.deedType === 'BIRTH' ? { parentsMarried: married } : {}) },
          }),
        ),
      () => w('actions.submitted'),
    );
  };

  const input = (path: string): JSX.Element => {
    const leaf = path.split('.').pop() as string;
    const set = (e: Event) => setValues({ ...values, [path]: (e.currentTarget as HTMLInputElement).value });
    if (leaf === 'sex') {
      return (
        <select {...f.attrs(path)} value={values[path]} onChange={set}>
          <option value="">—</option>
          <option value="M">{w('sex.M')}</option>
          <option value="F">{w('sex.F')}</option>
        </select>
      );
    }
    if (leaf === 'religion') {
      return (
        <select {...f.attrs(path)} value={values[path]} onChange={set}>
          <option value="">—</option>
          {RELIGIONS.map((r) => (
            <option value={r.code} key={r.code}>
              {religionWord(r.code)}
            </option>
          ))}
        </select>
      );
    }
    if (leaf === 'nik') return <input {...f.attrs(path)} inputMode="numeric" autoComplete="off" maxLength={16} value={values[path]} onInput={set} />;
    return <input {...f.attrs(path)} autoComplete="off" value={values[path]} onInput={set} />;
  };

  return (
    <form
      ref={f.form}
      class="meja-action"
      noValidate
      aria-labelledby="act-submit"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h4 id="act-submit">{w('actions.submitTitle')}</h4>
      <p class="hint">{w('actions.submitHint')}</p>
      <div class="meja-fields">
        {fields.map((path) => (
          <div class="meja-field" key={path}>
            <label for={`submit-${cssId(path)}`}>{fieldLabel(path)}</label>
            {input(path)}
            {f.message(path)}
          </div>
        ))}
      </div>
      {deed.deedType === 'BIRTH' && (
        <div class="meja-check">
          <input id="submit-married" type="checkbox" checked={married} onChange={(e) => setMarried(e.currentTarget.checked)} />
          <label for="submit-married">{w('actions.parentsMarried')}</label>
        </div>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {w('actions.submit')}
      </button>
    </form>
  );
}

function VerifyForm({ deed, busy, step }: Props) {
  const { api } = useServices();
  return (
    <div class="meja-action" role="group" aria-labelledby="act-verify">
      <h4 id="act-verify">{w('actions.verifyTitle')}</h4>
      <p class="hint">{w('actions.verifyHint')}</p>
      <button
        type="button"
        class="button primary"
        disabled={busy}
        onClick={() => void step(() => outcome(api.deeds.POST('/deeds/{id}/verify', { params: { path: { id: deed.id } }, body: { version: deed.version } })), () => w('actions.verified'))}
      >
        {w('actions.verify')}
      </button>
    </div>
  );
}

function RegisterForm({ deed, busy, step, announce }: Props) {
  const { api } = useServices();
  const needsDecision = deed.timeliness?.headDecisionRequired === true;
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const f = useFormErrors('register', announce);
  const send = async () => {
    const found: Errors = {};
    if (needsDecision) {
      if (number.trim() === '') found['headNumber'] = errorMessage('FIELD_REQUIRED');
      else if (number.trim().length > 100) found['headNumber'] = errorMessage('IS_LENGTH');
      if (date === '') found['headDate'] = errorMessage('FIELD_REQUIRED');
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found['headDate'] = errorMessage('DATE_INVALID');
    }
    if (f.report(found, Object.keys(found).length > 0 ? errorMessage('HEAD_DECISION_REQUIRED') : undefined)) return;
    await step(
      () =>
        outcome(
          api.deeds.POST('/deeds/{id}/register', {
            params: { path: { id: deed.id } },
            body: { version: deed.version, ...(needsDecision ? { headDecision: { number: number.trim(), date } } : {}) },
          }),
        ),
      (d, status) => (status === 202 || d.waitingFor === 'IDENTITY' ? w('actions.waiting') : w('actions.registered', { number: d.deedNumber ?? '' })),
    );
  };
  return (
    <form
      ref={f.form}
      class="meja-action"
      noValidate
      aria-labelledby="act-register"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h4 id="act-register">{w('actions.registerTitle')}</h4>
      <p class="hint">{deed.deedType === 'BIRTH' ? w('actions.registerHintBirth') : w('actions.registerHint')}</p>
      {needsDecision && (
        <>
          <p class="notice">{w('actions.headDecisionNeeded')}</p>
          <div class="meja-fields">
            <div class="meja-field">
              <label for="register-headNumber">{w('actions.headNumber')}</label>
              <input {...f.attrs('headNumber')} maxLength={100} value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
              {f.message('headNumber')}
            </div>
            <div class="meja-field">
              <label for="register-headDate">{w('actions.headDate')}</label>
              <input {...f.attrs('headDate')} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
              {f.message('headDate')}
            </div>
          </div>
        </>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {w('actions.register')}
      </button>
    </form>
  );
}

type HandOver = 'OFFICE' | 'OUTREACH' | 'ONLINE';

/**
 * Issue the kutipan, saying where it is handed over: at the office, on a Jemput Bola visit to the family's village
 * (one of the published plans' next visits there: outreach counts it as that visit's hand-over), or sent
 * electronically (a kutipan on plain paper with its electronic signature, printed by the family).
 */
function IssueForm({ deed, busy, step }: Props) {
  const { api } = useServices();
  // ISSUE stays allowed once issued (a further copy after a loss): said so, so that nobody issues twice by mistake.
  const again = deed.copies.length > 0;
  const [where, setWhere] = useState<HandOver>('OFFICE');
  const [visits, setVisits] = useState<VisitsAnswer>();
  const [visitId, setVisitId] = useState('');
  const [problem, setProblem] = useState<string>();
  const today = officeDate(new Date());
  useEffect(() => {
    if (where !== 'OUTREACH' || visits || !deed.villageCode) return;
    let live = true;
    void plannedVisits(api, { from: today, villageCode: deed.villageCode }).then(
      (answer) => {
        if (!live) return;
        setVisits(answer);
        if (answer.ok && answer.visits[0]) setVisitId(answer.visits[0].id);
      },
      () => live && setVisits({ ok: false, code: 'SERVICE_UNAVAILABLE' }),
    );
    return () => {
      live = false;
    };
  }, [where]);
  const lang = currentLanguage();
  const send = () => {
    if (where === 'OUTREACH' && !visitId) {
      setProblem(w('actions.handOverVisitRequired'));
      return;
    }
    setProblem(undefined);
    const body = { version: deed.version, channel: where, ...(where === 'OUTREACH' ? { visitId } : {}) };
    void step(() => outcome(api.deeds.POST('/deeds/{id}/issue', { params: { path: { id: deed.id } }, body })), () => w(`actions.issuedAt.${where}`));
  };
  return (
    <div class="meja-action" role="group" aria-labelledby="act-issue">
      <h4 id="act-issue">{again ? w('actions.issueAgainTitle') : w('actions.issueTitle')}</h4>
      <p class="hint">{again ? w('actions.issueAgainHint') : w('actions.issueHint')}</p>
      <fieldset class="meja-choice">
        <legend>{w('actions.handOver')}</legend>
        {(['OFFICE', 'OUTREACH', 'ONLINE'] as const).map((h) => (
          <label key={h} class="meja-radio">
            <input type="radio" name="issue-where" value={h} checked={where === h} onChange={() => setWhere(h)} disabled={h === 'OUTREACH' && !deed.villageCode} />
            {w(`actions.handOverAt.${h}`)}
          </label>
        ))}
      </fieldset>
      {where === 'OUTREACH' && (
        <div class="meja-field">
          <label for="issue-visit">{w('actions.handOverVisit')}</label>
          {!visits ? (
            <p class="hint">{w('actions.handOverLoading')}</p>
          ) : !visits.ok ? (
            <p class="error-text">{errorMessage(visits.code)}</p>
          ) : visits.visits.length === 0 ? (
            <p class="hint" id="issue-visit">
              {w('actions.handOverNoVisit')}
            </p>
          ) : (
            <select id="issue-visit" value={visitId} onChange={(e) => setVisitId(e.currentTarget.value)}>
              {visits.visits.map((v) => (
                <option key={v.id} value={v.id}>
                  {w('actions.handOverVisitLine', { date: formatDate(v.date, lang), village: v.villageName, team: v.teamName })}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" class={again ? 'button secondary' : 'button primary'} disabled={busy} onClick={send}>
        {again ? w('actions.issueAgain') : w('actions.issue')}
      </button>
    </div>
  );
}

/** A reason of 1 to 500 characters (ReasonDto, CorrectionDto, AnnulDto): the code of what is wrong, if anything. */
function reasonProblem(text: string, optional = false): string | undefined {
  if (text === '') return optional ? undefined : errorMessage('FIELD_REQUIRED');
  return text.length > 500 ? errorMessage('IS_LENGTH') : undefined;
}

/**
 * A step that takes one reason (1 to 500 characters, ReasonDto) and nothing else: a rejection, an archiving. The
 * reason is checked here as the service checks it, the first problem focused; cleared once the step is taken.
 */
function ReasonForm({
  form,
  field,
  title,
  hint,
  label,
  rows,
  button,
  danger,
  busy,
  announce,
  send,
}: {
  /** The form's name, and the reason field's: their ids (`reject-reason`). */
  readonly form: string;
  readonly field: string;
  readonly title: string;
  readonly hint?: string;
  readonly label: string;
  readonly rows: number;
  readonly button: string;
  readonly danger?: boolean;
  readonly busy: boolean;
  readonly announce: (a: Announcement) => void;
  /** Takes the step with the reason; true when it was taken. */
  readonly send: (reason: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState('');
  const f = useFormErrors(form, announce);
  const submit = async () => {
    const text = reason.trim();
    const problem = reasonProblem(text);
    if (f.report(problem ? { [field]: problem } : {})) return;
    if (await send(text)) setReason('');
  };
  return (
    <form
      ref={f.form}
      class="meja-action"
      noValidate
      aria-labelledby={`act-${form}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4 id={`act-${form}`}>{title}</h4>
      {hint && <p class="hint">{hint}</p>}
      <div class="meja-field">
        <label for={`${form}-${field}`}>{label}</label>
        <textarea {...f.attrs(field)} rows={rows} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        {f.message(field)}
      </div>
      <button type="submit" class={danger ? 'button secondary danger' : 'button secondary'} disabled={busy}>
        {button}
      </button>
    </form>
  );
}

function RejectForm({ deed, busy, step, announce }: Props) {
  const { api } = useServices();
  return (
    <ReasonForm
      form="reject"
      field="reason"
      title={w('actions.rejectTitle')}
      label={w('actions.reason')}
      rows={3}
      button={w('actions.reject')}
      danger
      busy={busy}
      announce={announce}
      send={(reason) => step(() => outcome(api.deeds.POST('/deeds/{id}/reject', { params: { path: { id: deed.id } }, body: { version: deed.version, reason } })), () => w('actions.rejected'))}
    />
  );
}

function ArchiveForm({ deed, busy, step, announce }: Props) {
  const { api } = useServices();
  return (
    <ReasonForm
      form="archive"
      field="archiveReason"
      title={w('actions.archiveTitle')}
      hint={w('actions.archiveHint')}
      label={w('actions.archiveReason')}
      rows={2}
      button={w('actions.archive')}
      busy={busy}
      announce={announce}
      send={(reason) => step(() => outcome(api.deeds.POST('/deeds/{id}/archive', { params: { path: { id: deed.id } }, body: { version: deed.version, reason } })), () => w('actions.archived'))}
    />
  );
}

function CorrectForm({ deed, busy, step, announce }: Props) {
  const { api } = useServices();
  const fields = correctableFields(deed.deedType);
  const stored = deed.particulars as Record<string, unknown>;
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const f = useFormErrors('correct', announce);
  const leaf = field.split('.').pop() ?? '';
  const current = field === 'eventDate' ? deed.eventDate : field ? valueAt(stored, field) : undefined;
  const send = async () => {
    const found: Errors = {};
    if (field === '') found['correctField'] = errorMessage('FIELD_REQUIRED');
    else {
      const codes = correctionProblems(field, value, officeDate(new Date()));
      if (codes.length > 0) found['correctValue'] = codes.map((c) => errorMessage(c)).join(' ');
    }
    const problem = reasonProblem(reason.trim());
    if (problem) found['correctReason'] = problem;
    if (f.report(found)) return;
    await step(
      () =>
        outcome(
          api.deeds.POST('/deeds/{id}/corrections', {
            params: { path: { id: deed.id } },
            body: { version: deed.version, changes: [{ field, to: value.trim() }], reason: reason.trim() },
          }),
        ),
      () => w('actions.corrected'),
    );
  };
  const set = (e: Event) => setValue((e.currentTarget as HTMLInputElement).value);
  const valueInput =
    leaf === 'sex' ? (
      <select {...f.attrs('correctValue')} value={value} onChange={set}>
        <option value="">—</option>
        <option value="M">{w('sex.M')}</option>
        <option value="F">{w('sex.F')}</option>
      </select>
    ) : leaf === 'religion' ? (
      <select {...f.attrs('correctValue')} value={value} onChange={set}>
        <option value="">—</option>
        {RELIGIONS.map((r) => (
          <option value={r.code} key={r.code}>
            {religionWord(r.code)}
          </option>
        ))}
      </select>
    ) : leaf === 'birthDate' || field === 'eventDate' ? (
      <input {...f.attrs('correctValue')} type="date" value={value} onInput={set} />
    ) : (
      <input {...f.attrs('correctValue')} autoComplete="off" maxLength={300} inputMode={leaf === 'nik' || leaf === 'kkNumber' ? 'numeric' : undefined} value={value} onInput={set} />
    );
  return (
    <form
      ref={f.form}
      class="meja-action"
      noValidate
      aria-labelledby="act-correct"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h4 id="act-correct">{w('actions.correctTitle')}</h4>
      <p class="hint">{w('actions.correctHint')}</p>
      <div class="meja-fields">
        <div class="meja-field">
          <label for="correct-correctField">{w('actions.correctField')}</label>
          <select
            {...f.attrs('correctField')}
            value={field}
            onChange={(e) => {
              setField(e.currentTarget.value);
              setValue('');
            }}
          >
            <option value="">{w('actions.chooseField')}</option>
            {fields.map((path) => (
              <option value={path} key={path}>
                {fieldLabel(path)}
              </option>
            ))}
          </select>
          {f.message('correctField')}
          {field !== '' && current !== undefined && current !== null && current !== '' && (
            <p class="hint" id="correct-current">
              {w('actions.currentValue', { value: leaf === 'religion' ? religionWord(current) : leaf === 'sex' ? w(`sex.${String(current)}`) : String(current) })}
            </p>
          )}
        </div>
        <div class="meja-field">
          <label for="correct-correctValue">{w('actions.correctValue')}</label>
          {valueInput}
          {f.message('correctValue')}
        </div>
      </div>
      <div class="meja-field">
        <label for="correct-correctReason">{w('actions.correctReason')}</label>
        <textarea {...f.attrs('correctReason')} rows={2} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        {f.message('correctReason')}
      </div>
      <button type="submit" class="button primary" disabled={busy}>
        {w('actions.correct')}
      </button>
    </form>
  );
}

function AnnulForm({ deed, busy, step, announce }: Props) {
  const { api } = useServices();
  const [number, setNumber] = useState('');
  const [finalOn, setFinalOn] = useState('');
  const [reason, setReason] = useState('');
  // Irreversible: the registrar confirms, with the decision's number in front of them, before anything is sent.
  const [confirming, setConfirming] = useState(false);
  const f = useFormErrors('annul', announce);
  const send = async (confirmed: boolean) => {
    const found: Errors = {};
    const n = number.trim();
    if (n === '') found['courtNumber'] = errorMessage('FIELD_REQUIRED');
    else if (n.length > 100) found['courtNumber'] = errorMessage('IS_LENGTH');
    if (finalOn === '') found['courtFinal'] = errorMessage('FIELD_REQUIRED');
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(finalOn)) found['courtFinal'] = errorMessage('DATE_INVALID');
    const problem = reasonProblem(reason.trim(), true);
    if (problem) found['annulReason'] = problem;
    if (f.report(found)) return;
    if (!confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    await step(
      () =>
        outcome(
          api.deeds.POST('/deeds/{id}/annulment', {
            params: { path: { id: deed.id } },
            body: { version: deed.version, courtDecision: { number: n, finalOn }, ...(reason.trim() ? { reason: reason.trim() } : {}) },
          }),
        ),
      () => w('actions.annulled'),
    );
  };
  return (
    <form
      ref={f.form}
      class="meja-action"
      noValidate
      aria-labelledby="act-annul"
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
    >
      <h4 id="act-annul">{w('actions.annulTitle')}</h4>
      <p class="hint">{w('actions.annulHint')}</p>
      <div class="meja-fields">
        <div class="meja-field">
          <label for="annul-courtNumber">{w('actions.courtNumber')}</label>
          <input {...f.attrs('courtNumber')} autoComplete="off" maxLength={100} value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
          {f.message('courtNumber')}
        </div>
        <div class="meja-field">
          <label for="annul-courtFinal">{w('actions.courtFinal')}</label>
          <input {...f.attrs('courtFinal')} type="date" value={finalOn} onInput={(e) => setFinalOn(e.currentTarget.value)} />
          {f.message('courtFinal')}
        </div>
      </div>
      <div class="meja-field">
        <label for="annul-annulReason">{w('actions.annulReason')}</label>
        <textarea {...f.attrs('annulReason')} rows={2} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        {f.message('annulReason')}
      </div>
      {confirming ? (
        <div class="meja-confirm" role="group" aria-labelledby="annul-confirm">
          <p id="annul-confirm">{w('actions.annulConfirm', { number: number.trim() })}</p>
          <div class="meja-buttons">
            <button type="button" class="button primary danger" disabled={busy} onClick={() => void send(true)}>
              {w('actions.annulYes')}
            </button>
            <button type="button" class="button secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {w('actions.annulNo')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" class="button secondary danger" disabled={busy}>
          {w('actions.annul')}
        </button>
      )}
    </form>
  );
}

export function Actions(props: Props) {
  const offered = offeredActions(props.deed.allowedActions, props.person.roles);
  return (
    <section class="meja-panel meja-actions" aria-labelledby="meja-actions">
      <h3 id="meja-actions">{w('actions.title')}</h3>
      {offered.length === 0 && <p>{w('actions.none')}</p>}
      {offered.includes('SUBMIT') && <SubmitForm {...props} key={`submit-${props.deed.version}`} />}
      {offered.includes('VERIFY') && <VerifyForm {...props} />}
      {offered.includes('REGISTER') && <RegisterForm {...props} key={`register-${props.deed.version}`} />}
      {offered.includes('ISSUE') && <IssueForm {...props} />}
      {offered.includes('REJECT') && <RejectForm {...props} key={`reject-${props.deed.version}`} />}
      {offered.includes('CORRECT') && <CorrectForm {...props} key={`correct-${props.deed.version}`} />}
      {offered.includes('ANNUL') && <AnnulForm {...props} key={`annul-${props.deed.version}`} />}
      {offered.includes('ARCHIVE') && <ArchiveForm {...props} key={`archive-${props.deed.version}`} />}
    </section>
  );
}
