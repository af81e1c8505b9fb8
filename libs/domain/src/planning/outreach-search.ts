/**
 * Local search on a plan's skeleton (internal; the model is in outreach-planner.ts). Two moves, each
 * evaluated exactly by refilling the one or two villages it touches:
 *
 * - relocate: send a team-day to another village the team can reach (the best such move for that
 *   team-day). Villages are tried from the most promising (the value of a first visit with the whole backlog)
 *   down, and the scan stops when even that value could not beat the best move found;
 * - swap: exchange the villages of two visits whose teams can work in each other's village (the first
 *   improving partner among the team's `SWAP_NEIGHBOURS` most promising villages). Two interchangeable teams
 *   on the same day are not swapped: nothing would change.
 *
 * A move is taken only when it raises the value (lowers the objective) by more than a rounding tolerance, so
 * the search always ends. Descent works through a queue of team-days: all of them at first, then, after
 * each move, the team-days of the villages it touched.
 *
 * Then iterated local search: each round perturbs the best plan found with a few random relocations (2 to 4,
 * drawn from a seeded generator, so the same seed gives the same plan), descends again from there, and keeps
 * the result when it is at least as good as the best (moving along plateaus), else returns to the best. It
 * stops when the effort (village refills, a count, not a clock: the plan must not depend on the machine) is
 * spent, or after STALL_ROUNDS rounds in a row without a better plan.
 */
import type { Engine } from './outreach-engine.js';
import { K } from './outreach-input.js';

/** Swap partners: villages per team, most promising first. */
export const SWAP_NEIGHBOURS = 128;

/** The iterated search also stops after this many rounds in a row without a better plan. */
export const STALL_ROUNDS = 200;

/** mulberry32: a small seeded generator with a full 2^32 period; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tolerance = (a: number, b: number) => 1e-9 * (1 + Math.abs(a) + Math.abs(b));

export class LocalSearch {
  private lists: number[][];
  private current: Float64Array;
  private total = 0;
  private readonly potential: Float64Array;
  private readonly candidates: Int32Array[];
  /** Per team, a class id: teams of one class are interchangeable everywhere. */
  private readonly teamClass: Int32Array;
  private readonly scratchA: Int32Array;
  private readonly scratchB: Int32Array;
  private readonly queued: Uint8Array;
  /** Per village, a version raised whenever its visits change; per slot, its loss and the version it was computed at. */
  private readonly version: Int32Array;
  private readonly lossOf: Float64Array;
  private readonly lossVersion: Int32Array;
  private improvements = 0;
  /** Village refills so far: the unit of search effort. */
  private evaluations = 0;

  constructor(
    private readonly e: Engine,
    private readonly assign: Int32Array,
  ) {
    const { m, T, V, S } = e;
    this.lists = e.slotLists(assign);
    this.current = new Float64Array(V);
    this.recount();
    // A first visit's value with the whole backlog: what a visit there can bring at most (nearly: see relocate).
    this.potential = new Float64Array(T * V);
    const probe = new Float64Array(m.backlog.length);
    probe.set(m.backlog);
    for (let t = 0; t < T; t++) {
      for (const i of m.reach[t] as Int32Array) {
        probe.set(m.backlog.subarray(i * K, i * K + K), i * K);
        this.potential[t * V + i] = e.visit(t, i, probe, i * K);
      }
    }
    const potential = this.potential;
    this.candidates = m.reach.map((reach, t) =>
      Int32Array.from([...reach].sort((a, b) => (potential[t * V + b] as number) - (potential[t * V + a] as number) || a - b)),
    );
    // Teams that are interchangeable everywhere: swapping their visits of one day changes nothing.
    const classes = new Map<string, number>();
    this.teamClass = Int32Array.from(m.teamIds, (_, t) => {
      const key = `${Array.from(m.capacity.subarray(t * K, t * K + K)).join(',')}|${Array.from(m.serviceTime.subarray(t * V, t * V + V)).join(',')}`;
      if (!classes.has(key)) classes.set(key, classes.size);
      return classes.get(key) as number;
    });
    this.scratchA = new Int32Array(S + 1);
    this.scratchB = new Int32Array(S + 1);
    this.queued = new Uint8Array(S);
    this.version = new Int32Array(V);
    this.lossOf = new Float64Array(S);
    this.lossVersion = new Int32Array(S).fill(-1);
  }

  /** What the plan loses if visit s (to village v) is dropped, cached until the village changes. */
  private loss(s: number, v: number): number {
    if (this.lossVersion[s] !== this.version[v]) {
      const kept = this.fill(v, this.scratchA, this.withoutSlot(v, s));
      this.lossOf[s] = (this.current[v] as number) - kept;
      this.lossVersion[s] = this.version[v] as number;
    }
    return this.lossOf[s] as number;
  }

  private fill(i: number, slots: ArrayLike<number>, n: number): number {
    this.evaluations++;
    return this.e.villageValue(i, slots, n);
  }

  private recount(): void {
    this.total = 0;
    for (let i = 0; i < this.e.V; i++) {
      const list = this.lists[i] as number[];
      this.current[i] = this.fill(i, list, list.length);
      this.total += this.current[i] as number;
    }
  }

  /**
   * Descent from the skeleton, then perturbation rounds until `effort` more village refills are spent; the
   * skeleton ends as the best plan found.
   */
  run(effort: number, seed: number): { rounds: number; improvements: number; evaluations: number } {
    const { S } = this.e;
    this.descend(Array.from({ length: S }, (_, s) => s));
    const budget = this.evaluations + effort;
    const random = seededRandom(seed);
    const best = Int32Array.from(this.assign);
    let bestTotal = this.total;
    let rounds = 0;
    let stalled = 0;
    while (this.evaluations < budget && S > 0 && stalled < STALL_ROUNDS) {
      rounds++;
      stalled++;
      const touched: number[] = [];
      const moves = 2 + Math.floor(random() * 3);
      for (let j = 0; j < moves; j++) this.perturb(random, touched);
      this.descend(touched);
      if (this.total > bestTotal + tolerance(this.total, bestTotal)) {
        best.set(this.assign);
        bestTotal = this.total;
        stalled = 0;
      } else if (this.total < bestTotal - tolerance(this.total, bestTotal)) {
        this.assign.set(best);
        this.lists = this.e.slotLists(this.assign);
        this.recount();
        for (let i = 0; i < this.version.length; i++) this.version[i] = (this.version[i] as number) + 1;
      }
    }
    this.assign.set(best);
    return { rounds, improvements: this.improvements, evaluations: this.evaluations };
  }

  /** One random relocation: a random team-day to a random village its team can reach. */
  private perturb(random: () => number, touched: number[]): void {
    const { T, S } = this.e;
    const s = Math.floor(random() * S);
    const list = this.candidates[s % T] as Int32Array;
    if (list.length === 0) return;
    const i = list[Math.floor(random() * list.length)] as number;
    const v = this.assign[s] as number;
    if (i === v) return;
    let kept = 0;
    if (v >= 0) kept = this.fill(v, this.scratchA, this.withoutSlot(v, s));
    const value = this.fill(i, this.scratchB, this.withSlot(i, s));
    this.moveSlot(s, v, i);
    if (v >= 0) {
      this.total += kept - (this.current[v] as number);
      this.current[v] = kept;
    }
    this.total += value - (this.current[i] as number);
    this.current[i] = value;
    touched.push(s);
    if (v >= 0) touched.push(...(this.lists[v] as number[]));
    touched.push(...(this.lists[i] as number[]));
  }

  private withoutSlot(i: number, s: number): number {
    let n = 0;
    for (const x of this.lists[i] as number[]) if (x !== s) this.scratchA[n++] = x;
    return n;
  }

  /** The village's slots with s added (and `removed` left out), sorted, into `out` (scratchB by default). */
  private withSlot(i: number, s: number, removed = -1, out = this.scratchB): number {
    let n = 0;
    let placed = false;
    for (const x of this.lists[i] as number[]) {
      if (x === removed) continue;
      if (!placed && s < x) {
        out[n++] = s;
        placed = true;
      }
      out[n++] = x;
    }
    if (!placed) out[n++] = s;
    return n;
  }

  private moveSlot(s: number, from: number, to: number): void {
    if (from >= 0) this.version[from] = (this.version[from] as number) + 1;
    if (to >= 0) this.version[to] = (this.version[to] as number) + 1;
    if (from >= 0) {
      const list = this.lists[from] as number[];
      list.splice(list.indexOf(s), 1);
    }
    if (to >= 0) {
      const list = this.lists[to] as number[];
      let j = list.length;
      while (j > 0 && (list[j - 1] as number) > s) j--;
      list.splice(j, 0, s);
    }
    this.assign[s] = to;
  }

  private descend(initial: readonly number[]): void {
    const queue: number[] = [];
    const enqueue = (s: number) => {
      if (this.queued[s] === 0) {
        this.queued[s] = 1;
        queue.push(s);
      }
    };
    initial.forEach(enqueue);
    let head = 0;
    while (head < queue.length) {
      const s = queue[head++] as number;
      this.queued[s] = 0;
      if (head > 65536 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      const touched = this.relocate(s) ?? this.swap(s);
      if (touched === null) continue;
      this.improvements++;
      enqueue(s);
      for (const v of touched) if (v >= 0) (this.lists[v] as number[]).forEach(enqueue);
    }
  }

  /** The best relocation of team-day s, if it improves: returns the villages touched. */
  private relocate(s: number): readonly number[] | null {
    const { T, V, factor } = this.e;
    const t = s % T;
    const d = (s - t) / T;
    const v = this.assign[s] as number;
    let loss = 0;
    let kept = 0;
    if (v >= 0) {
      const n = this.withoutSlot(v, s);
      kept = this.fill(v, this.scratchA, n);
      loss = (this.current[v] as number) - kept;
    }
    let best = -1;
    let bestGain = 0;
    let bestValue = 0;
    const list = this.candidates[t] as Int32Array;
    const f = factor[d] as number;
    for (let r = 0; r < list.length; r++) {
      const i = list[r] as number;
      // A slot added to a village brings at most a first visit's value (the units it takes from later visits
      // come back as time for kinds of lower weight per minute); stop when that cannot beat the best.
      if ((this.potential[t * V + i] as number) * f - loss <= bestGain) break;
      if (i === v) continue;
      const n = this.withSlot(i, s);
      const value = this.fill(i, this.scratchB, n);
      const gain = value - (this.current[i] as number) - loss;
      if (gain > bestGain && gain > tolerance(value, this.current[i] as number)) {
        best = i;
        bestGain = gain;
        bestValue = value;
      }
    }
    if (best < 0) return null;
    this.moveSlot(s, v, best);
    if (v >= 0) this.current[v] = kept;
    this.current[best] = bestValue;
    this.total += bestGain;
    return [v, best];
  }

  /** The first improving swap of visit s1 with another visit, if any: returns the villages touched. */
  private swap(s1: number): readonly number[] | null {
    const { m, T, V } = this.e;
    const v1 = this.assign[s1] as number;
    if (v1 < 0) return null;
    const t1 = s1 % T;
    const d1 = (s1 - t1) / T;
    const { factor } = this.e;
    const list = this.candidates[t1] as Int32Array;
    const limit = Math.min(list.length, SWAP_NEIGHBOURS);
    const loss1 = this.loss(s1, v1);
    const f1 = factor[d1] as number;
    for (let r = 0; r < limit; r++) {
      const v2 = list[r] as number;
      if (v2 === v1) continue;
      const partners = this.lists[v2] as number[];
      const into2 = (this.potential[t1 * V + v2] as number) * f1 - loss1;
      for (let p = 0; p < partners.length; p++) {
        const s2 = partners[p] as number;
        const t2 = s2 % T;
        if ((m.serviceTime[t2 * V + v1] as number) < 0) continue;
        const d2 = (s2 - t2) / T;
        if (d2 === d1 && this.teamClass[t1] === this.teamClass[t2]) continue;
        // As in relocate: each village gains at most a first visit's value from the slot it receives.
        if (into2 + (this.potential[t2 * V + v1] as number) * (factor[d2] as number) - this.loss(s2, v2) <= 0) continue;
        const n1 = this.withSlot(v1, s2, s1, this.scratchA);
        const value1 = this.fill(v1, this.scratchA, n1);
        const n2 = this.withSlot(v2, s1, s2);
        const value2 = this.fill(v2, this.scratchB, n2);
        const before = (this.current[v1] as number) + (this.current[v2] as number);
        const gain = value1 + value2 - before;
        if (gain > tolerance(value1 + value2, before)) {
          this.moveSlot(s1, v1, v2);
          this.moveSlot(s2, v2, v1);
          this.current[v1] = value1;
          this.current[v2] = value2;
          this.total += gain;
          return [v1, v2];
        }
      }
    }
    return null;
  }
}
