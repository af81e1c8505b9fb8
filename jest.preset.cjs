// Shared Jest settings for every project: one runner (Jest), one fast transform (@swc/jest).
// decoratorMetadata is required by MikroORM entities and Nest DI (see ../shared/STACK.md).
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/scripts/paths-to-module-name-mapper.cjs');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    // Sources import siblings as './x.js' (needed by the ESM build); map them back to the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    ...pathsToModuleNameMapper(path.join(__dirname, 'tsconfig.base.json')),
  },
  // jose 6 ships only ES modules: transformed to CommonJS like our own sources (Node itself loads it with require(esm)).
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Integration tests (PostgreSQL, NATS, services in process) share 2 cores with the services they start and with
  // the other test files; Jest's default 5 s per test or hook is too tight there. Speed is measured by bench/, never
  // by test timeouts: this only keeps a slow machine from failing a correct test.
  testTimeout: 30_000,
};
