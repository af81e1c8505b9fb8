#!/usr/bin/env node
// `npm test`: lint, type-check and build every project, check generated files (region modules, OpenAPI
// specs, REST clients) are current, then run every
// Jest project (unit, service, integration, end-to-end tiers as they exist) in one run, and end with the
// totals on a line of their own: `N passed, N failed`. A failed lint, type-check, build or staleness check
// counts as one failed check in the totals, so a red step can never print "0 failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };

function step(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`}`);
  return ok;
}

const npx = 'npx';
const failedChecks = [];
const checks = [
  ['generated region modules are current', 'node', ['tools/regions/compile-regions.mjs', '--check']],
  ['lint, type-check and build', npx, ['nx', 'run-many', '-t', 'lint', 'typecheck', 'build', '--outputStyle=static']],
  ['OpenAPI specs and generated clients are current', 'node', ['-r', './tools/scripts/ts-register.cjs', 'tools/openapi/sync.ts', '--check']],
];
for (const [title, command, args] of checks) if (!step(title, command, args)) failedChecks.push(title);

const outDir = join(root, 'tmp', 'test-results');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, 'jest.json');
rmSync(outFile, { force: true });
// --forceExit: every test closes what it opened, but connection pools of drivers (pg, nats) keep Jest's process
// alive for a while after the run; the results are written before that, so waiting would only add time.
// --workerIdleMemoryLimit: run the test files in a worker process that is replaced when it holds more than 1 GB
// after a file. Without it Jest runs every file inside its main process on a 2-core machine (one worker = in band), and
// what 130 files leave behind (Nest apps, drivers, the synthetic province test's buffers) exhausted the heap.
step('tests', npx, ['jest', '--ci', '--forceExit', '--json', `--outputFile=${outFile}`, '--workerIdleMemoryLimit=1GB', ...process.argv.slice(2)]);

// The domain library is installed on its own by other developers, on whatever LTS line they run: its tests also run
// on the previous LTS (Node 22) when ADMINDUK_NODE22 names that binary (.ci/run fetches it from the registry).
const runs = [outFile];
const node22 = process.env.ADMINDUK_NODE22;
if (node22 && process.argv.length <= 2) {
  const domainFile = join(outDir, 'jest-domain-node22.json');
  rmSync(domainFile, { force: true });
  step('the domain library on Node 22', node22, ['node_modules/jest/bin/jest.js', '--ci', '--json', `--outputFile=${domainFile}`, '-c', 'libs/domain/jest.config.cjs']);
  runs.push(domainFile);
}

let passed = 0;
let failed = 0;
for (const file of runs) {
  if (!existsSync(file)) {
    failedChecks.push(`jest wrote no report (${file})`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  // Suites that failed to run (a syntax error, a crash in beforeAll) count as failures too.
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  if (report.numTotalTests === 0) failedChecks.push(`no tests ran (${file})`);
}
failed += failedChecks.length;
if (failedChecks.length > 0) console.log(`\nfailed checks: ${failedChecks.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
