/**
 * The office app's test bed as a process of its own, for what must not import it (the benchmarks in bench/):
 *
 *   node -r ./tools/scripts/ts-register.cjs tools/e2e/office-app/serve.ts [--services identity,deeds]
 *
 * starts the gateway with the app's build, config.json and the sign-in provider (and the services named, none by
 * default), prints `office system ready at <origin>` and stops everything it started on SIGTERM or SIGINT.
 */
import { startOfficeSystem, type ServiceName } from './office-system';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--services');
  const services = (i >= 0 ? (process.argv[i + 1] ?? '') : '').split(',').filter((s): s is ServiceName => ['identity', 'deeds', 'outreach', 'reporting'].includes(s));
  const system = await startOfficeSystem({ services });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void system.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`office system ready at ${system.origin}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
