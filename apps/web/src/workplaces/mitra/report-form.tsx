/**
 * Laporan baru: a birth (BLAS) or a death (OMAS), checked as it is typed and again before it is sent, then sent to
 * the deeds service (POST /notifications) with an Idempotency-Key that stays the same while the same report is sent
 * again. What was typed stays while the person is in the app (a module-level draft: leaving for "Laporan saya" or
 * losing the signal loses nothing); it is never written to the device (personal data).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import type { Person } from '../../auth/person';
import { currentLanguage, errorMessage, i18n } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { controlId, describedBy, Field, RadioGroup } from './fields';
import {
  checkReport,
  cleanNik,
  districtChoices,
  emptyDraft,
  FIELD_ORDER,
  fieldOfPath,
  fixedVillage,
  institutionName,
  keyForSending,
  newIdempotencyKey,
  officeToday,
  PARTNER_KINDS,
  partnerKindOf,
  readNik,
  type DraftField,
  type FieldProblem,
  type NotificationView,
  type PendingSend,
  type ReportDraft,
  type ReportKind,
} from './report-rules';
import { villagesOf } from '../../region/villages';

const t = (key: string, options?: Record<string, string | number>) => i18n.t(key, options);

/** Kept while the app is open: the report being typed, and the key of the report last sent. */
let keptDraft: ReportDraft | undefined;
let keptSend: PendingSend | undefined;

function defaultsFor(person: Person) {
  const partnerKind = partnerKindOf(person.institution);
  const districts = districtChoices(person.regions);
  const village = fixedVillage(person.regions);
  const health = partnerKind === 'HEALTH_POST' || partnerKind === 'HOSPITAL';
  return {
    partnerKind,
    districtCode: districts.length === 1 ? (districts[0]?.code ?? '') : '',
    villageCode: village ?? '',
    // A health post's births are mostly born there: its name is the likely place (the midwife changes it for a home birth).
    place: health ? institutionName(person.institution) : '',
    kind: (partnerKind === 'RELIGIOUS_INSTITUTION' ? 'DEATH' : 'BIRTH') as ReportKind,
  };
}

function newDraft(person: Person, kind?: ReportKind): ReportDraft {
  const d = defaultsFor(person);
  return emptyDraft(kind ?? d.kind, d);
}

interface Outcome {
  readonly created: boolean;
  readonly view: NotificationView;
}

interface Failure {
  readonly offline?: boolean;
  readonly code?: string;
  /** The service's items that name no field of the form. */
  readonly other?: readonly string[];
}

export function ReportForm({ person, onFollow }: { readonly person: Person; readonly onFollow: () => void }) {
  const { api } = useServices();
  const [draft, setDraftState] = useState<ReportDraft>(() => keptDraft ?? newDraft(person));
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [failure, setFailure] = useState<Failure>();
  const [focusFirst, setFocusFirst] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLHeadingElement>(null);
  const sendingRef = useRef(false);
  const today = officeToday();
  const lang = currentLanguage();

  const setDraft = (next: ReportDraft) => {
    keptDraft = next;
    setDraftState(next);
  };
  const set = <K extends DraftField>(field: K, value: ReportDraft[K]) => {
    setDraft({ ...draft, [field]: value });
    // A field changed: its old problems go (they come back, checked again, at the next send).
    setProblems((ps) => ps.filter((p) => p.field !== field && !(field === 'motherNik' && p.field === 'villageCode')));
  };
  const touch = (field: DraftField) => setTouched((s) => new Set(s).add(field));

  useEffect(() => {
    if (focusFirst === 0) return;
    const first = FIELD_ORDER.find((f) => problems.some((p) => p.field === f));
    if (first) document.getElementById(controlId(first))?.focus();
    else alertRef.current?.focus();
  }, [focusFirst]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  /** The codes shown under a field: those of the last send, and a NIK's own as soon as it is complete or left. */
  const codesOf = (field: DraftField): string[] => {
    const codes = problems.filter((p) => p.field === field).map((p) => p.code);
    if ((field === 'motherNik' || field === 'fatherNik' || field === 'deceasedNik') && codes.length === 0) {
      const typed = cleanNik(draft[field]);
      if (typed !== '' && (typed.length >= 16 || touched.has(field))) {
        const reading = readNik(typed, today);
        if (!reading.ok) return [...reading.codes];
        if (field === 'motherNik' && reading.sex !== 'F') return ['NIK_SEX_MISMATCH'];
        if (field === 'fatherNik' && reading.sex !== 'M') return ['NIK_SEX_MISMATCH'];
      }
    }
    return codes;
  };

  /** "Perempuan, lahir 7 Desember 1990": what a valid NIK says, to catch a wrong digit. */
  const nikReads = (value: string) => {
    const typed = cleanNik(value);
    if (typed.length !== 16) return undefined;
    const reading = readNik(typed, today);
    return reading.ok ? t('mitra.nikReads', { sex: t(`mitra.sexWords.${reading.sex}`), date: formatDate(reading.birthDate, lang) }) : undefined;
  };

  const send = async () => {
    if (sendingRef.current) return;
    setFailure(undefined);
    const check = checkReport(draft, officeToday());
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
    // The same report keeps its key (a double tap or a retry gets the first answer); a changed one gets a new key.
    const pending = keyForSending(keptSend, check.body, () => newIdempotencyKey());
    keptSend = pending;
    sendingRef.current = true;
    setSending(true);
    try {
      const { data, error } = await api.deeds.POST('/notifications', { params: { header: { 'Idempotency-Key': pending.key } }, body: check.body });
      if (data) {
        keptSend = undefined;
        keptDraft = undefined;
        setOutcome({ created: !data.duplicate, view: data });
        setDraftState(newDraft(person, draft.kind));
        setTouched(new Set());
        return;
      }
      const items = (error as { errors?: { code?: string; field?: string }[] } | undefined)?.errors ?? [];
      const onFields: FieldProblem[] = [];
      const other: string[] = [];
      for (const item of items) {
        const field = fieldOfPath(item.field);
        const code = item.code ?? 'HTTP_ERROR';
        if (field) onFields.push({ field, code });
        else if (!other.includes(code)) other.push(code);
      }
      setProblems(onFields);
      setFailure({ code: problemCode(error) ?? 'HTTP_ERROR', other });
      setFocusFirst((n) => n + 1);
    } catch {
      // No answer at all: no signal (or the office's server out of reach). The form stays as typed, the key kept.
      setFailure({ offline: true });
      setFocusFirst((n) => n + 1);
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  if (outcome) {
    const v = outcome.view;
    const words = { type: t(`mitra.typesLower.${v.deedType}`), date: formatDate(v.eventDate ?? draft.eventDate, lang) };
    return (
      <div class="mitra-outcome notice" data-outcome={outcome.created ? 'created' : 'duplicate'}>
        <h2 tabIndex={-1} ref={outcomeRef}>
          <span aria-hidden="true">✓ </span>
          {outcome.created ? t('mitra.sent.createdTitle') : t('mitra.sent.duplicateTitle')}
        </h2>
        <p>{outcome.created ? t('mitra.sent.created', words) : t('mitra.sent.duplicate', words)}</p>
        <div class="actions">
          <button type="button" class="button primary" onClick={() => setOutcome(undefined)}>
            {t('mitra.sent.another')}
          </button>
          <button type="button" class="button secondary" onClick={onFollow}>
            {t('mitra.sent.follow')}
          </button>
        </div>
      </div>
    );
  }

  const districts = districtChoices(person.regions);
  const villages = villagesOf(draft.districtCode);
  const lockedVillage = fixedVillage(person.regions);
  const birth = draft.kind === 'BIRTH';
  const fieldCount = new Set(problems.map((p) => p.field)).size;
  const dateHint = draft.eventDate && /^\d{4}-\d{2}-\d{2}$/.test(draft.eventDate) ? formatDate(draft.eventDate, lang) : undefined;

  const nikField = (field: 'motherNik' | 'fatherNik' | 'deceasedNik', label: string, hint?: string, optional?: boolean) => {
    const codes = codesOf(field);
    const reads = codes.length === 0 ? nikReads(draft[field]) : undefined;
    return (
      <Field
        field={field}
        label={label}
        optional={optional ? t('mitra.optional') : undefined}
        codes={codes}
        live
        hint={hint}
        after={
          reads ? (
            <p class="nik-reads" data-nik-reads>
              {reads}
            </p>
          ) : null
        }
      >
        <input
          id={controlId(field)}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellcheck={false}
          maxLength={24}
          value={draft[field]}
          onInput={(e) => set(field, e.currentTarget.value)}
          onBlur={() => touch(field)}
          {...describedBy(field, hint !== undefined, codes, true)}
        />
      </Field>
    );
  };

  /** The day, not after today; the day picked is said back in words ("5 Desember 2026"), whatever the phone shows. */
  const dateField = (label: string) => {
    const codes = codesOf('eventDate');
    return (
      <Field field="eventDate" label={label} codes={codes} after={dateHint ? <p data-date-reads>{dateHint}</p> : null}>
        <input id={controlId('eventDate')} type="date" max={today} value={draft.eventDate} onInput={(e) => set('eventDate', e.currentTarget.value)} {...describedBy('eventDate', false, codes, true)} />
      </Field>
    );
  };

  const textField = (field: 'motherName' | 'fatherName' | 'deceasedName' | 'place', label: string, opts: { optional?: boolean; hint?: string; autoComplete?: string } = {}) => {
    const codes = codesOf(field);
    return (
      <Field field={field} label={label} optional={opts.optional ? t('mitra.optional') : undefined} hint={opts.hint} codes={codes}>
        <input
          id={controlId(field)}
          type="text"
          autoComplete={opts.autoComplete ?? 'off'}
          value={draft[field]}
          onInput={(e) => set(field, e.currentTarget.value)}
          {...describedBy(field, opts.hint !== undefined, codes)}
        />
      </Field>
    );
  };

  return (
    <form
      class="mitra-form"
      noValidate
      aria-labelledby="mitra-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id="mitra-form-title" class="visually-hidden" tabIndex={-1}>
        {t('mitra.views.report')}
      </h2>
      <RadioGroup
        field="kind"
        legend={t('mitra.kind.legend')}
        options={(['BIRTH', 'DEATH'] as const).map((k) => ({ value: k, label: t(`mitra.kind.${k}`) }))}
        value={draft.kind}
        codes={[]}
        onChange={(kind) => {
          setProblems([]);
          setDraft({ ...draft, kind, place: kind === draft.kind ? draft.place : kind === 'BIRTH' ? defaultsFor(person).place : '' });
        }}
      />

      {birth ? (
        <>
          <fieldset class="group">
            <legend>{t('mitra.mother.legend')}</legend>
            {nikField('motherNik', t('mitra.mother.nik'), t('mitra.mother.nikHint'))}
            {textField('motherName', t('mitra.mother.name'))}
          </fieldset>
          <fieldset class="group">
            <legend>{t('mitra.child.legend')}</legend>
            <RadioGroup
              field="childSex"
              legend={t('mitra.child.sex')}
              options={(['M', 'F'] as const).map((s) => ({ value: s, label: t(`mitra.child.${s}`) }))}
              value={draft.childSex}
              codes={codesOf('childSex')}
              onChange={(v) => set('childSex', v)}
            />
            <div class="field-row">
              {dateField(t('mitra.child.date'))}
              <Field field="birthTime" label={t('mitra.child.time')} optional={t('mitra.optional')} codes={codesOf('birthTime')}>
                <input id={controlId('birthTime')} type="time" value={draft.birthTime} onInput={(e) => set('birthTime', e.currentTarget.value)} {...describedBy('birthTime', false, codesOf('birthTime'))} />
              </Field>
            </div>
            <Field field="childOrder" label={t('mitra.child.order')} hint={t('mitra.child.orderHint')} codes={codesOf('childOrder')}>
              <select id={controlId('childOrder')} value={draft.childOrder} onChange={(e) => set('childOrder', e.currentTarget.value)} {...describedBy('childOrder', true, codesOf('childOrder'))}>
                {(['1', '2', '3', '4'] as const).map((o) => (
                  <option value={o} key={o}>
                    {t(`mitra.child.orders.${o}`)}
                  </option>
                ))}
              </select>
            </Field>
            {textField('place', t('mitra.child.place'), { optional: true, hint: t('mitra.child.placeHint') })}
            <button type="button" class="chip home-birth" onClick={() => set('place', t('mitra.child.home'))}>
              {t('mitra.child.atHome')}
            </button>
          </fieldset>
          <fieldset class="group">
            <legend>{t('mitra.father.legend')}</legend>
            {nikField('fatherNik', t('mitra.father.nik'), undefined, true)}
            {textField('fatherName', t('mitra.father.name'), { optional: true })}
          </fieldset>
        </>
      ) : (
        <fieldset class="group">
          <legend>{t('mitra.deceased.legend')}</legend>
          {nikField('deceasedNik', t('mitra.deceased.nik'))}
          {textField('deceasedName', t('mitra.deceased.name'))}
          {dateField(t('mitra.deceased.date'))}
          {textField('place', t('mitra.deceased.place'), { optional: true, hint: t('mitra.deceased.placeHint') })}
        </fieldset>
      )}

      <fieldset class="group">
        <legend>{t('mitra.address.legend')}</legend>
        {districts.length === 1 ? (
          <p class="fixed-value" data-field="districtCode">
            <span class="fixed-label">{t('mitra.address.district')}</span> {districts[0]?.name}
          </p>
        ) : (
          <Field field="districtCode" label={t('mitra.address.district')} codes={codesOf('districtCode')}>
            <select
              id={controlId('districtCode')}
              value={draft.districtCode}
              onChange={(e) => setDraft({ ...draft, districtCode: e.currentTarget.value, villageCode: '' })}
              {...describedBy('districtCode', false, codesOf('districtCode'))}
            >
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
          <p class="fixed-value" data-field="villageCode">
            <span class="fixed-label">{t('mitra.address.village')}</span> {villages.find((v) => v.code === lockedVillage)?.name ?? lockedVillage}
          </p>
        ) : (
          <Field
            field="villageCode"
            label={t('mitra.address.village')}
            optional={birth && cleanNik(draft.motherNik) === '' ? undefined : t('mitra.optional')}
            hint={birth ? t('mitra.address.villageHintBirth') : undefined}
            codes={codesOf('villageCode')}
          >
            <select id={controlId('villageCode')} value={draft.villageCode} onChange={(e) => set('villageCode', e.currentTarget.value)} {...describedBy('villageCode', birth, codesOf('villageCode'))}>
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

      <fieldset class="group">
        <legend>{t('mitra.partnerKind.legend')}</legend>
        <Field field="partnerKind" label={t('mitra.partnerKind.label')} codes={codesOf('partnerKind')}>
          <select id={controlId('partnerKind')} value={draft.partnerKind} onChange={(e) => set('partnerKind', e.currentTarget.value as ReportDraft['partnerKind'])} {...describedBy('partnerKind', false, codesOf('partnerKind'))}>
            <option value="">{t('mitra.partnerKind.choose')}</option>
            {PARTNER_KINDS.map((k) => (
              <option value={k} key={k}>
                {t(`mitra.partnerKind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
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
              setTouched(new Set());
              setDraft(newDraft(person, draft.kind));
            }}
          >
            {t('mitra.clear')}
          </button>
        </div>
      </div>
    </form>
  );
}
