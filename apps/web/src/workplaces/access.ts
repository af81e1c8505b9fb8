/**
 * Which workplaces a person sees, by role. The navigation and the routes follow this table; the services still
 * check every call against the token's roles and regions, so this is about showing the right desk, not security.
 */
import type { Role } from '../auth/person';

/** The four workplaces, in the order of the navigation. */
export const WORKPLACES = ['mitra', 'meja', 'jemput-bola', 'ikhtisar'] as const;
export type Workplace = (typeof WORKPLACES)[number];

/** The path of each workplace. */
export const WORKPLACE_PATHS: Readonly<Record<Workplace, string>> = {
  mitra: '/mitra',
  meja: '/meja',
  'jemput-bola': '/jemput-bola',
  ikhtisar: '/ikhtisar',
};

/**
 * Laporan Mitra for partners (a midwife at a Pustu, a parish secretary), Meja Petugas for operators and registrars,
 * Jemput Bola for operators (the outreach teams), Ikhtisar for analysts; an administrator sees all. An integrator
 * is a system with an API key, not a person at a screen: no workplace of its own.
 */
const BY_ROLE: Readonly<Record<Role, readonly Workplace[]>> = {
  partner: ['mitra'],
  operator: ['meja', 'jemput-bola'],
  registrar: ['meja'],
  analyst: ['ikhtisar'],
  integrator: [],
  admin: WORKPLACES,
};

/** Every signed-in person also sees Ikhtisar (the overview's figures are the office's public indicators). */
const FOR_EVERYONE: readonly Workplace[] = ['ikhtisar'];

export function workplacesFor(roles: readonly Role[]): Workplace[] {
  const allowed = new Set<Workplace>(FOR_EVERYONE);
  for (const role of roles) for (const w of BY_ROLE[role]) allowed.add(w);
  return WORKPLACES.filter((w) => allowed.has(w));
}

/** Where a person lands after signing in: their first workplace. */
export function homeWorkplace(roles: readonly Role[]): Workplace {
  return workplacesFor(roles)[0] ?? 'ikhtisar';
}

export function workplaceAt(path: string): Workplace | undefined {
  return WORKPLACES.find((w) => WORKPLACE_PATHS[w] === path);
}
