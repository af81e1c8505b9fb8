// Where the drill's section goes in docs/benchmarks.md: appended the first time, replaced on every later run,
// the sections around it left as they were.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { masked, SECTION_TITLE, writeSection } from './report';

const dir = mkdtempSync(join(tmpdir(), 'adminduk-drill-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (text: string) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(path, text);
  return path;
};

describe('writeSection', () => {
  it('appends the section when the file has none', () => {
    const path = file('# Benchmarks\n\n## Fault injection\n\nAll passed.\n');
    writeSection(path, `${SECTION_TITLE}\n\nfirst run\n`);
    expect(readFileSync(path, 'utf8')).toBe(`# Benchmarks\n\n## Fault injection\n\nAll passed.\n\n${SECTION_TITLE}\n\nfirst run\n`);
  });

  it('replaces the section at the end of the file on a second run', () => {
    const path = file(`# Benchmarks\n\n## Fault injection\n\nAll passed.\n\n${SECTION_TITLE}\n\nfirst run\n`);
    writeSection(path, `${SECTION_TITLE}\n\nsecond run\n`);
    expect(readFileSync(path, 'utf8')).toBe(`# Benchmarks\n\n## Fault injection\n\nAll passed.\n\n${SECTION_TITLE}\n\nsecond run\n`);
  });

  it('replaces the section in the middle and keeps the one after it', () => {
    const path = file(`# Benchmarks\n\n${SECTION_TITLE}\n\nold\n| a | b |\n\n## Later section\n\nkept\n`);
    writeSection(path, `${SECTION_TITLE}\n\nnew\n`);
    expect(readFileSync(path, 'utf8')).toBe(`# Benchmarks\n\n${SECTION_TITLE}\n\nnew\n\n## Later section\n\nkept\n`);
  });
});

describe('masked', () => {
  it('masks NIK-like numbers and leaves out the run’s names in what the drill prints', () => {
    expect(masked('mother 5316034101910001 of Maria Sawu Uji 12 not found; No. KK 5316030206200001')).toBe('mother 531603******0001 of [name] not found; No. KK 531603******0001');
  });
});
