/**
 * The outreach planner: which team visits which village on which service day, and what it expects to
 * deliver there, for the next N weeks (jemput bola, DESIGN.md). Input, defaults and time model: see
 * outreach-input.ts.
 *
 * Objective: the weighted sum, over every resident (or document) in the backlog, of the days they wait,
 * counted from the start date to the day of the visit that serves them, and to the end of the horizon
 * (7 × weeks days) for those the plan does not serve:
 *
 *   objective = Σ over kinds k of weight[k] × ( Σ over served units (visit date − start date)
 *                                               + unserved units × 7 × weeks )
 *
 * Lower is better. Serving someone on day d instead of not at all saves weight × (horizon − d), so the
 * objective rewards serving the most (weighted) people, and the earliest. Weights: DEFAULT_WEIGHTS (e-KTP 4,
 * birth deed 3, application and hand-over 2, KIA 1; reasons beside it), or the input's own.
 *
 * Constraints: one visit per team per service day; a visit serves at most the team's capacity per kind and
 * fits the day (travel out and back + setup + service minutes ≤ dayMinutes); no visit on a holiday (the input's
 * `holidays` and its `holidayCalendar`, NATIONAL_HOLIDAYS by default: national holidays and cuti bersama) unless
 * `allowHolidays` overrides it, nor on a blackout; a village is visited again only while something it needs is
 * left, and no plan serves more than the backlog. Within a visit the team serves every kind it offers in
 * proportion to need (Engine.share): when everything fits, all of it; otherwise each kind with need gets a floor
 * (MIN_SERVICE_SHARE of the service minutes, or its need, at least one unit), the rest of the minutes are shared
 * in proportion to weight × the village's backlog of the kind in minutes, capped by what the kind can use, and
 * leftover minutes top up kinds in order of weight per minute. Visits to one village take from its backlog in
 * date order (then team order). So a plan is given by its skeleton (which village each team-day goes to), and
 * the quantities follow.
 *
 * Algorithm (deterministic: ties go to the lower village code and the earlier team; the only randomness is
 * a seeded generator, `seed` in the input):
 * 1. Greedy start: service dates in order, teams in input order; each team-day goes to the village where a
 *    visit delivers the most weighted service given what is left. A team-day holds one visit, so the day is
 *    the unit of cost: the most served per minute of the team-day is the most served per visit (ties: the
 *    visit that takes fewer minutes). A team stays home when it can deliver nothing anywhere.
 * 2. The round-robin baseline (roundRobinPlan) is built too, and the search starts from whichever of the two
 *    has the lower objective: the result is never worse than the baseline.
 * 3. Local search (outreach-search.ts): relocate a team-day to another village, swap the villages of two
 *    visits, each taken when it lowers the objective, until no move does; then iterated local search: perturb
 *    the best plan with a few seeded random relocations, descend again, keep the result if it is no worse,
 *    until `searchEffort` village refills are spent (default 1,000,000) or 200 rounds in a row bring nothing
 *    better. Effort is a count, not a clock, so the plan does not depend on the machine. Visits that end up
 *    serving nothing are dropped.
 *
 * Measured (tools/bench/planner-bench.mjs, one core of a shared Xeon, Node 20): Nagekeo, 113 villages,
 * 3 teams, 52 weeks, about 0.2 s; all 3,442 villages of NTT with 66 teams about 1 s. On brute-forced small
 * instances (2 teams, 4 villages, up to 4 service days) the plan was optimal in 200 of 200.
 */
import { compileOutreachInput, type OutreachInput, type OutreachInputErrorCode, type OutreachWarningCode, type PlanningResult } from './outreach-input.js';
import { Engine, type OutreachPlan } from './outreach-engine.js';
import { LocalSearch } from './outreach-search.js';

export type PlanResult = PlanningResult<OutreachPlan, OutreachInputErrorCode, OutreachWarningCode>;

/**
 * The outreach plan for the next `weeks` weeks: greedy start, then local search (see the module comment),
 * never worse on the objective than roundRobinPlan for the same input. Deterministic: the same input (and
 * seed) gives the same plan.
 *
 * @example planVisits({ asOf: '2026-11-27', weeks: 1, teams: [{ id: 'A', services: ['EKTP_RECORDING'], capacity: { EKTP_RECORDING: 60 } }],
 *   villages: [{ code: '5316012002', districtCode: '531601', travelMinutes: 45, backlog: { EKTP_RECORDING: 80 } }] }).value.visits.length // 2
 */
export function planVisits(input: OutreachInput): PlanResult {
  const compiled = compileOutreachInput(input);
  if (!compiled.ok) return compiled;
  const { model } = compiled;
  const engine = new Engine(model);
  const greedy = engine.greedy();
  const baseline = engine.roundRobin();
  const greedyObjective = engine.toPlan(greedy, 'GREEDY_LOCAL_SEARCH', null).objective;
  const roundRobinObjective = engine.toPlan(baseline, 'ROUND_ROBIN', null).objective;
  const fromGreedy = greedyObjective <= roundRobinObjective;
  const skeleton = fromGreedy ? greedy : baseline;
  const { rounds, improvements, evaluations } = new LocalSearch(engine, skeleton).run(model.searchEffort, model.seed);
  const plan = engine.toPlan(skeleton, 'GREEDY_LOCAL_SEARCH', {
    start: fromGreedy ? 'GREEDY' : 'ROUND_ROBIN',
    greedyObjective,
    roundRobinObjective,
    rounds,
    improvements,
    evaluations,
  });
  return { ok: true, value: plan, warnings: compiled.warnings };
}

/**
 * The baseline: teams visit villages in a fixed rotation by village code, whatever the size of the backlog.
 * Teams that can reach the same villages share one rotation (so two office teams split it between them); a
 * village is passed over only when the team can deliver nothing there (nothing it offers is left, or the
 * day is too short). Quantities and objective are computed as in planVisits, for comparison.
 *
 * @example roundRobinPlan(input).value.objective >= planVisits(input).value.objective // true
 */
export function roundRobinPlan(input: OutreachInput): PlanResult {
  const compiled = compileOutreachInput(input);
  if (!compiled.ok) return compiled;
  const engine = new Engine(compiled.model);
  return { ok: true, value: engine.toPlan(engine.roundRobin(), 'ROUND_ROBIN', null), warnings: compiled.warnings };
}
