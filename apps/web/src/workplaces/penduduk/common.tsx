/** What the screens of "Penduduk & KK" share: loading a record, a problem in words, the list of broken rules. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { problemCode } from '../../api/clients';
import { errorMessage } from '../../i18n/i18n';
import type { Violation } from './rules';
import { w } from './words';

/** The outcome of a call through @adminduk/clients (openapi-fetch): the data, or the problem and the HTTP status. */
export interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'ok'; readonly value: T } | { readonly state: 'failed'; readonly code: string | undefined };

/** Loads a record; `reload` reads it again (after a change, or a 409). */
export function useLoad<T>(load: () => Promise<Answer<T>>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((answer) => {
        if (!live) return;
        if (answer.data !== undefined) setLoaded({ state: 'ok', value: answer.data });
        else setLoaded({ state: 'failed', code: problemCode(answer.error) ?? httpCode(answer.response.status) });
      })
      .catch(() => live && setLoaded({ state: 'failed', code: 'SERVICE_UNAVAILABLE' }));
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return [loaded, reload];
}

/** A status without a problem body (a proxy's 502, …) as one of the catalogue's codes. */
export function httpCode(status: number): string | undefined {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status >= 500) return 'SERVICE_UNAVAILABLE';
  return undefined;
}

/** A record that could not be read: the message, and Coba lagi. */
export function LoadProblem({ code, retry }: { readonly code: string | undefined; readonly retry: () => void }) {
  return (
    <div class="notice error-text" role="alert">
      <p>{errorMessage(code)}</p>
      <button type="button" class="button secondary" onClick={retry}>
        {w('retry')}
      </button>
    </div>
  );
}

export function LoadingLine() {
  return (
    <p class="status" role="status">
      {w('loading')}
    </p>
  );
}

/** A panel with its heading. */
export function Panel({ title, id, children, class: extra }: { readonly title: string; readonly id: string; readonly children: ComponentChildren; readonly class?: string }) {
  return (
    <section class={`pk-panel ${extra ?? ''}`} aria-labelledby={id}>
      <h4 id={id}>{title}</h4>
      {children}
    </section>
  );
}

/**
 * A table's box: on a narrow screen the table scrolls inside it, never the page. The box can take the focus (a
 * keyboard scrolls it with the arrow keys) and is named after its table.
 */
export function TableWrap({ label, children }: { readonly label: string; readonly children: ComponentChildren }) {
  return (
    <div class="pk-table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** Label and value pairs. */
export function Facts({ items }: { readonly items: readonly (readonly [string, ComponentChildren])[] }) {
  return (
    <dl class="pk-facts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Every broken rule, each in Indonesian (errors.<CODE>) with the members it is about. `live` for the form's own
 * checks (a polite live region that follows the person's choices); the service's refusal is an alert.
 */
export function ViolationList({
  title,
  lead,
  violations,
  nameOf,
  alert,
}: {
  readonly title: string;
  readonly lead: string;
  readonly violations: readonly Violation[];
  readonly nameOf: (residentId: string) => string | undefined;
  readonly alert?: boolean;
}) {
  if (violations.length === 0) return null;
  return (
    <div class="notice error-text pk-violations" role={alert ? 'alert' : undefined}>
      <p class="pk-violations-title">
        <strong>{title}</strong>
      </p>
      <p>{lead}</p>
      <ul>
        {violations.map((v, i) => {
          const names = v.residentIds.map(nameOf).filter((n): n is string => n !== undefined);
          return (
            <li key={`${v.code}-${i}`} data-code={v.code}>
              {errorMessage(v.code)}
              {names.length > 0 && <span class="pk-involved"> {w('op.involved', { names: names.join(', ') })}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A key for Idempotency-Key: one per action the person sends (a retry of the same send reuses it). */
export function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}
