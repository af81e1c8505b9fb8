/**
 * The office app's start: the language, then /config.json (an Indonesian error page when it is missing or wrong),
 * then the session (the device wiped after 3 days unused; a stored session taken back), then the first screen.
 * The service worker is registered afterwards, in production builds only.
 */
import { render } from 'preact';
import { createApi } from './api/clients';
import { IndexedDbDeviceStore } from './auth/device-store';
import { Session, type Clock } from './auth/session';
import { loadRuntimeConfig } from './config/runtime-config';
import { initI18n } from './i18n/i18n';
import { App } from './shell/app';
import { ConfigErrorPage } from './shell/pages';
import { createStore } from './store';
import './styles.css';

const browserClock: Clock = {
  now: () => Date.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

async function start(root: HTMLElement): Promise<void> {
  await initI18n();
  const loaded = await loadRuntimeConfig();
  // index.html's "Memuat…" (shown while the script loads) gives way to the app.
  root.replaceChildren();
  if (!loaded.ok) {
    render(<ConfigErrorPage problems={loaded.problems} />, root);
    document.body.dataset['state'] = 'config-error';
    return;
  }
  const config = loaded.value;
  // Another tab wiped the device (Keluar, or 3 days unused): this one follows to the start page.
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('adminduk-sesi') : undefined;
  const session = new Session({
    config,
    origin: location.origin,
    device: new IndexedDbDeviceStore(),
    roundTrip: sessionStorage,
    clock: browserClock,
    fetch: globalThis.fetch.bind(globalThis),
    navigate: (url) => location.assign(url),
    announceWipe: () => tabs?.postMessage('wiped'),
    // The app's tabs refresh the tokens one at a time (refresh tokens are single-use): Web Locks where the browser
    // has them (every browser the office uses), else one tab's own order.
    ...(typeof navigator.locks?.request === 'function' ? { withLock: <T,>(name: string, task: () => Promise<T>) => navigator.locks.request(name, task) as Promise<T> } : {}),
  });
  tabs?.addEventListener('message', () => location.assign('/'));
  await session.start();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    void session.wipeIfInactive().then((wiped) => (wiped ? undefined : session.noteActivity()));
  });

  const online = createStore(navigator.onLine);
  window.addEventListener('online', () => online.set(true));
  window.addEventListener('offline', () => online.set(false));
  const update = createStore<(() => void) | undefined>(undefined);

  render(<App services={{ config, session, api: createApi(config, session.fetch), online, update }} />, root);
  document.body.dataset['state'] = 'ready';

  if (import.meta.env.PROD) {
    const { registerServiceWorker } = await import('./pwa');
    registerServiceWorker((apply) => update.set(apply));
  }
}

const root = document.getElementById('app');
if (root) void start(root);
