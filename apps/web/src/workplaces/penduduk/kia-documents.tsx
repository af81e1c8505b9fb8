/**
 * The documents of a child's KIA application at the desk (GET …/kia `application`): what the application asks for
 * (the domain's list, as identity reports it per application: a new card, or a card printed again for a reason),
 * which of them are on file (uploaded at the counter or photographed on a village visit), and an upload for each
 * one that is missing. The file is checked as identity checks it (type, size, first bytes) before it is sent.
 */
import type { IdentityComponents } from '@adminduk/clients';
import { useRef, useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import { contentDisposition, uploadProblem, uploadType } from '../../api/deed-uploads';
import { formatDateTime } from '../../i18n/format';
import { currentLanguage, errorMessage } from '../../i18n/i18n';
import { useServices } from '../../shell/context';
import { newKey } from './common';
import { w } from './words';

type KiaView = IdentityComponents['schemas']['KiaView'];
type Checklist = NonNullable<KiaView['application']>['checklists'][number];
type KiaDocumentKind = Checklist['asked'][number];

/** The checklist of the application for a reissue reason (null: a new card), if the application has one. */
export function checklistFor(kia: KiaView, reissueReason: 'LOST' | 'DAMAGED' | null): Checklist | undefined {
  return kia.application?.checklists.find((c) => c.reissueReason === reissueReason) ?? undefined;
}

function Upload({ residentId, kind, onStored }: { readonly residentId: string; readonly kind: KiaDocumentKind; readonly onStored: () => void }) {
  const { api } = useServices();
  const file = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const base = `pk-kia-doc-${kind}`;
  const send = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setProblem(w('kia.docs.chooseFile'));
      file.current?.focus();
      return;
    }
    const code = uploadProblem(chosen, new Uint8Array(await chosen.slice(0, 8).arrayBuffer()));
    if (code) {
      setProblem(errorMessage(code));
      file.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const { error, response } = await api.identity.POST('/residents/{id}/kia/documents', {
        params: { path: { id: residentId }, query: { kind }, header: { 'Content-Disposition': contentDisposition(chosen.name), 'Idempotency-Key': newKey() } },
        // The file itself is the body, sent as it is with its own type.
        body: chosen as unknown as string,
        bodySerializer: (body: unknown) => body as Blob,
        headers: { 'Content-Type': uploadType(chosen) as string },
      });
      if (response.ok) onStored();
      else setProblem(errorMessage(problemCode(error) ?? 'HTTP_ERROR'));
    } catch {
      setProblem(errorMessage('SERVICE_UNAVAILABLE'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="pk-upload"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label for={`${base}-file`} class="visually-hidden">
        {w('kia.docs.file', { what: w(`kia.docKind.${kind}`) })}
      </label>
      <input
        ref={file}
        id={`${base}-file`}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${base}-problem` : undefined}
        onChange={() => setProblem(undefined)}
      />
      <button type="submit" class="button secondary" disabled={busy}>
        {w('kia.docs.upload')}
      </button>
      {problem && (
        <p id={`${base}-problem`} class="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

export function KiaDocuments({ residentId, kia, checklist, onStored }: { readonly residentId: string; readonly kia: KiaView; readonly checklist: Checklist; readonly onStored: () => void }) {
  const lang = currentLanguage();
  const documents = kia.application?.documents ?? [];
  return (
    <section class="pk-kia-docs" aria-labelledby="pk-kia-docs-title">
      <h4 id="pk-kia-docs-title">{w('kia.docs.title')}</h4>
      <ul>
        {checklist.asked.map((kind) => {
          const onFile = documents.filter((d) => d.kind === kind);
          return (
            <li key={kind} data-kia-document={kind} data-on-file={onFile.length > 0 ? 'true' : 'false'}>
              <strong>{w(`kia.docKind.${kind}`)}</strong>{' '}
              {onFile.length > 0 ? (
                <span>{w('kia.docs.onFile', { at: formatDateTime(onFile[onFile.length - 1]?.addedAt ?? '', lang) })}</span>
              ) : (
                <>
                  <span>{w('kia.docs.missing')}</span>
                  <Upload residentId={residentId} kind={kind} onStored={onStored} />
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
