/**
 * A tiny router on the history API (no dependency): the current path as state, `navigate` to change it, and a
 * link handler that keeps in-app links in the app. The gateway answers every app path with index.html (SPA
 * fallback) and the service worker does the same offline, so a reload on /meja opens the clerk's desk.
 */
import { useEffect, useState } from 'preact/hooks';

const CHANGE = 'adminduk:navigate';

/** Set by an in-app navigation: the next page heading takes the focus (a screen reader announces the new page). */
let focusPending = false;

/** True once after an in-app navigation (PageTitle focuses itself then); false on the first load. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

export function currentPath(): string {
  return location.pathname;
}

/** Goes to an app path; `replace` leaves no history entry (redirects). */
export function navigate(path: string, replace = false): void {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  focusPending = true;
  window.dispatchEvent(new Event(CHANGE));
  if (!replace) window.scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = () => setPath(currentPath());
    const back = () => {
      focusPending = true;
      update();
    };
    window.addEventListener('popstate', back);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', back);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return path;
}

/** onClick for <a href="/…"> inside the app: a plain click navigates in place; a modified click opens as usual. */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.origin !== location.origin || anchor.target) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
