/**
 * Jemput Bola on the tablet: 1. before leaving, the village's day is downloaded (who is due for e-KTP recording);
 * 2. in the village, without signal, each recording becomes a command in the outbox; 3. when the signal returns the
 * outbox sends them in order, and what needs the person (a record changed meanwhile, a refusal) stays on screen
 * until they decide.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { OutreachComponents } from '@adminduk/clients';
import { currentLanguage, errorMessage, i18n, loadErrorMessages } from '../../i18n/i18n';
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../i18n/format';
import type { Outbox, OutboxCommand } from '../../offline/outbox';
import { PageTitle } from '../../shell/pages';
import { useServices, useStore } from '../../shell/context';
import { DayStore, downloadDay, DownloadError, officeToday, storedBytes, todaysVisits, type DueResident, type TodayVisit, type VillageDay, type WaitingReport } from './day';
import { appOutbox } from './outbox-service';
import {
  BIRTH_OPEN,
  DEED_SUBMIT,
  DEED_UPLOAD,
  KIA_ISSUE,
  KIA_PRINT,
  KIA_UPLOAD,
  MADE_BY_ANOTHER_PERSON,
  RECORD_BIOMETRICS,
  type BirthOpenPayload,
  type SubmitPayload,
  type UploadPayload,
  type KiaPayload,
  type KiaUploadPayload,
  type NotePayload,
  type RecordBiometricsPayload,
  type RegisterNow,
} from './send';
import { BirthDeedForm, KiaForm, ReportForm, type BirthDeedDraft, type KiaDraft, type ReportDraft } from './village-work';
import { VisitOutcome } from './visit-outcome';
import { w } from './words';
import './jemput-bola.css';

type Village = OutreachComponents['schemas']['VillageView'];
type Resident = VillageDay['residents'][number];

const dayStore = new DayStore();

function useOutbox(outbox: Outbox): readonly OutboxCommand[] {
  const [commands, setCommands] = useState(outbox.list());
  useEffect(() => {
    setCommands(outbox.list());
    return outbox.subscribe((c) => setCommands(c));
  }, [outbox]);
  return commands;
}

const payloadOf = (c: OutboxCommand) => c.payload as NotePayload & Partial<RecordBiometricsPayload> & Partial<KiaPayload> & Partial<UploadPayload>;
const isKia = (c: OutboxCommand) => c.kind === KIA_PRINT || c.kind === KIA_ISSUE;
/** The register's action a command asks for: what the register must still allow for it to be sent again. */
const actionOf = (c: OutboxCommand) => (c.kind === KIA_PRINT ? 'PRINT' : c.kind === KIA_ISSUE ? 'ISSUE' : 'RECORD_BIOMETRICS');

/** Why a command was refused: the messages of the problem's items when this build knows them (the domain rule,
 * e.g. RESIDENT_MOVED_OUT), else the message of its code. */
function refusalReason(c: OutboxCommand): string {
  if (c.problem?.code === MADE_BY_ANOTHER_PERSON) return w('outbox.otherPerson', { name: payloadOf(c).madeBy.name });
  return reasonOf(c.problem ? [...(c.problem.details ?? []), c.problem.code] : []);
}

/** The messages of the codes this build knows, the most specific (the items') first; the general one otherwise. */
function reasonOf(codes: readonly string[]): string {
  const [general] = codes.slice(-1);
  const specific = codes.slice(0, -1).filter((code) => i18n.exists(`errors.${code}`));
  return specific.length > 0 ? [...new Set(specific)].map((code) => errorMessage(code)).join(' ') : errorMessage(general);
}
const ektpWord = (status: string) => w(`ektp.${status}`);
const statusWord = (c: OutboxCommand, status: string) => (isKia(c) ? w(`kiaStatus.${status}`) : ektpWord(status));

function StatusBar({ outbox, commands }: { readonly outbox: Outbox; readonly commands: readonly OutboxCommand[] }) {
  const { online } = useServices();
  const isOnline = useStore(online);
  const waiting = commands.filter((c) => c.status === 'queued' || c.status === 'sending').length;
  const decisions = commands.filter((c) => c.status === 'conflict' || c.status === 'refused').length;
  const sending = commands.some((c) => c.status === 'sending');
  return (
    <div class="jb-bar">
      <p class="jb-signal" data-online={isOnline}>
        {isOnline ? w('online') : w('offline')}
      </p>
      <p class="jb-waiting" role="status" data-count={waiting}>
        {w('waiting', { count: formatNumber(waiting, currentLanguage()) })}
      </p>
      {decisions > 0 && (
        <p class="jb-decisions">
          <a href="#jb-outbox">{w('decisions', { count: formatNumber(decisions, currentLanguage()) })}</a>
        </p>
      )}
      <button type="button" class="button primary" disabled={!isOnline || waiting === 0 || sending} onClick={() => void outbox.flush(true)}>
        {sending ? w('sending') : w('sendNow')}
      </button>
      {waiting + decisions > 0 && <p class="jb-keep hint">{w('keepSignedIn')}</p>}
    </div>
  );
}

function BeforeLeaving({ day, onDownloaded, unsent }: { readonly day: VillageDay | undefined; readonly onDownloaded: (day: VillageDay) => void; readonly unsent: number }) {
  const { api, online } = useServices();
  const isOnline = useStore(online);
  const [villages, setVillages] = useState<Village[]>();
  const [visits, setVisits] = useState<TodayVisit[]>([]);
  const [chosen, setChosen] = useState<string>(day?.villageCode ?? '');
  const [visitId, setVisitId] = useState<string | undefined>(day?.visit?.id);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [problem, setProblem] = useState<string>();
  const lang = currentLanguage();

  // The villages and today's visits, once per time the screen is online (read again when the signal returns).
  useEffect(() => {
    if (!isOnline) return;
    let live = true;
    void (async () => {
      try {
        const list = await api.outreach.GET('/villages', {});
        if (!list.data) throw new DownloadError('HTTP_ERROR');
        const sorted = [...list.data.items].filter((v) => v.active).sort((a, b) => a.districtName.localeCompare(b.districtName) || a.name.localeCompare(b.name));
        const today = await todaysVisits(api, officeToday());
        if (!live) return;
        setVillages(sorted);
        setVisits(today);
        setProblem(undefined);
      } catch {
        if (live) setProblem(w('before.loadFailed'));
      }
    })();
    return () => {
      live = false;
    };
  }, [api, isOnline]);

  const villageOf = (code: string) => villages?.find((v) => v.code === code);
  const download = async () => {
    const village = villageOf(chosen);
    if (!village) return;
    const visit = visits.find((v) => v.id === visitId && v.villageCode === chosen);
    setProblem(undefined);
    setProgress({ done: 0, total: 0 });
    try {
      const next = await downloadDay(api, { code: village.code, name: village.name, districtName: village.districtName }, visit && { id: visit.id, planId: visit.planId, date: visit.date, teamName: visit.teamName }, new Date(), (done, total) =>
        setProgress({ done, total }),
      );
      await dayStore.write(next);
      onDownloaded(next);
    } catch (error) {
      setProblem(w('errors.download', { reason: error instanceof DownloadError ? errorMessage(error.code) : w('errors.network') }));
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <section class="jb-section" aria-labelledby="jb-before">
      <h2 id="jb-before">{w('before.title')}</h2>
      <p data-testid="jb-stored">
        {day
          ? w('before.stored', {
              village: day.villageName,
              count: formatNumber(day.residents.length, lang),
              reports: formatNumber(day.reports.length, lang),
              size: formatNumber(Math.max(1, Math.round(storedBytes(day) / 1024)), lang),
              at: formatDateTime(new Date(day.downloadedAt), lang),
            })
          : w('before.nothingStored')}
      </p>
      {day?.visit && <p data-testid="jb-visit">{w('before.storedVisit', { date: formatDate(day.visit.date, lang), team: day.visit.teamName })}</p>}
      {!isOnline && <p class="hint">{w('before.needsSignal')}</p>}
      {isOnline && villages && (
        <>
          <h3>{w('before.todayVisits')}</h3>
          {visits.length === 0 ? (
            <p class="hint">{w('before.noVisits')}</p>
          ) : (
            <ul class="jb-visits">
              {visits.map((v) => (
                <li key={v.id}>
                  <button
                    type="button"
                    class="chip"
                    aria-pressed={visitId === v.id}
                    onClick={() => {
                      setVisitId(v.id);
                      setChosen(v.villageCode);
                    }}
                  >
                    {w('before.visitLine', { village: v.villageName, district: villageOf(v.villageCode)?.districtName ?? '', team: v.teamName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div class="jb-row">
            <div class="jb-field">
              <label for="jb-village">{w('before.village')}</label>
              <select
                id="jb-village"
                value={chosen}
                onChange={(e) => {
                  const code = (e.currentTarget as HTMLSelectElement).value;
                  setChosen(code);
                  if (!visits.some((v) => v.id === visitId && v.villageCode === code)) setVisitId(undefined);
                }}
              >
                <option value="">{w('before.chooseVillage')}</option>
                {villages.map((v) => (
                  <option value={v.code} key={v.code}>
                    {v.name} — {v.districtName}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" class="button primary" disabled={!chosen || progress !== undefined || unsent > 0} onClick={() => void download()}>
              {w('before.download')}
            </button>
          </div>
          {unsent > 0 && <p class="hint">{w('before.replaceWarning', { count: formatNumber(unsent, lang) })}</p>}
        </>
      )}
      {progress && (
        <p class="status" role="status">
          {w('before.downloading', { done: formatNumber(progress.done, lang), total: formatNumber(progress.total, lang) })}
        </p>
      )}
      {problem && (
        <p class="notice error-text" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function RecordForm({ day, name, onSave, onCancel }: { readonly day: VillageDay; readonly name: string; readonly onSave: (place: string) => void; readonly onCancel: () => void }) {
  const [place, setPlace] = useState(w('village.defaultPlace', { village: day.villageName }));
  const id = useMemo(() => `jb-place-${Math.random().toString(36).slice(2)}`, []);
  return (
    <form
      aria-label={w('village.recordFor', { name })}
      onSubmit={(e) => {
        e.preventDefault();
        if (place.trim()) onSave(place.trim().slice(0, 200));
      }}
    >
      <div class="jb-row">
        <div class="jb-field">
          <label for={id}>{w('village.place')}</label>
          <input id={id} value={place} required maxLength={200} onInput={(e) => setPlace((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button primary">
          {w('village.save')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {w('village.cancel')}
        </button>
      </div>
    </form>
  );
}

type Task = 'ektp' | 'kia' | 'akta' | 'laporan';

/** The latest e-KTP note per resident (the resident is the note's target): its state beside the name. */
function latestEktp(commands: readonly OutboxCommand[]): Map<string, OutboxCommand> {
  return new Map(commands.filter((c) => c.kind === RECORD_BIOMETRICS).map((c) => [c.target, c]));
}

/** The state of a piece of work: its command's, or the worst of a chain (a refused photo shows as refused). */
function workState(commands: readonly OutboxCommand[], resident: string, task: Task): OutboxCommand['status'] | undefined {
  return worstState(commands.filter((c) => ((c.payload as NotePayload).residentId ?? c.target) === resident && taskOf(c) === task));
}

/** What a chain of commands shows: the state that most needs attention (a conflict, a refusal, …), sent when all are. */
function worstState(chain: readonly OutboxCommand[]): OutboxCommand['status'] | undefined {
  if (chain.length === 0) return undefined;
  for (const status of ['conflict', 'refused', 'sending', 'queued'] as const) if (chain.some((c) => c.status === status)) return status;
  return 'sent';
}

function taskOf(c: OutboxCommand): Task {
  if (c.target.startsWith('laporan:')) return 'laporan';
  return c.kind === RECORD_BIOMETRICS ? 'ektp' : c.kind === KIA_PRINT || c.kind === KIA_ISSUE || c.kind === KIA_UPLOAD ? 'kia' : 'akta';
}

/** The state of the work on a partner's report (its photos and submission), the worst of its commands. */
function reportState(commands: readonly OutboxCommand[], deedId: string): OutboxCommand['status'] | undefined {
  return worstState(commands.filter((c) => c.target === `laporan:${deedId}`));
}

function InTheVillage({ day, outbox, commands }: { readonly day: VillageDay; readonly outbox: Outbox; readonly commands: readonly OutboxCommand[] }) {
  const { session } = useServices();
  const [open, setOpen] = useState<{ readonly id: string; readonly task: Task }>();
  const [problem, setProblem] = useState<string>();
  const lang = currentLanguage();
  /** How the list names a report's person: the child, the deceased, or the mother's baby when the child has no name yet. */
  const whoOf = (report: WaitingReport) => report.who || (report.motherName ? w('report.babyOf', { mother: report.motherName }) : formatDate(report.eventDate, lang));
  const noted = latestEktp(commands);
  const note = (r: Resident) => {
    if (session.state.status !== 'signed-in') return undefined;
    const madeBy = { sub: session.state.person.sub, name: session.state.person.name };
    return { residentId: r.id, fullName: r.fullName, nik: r.nik, madeBy, ...(day.visit ? { visitId: day.visit.id } : {}) };
  };
  const keep = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setOpen(undefined);
      void outbox.flush();
    } catch {
      setProblem(w('errors.save'));
    }
  };
  const saveEktp = (r: Resident, place: string) =>
    keep(async () => {
      const base = note(r);
      if (!base) return;
      const payload: RecordBiometricsPayload = { ...base, place, statusRead: r.ektpStatus };
      await outbox.enqueue({ kind: RECORD_BIOMETRICS, target: r.id, version: r.ektpVersion, payload });
    });
  const saveKia = (r: Resident, draft: KiaDraft) =>
    keep(async () => {
      const base = note(r);
      if (!base || !r.kia) return;
      const target = `kia:${r.id}`;
      // The photos first: identity takes them while the application is open, before the card is printed.
      for (const photo of draft.photos) {
        const upload: KiaUploadPayload = { ...base, documentKind: photo.kind, photo: photo.blob, fileName: photo.fileName };
        await outbox.enqueue({ kind: KIA_UPLOAD, target, version: 0, payload: upload });
      }
      if (!draft.printNow) return;
      const printed: KiaPayload = { ...base, kiaType: r.kia.kiaType, statusRead: r.kia.status };
      await outbox.enqueue({ kind: KIA_PRINT, target, version: r.kia.version, payload: printed });
      // Handed to the parents at once: the action after the print, on the version the print makes.
      await outbox.enqueue({ kind: KIA_ISSUE, target, version: r.kia.version + 1, payload: { ...base, statusRead: 'PRINTED' } satisfies KiaPayload });
    });
  const saveAkta = (r: Resident, draft: BirthDeedDraft) =>
    keep(async () => {
      const base = note(r);
      if (!base || !r.birthDeed) return;
      const target = `akta:${r.id}`;
      const opening: BirthOpenPayload = {
        ...base,
        birthDate: r.birthDate,
        sex: r.birthDeed.sex,
        religion: r.birthDeed.religion,
        birthPlace: r.birthDeed.birthPlace,
        motherName: r.birthDeed.motherName,
        fatherName: r.birthDeed.fatherName,
        districtCode: day.districtCode,
        villageCode: day.villageCode,
        parentsMarried: draft.parentsMarried,
      };
      const opened = await outbox.enqueue({ kind: BIRTH_OPEN, target, version: 0, payload: opening });
      for (const photo of draft.photos) {
        const upload: UploadPayload = { ...base, documentKind: photo.kind, photo: photo.blob, fileName: photo.fileName };
        await outbox.enqueue({ kind: DEED_UPLOAD, target, version: 0, payload: upload, dependsOn: opened.key });
      }
      // Incomplete: the case waits at the office as a draft, where the clerk adds what is missing and submits it.
      if (draft.complete) await outbox.enqueue({ kind: DEED_SUBMIT, target, version: 0, payload: base, dependsOn: opened.key });
    });
  const saveReport = (report: WaitingReport, draft: ReportDraft) =>
    keep(async () => {
      if (session.state.status !== 'signed-in') return;
      const madeBy = { sub: session.state.person.sub, name: session.state.person.name };
      const base = { deedId: report.deedId, fullName: whoOf(report), nik: '', madeBy, ...(day.visit ? { visitId: day.visit.id } : {}) };
      const target = `laporan:${report.deedId}`;
      for (const photo of draft.photos) {
        const upload: UploadPayload = { ...base, documentKind: photo.kind, photo: photo.blob, fileName: photo.fileName };
        await outbox.enqueue({ kind: DEED_UPLOAD, target, version: 0, payload: upload });
      }
      if (draft.complete) {
        const submit: SubmitPayload = { ...base, ...(draft.particulars ? { particulars: draft.particulars } : {}) };
        await outbox.enqueue({ kind: DEED_SUBMIT, target, version: 0, payload: submit });
      }
    });
  const ektpCount = day.residents.filter((r) => r.ektpDue).length;
  const kiaCount = day.residents.filter((r) => r.kia).length;
  const aktaCount = day.residents.filter((r) => r.birthDeed).length;
  const badge = (state: OutboxCommand['status']) => (
    <span class="jb-badge" data-state={state}>
      {w(`state.${state}`)}
    </span>
  );
  return (
    <section class="jb-section" aria-labelledby="jb-village-title">
      <h2 id="jb-village-title">{w('village.title')}</h2>
      <p>{w('village.lead')}</p>
      <p class="jb-summary">{w('village.summary', { ektp: formatNumber(ektpCount, lang), kia: formatNumber(kiaCount, lang), akta: formatNumber(aktaCount, lang) })}</p>
      {problem && (
        <p class="notice error-text" role="alert">
          {problem}
        </p>
      )}
      {day.residents.length === 0 ? (
        <p class="hint">{w('village.none')}</p>
      ) : (
        <ul class="jb-list">
          {day.residents.map((r) => {
            const ektpCommand = noted.get(r.id);
            const kiaState = workState(commands, r.id, 'kia');
            const aktaState = workState(commands, r.id, 'akta');
            const opened = open?.id === r.id ? open.task : undefined;
            return (
              <li class="jb-person" key={r.id} data-resident={r.id}>
                <div>
                  <h3>{r.fullName}</h3>
                  <p>
                    {w('village.nik')} {r.nik} · {w('village.birthDate')} {formatDate(r.birthDate, lang)}
                  </p>
                  {r.refusedWith && !ektpCommand && <p class="jb-refused-before">{w('village.refusedBefore', { reason: reasonOf(r.refusedWith) })}</p>}
                </div>
                <div class="jb-tasks">
                  {r.ektpDue &&
                    (ektpCommand ? (
                      <span class="jb-task" data-task="ektp">
                        {w('task.ektp')}: {badge(ektpCommand.status)}
                      </span>
                    ) : r.ektpStatus !== 'NOT_RECORDED' ? (
                      <span class="jb-badge">{ektpWord(r.ektpStatus)}</span>
                    ) : (
                      opened !== 'ektp' && (
                        <button type="button" class="button primary" aria-label={w('village.recordFor', { name: r.fullName })} onClick={() => setOpen({ id: r.id, task: 'ektp' })}>
                          {w('village.record')}
                        </button>
                      )
                    ))}
                  {r.kia &&
                    (kiaState ? (
                      <span class="jb-task" data-task="kia">
                        {w('task.kia')}: {badge(kiaState)}
                      </span>
                    ) : (
                      opened !== 'kia' && (
                        <button type="button" class="button primary" aria-label={w('kia.startFor', { name: r.fullName })} onClick={() => setOpen({ id: r.id, task: 'kia' })}>
                          {w('kia.start')}
                        </button>
                      )
                    ))}
                  {r.birthDeed &&
                    (aktaState ? (
                      <span class="jb-task" data-task="akta">
                        {w('task.akta')}: {badge(aktaState)}
                      </span>
                    ) : (
                      opened !== 'akta' && (
                        <button type="button" class="button primary" aria-label={w('akta.startFor', { name: r.fullName })} onClick={() => setOpen({ id: r.id, task: 'akta' })}>
                          {w('akta.start')}
                        </button>
                      )
                    ))}
                </div>
                {opened === 'ektp' && !ektpCommand && <RecordForm day={day} name={r.fullName} onSave={(place) => void saveEktp(r, place)} onCancel={() => setOpen(undefined)} />}
                {opened === 'kia' && !kiaState && <KiaForm resident={r} onSave={(draft) => void saveKia(r, draft)} onCancel={() => setOpen(undefined)} />}
                {opened === 'akta' && !aktaState && <BirthDeedForm resident={r} onSave={(draft) => void saveAkta(r, draft)} onCancel={() => setOpen(undefined)} />}
              </li>
            );
          })}
        </ul>
      )}
      <h3 id="jb-reports-title">{w('report.title')}</h3>
      {day.reports.length === 0 ? (
        <p class="hint">{w('report.none')}</p>
      ) : (
        <ul class="jb-list" aria-labelledby="jb-reports-title">
          {day.reports.map((report) => {
            const state = reportState(commands, report.deedId);
            const who = whoOf(report);
            const opened = open?.id === report.deedId;
            return (
              <li class="jb-person" key={report.deedId} data-report={report.deedId}>
                <div>
                  <h4>{who}</h4>
                  <p>
                    {w('report.line', { type: w(`report.type.${report.deedType}`), date: formatDate(report.eventDate, lang) })}
                    {report.reportedBy.length > 0 && ` · ${w('report.reportedBy', { by: report.reportedBy.map((k) => w(`report.partner.${k}`)).join(', ') })}`}
                  </p>
                </div>
                <div class="jb-tasks">
                  {state ? (
                    <span class="jb-task" data-task="laporan">
                      {w('task.laporan')}: {badge(state)}
                    </span>
                  ) : (
                    !opened && (
                      <button type="button" class="button primary" aria-label={w('report.startFor', { who })} onClick={() => setOpen({ id: report.deedId, task: 'laporan' })}>
                        {w('report.start')}
                      </button>
                    )
                  )}
                </div>
                {opened && !state && <ReportForm report={report} who={who} onSave={(draft) => void saveReport(report, draft)} onCancel={() => setOpen(undefined)} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Conflict({ command, outbox, onDropped }: { readonly command: OutboxCommand; readonly outbox: Outbox; readonly onDropped: (now: RegisterNow) => void }) {
  const lang = currentLanguage();
  const p = payloadOf(command);
  const now = command.current as RegisterNow | undefined;
  const canResend = !!now && now.allowedActions.includes(actionOf(command));
  // The register already holds a recording (made at the office meanwhile): sending would add a second capture.
  const alreadyRecorded = !!now && now.recordings.length > 0;
  const at = formatDateTime(new Date(command.createdAt), lang);
  return (
    <>
      <p>{isKia(command) ? w('conflict.leadKia') : w('conflict.lead')}</p>
      <div class="jb-compare">
        <div>
          <h4>{w('conflict.yours')}</h4>
          <p>
            {isKia(command)
              ? w('conflict.yoursLineKia', { what: w(`outbox.what.${command.kind}`, { name: p.fullName }), at, status: statusWord(command, p.statusRead ?? ''), version: command.version })
              : w('conflict.yoursLine', { place: p.place ?? '', at, status: ektpWord(p.statusRead ?? ''), version: command.version })}
          </p>
        </div>
        <div>
          <h4>{w('conflict.register')}</h4>
          {now && (
            <>
              <p>{w('conflict.registerLine', { status: statusWord(command, now.status), version: now.version })}</p>
              <ul>
                {now.recordings.map((r, i) => (
                  <li key={i}>{w('conflict.recording', { at: formatDateTime(r.at, lang), channel: w(`channel.${r.channel}`), place: r.place })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      {!canResend && <p class="hint">{w('conflict.resendNotAllowed')}</p>}
      {canResend && alreadyRecorded && <p class="hint">{w('conflict.alreadyRecorded')}</p>}
      <div class="jb-actions">
        {canResend && now && (
          <button type="button" class={alreadyRecorded ? 'button secondary' : 'button primary'} onClick={() => void outbox.resendOnVersion(command.key, now.version).then(() => outbox.flush(true))}>
            {w('conflict.resend')}
          </button>
        )}
        <button
          type="button"
          class={canResend && !alreadyRecorded ? 'button secondary' : 'button primary'}
          onClick={() =>
            void outbox.dismiss(command.key).then(() => {
              if (now) onDropped(now);
            })
          }
        >
          {w('conflict.drop')}
        </button>
      </div>
    </>
  );
}

function Sending({
  outbox,
  commands,
  onRegisterNow,
  onRefusalDismissed,
}: {
  readonly outbox: Outbox;
  readonly commands: readonly OutboxCommand[];
  readonly onRegisterNow: (command: OutboxCommand, now: RegisterNow) => void;
  readonly onRefusalDismissed: (command: OutboxCommand, codes: readonly string[]) => void;
}) {
  const lang = currentLanguage();
  const hasSent = commands.some((c) => c.status === 'sent');
  return (
    <section class="jb-section" aria-labelledby="jb-outbox">
      <h2 id="jb-outbox">{w('outbox.title')}</h2>
      {commands.length === 0 ? (
        <p class="hint">{w('outbox.empty')}</p>
      ) : (
        <ol class="jb-list">
          {commands.map((c) => {
            const p = payloadOf(c);
            return (
              <li class="jb-command" key={c.key} data-state={c.status} data-target={c.target}>
                <p>
                  <strong>{w(`outbox.what.${c.kind}`, { name: p.fullName, document: p.documentKind ? w(`docKind.${p.documentKind}`) : '' })}</strong>{' '}
                  <span class="jb-badge" data-state={c.status}>
                    {w(`state.${c.status}`)}
                  </span>
                </p>
                <p class="hint">
                  {p.place
                    ? w('outbox.madeAt', { at: formatDateTime(new Date(c.createdAt), lang), place: p.place, name: p.madeBy.name })
                    : w('outbox.madeAtNoPlace', { at: formatDateTime(new Date(c.createdAt), lang), name: p.madeBy.name })}
                </p>
                {c.status === 'queued' && c.dependsOn !== undefined && <p class="hint">{w('outbox.afterOpening')}</p>}
                {c.status === 'queued' && c.retryAt !== undefined && (
                  <p class="hint">{w('outbox.retryAt', { at: formatTime(new Date(c.retryAt), lang), attempts: c.attempts })}</p>
                )}
                {c.status === 'refused' && (
                  <>
                    <p class="notice error-text" role="alert">
                      {w('outbox.refusedReason', { reason: refusalReason(c) })}
                    </p>
                    <div class="jb-actions">
                      <button type="button" class="button secondary" onClick={() => void outbox.retry(c.key).then(() => outbox.flush(true))}>
                        {w('outbox.retry')}
                      </button>
                      <button
                        type="button"
                        class="button primary"
                        onClick={() => void outbox.dismiss(c.key).then(() => onRefusalDismissed(c, c.problem ? [...(c.problem.details ?? []), c.problem.code] : []))}
                      >
                        {w('outbox.dismiss')}
                      </button>
                    </div>
                  </>
                )}
                {c.status === 'conflict' && <Conflict command={c} outbox={outbox} onDropped={(now) => onRegisterNow(c, now)} />}
              </li>
            );
          })}
        </ol>
      )}
      {hasSent && (
        <div class="jb-actions">
          <button type="button" class="button secondary" onClick={() => void outbox.clearSent()}>
            {w('outbox.clearSent')}
          </button>
        </div>
      )}
    </section>
  );
}

export function JemputBolaScreen() {
  const { api, session } = useServices();
  const outbox = useMemo(() => appOutbox(api, session), [api, session]);
  const commands = useOutbox(outbox);
  const [day, setDay] = useState<VillageDay | undefined | null>(null);
  const [, setErrorsReady] = useState(false);

  useEffect(() => {
    void loadErrorMessages().then(() => setErrorsReady(true));
    void dayStore.read().then((d) => setDay(d ?? undefined), () => setDay(undefined));
  }, []);

  const unsent = commands.filter((c) => c.status !== 'sent').length;
  /** After the person drops a note on a changed record: the day shows what the register says now. */
  const changeResident = (target: string, change: (r: DueResident) => DueResident) => {
    if (!day) return;
    const next: VillageDay = { ...day, residents: day.residents.map((r) => (r.id === target ? change(r) : r)) };
    setDay(next);
    void dayStore.write(next);
  };
  const residentOf = (c: OutboxCommand) => (c.payload as NotePayload).residentId ?? c.target;
  const registerNow = (c: OutboxCommand, now: RegisterNow) =>
    changeResident(residentOf(c), (r) =>
      isKia(c)
        ? { ...r, ...(r.kia ? { kia: { ...r.kia, status: now.status, version: now.version } } : {}) }
        : { ...r, ektpStatus: now.status, ektpVersion: now.version },
    );
  /** A dismissed refusal stays beside the name, so that nobody notes the same thing again unknowingly. */
  const refusalDismissed = (c: OutboxCommand, codes: readonly string[]) => changeResident(residentOf(c), (r) => ({ ...r, refusedWith: codes }));

  return (
    <section class="page workplace jemput-bola" data-workplace="jemput-bola">
      <PageTitle>{w('title')}</PageTitle>
      <p class="lead">{w('lead')}</p>
      <StatusBar outbox={outbox} commands={commands} />
      {day !== null && (
        <BeforeLeaving
          day={day}
          unsent={unsent}
          onDownloaded={(next) => {
            setDay(next);
            void outbox.clearSent();
          }}
        />
      )}
      {day && <InTheVillage day={day} outbox={outbox} commands={commands} />}
      <Sending outbox={outbox} commands={commands} onRegisterNow={registerNow} onRefusalDismissed={refusalDismissed} />
      {day?.visit && <VisitOutcome day={{ ...day, visit: day.visit }} commands={commands} />}
    </section>
  );
}
