/**
 * oidc-provider's storage (sessions, grants, codes, refresh tokens, interactions) kept in one JSON file in the
 * data folder (`oidc-store.json`, readable by its owner only), so that a restart of the development provider
 * keeps people signed in: their session cookie still finds its session, and the office app's refresh token still
 * works. The library's own in-memory adapter loses all of it on restart (and says so on every start).
 *
 * Development scale only: everything lives in one Map, lookups by uid, user code or grant scan it, and the file
 * is rewritten whole (write to a temporary file, then rename) shortly after a change and on close. Expired
 * entries are dropped when read and when the file is written.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterPayload, OidcAdapter } from './oidc-provider-api';

export const STORE_FILE = 'oidc-store.json';

/** Models whose artifacts belong to a grant and go when it is revoked (as oidc-provider's memory adapter does). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

interface Entry {
  readonly model: string;
  readonly payload: AdapterPayload;
  /** Epoch milliseconds; absent: does not expire. */
  readonly expiresAt?: number;
}

export interface FileStoreOptions {
  /** The clock, in epoch milliseconds (tests). */
  readonly now?: () => number;
  /** How long after a change the file is written (default 100 ms). */
  readonly writeDelayMs?: number;
  /** A write that failed in the background (default: one line on stderr; the next change tries again). */
  readonly onError?: (error: Error) => void;
}

interface StoreFile {
  readonly version: 1;
  readonly entries: Record<string, Entry>;
}

export class FileStore {
  private readonly entries = new Map<string, Entry>();
  private timer?: NodeJS.Timeout;
  private dirty = false;
  readonly file: string;

  readonly now: () => number;
  private readonly writeDelayMs: number;
  private readonly onError: (error: Error) => void;

  constructor(dataDir: string, options: FileStoreOptions = {}) {
    this.file = join(dataDir, STORE_FILE);
    this.now = options.now ?? Date.now;
    this.writeDelayMs = options.writeDelayMs ?? 100;
    this.onError = options.onError ?? ((error) => void process.stderr.write(`oidc provider: cannot write ${this.file}: ${error.message}\n`));
    this.load();
  }

  /** The adapter factory oidc-provider's `adapter` option takes: one adapter per model name. */
  readonly adapter = (model: string): OidcAdapter => new FileAdapter(this, model);

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.expired(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.changed();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.changed();
  }

  /** The live entries of one model matching a predicate. */
  *where(model: string, match: (payload: AdapterPayload) => boolean): Iterable<[string, Entry]> {
    for (const [key, entry] of this.entries) {
      if (entry.model === model && !this.expired(entry) && match(entry.payload)) yield [key, entry];
    }
  }

  /** Removes every grant-bound artifact of the grant. */
  revokeGrant(grantId: string): void {
    for (const [key, entry] of this.entries) {
      if (GRANTABLE.has(entry.model) && entry.payload.grantId === grantId) this.entries.delete(key);
    }
    this.changed();
  }

  /** Writes the file now if anything changed (also what close does). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    const live: Record<string, Entry> = {};
    for (const [key, entry] of this.entries) {
      if (this.expired(entry)) this.entries.delete(key);
      else live[key] = entry;
    }
    const content: StoreFile = { version: 1, entries: live };
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(content), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  private expired(entry: Entry): boolean {
    return entry.expiresAt !== undefined && entry.expiresAt <= this.now();
  }

  private changed(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      try {
        this.flush();
      } catch (error) {
        this.dirty = true;
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }, this.writeDelayMs);
    this.timer.unref();
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    let parsed: Partial<StoreFile> | undefined;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoreFile>;
    } catch {
      // A damaged store only costs the sign-ins: start empty, as on a first start.
      parsed = undefined;
    }
    if (parsed?.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) return;
    for (const [key, entry] of Object.entries(parsed.entries)) {
      if (!this.expired(entry)) this.entries.set(key, entry);
    }
  }
}

/** The adapter contract of oidc-provider 9 (docs/README.md, "adapter") over the FileStore. */
class FileAdapter implements OidcAdapter {
  constructor(
    private readonly store: FileStore,
    private readonly model: string,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const expiresAt = typeof expiresIn === 'number' ? this.store.now() + expiresIn * 1000 : undefined;
    // A copy: the library may change its object after saving, and only a save should change the store.
    this.store.set(this.key(id), { model: this.model, payload: structuredClone(payload), ...(expiresAt === undefined ? {} : { expiresAt }) });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const entry = this.store.get(this.key(id));
    return entry ? structuredClone(entry.payload) : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [, entry] of this.store.where(this.model, (p) => p.uid === uid)) return structuredClone(entry.payload);
    return undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    for (const [, entry] of this.store.where(this.model, (p) => p.userCode === userCode)) return structuredClone(entry.payload);
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const key = this.key(id);
    const entry = this.store.get(key);
    if (entry) this.store.set(key, { ...entry, payload: { ...entry.payload, consumed: Math.floor(this.store.now() / 1000) } });
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeGrant(grantId);
  }
}
