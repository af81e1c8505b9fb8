/** How the header names a person's role: "Petugas Registrasi", "Mitra (Pustu Boawae)", "Operator, Analis". */
import type { Person } from '../auth/person';

export function roleLine(person: Person, t: (key: string, options?: Record<string, string>) => string): string {
  if (person.roles.length === 0) return t('roles.none');
  return person.roles
    .map((role) =>
      role === 'partner' && person.institution ? t('roles.withInstitution', { role: t('roles.partner'), institution: person.institutionName ?? person.institution }) : t(`roles.${role}`),
    )
    .join(', ');
}
