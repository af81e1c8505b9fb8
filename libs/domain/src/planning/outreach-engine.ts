/**
 * The planner's engine (internal): the per-village fill that turns a skeleton (which village each team-day
 * goes to) into quantities and a value, the greedy and round-robin skeletons, and the plan a skeleton gives.
 * Arrays are typed and flat (village × kind, team × village) because the local search evaluates hundreds
 * of thousands of fills; see outreach-planner.ts for the model and outreach-input.ts for the time model.
 *
 * Value and objective: a unit of kind k served on a day `offset` days after the start is worth
 * weight[k] × (horizonDays − offset), the resident-days of waiting it saves; objective = Σ weight × backlog ×
 * horizonDays − value, so maximising the value minimises the objective.
 */
import { addDays, ymdToIso, type IsoDate } from '../calendar.js';
import { countsOf, K, type AllowedHoliday, type OutreachModel, type ServiceCounts, type SkippedDate } from './outreach-input.js';

export interface VisitMinutes {
  /** Out and back. */
  readonly travel: number;
  readonly setup: number;
  readonly service: number;
  /** travel + setup + service, never more than the day limit. */
  readonly total: number;
}

export interface PlannedVisit {
  readonly date: IsoDate;
  readonly teamId: string;
  readonly villageCode: string;
  readonly districtCode: string;
  /** What the team expects to deliver, per kind. */
  readonly services: ServiceCounts;
  readonly minutes: VisitMinutes;
}

export interface PlanSearchStats {
  /** Which plan the local search started from. */
  readonly start: 'GREEDY' | 'ROUND_ROBIN';
  readonly greedyObjective: number;
  readonly roundRobinObjective: number;
  /** Perturbation rounds run after the first descent. */
  readonly rounds: number;
  /** Moves and swaps accepted (in rounds that were kept or not). */
  readonly improvements: number;
  /** Village refills spent (the unit of searchEffort). */
  readonly evaluations: number;
}

export interface OutreachPlan {
  readonly method: 'GREEDY_LOCAL_SEARCH' | 'ROUND_ROBIN';
  readonly startDate: IsoDate;
  /** The last day of the horizon. */
  readonly endDate: IsoDate;
  readonly weeks: number;
  /** The service days of the horizon that are neither holidays nor blackouts. */
  readonly serviceDates: readonly IsoDate[];
  readonly skippedDates: readonly SkippedDate[];
  /** Holidays planned on by override (allowHolidays), whether or not a visit ended up on them. */
  readonly allowedHolidays: readonly AllowedHoliday[];
  /** By date, then team in input order. */
  readonly visits: readonly PlannedVisit[];
  readonly backlog: ServiceCounts;
  readonly served: ServiceCounts;
  /** Backlog the plan leaves for after the horizon. */
  readonly remaining: ServiceCounts;
  /** Weighted resident-days of waiting within the horizon (see the module comment); lower is better. */
  readonly objective: number;
  /** For planVisits: how the search went; null for the baseline. */
  readonly search: PlanSearchStats | null;
}

/** Floor tolerance for fractional minutes. */
const FIT_EPS = 1e-9;

/**
 * The least share of a visit's service time each kind the team offers gets while it has need (or its whole need,
 * when smaller; at least one unit's minutes): 10%, so that a visit whose day is short never serves only the kinds of
 * the highest weight per minute.
 */
export const MIN_SERVICE_SHARE = 0.1;

/** The planner's working state over one model: fills, values, skeletons. */
export class Engine {
  readonly T: number;
  readonly V: number;
  readonly D: number;
  readonly S: number;
  readonly factor: Float64Array;
  private readonly rem = new Float64Array(K);
  private readonly q = new Float64Array(K);
  private readonly need = new Float64Array(K);
  private readonly alloc = new Float64Array(K);
  private readonly pull = new Float64Array(K);
  private readonly capacity: Float64Array;
  private readonly serviceTime: Float64Array;
  private readonly order: Int32Array;
  private readonly minutes: Float64Array;
  private readonly weights: Float64Array;

  constructor(readonly m: OutreachModel) {
    this.T = m.teamIds.length;
    this.V = m.villageCodes.length;
    this.D = m.dates.length;
    this.S = this.D * this.T;
    this.factor = Float64Array.from(m.offsets, (o) => m.horizonDays - o);
    this.order = Int32Array.from(m.fillOrder);
    this.minutes = Float64Array.from(m.minutes);
    this.weights = Float64Array.from(m.weights);
    this.capacity = m.capacity;
    this.serviceTime = m.serviceTime;
  }

  /**
   * One visit of team t to village i with `left` remaining (K entries from `at`): writes the quantities to
   * `out` (K entries from `outAt`) when given, subtracts them from `left`, returns the weighted units served.
   */
  visit(t: number, i: number, left: Float64Array, at: number, out?: Float64Array, outAt = 0): number {
    const q = this.q;
    const value = this.share(t, i, left, at, q);
    for (let k = 0; k < K; k++) {
      const n = q[k] as number;
      if (n <= 0) continue;
      left[at + k] = (left[at + k] as number) - n;
      if (out) out[outAt + k] = n;
    }
    return value;
  }

  /**
   * What one visit of team t to village i serves, with `left` remaining (K entries from `at`), into `q`; returns
   * the weighted units. The proportional shares (see outreach-planner.ts):
   * 1. each kind the team offers asks for d = min(left, capacity) units, d × minutes[k] minutes; when all of it fits
   *    into the service time, all of it is served;
   * 2. otherwise each kind with need first gets its floor, min(its need, max(one unit, MIN_SERVICE_SHARE of the
   *    time)), in fill order (weight per minute) while the time lasts, so that no offered kind with need gets nothing;
   * 3. the rest of the time is shared in proportion to weight × the village's backlog of the kind in minutes of work
   *    (so each kind's backlog drains at a rate that follows its weight), a kind never getting more than it can use
   *    (its backlog, the team's capacity): the surplus is shared again;
   * 4. minutes are turned into whole units (rounded down) and what is left of the time tops up kinds in fill order.
   */
  share(t: number, i: number, left: Float64Array, at: number, q: Float64Array): number {
    const { order, minutes, weights, need, alloc, pull, capacity } = this;
    let time = this.serviceTime[t * this.V + i] as number;
    if (time < 0) time = 0;
    const c = t * K;
    let total = 0;
    let active = 0;
    let only = -1;
    // 1. What each kind asks for; q holds it for now.
    for (let k = 0; k < K; k++) {
      const l = left[at + k] as number;
      const cap = capacity[c + k] as number;
      let d = l < cap ? l : cap;
      if (!(d > 0)) d = 0;
      q[k] = d;
      alloc[k] = 0;
      const mk = minutes[k] as number;
      if (mk <= 0 || d === 0) {
        // Nothing asked, or it takes no time: all of it.
        need[k] = 0;
        pull[k] = 0;
      } else {
        need[k] = d * mk;
        // The share follows the whole backlog waiting (in minutes of work), not only what one visit could take.
        pull[k] = (weights[k] as number) * l * mk;
        total += d * mk;
        active++;
        only = k;
      }
    }
    if (total > time + FIT_EPS) {
      if (active === 1) {
        const mk = minutes[only] as number;
        q[only] = Math.min(q[only] as number, Math.floor(time / mk + FIT_EPS));
      } else {
        // 2. Floors, in fill order while the time lasts.
        let rest = time;
        const floor = MIN_SERVICE_SHARE * time;
        for (let o = 0; o < K; o++) {
          const k = order[o] as number;
          const n = need[k] as number;
          if (n <= 0) continue;
          const mk = minutes[k] as number;
          let a = mk > floor ? mk : floor;
          if (a > n) a = n;
          if (a > rest) a = rest;
          alloc[k] = a;
          rest -= a;
        }
        // 3. The rest by weight × backlog minutes, capped by what each kind can use (water-filling, ≤ K rounds).
        for (let round = 0; round < K && rest > FIT_EPS; round++) {
          let sum = 0;
          for (let k = 0; k < K; k++) if ((need[k] as number) - (alloc[k] as number) > FIT_EPS) sum += pull[k] as number;
          if (sum <= 0) break;
          const per = rest / sum;
          let given = 0;
          let capped = false;
          for (let k = 0; k < K; k++) {
            const open = (need[k] as number) - (alloc[k] as number);
            if (open <= FIT_EPS) continue;
            let a = per * (pull[k] as number);
            if (a >= open) {
              a = open;
              capped = true;
            }
            alloc[k] = (alloc[k] as number) + a;
            given += a;
          }
          rest -= given;
          if (!capped) break;
        }
        // 4. Whole units, then the leftover minutes to kinds in fill order.
        let spare = time;
        for (let k = 0; k < K; k++) {
          if ((need[k] as number) <= 0) continue;
          const mk = minutes[k] as number;
          const n = Math.floor((alloc[k] as number) / mk + FIT_EPS);
          spare -= n * mk;
          alloc[k] = n;
        }
        for (let o = 0; o < K; o++) {
          const k = order[o] as number;
          if ((need[k] as number) <= 0) continue;
          const mk = minutes[k] as number;
          let n = alloc[k] as number;
          if (spare + FIT_EPS >= mk) {
            const more = Math.min((q[k] as number) - n, Math.floor((spare + FIT_EPS) / mk));
            if (more > 0) {
              n += more;
              spare -= more * mk;
            }
          }
          q[k] = n;
        }
      }
    }
    let value = 0;
    for (let k = 0; k < K; k++) value += (weights[k] as number) * (q[k] as number);
    return value;
  }

  /** The value (weighted units × days saved) of village i visited in the given slots, in slot order. */
  villageValue(i: number, slots: ArrayLike<number>, n: number): number {
    const { rem, T, factor, q } = this;
    const { backlog } = this.m;
    const b = i * K;
    for (let k = 0; k < K; k++) rem[k] = backlog[b + k] as number;
    let total = 0;
    for (let j = 0; j < n; j++) {
      const s = slots[j] as number;
      const t = s % T;
      const value = this.share(t, i, rem, 0, q);
      for (let k = 0; k < K; k++) rem[k] = (rem[k] as number) - (q[k] as number);
      if (value > 0) total += value * (factor[(s - t) / T] as number);
      else {
        // Nothing left that this team can serve: later visits by other teams may still serve something.
        let any = false;
        for (let k = 0; k < K; k++) if ((rem[k] as number) > 0) any = true;
        if (!any) break;
      }
    }
    return total;
  }

  /** Minutes of service a visit's quantities take. */
  serviceMinutes(q: Float64Array, at: number): number {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (q[at + k] as number) * (this.minutes[k] as number);
    return sum;
  }

  /** The greedy skeleton: each team-day to the village where a visit delivers the most, given what is left. */
  greedy(): Int32Array {
    const { m, T, V, D } = this;
    const assign = new Int32Array(this.S).fill(-1);
    const left = Float64Array.from(m.backlog);
    const scratch = new Float64Array(K);
    const taken = new Float64Array(K);
    const cacheValue = new Float64Array(T * V);
    const cacheMinutes = new Float64Array(T * V);
    const cacheVersion = new Int32Array(T * V).fill(-1);
    const version = new Int32Array(V);
    for (let d = 0; d < D; d++) {
      for (let t = 0; t < T; t++) {
        const reach = m.reach[t] as Int32Array;
        let best = -1;
        let bestValue = 0;
        let bestMinutes = Infinity;
        for (let r = 0; r < reach.length; r++) {
          const i = reach[r] as number;
          const idx = t * V + i;
          if (cacheVersion[idx] !== version[i]) {
            for (let k = 0; k < K; k++) {
              scratch[k] = left[i * K + k] as number;
              taken[k] = 0;
            }
            cacheValue[idx] = this.visit(t, i, scratch, 0, taken);
            cacheMinutes[idx] = 2 * (m.travel[idx] as number) + this.serviceMinutes(taken, 0);
            cacheVersion[idx] = version[i] as number;
          }
          const value = cacheValue[idx] as number;
          if (value > bestValue || (value === bestValue && value > 0 && (cacheMinutes[idx] as number) < bestMinutes)) {
            best = i;
            bestValue = value;
            bestMinutes = cacheMinutes[idx] as number;
          }
        }
        if (best >= 0) {
          this.visit(t, best, left, best * K);
          version[best] = (version[best] as number) + 1;
          assign[d * T + t] = best;
        }
      }
    }
    return assign;
  }

  /**
   * The round-robin skeleton: teams that can reach the same villages share one rotation through them in code
   * order; each team-day goes to the next village in the rotation where the team can still deliver something.
   */
  roundRobin(): Int32Array {
    const { m, T, D } = this;
    const assign = new Int32Array(this.S).fill(-1);
    const left = Float64Array.from(m.backlog);
    const scratch = new Float64Array(K);
    const groupOf = new Map<string, number>();
    const group = m.reach.map((reach) => {
      const key = reach.join(',');
      if (!groupOf.has(key)) groupOf.set(key, groupOf.size);
      return groupOf.get(key) as number;
    });
    const cursor = new Int32Array(groupOf.size);
    for (let d = 0; d < D; d++) {
      for (let t = 0; t < T; t++) {
        const reach = m.reach[t] as Int32Array;
        const g = group[t] as number;
        for (let step = 0; step < reach.length; step++) {
          const pos = ((cursor[g] as number) + step) % reach.length;
          const i = reach[pos] as number;
          for (let k = 0; k < K; k++) scratch[k] = left[i * K + k] as number;
          if (this.visit(t, i, scratch, 0) > 0) {
            this.visit(t, i, left, i * K);
            assign[d * T + t] = i;
            cursor[g] = pos + 1;
            break;
          }
        }
      }
    }
    return assign;
  }

  /** Total value of a skeleton. */
  value(assign: Int32Array): number {
    const lists = this.slotLists(assign);
    let total = 0;
    for (let i = 0; i < this.V; i++) total += this.villageValue(i, lists[i] as number[], (lists[i] as number[]).length);
    return total;
  }

  slotLists(assign: Int32Array): number[][] {
    const lists: number[][] = Array.from({ length: this.V }, () => []);
    for (let s = 0; s < this.S; s++) {
      const i = assign[s] as number;
      if (i >= 0) (lists[i] as number[]).push(s);
    }
    return lists;
  }

  /** The plan of a skeleton: quantities by filling each village's visits in date order. */
  toPlan(assign: Int32Array, method: OutreachPlan['method'], search: PlanSearchStats | null): OutreachPlan {
    const { m, T, V, S } = this;
    const quantities = new Float64Array(S * K);
    const left = Float64Array.from(m.backlog);
    const lists = this.slotLists(assign);
    for (let i = 0; i < V; i++) for (const s of lists[i] as number[]) this.visit(s % T, i, left, i * K, quantities, s * K);
    const visits: PlannedVisit[] = [];
    const served = [0, 0, 0, 0, 0];
    const backlog = [0, 0, 0, 0, 0];
    // Per kind: Σ served × days saved (whole numbers, summed exactly).
    const saved = [0, 0, 0, 0, 0];
    for (let i = 0; i < V; i++) for (let k = 0; k < K; k++) backlog[k] = (backlog[k] as number) + (m.backlog[i * K + k] as number);
    for (let s = 0; s < S; s++) {
      const i = assign[s] as number;
      if (i < 0) continue;
      let any = false;
      for (let k = 0; k < K; k++) if ((quantities[s * K + k] as number) > 0) any = true;
      if (!any) continue;
      const t = s % T;
      const d = (s - t) / T;
      for (let k = 0; k < K; k++) {
        const q = quantities[s * K + k] as number;
        served[k] = (served[k] as number) + q;
        saved[k] = (saved[k] as number) + q * (this.factor[d] as number);
      }
      const travel = 2 * (m.travel[t * V + i] as number);
      const service = this.serviceMinutes(quantities, s * K);
      visits.push({
        date: m.dates[d] as IsoDate,
        teamId: m.teamIds[t] as string,
        villageCode: m.villageCodes[i] as string,
        districtCode: m.districtCodes[i] as string,
        services: countsOf(quantities, s * K),
        minutes: { travel, setup: m.setupMinutes, service, total: travel + m.setupMinutes + service },
      });
    }
    let objective = 0;
    for (let k = 0; k < K; k++) objective += (m.weights[k] as number) * ((backlog[k] as number) * m.horizonDays - (saved[k] as number));
    return {
      method,
      startDate: m.startDate,
      endDate: ymdToIso(addDays(m.startYmd, m.horizonDays - 1)),
      weeks: m.weeks,
      serviceDates: m.dates,
      skippedDates: m.skipped,
      allowedHolidays: m.allowedHolidays,
      visits,
      backlog: countsOf(backlog),
      served: countsOf(served),
      remaining: countsOf(backlog.map((b, k) => b - (served[k] as number))),
      objective,
      search,
    };
  }
}

