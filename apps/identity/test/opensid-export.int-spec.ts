// The OpenSID export's round trip on the machine's PostgreSQL (integration tier): a kecamatan's generated register
// imported from CSV, exported by the command as its own process (`export --district … --per-village <dir>`, one
// workbook per village), each workbook imported with --village into a second, empty database: the same residents
// with every particular, the same cards, members, SHDK, order and e-KTP states. Also the command's refusals (exit 2,
// stable code) and its audit entries. Both databases are run-unique and dropped afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import { AuditEntry, localDate } from '@adminduk/platform';
import { createDatabase, createTestApp, dropDatabase, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';
import { ImportService } from '../src/import/import.service';
import { OpenSidExportService, resolveExportRegion } from '../src/export/opensid-export.service';
import { Resident } from '../src/residents/resident.entity';
import { rowsOf, writeCsv } from './import-fixtures';
import { kecamatanRegister, snapshot } from './opensid-export-fixtures';

jest.setTimeout(600_000);

const ROOT = resolve(__dirname, '../../..');
let sourceDb: { name: string; url: string };
let targetDb: { name: string; url: string };
let source: TestApp;
let target: TestApp;
let dir: string;

beforeAll(async () => {
  sourceDb = await createDatabase('exportsrc');
  targetDb = await createDatabase('exporttgt');
  source = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: sourceDb.url });
  target = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI, { DATABASE_URL: targetDb.url });
  dir = mkdtempSync(join(tmpdir(), 'adminduk-export-pg-'));
}, 120_000);

afterAll(async () => {
  await source?.close();
  await target?.close();
  if (sourceDb) await dropDatabase(sourceDb.name);
  if (targetDb) await dropDatabase(targetDb.name);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function exportCommand(args: readonly string[]) {
  const run = spawnSync(process.execPath, ['-r', './tools/scripts/ts-register.cjs', 'apps/identity/src/main.ts', 'export', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: sourceDb.url, NATS_ENABLED: 'false', LOG_LEVEL: 'error', REGENCY_CODE: '5316' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

it('exports a kecamatan village by village with the command, and the files import into an empty database as the same register', async () => {
  const register = kecamatanRegister(31, localDate(source.config.utcOffset), 700);
  const file = join(dir, 'register.csv');
  writeCsv(file, rowsOf(register.families));
  const imported = await source.app.get(ImportService).importFile({ file, actor: 'cli:tester' });
  expect([imported.rowsImported, imported.rowsRejected]).toEqual([rowsOf(register.families).length, 0]);

  const out = join(dir, 'villages');
  const run = exportCommand(['--district', register.districtCode, '--per-village', out, '--actor', 'cli:tester']);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  // No personal data in what the command prints: counts, region codes, file names.
  for (const row of rowsOf(register.families).slice(0, 50)) {
    expect(run.stdout).not.toContain(row.nik);
    expect(run.stdout).not.toContain(row.full_name);
  }
  const files = readdirSync(out).filter((f) => f.endsWith('.xlsx')).sort();
  expect(files.length).toBeGreaterThan(1);
  for (const name of files) {
    const village = /opensid-(\d{10})\.xlsx/.exec(name)?.[1] as string;
    const back = await target.app.get(ImportService).importFile({ file: join(out, name), village, actor: 'cli:tester' });
    expect({ village, rejected: back.rowsRejected }).toEqual({ village, rejected: 0 });
  }
  const before = await snapshot(source, register.districtCode);
  const after = await snapshot(target, register.districtCode);
  expect(before.residents.length).toBe(rowsOf(register.families).length);
  expect(after.residents).toEqual(before.residents);
  expect(after.cards).toEqual(before.cards);

  // One audit entry per file written, by the command's actor, naming every resident of the file.
  const entries = await source.app.get(EntityManager).fork().find(AuditEntry, { resourceType: 'register-export' });
  expect(entries).toHaveLength(files.length);
  expect(entries.every((e) => e.actorId === 'cli:tester' && e.action === 'SEARCH' && e.endpoint === 'cli export')).toBe(true);
  expect(entries.reduce((n, e) => n + (e.resultCount ?? 0), 0)).toBe(before.residents.length);

  // The audit's ids are read in pages (keyset on the resident id, a uuid): every resident once, whatever the page.
  const service = source.app.get(OpenSidExportService);
  const prepared = await service.prepare(resolveExportRegion({ district: register.districtCode }, '5316'), { idPage: 7, actor: 'cli:tester', endpoint: 'cli export' });
  expect([...prepared.residentIds].sort()).toEqual((await source.app.get(EntityManager).fork().find(Resident, { districtCode: register.districtCode, status: 'ALIVE' })).map((r) => r.id).sort());
});

it('refuses a region outside the regency or malformed with exit 2 and a stable code', () => {
  const outside = exportCommand(['--village', '5301012001', '--out', join(dir, 'x.xlsx')]);
  expect(outside.code).toBe(2);
  expect(outside.stderr).toContain('EXPORT_VILLAGE_INVALID');
  const usage = exportCommand([]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('usage: export');
});
