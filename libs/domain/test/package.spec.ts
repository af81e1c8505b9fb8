// The published package as a consumer gets it: `npm pack`, unpacked into a fresh node_modules, then used
// through require(), import, the `villages` subpath and the `adminduk-nik` bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const libRoot = resolve(__dirname, '..');
let work: string;
let installed: string;
let packedFiles: string[];

function node(args: string[], input?: string) {
  return spawnSync(process.execPath, args, { cwd: work, input, encoding: 'utf8' });
}

beforeAll(() => {
  // Build from the current sources, so the test never checks a stale dist/.
  execFileSync(process.execPath, ['build.mjs'], { cwd: libRoot, stdio: 'pipe' });
  work = mkdtempSync(join(tmpdir(), 'adminduk-domain-pack-'));
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: libRoot, encoding: 'utf8' }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = (pack as { files: Array<{ path: string }> }).files.map((f) => f.path);
  installed = join(work, 'node_modules', '@adminduk', 'domain');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, (pack as { filename: string }).filename), '-C', installed, '--strip-components=1']);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the @adminduk/domain package', () => {
  it('ships ESM, CommonJS, type declarations, the bin, README and LICENSE, and no tests or sources', () => {
    for (const file of [
      'dist/esm/index.js',
      'dist/esm/villages.js',
      'dist/cjs/index.js',
      'dist/cjs/villages.js',
      'dist/types/index.d.ts',
      'dist/types/villages.d.ts',
      'dist/cjs/bin/adminduk-nik.js',
      'README.md',
      'LICENSE',
      'package.json',
    ]) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((f) => f.includes('.spec.') || f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('has no runtime dependencies and declares itself free of side effects', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.sideEffects).toBe(false);
  });

  it('works with require(), and NIK validation does not load the villages', () => {
    writeFileSync(
      join(work, 'use.cjs'),
      `const { parseNik, findRegion } = require('@adminduk/domain');
       const r = parseNik('5316014103900001', { asOf: '2026-11-27' });
       const villagesLoaded = Object.keys(require.cache).some((f) => f.includes('villages'));
       const { findVillage } = require('@adminduk/domain/villages');
       console.log(JSON.stringify({ sex: r.value.sex, regency: findRegion('5316').name, villagesLoaded, village: findVillage('5316012002').name }));`,
    );
    const out = node(['use.cjs']);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ sex: 'F', regency: 'Kabupaten Nagekeo', villagesLoaded: false, village: 'Labolewa' });
  });

  it('works with import', () => {
    writeFileSync(
      join(work, 'use.mjs'),
      `import { parseNik } from '@adminduk/domain';
       import { listVillages } from '@adminduk/domain/villages';
       const r = parseNik('5316010103900001', { asOf: '2026-11-27' });
       console.log(JSON.stringify({ birthDate: r.value.birthDate, villages: listVillages('53.16.01').length }));`,
    );
    const out = node(['use.mjs']);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ birthDate: '1990-03-01', villages: 18 });
  });

  it('the ESM entry point never imports the village data', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) visit(resolve(file, '..', m[1] as string));
    };
    visit(join(installed, 'dist/esm/index.js'));
    expect([...seen].some((f) => f.endsWith('regions.data.js'))).toBe(true);
    expect([...seen].some((f) => f.includes('villages'))).toBe(false);
  });
});

describe('the adminduk-nik command', () => {
  const bin = () => join(installed, 'dist/cjs/bin/adminduk-nik.js');

  it('prints the fields of a valid NIK and exits 0', () => {
    const out = node([bin(), '--as-of', '2026-11-27', '5316014103900001']);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('birth date  1990-03-01');
    expect(out.stdout).toContain('sex         F (perempuan)');
  });

  it('prints the errors of an invalid NIK and exits 1', () => {
    const out = node([bin(), '5316013102900000']);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('NIK_BIRTH_DATE_INVALID');
    expect(out.stdout).toContain('NIK_SERIAL_INVALID');
  });

  it('reads NIKs from standard input as CSV by default', () => {
    const out = node([bin(), '--as-of', '2026-11-27'], '5316014103900001\n\n5316010103900000\n');
    expect(out.status).toBe(1);
    expect(out.stdout.trim().split('\n')).toEqual([
      'input,valid,province_code,regency_code,district_code,birth_date,sex,serial,historical,errors,warnings',
      '5316014103900001,true,53,5316,531601,1990-03-01,F,0001,false,,',
      '5316010103900000,false,,,,,,,,NIK_SERIAL_INVALID,',
    ]);
  });

  it('reads NIKs from standard input as JSON lines', () => {
    const out = node([bin(), '--as-of=2026-11-27', '--format', 'json'], '5316014103900001\n5316010103900001\n');
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.input, l.ok, l.value.sex])).toEqual([
      ['5316014103900001', true, 'F'],
      ['5316010103900001', true, 'M'],
    ]);
  });

  it('exits 2 with the usage on a bad option', () => {
    const out = node([bin(), '--format', 'xml']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('Usage: adminduk-nik');
  });
});

// Guard: the test needs the libRoot layout it was written for.
if (!existsSync(join(libRoot, 'build.mjs'))) throw new Error('libs/domain/build.mjs is missing');
