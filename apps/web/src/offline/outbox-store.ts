/**
 * The outbox's commands in IndexedDB (database `adminduk-outbox`, through idb): one row per command, keyed by its
 * idempotency key. Named `adminduk-…`, so the device wipe (Keluar, 3 days unused) deletes it with everything else.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { UNSENT, type OutboxCommand, type OutboxStorage } from './outbox';

export const OUTBOX_DB = 'adminduk-outbox';

interface OutboxSchema extends DBSchema {
  commands: { key: string; value: OutboxCommand };
}

export class IndexedDbOutboxStorage implements OutboxStorage {
  private db: Promise<IDBPDatabase<OutboxSchema>> | undefined;

  private open(): Promise<IDBPDatabase<OutboxSchema>> {
    this.db ??= openDB<OutboxSchema>(OUTBOX_DB, 1, {
      upgrade(db) {
        db.createObjectStore('commands', { keyPath: 'key' });
      },
      // The device wipe (this tab or another) deletes the database: let go at once so it is not blocked.
      blocking: () => void this.close(),
      terminated: () => {
        this.db = undefined;
      },
    });
    return this.db;
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db) (await db).close();
  }

  async all(): Promise<OutboxCommand[]> {
    return (await this.open()).getAll('commands');
  }

  async put(command: OutboxCommand): Promise<void> {
    await (await this.open()).put('commands', command);
  }

  async delete(key: string): Promise<void> {
    await (await this.open()).delete('commands', key);
  }
}

/**
 * How many commands on this device are not sent yet (queued, sending, refused or conflict), for a warning before
 * *Keluar* (the wipe deletes them). 0 when the outbox was never opened on this device.
 */
export async function countUnsentCommands(): Promise<number> {
  if (typeof indexedDB.databases === 'function' && !(await indexedDB.databases()).some((d) => d.name === OUTBOX_DB)) return 0;
  const storage = new IndexedDbOutboxStorage();
  try {
    return (await storage.all()).filter((c) => UNSENT.includes(c.status)).length;
  } finally {
    await storage.close();
  }
}
