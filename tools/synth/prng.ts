/**
 * The generator's pseudo-random numbers: small, fast and fully determined by the seed, so that the same seed and
 * options give the same population byte for byte on any machine (no Math.random, no clock).
 *
 * `Rng` is SFC32 (Chris Doty-Humphrey's "small fast counting" generator, 128 bits of state, public domain
 * algorithm), seeded through a SplitMix32-style mixer. `derive` gives an independent stream for a named part (a
 * village, a card's backlog), so that one part's draws never shift another's: a village's population does not
 * depend on how many numbers the previous village used.
 */

/** A 32-bit mix (the finaliser of MurmurHash3 / SplitMix32 family) of one number. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit hash of a string (FNV-1a, then mixed). */
export function hashString(text: string, start = 0x811c9dc5): number {
  let h = start >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed`: any string or number; `parts` name the stream (e.g. a region code). */
  constructor(seed: string | number, ...parts: readonly (string | number)[]) {
    let h = hashString(String(seed));
    for (const part of parts) h = hashString(String(part), h ^ 0x9e3779b9);
    this.a = mix32(h + 0x9e3779b9);
    this.b = mix32(h + 0x3c6ef372);
    this.c = mix32(h + 0xdaa66d2b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** An independent stream named by `parts`, determined by this stream's seed and not by its position. */
  static derive(seed: string | number, ...parts: readonly (string | number)[]): Rng {
    return new Rng(seed, ...parts);
  }

  /** A uniform 32-bit unsigned integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.next32() / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** An approximately normal number (sum of four uniforms, enough for ages and gaps). */
  normal(mean: number, sd: number): number {
    const s = this.next() + this.next() + this.next() + this.next() - 2;
    return mean + sd * s * 1.7320508075688772;
  }

  /** The index chosen by weights (a prepared cumulative table). */
  weighted(table: WeightTable): number {
    const x = this.next() * table.total;
    const c = table.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < (c[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

export interface WeightTable {
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function weightTable(weights: readonly number[]): WeightTable {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  return { cumulative, total };
}
