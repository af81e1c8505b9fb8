// Smoke run of the OpenSID export benchmark (issue 20): a tiny register of one kecamatan imported from CSV, exported
// to OpenSID workbooks and imported back into an empty database, compared. It asserts that the run completes (the
// round trip is equal, or the run throws) and writes its table with every row filled — never a speed
// (`npm run bench:export` measures).
import { ADMIN_URL } from '@adminduk/platform/testing';
import { describeMachine } from './lib/machine';
import { expectFilledTable, writtenDocument } from './lib/smoke';
import { EXPORT_SMOKE, runExport } from './export.bench';

jest.setTimeout(900_000);

it('runs to its end at a tiny size and writes a table with every row filled', async () => {
  const result = await runExport(EXPORT_SMOKE);
  expectFilledTable(writtenDocument(await describeMachine(ADMIN_URL), result), result);
});
