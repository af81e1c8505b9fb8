// Smoke run of the planner benchmark (issue 9: a small run of each benchmark in CI): the outreach planner on Nagekeo and one NTT regency, against round robin, at a tiny size. It
// asserts that the run completes and writes its table with every row filled and numbers for figures — never a
// speed (the benchmark itself measures; `npm run bench:planner`).
import { ADMIN_URL } from '@adminduk/platform/testing';
import { describeMachine } from './lib/machine';
import { expectFilledTable, writtenDocument } from './lib/smoke';
import { PLANNER_SMOKE, runPlanner } from './planner.bench';

jest.setTimeout(900_000);

it('runs to its end at a tiny size and writes a table with every row filled', async () => {
  const result = await runPlanner(PLANNER_SMOKE);
  expectFilledTable(writtenDocument(await describeMachine(ADMIN_URL), result), result);
});
