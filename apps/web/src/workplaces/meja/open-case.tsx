/**
 * "Permohonan baru di loket": an application opened at the counter (POST /deeds, channel OFFICE) with what names the
 * event (OPEN_FIELDS: the case key's facts and a name), checked first as the deeds service checks it
 * (deed-rules.ts checkOpening: the same codes, their messages by errorMessage). Once open, the case opens in the case
 * view, where the documents and the rest of the particulars are completed before it is submitted. A second case of
 * the same event is refused by the service (409 DUPLICATE_CASE): the existing case is offered instead.
 */
import { DEED_TYPES, listDistricts, type DeedType } from '@adminduk/domain';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Person } from '../../auth/person';
import { errorMessage } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { villagesOf } from '../../region/villages';
import { fieldLabel, itemText } from './case-common';
import { checkOpening, officeDate, OPEN_FIELDS } from './deed-rules';
import { outcome } from './outcome';
import { followPlace, goTo, placeHref } from './place';
import { w } from './words';

const REGENCY = '5316';
const cssId = (key: string) => key.replace(/[^a-zA-Z0-9-]/g, '-');
const FIXED: Record<string, () => string> = {
  deedType: () => w('open.deedType'),
  eventDate: () => w('open.eventDate'),
  districtCode: () => w('open.district'),
  villageCode: () => w('open.village'),
};
const labelOf = (key: string) => (FIXED[key] ?? (() => fieldLabel(key)))();

interface Problem {
  readonly text: string;
  readonly items: readonly string[];
  readonly existing?: string;
}

export function OpenCase({ person }: { readonly person: Person }) {
  const { api } = useServices();
  const ownDistrict = person.regions.length === 1 && /^\d{6}$/.test(person.regions[0] ?? '') ? person.regions[0] : undefined;
  const districts = useMemo(() => listDistricts(REGENCY).filter((d) => !d.historical && (!ownDistrict || d.code === ownDistrict)), [ownDistrict]);
  const [shown, setShown] = useState(false);
  const [deedType, setDeedType] = useState<DeedType | ''>('');
  const [eventDate, setEventDate] = useState('');
  const [districtCode, setDistrictCode] = useState(ownDistrict ?? '');
  const [villageCode, setVillageCode] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  const fields = deedType === '' ? [] : OPEN_FIELDS[deedType];
  const villages = districtCode ? villagesOf(districtCode) : [];

  const show = (open: boolean) => {
    setShown(open);
    setErrors({});
    setProblem(undefined);
    requestAnimationFrame(() => (open ? title.current : opener.current)?.focus());
  };

  const report = (found: Record<string, string>, text: string, items: readonly string[], existing?: string) => {
    setErrors(found);
    setProblem({ text, items, ...(existing ? { existing } : {}) });
    const first = Object.keys(found).find((k) => k !== '_form');
    requestAnimationFrame(() => {
      if (first) form.current?.querySelector<HTMLElement>(`#open-${cssId(first)}`)?.focus();
      else alert.current?.focus();
    });
  };

  const send = async () => {
    const check = checkOpening({ deedType, eventDate, districtCode, villageCode, values }, officeDate(new Date()), REGENCY, (d, v) => villagesOf(d).some((x) => x.code === v));
    if (!check.ok) {
      const found: Record<string, string> = {};
      for (const [key, codes] of Object.entries(check.problems)) found[key] = codes.map((c) => errorMessage(c)).join(' ');
      const items = Object.entries(found).map(([k, text]) => (k === '_form' ? text : `${labelOf(k)}: ${text}`));
      report(found, w('actions.problems'), items);
      return;
    }
    setBusy(true);
    setErrors({});
    setProblem(undefined);
    try {
      const answer = await outcome(api.deeds.POST('/deeds', { body: check.body }));
      if (answer.ok) {
        goTo({ section: 'akta', caseId: answer.data.id });
        return;
      }
      const found: Record<string, string> = {};
      for (const item of answer.items) {
        const key = item.field?.replace(/^particulars\./, '');
        if (key && (key in FIXED || fields.includes(key))) found[key] = item.code ? errorMessage(item.code) : item.message;
      }
      const existing = answer.code === 'DUPLICATE_CASE' ? answer.items.find((i) => i.field === 'deedId')?.message : undefined;
      report(found, errorMessage(answer.code), existing ? [] : answer.items.map(itemText), existing);
    } finally {
      setBusy(false);
    }
  };

  const attrs = (key: string) => ({
    id: `open-${cssId(key)}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': [errors[key] ? `open-${cssId(key)}-error` : '', key === 'villageCode' && (deedType === 'BIRTH' || deedType === 'STILLBIRTH') ? 'open-mother-hint' : ''].filter(Boolean).join(' ') || undefined,
  });
  const message = (key: string) =>
    errors[key] ? (
      <p id={`open-${cssId(key)}-error`} class="field-error">
        {errors[key]}
      </p>
    ) : null;

  if (!shown) {
    return (
      <p class="meja-open-start">
        <button type="button" class="button primary" ref={opener} aria-expanded="false" aria-controls="meja-open" onClick={() => show(true)}>
          {w('open.start')}
        </button>
      </p>
    );
  }

  return (
    <section id="meja-open" class="meja-panel meja-open" aria-labelledby="meja-open-title">
      <h2 id="meja-open-title" tabIndex={-1} ref={title}>
        {w('open.title')}
      </h2>
      <p class="hint">{w('open.hint')}</p>
      <div class="notice error-text meja-error" role="alert" tabIndex={-1} ref={alert}>
        {problem && (
          <>
            <p>{problem.text}</p>
            {problem.items.length > 0 && (
              <ul>
                {problem.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            )}
            {problem.existing && (
              <p>
                <a href={placeHref({ section: 'akta', caseId: problem.existing })} onClick={followPlace({ section: 'akta', caseId: problem.existing })}>
                  {w('open.duplicate')}
                </a>
              </p>
            )}
          </>
        )}
      </div>
      <form
        ref={form}
        noValidate
        aria-labelledby="meja-open-title"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div class="meja-fields">
          <div class="meja-field">
            <label for="open-deedType">{w('open.deedType')}</label>
            <select
              {...attrs('deedType')}
              value={deedType}
              onChange={(e) => {
                setDeedType(e.currentTarget.value as DeedType | '');
                setErrors({});
              }}
            >
              <option value="">{w('open.chooseType')}</option>
              {DEED_TYPES.map((t) => (
                <option value={t} key={t}>
                  {w(`type.${t}`)}
                </option>
              ))}
            </select>
            {message('deedType')}
          </div>
          <div class="meja-field">
            <label for="open-eventDate">{w('open.eventDate')}</label>
            <input {...attrs('eventDate')} type="date" max={officeDate(new Date())} value={eventDate} onInput={(e) => setEventDate(e.currentTarget.value)} />
            {message('eventDate')}
          </div>
          <div class="meja-field">
            <label for="open-districtCode">{w('open.district')}</label>
            <select
              {...attrs('districtCode')}
              value={districtCode}
              onChange={(e) => {
                setDistrictCode(e.currentTarget.value);
                setVillageCode('');
              }}
            >
              {!ownDistrict && <option value="">{w('open.chooseDistrict')}</option>}
              {districts.map((d) => (
                <option value={d.code} key={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
            {message('districtCode')}
          </div>
          <div class="meja-field">
            <label for="open-villageCode">{w('open.village')}</label>
            <select {...attrs('villageCode')} value={villageCode} onChange={(e) => setVillageCode(e.currentTarget.value)}>
              <option value="">{w('open.anyVillage')}</option>
              {villages.map((v) => (
                <option value={v.code} key={v.code}>
                  {v.name}
                </option>
              ))}
            </select>
            {message('villageCode')}
          </div>
        </div>
        {(deedType === 'BIRTH' || deedType === 'STILLBIRTH') && (
          <p class="hint" id="open-mother-hint">
            {w('open.motherHint')}
          </p>
        )}
        {fields.length > 0 && (
          <div class="meja-fields">
            {fields.map((path) => {
              const leaf = path.split('.').pop() as string;
              return (
                <div class="meja-field" key={`${deedType}-${path}`}>
                  <label for={`open-${cssId(path)}`}>{fieldLabel(path)}</label>
                  <input
                    {...attrs(path)}
                    autoComplete="off"
                    inputMode={leaf === 'nik' ? 'numeric' : undefined}
                    maxLength={leaf === 'nik' ? 16 : 300}
                    value={values[path] ?? ''}
                    onInput={(e) => setValues({ ...values, [path]: e.currentTarget.value })}
                  />
                  {message(path)}
                </div>
              );
            })}
          </div>
        )}
        <p class="meja-open-buttons">
          <button type="submit" class="button primary" disabled={busy}>
            {w('open.send')}
          </button>{' '}
          <button type="button" class="button secondary" onClick={() => show(false)}>
            {w('open.cancel')}
          </button>
        </p>
      </form>
    </section>
  );
}
