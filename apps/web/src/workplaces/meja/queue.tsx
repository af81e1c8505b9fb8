/**
 * The work queue of deed cases (GET /deeds, filtered by status and type, paged with `after`), as one table, the
 * most urgent case first: each with its type, status, event date, the BLAS/OMAS clock (days since the report) and
 * the legal reporting deadline, a late or nearly late case said in words as well as marked in colour.
 */
import type { DeedsComponents } from '@adminduk/clients';
import { DEED_STATUSES, DEED_TYPES, findRegion, type DeedStatus, type DeedType } from '@adminduk/domain';
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { officeDate, sortQueue, urgencyOf, type Urgency } from './deed-rules';
import { outcome } from './outcome';
import { followPlace, placeHref } from './place';
import { TableBox } from './table-box';
import { w } from './words';

type Line = DeedsComponents['schemas']['DeedSummaryView'];
type StatusFilter = DeedStatus | 'DRAFT' | '';

/** The filter chosen, kept while the person opens a case and comes back. */
let remembered: { status: StatusFilter; type: DeedType | '' } = { status: '', type: '' };

const PAGE = 100;

export function statusWord(status: DeedStatus | null): string {
  return w(`status.${status ?? 'DRAFT'}`);
}

/** The urgency in words (never colour alone): "TERLAMBAT · Dilaporkan 3 hari setelah batas, perlu keputusan Kepala Dinas". */
export function UrgencyText({ u }: { readonly u: Urgency }) {
  const lang = currentLanguage();
  const detail: string[] = [];
  if (u.level === 'late' && u.reportedLateBy > 0) detail.push(w('urgency.reportedLate', { count: u.reportedLateBy }));
  if (u.daysLeft !== undefined && u.daysLeft < 0) detail.push(w('urgency.overdue', { count: -u.daysLeft }));
  if (u.daysLeft === 0) detail.push(w('urgency.dueToday'));
  if (u.daysLeft !== undefined && u.daysLeft > 0) detail.push(w('urgency.daysLeft', { count: u.daysLeft }));
  if (u.headDecision) detail.push(w('urgency.headDecision'));
  return (
    <span class={`urgency urgency-${u.level}`}>
      <strong class="urgency-word">{w(`urgency.${u.level}`)}</strong>
      {detail.length > 0 && <span> · {detail.join(', ')}</span>}
      {u.deadline && <span class="urgency-date"> ({w('urgency.until', { date: formatDate(u.deadline, lang) })})</span>}
    </span>
  );
}

function districtName(code: string): string {
  return findRegion(code)?.name ?? code;
}

export function Queue() {
  const { api } = useServices();
  const lang = currentLanguage();
  const [filter, setFilter] = useState(remembered);
  const [draft, setDraft] = useState(remembered);
  const [lines, setLines] = useState<Line[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [problem, setProblem] = useState<string>();
  const [more, setMore] = useState(false);
  const table = useRef<HTMLTableElement>(null);

  const load = async (after?: string) => {
    const query = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.type ? { deedType: filter.type } : {}),
      ...(after ? { after } : {}),
      limit: PAGE,
    };
    const answer = await outcome(api.deeds.GET('/deeds', { params: { query } }));
    if (!answer.ok) {
      setProblem(errorMessage(answer.code));
      setState('failed');
      return;
    }
    setProblem(undefined);
    setLines((before) => (after ? [...before, ...answer.data.items] : answer.data.items));
    setNext(answer.data.next);
    setState('ready');
  };

  useEffect(() => {
    remembered = filter;
    setState('loading');
    void load();
  }, [filter.status, filter.type]);

  const today = officeDate(new Date());
  const sorted = sortQueue(lines, today);

  return (
    <section class="meja-queue" aria-labelledby="meja-queue-title">
      <h2 id="meja-queue-title" tabIndex={-1}>{w('queue.title')}</h2>
      <form
        class="meja-filters"
        aria-label={w('queue.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <label>
          <span>{w('queue.status')}</span>
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: (e.currentTarget as HTMLSelectElement).value as StatusFilter })}>
            <option value="">{w('queue.allStatuses')}</option>
            <option value="DRAFT">{w('status.DRAFT')}</option>
            {DEED_STATUSES.map((s) => (
              <option value={s} key={s}>
                {statusWord(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{w('queue.type')}</span>
          <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: (e.currentTarget as HTMLSelectElement).value as DeedType | '' })}>
            <option value="">{w('queue.allTypes')}</option>
            {DEED_TYPES.map((t) => (
              <option value={t} key={t}>
                {w(`type.${t}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button secondary">
          {w('queue.show')}
        </button>
      </form>

      <p class="notice error-text" role="alert">
        {problem ?? ''}
      </p>
      <p class="status" role="status">
        {state === 'loading' ? w('queue.loading') : state === 'ready' ? (sorted.length === 0 ? w('queue.empty') : w('queue.count', { count: sorted.length })) : ''}
      </p>

      {sorted.length > 0 && (
        <TableBox label={w('queue.caption')}>
          <table class="meja-table queue" ref={table}>
            <caption class="visually-hidden">{w('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('queue.colCase')}</th>
                <th scope="col">{w('queue.colStatus')}</th>
                <th scope="col">{w('queue.colEvent')}</th>
                <th scope="col">{w('queue.colClock')}</th>
                <th scope="col">{w('queue.colDeadline')}</th>
                <th scope="col">{w('queue.colPlace')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((line) => {
                const u = urgencyOf(line, today);
                const type = w(`type.${line.deedType}`);
                const event = formatDate(line.eventDate, lang);
                return (
                  <tr key={line.id} class={`row-${u.level}`} data-case={line.id}>
                    <th scope="row">
                      <a href={placeHref({ section: 'akta', caseId: line.id })} onClick={followPlace({ section: 'akta', caseId: line.id })} aria-label={w('queue.openCase', { type, date: event })}>
                        {type}
                      </a>
                      {line.deedNumber && <span class="meja-sub">{line.deedNumber}</span>}
                    </th>
                    <td class="nowrap">
                      {statusWord(line.status)}
                      {line.waitingFor === 'IDENTITY' && <span class="meja-sub">{w('queue.waitingIdentity')}</span>}
                    </td>
                    <td class="nowrap">{event}</td>
                    <td>
                      {u.clockDays === undefined
                        ? w('queue.notReported')
                        : u.level === 'done'
                          ? w('queue.clockDone', { count: u.clockDays })
                          : u.clockDays === 0
                            ? w('queue.clockToday')
                            : w('queue.clockDays', { count: u.clockDays })}
                    </td>
                    <td>
                      <UrgencyText u={u} />
                    </td>
                    <td>{districtName(line.districtCode)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
      {next && state === 'ready' && (
        <p>
          <button
            type="button"
            class="button secondary"
            disabled={more}
            onClick={() => {
              setMore(true);
              void load(next).finally(() => setMore(false));
            }}
          >
            {w('queue.more')}
          </button>
        </p>
      )}
    </section>
  );
}
