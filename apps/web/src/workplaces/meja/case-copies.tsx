/**
 * The kutipan of a case: each copy issued, with its verification code and state, and the signed PDF. The PDF is
 * personal data: it is fetched through the deeds client with the person's bearer token (GET
 * /deeds/{id}/copies/{copyId}/pdf, which the service worker never handles, so it is never cached), kept only as a
 * Blob URL in this tab, opened in a new tab (or offered for download when the browser blocks the tab), and
 * released when the case is left.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLanguage } from '../../i18n/i18n';
import { formatDateTime } from '../../i18n/format';
import { useServices } from '../../shell/context';
import { refusal, type Announcement, type DeedView } from './case-common';
import { outcome } from './outcome';
import { w } from './words';

export function Copies({ deed, announce }: { readonly deed: DeedView; readonly announce: (a: Announcement) => void }) {
  const { api } = useServices();
  const lang = currentLanguage();
  const [opening, setOpening] = useState<string>();
  const [blocked, setBlocked] = useState<{ copyId: string; url: string }>();
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const open = async (copyId: string) => {
    setOpening(copyId);
    try {
      const answer = await outcome(api.deeds.GET('/deeds/{id}/copies/{copyId}/pdf', { params: { path: { id: deed.id, copyId } }, parseAs: 'blob' }));
      if (!answer.ok) {
        announce(refusal(answer));
        return;
      }
      const blob = answer.data as unknown as Blob;
      const url = URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
      urls.current.push(url);
      const tab = window.open(url, '_blank');
      setBlocked(tab ? undefined : { copyId, url });
    } finally {
      setOpening(undefined);
    }
  };

  const name = (code: string) => `kutipan-${deed.deedNumber ?? deed.id}-${code}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
  return (
    <section class="meja-panel" aria-labelledby="meja-copies">
      <h3 id="meja-copies">{w('copies.title')}</h3>
      {deed.copies.length === 0 ? (
        <p>{w('copies.none')}</p>
      ) : (
        <ul class="meja-copies">
          {[...deed.copies].reverse().map((c) => (
            <li key={c.id} data-copy={c.id}>
              <p>
                <strong>{w(`copies.${c.status}`)}</strong> · {w('copies.colIssued')} {formatDateTime(c.issuedAt, lang)}
                <span class="meja-sub">
                  {w('copies.colCode')}: <code>{c.code}</code>
                </span>
              </p>
              <button type="button" class="button primary" disabled={opening !== undefined} onClick={() => void open(c.id)}>
                {opening === c.id ? w('copies.opening') : w('copies.open')}
              </button>
              {blocked?.copyId === c.id && (
                <p role="status">
                  {w('copies.blocked')}{' '}
                  <a href={blocked.url} download={name(c.code)}>
                    {w('copies.download')}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
