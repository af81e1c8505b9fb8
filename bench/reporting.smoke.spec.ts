// Smoke run of the reporting benchmark (issue 9: a small run of each benchmark in CI): the indicators and the replay, against plain SQL and a raw stream read, at a tiny size. It
// asserts that the run completes and writes its table with every row filled and numbers for figures — never a
// speed (the benchmark itself measures; `npm run bench:reporting`).
import { ADMIN_URL } from '@adminduk/platform/testing';
import { describeMachine } from './lib/machine';
import { expectFilledTable, writtenDocument } from './lib/smoke';
import { REPORTING_SMOKE, runReporting } from './reporting.bench';

jest.setTimeout(900_000);

it('runs to its end at a tiny size and writes a table with every row filled', async () => {
  const result = await runReporting(REPORTING_SMOKE);
  expectFilledTable(writtenDocument(await describeMachine(ADMIN_URL), result), result);
});
