// Smoke run of the office app's benchmark (issue 15): initial JavaScript and the first usable screen on a throttled
// link, one page load each. It asserts that the run completes and writes its table with every row filled and numbers
// for figures — never a speed (the benchmark itself measures; `npm run bench:web`).
import { ADMIN_URL } from '@adminduk/platform/testing';
import { describeMachine } from './lib/machine';
import { expectFilledTable, writtenDocument } from './lib/smoke';
import { runWeb, WEB_SMOKE } from './web.bench';

jest.setTimeout(600_000);

it('runs to its end at a tiny size and writes a table with every row filled', async () => {
  const result = await runWeb(WEB_SMOKE);
  expectFilledTable(writtenDocument(await describeMachine(ADMIN_URL), result), result);
});
