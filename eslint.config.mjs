// Lint rules for the whole workspace. The layout's import rules (DESIGN.md) are enforced here with Nx
// project tags: a rule that nothing enforces is not a rule.
import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];

/** Frameworks and infrastructure the domain library must never import (it has zero runtime dependencies). */
const FRAMEWORKS = [
  '@nestjs/*',
  '@mikro-orm/*',
  'nats',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'rxjs',
  'fastify',
  '@fastify/*',
  'pino',
  'pg',
  'better-sqlite3',
];

const depConstraints = [
  // Layers: domain <- contracts <- platform <- app; clients are generated; testing and tools may use anything.
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain'],
    // Zero runtime dependencies: nothing external at all (the spec files' own rule below allows test tools).
    bannedExternalImports: ['*', ...FRAMEWORKS, ...NODE_BUILTINS],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:platform'] },
  { sourceTag: 'type:clients', onlyDependOnLibsWithTags: ['type:clients'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:platform'] },
  // The office app (apps/web) runs in the browser: the domain's rules and the generated REST clients, nothing of the
  // services (no platform, no contracts: it speaks REST, not NATS), no Node built-ins, no server frameworks.
  {
    sourceTag: 'type:web',
    onlyDependOnLibsWithTags: ['type:domain', 'type:clients'],
    bannedExternalImports: [...FRAMEWORKS, ...NODE_BUILTINS, 'oidc-provider', 'jose', 'openid-client'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['*'] },
  // Scopes: a service uses its own scope and the shared one, never another service's code.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
  { sourceTag: 'scope:deeds', onlyDependOnLibsWithTags: ['scope:deeds', 'scope:shared'] },
  { sourceTag: 'scope:outreach', onlyDependOnLibsWithTags: ['scope:outreach', 'scope:shared'] },
  { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:reporting', 'scope:shared'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/coverage', '.nx', '**/*.data.ts'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    // Configuration files sit outside the layers (they may read the root presets).
    ignores: ['**/eslint.config.mjs', '**/jest.config.cjs', '**/jest.preset.cjs', '**/build.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints, checkDynamicDependenciesExceptions: [] },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Leading underscore marks a parameter that is there for its position (e.g. a test table's label).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain library is pure (house rule 1): no Node built-ins, no frameworks, no hidden clock.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/bin/**', 'libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.filter((m) => m !== 'node:*').map((name) => ({ name, message: 'libs/domain is pure: no Node built-ins.' })),
          patterns: [
            { group: ['node:*'], message: 'libs/domain is pure: no Node built-ins.' },
            { group: FRAMEWORKS, message: 'libs/domain has zero runtime dependencies.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in as asOf (house rule 1): no new Date() in libs/domain.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in as asOf (house rule 1): no Date.now() in libs/domain.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'libs/domain is pure: no process.' },
        { name: 'Buffer', message: 'libs/domain is pure: no Buffer.' },
        { name: 'require', message: 'libs/domain is pure: ES imports only.' },
      ],
    },
  },
  {
    // The domain library's tests and its command-line edge may use test tools and Node.
    files: ['libs/domain/src/**/*.spec.ts', 'libs/domain/test/**/*.ts', 'libs/domain/src/bin/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: depConstraints.map((c) =>
            c.sourceTag === 'type:domain' ? { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] } : c,
          ),
        },
      ],
    },
  },
  {
    // The office app's browser code: no Node globals (the type:web constraint above bans Node modules).
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['apps/web/src/**/*.spec.ts', 'apps/web/src/**/*.spec.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.filter((m) => m !== 'node:*').map((name) => ({ name, message: 'apps/web runs in the browser: no Node built-ins.' })),
          patterns: [{ group: ['node:*'], message: 'apps/web runs in the browser: no Node built-ins.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'apps/web runs in the browser: no process (use import.meta.env or config.json).' },
        { name: 'Buffer', message: 'apps/web runs in the browser: no Buffer.' },
        { name: 'require', message: 'apps/web runs in the browser: ES imports only.' },
        { name: '__dirname', message: 'apps/web runs in the browser: no __dirname.' },
      ],
    },
  },
  {
    // The office app's tests, build configuration and scripts run in Node: they may use Node and build tools.
    files: ['apps/web/src/**/*.spec.ts', 'apps/web/src/**/*.spec.tsx', 'apps/web/test/**/*.ts', 'apps/web/vite.config.mts', 'apps/web/scripts/**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: depConstraints.map((c) =>
            c.sourceTag === 'type:web' ? { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:domain', 'type:clients'] } : c,
          ),
        },
      ],
    },
  },
];
