/**
 * The offline outbox: what a person did without signal, kept on the device and sent in order when the network
 * returns. Framework-free, with its storage, clock, key maker and sender injected, so that its rules are tested in
 * Jest (outbox.spec.ts); IndexedDB storage is in outbox-store.ts.
 *
 * Each command gets its idempotency key when it is made, and keeps it for every attempt: a command sent twice (an
 * answer lost, a reload in the middle of sending) is answered by the service with its first answer and takes effect
 * once. It carries the record's `version` as it was read, so a record changed meanwhile is a conflict (409
 * VERSION_CONFLICT), never overwritten: the person sees both and decides (send again on the new version, or drop
 * theirs). A refusal (4xx with a problem code) stays, with its code, until the person retries or dismisses it:
 * nothing vanishes. Only network failures and 5xx answers are retried by themselves, with a growing pause.
 *
 * Order: commands are sent in the order they were made. A command waiting for the person (conflict, refused) holds
 * back the later commands of the same record; the other records' commands go on.
 */

export type CommandStatus = 'queued' | 'sending' | 'sent' | 'refused' | 'conflict';

export interface OutboxCommand<P = unknown> {
  /** The idempotency key, made when the command is made; also the command's id. */
  readonly key: string;
  /** Order of making (1, 2, …). */
  readonly seq: number;
  /** What to do, e.g. 'ektp.recordBiometrics'. */
  readonly kind: string;
  /** The record it acts on (a resident id). */
  readonly target: string;
  /** The record's version as read: a stale one is a conflict. */
  readonly version: number;
  readonly payload: P;
  /**
   * The key of a command whose answer this one needs (a document uploaded to the case another command opens): it is
   * sent only after that one was sent, and is given that one's answer.
   */
  readonly dependsOn?: string;
  /** When it was made (ms since the epoch). */
  readonly createdAt: number;
  readonly status: CommandStatus;
  /** Attempts that failed for want of network or with a 5xx. */
  readonly attempts: number;
  /** When the next automatic attempt may be made (after a network failure or a 5xx). */
  readonly retryAt?: number;
  /** refused: the problem's HTTP status, code and the codes of its items (e.g. the domain rule that refused it). */
  readonly problem?: { readonly status: number; readonly code: string; readonly details?: readonly string[] };
  /** conflict: what the register says now (as the sender read it after the 409). */
  readonly current?: unknown;
  /** sent: when, and what the service answered. */
  readonly sentAt?: number;
  readonly result?: unknown;
}

/** Where the commands are kept (IndexedDB in the browser, a Map in the tests). */
export interface OutboxStorage {
  all(): Promise<OutboxCommand[]>;
  put(command: OutboxCommand): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What one attempt to send a command came to. */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly result?: unknown }
  | { readonly kind: 'conflict'; readonly current?: unknown }
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly details?: readonly string[] }
  /** No network, a 5xx, or a 401 the session could not mend: try again later, the key unchanged. */
  | { readonly kind: 'retry' };

/** Sends one command; `dependency` is the sent command it depends on (dependsOn), with its answer. */
export type Sender = (command: OutboxCommand, dependency?: OutboxCommand) => Promise<SendOutcome>;

export interface OutboxClock {
  now(): number;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
}

export interface OutboxDeps {
  readonly storage: OutboxStorage;
  readonly send: Sender;
  readonly clock: OutboxClock;
  /** A new unique idempotency key (crypto.randomUUID in the browser). */
  readonly newKey: () => string;
  /** True when the device believes it has a network (navigator.onLine); without it, always true. */
  readonly isOnline?: () => boolean;
  /**
   * Runs `task` holding a lock shared by the app's tabs (navigator.locks in the browser), so that two tabs never
   * send at the same time; each send reads the stored commands again first. Without it, the task runs at once.
   */
  readonly withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
}

/** The name of the lock the app's tabs take to send the outbox. */
export const OUTBOX_LOCK = 'adminduk-outbox';

/** The pause before automatic attempt n+1 after n failures: 2 s, 4 s, 8 s, … at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2000 * 2 ** Math.max(0, attempts - 1), 5 * 60 * 1000);
}

/** Statuses that still need the network or the person. */
export const UNSENT: readonly CommandStatus[] = ['queued', 'sending', 'refused', 'conflict'];

export interface NewCommand<P> {
  readonly kind: string;
  readonly target: string;
  readonly version: number;
  readonly payload: P;
  readonly dependsOn?: string;
}

export class Outbox {
  private commands: OutboxCommand[] = [];
  private loaded: Promise<void> | undefined;
  private flushing: Promise<void> | undefined;
  private cancelRetry: (() => void) | undefined;
  private readonly listeners = new Set<(commands: readonly OutboxCommand[]) => void>();

  constructor(private readonly deps: OutboxDeps) {}

  /**
   * Reads the stored commands (once). A command left `sending` (the page closed or reloaded in the middle of
   * sending) is queued again: it will be sent again with the same key, which the service answers as the first time.
   */
  load(): Promise<void> {
    this.loaded ??= this.readStored().then(() => this.scheduleRetry());
    return this.loaded;
  }

  /** The stored commands, in order; one left `sending` by a closed page is queued again. */
  private async readStored(): Promise<void> {
    const stored = await this.deps.storage.all();
    const commands: OutboxCommand[] = [];
    for (const c of stored) {
      const fixed: OutboxCommand = c.status === 'sending' ? { ...c, status: 'queued' } : c;
      if (fixed !== c) await this.deps.storage.put(fixed);
      commands.push(fixed);
    }
    this.commands = commands.sort((a, b) => a.seq - b.seq);
    this.emit();
  }

  /** The commands, in order. */
  list(): readonly OutboxCommand[] {
    return this.commands;
  }

  /** How many commands are not sent yet (queued, sending, refused or conflict). */
  unsentCount(): number {
    return this.commands.filter((c) => UNSENT.includes(c.status)).length;
  }

  /** How many wait for the network (queued or sending): *Menunggu dikirim*. */
  waitingCount(): number {
    return this.commands.filter((c) => c.status === 'queued' || c.status === 'sending').length;
  }

  /** How many wait for the person (a conflict or a refusal). */
  needsDecisionCount(): number {
    return this.commands.filter((c) => c.status === 'conflict' || c.status === 'refused').length;
  }

  subscribe(listener: (commands: readonly OutboxCommand[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps a new command, with its idempotency key made now; it is sent at the next flush. */
  async enqueue<P>(input: NewCommand<P>): Promise<OutboxCommand<P>> {
    await this.load();
    const seq = this.commands.reduce((max, c) => Math.max(max, c.seq), 0) + 1;
    const command: OutboxCommand<P> = { ...input, key: this.deps.newKey(), seq, createdAt: this.deps.clock.now(), status: 'queued', attempts: 0 };
    await this.deps.storage.put(command);
    this.commands = [...this.commands, command];
    this.emit();
    return command;
  }

  /**
   * Sends the queued commands in order. Stops at the first network failure or 5xx (the network is likely gone; the
   * rest keeps its order) and schedules an automatic attempt after the backoff. `force` (the person's *Kirim
   * sekarang*) ignores the pause.
   */
  flush(force = false): Promise<void> {
    if (this.flushing) return this.flushing;
    const locked = this.deps.withLock ?? (<T,>(_name: string, task: () => Promise<T>) => task());
    this.flushing = locked(OUTBOX_LOCK, () => this.run(force)).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async run(force: boolean): Promise<void> {
    await this.load();
    if (this.deps.isOnline && !this.deps.isOnline()) return;
    // Another tab may have sent, dismissed or added commands meanwhile: the stored ones are the truth. Under the
    // lock no other tab is sending, so a stored `sending` is one a closed page left behind.
    if (this.deps.withLock) await this.readStored();
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    const held = new Set<string>();
    for (const original of [...this.commands]) {
      const command = this.commands.find((c) => c.key === original.key);
      if (!command) continue;
      if (command.status === 'refused' || command.status === 'conflict') {
        held.add(command.target);
        continue;
      }
      if (command.status !== 'queued' || held.has(command.target)) continue;
      // A command that needs another one's answer waits until that one is sent (it is held with its own target).
      const dependency = command.dependsOn === undefined ? undefined : this.commands.find((c) => c.key === command.dependsOn);
      if (command.dependsOn !== undefined && dependency?.status !== 'sent') {
        held.add(command.target);
        continue;
      }
      if (!force && command.retryAt !== undefined && command.retryAt > this.deps.clock.now()) break;
      await this.update({ ...command, status: 'sending' });
      let outcome: SendOutcome;
      try {
        outcome = await this.deps.send(command, dependency);
      } catch {
        outcome = { kind: 'retry' };
      }
      const base = { ...command, retryAt: undefined, problem: undefined, current: undefined };
      if (outcome.kind === 'sent') {
        await this.update({ ...base, status: 'sent', sentAt: this.deps.clock.now(), result: outcome.result });
      } else if (outcome.kind === 'conflict') {
        held.add(command.target);
        await this.update({ ...base, status: 'conflict', current: outcome.current });
      } else if (outcome.kind === 'refused') {
        held.add(command.target);
        const details = outcome.details && outcome.details.length > 0 ? { details: [...outcome.details] } : {};
        await this.update({ ...base, status: 'refused', problem: { status: outcome.status, code: outcome.code, ...details } });
      } else {
        const attempts = command.attempts + 1;
        await this.update({ ...base, status: 'queued', attempts, retryAt: this.deps.clock.now() + backoffMs(attempts) });
        break;
      }
    }
    this.scheduleRetry();
  }

  /** Conflict resolved by sending again on the register's version now (same key: the first attempt wrote nothing). */
  async resendOnVersion(key: string, version: number): Promise<void> {
    const command = this.find(key, ['conflict']);
    await this.update({ ...command, version, status: 'queued', current: undefined, attempts: 0, retryAt: undefined });
  }

  /** A refused command, queued again (after the cause was put right, e.g. a network rule or a record fixed). */
  async retry(key: string): Promise<void> {
    const command = this.find(key, ['refused']);
    await this.update({ ...command, status: 'queued', problem: undefined, attempts: 0, retryAt: undefined });
  }

  /**
   * The person drops their command (a conflict they give up, a refusal they accept), and with it the unsent commands
   * that need its answer (the documents of a case that will not be opened): they could never be sent.
   */
  async dismiss(key: string): Promise<void> {
    this.find(key, ['conflict', 'refused', 'queued']);
    const gone = new Set([key]);
    for (const c of this.commands) if (c.dependsOn !== undefined && gone.has(c.dependsOn) && c.status !== 'sent') gone.add(c.key);
    for (const k of gone) await this.deps.storage.delete(k);
    this.commands = this.commands.filter((c) => !gone.has(c.key));
    this.emit();
  }

  /**
   * Forgets the commands already sent (a new day's download starts a new log), except those whose answer an unsent
   * command still needs (the case its documents go to).
   */
  async clearSent(): Promise<void> {
    await this.load();
    const needed = new Set(this.commands.filter((c) => c.status !== 'sent' && c.dependsOn !== undefined).map((c) => c.dependsOn));
    const forget = this.commands.filter((c) => c.status === 'sent' && !needed.has(c.key));
    for (const c of forget) await this.deps.storage.delete(c.key);
    this.commands = this.commands.filter((c) => !forget.includes(c));
    this.emit();
  }

  /** Stops the automatic retry timer (the screen closes). */
  stop(): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
  }

  private find(key: string, statuses: readonly CommandStatus[]): OutboxCommand {
    const command = this.commands.find((c) => c.key === key);
    if (!command || !statuses.includes(command.status)) throw new Error(`no ${statuses.join('/')} command ${key}`);
    return command;
  }

  private async update(command: OutboxCommand): Promise<void> {
    const clean = Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined)) as unknown as OutboxCommand;
    await this.deps.storage.put(clean);
    this.commands = this.commands.map((c) => (c.key === clean.key ? clean : c));
    this.emit();
  }

  /** An automatic attempt at the earliest retry time of the queued commands. */
  private scheduleRetry(): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    const times = this.commands.filter((c) => c.status === 'queued' && c.retryAt !== undefined).map((c) => c.retryAt as number);
    if (times.length === 0) return;
    const wait = Math.max(0, Math.min(...times) - this.deps.clock.now());
    this.cancelRetry = this.deps.clock.after(wait, () => void this.flush());
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.commands);
  }
}
