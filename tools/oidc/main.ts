/**
 * The development OpenID Connect provider as a process, for `npm start` to run beside the services:
 *
 *   node -r ./tools/scripts/ts-register.cjs tools/oidc/main.ts --issuer http://127.0.0.1:3000/oidc --port 3005 \
 *     --app-origin http://127.0.0.1:3000 --data ./data
 *
 * Prints `oidc provider ready at <issuer>` on stdout once it listens (and nothing else there), stops cleanly on
 * SIGTERM or SIGINT (exit 0), exits 2 with the usage on bad arguments and 1 when it cannot start. See README.md.
 */
import { startDevOidcProvider, type DevOidcProvider } from './dev-provider';
import { OIDC_USAGE, parseOidcArgs, readPeopleFile, UsageError } from './options';

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${OIDC_USAGE}\n`);
    return;
  }
  const args = parseOidcArgs(argv);
  const people = args.peopleFile === undefined ? undefined : readPeopleFile(args.peopleFile);

  // Signals are handled from the start, so that one arriving just after the ready line (or during start-up)
  // still stops the provider cleanly. A second signal while it stops exits at once.
  const running: { provider?: DevOidcProvider; stopping?: boolean } = {};
  const stop = (): void => {
    if (running.stopping) process.exit(1);
    running.stopping = true;
    (running.provider?.close() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`oidc provider: could not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const provider = await startDevOidcProvider({ ...args, ...(people === undefined ? {} : { people }) });
  running.provider = provider;
  if (running.stopping) {
    await provider.close();
    return;
  }
  process.stdout.write(`oidc provider ready at ${provider.issuer}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`oidc provider: ${error.message}\n\n${OIDC_USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`oidc provider: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
