// Runs the workspace's TypeScript sources directly, for tools and scripts:
//   node -r ./tools/scripts/ts-register.cjs tools/db/migrations.ts ...
// @swc-node/register compiles TypeScript (with decorator metadata, from tsconfig.base.json), tsconfig-paths
// resolves the @adminduk/* aliases to the libraries' sources, and relative './x.js' imports (written so for the
// domain library's ESM build) fall back to './x.ts', as Jest's moduleNameMapper does in tests.
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..', '..');
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.base.json');
require('@swc-node/register');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) return resolve.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    throw error;
  }
};
