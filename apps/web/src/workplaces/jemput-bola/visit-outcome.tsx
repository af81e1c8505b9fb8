/**
 * 4. The visit's outcome, reported to outreach once the day's notes are sent: the team's counts on this visit (the
 * notes the outbox sent with the visit's id): e-KTP recordings, KIAs printed, documents handed over (the KIAs given
 * to the parents), birth deed applications opened. Outreach reconciles them with the
 * records the registers hold with the visit (identity's recordings carry channel OUTREACH and the visit id):
 * MATCH, FEWER_LINKED or MORE_LINKED, shown per kind. Online only, once (a second report is VISIT_COMPLETED).
 */
import { useEffect, useState } from 'preact/hooks';
import type { OutreachComponents } from '@adminduk/clients';
import { problemCode } from '../../api/clients';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import type { OutboxCommand } from '../../offline/outbox';
import { useServices, useStore } from '../../shell/context';
import type { VillageDay } from './day';
import { BIRTH_OPEN, KIA_ISSUE, KIA_PRINT, RECORD_BIOMETRICS, type NotePayload } from './send';
import { w } from './words';

type Reconciliation = OutreachComponents['schemas']['ReconciliationItemView'];

/** The kind of service each sent note counts as (outreach's ServiceKind); the photos and the submission count with their application. */
const SERVICE_OF: Readonly<Record<string, 'EKTP_RECORDING' | 'KIA' | 'HANDOVER' | 'BIRTH_DEED'>> = {
  [RECORD_BIOMETRICS]: 'EKTP_RECORDING',
  [KIA_PRINT]: 'KIA',
  [KIA_ISSUE]: 'HANDOVER',
  [BIRTH_OPEN]: 'BIRTH_DEED',
};
const KINDS = ['EKTP_RECORDING', 'KIA', 'HANDOVER', 'BIRTH_DEED'] as const;

export function VisitOutcome({ day, commands }: { readonly day: VillageDay & { readonly visit: NonNullable<VillageDay['visit']> }; readonly commands: readonly OutboxCommand[] }) {
  const { api, online } = useServices();
  const isOnline = useStore(online);
  const lang = currentLanguage();
  const [items, setItems] = useState<readonly Reconciliation[]>();
  const [busy, setBusy] = useState(false);
  // Reported once only (a second report is VISIT_COMPLETED): the person confirms.
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string>();
  const visit = day.visit;
  const onVisit = commands.filter((c) => (c.payload as NotePayload).visitId === visit.id);
  const pending = onVisit.filter((c) => c.status !== 'sent').length;
  const counts: Record<(typeof KINDS)[number], number> = { EKTP_RECORDING: 0, KIA: 0, HANDOVER: 0, BIRTH_DEED: 0 };
  for (const c of onVisit) {
    const kind = SERVICE_OF[c.kind];
    if (kind && c.status === 'sent') counts[kind] += 1;
  }
  const parts = KINDS.filter((k) => counts[k] > 0).map((k) => w(`outcome.count.${k}`, { count: formatNumber(counts[k], lang) }));
  const summary = parts.length > 0 ? parts.join(', ') : w('outcome.nothing');

  const read = async () => {
    const answer = await api.outreach.GET('/plans/{id}/visits/{visitId}', { params: { path: { id: visit.planId, visitId: visit.id } } });
    if (answer.data?.reconciliation) setItems(answer.data.reconciliation);
  };
  useEffect(() => {
    if (isOnline) void read().catch(() => undefined);
    // Read once per visit, and again when the signal returns.
  }, [visit.id, isOnline]);

  const report = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await api.outreach.POST('/plans/{id}/visits/{visitId}/outcome', {
        params: { path: { id: visit.planId, visitId: visit.id } },
        body: Object.fromEntries(KINDS.filter((k) => counts[k] > 0).map((k) => [k, counts[k]])),
      });
      if (answer.error) setProblem(errorMessage(problemCode(answer.error)));
      await read();
    } catch {
      setProblem(w('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="jb-section" aria-labelledby="jb-outcome">
      <h2 id="jb-outcome">{w('outcome.title')}</h2>
      {items ? (
        <ul class="jb-reconciliation">
          {items
            .filter((i) => i.reported > 0 || i.linked > 0)
            .map((i) => (
              <li key={i.kind} data-kind={i.kind} data-status={i.status}>
                {w('outcome.line', { kind: w(`outcome.kinds.${i.kind}`), reported: formatNumber(i.reported, lang), linked: formatNumber(i.linked, lang), status: w(`outcome.status.${i.status}`) })}
              </li>
            ))}
        </ul>
      ) : (
        <>
          <p>{w('outcome.lead', { summary })}</p>
          {pending > 0 && <p class="hint">{w('outcome.pending', { count: formatNumber(pending, lang) })}</p>}
          {confirming ? (
            <div class="jb-confirm" role="group" aria-labelledby="jb-outcome-confirm">
              <p id="jb-outcome-confirm">{w('outcome.confirm', { summary })}</p>
              <div class="jb-actions">
                <button type="button" class="button primary" disabled={!isOnline || busy} onClick={() => void report()}>
                  {w('outcome.confirmYes')}
                </button>
                <button type="button" class="button secondary" disabled={busy} onClick={() => setConfirming(false)}>
                  {w('village.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" class="button primary" disabled={!isOnline || pending > 0 || parts.length === 0} onClick={() => setConfirming(true)}>
              {w('outcome.report', { summary })}
            </button>
          )}
        </>
      )}
      {problem && (
        <p class="notice error-text" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
