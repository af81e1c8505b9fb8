/**
 * A small cache of computed figures: an entry is reused while the read models have not changed on this instance
 * (`changes`, moved by every event applied and every replay) and for at most `ttlMs` (events applied by other
 * instances show within that time). Oldest entries go first beyond `size`. A failed computation is not kept.
 */
export class ChangeCache<T> {
  private readonly entries = new Map<string, { changes: number; at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly size: number,
  ) {}

  get(key: string, changes: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.changes === changes && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = compute();
    this.entries.delete(key);
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { changes, at: Date.now(), value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
