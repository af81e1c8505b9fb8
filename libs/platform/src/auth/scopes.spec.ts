// The scopes a data-access agreement may grant (API_SCOPES) are exactly the scopes the services' endpoints name:
// a scope added to an endpoint but not listed could never be granted by an agreement.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_SCOPE_NAMES } from './scopes';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [path] : [];
  });
}

it('lists every scope an endpoint of the services names, and no other', () => {
  const apps = join(__dirname, '../../../../apps');
  const used = new Set<string>();
  for (const service of ['identity', 'deeds', 'outreach', 'reporting']) {
    for (const file of sources(join(apps, service, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/@Scope\(\s*'([^']+)'\s*\)/g)) used.add(match[1] as string);
    }
  }
  expect([...used].sort()).toEqual([...API_SCOPE_NAMES].sort());
});
