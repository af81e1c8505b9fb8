/**
 * A resident's status in the register (hidup, pindah keluar, meninggal) with its moves, and the changes identity
 * allows now: a move within the regency (pindah antardesa / antarkecamatan), a move out of the regency with its
 * SKPWNI (Surat Keterangan Pindah WNI), the return of someone who had moved out (datang). Each form is judged as
 * the person types by the domain's own rule (`applyResidentAction` of @adminduk/domain, the rule identity
 * enforces), every violation listed before anything is sent; the service's answer is shown in the same words.
 *
 * A death is not recorded here: it comes from the death deed (OMAS, the clerk's desk), which tells identity.
 */
import { applyResidentAction, findRegion, listDistricts, type ResidentAction, type ResidentStatusState } from '@adminduk/domain';
import type { IdentityComponents } from '@adminduk/clients';
import { useEffect, useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import { formatDate } from '../../i18n/format';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { VILLAGES_REGENCY, villagesOf } from '../../region/villages';
import { useServices } from '../../shell/context';
import { Facts, httpCode, LoadingLine, LoadProblem, Panel, TableWrap, useLoad } from './common';
import { officeToday } from './rules';
import { districtName, villageName } from './search';
import { w } from './words';

type StatusView = IdentityComponents['schemas']['ResidentStatusView'];
type Change = 'MOVE_WITHIN' | 'MOVE_OUT' | 'RETURN';
const CHANGES: readonly Change[] = ['MOVE_WITHIN', 'MOVE_OUT', 'RETURN'];

interface Draft {
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
  readonly regionCode: string;
  readonly movedOn: string;
  readonly reference: string;
  /** A move of a resident who shares a family card: the whole family (the head's application) or alone. */
  readonly family: '' | 'WHOLE_FAMILY' | 'ALONE';
}

const EMPTY: Draft = { districtCode: '', villageCode: '', address: '', regionCode: '', movedOn: '', reference: '', family: '' };

/** The payload the domain and the service take for a change (blank fields left out). */
function payloadOf(change: Change, d: Draft): Record<string, string> {
  const given = (entries: [string, string][]) => Object.fromEntries(entries.filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
  const moved: [string, string][] = [
    ['movedOn', d.movedOn],
    ['reference', d.reference],
  ];
  if (change === 'MOVE_OUT') return given([['toRegionCode', d.regionCode], ...moved]);
  const address: [string, string][] = [
    ['districtCode', d.districtCode],
    ['villageCode', d.villageCode],
  ];
  return given(change === 'RETURN' ? [...address, ['fromRegionCode', d.regionCode], ...moved] : [...address, ...moved]);
}

/**
 * The fields the change needs that are still empty (named on screen; the service requires them too): for a move of
 * a resident who shares a family card, also the family's choice (identity's FAMILY_CARD_DECISION_REQUIRED).
 */
export function missingFields(change: Change, d: Draft, familyNeeded = false): string[] {
  const family = familyNeeded && change !== 'RETURN' && d.family === '' ? ['family'] : [];
  if (change === 'MOVE_OUT') return [...(d.regionCode.trim() ? [] : ['toRegion']), ...family];
  return [...(['district', 'village', 'address'] as const).filter((f) => (f === 'district' ? d.districtCode : f === 'village' ? d.villageCode : d.address).trim() === ''), ...family];
}

/**
 * Whether the resident shares a family card, and is its head: a move then says whether the whole family moves (the
 * head's application; the card follows) or the resident alone (they leave the card). Read from the card itself.
 */
function FamilyChoice({
  residentId,
  cardId,
  value,
  onChange,
  onShared,
}: {
  readonly residentId: string;
  readonly cardId: string;
  readonly value: Draft['family'];
  readonly onChange: (value: Draft['family']) => void;
  readonly onShared: (shared: boolean) => void;
}) {
  const { api } = useServices();
  const [card] = useLoad(() => api.identity.GET('/family-cards/{id}', { params: { path: { id: cardId } } }), [cardId]);
  const members = card.state === 'ok' ? card.value.members : [];
  const shared = members.some((m) => m.residentId !== residentId);
  const isHead = members.some((m) => m.residentId === residentId && m.relationship === 1);
  useEffect(() => onShared(shared), [shared]);
  if (!shared) return null;
  return (
    <fieldset class="pk-field pk-field-wide pk-family-choice">
      <legend>{w('status.family', { count: members.length - 1 })}</legend>
      <label class="pk-check">
        <input type="radio" name="pk-status-family" checked={value === 'WHOLE_FAMILY'} disabled={!isHead} onChange={() => onChange('WHOLE_FAMILY')} />
        {w('status.familyWhole')}
      </label>
      {!isHead && <p class="hint">{w('status.familyWholeHeadOnly')}</p>}
      <label class="pk-check">
        <input type="radio" name="pk-status-family" checked={value === 'ALONE'} onChange={() => onChange('ALONE')} />
        {w('status.familyAlone')}
      </label>
    </fieldset>
  );
}

/**
 * Every violation of the change as the domain judges it on the register's state now (the rule identity enforces):
 * the codes, without the "field missing" the screen names itself (missingFields).
 */
export function changeViolations(view: StatusView, change: Change, d: Draft, by: string): string[] {
  const action = { type: change, at: new Date().toISOString(), by, payload: payloadOf(change, d) } as unknown as ResidentAction;
  const options = { regencyCode: VILLAGES_REGENCY, isCurrentVillage: (code: string) => villagesOf(code.slice(0, 6)).some((v) => v.code === code) };
  const result = applyResidentAction(view as unknown as ResidentStatusState, action, options);
  return [...new Set(result.ok ? [] : result.errors.map((e) => e.code).filter((c) => c !== 'PAYLOAD_FIELD_MISSING'))];
}

function Moves({ view }: { readonly view: StatusView }) {
  const lang = currentLanguage();
  if (view.moves.length === 0) return <p class="hint">{w('status.noMoves')}</p>;
  const place = (code: string) => (code.length === 10 ? `${villageName(code.slice(0, 6), code)}, ${districtName(code.slice(0, 6))}` : (findRegion(code)?.name ?? code));
  return (
    <TableWrap label={w('status.moves')}>
      <table class="pk-table">
        <caption class="visually-hidden">{w('status.moves')}</caption>
        <thead>
          <tr>
            <th scope="col">{w('status.movedOn')}</th>
            <th scope="col">{w('status.kind')}</th>
            <th scope="col">{w('status.from')}</th>
            <th scope="col">{w('status.to')}</th>
            <th scope="col">{w('status.reference')}</th>
          </tr>
        </thead>
        <tbody>
          {view.moves.map((m, i) => (
            <tr key={i}>
              <td class="nowrap">{formatDate(m.movedOn, lang)}</td>
              <td>{w(`status.kinds.${m.kind}`)}</td>
              <td>{place(m.from)}</td>
              <td>{place(m.to)}</td>
              <td class="pk-ref">{m.reference ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StatusPanel({ residentId, onChanged }: { readonly residentId: string; readonly onChanged: () => void }) {
  const { api, session } = useServices();
  const lang = currentLanguage();
  const [loaded, reload] = useLoad(() => api.identity.GET('/residents/{id}/status', { params: { path: { id: residentId } } }), [residentId]);
  const [change, setChange] = useState<Change | ''>('');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ readonly ok: boolean; readonly text: string }>();
  const [familyShared, setFamilyShared] = useState(false);
  if (loaded.state === 'loading') return <Panel title={w('status.title')} id="pk-status-title"><LoadingLine /></Panel>;
  if (loaded.state === 'failed') return <Panel title={w('status.title')} id="pk-status-title"><LoadProblem code={loaded.code} retry={reload} /></Panel>;
  const view = loaded.value;
  const offered = CHANGES.filter((c) => view.allowedActions.includes(c));
  const chosen = change && offered.includes(change) ? change : '';
  const by = session.state.status === 'signed-in' ? session.state.person.sub : 'petugas';
  const violations = chosen ? changeViolations(view, chosen, draft, by) : [];
  const moving = chosen === 'MOVE_WITHIN' || chosen === 'MOVE_OUT';
  const missing = chosen ? missingFields(chosen, draft, moving && !!view.familyCardId && familyShared) : [];
  const set = (field: keyof Draft) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    setDraft((d) => ({ ...d, [field]: value, ...(field === 'districtCode' ? { villageCode: '' } : {}) }));
  };
  const districts = listDistricts(VILLAGES_REGENCY);
  const regionName = draft.regionCode.trim() ? findRegion(draft.regionCode.trim()) : undefined;

  const send = async (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    setTried(true);
    if (violations.length > 0 || missing.length > 0) return;
    setBusy(true);
    setOutcome(undefined);
    const body = {
      version: view.version,
      ...payloadOf(chosen, draft),
      ...(chosen !== 'MOVE_OUT' ? { address: draft.address.trim() } : {}),
      ...(moving && familyShared && draft.family ? { family: draft.family } : {}),
    };
    try {
      const path = { params: { path: { id: residentId } } };
      const answer =
        chosen === 'MOVE_OUT'
          ? await api.identity.POST('/residents/{id}/move-out', { ...path, body: body as IdentityComponents['schemas']['MoveOutDto'] })
          : chosen === 'RETURN'
            ? await api.identity.POST('/residents/{id}/return', { ...path, body: body as IdentityComponents['schemas']['ReturnDto'] })
            : await api.identity.POST('/residents/{id}/move', { ...path, body: body as IdentityComponents['schemas']['MoveDto'] });
      if (answer.response.ok) {
        setOutcome({ ok: true, text: w('status.saved', { change: w(`status.changes.${chosen}`) }) });
        setChange('');
        setDraft(EMPTY);
        setTried(false);
        reload();
        onChanged();
      } else {
        const items = (answer.error as { errors?: { code?: string }[] } | undefined)?.errors?.flatMap((i) => (i.code ? [i.code] : [])) ?? [];
        const code = problemCode(answer.error) ?? httpCode(answer.response.status) ?? 'HTTP_ERROR';
        setOutcome({ ok: false, text: [...new Set([...items, code])].map((c) => errorMessage(c)).join(' ') });
        if (code === 'VERSION_CONFLICT') reload();
      }
    } catch {
      setOutcome({ ok: false, text: errorMessage('SERVICE_UNAVAILABLE') });
    } finally {
      setBusy(false);
    }
  };

  const villages = draft.districtCode ? villagesOf(draft.districtCode) : [];
  return (
    <Panel title={w('status.title')} id="pk-status-title" class="pk-status">
      <Facts
        items={[
          [w('status.now'), <strong data-resident-status={view.status}>{w(`status.${view.status}`)}</strong>],
          [w('status.since'), formatDate(view.effectiveDate, lang)],
          ...(view.movedOutTo ? [[w('status.movedOutTo'), findRegion(view.movedOutTo)?.name ?? view.movedOutTo] as const] : []),
          ...(view.dateOfDeath ? [[w('status.dateOfDeath'), formatDate(view.dateOfDeath, lang)] as const] : []),
        ]}
      />
      <Moves view={view} />
      <div aria-live="polite">
        {outcome && (
          <p class={outcome.ok ? 'notice pk-ok' : 'notice error-text'} role={outcome.ok ? undefined : 'alert'}>
            {outcome.text}
          </p>
        )}
      </div>
      {offered.length === 0 ? (
        <p class="hint">{w('status.none')}</p>
      ) : (
        <form class="pk-status-form" aria-labelledby="pk-status-title" onSubmit={(e) => void send(e)} noValidate>
          <div class="pk-field">
            <label for="pk-status-change">{w('status.change')}</label>
            <select
              id="pk-status-change"
              value={chosen}
              onChange={(e) => {
                setChange((e.currentTarget as HTMLSelectElement).value as Change | '');
                setTried(false);
              }}
            >
              <option value="">{w('status.chooseChange')}</option>
              {offered.map((c) => (
                <option key={c} value={c}>
                  {w(`status.changes.${c}`)}
                </option>
              ))}
            </select>
          </div>
          {view.allowedActions.includes('DIE') && <p class="hint">{w('status.deathByDeed')}</p>}
          {chosen && (
            <div class="pk-fields">
              {chosen !== 'MOVE_OUT' && (
                <>
                  <div class="pk-field">
                    <label for="pk-status-district">{w('status.district')}</label>
                    <select id="pk-status-district" value={draft.districtCode} onChange={set('districtCode')}>
                      <option value="">{w('status.chooseDistrict')}</option>
                      {districts.map((d) => (
                        <option key={d.code} value={d.code}>
                          {d.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="pk-field">
                    <label for="pk-status-village">{w('status.village')}</label>
                    <select id="pk-status-village" value={draft.villageCode} onChange={set('villageCode')} disabled={!draft.districtCode}>
                      <option value="">{w('status.chooseVillage')}</option>
                      {villages.map((v) => (
                        <option key={v.code} value={v.code}>
                          {v.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="pk-field pk-field-wide">
                    <label for="pk-status-address">{w('status.address')}</label>
                    <input id="pk-status-address" value={draft.address} maxLength={300} onInput={set('address')} />
                  </div>
                </>
              )}
              {chosen !== 'MOVE_WITHIN' && (
                <div class="pk-field">
                  <label for="pk-status-region">{chosen === 'MOVE_OUT' ? w('status.toRegion') : w('status.fromRegion')}</label>
                  <input id="pk-status-region" inputMode="numeric" value={draft.regionCode} maxLength={13} onInput={set('regionCode')} aria-describedby="pk-status-region-hint" />
                  <p class="hint" id="pk-status-region-hint">
                    {regionName ? w('status.regionIs', { name: regionName.name }) : w('status.regionHint')}
                  </p>
                </div>
              )}
              <div class="pk-field">
                <label for="pk-status-date">{w('status.movedOn')}</label>
                <input id="pk-status-date" type="date" value={draft.movedOn} max={officeToday()} onInput={set('movedOn')} aria-describedby="pk-status-date-hint" />
                <p class="hint" id="pk-status-date-hint">
                  {w('status.dateHint')}
                </p>
              </div>
              <div class="pk-field">
                <label for="pk-status-reference">{chosen === 'MOVE_WITHIN' ? w('status.referenceLetter') : w('status.referenceSkpwni')}</label>
                <input id="pk-status-reference" value={draft.reference} maxLength={200} onInput={set('reference')} />
              </div>
              {moving && view.familyCardId && (
                <FamilyChoice residentId={residentId} cardId={view.familyCardId} value={draft.family} onChange={(family) => setDraft((d) => ({ ...d, family }))} onShared={setFamilyShared} />
              )}
            </div>
          )}
          {chosen && (violations.length > 0 || (tried && missing.length > 0)) && (
            <div class="notice error-text" role="alert">
              <ul class="pk-violations">
                {tried && missing.length > 0 && <li data-code="FIELD_REQUIRED">{w('status.missing', { fields: missing.map((f) => w(`status.fields.${f}`)).join(', ') })}</li>}
                {violations.map((code) => (
                  <li key={code} data-code={code}>
                    {errorMessage(code)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {chosen && (
            <button type="submit" class="button primary" disabled={busy}>
              {busy ? w('status.saving') : w('status.submit', { change: w(`status.changes.${chosen}`) })}
            </button>
          )}
        </form>
      )}
    </Panel>
  );
}
