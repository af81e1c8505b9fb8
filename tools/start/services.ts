/**
 * The services `npm start` runs, in start order. Adding a service is one line here: its name (the Nx project and
 * `apps/<name>`), its port offset from the base port (3001 + offset, the platform's DEFAULT_PORTS), and the pages
 * worth printing besides `/docs`. A service whose `apps/<name>/src/main.ts` does not exist yet is left out.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceSpec {
  readonly name: string;
  /** Port = base port + offset (3001 identity, 3002 deeds, 3003 outreach, 3004 reporting by default). */
  readonly portOffset: number;
  /** Extra pages printed at start-up (the dashboard). */
  readonly pages?: readonly { readonly label: string; readonly path: string }[];
}

export const SERVICES: readonly ServiceSpec[] = [
  { name: 'identity', portOffset: 0 },
  { name: 'deeds', portOffset: 1 },
  { name: 'outreach', portOffset: 2 },
  { name: 'reporting', portOffset: 3, pages: [{ label: 'dashboard', path: '/dashboard' }] },
];

/** The services present in this checkout (their sources exist), optionally only those named. */
export function availableServices(root: string, only?: readonly string[]): ServiceSpec[] {
  return SERVICES.filter((s) => existsSync(join(root, 'apps', s.name, 'src', 'main.ts')) && (!only || only.includes(s.name)));
}
