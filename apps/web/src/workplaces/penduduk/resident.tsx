/**
 * Satu penduduk: the particulars, the status in the register, the family card, and the e-KTP, KIA and IKD with
 * the actions identity allows now (its allowedActions). Each action sends the version read; a 409 says "Data berubah
 * sejak diunduh" and reads the record again.
 */
import { ageOn } from '@adminduk/domain';
import type { IdentityComponents } from '@adminduk/clients';
import { useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import { formatDate, formatDateTime } from '../../i18n/format';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { Facts, httpCode, LoadingLine, LoadProblem, newKey, Panel, useLoad } from './common';
import { follow, placeHref, useScreenTitle } from './place';
import { officeToday } from './rules';
import { StatusPanel } from './status';
import { checklistFor, KiaDocuments } from './kia-documents';
import { districtName, villageName } from './search';
import { kkText, maritalLabel, nikText, religionLabel, w } from './words';

type ResidentView = IdentityComponents['schemas']['ResidentView'];
type EktpView = IdentityComponents['schemas']['EktpView'];
type KiaView = IdentityComponents['schemas']['KiaView'];
type EktpAction = EktpView['allowedActions'][number];
type KiaAction = KiaView['allowedActions'][number];
type IkdView = IdentityComponents['schemas']['IkdView'];
type IkdAction = IkdView['allowedActions'][number];
type IkdReason = NonNullable<IdentityComponents['schemas']['IkdActionDto']['reason']>;
const IKD_REASONS: readonly IkdReason[] = ['PHONE_LOST', 'PHONE_CHANGED', 'RESIDENT_REQUEST', 'OTHER'];

/** The outcome of an action: saved, or the problem in words (with its items), or a conflict (then the record is read again). */
type Outcome = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'problem'; readonly codes: readonly string[] } | undefined;

function problemCodes(error: unknown, status: number): string[] {
  const code = problemCode(error) ?? httpCode(status);
  const items = typeof error === 'object' && error !== null && Array.isArray((error as { errors?: unknown }).errors) ? ((error as { errors: { code?: unknown }[] }).errors) : [];
  const itemCodes = items.map((i) => (typeof i.code === 'string' ? i.code : undefined)).filter((c): c is string => c !== undefined && c !== code);
  return [code ?? 'HTTP_ERROR', ...itemCodes];
}

/** The choice among the actions identity allows now for a document (its allowedActions), named in words. */
function ActionChoice({ document, actions, chosen, onChoose }: { readonly document: 'ektp' | 'kia' | 'ikd'; readonly actions: readonly string[]; readonly chosen: string; readonly onChoose: (action: string) => void }) {
  return (
    <div class="pk-field">
      <label for={`pk-${document}-action`}>{w(`${document}.action`)}</label>
      <select id={`pk-${document}-action`} value={chosen} onChange={(e) => onChoose((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{w(`${document}.chooseAction`)}</option>
        {actions.map((a) => (
          <option key={a} value={a}>
            {w(`${document}.actions.${a}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function OutcomeLine({ outcome }: { readonly outcome: Outcome }) {
  return (
    <div aria-live="polite">
      {outcome?.kind === 'ok' && <p class="notice pk-ok">{outcome.text}</p>}
      {outcome?.kind === 'problem' && (
        <div class="notice error-text" role="alert">
          <ul>
            {outcome.codes.map((c, i) => (
              <li key={`${c}-${i}`} data-code={c}>
                {c === 'VERSION_CONFLICT' || c === 'CONFLICT' ? w('conflict') : errorMessage(c)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function EktpPanel({ resident, onSaved }: { readonly resident: ResidentView; readonly onSaved?: () => void }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [loaded, reload] = useLoad(() => api.identity.GET('/residents/{id}/ektp', { params: { path: { id: resident.id } } }), [resident.id]);
  const [action, setAction] = useState<EktpAction | ''>('');
  const [place, setPlace] = useState(w('ektp.placeDefault'));
  const [detail, setDetail] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  if (loaded.state === 'loading') return <Panel title={w('ektp.title')} id="pk-ektp-title"><LoadingLine /></Panel>;
  if (loaded.state === 'failed') return <Panel title={w('ektp.title')} id="pk-ektp-title"><LoadProblem code={loaded.code} retry={reload} /></Panel>;
  const ektp = loaded.value;
  const chosen = action && ektp.allowedActions.includes(action) ? action : '';
  const lastRecording = ektp.recordings[ektp.recordings.length - 1];

  const send = async (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setOutcome(undefined);
    const body: IdentityComponents['schemas']['EktpActionDto'] = { type: chosen, version: ektp.version };
    if (chosen === 'RECORD_BIOMETRICS') Object.assign(body, { place: place.trim() || w('ektp.placeDefault'), channel: 'OFFICE' });
    if (chosen === 'ISSUE') body.channel = 'OFFICE';
    if (chosen === 'PRINT_FAILED') body.reason = detail.trim() || '-';
    if ((chosen === 'REPORT_LOST' || chosen === 'REPORT_DAMAGED' || chosen === 'REPORT_DATA_CHANGED') && detail.trim()) body.reference = detail.trim();
    try {
      const { error, response } = await api.identity.POST('/residents/{id}/ektp/actions', {
        params: { path: { id: resident.id }, header: { 'Idempotency-Key': newKey() } },
        body,
      });
      if (response.ok) {
        setOutcome({ kind: 'ok', text: w('ektp.saved', { action: w(`ektp.actions.${chosen}`) }) });
        setAction('');
        setDetail('');
        onSaved?.();
      } else {
        setOutcome({ kind: 'problem', codes: problemCodes(error, response.status) });
      }
      // Saved or refused: the e-KTP as it stands now (a 409 means someone else changed it).
      reload();
    } catch {
      setOutcome({ kind: 'problem', codes: ['SERVICE_UNAVAILABLE'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={w('ektp.title')} id="pk-ektp-title" class="pk-ektp">
      <Facts
        items={[
          [w('ektp.status'), <strong data-ektp-status={ektp.status}>{w(`ektp.statuses.${ektp.status}`)}</strong>],
          [w('ektp.wajib'), ektp.wajibKtp ? w('ektp.yes') : w('ektp.no')],
          [w('ektp.recorded'), lastRecording ? `${formatDateTime(lastRecording.at, lang)} · ${lastRecording.place}` : w('resident.unknown')],
          [w('ektp.issued'), ektp.lastIssuedAt ? formatDateTime(ektp.lastIssuedAt, lang) : w('resident.unknown')],
        ]}
      />
      <OutcomeLine outcome={outcome} />
      {ektp.allowedActions.length === 0 ? (
        <p class="hint">{w('ektp.none')}</p>
      ) : (
        <form class="pk-action" onSubmit={(e) => void send(e)}>
          <ActionChoice document="ektp" actions={ektp.allowedActions} chosen={chosen} onChoose={(a) => setAction(a as EktpAction)} />
          {chosen === 'RECORD_BIOMETRICS' && (
            <div class="pk-field">
              <label for="pk-ektp-place">{w('ektp.place')}</label>
              <input id="pk-ektp-place" value={place} maxLength={200} onInput={(e) => setPlace((e.currentTarget as HTMLInputElement).value)} />
            </div>
          )}
          {(chosen === 'PRINT_FAILED' || chosen === 'REPORT_LOST' || chosen === 'REPORT_DAMAGED' || chosen === 'REPORT_DATA_CHANGED') && (
            <div class="pk-field">
              <label for="pk-ektp-detail">{chosen === 'PRINT_FAILED' ? w('ektp.reason') : w('ektp.reference')}</label>
              <input id="pk-ektp-detail" value={detail} maxLength={200} onInput={(e) => setDetail((e.currentTarget as HTMLInputElement).value)} />
            </div>
          )}
          <button type="submit" class="button primary" disabled={!chosen || busy}>
            {busy ? w('ektp.saving') : w('ektp.submit')}
          </button>
        </form>
      )}
    </Panel>
  );
}

function KiaPanel({ resident }: { readonly resident: ResidentView }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [loaded, reload] = useLoad(() => api.identity.GET('/residents/{id}/kia', { params: { path: { id: resident.id } } }), [resident.id]);
  const [action, setAction] = useState<KiaAction | ''>('');
  const [reason, setReason] = useState<'LOST' | 'DAMAGED'>('LOST');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [checked, setChecked] = useState(false);
  if (loaded.state === 'loading') return <Panel title={w('kia.title')} id="pk-kia-title"><LoadingLine /></Panel>;
  if (loaded.state === 'failed') return <Panel title={w('kia.title')} id="pk-kia-title"><LoadProblem code={loaded.code} retry={reload} /></Panel>;
  const kia = loaded.value;
  const chosen = action && kia.allowedActions.includes(action) ? action : '';
  const type = kia.eligibility.type;
  // The application's checklist: a new card's, or a reprint's for the reason chosen. Printing with documents missing
  // is the clerk's call (the originals are shown at the counter; identity does not refuse it): they confirm it.
  const checklist = checklistFor(kia, kia.allowedActions.includes('REISSUE') ? reason : null);
  const printing = chosen === 'PRINT' || chosen === 'REISSUE';
  const incomplete = printing && checklist !== undefined && !checklist.complete;

  const send = async (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setOutcome(undefined);
    const body: IdentityComponents['schemas']['KiaActionDto'] = { type: chosen, version: kia.version, channel: 'OFFICE' };
    if ((chosen === 'PRINT' || chosen === 'REISSUE') && type) body.kiaType = type;
    if (chosen === 'REISSUE') {
      body.reason = reason;
      if (reference.trim()) body.reference = reference.trim();
    }
    try {
      const { error, response } = await api.identity.POST('/residents/{id}/kia/actions', { params: { path: { id: resident.id } }, body });
      if (response.ok) {
        setOutcome({ kind: 'ok', text: w('kia.saved', { action: w(`kia.actions.${chosen}`) }) });
        setAction('');
        setChecked(false);
      } else {
        setOutcome({ kind: 'problem', codes: problemCodes(error, response.status) });
      }
      reload();
    } catch {
      setOutcome({ kind: 'problem', codes: ['SERVICE_UNAVAILABLE'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={w('kia.title')} id="pk-kia-title" class="pk-kia">
      <Facts
        items={[
          [w('kia.status'), <strong data-kia-status={kia.status}>{w(`kia.statuses.${kia.status}`)}</strong>],
          [
            w('kia.eligible'),
            kia.eligibility.eligible
              ? `${w('ektp.yes')}${type ? ` · ${w(`kia.types.${type}`)}` : ''}`
              : w('kia.notEligible', { reason: kia.eligibility.reason ? w(`kia.reasons.${kia.eligibility.reason}`) : w('resident.unknown') }),
          ],
          [w('kia.validUntil'), kia.card ? formatDate(kia.card.validUntil, lang) : kia.eligibility.validUntil ? formatDate(kia.eligibility.validUntil, lang) : w('resident.unknown')],
        ]}
      />
      <OutcomeLine outcome={outcome} />
      {checklist && <KiaDocuments residentId={resident.id} kia={kia} checklist={checklist} onStored={reload} />}
      {kia.allowedActions.length === 0 ? (
        <p class="hint">{w('kia.none')}</p>
      ) : (
        <form class="pk-action" onSubmit={(e) => void send(e)}>
          <ActionChoice document="kia" actions={kia.allowedActions} chosen={chosen} onChoose={(a) => setAction(a as KiaAction)} />
          {chosen === 'REISSUE' && (
            <>
              <div class="pk-field">
                <label for="pk-kia-reason">{w('kia.reissueReason')}</label>
                <select id="pk-kia-reason" value={reason} onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value as 'LOST' | 'DAMAGED')}>
                  <option value="LOST">{w('kia.reissueReasons.LOST')}</option>
                  <option value="DAMAGED">{w('kia.reissueReasons.DAMAGED')}</option>
                </select>
              </div>
              <div class="pk-field">
                <label for="pk-kia-reference">{w('kia.reference')}</label>
                <input id="pk-kia-reference" value={reference} maxLength={200} onInput={(e) => setReference((e.currentTarget as HTMLInputElement).value)} />
              </div>
            </>
          )}
          {incomplete && (
            <div class="pk-warning" role="status">
              <p>{w('kia.docs.incomplete', { missing: checklist.missing.map((k) => w(`kia.docKind.${k}`)).join(', ') })}</p>
              <label class="pk-check">
                <input type="checkbox" checked={checked} onChange={(e) => setChecked((e.currentTarget as HTMLInputElement).checked)} />
                {w('kia.docs.confirm')}
              </label>
            </div>
          )}
          <button type="submit" class="button primary" disabled={!chosen || busy || (incomplete && !checked)}>
            {busy ? w('kia.saving') : w('kia.submit')}
          </button>
        </form>
      )}
    </Panel>
  );
}

/**
 * The IKD (the digital ID a resident activates on a phone): its status and the steps identity allows now. Only a
 * resident with a recorded e-KTP can activate it, so a resident without one is told what comes first.
 */
function IkdPanel({ resident }: { readonly resident: ResidentView }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [loaded, reload] = useLoad(() => api.identity.GET('/residents/{id}/ikd', { params: { path: { id: resident.id } } }), [resident.id]);
  const [action, setAction] = useState<IkdAction | ''>('');
  const [reason, setReason] = useState<IkdReason>('PHONE_LOST');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  if (loaded.state === 'loading') return <Panel title={w('ikd.title')} id="pk-ikd-title"><LoadingLine /></Panel>;
  if (loaded.state === 'failed') return <Panel title={w('ikd.title')} id="pk-ikd-title"><LoadProblem code={loaded.code} retry={reload} /></Panel>;
  const ikd = loaded.value;
  const chosen = action && ikd.allowedActions.includes(action) ? action : '';
  const activations = ikd.history.filter((h) => h.type !== 'DEACTIVATE').length;
  const lastDeactivation = [...ikd.history].reverse().find((h) => h.type === 'DEACTIVATE');

  const send = async (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setOutcome(undefined);
    const body: IdentityComponents['schemas']['IkdActionDto'] = { type: chosen, version: ikd.version, channel: 'OFFICE' };
    if (chosen === 'DEACTIVATE') body.reason = reason;
    try {
      const { error, response } = await api.identity.POST('/residents/{id}/ikd/actions', {
        params: { path: { id: resident.id }, header: { 'Idempotency-Key': newKey() } },
        body,
      });
      if (response.ok) {
        setOutcome({ kind: 'ok', text: w('ikd.saved', { action: w(`ikd.actions.${chosen}`) }) });
        setAction('');
      } else {
        setOutcome({ kind: 'problem', codes: problemCodes(error, response.status) });
      }
      reload();
    } catch {
      setOutcome({ kind: 'problem', codes: ['SERVICE_UNAVAILABLE'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={w('ikd.title')} id="pk-ikd-title" class="pk-ikd">
      <Facts
        items={[
          [w('ikd.status'), <strong data-ikd-status={ikd.status}>{w(`ikd.statuses.${ikd.status}`)}</strong>],
          [w('ikd.since'), ikd.since ? formatDateTime(ikd.since, lang) : w('resident.unknown')],
          [w('ikd.activations'), String(activations)],
          ...(ikd.status === 'DEACTIVATED' && lastDeactivation?.reason ? [[w('ikd.lastReason'), w(`ikd.reasons.${lastDeactivation.reason}`)] as [string, string]] : []),
        ]}
      />
      <OutcomeLine outcome={outcome} />
      {ikd.allowedActions.length === 0 ? (
        <p class="hint">{ikd.status === 'NOT_ACTIVATED' && resident.status === 'ALIVE' ? w('ikd.needsEktp') : w('ikd.none')}</p>
      ) : (
        <form class="pk-action" onSubmit={(e) => void send(e)}>
          <ActionChoice document="ikd" actions={ikd.allowedActions} chosen={chosen} onChoose={(a) => setAction(a as IkdAction)} />
          {chosen === 'DEACTIVATE' && (
            <div class="pk-field">
              <label for="pk-ikd-reason">{w('ikd.reason')}</label>
              <select id="pk-ikd-reason" value={reason} onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value as IkdReason)}>
                {IKD_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {w(`ikd.reasons.${r}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" class="button primary" disabled={!chosen || busy}>
            {busy ? w('ikd.saving') : w('ikd.submit')}
          </button>
        </form>
      )}
    </Panel>
  );
}

function CardLink({ id }: { readonly id: string }) {
  const { api } = useServices();
  const [loaded] = useLoad(() => api.identity.GET('/family-cards/{id}', { params: { path: { id } } }), [id]);
  const kk = loaded.state === 'ok' ? kkText(loaded.value.kkNumber) : '…';
  return (
    <a href={placeHref({ screen: 'card', id })} onClick={follow({ screen: 'card', id })} class="pk-card-link">
      {w('resident.openCard', { kk })}
    </a>
  );
}

export function Resident({ id }: { readonly id: string }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [loaded, reload] = useLoad(() => api.identity.GET('/residents/{id}', { params: { path: { id } } }), [id]);
  const title = useScreenTitle();
  // Bumped by an e-KTP step: the IKD panel reads again (a recording makes the activation possible).
  const [ektpSteps, setEktpSteps] = useState(0);
  if (loaded.state === 'loading') return <LoadingLine />;
  if (loaded.state === 'failed') return <LoadProblem code={loaded.code} retry={reload} />;
  const r = loaded.value;
  const age = ageOn(r.birthDate, officeToday());
  return (
    <article class="pk-resident" aria-labelledby="pk-resident-title">
      <h3 id="pk-resident-title" tabIndex={-1} ref={title}>
        {r.fullName} <span class="pk-sub">{nikText(r.nik)}</span>
      </h3>
      <div class="pk-grid">
        <div class="pk-main">
          <Panel title={w('resident.particulars')} id="pk-particulars-title">
            <Facts
              items={[
                [w('resident.nik'), <span class="nowrap">{nikText(r.nik)}</span>],
                [w('resident.name'), r.fullName],
                [w('resident.birth'), `${r.birthPlace}, ${formatDate(r.birthDate, lang)}`],
                [w('resident.age'), age.ok ? w('resident.ageYears', { count: age.value }) : w('resident.unknown')],
                [w('resident.sex'), w(`sex.${r.sex}`)],
                [w('resident.religion'), religionLabel(r.religion)],
                [w('resident.marital'), maritalLabel(r.maritalStatus)],
                [w('resident.occupation'), r.occupation ?? w('resident.unknown')],
                [w('resident.mother'), r.motherName],
                [w('resident.father'), r.fatherName ?? w('resident.unknown')],
                [w('resident.address'), r.address],
                [w('resident.region'), `${villageName(r.districtCode, r.villageCode)}, ${districtName(r.districtCode)}`],
                [w('resident.status'), <strong data-status={r.status}>{w(`status.${r.status}`)}</strong>],
                [w('resident.card'), r.familyCardId ? <CardLink id={r.familyCardId} /> : w('resident.noCard')],
              ]}
            />
          </Panel>
          <StatusPanel residentId={r.id} onChanged={reload} />
        </div>
        <div class="pk-side">
          <EktpPanel resident={r} onSaved={() => setEktpSteps((n) => n + 1)} />
          <KiaPanel resident={r} />
          <IkdPanel key={ektpSteps} resident={r} />
        </div>
      </div>
    </article>
  );
}
