/**
 * Perubahan KK: Pecah KK and Ganti Kepala Keluarga. The form shows the card(s) as they would be after the change
 * and runs the domain's rules live on every choice (rules.ts: the family operation and checkFamilyCard on each
 * resulting card), listing every violation in Indonesian; Simpan stays disabled while any remains. Identity checks
 * the same rules again: its 422 items are listed the same way, a 409 says "Data berubah sejak diunduh" and the card
 * is read again.
 */
import { parseNik, SHDK, type ShdkCode } from '@adminduk/domain';
import { useMemo, useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import { formatDate } from '../../i18n/format';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { httpCode, TableWrap, ViolationList } from './common';
import { follow, placeHref, type CardChangeKind } from './place';
import {
  officeToday,
  previewChangeHead,
  previewMoveIn,
  previewMoveOut,
  previewSplit,
  problemViolations,
  type CardMemberView,
  type CardView,
  type PreviewMember,
  type ResidentView,
  type Violation,
} from './rules';
import { kkText, nikText, shdkLabel, w } from './words';

/** What the service said when it refused: its rule items, or its one code. */
type Refusal = { readonly violations: readonly Violation[]; readonly code?: string } | undefined;

function PreviewTable({ title, members, card, id, extra }: {
  readonly title: string;
  readonly members: readonly PreviewMember[];
  readonly card: CardView;
  readonly id: string;
  /** Someone who is not on the card yet (a member moving in). */
  readonly extra?: { readonly residentId: string; readonly fullName: string; readonly nik: string };
}) {
  const byId = new Map<string, { readonly fullName: string; readonly nik: string }>(card.members.map((m) => [m.residentId, m]));
  if (extra) byId.set(extra.residentId, extra);
  return (
    <section class="pk-preview-card" aria-labelledby={id} data-preview={id}>
      <h6 id={id}>{title}</h6>
      <p class="hint">{w('op.newNumber')}</p>
      {members.length === 0 ? (
        <p>{w('op.noMembers')}</p>
      ) : (
        <TableWrap label={w('op.previewCaption', { title })}>
          <table class="pk-table compact">
            <caption class="visually-hidden">{w('op.previewCaption', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{w('card.colNo')}</th>
                <th scope="col">{w('card.colName')}</th>
                <th scope="col">{w('card.colNik')}</th>
                <th scope="col">{w('card.colShdk')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((p, i) => {
                const m = byId.get(p.residentId);
                return (
                  <tr key={p.residentId} data-member={p.residentId}>
                    <td>{i + 1}</td>
                    <th scope="row">{m?.fullName ?? p.residentId}</th>
                    <td class="nowrap">{m ? nikText(m.nik) : ''}</td>
                    <td data-shdk={p.relationship ?? ''}>{p.relationship ? shdkLabel(p.relationship) : '?'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/** The live verdict: every violation, or "ready"; the service's refusal below it. */
function Verdict({ violations, warnings, refusal, nameOf, ready }: {
  readonly violations: readonly Violation[];
  readonly warnings: readonly Violation[];
  readonly refusal: Refusal;
  readonly nameOf: (id: string) => string | undefined;
  readonly ready: boolean;
}) {
  return (
    <>
      <div class="pk-verdict" aria-live="polite" id="pk-verdict">
        <ViolationList title={w('op.violations')} lead={w('op.violationsCount', { count: violations.length })} violations={violations} nameOf={nameOf} />
        {ready && violations.length === 0 && <p class="notice pk-ok">{w('op.ready')}</p>}
        {warnings.length > 0 && (
          <div class="notice pk-warnings">
            <p>{w('op.warnings')}</p>
            <ul>
              {warnings.map((v, i) => (
                <li key={`${v.code}-${i}`} data-code={v.code}>
                  {errorMessage(v.code)}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {refusal &&
        (refusal.violations.length > 0 ? (
          <ViolationList title={w('op.violations')} lead={w('op.apiViolations')} violations={refusal.violations} nameOf={nameOf} alert />
        ) : (
          <p class="notice error-text" role="alert" data-code={refusal.code}>
            {refusal.code === 'VERSION_CONFLICT' || refusal.code === 'CONFLICT' ? w('conflict') : errorMessage(refusal.code)}
          </p>
        ))}
    </>
  );
}

/** Sends a change; sorts the answer into done, a refusal with its items, or a conflict (the card is read again). */
async function sendChange<T>(
  call: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  reload: () => void,
): Promise<{ ok: true; value: T } | { ok: false; refusal: NonNullable<Refusal> }> {
  try {
    const { data, error, response } = await call();
    if (data !== undefined && response.ok) return { ok: true, value: data };
    const code = problemCode(error) ?? httpCode(response.status);
    // A version conflict: someone changed the card; it is read again (another 409, a resident already on a card, is said as it is).
    if (response.status === 409 && (code === 'VERSION_CONFLICT' || code === 'CONFLICT' || code === undefined)) reload();
    return { ok: false, refusal: { violations: response.status === 422 ? problemViolations(error) : [], ...(code ? { code } : {}) } };
  } catch {
    return { ok: false, refusal: { violations: [], code: 'SERVICE_UNAVAILABLE' } };
  }
}

function Actions({ disabled, busy, label, cardId }: { readonly disabled: boolean; readonly busy: boolean; readonly label: string; readonly cardId: string }) {
  return (
    <div class="pk-submit">
      <button type="submit" class="button primary" disabled={disabled || busy} aria-describedby="pk-submit-hint">
        {busy ? w('op.saving') : label}
      </button>
      <a class="button secondary" href={placeHref({ screen: 'card', id: cardId })} onClick={follow({ screen: 'card', id: cardId })}>
        {w('op.cancel')}
      </a>
      <p id="pk-submit-hint" class="hint">
        {disabled ? w('op.submitDisabled') : ''}
      </p>
    </div>
  );
}

function SplitForm({ card, reload, done }: { readonly card: CardView; readonly reload: () => void; readonly done: (message: string, newCardId?: string, newKk?: string) => void }) {
  const { api } = useServices();
  const [newHead, setNewHead] = useState('');
  const [leaving, setLeaving] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const asOf = officeToday();
  const preview = useMemo(() => (newHead ? previewSplit(card, newHead, leaving, asOf) : undefined), [card, newHead, leaving, asOf]);
  const nameOf = (id: string) => card.members.find((m) => m.residentId === id)?.fullName;
  const candidates = card.members.filter((m) => m.relationship !== 1);
  const others = candidates.filter((m) => m.residentId !== newHead);
  const blocked = !preview || preview.violations.length > 0;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (blocked) return;
    setBusy(true);
    setRefusal(undefined);
    const result = await sendChange(
      () =>
        api.identity.POST('/family-cards/{id}/split', {
          params: { path: { id: card.id } },
          body: { version: card.version, newHeadResidentId: newHead, memberResidentIds: card.members.map((m) => m.residentId).filter((id) => id !== newHead && leaving.includes(id)) },
        }),
      reload,
    );
    setBusy(false);
    if (result.ok) {
      const newKk = kkText(result.value.newCard.kkNumber);
      done(w('op.splitDone', { newKk, kk: kkText(result.value.card.kkNumber) }), result.value.newCard.id, newKk);
    } else setRefusal(result.refusal);
  };

  return (
    <form class="pk-change" onSubmit={(e) => void submit(e)} aria-labelledby="pk-change-title" data-change="pecah">
      <h4 id="pk-change-title">{w('op.splitTitle')}</h4>
      <p>{w('op.splitLead')}</p>
      <div class="pk-change-grid">
        <div class="pk-change-choices">
          <div class="pk-field">
            <label for="pk-split-head">{w('op.newHead')}</label>
            <select
              id="pk-split-head"
              value={newHead}
              onChange={(e) => {
                setNewHead((e.currentTarget as HTMLSelectElement).value);
                setRefusal(undefined);
              }}
            >
              <option value="">{w('op.chooseHead')}</option>
              {candidates.map((m) => (
                <option key={m.residentId} value={m.residentId}>
                  {m.fullName} ({shdkLabel(m.relationship)})
                </option>
              ))}
            </select>
          </div>
          <fieldset class="pk-checks">
            <legend>{w('op.leaving')}</legend>
            {others.map((m) => (
              <label key={m.residentId} class="pk-check">
                <input
                  type="checkbox"
                  value={m.residentId}
                  checked={leaving.includes(m.residentId)}
                  onChange={(e) => {
                    const on = (e.currentTarget as HTMLInputElement).checked;
                    setLeaving((now) => (on ? [...now, m.residentId] : now.filter((x) => x !== m.residentId)));
                    setRefusal(undefined);
                  }}
                />
                <span>
                  {m.fullName} <span class="pk-sub">({shdkLabel(m.relationship)})</span>
                </span>
              </label>
            ))}
          </fieldset>
        </div>
        <div class="pk-change-preview">
          <h5 class="pk-preview-title">{w('op.preview')}</h5>
          {preview ? (
            <div class="pk-preview-pair">
              <PreviewTable title={w('op.previewNew')} members={preview.newCard} card={card} id="pk-preview-new" />
              <PreviewTable title={w('op.previewRest')} members={preview.rest} card={card} id="pk-preview-rest" />
            </div>
          ) : (
            <p class="hint">{w('op.chooseFirst')}</p>
          )}
        </div>
      </div>
      <Verdict violations={preview?.violations ?? []} warnings={preview?.warnings ?? []} refusal={refusal} nameOf={nameOf} ready={preview !== undefined} />
      <Actions disabled={blocked} busy={busy} label={w('op.submitSplit')} cardId={card.id} />
    </form>
  );
}

const SHDK_CHOICES = SHDK.filter((s) => s.code !== 1);

function HeadForm({ card, reload, done }: { readonly card: CardView; readonly reload: () => void; readonly done: (message: string) => void }) {
  const { api } = useServices();
  const [newHead, setNewHead] = useState('');
  const [chosen, setChosen] = useState<Readonly<Record<string, ShdkCode>>>({});
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  /** A new head asks the relationships again. */
  const chooseHead = (id: string) => {
    setNewHead(id);
    setChosen({});
    setRefusal(undefined);
  };
  const asOf = officeToday();
  const preview = useMemo(() => (newHead ? previewChangeHead(card, newHead, chosen, asOf) : undefined), [card, newHead, chosen, asOf]);
  const nameOf = (id: string) => card.members.find((m) => m.residentId === id)?.fullName;
  const candidates = card.members.filter((m) => m.relationship !== 1);
  // Who needs a relationship chosen: those the rules cannot derive, and those already given one (they stay editable).
  const asked = card.members.filter((m) => m.residentId !== newHead && (preview?.undecided.includes(m.residentId) || chosen[m.residentId] !== undefined));
  const blocked = !preview || preview.violations.length > 0;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (blocked) return;
    setBusy(true);
    setRefusal(undefined);
    const relationships = Object.entries(chosen)
      .filter(([id]) => id !== newHead)
      .map(([residentId, relationship]) => ({ residentId, relationship }));
    const result = await sendChange(
      () =>
        api.identity.POST('/family-cards/{id}/head', {
          params: { path: { id: card.id } },
          body: { version: card.version, newHeadResidentId: newHead, ...(relationships.length > 0 ? { relationships } : {}) },
        }),
      reload,
    );
    setBusy(false);
    if (result.ok) done(w('op.headDone', { kk: kkText(result.value.kkNumber) }));
    else setRefusal(result.refusal);
  };

  return (
    <form class="pk-change" onSubmit={(e) => void submit(e)} aria-labelledby="pk-change-title" data-change="kepala">
      <h4 id="pk-change-title">{w('op.headTitle')}</h4>
      <p>{w('op.headLead')}</p>
      <div class="pk-change-grid">
        <div class="pk-change-choices">
          <HeadChoice id="pk-head-new" label={w('op.newHeadOf')} members={candidates} value={newHead} onChoose={chooseHead} />
          <RelationshipChoices members={asked} chosen={chosen} setChosen={setChosen} onChange={() => setRefusal(undefined)} />
        </div>
        <div class="pk-change-preview">
          <h5 class="pk-preview-title">{w('op.preview')}</h5>
          {preview ? <PreviewTable title={w('card.title')} members={preview.members} card={card} id="pk-preview-head" /> : <p class="hint">{w('op.chooseFirst')}</p>}
        </div>
      </div>
      <Verdict violations={preview?.violations ?? []} warnings={preview?.warnings ?? []} refusal={refusal} nameOf={nameOf} ready={preview !== undefined} />
      <Actions disabled={blocked} busy={busy} label={w('op.submitHead')} cardId={card.id} />
    </form>
  );
}

/** The choice of a new head among the card's members (name and SHDK). */
function HeadChoice({ id, label, members, value, onChoose }: { readonly id: string; readonly label: string; readonly members: readonly CardMemberView[]; readonly value: string; readonly onChoose: (residentId: string) => void }) {
  return (
    <div class="pk-field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChoose((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{w('op.chooseHead')}</option>
        {members.map((m) => (
          <option key={m.residentId} value={m.residentId}>
            {m.fullName} ({shdkLabel(m.relationship)})
          </option>
        ))}
      </select>
    </div>
  );
}

function RelationshipChoices({ members, chosen, setChosen, onChange }: {
  readonly members: readonly CardMemberView[];
  readonly chosen: Readonly<Record<string, ShdkCode>>;
  readonly setChosen: (update: (now: Readonly<Record<string, ShdkCode>>) => Readonly<Record<string, ShdkCode>>) => void;
  readonly onChange: () => void;
}) {
  return (
    <>
      {members.map((m) => (
        <div class="pk-field" key={m.residentId}>
          <label for={`pk-rel-${m.residentId}`}>{w('op.relationshipFor', { name: m.fullName })}</label>
          <select
            id={`pk-rel-${m.residentId}`}
            value={chosen[m.residentId] ?? ''}
            onChange={(e) => {
              const value = Number((e.currentTarget as HTMLSelectElement).value);
              setChosen((now) => {
                const next = { ...now };
                if (value) next[m.residentId] = value as ShdkCode;
                else delete next[m.residentId];
                return next;
              });
              onChange();
            }}
          >
            <option value="">{w('op.chooseShdk')}</option>
            {SHDK_CHOICES.map((s) => (
              <option key={s.code} value={s.code}>
                {shdkLabel(s.code)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </>
  );
}

function MoveOutForm({ card, reload, done }: { readonly card: CardView; readonly reload: () => void; readonly done: (message: string) => void }) {
  const { api } = useServices();
  const [leaving, setLeaving] = useState('');
  const [newHead, setNewHead] = useState('');
  const [chosen, setChosen] = useState<Readonly<Record<string, ShdkCode>>>({});
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  /** A new head asks the relationships again. */
  const chooseHead = (id: string) => {
    setNewHead(id);
    setChosen({});
    setRefusal(undefined);
  };
  const asOf = officeToday();
  const preview = useMemo(() => (leaving ? previewMoveOut(card, leaving, newHead || undefined, chosen, asOf) : undefined), [card, leaving, newHead, chosen, asOf]);
  const nameOf = (id: string) => card.members.find((m) => m.residentId === id)?.fullName;
  const headChoice = card.members.filter((m) => m.residentId !== leaving && (preview?.headChoice.includes(m.residentId) || m.residentId === newHead));
  const asked = card.members.filter((m) => m.residentId !== leaving && m.residentId !== newHead && (preview?.undecided.includes(m.residentId) || chosen[m.residentId] !== undefined));
  const blocked = !preview || preview.violations.length > 0;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (blocked) return;
    setBusy(true);
    setRefusal(undefined);
    const relationships = Object.entries(chosen)
      .filter(([id]) => id !== newHead && id !== leaving)
      .map(([residentId, relationship]) => ({ residentId, relationship }));
    const result = await sendChange(
      () =>
        api.identity.POST('/family-cards/{id}/members/{residentId}/removal', {
          params: { path: { id: card.id, residentId: leaving } },
          body: { version: card.version, reason: 'MOVE_OUT', ...(newHead ? { newHeadResidentId: newHead } : {}), ...(relationships.length > 0 ? { relationships } : {}) },
        }),
      reload,
    );
    setBusy(false);
    if (result.ok) done(w('op.outDone', { kk: kkText(result.value.kkNumber) }));
    else setRefusal(result.refusal);
  };

  return (
    <form class="pk-change" onSubmit={(e) => void submit(e)} aria-labelledby="pk-change-title" data-change="keluar">
      <h4 id="pk-change-title">{w('op.outTitle')}</h4>
      <p>{w('op.outLead')}</p>
      <div class="pk-change-grid">
        <div class="pk-change-choices">
          <div class="pk-field">
            <label for="pk-out-member">{w('op.leavingMember')}</label>
            <select
              id="pk-out-member"
              value={leaving}
              onChange={(e) => {
                setLeaving((e.currentTarget as HTMLSelectElement).value);
                setNewHead('');
                setChosen({});
                setRefusal(undefined);
              }}
            >
              <option value="">{w('op.chooseHead')}</option>
              {card.members.map((m) => (
                <option key={m.residentId} value={m.residentId}>
                  {m.fullName} ({shdkLabel(m.relationship)})
                </option>
              ))}
            </select>
          </div>
          {headChoice.length > 0 && (
            <HeadChoice id="pk-out-head" label={w('op.newHeadChoice')} members={headChoice} value={newHead} onChoose={chooseHead} />
          )}
          <RelationshipChoices members={asked} chosen={chosen} setChosen={setChosen} onChange={() => setRefusal(undefined)} />
        </div>
        <div class="pk-change-preview">
          <h5 class="pk-preview-title">{w('op.preview')}</h5>
          {preview ? <PreviewTable title={w('card.title')} members={preview.members} card={card} id="pk-preview-out" /> : <p class="hint">{w('op.chooseFirst')}</p>}
        </div>
      </div>
      <Verdict violations={preview?.violations ?? []} warnings={preview?.warnings ?? []} refusal={refusal} nameOf={nameOf} ready={preview !== undefined} />
      <Actions disabled={blocked} busy={busy} label={w('op.submitOut')} cardId={card.id} />
    </form>
  );
}

function MoveInForm({ card, reload, done }: { readonly card: CardView; readonly reload: () => void; readonly done: (message: string) => void }) {
  const { api } = useServices();
  const [nik, setNik] = useState('');
  const [resident, setResident] = useState<ResidentView | null>();
  const [lookupProblem, setLookupProblem] = useState<string>();
  const [relationship, setRelationship] = useState<ShdkCode | undefined>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const asOf = officeToday();
  const preview = useMemo(() => (resident ? previewMoveIn(card, resident, relationship, asOf) : undefined), [card, resident, relationship, asOf]);
  const nameOf = (id: string) => (resident && id === resident.id ? resident.fullName : card.members.find((m) => m.residentId === id)?.fullName);
  const blocked = !preview || relationship === undefined || preview.violations.length > 0;

  const find = async () => {
    setRefusal(undefined);
    setResident(undefined);
    const parsed = parseNik(nik.trim(), { asOf });
    if (!parsed.ok) {
      setLookupProblem(parsed.errors.map((e) => errorMessage(e.code)).join(' '));
      return;
    }
    setLookupProblem(undefined);
    try {
      const { data, error, response } = await api.identity.GET('/residents', { params: { query: { nik: nik.trim() } } });
      if (!data) setLookupProblem(errorMessage(problemCode(error) ?? httpCode(response.status)));
      else setResident(data.items[0] ?? null);
    } catch {
      setLookupProblem(errorMessage('SERVICE_UNAVAILABLE'));
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (blocked || !resident || relationship === undefined) return;
    setBusy(true);
    setRefusal(undefined);
    const result = await sendChange(
      () => api.identity.POST('/family-cards/{id}/members', { params: { path: { id: card.id } }, body: { version: card.version, reason: 'MOVE_IN', residentId: resident.id, relationship } }),
      reload,
    );
    setBusy(false);
    if (result.ok) done(w('op.inDone', { kk: kkText(result.value.kkNumber) }));
    else setRefusal(result.refusal);
  };

  return (
    <form class="pk-change" onSubmit={(e) => void submit(e)} aria-labelledby="pk-change-title" data-change="masuk">
      <h4 id="pk-change-title">{w('op.inTitle')}</h4>
      <p>{w('op.inLead')}</p>
      <div class="pk-change-grid">
        <div class="pk-change-choices">
          <div class="pk-field">
            <label for="pk-in-nik">{w('op.inNik')}</label>
            <div class="pk-inline">
              <input
                id="pk-in-nik"
                inputMode="numeric"
                autoComplete="off"
                value={nik}
                aria-describedby="pk-in-found"
                onInput={(e) => setNik((e.currentTarget as HTMLInputElement).value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void find();
                  }
                }}
              />
              <button type="button" class="button secondary" onClick={() => void find()}>
                {w('op.find')}
              </button>
            </div>
            <div id="pk-in-found" aria-live="polite">
              {lookupProblem && <p class="pk-field-errors">{lookupProblem}</p>}
              {resident === null && <p class="pk-field-errors">{w('op.notFound')}</p>}
              {resident && <p class="pk-ok-line">{w('op.found', { name: resident.fullName, date: formatDate(resident.birthDate, currentLanguage()) })}</p>}
            </div>
          </div>
          {resident && (
            <div class="pk-field">
              <label for="pk-in-shdk">{w('op.inRelationship')}</label>
              <select
                id="pk-in-shdk"
                value={relationship ?? ''}
                onChange={(e) => {
                  const value = Number((e.currentTarget as HTMLSelectElement).value);
                  setRelationship(value ? (value as ShdkCode) : undefined);
                  setRefusal(undefined);
                }}
              >
                <option value="">{w('op.chooseShdk')}</option>
                {SHDK_CHOICES.map((s) => (
                  <option key={s.code} value={s.code}>
                    {shdkLabel(s.code)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div class="pk-change-preview">
          <h5 class="pk-preview-title">{w('op.preview')}</h5>
          {preview && resident ? (
            <PreviewTable title={w('card.title')} members={preview.members} card={card} id="pk-preview-in" extra={{ residentId: resident.id, fullName: resident.fullName, nik: resident.nik }} />
          ) : (
            <p class="hint">{w('op.chooseFirst')}</p>
          )}
        </div>
      </div>
      <Verdict violations={preview?.violations ?? []} warnings={preview?.warnings ?? []} refusal={refusal} nameOf={nameOf} ready={preview !== undefined && relationship !== undefined} />
      <Actions disabled={blocked} busy={busy} label={w('op.submitIn')} cardId={card.id} />
    </form>
  );
}

/** The change asked for in the address, on this card; when it is saved, back to the card (or to the new one) with the news. */
export function CardChange({ card, change, reload, done }: {
  readonly card: CardView;
  readonly change: CardChangeKind;
  readonly reload: () => void;
  readonly done: (message: string, newCardId?: string, newKk?: string) => void;
}) {
  switch (change) {
    case 'pecah':
      return <SplitForm card={card} reload={reload} done={done} />;
    case 'kepala':
      return <HeadForm card={card} reload={reload} done={done} />;
    case 'keluar':
      return <MoveOutForm card={card} reload={reload} done={done} />;
    case 'masuk':
      return <MoveInForm card={card} reload={reload} done={done} />;
  }
}

