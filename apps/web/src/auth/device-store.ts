/**
 * What the app keeps on the device between visits, in IndexedDB (through `idb`): the session (refresh token, ID
 * token, the person from its claims) and the time the app was last used. `wipe()` removes everything the app keeps
 * on the device: every IndexedDB database of this origin (the session, and what the workplaces will keep: the
 * offline outbox, downloaded records), the caches of API data, local storage except the language. It keeps the
 * service worker's copy of the app itself and of config.json (no personal data in either), so that the app still
 * opens offline after a wipe.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DeviceStore, StoredSession } from './session';

export const SESSION_DB = 'adminduk-sesi';
const STORE = 'kv';

interface SessionSchema extends DBSchema {
  kv: { key: 'session' | 'lastUsedAt'; value: StoredSession | number };
}

/** Databases the app creates, for browsers without indexedDB.databases(). Workplaces add theirs here. */
export const KNOWN_DATABASES: readonly string[] = [SESSION_DB, 'adminduk-outbox', 'adminduk-jemput-bola'];

/**
 * Every database of the app is named `adminduk-…`: a wipe deletes those. It leaves the service worker's own
 * (`workbox-expiration`: the time config.json was cached, no personal data), which the worker keeps open, so that
 * deleting it would wait for ever and the person would never be signed out.
 */
const OURS = /^adminduk-/;

/** Caches that hold no personal data and that the app needs offline: kept by a wipe. */
const KEPT_CACHE = /^(workbox-precache|adminduk-config)/;

/** Local storage kept by a wipe: the person's language choice (not personal data). */
export const LANGUAGE_KEY = 'adminduk.bahasa';

export class IndexedDbDeviceStore implements DeviceStore {
  private db: Promise<IDBPDatabase<SessionSchema>> | undefined;

  private open(): Promise<IDBPDatabase<SessionSchema>> {
    this.db ??= openDB<SessionSchema>(SESSION_DB, 1, {
      upgrade(db) {
        db.createObjectStore(STORE);
      },
      // Another tab wipes the device: let go at once so that its deleteDatabase is not blocked.
      blocking: () => void this.close(),
      terminated: () => {
        this.db = undefined;
      },
    });
    return this.db;
  }

  private async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db) (await db).close();
  }

  async readSession(): Promise<StoredSession | undefined> {
    const value = await (await this.open()).get(STORE, 'session');
    return typeof value === 'object' ? value : undefined;
  }

  async writeSession(session: StoredSession): Promise<void> {
    await (await this.open()).put(STORE, session, 'session');
  }

  async clearSession(): Promise<void> {
    await (await this.open()).delete(STORE, 'session');
  }

  async readLastUsed(): Promise<number | undefined> {
    const value = await (await this.open()).get(STORE, 'lastUsedAt');
    return typeof value === 'number' ? value : undefined;
  }

  async writeLastUsed(at: number): Promise<void> {
    await (await this.open()).put(STORE, at, 'lastUsedAt');
  }

  async wipe(): Promise<void> {
    await this.close();
    const listed = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => !!n && OURS.test(n)) : [];
    await Promise.all([...new Set([...listed, ...KNOWN_DATABASES])].map((name) => deleteDB(name)));
    if (typeof caches !== 'undefined') {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => !KEPT_CACHE.test(name)).map((name) => caches.delete(name)));
    }
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key !== null && key !== LANGUAGE_KEY) localStorage.removeItem(key);
    }
  }
}
