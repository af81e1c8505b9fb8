// The office app's unit tests: pure modules (session, configuration, access, formats, message catalogue) in the
// node environment, with the workspace's swc transform; .tsx with Preact's automatic JSX runtime. oauth4webapi and
// idb are ES modules only: they are let through the transform (to CommonJS), as Jest on Node 20 requires.
const preset = require('../../jest.preset.cjs');

const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx },
      transform: tsx ? { react: { runtime: 'automatic', importSource: 'preact' } } : {},
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  ...preset,
  displayName: 'web',
  rootDir: __dirname,
  transform: {
    '^.+\\.tsx$': swc(true),
    '^.+\\.(t|j|mj)s$': swc(false),
  },
  transformIgnorePatterns: ['/node_modules/(?!(oauth4webapi|idb|preact)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
};
