// The command line: bad arguments are refused with a reason and the usage (exit 2) before anything is written; an
// unknown region fails (exit 1) naming the regions the tool carries; a run writes the same bytes as the API,
// reports progress and a summary (residents, men, women, cards, time, peak memory) on stderr, and the backlog.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, officeToday, parseArguments } from './cli';
import { registerChunks } from './format';

jest.setTimeout(300_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'adminduk-synth-cli-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function run(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(args, (line) => (stderr += line));
  return { code, stderr };
}

describe('arguments', () => {
  it.each([
    [[], '--region is required'],
    [['--region', '53.16'], '--out is required'],
    [['--region', '53.16', '--out', 'x.csv', '--scale', '2'], '--scale must be a number in (0, 1]'],
    [['--region', '53.16', '--out', 'x.csv', '--scale', 'abc'], '--scale must be a number in (0, 1]'],
    [['--region', '53.16', '--out', 'x.csv', '--format', 'xml'], '--format must be csv or ndjson'],
    [['--region', '53.16', '--out', 'x.csv', '--as-of', '28-11-2026'], '--as-of must be YYYY-MM-DD'],
    [['--region', '53.16', '--out', 'x.csv', '--backlog-weeks', '0'], '--backlog-weeks must be a whole number from 1 to 52'],
    [['--region', '53.16', '--out', 'x.csv', '--ektp-share', '1.5'], '--ektp-share must be a number in [0, 1]'],
    [['--region', '53.16', '--out', 'x.csv', '--sead', '1'], 'unknown argument "--sead"'],
    [['--region', '53.16', '--out'], '--out needs a value'],
  ])('refuses %j: %s (exit 2, usage shown, nothing written)', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run synth');
    expect(existsSync('x.csv')).toBe(false);
  });

  it('takes the format from the file name and the day from the office clock (WITA) unless given', () => {
    expect(parseArguments(['--region', '53.16', '--out', 'a.ndjson'], '2026-11-28')).toMatchObject({ format: 'ndjson', asOf: '2026-11-28', seed: '1', scale: 1, documents: true });
    expect(parseArguments(['--region', '53.16', '--out', 'a.csv', '--no-documents'], '2026-11-28')).toMatchObject({ format: 'csv', documents: false });
    // 23:30 UTC on the 27th is already the 28th in Mbay (UTC+8).
    expect(officeToday(Date.UTC(2026, 10, 27, 23, 30))).toBe('2026-11-28');
  });

  it('refuses a region it has no figures for, naming those it has, and writes nothing (exit 2)', async () => {
    const out = join(dir, 'java.csv');
    const { code, stderr } = await run(['--region', '32.01', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain('no figures for region "32.01"');
    expect(stderr).toContain('53.16');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves no half-written file when the output cannot be written (exit 1)', async () => {
    const out = join(dir, 'no-such-folder', 'nagekeo.csv');
    const { code, stderr } = await run(['--region', '53.16', '--scale', '0.001', '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toContain('ENOENT');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a run', () => {
  it('writes what the API writes, with progress and a summary on stderr, and the backlog beside it', async () => {
    const out = join(dir, 'nagekeo.csv');
    const backlog = join(dir, 'backlog.ndjson');
    const { code, stderr } = await run(['--region', '53.16', '--seed', '9', '--scale', '0.05', '--as-of', '2026-11-28', '--out', out, '--backlog', backlog, '--progress-every', '2000']);
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['backlog.ndjson', 'nagekeo.csv']);
    const expected = createHash('sha256');
    for (const chunk of registerChunks({ region: '53.16', seed: '9', asOf: '2026-11-28', scale: 0.05, format: 'csv' })) expected.update(chunk);
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(expected.digest('hex'));
    const rows = readFileSync(out, 'utf8').trim().split('\r\n').length - 1;
    expect(stderr).toMatch(/synth 53\.16: \d+ rows, \d+ cards, \d+ rows\/s\n/);
    expect(stderr).toMatch(new RegExp(`synth 53\\.16 \\(seed 9, as of 2026-11-28, scale 0\\.05\\): ${rows} residents \\(4070 men, 4153 women\\) on \\d+ cards, \\d+ backlog requests in [\\d.]+ s \\(\\d+ rows/s\\), peak RSS \\d+ MB`));
    const requests = readFileSync(backlog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string });
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.method).toBe('POST');
  });
});
