/**
 * The work in the village besides the e-KTP: a KIA application with photos of its documents (printed on the team's
 * printer and handed to the parents when complete), a birth deed application with photos of its documents, and a
 * partner's report (a birth or death the Pustu or the parish reported) completed with its documents and the
 * particulars it lacks. All become commands in the outbox (send.ts); the checklists and the particulars are the
 * domain's (`kiaDocumentsAsked`, `checkKiaDocuments`, `DOCUMENT_REQUIREMENTS`, `checkDocuments`, `PARTICULAR_RULES`),
 * judged on the tablet as the services judge them: a complete deed application is submitted, an incomplete one waits
 * at the office, where the clerk completes it; an incomplete KIA application is sent as photos, and the office prints
 * the card once it is complete.
 */
import { useMemo, useState } from 'preact/hooks';
import {
  checkDocuments,
  checkKiaDocuments,
  DOCUMENT_REQUIREMENTS,
  kiaDocumentsAsked,
  missingParticulars,
  PARTICULAR_RULES,
  RELIGIONS,
  type DeedType,
  type DocumentKind,
  type KiaDocumentKind,
} from '@adminduk/domain';
import { uploadProblem, uploadType, UPLOAD_MAX_BYTES } from '../../api/deed-uploads';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import type { VillageDay, WaitingReport } from './day';
import { judgeReport } from './report-verdict';
import { officeToday } from './day';
import { birthParticulars } from './send';
import { w } from './words';

type Resident = VillageDay['residents'][number];

/** A photo kept for the application, shrunk to what the deeds service takes. */
export interface KeptPhoto {
  /** A deed's DocumentKind or a KIA's KiaDocumentKind. */
  readonly kind: string;
  readonly blob: Blob;
  readonly fileName: string;
}

/** The longest side of a photo kept for sending: legible on paper, a few hundred kB over a weak signal. */
const PHOTO_MAX_SIDE = 1600;

/**
 * A photo from the camera as the service takes it: a JPEG or PNG under the upload limit (a large photo is redrawn at
 * PHOTO_MAX_SIDE as a JPEG); a PDF as it is. Returns the problem code when the file cannot be taken.
 */
async function preparePhoto(file: File): Promise<{ readonly blob: Blob; readonly fileName: string } | { readonly problem: string }> {
  let blob: Blob = file;
  let fileName = file.name || 'foto.jpg';
  if (file.type.startsWith('image/') && (file.size > UPLOAD_MAX_BYTES / 2 || !uploadType(file))) {
    try {
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
      if (jpeg) {
        blob = jpeg;
        fileName = `${fileName.replace(/\.[^.]*$/, '')}.jpg`;
      }
    } catch {
      // Not an image the browser can draw: judged as it is below.
    }
  }
  const type = blob === file ? uploadType(file) : 'image/jpeg';
  const typed = type && blob.type !== type ? new Blob([blob], { type }) : blob;
  const problem = uploadProblem({ name: fileName, type: typed.type, size: typed.size }, new Uint8Array(await typed.slice(0, 8).arrayBuffer()));
  return problem ? { problem } : { blob: typed, fileName };
}

/** A form's two buttons: save (its label) and cancel. */
function FormButtons({ label, disabled, onCancel }: { readonly label: string; readonly disabled?: boolean; readonly onCancel: () => void }) {
  return (
    <div class="jb-actions">
      <button type="submit" class="button primary" disabled={disabled}>
        {label}
      </button>
      <button type="button" class="button secondary" onClick={onCancel}>
        {w('village.cancel')}
      </button>
    </div>
  );
}

export interface KiaDraft {
  readonly photos: readonly KeptPhoto[];
  /** Printed on the team's printer and handed to the parents now (only with a complete checklist). */
  readonly printNow: boolean;
}

/**
 * A child's KIA on the visit: photos of what the family shows (kiaDocumentsAsked of the domain for the child's type:
 * the birth deed, the KK, the parents' KTP-el, and the child's photo from 5 years on). Complete, the card may be
 * printed on the team's printer and handed over at once; otherwise the photos go to the office as the application,
 * and the office prints the card once it is complete (a child without a birth deed gets the deed first).
 */
export function KiaForm({ resident, onSave, onCancel }: { readonly resident: Resident; readonly onSave: (draft: KiaDraft) => void; readonly onCancel: () => void }) {
  const [photos, setPhotos] = useState<Readonly<Record<string, KeptPhoto | undefined>>>({});
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'print' | 'apply'>();
  const base = useMemo(() => `jb-kia-${resident.id.slice(-8)}`, [resident.id]);
  const kia = resident.kia;
  if (!kia) return null;
  const onFile = (kia.documentsOnFile ?? []) as readonly KiaDocumentKind[];
  // What identity has already is not asked again; it counts for the checklist.
  const asked = kiaDocumentsAsked({ kiaType: kia.kiaType }).filter((kind) => !onFile.includes(kind));
  const kept = asked.flatMap((kind) => (photos[kind] ? [photos[kind] as KeptPhoto] : []));
  const check = checkKiaDocuments([...onFile, ...kept.map((p) => p.kind as KiaDocumentKind)], { kiaType: kia.kiaType });
  const complete = check.ok && check.value.complete;
  const missing = check.ok ? check.value.missing : asked;
  const printNow = complete && (mode ?? 'print') === 'print';
  const missingWords = missing.map((kind) => (kind === 'BIRTH_DEED' && resident.birthDeed ? w('kia.noDeedYet') : w(`docKind.${kind}`)));
  return (
    <form
      class="jb-kia"
      aria-label={w('kia.formFor', { name: resident.fullName })}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ photos: kept, printNow });
      }}
    >
      <p>{w('kia.lead', { type: w(`kia.type.${kia.kiaType}`) })}</p>
      {onFile.length > 0 && <p class="hint">{w('kia.onFile', { documents: onFile.map((kind) => w(`docKind.${kind}`)).join(', ') })}</p>}
      <h4>{w('akta.photos')}</h4>
      <DocumentPhotos requirements={asked.map((kind) => ({ id: kind, anyOf: [kind] }))} title={(id) => w(`docKind.${id}`)} idBase={base} photos={photos} onPhotos={setPhotos} onBusy={setBusy} />
      <p class={complete ? 'jb-complete' : 'jb-incomplete'} role="status" data-complete={complete}>
        {complete ? w('kia.complete') : w('kia.incomplete', { missing: missingWords.join(', ') })}
      </p>
      {complete && (
        <fieldset class="jb-choice">
          <legend>{w('kia.when')}</legend>
          <label class="jb-check">
            <input type="radio" name={`${base}-mode`} checked={printNow} onChange={() => setMode('print')} />
            {w('kia.printNow')}
          </label>
          <label class="jb-check">
            <input type="radio" name={`${base}-mode`} checked={!printNow} onChange={() => setMode('apply')} />
            {w('kia.applyOnly')}
          </label>
        </fieldset>
      )}
      <FormButtons label={printNow ? w('kia.save') : w('kia.saveApplication')} disabled={busy || (kept.length === 0 && !complete)} onCancel={onCancel} />
    </form>
  );
}

/** One line of a checklist the photos answer: the requirement, and the documents that meet it (the first the usual one). */
interface PhotoRequirement {
  readonly id: string;
  readonly anyOf: readonly string[];
}

/** The requirements of a deed type's checklist that the case does not meet yet (DOCUMENT_REQUIREMENTS of the domain). */
function deedRequirements(deedType: DeedType, parentsMarried: boolean, provided: readonly string[]): PhotoRequirement[] {
  return DOCUMENT_REQUIREMENTS[deedType].filter((r) => (r.onlyIf !== 'PARENTS_MARRIED' || parentsMarried) && !r.anyOf.some((k) => provided.includes(k)));
}

/** The photos kept for an application, one per requirement of its checklist that is not met yet. */
function DocumentPhotos({
  requirements,
  title,
  idBase,
  photos,
  onPhotos,
  onBusy,
}: {
  readonly requirements: readonly PhotoRequirement[];
  /** How a requirement is named on the screen. */
  readonly title: (id: string) => string;
  readonly idBase: string;
  readonly photos: Readonly<Record<string, KeptPhoto | undefined>>;
  readonly onPhotos: (change: (photos: Readonly<Record<string, KeptPhoto | undefined>>) => Record<string, KeptPhoto | undefined>) => void;
  readonly onBusy: (busy: boolean) => void;
}) {
  const [chosenKind, setChosenKind] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const take = async (requirement: string, file: File | undefined, kind: string) => {
    if (!file) return;
    onBusy(true);
    try {
      const prepared = await preparePhoto(file);
      if ('problem' in prepared) {
        setProblems((p) => ({ ...p, [requirement]: errorMessage(prepared.problem) }));
        onPhotos((p) => ({ ...p, [requirement]: undefined }));
      } else {
        setProblems((p) => ({ ...p, [requirement]: undefined }));
        onPhotos((p) => ({ ...p, [requirement]: { kind, blob: prepared.blob, fileName: prepared.fileName } }));
      }
    } finally {
      onBusy(false);
    }
  };
  if (requirements.length === 0) return <p class="hint">{w('akta.allProvided')}</p>;
  return (
    <ul class="jb-docs">
      {requirements.map((r) => {
        const kind = chosenKind[r.id] ?? (r.anyOf[0] as string);
        const photo = photos[r.id];
        return (
          <li key={r.id} data-requirement={r.id} data-kept={photo ? 'true' : 'false'}>
            <p class="jb-doc-title">
              <strong>{title(r.id)}</strong> {photo ? <span class="jb-badge">{w('akta.kept', { kb: Math.max(1, Math.round(photo.blob.size / 1024)) })}</span> : null}
            </p>
            <div class="jb-row">
              {r.anyOf.length > 1 && (
                <div class="jb-field">
                  <label for={`${idBase}-${r.id}-kind`}>{w('akta.which')}</label>
                  <select
                    id={`${idBase}-${r.id}-kind`}
                    value={kind}
                    onChange={(e) => {
                      const next = (e.currentTarget as HTMLSelectElement).value;
                      setChosenKind((k) => ({ ...k, [r.id]: next }));
                      if (photo) onPhotos((p) => ({ ...p, [r.id]: { ...photo, kind: next } }));
                    }}
                  >
                    {r.anyOf.map((k) => (
                      <option key={k} value={k}>
                        {w(`docKind.${k}`)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div class="jb-field">
                <label for={`${idBase}-${r.id}-file`}>{w('akta.photoOf', { what: w(`docKind.${kind}`) })}</label>
                <input
                  id={`${idBase}-${r.id}-file`}
                  type="file"
                  accept="image/jpeg,image/png,application/pdf"
                  capture="environment"
                  onChange={(e) => void take(r.id, (e.currentTarget as HTMLInputElement).files?.[0], kind)}
                />
              </div>
            </div>
            {problems[r.id] && (
              <p class="error-text" role="alert">
                {problems[r.id]}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const requirementTitle = (id: string) => w(`requirement.${id}`);

/** Whether the checklist is complete with the documents on the case and the photos kept, and what is still missing. */
function checklistOf(deedType: DeedType, parentsMarried: boolean, provided: readonly string[], kept: readonly KeptPhoto[]): { readonly complete: boolean; readonly missing: readonly string[] } {
  const check = checkDocuments(deedType, [...(provided as DocumentKind[]), ...kept.map((p) => p.kind as DocumentKind)], { parentsMarried });
  return check.ok ? { complete: check.value.complete, missing: check.value.missing.map((m) => m.requirement) } : { complete: false, missing: [] };
}

export interface BirthDeedDraft {
  readonly parentsMarried: boolean;
  readonly photos: readonly KeptPhoto[];
  /** Whether the domain's checklist is complete: then the application is submitted. */
  readonly complete: boolean;
}

export function BirthDeedForm({ resident, onSave, onCancel }: { readonly resident: Resident; readonly onSave: (draft: BirthDeedDraft) => void; readonly onCancel: () => void }) {
  const deed = resident.birthDeed;
  const lang = currentLanguage();
  const [parentsMarried, setParentsMarried] = useState(true);
  const [photos, setPhotos] = useState<Readonly<Record<string, KeptPhoto | undefined>>>({});
  const [busy, setBusy] = useState(false);
  const base = useMemo(() => `jb-akta-${resident.id.slice(-8)}`, [resident.id]);
  if (!deed) return null;
  const kept = DOCUMENT_REQUIREMENTS.BIRTH.filter((r) => r.onlyIf !== 'PARENTS_MARRIED' || parentsMarried).flatMap((r) => (photos[r.id] ? [photos[r.id] as KeptPhoto] : []));
  const checklist = checklistOf('BIRTH', parentsMarried, [], kept);
  // What deeds needs at SUBMIT besides the documents, as the register has it (a religion or the mother's name the
  // register lacks): the application then waits at the office, where the clerk completes it.
  const unknown = missingParticulars(birthParticulars({ fullName: resident.fullName, ...deed }), PARTICULAR_RULES.BIRTH.toSubmit);
  const complete = checklist.complete && unknown.length === 0;
  const missingWords = [...checklist.missing.map((m) => w(`requirement.${m}`)), ...unknown.map((f) => w('akta.notOnRegister', { field: w(`field.${f}`) }))];

  return (
    <form
      class="jb-akta"
      aria-label={w('akta.formFor', { name: resident.fullName })}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ parentsMarried, photos: kept, complete });
      }}
    >
      <h4>{w('akta.particulars')}</h4>
      <dl class="jb-facts">
        <dt>{w('akta.child')}</dt>
        <dd>
          {resident.fullName} ({w(`sex.${deed.sex}`)}), {deed.birthPlace ? `${deed.birthPlace}, ` : ''}
          {formatDate(resident.birthDate, lang)}
        </dd>
        <dt>{w('akta.mother')}</dt>
        <dd>{deed.motherName || '—'}</dd>
        <dt>{w('akta.father')}</dt>
        <dd>{deed.fatherName || '—'}</dd>
      </dl>
      <p class="hint">{w('akta.particularsHint')}</p>
      <label class="jb-check">
        <input type="checkbox" checked={parentsMarried} onChange={(e) => setParentsMarried((e.currentTarget as HTMLInputElement).checked)} />
        {w('akta.parentsMarried')}
      </label>
      <h4>{w('akta.photos')}</h4>
      <DocumentPhotos requirements={deedRequirements('BIRTH', parentsMarried, [])} title={requirementTitle} idBase={base} photos={photos} onPhotos={setPhotos} onBusy={setBusy} />
      <p class={complete ? 'jb-complete' : 'jb-incomplete'} role="status" data-complete={complete}>
        {complete ? w('akta.complete') : w('akta.incomplete', { missing: missingWords.join(', ') })}
      </p>
      <FormButtons label={complete ? w('akta.saveComplete') : w('akta.saveDraft')} disabled={busy} onCancel={onCancel} />
    </form>
  );
}

export interface ReportDraft {
  readonly photos: readonly KeptPhoto[];
  /** The groups completed in the village, whole (SUBMIT replaces each group given); none when nothing was typed. */
  readonly particulars?: Record<string, unknown>;
  /** Documents and particulars complete: then the report is submitted. */
  readonly complete: boolean;
}

export function ReportForm({
  report,
  who,
  onSave,
  onCancel,
}: {
  readonly report: WaitingReport;
  /** How the screen names the report's person (the mother's baby when the child has no name yet). */
  readonly who: string;
  readonly onSave: (draft: ReportDraft) => void;
  readonly onCancel: () => void;
}) {
  const lang = currentLanguage();
  const [photos, setPhotos] = useState<Readonly<Record<string, KeptPhoto | undefined>>>({});
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const base = `jb-lapor-${report.deedId.slice(-8)}`;
  const kept = Object.values(photos).filter((p): p is KeptPhoto => p !== undefined);
  const { asked, nikProblems, particulars, unknown, checklist, complete } = judgeReport(report, typed, kept.map((p) => p.kind as DocumentKind), officeToday());
  const missingWords = [...checklist.missing.map((m) => w(`requirement.${m}`)), ...unknown.map((f) => w(`field.${f}`))];
  const input = (path: string) => {
    const id = `${base}-${path.replace('.', '-')}`;
    const value = typed[path] ?? '';
    const set = (e: Event) => {
      const next = (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
      setTyped((t) => ({ ...t, [path]: next }));
    };
    const leaf = path.split('.').pop();
    return (
      <div class="jb-field" key={path}>
        <label for={id}>{w(`field.${path}`)}</label>
        {leaf === 'religion' ? (
          <select id={id} value={value} onChange={set}>
            <option value="">{w('report.choose')}</option>
            {RELIGIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {lang === 'en' ? r.name : r.label}
              </option>
            ))}
          </select>
        ) : leaf === 'sex' ? (
          <select id={id} value={value} onChange={set}>
            <option value="">{w('report.choose')}</option>
            <option value="M">{w('sex.M')}</option>
            <option value="F">{w('sex.F')}</option>
          </select>
        ) : (
          <input
            id={id}
            value={value}
            maxLength={leaf === 'place' ? 100 : leaf === 'nik' ? 24 : 200}
            inputMode={leaf === 'nik' ? 'numeric' : undefined}
            aria-invalid={nikProblems[path] ? true : undefined}
            aria-describedby={nikProblems[path] ? `${id}-error` : undefined}
            onInput={set}
          />
        )}
        {nikProblems[path] && (
          <p id={`${id}-error`} class="error-text">
            {nikProblems[path].map((code) => errorMessage(code)).join(' ')}
          </p>
        )}
      </div>
    );
  };
  return (
    <form
      class="jb-akta"
      aria-label={w('report.formFor', { who })}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ photos: kept, complete, ...(Object.values(typed).some((v) => v.trim() !== '') ? { particulars } : {}) });
      }}
    >
      <p class="hint">{w('report.lead', { type: w(`report.type.${report.deedType}`), date: formatDate(report.eventDate, lang) })}</p>
      {asked.length > 0 && (
        <>
          <h4>{w('report.missingParticulars')}</h4>
          <div class="jb-row jb-particulars">{asked.map((path) => input(path))}</div>
        </>
      )}
      <h4>{w('akta.photos')}</h4>
      <DocumentPhotos
        requirements={deedRequirements(report.deedType, report.parentsMarried, report.provided)}
        title={requirementTitle}
        idBase={base}
        photos={photos}
        onPhotos={setPhotos}
        onBusy={setBusy}
      />
      <p class={complete ? 'jb-complete' : 'jb-incomplete'} role="status" data-complete={complete}>
        {complete ? w('report.complete') : w('report.incomplete', { missing: missingWords.join(', ') })}
      </p>
      <FormButtons label={complete ? w('akta.saveComplete') : w('report.savePhotos')} disabled={busy || (kept.length === 0 && !complete)} onCancel={onCancel} />
    </form>
  );
}
