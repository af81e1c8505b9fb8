// Smoke run of the rest benchmark (issue 9: a small run of each benchmark in CI): the REST reads under load, against the bare Fastify + pg server, at a tiny size. It
// asserts that the run completes and writes its table with every row filled and numbers for figures — never a
// speed (the benchmark itself measures; `npm run bench:rest`).
import { ADMIN_URL } from '@adminduk/platform/testing';
import { describeMachine } from './lib/machine';
import { expectFilledTable, writtenDocument } from './lib/smoke';
import { REST_SMOKE, runRest } from './rest.bench';

jest.setTimeout(900_000);

it('runs to its end at a tiny size and writes a table with every row filled', async () => {
  const result = await runRest(REST_SMOKE);
  expectFilledTable(writtenDocument(await describeMachine(ADMIN_URL), result), result);
});
