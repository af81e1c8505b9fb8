/**
 * A team's home base (a kecamatan office where a team is stationed, say) as the planner's TeamBase: one-way travel
 * minutes from the base to every village. The office holds travel times from the Dukcapil office only (one figure
 * per village), and no road data, so the times from a base are derived, and the office may correct any of them:
 *
 * - a time the office entered for this team and village (`overrides`) is used as it is;
 * - the base village itself: 0 minutes (the team is there);
 * - another village of the base's kecamatan: `sameDistrictMinutes` (default 30: a kecamatan of Nagekeo is a few
 *   villages along one or two roads), but never more than going through the office would take;
 * - any other village: through the office, base → office → village (the base's time from the office plus the
 *   village's): the roads of a regency like Nagekeo meet at its capital (Mbay, on the Trans-Flores road), so this
 *   is what a team knows it can do; a shorter road is an override.
 *
 * Pure: the villages (with their times from the office) come in as data.
 */
import { fail, ok, type Problem, type Result } from '../result.js';
import type { TeamBase } from './outreach-input.js';

/** Minutes from a base to another village of its kecamatan when the office has not entered a figure. */
export const DEFAULT_SAME_DISTRICT_MINUTES = 30;

export interface BaseVillage {
  readonly code: string;
  readonly districtCode: string;
  /** One-way minutes from the office. */
  readonly travelMinutes: number;
}

export interface TeamBaseInput {
  /** What the planner's errors call the base (a kecamatan office's name, the team's name). */
  readonly name: string;
  /** The village the team starts from. */
  readonly villageCode: string;
  /** One-way minutes the office entered for this team, by village code. */
  readonly overrides?: Readonly<Record<string, number>>;
}

export interface TeamBaseOptions {
  readonly sameDistrictMinutes?: number;
}

/**
 * - `BASE_VILLAGE_UNKNOWN`: the base is not one of the villages;
 * - `BASE_OVERRIDE_INVALID`: an override for a village not in the list, or not minutes ≥ 0;
 * - `BASE_OPTIONS_INVALID`: sameDistrictMinutes not minutes ≥ 0.
 */
export type TeamBaseErrorCode = (typeof TEAM_BASE_ERROR_CODES)[number];

export const TEAM_BASE_ERROR_CODES = ['BASE_VILLAGE_UNKNOWN', 'BASE_OVERRIDE_INVALID', 'BASE_OPTIONS_INVALID'] as const;

const isMinutes = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * The planner's TeamBase for a team stationed in a village: travel minutes from there to every village (see the
 * rules above). Every problem is reported; never throws.
 *
 * @example teamBaseTravel({ name: 'Kantor Camat Mauponggo', villageCode: '5316042002' }, villages).value.travelMinutes['5316042001'] // 30 (same kecamatan)
 */
export function teamBaseTravel(base: TeamBaseInput, villages: readonly BaseVillage[], options: TeamBaseOptions = {}): Result<TeamBase, TeamBaseErrorCode> {
  const errors: Problem<TeamBaseErrorCode>[] = [];
  const sameDistrict = options?.sameDistrictMinutes ?? DEFAULT_SAME_DISTRICT_MINUTES;
  if (!isMinutes(sameDistrict)) errors.push({ code: 'BASE_OPTIONS_INVALID', message: `sameDistrictMinutes must be minutes ≥ 0; got ${String(sameDistrict)}` });
  const list = Array.isArray(villages) ? villages : [];
  const byCode = new Map(list.map((v) => [v.code, v]));
  const home = byCode.get(base?.villageCode);
  if (!home) errors.push({ code: 'BASE_VILLAGE_UNKNOWN', message: `the base ${String(base?.villageCode)} is not one of the villages` });
  const overrides = base?.overrides ?? {};
  for (const [code, minutes] of Object.entries(overrides)) {
    if (!byCode.has(code)) errors.push({ code: 'BASE_OVERRIDE_INVALID', message: `an override for ${code}, which is not one of the villages` });
    else if (!isMinutes(minutes)) errors.push({ code: 'BASE_OVERRIDE_INVALID', message: `the override for ${code} must be minutes ≥ 0; got ${String(minutes)}` });
  }
  if (errors.length > 0 || !home) return fail(errors);
  const travelMinutes: Record<string, number> = {};
  for (const v of list) {
    const viaOffice = home.travelMinutes + v.travelMinutes;
    const derived = v.code === home.code ? 0 : v.districtCode === home.districtCode ? Math.min(sameDistrict, viaOffice) : viaOffice;
    travelMinutes[v.code] = overrides[v.code] ?? derived;
  }
  return ok({ name: base.name, travelMinutes });
}
