/**
 * One review of a deeds event (identity's GET /deed-event-reviews/{id}): what happened, the deed it is about (read
 * from deeds, with a link to its case), the differences side by side — what the deed reports and what the register
 * holds under the same NIK, field by field, with the domain's reason — the residents concerned, and the decision.
 *
 * A held event (PARTICULARS_MISMATCH) is decided by a registrar only (identity: POST …/confirm, …/reject with a
 * reason): *Konfirmasi dan terapkan* applies the deed to the register, *Tolak* applies nothing; each asks for the
 * reason first and then for an explicit second click that says what it does (the change is irreversible and
 * audited). The outcome is announced, the review, its residents and the desk's count are read again; whatever the
 * application left to an operator (followUps) is linked. An operator reads the same screen without the buttons.
 * Refusals are shown by their code's Indonesian message.
 */
import type { IdentityComponents } from '@adminduk/clients';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '../../auth/person';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { fieldLabel, refusal, type Announcement } from './case-common';
import { outcome } from './outcome';
import { followHref, followPlace, placeHref, type MejaPlace } from './place';
import { statusWord } from './queue';
import {
  announceReviewsChanged,
  codeTitle,
  deedNumberText,
  districtName,
  eventTitle,
  readDeed,
  reviewItemText,
  villageName,
  type DeedRead,
} from './review-common';
import { differenceRows, mayCloseReview, mayDecide, reasonProblem, reasonToSend, REASON_MAX_LENGTH, type DifferenceRow, type RegisterRecord, type ReviewView } from './review-rules';
import { rw } from './review-words';
import { TableBox } from './table-box';

type Resident = IdentityComponents['schemas']['ResidentView'];
type Decision = IdentityComponents['schemas']['ReviewDecisionView'];
type ResidentRead = { readonly ok: true; readonly resident: Resident } | { readonly ok: false; readonly code: string };

function shown(leaf: DifferenceRow['leaf'], value: string | undefined, missing: string): string {
  if (value === undefined) return missing;
  if (leaf === 'sex' && (value === 'M' || value === 'F')) return rw(`sex.${value}`);
  if (leaf === 'birthDate' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, currentLanguage());
  return value;
}

function DifferencesTable({ review, deed, residents }: { readonly review: ReviewView; readonly deed: DeedRead | undefined; readonly residents: ReadonlyMap<string, ResidentRead> }) {
  const records = new Map<string, RegisterRecord>();
  for (const [id, read] of residents) if (read.ok) records.set(id, read.resident);
  const particulars = deed?.ok ? (deed.deed.particulars as Record<string, unknown>) : undefined;
  const { rows, others } = differenceRows(review.items, particulars, records);
  return (
    <section class="meja-panel" aria-labelledby="rv-differences">
      <h3 id="rv-differences">{rows.length > 0 ? rw('detail.differences') : rw('detail.otherItems')}</h3>
      {rows.length > 0 && (
        <>
          <p class="hint">{rw('detail.differencesLead')}</p>
          <TableBox label={rw('detail.caption')}>
            {/* Roles kept explicit: on a phone the rows are drawn as blocks (meja.css), which would lose the table's semantics. */}
            <table class="meja-table rv-diff" role="table">
              <caption class="visually-hidden">{rw('detail.caption')}</caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">
                    {rw('detail.colField')}
                  </th>
                  <th scope="col" role="columnheader">
                    {rw('detail.colDeed')}
                  </th>
                  <th scope="col" role="columnheader">
                    {rw('detail.colRegister')}
                  </th>
                  <th scope="col" role="columnheader">
                    {rw('detail.colWhy')}
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {rows.map((row) => (
                  <tr key={`${row.field}-${row.residentId ?? ''}`} role="row" data-field={row.field}>
                    <th scope="row" role="rowheader">
                      {fieldLabel(row.field)}
                    </th>
                    <td role="cell" class="rv-deed-value" data-label={rw('detail.colDeed')}>
                      {shown(row.leaf, row.reported, deed === undefined ? rw('detail.reading') : deed.ok ? rw('detail.notSaid') : rw('detail.notRead'))}
                    </td>
                    <td role="cell" class="rv-register-value" data-label={rw('detail.colRegister')}>
                      {shown(row.leaf, row.registered, rw('detail.notRead'))}
                    </td>
                    <td role="cell" data-label={rw('detail.colWhy')}>
                      {row.codes.map((c) => errorMessage(c)).join(' ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      )}
      {others.length > 0 && (
        <ul class="rv-reasons">
          {others.map((item, i) => (
            <li key={i}>{reviewItemText(item)}</li>
          ))}
        </ul>
      )}
      {rows.length === 0 && others.length === 0 && <p>{errorMessage(review.code)}</p>}
    </section>
  );
}

function DeedPanel({ review, deed }: { readonly review: ReviewView; readonly deed: DeedRead | undefined }) {
  const lang = currentLanguage();
  const d = deed?.ok ? deed.deed : undefined;
  const village = villageName(d?.villageCode);
  const kua = deed && !deed.ok && deed.code === 'DEED_NOT_FOUND' && review.subject === 'deeds.marriage.registered.v1';
  return (
    <section class="meja-panel" aria-labelledby="rv-deed" aria-busy={deed === undefined} data-read={deed === undefined ? 'pending' : deed.ok ? 'ok' : 'failed'}>
      <h3 id="rv-deed">{rw('detail.deed')}</h3>
      <dl class="meja-facts">
        <div>
          <dt>{rw('detail.deedType')}</dt>
          <dd>{eventTitle(review, d)}</dd>
        </div>
        <div>
          <dt>{rw('detail.deedNumber')}</dt>
          <dd>{kua ? rw('detail.kuaReport') : deedNumberText(deed)}</dd>
        </div>
        {d && (
          <div>
            <dt>{rw('detail.eventDate')}</dt>
            <dd>{formatDate(d.eventDate, lang)}</dd>
          </div>
        )}
        {d && (
          <div>
            <dt>{rw('detail.deedStatus')}</dt>
            <dd>{statusWord(d.status)}</dd>
          </div>
        )}
        <div>
          <dt>{rw('detail.district')}</dt>
          <dd>{districtName(review.districtCode)}</dd>
        </div>
        {village && (
          <div>
            <dt>{rw('detail.village')}</dt>
            <dd>{village}</dd>
          </div>
        )}
      </dl>
      {d && (
        <p class="rv-link">
          <a href={placeHref({ section: 'akta', caseId: d.id })} onClick={followPlace({ section: 'akta', caseId: d.id })}>
            {rw('detail.openDeed')}
          </a>
        </p>
      )}
    </section>
  );
}

function ResidentsPanel({ review, residents }: { readonly review: ReviewView; readonly residents: ReadonlyMap<string, ResidentRead> }) {
  if (review.residentIds.length === 0) return null;
  return (
    <section class="meja-panel" aria-labelledby="rv-residents">
      <h3 id="rv-residents">{rw('detail.residents')}</h3>
      <ul class="rv-people">
        {review.residentIds.map((id) => {
          const read = residents.get(id);
          if (!read?.ok) return <li key={id}>{rw('detail.residentUnread', { id })}</li>;
          const r = read.resident;
          const href = `/meja?bagian=penduduk&penduduk=${encodeURIComponent(r.id)}`;
          return (
            <li key={id} data-resident={id}>
              <a href={href} onClick={followHref(href)} aria-label={rw('detail.openResident', { name: r.fullName })}>
                {r.fullName}
              </a>
              <span class="meja-sub">
                NIK {r.nik} · <span class="rv-resident-status">{rw(`status.${r.status}`)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ResolutionPanel({ review }: { readonly review: ReviewView }) {
  if (review.status !== 'RESOLVED') return null;
  const lang = currentLanguage();
  return (
    <section class="meja-panel" aria-labelledby="rv-resolution">
      <h3 id="rv-resolution">{rw('detail.resolved')}</h3>
      <p class="rv-resolution">
        <strong>{review.resolution ? rw(`detail.${review.resolution}`) : rw('detail.resolvedClosed')}</strong>
      </p>
      {review.resolvedAt && <p>{rw('detail.resolvedBy', { who: review.resolvedBy ?? '—', when: formatDateTime(review.resolvedAt, lang) })}</p>}
      {review.resolutionReason && (
        <p>
          {rw('detail.reason')}: {review.resolutionReason}
        </p>
      )}
    </section>
  );
}

type Choice = 'confirm' | 'reject' | 'close';

/**
 * The decision on an open review, with its reason: a registrar confirms or rejects a held event (`held`); an
 * operator or the registrar marks a review that holds nothing as done once its work is finished (`close`).
 */
function DecisionPanel({
  busy,
  decide,
  mode,
}: {
  readonly busy: boolean;
  readonly decide: (choice: Choice, reason: string) => Promise<void>;
  readonly mode: 'held' | 'close';
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [asking, setAsking] = useState<Choice>();
  const field = useRef<HTMLTextAreaElement>(null);
  const yes = useRef<HTMLButtonElement>(null);

  const ask = (choice: Choice) => {
    const problem = reasonProblem(reasonToSend(reason));
    if (problem) {
      setError(problem === 'REQUIRED' ? rw('decide.reasonRequired') : problem === 'TOO_LONG' ? errorMessage('IS_LENGTH') : rw('decide.reasonControl'));
      setAsking(undefined);
      requestAnimationFrame(() => field.current?.focus());
      return;
    }
    setError(undefined);
    setAsking(choice);
    requestAnimationFrame(() => yes.current?.focus());
  };

  return (
    <section class="meja-panel rv-decide" aria-labelledby="rv-decide" data-mode={mode}>
      <h3 id="rv-decide">{mode === 'held' ? rw('decide.title') : rw('close.title')}</h3>
      <p class="hint">{mode === 'held' ? rw('decide.lead') : rw('close.lead')}</p>
      <div class="meja-field">
        <label for="rv-reason">{mode === 'held' ? rw('decide.reason') : rw('close.reason')}</label>
        <p id="rv-reason-hint" class="hint">
          {rw('decide.reasonHint')}
        </p>
        <textarea
          id="rv-reason"
          ref={field}
          rows={3}
          maxLength={REASON_MAX_LENGTH}
          value={reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'rv-reason-hint rv-reason-error' : 'rv-reason-hint'}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            setAsking(undefined);
          }}
        />
        {error && (
          <p id="rv-reason-error" class="field-error">
            {error}
          </p>
        )}
      </div>
      {asking ? (
        <div class="meja-confirm" role="group" aria-labelledby="rv-warning">
          <p id="rv-warning">{asking === 'confirm' ? rw('decide.confirmWarning') : asking === 'reject' ? rw('decide.rejectWarning') : rw('close.warning')}</p>
          <div class="meja-buttons">
            <button
              type="button"
              ref={yes}
              class="button primary danger"
              disabled={busy}
              onClick={() => {
                void decide(asking, reasonToSend(reason)).then(() => setAsking(undefined));
              }}
            >
              {asking === 'confirm' ? rw('decide.confirmYes') : asking === 'reject' ? rw('decide.rejectYes') : rw('close.yes')}
            </button>
            <button type="button" class="button secondary" disabled={busy} onClick={() => setAsking(undefined)}>
              {rw('decide.cancel')}
            </button>
          </div>
        </div>
      ) : mode === 'held' ? (
        <div class="meja-buttons">
          <button type="button" class="button primary" disabled={busy} onClick={() => ask('confirm')}>
            {rw('decide.confirm')}
          </button>
          <button type="button" class="button secondary danger" disabled={busy} onClick={() => ask('reject')}>
            {rw('decide.reject')}
          </button>
        </div>
      ) : (
        <div class="meja-buttons">
          <button type="button" class="button primary" disabled={busy} onClick={() => ask('close')}>
            {rw('close.button')}
          </button>
        </div>
      )}
    </section>
  );
}

interface Said extends Announcement {
  readonly followUps?: readonly Decision['followUps'][number][];
}

export function ReviewScreen({ id, person }: { readonly id: string; readonly person: Person }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [review, setReview] = useState<ReviewView>();
  const [deed, setDeed] = useState<DeedRead>();
  const [residents, setResidents] = useState<Map<string, ResidentRead>>(new Map());
  const [loadProblem, setLoadProblem] = useState<string>();
  const [said, setSaid] = useState<Said>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const okRegion = useRef<HTMLDivElement>(null);
  const errorRegion = useRef<HTMLDivElement>(null);

  const readResidents = async (ids: readonly string[]): Promise<void> => {
    const read = await Promise.all(
      ids.map(async (rid) => {
        const answer = await outcome(api.identity.GET('/residents/{id}', { params: { path: { id: rid } } }));
        const read: ResidentRead = answer.ok ? { ok: true, resident: answer.data } : { ok: false, code: answer.code };
        return [rid, read] as const;
      }),
    );
    setResidents(new Map<string, ResidentRead>(read));
  };

  const reload = async (): Promise<ReviewView | undefined> => {
    const answer = await outcome(api.identity.GET('/deed-event-reviews/{id}', { params: { path: { id } } }));
    if (!answer.ok) {
      setLoadProblem(errorMessage(answer.code));
      return undefined;
    }
    setLoadProblem(undefined);
    setReview(answer.data);
    return answer.data;
  };

  useEffect(() => {
    void (async () => {
      const found = await reload();
      if (found) {
        const [read] = await Promise.all([readDeed(api, found.deedId), readResidents(found.residentIds)]);
        setDeed(read);
      }
      heading.current?.focus();
    })();
  }, [id]);

  const announce = (a: Said) => {
    setSaid(a);
    requestAnimationFrame(() => (a.kind === 'ok' ? okRegion : errorRegion).current?.focus());
  };

  const decide = async (choice: Choice, reason: string): Promise<void> => {
    setBusy(true);
    setSaid(undefined);
    try {
      const path = choice === 'confirm' ? '/deed-event-reviews/{id}/confirm' : choice === 'reject' ? '/deed-event-reviews/{id}/reject' : '/deed-event-reviews/{id}/close';
      const answer = await outcome(api.identity.POST(path, { params: { path: { id } }, body: { reason } }));
      if (answer.ok) {
        setReview(answer.data);
        await readResidents(answer.data.residentIds);
        announceReviewsChanged();
        announce({ kind: 'ok', text: choice === 'confirm' ? rw('decide.confirmed') : choice === 'reject' ? rw('decide.rejected') : rw('close.done'), followUps: answer.data.followUps });
        return;
      }
      // Decided meanwhile (another registrar, another tab): show the decision as it stands.
      if (answer.code === 'DEED_EVENT_REVIEW_RESOLVED' || answer.code === 'DEED_EVENT_REVIEW_NOT_HELD' || answer.code === 'DEED_EVENT_REVIEW_HELD') {
        const now = await reload();
        if (now) await readResidents(now.residentIds);
        announceReviewsChanged();
      }
      announce(refusal(answer));
    } finally {
      setBusy(false);
    }
  };

  const back: MejaPlace = { section: 'pemeriksaan' };
  const decider = mayDecide(person.roles);
  const closer = mayCloseReview(person.roles);
  return (
    <section class="rv-review" aria-labelledby="rv-title" data-review={id}>
      <p class="meja-back">
        <a href={placeHref(back)} onClick={followPlace(back)}>
          ← {rw('detail.back')}
        </a>
      </p>
      <h2 id="rv-title" tabIndex={-1} ref={heading}>
        {review ? rw('detail.heading', { what: codeTitle(review.code) }) : rw('detail.loading')}
      </h2>
      <div class="notice meja-ok" role="status" tabIndex={-1} ref={okRegion}>
        {said?.kind === 'ok' && (
          <>
            <p>{said.text}</p>
            {said.followUps && said.followUps.length > 0 && (
              <>
                <p>{rw('decide.followUps')}</p>
                <ul>
                  {said.followUps.map((f) => {
                    const place: MejaPlace = { section: 'pemeriksaan', reviewId: f.id };
                    return (
                      <li key={f.id}>
                        <a href={placeHref(place)} onClick={followPlace(place)}>
                          {rw('decide.openFollowUp', { what: codeTitle(f.code) })}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </>
        )}
      </div>
      <div class="notice error-text meja-error" role="alert" tabIndex={-1} ref={errorRegion}>
        {said?.kind === 'error' && (
          <>
            <p>{said.text}</p>
            {said.items && said.items.length > 0 && (
              <ul>
                {said.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            )}
          </>
        )}
        {!said && loadProblem ? <p>{loadProblem}</p> : null}
      </div>
      {review && (
        <div class="meja-case-grid">
          <div class="meja-case-main">
            <section class="meja-panel" aria-labelledby="rv-about">
              <h3 id="rv-about">{rw('detail.about')}</h3>
              <p class="rv-state">
                <strong>
                  {review.status === 'RESOLVED'
                    ? review.resolution
                      ? rw(`detail.${review.resolution}`)
                      : rw('detail.resolvedClosed')
                    : review.held
                      ? rw('held.yes')
                      : rw('held.no')}
                </strong>
              </p>
              {/* What the register said when it held the event: true only while it is open. */}
              {review.status === 'OPEN' && <p>{errorMessage(review.code)}</p>}
              {review.status === 'OPEN' && !review.held && <p class="hint">{rw('held.noHint')}</p>}
              <p class="meja-sub">
                {rw('detail.received')}: {formatDateTime(review.createdAt, lang)}
              </p>
            </section>
            <DifferencesTable review={review} deed={deed} residents={residents} />
            <ResolutionPanel review={review} />
            {review.status === 'OPEN' && review.held && decider && <DecisionPanel busy={busy} decide={decide} mode="held" key={review.id} />}
            {review.status === 'OPEN' && !review.held && closer && <DecisionPanel busy={busy} decide={decide} mode="close" key={review.id} />}
            {review.status === 'OPEN' && review.held && !decider && <p class="notice rv-readonly">{rw('decide.readOnly')}</p>}
          </div>
          <div class="meja-case-side">
            <DeedPanel review={review} deed={deed} />
            <ResidentsPanel review={review} residents={residents} />
          </div>
        </div>
      )}
    </section>
  );
}
