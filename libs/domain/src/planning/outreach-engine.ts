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
import { countsOf, K, type OutreachModel, type ServiceCounts, type SkippedDate } from './outreach-input.js';

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

/** The planner's working state over one model: fills, values, skeletons. */
export class Engine {
  readonly T: number;
  readonly V: number;
  readonly D: number;
  readonly S: number;
  readonly factor: Float64Array;
  private readonly rem = new Float64Array(K);
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
  }

  /**
   * One visit of team t to village i with `left` remaining (K entries from `at`): writes the quantities to
   * `out` (K entries from `outAt`) when given, subtracts them from `left`, returns the weighted units served.
   */
  visit(t: number, i: number, left: Float64Array, at: number, out?: Float64Array, outAt = 0): number {
    const { m, order, minutes, weights } = this;
    let time = m.serviceTime[t * this.V + i] as number;
    const c = t * K;
    let value = 0;
    for (let o = 0; o < K; o++) {
      const k = order[o] as number;
      let q = left[at + k] as number;
      if (q <= 0) continue;
      const cap = m.capacity[c + k] as number;
      if (cap < q) q = cap;
      if (q <= 0) continue;
      const mk = minutes[k] as number;
      if (mk > 0) {
        const fit = Math.floor(time / mk + FIT_EPS);
        if (fit < q) q = fit;
        if (q <= 0) continue;
        time -= q * mk;
      }
      left[at + k] = (left[at + k] as number) - q;
      value += (weights[k] as number) * q;
      if (out) out[outAt + k] = q;
    }
    return value;
  }

  /** The value (weighted units × days saved) of village i visited in the given slots, in slot order. */
  villageValue(i: number, slots: ArrayLike<number>, n: number): number {
    const { rem, T, V, order, minutes, weights, factor } = this;
    const { backlog, serviceTime, capacity } = this.m;
    const b = i * K;
    for (let k = 0; k < K; k++) rem[k] = backlog[b + k] as number;
    let total = 0;
    // The fill of `visit`, inlined: this is the search's inner loop.
    for (let j = 0; j < n; j++) {
      const s = slots[j] as number;
      const t = s % T;
      let time = serviceTime[t * V + i] as number;
      const c = t * K;
      let value = 0;
      for (let o = 0; o < K; o++) {
        const k = order[o] as number;
        let q = rem[k] as number;
        if (q <= 0) continue;
        const cap = capacity[c + k] as number;
        if (cap < q) q = cap;
        if (q <= 0) continue;
        const mk = minutes[k] as number;
        if (mk > 0) {
          const fit = Math.floor(time / mk + FIT_EPS);
          if (fit < q) q = fit;
          if (q <= 0) continue;
          time -= q * mk;
        }
        rem[k] = (rem[k] as number) - q;
        value += (weights[k] as number) * q;
      }
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
      visits,
      backlog: countsOf(backlog),
      served: countsOf(served),
      remaining: countsOf(backlog.map((b, k) => b - (served[k] as number))),
      objective,
      search,
    };
  }
}

