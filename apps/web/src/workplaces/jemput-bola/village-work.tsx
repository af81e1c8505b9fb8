/**
 * The work on a child in the village besides the e-KTP: a KIA printed on the team's printer and handed to the
 * parents, and a birth deed application with photos of its documents. Both become commands in the outbox (send.ts);
 * the application's checklist is the domain's (`DOCUMENT_REQUIREMENTS`, `checkDocuments`), judged on the tablet
 * as the deeds service judges it: a complete one is submitted, an incomplete one waits at the office as a draft.
 *
 * Why the KIA carries no photos: a KIA application needs the family card and the birth deed (Permendagri 2/2016),
 * which the register already holds for a child on it; identity refuses a child who is not eligible. The photos of a
 * birth deed application are what the office cannot otherwise see.
 */
import { useMemo, useState } from 'preact/hooks';
import { checkDocuments, DOCUMENT_REQUIREMENTS, missingParticulars, PARTICULAR_RULES, type DocumentKind } from '@adminduk/domain';
import { uploadProblem, uploadType, UPLOAD_MAX_BYTES } from '../../api/deed-uploads';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import type { VillageDay } from './day';
import { birthParticulars } from './send';
import { w } from './words';

type Resident = VillageDay['residents'][number];

/** A photo kept for the application, shrunk to what the deeds service takes. */
export interface KeptPhoto {
  readonly kind: DocumentKind;
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

export function KiaForm({ resident, onSave, onCancel }: { readonly resident: Resident; readonly onSave: () => void; readonly onCancel: () => void }) {
  const kia = resident.kia;
  if (!kia) return null;
  return (
    <form
      aria-label={w('kia.formFor', { name: resident.fullName })}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <p>{w('kia.confirm', { type: w(`kia.type.${kia.kiaType}`) })}</p>
      <div class="jb-actions">
        <button type="submit" class="button primary">
          {w('kia.save')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {w('village.cancel')}
        </button>
      </div>
    </form>
  );
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
  const [photos, setPhotos] = useState<Record<string, KeptPhoto | undefined>>({});
  const [chosenKind, setChosenKind] = useState<Record<string, DocumentKind>>({});
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const base = useMemo(() => `jb-akta-${resident.id.slice(-8)}`, [resident.id]);
  if (!deed) return null;
  const requirements = DOCUMENT_REQUIREMENTS.BIRTH.filter((r) => r.onlyIf !== 'PARENTS_MARRIED' || parentsMarried);
  const kept = requirements.flatMap((r) => (photos[r.id] ? [photos[r.id] as KeptPhoto] : []));
  const check = checkDocuments(
    'BIRTH',
    kept.map((p) => p.kind),
    { parentsMarried },
  );
  const missing = check.ok ? check.value.missing.map((m) => m.requirement) : [];
  // What deeds needs at SUBMIT besides the documents, as the register has it (a religion or the mother's name the
  // register lacks): the application then waits at the office, where the clerk completes it.
  const unknown = missingParticulars(birthParticulars({ fullName: resident.fullName, ...deed }), PARTICULAR_RULES.BIRTH.toSubmit);
  const complete = check.ok && check.value.complete && unknown.length === 0;

  const take = async (requirement: string, file: File | undefined, kind: DocumentKind) => {
    if (!file) return;
    setBusy(true);
    try {
      const prepared = await preparePhoto(file);
      if ('problem' in prepared) {
        setProblems((p) => ({ ...p, [requirement]: errorMessage(prepared.problem) }));
        setPhotos((p) => ({ ...p, [requirement]: undefined }));
      } else {
        setProblems((p) => ({ ...p, [requirement]: undefined }));
        setPhotos((p) => ({ ...p, [requirement]: { kind, blob: prepared.blob, fileName: prepared.fileName } }));
      }
    } finally {
      setBusy(false);
    }
  };

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
      <ul class="jb-docs">
        {requirements.map((r) => {
          const kind = chosenKind[r.id] ?? (r.anyOf[0] as DocumentKind);
          const photo = photos[r.id];
          return (
            <li key={r.id} data-requirement={r.id} data-kept={photo ? 'true' : 'false'}>
              <p class="jb-doc-title">
                <strong>{w(`requirement.${r.id}`)}</strong> {photo ? <span class="jb-badge">{w('akta.kept', { kb: Math.max(1, Math.round(photo.blob.size / 1024)) })}</span> : null}
              </p>
              <div class="jb-row">
                {r.anyOf.length > 1 && (
                  <div class="jb-field">
                    <label for={`${base}-${r.id}-kind`}>{w('akta.which')}</label>
                    <select
                      id={`${base}-${r.id}-kind`}
                      value={kind}
                      onChange={(e) => {
                        const next = (e.currentTarget as HTMLSelectElement).value as DocumentKind;
                        setChosenKind((k) => ({ ...k, [r.id]: next }));
                        if (photo) setPhotos((p) => ({ ...p, [r.id]: { ...photo, kind: next } }));
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
                  <label for={`${base}-${r.id}-file`}>{w('akta.photoOf', { what: w(`docKind.${kind}`) })}</label>
                  <input
                    id={`${base}-${r.id}-file`}
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
      <p class={complete ? 'jb-complete' : 'jb-incomplete'} role="status" data-complete={complete}>
        {complete ? w('akta.complete') : w('akta.incomplete', { missing: [...missing.map((m) => w(`requirement.${m}`)), ...unknown.map((f) => w(`field.${f}`))].join(', ') })}
      </p>
      <div class="jb-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {complete ? w('akta.saveComplete') : w('akta.saveDraft')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {w('village.cancel')}
        </button>
      </div>
    </form>
  );
}
