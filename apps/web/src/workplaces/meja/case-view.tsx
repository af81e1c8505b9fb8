/**
 * One deed case (GET /deeds/{id}): its summary (status, event, report, the BLAS/OMAS clock, the reporting deadline
 * and timeliness), the particulars, the document checklist with uploads and SPTJM declarations, the steps the record
 * and the person's role allow (submit, verify, reject, register, issue, correct, annul, archive), the corrections,
 * annulment or archiving made, the kutipan PDF, and the history.
 *
 * Every step sends the `version` read; a 409 VERSION_CONFLICT says "Data berubah sejak diunduh" and reloads the
 * case instead of overwriting. Each form refuses before sending what the service would refuse, with the service's
 * code and its Indonesian message; the service's own answers are shown by code.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '../../auth/person';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatDate, formatDateTime, formatTime } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { Actions } from './case-actions';
import { Documents } from './case-documents';
import { Copies } from './case-copies';
import { daysFrom, officeDate, urgencyOf } from './deed-rules';
import { fieldLabel, itemText, refusal, religionWord, type Announcement, type DeedView } from './case-common';
import { outcome, type Outcome } from './outcome';
import { followPlace, placeHref } from './place';
import { statusWord, UrgencyText } from './queue';
import { TableBox } from './table-box';
import { w } from './words';

function value(v: unknown): string {
  if (v === 'M' || v === 'F') return w(`sex.${v}`);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, currentLanguage());
  return String(v);
}

function Particulars({ deed }: { readonly deed: DeedView }) {
  const rows: [string, string][] = [];
  for (const [group, content] of Object.entries(deed.particulars)) {
    if (content === undefined || content === null) continue;
    if (typeof content === 'object') {
      for (const [leaf, v] of Object.entries(content as Record<string, unknown>)) {
        if (v !== undefined && v !== null && v !== '') rows.push([fieldLabel(`${group}.${leaf}`), leaf === 'religion' ? religionWord(v) : value(v)]);
      }
    } else {
      rows.push([fieldLabel(group), group === 'religion' ? religionWord(content) : value(content)]);
    }
  }
  if (deed.deedType === 'BIRTH' && deed.parentsMarried !== null) rows.push([w('case.parentsMarried'), deed.parentsMarried ? w('case.yes') : w('case.no')]);
  return (
    <section class="meja-panel" aria-labelledby="meja-particulars">
      <h3 id="meja-particulars">{w('case.particulars')}</h3>
      {rows.length === 0 ? (
        <p>{w('case.noParticulars')}</p>
      ) : (
        <dl class="meja-facts">
          {rows.map(([k, v], i) => (
            <div key={i}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Summary({ deed }: { readonly deed: DeedView }) {
  const lang = currentLanguage();
  const today = officeDate(new Date());
  const u = urgencyOf({ ...deed, timeliness: deed.timeliness?.class ?? null, notifiedAt: deed.milestones.notifiedAt, registeredAt: deed.milestones.registeredAt, issuedAt: deed.milestones.issuedAt }, today);
  const firstReport = deed.notifications[0];
  const lastRejection = deed.rejections[deed.rejections.length - 1];
  const reportedWho = deed.milestones.notifiedBy ? w(`partnerKind.${deed.milestones.notifiedBy}`) + (firstReport ? ` (${firstReport.partnerId})` : '') : w(`channel.${deed.channel}`);
  return (
    <section class="meja-panel" aria-labelledby="meja-summary">
      <h3 id="meja-summary">{w('case.summary')}</h3>
      <dl class="meja-facts">
        <div>
          <dt>{w('case.status')}</dt>
          <dd>
            <strong>{statusWord(deed.status)}</strong>
          </dd>
        </div>
        {deed.deedNumber && (
          <div>
            <dt>{w('case.deedNumber')}</dt>
            <dd>{deed.deedNumber}</dd>
          </div>
        )}
        <div>
          <dt>{w('case.eventDate')}</dt>
          <dd>{formatDate(deed.eventDate, lang)}</dd>
        </div>
        <div>
          <dt>{w('case.reported')}</dt>
          <dd>{deed.milestones.notifiedAt ? w('case.reportedBy', { date: formatDateTime(deed.milestones.notifiedAt, lang), who: reportedWho }) : w('case.notReported')}</dd>
        </div>
        {deed.programme && (
          <div>
            <dt>{w('case.programme')}</dt>
            <dd>{w(`programme.${deed.programme}`)}</dd>
          </div>
        )}
        <div>
          <dt>{w('case.clock')}</dt>
          <dd>
            {deed.durations.eventToIssued !== null
              ? w('case.clockDone', { count: deed.durations.eventToIssued })
              : deed.milestones.notifiedAt
                ? w('case.clockRunning', { count: Math.max(0, daysFrom(officeDate(deed.milestones.notifiedAt), today)) })
                : w('case.notReported')}
          </dd>
        </div>
        <div>
          <dt>{w('case.deadline')}</dt>
          <dd>
            {deed.timeliness
              ? w('case.deadlineRule', { days: deed.timeliness.deadlineDays, date: formatDate(deed.timeliness.deadline, lang) })
              : u.deadline
                ? formatDate(u.deadline, lang)
                : ''}
            {u.level !== 'done' && (
              <>
                <br />
                <UrgencyText u={u} />
              </>
            )}
          </dd>
        </div>
        {deed.timeliness && (
          <div>
            <dt>{w('case.timeliness')}</dt>
            <dd>{w(`timeliness.${deed.timeliness.class}`)}</dd>
          </div>
        )}
        {deed.headDecision && (
          <div>
            <dt>{w('case.headDecision')}</dt>
            <dd>
              {deed.headDecision.number}, {formatDate(deed.headDecision.date, lang)}
            </dd>
          </div>
        )}
        {deed.corrections.length > 0 && (
          <div>
            <dt>{w('case.corrections')}</dt>
            <dd>
              <ul class="meja-corrections">
                {deed.corrections.map((c) => (
                  <li key={c.version}>
                    {w('case.correctionLine', {
                      date: formatDate(new Date(c.at), lang),
                      changes: c.changes.map((ch) => w('case.change', { field: fieldLabel(ch.field), from: ch.from, to: ch.to })).join('; '),
                      reason: c.reason,
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {deed.annulment && (
          <div>
            <dt>{w('case.annulment')}</dt>
            <dd>
              {w('case.annulmentLine', { number: deed.annulment.courtDecision.number, date: formatDate(deed.annulment.courtDecision.finalOn, lang) })}
              {deed.annulment.reason ? ` · ${deed.annulment.reason}` : ''}
            </dd>
          </div>
        )}
        {deed.archive && (
          <div>
            <dt>{w('case.archive')}</dt>
            <dd>{w('case.archiveLine', { date: formatDate(new Date(deed.archive.at), lang), reason: deed.archive.reason })}</dd>
          </div>
        )}
      </dl>
      {deed.waitingFor === 'IDENTITY' && <p class="notice">{w('case.waiting')}</p>}
      {deed.linkProblems && deed.linkProblems.length > 0 && (
        <div class="notice error-text">
          <p>{w('case.linkProblems')}</p>
          <ul>
            {deed.linkProblems.map((p, i) => (
              <li key={i}>{itemText(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {deed.status === 'REJECTED' && lastRejection && <p class="notice error-text">{w('case.rejected', { date: formatDateTime(lastRejection.at, lang), reason: lastRejection.reason })}</p>}
    </section>
  );
}

function History({ deed }: { readonly deed: DeedView }) {
  const lang = currentLanguage();
  return (
    <section class="meja-panel" aria-labelledby="meja-history">
      <h3 id="meja-history">{w('history.title')}</h3>
      <TableBox label={w('history.caption')}>
        <table class="meja-table compact">
          <caption class="visually-hidden">{w('history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{w('history.colWhen')}</th>
              <th scope="col">{w('history.colWhat')}</th>
              <th scope="col">{w('history.colWho')}</th>
              <th scope="col">{w('history.colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {deed.history.map((h) => (
              <tr key={h.index}>
                <td>
                  {formatDate(new Date(h.at), lang)}
                  <span class="meja-sub">{formatTime(h.at, lang)}</span>
                </td>
                <th scope="row">
                  {w(`action.${h.type}`)}
                  {h.channel && <span class="meja-sub">{w(`channel.${h.channel}`)}</span>}
                </th>
                <td>{w('history.by', { role: w(`actor.${h.role}`), id: h.by })}</td>
                <td>{statusWord(h.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </section>
  );
}

export function CaseView({ id, person }: { readonly id: string; readonly person: Person }) {
  const { api } = useServices();
  const [deed, setDeed] = useState<DeedView>();
  const [loadProblem, setLoadProblem] = useState<string>();
  const [announcement, setAnnouncement] = useState<Announcement>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const okRegion = useRef<HTMLDivElement>(null);
  const errorRegion = useRef<HTMLDivElement>(null);

  const reload = async (): Promise<DeedView | undefined> => {
    const answer = await outcome(api.deeds.GET('/deeds/{id}', { params: { path: { id } } }));
    if (!answer.ok) {
      setLoadProblem(errorMessage(answer.code));
      return undefined;
    }
    setLoadProblem(undefined);
    setDeed(answer.data);
    return answer.data;
  };

  useEffect(() => {
    setDeed(undefined);
    setAnnouncement(undefined);
    void reload().then(() => heading.current?.focus());
  }, [id]);

  /** Says what happened, in the live region of its kind, and moves the focus there. */
  const announce = (a: Announcement) => {
    setAnnouncement(a);
    requestAnimationFrame(() => (a.kind === 'ok' ? okRegion : errorRegion).current?.focus());
  };

  /** Runs a step that answers with the record: the new record shown, a conflict reloaded, a refusal explained. */
  const step = async (run: () => Promise<Outcome<DeedView>>, done: (d: DeedView, status: number) => string): Promise<boolean> => {
    setBusy(true);
    setAnnouncement(undefined);
    try {
      const answer = await run();
      if (answer.ok) {
        setDeed(answer.data);
        announce({ kind: 'ok', text: done(answer.data, answer.status) });
        return true;
      }
      if (answer.code === 'VERSION_CONFLICT') {
        await reload();
        announce({ kind: 'error', text: w('actions.conflict') });
        return false;
      }
      // Identity's refusal stays on the record (linkProblems): read it again, so that the summary shows it too.
      if (answer.code === 'IDENTITY_LINK_REFUSED') await reload();
      announce(refusal(answer));
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** After a change that answers with something else (an uploaded document): the record read again. */
  const changed = async (text: string) => {
    await reload();
    announce({ kind: 'ok', text });
  };

  const back = { section: 'akta' as const };
  return (
    <section class="meja-case" aria-labelledby="meja-case-title">
      <p class="meja-back">
        <a href={placeHref(back)} onClick={followPlace(back)}>
          ← {w('case.back')}
        </a>
      </p>
      <h2 id="meja-case-title" tabIndex={-1} ref={heading}>
        {deed ? `${w('case.heading', { type: w(`type.${deed.deedType}`) })} · ${statusWord(deed.status)}` : w('case.loading')}
      </h2>
      <div class="notice meja-ok" role="status" tabIndex={-1} ref={okRegion}>
        {announcement?.kind === 'ok' ? announcement.text : ''}
      </div>
      <div class="notice error-text meja-error" role="alert" tabIndex={-1} ref={errorRegion}>
        {announcement?.kind === 'error' && (
          <>
            <p>{announcement.text}</p>
            {announcement.items && announcement.items.length > 0 && (
              <ul>
                {announcement.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            )}
          </>
        )}
        {!announcement && loadProblem ? <p>{loadProblem}</p> : null}
      </div>
      {deed && (
        <div class="meja-case-grid">
          <div class="meja-case-main">
            <Summary deed={deed} />
            <Documents deed={deed} busy={busy} setBusy={setBusy} announce={announce} changed={changed} />
            <Actions deed={deed} person={person} busy={busy} step={step} announce={announce} />
            <Particulars deed={deed} />
          </div>
          <div class="meja-case-side">
            <Copies deed={deed} announce={announce} />
            <History deed={deed} />
          </div>
        </div>
      )}
    </section>
  );
}
