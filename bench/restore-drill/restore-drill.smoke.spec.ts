// The backup-and-restore drill at smoke size, in CI's `npm test` (issue 16, item 5b): a private PostgreSQL cluster
// with WAL archiving, the real identity, deeds and reporting services as processes, a few births; a base backup
// under load, a restore point, births after it, then a new cluster from the backup and the archive, promoted at the
// restore point. What an operator checks afterwards: every table as it was at the restore point (counts and
// checksums), the births after it gone, the services ready, redelivered events harmless, a new birth going through.
// The full drill is `npm run restore-drill` (700 births), which publishes its figures in docs/benchmarks.md.
import { existsSync } from 'node:fs';
import { renderDrill } from './report';
import { runRestoreDrill, SMOKE, type DrillResult } from './restore-drill';

// Generous: each service start compiles its sources first, and CI's two cores are shared with the other suites.
jest.setTimeout(20 * 60_000);

let result: DrillResult;

beforeAll(async () => {
  result = await runRestoreDrill({ ...SMOKE, log: () => undefined });
}, 20 * 60_000);

afterAll(() => {
  if (result?.logsKept) process.stderr.write(`restore drill logs kept in ${result.logsKept}\n`);
});

describe('backup and restore drill (smoke run)', () => {
  it('runs to the end without a failed check', () => {
    expect(result.problems).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('restores every table of every service database as it was at the restore point: same counts, same checksums', () => {
    expect(result.comparison.length).toBeGreaterThan(30);
    expect(new Set(result.comparison.map((c) => c.service))).toEqual(new Set(['identity', 'deeds', 'reporting']));
    const differing = result.comparison.filter((c) => c.sourceRows !== c.restoredRows || !c.checksumsEqual);
    expect(differing).toEqual([]);
    const rows = (service: string, table: string) => result.comparison.find((c) => c.service === service && c.table === table)?.restoredRows;
    const births = SMOKE.births.beforeBackup + SMOKE.births.beforeTarget;
    expect(rows('deeds', 'deed_record')).toBe(births);
    expect(rows('identity', 'deed_event_application')).toBe(births);
    expect(rows('reporting', 'reporting_deed')).toBe(births);
  });

  it('leaves out the births registered after the restore point', () => {
    expect(result.checks.postTargetAbsent).toBe(true);
  });

  it('recovers from the WAL archive onto a new timeline and promotes', () => {
    expect(result.figures.walSegmentsArchived).toBeGreaterThan(0);
    expect(result.figures.baseBackupBytes).toBeGreaterThan(0);
    expect(result.figures.timeline).toBe(2);
  });

  it('starts every service on the restored cluster, ready, and the redelivered events change nothing', () => {
    expect(result.checks.servicesReady).toBe(true);
    expect(result.figures.republished).toBeGreaterThan(0);
    expect(result.checks.redeliveryChangedNothing).toBe(true);
  });

  it('registers a new birth on the restored system end to end: its child appears in identity', () => {
    expect(result.checks.newBirthWorks).toBe(true);
  });

  it('prints a table of measured figures and cleans up after itself', () => {
    const markdown = renderDrill(result, 'npm run restore-drill -- --smoke');
    expect(markdown).toMatch(/^## Backup and restore drill\n/);
    expect(markdown).toContain('| database | table | rows at the restore point (source) | rows restored | checksums equal |');
    expect(markdown).not.toContain('—');
    expect(markdown).not.toMatch(/\b53\d{14}\b/);
    expect(result.logsKept).toBeUndefined();
    expect(existsSync(result.workDir)).toBe(false);
  });
});
