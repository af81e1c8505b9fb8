/**
 * Laporan Pemakaman: the keeper of a burial register (a cemetery, a parish, a mosque, the village) reports a burial
 * (POST /burials), checked as the service checks it (burial-rules.ts), with an Idempotency-Key kept while the same
 * report is sent again. The answer says what the office found: the death already registered, a death case under
 * way, or none — then the office opens a death case and waits for the family. The draft is kept in memory only
 * (personal data), while the app is open.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import type { Person } from '../../auth/person';
import { currentLanguage, errorMessage, i18n } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { villagesOf } from '../../region/villages';
import { useServices } from '../../shell/context';
import {
  BURIAL_FIELD_ORDER,
  burialFieldOf,
  checkBurial,
  emptyBurialDraft,
  REPORTER_KINDS,
  reporterKindOf,
  type BurialDraft,
  type BurialField,
  type BurialProblem,
  type BurialView,
} from './burial-rules';
import { controlId, describedBy, Field, RadioGroup } from './fields';
import { districtChoices, fixedVillage, newIdempotencyKey, officeToday, type PendingSend } from './report-rules';

const t = (key: string, options?: Record<string, string | number>) => i18n.t(key, options);

let keptDraft: BurialDraft | undefined;
let keptSend: PendingSend | undefined;

function newDraft(person: Person): BurialDraft {
  const districts = districtChoices(person.regions);
  return emptyBurialDraft({
    reporterKind: reporterKindOf(person.institution),
    districtCode: districts.length === 1 ? (districts[0]?.code ?? '') : '',
    villageCode: fixedVillage(person.regions) ?? '',
  });
}

interface Failure {
  readonly offline?: boolean;
  readonly code?: string;
  readonly other?: readonly string[];
}

export function BurialForm({ person }: { readonly person: Person }) {
  const { api } = useServices();
  const [draft, setDraftState] = useState<BurialDraft>(() => keptDraft ?? newDraft(person));
  const [problems, setProblems] = useState<readonly BurialProblem[]>([]);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<BurialView>();
  const [failure, setFailure] = useState<Failure>();
  const [focusFirst, setFocusFirst] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLHeadingElement>(null);
  const sendingRef = useRef(false);
  const today = officeToday();
  const lang = currentLanguage();

  const setDraft = (next: BurialDraft) => {
    keptDraft = next;
    setDraftState(next);
  };
  const set = <K extends BurialField>(field: K, value: BurialDraft[K]) => {
    setDraft({ ...draft, [field]: value });
    setProblems((ps) => ps.filter((p) => p.field !== field));
  };
  const codesOf = (field: BurialField) => problems.filter((p) => p.field === field).map((p) => p.code);

  useEffect(() => {
    if (focusFirst === 0) return;
    const first = BURIAL_FIELD_ORDER.find((f) => problems.some((p) => p.field === f));
    if (first) document.getElementById(controlId(`burial-${first}`))?.focus();
    else alertRef.current?.focus();
  }, [focusFirst]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const send = async () => {
    if (sendingRef.current) return;
    setFailure(undefined);
    const check = checkBurial(draft, officeToday());
    if (!check.ok) {
      setProblems(check.problems);
      setFocusFirst((n) => n + 1);
      return;
    }
    setProblems([]);
    if (!navigator.onLine) {
      setFailure({ offline: true });
      setFocusFirst((n) => n + 1);
      return;
    }
    // The same report keeps its key (a retry gets the first answer); a changed one gets a new key.
    const json = JSON.stringify(check.body);
    const pending: PendingSend = keptSend && keptSend.body === json ? keptSend : { key: newIdempotencyKey(), body: json };
    keptSend = pending;
    sendingRef.current = true;
    setSending(true);
    try {
      const { data, error } = await api.deeds.POST('/burials', { params: { header: { 'Idempotency-Key': pending.key } }, body: check.body });
      if (data) {
        keptSend = undefined;
        keptDraft = undefined;
        setOutcome(data);
        setDraftState(newDraft(person));
        return;
      }
      const items = (error as { errors?: { code?: string; field?: string }[] } | undefined)?.errors ?? [];
      const onFields: BurialProblem[] = [];
      const other: string[] = [];
      for (const item of items) {
        const field = burialFieldOf(item.field);
        const code = item.code ?? 'HTTP_ERROR';
        if (field) onFields.push({ field, code });
        else if (!other.includes(code)) other.push(code);
      }
      setProblems(onFields);
      setFailure({ code: problemCode(error) ?? 'HTTP_ERROR', other });
      setFocusFirst((n) => n + 1);
    } catch {
      setFailure({ offline: true });
      setFocusFirst((n) => n + 1);
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  if (outcome) {
    return (
      <div class="mitra-outcome notice" data-outcome={outcome.duplicate ? 'duplicate' : 'created'} data-match={outcome.match}>
        <h2 tabIndex={-1} ref={outcomeRef}>
          <span aria-hidden="true">✓ </span>
          {outcome.duplicate ? t('mitra.burial.sent.duplicateTitle') : t('mitra.burial.sent.createdTitle')}
        </h2>
        <p>{t(outcome.duplicate ? 'mitra.burial.sent.duplicate' : 'mitra.burial.sent.created', { date: formatDate(outcome.burialDate, lang) })}</p>
        <p>{t(`mitra.burial.match.${outcome.match}`)}</p>
        <div class="actions">
          <button type="button" class="button primary" onClick={() => setOutcome(undefined)}>
            {t('mitra.burial.sent.another')}
          </button>
        </div>
      </div>
    );
  }

  const districts = districtChoices(person.regions);
  const villages = villagesOf(draft.districtCode);
  const lockedVillage = fixedVillage(person.regions);
  const fieldCount = new Set(problems.map((p) => p.field)).size;
  const id = (field: BurialField) => controlId(`burial-${field}`);
  const aria = (field: BurialField, hint = false) => describedBy(`burial-${field}`, hint, codesOf(field));

  const text = (field: 'registerEntryNumber' | 'fullName' | 'nik' | 'cemeteryName', label: string, opts: { optional?: boolean; hint?: string; numeric?: boolean } = {}) => (
    <Field field={`burial-${field}`} label={label} optional={opts.optional ? t('mitra.optional') : undefined} hint={opts.hint} codes={codesOf(field)}>
      <input
        id={id(field)}
        type="text"
        inputMode={opts.numeric ? 'numeric' : undefined}
        autoComplete="off"
        spellcheck={false}
        value={draft[field]}
        onInput={(e) => set(field, e.currentTarget.value)}
        {...aria(field, opts.hint !== undefined)}
      />
    </Field>
  );
  const date = (field: 'dateOfDeath' | 'burialDate', label: string, optional = false) => (
    <Field
      field={`burial-${field}`}
      label={label}
      optional={optional ? t('mitra.optional') : undefined}
      codes={codesOf(field)}
      after={draft[field] && /^\d{4}-\d{2}-\d{2}$/.test(draft[field]) ? <p data-date-reads>{formatDate(draft[field], lang)}</p> : null}
    >
      <input
        id={id(field)}
        type="date"
        // The date picker offers no burial day before the death (the rule is still checked on sending).
        min={field === 'burialDate' && /^\d{4}-\d{2}-\d{2}$/.test(draft.dateOfDeath) ? draft.dateOfDeath : undefined}
        max={today}
        value={draft[field]}
        onInput={(e) => set(field, e.currentTarget.value)}
        {...describedBy(`burial-${field}`, false, codesOf(field), true)}
      />
    </Field>
  );

  return (
    <form
      class="mitra-form"
      noValidate
      aria-labelledby="mitra-burial-title"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id="mitra-burial-title" class="visually-hidden" tabIndex={-1}>
        {t('mitra.views.burial')}
      </h2>
      <p class="field-hint">{t('mitra.burial.lead')}</p>
      <fieldset class="group">
        <legend>{t('mitra.burial.register.legend')}</legend>
        <Field field="burial-reporterKind" label={t('mitra.burial.register.kind')} codes={codesOf('reporterKind')}>
          <select id={id('reporterKind')} value={draft.reporterKind} onChange={(e) => set('reporterKind', e.currentTarget.value as BurialDraft['reporterKind'])} {...aria('reporterKind')}>
            <option value="">{t('mitra.burial.register.choose')}</option>
            {REPORTER_KINDS.map((k) => (
              <option value={k} key={k}>
                {t(`mitra.burial.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        {text('registerEntryNumber', t('mitra.burial.register.entry'), { optional: true, hint: t('mitra.burial.register.entryHint') })}
      </fieldset>
      <fieldset class="group">
        <legend>{t('mitra.deceased.legend')}</legend>
        {text('fullName', t('mitra.deceased.name'))}
        <RadioGroup
          field="burial-sex"
          legend={t('mitra.burial.sex')}
          options={(['M', 'F'] as const).map((s) => ({ value: s, label: t(`mitra.sexWords.${s}`) }))}
          value={draft.sex}
          codes={codesOf('sex')}
          onChange={(v) => set('sex', v)}
        />
        {text('nik', t('mitra.deceased.nik'), { optional: true, numeric: true, hint: t('mitra.burial.nikHint') })}
        {date('dateOfDeath', t('mitra.deceased.date'), true)}
      </fieldset>
      <fieldset class="group">
        <legend>{t('mitra.burial.place.legend')}</legend>
        {date('burialDate', t('mitra.burial.place.date'))}
        {text('cemeteryName', t('mitra.burial.place.cemetery'))}
        {districts.length === 1 ? (
          <p class="fixed-value" data-field="burial-districtCode">
            <span class="fixed-label">{t('mitra.address.district')}</span> {districts[0]?.name}
          </p>
        ) : (
          <Field field="burial-districtCode" label={t('mitra.address.district')} codes={codesOf('districtCode')}>
            <select id={id('districtCode')} value={draft.districtCode} onChange={(e) => setDraft({ ...draft, districtCode: e.currentTarget.value, villageCode: '' })} {...aria('districtCode')}>
              <option value="">—</option>
              {districts.map((d) => (
                <option value={d.code} key={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {lockedVillage ? (
          <p class="fixed-value" data-field="burial-villageCode">
            <span class="fixed-label">{t('mitra.address.village')}</span> {villages.find((v) => v.code === lockedVillage)?.name ?? lockedVillage}
          </p>
        ) : (
          <Field field="burial-villageCode" label={t('mitra.address.village')} codes={codesOf('villageCode')}>
            <select id={id('villageCode')} value={draft.villageCode} onChange={(e) => set('villageCode', e.currentTarget.value)} {...aria('villageCode')}>
              <option value="">{t('mitra.address.chooseVillage')}</option>
              {villages.map((v) => (
                <option value={v.code} key={v.code}>
                  {v.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </fieldset>

      <div class="send-area">
        <div class="notice error-text" role="alert" tabIndex={-1} ref={alertRef} data-failure={failure?.offline ? 'offline' : (failure?.code ?? '')}>
          {fieldCount > 0 && !failure && <p>{fieldCount === 1 ? t('mitra.fixOne') : t('mitra.fixMany', { count: fieldCount })}</p>}
          {failure?.offline && <p>{t('mitra.offline')}</p>}
          {failure?.code && (
            <>
              <p>
                <strong>{t('mitra.failed')}</strong> {errorMessage(failure.code)}
              </p>
              {(failure.other ?? []).length > 0 && (
                <ul>
                  {(failure.other ?? []).map((code) => (
                    <li key={code} data-code={code}>
                      {errorMessage(code)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        <div class="actions">
          <button type="submit" class="button primary send" disabled={sending}>
            {sending ? t('mitra.sending') : t('mitra.send')}
          </button>
        </div>
        <div class="actions quiet-row">
          <button
            type="button"
            class="button quiet"
            onClick={() => {
              keptSend = undefined;
              setProblems([]);
              setFailure(undefined);
              setDraft(newDraft(person));
            }}
          >
            {t('mitra.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}
