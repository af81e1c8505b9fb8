/**
 * The dashboard's plain browser modules (src/dashboard/public/*.js: no build step, so no type declarations), loaded
 * for unit tests through Jest's transform, with the types of what the tests call.
 */
export interface RouteState {
  region: string;
  indicator: string | null;
  date: string | null;
  range: number;
}

export interface RouteModule {
  parseRoute(hash: string, fallbackRegion: string): RouteState;
  formatRoute(state: RouteState): string;
  addDays(day: string, days: number): string;
  isRealDate(day: string): boolean;
}

export interface FormatModule {
  formatValue(unit: string, value: number | string | null): string;
  formatTarget(unit: string, target: number | null): string | null;
  headline(indicator: { unit: string; value: number | string | null; date?: string | null; total: number | null; meetsTarget: boolean | null; details?: Record<string, unknown>; suppressed?: readonly string[] }): string;
  formatCount(n: number | null | undefined): string;
}

// The modules are JavaScript without declarations: required, and typed by the interfaces above.
export const route = require('../src/dashboard/public/route.js') as RouteModule;
export const format = require('../src/dashboard/public/format.js') as FormatModule;
