// Builds @adminduk/domain to ESM (dist/esm) and CommonJS (dist/cjs) with type declarations (dist/types).
// Two plain tsc runs rather than a bundler: the output mirrors the sources, so that tree-shaking and the
// separate `villages` entry point keep working for consumers.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.cjs.json'], { stdio: 'inherit' });
mkdirSync('dist/esm', { recursive: true });
writeFileSync('dist/esm/package.json', '{ "type": "module", "sideEffects": false }\n');
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs", "sideEffects": false }\n');
chmodSync('dist/cjs/bin/adminduk-nik.js', 0o755);
console.log('built dist/esm, dist/cjs and dist/types');
