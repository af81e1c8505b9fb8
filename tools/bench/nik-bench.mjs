#!/usr/bin/env node
// NIK parsing benchmark: @adminduk/domain's parseNik against nik-parser (the best-known npm NIK parser) and a
// bare /^\d{16}$/ test as the floor, on the same one million realistic NIKs in one run; then a correctness
// table of all three on the same cases.
//
//   npm run bench:nik                 (builds the domain library first)
//   node tools/bench/nik-bench.mjs [--count 1000000] [--runs 5] [--out tmp/bench/nik-bench.md]
//
// Timings are for one core (Node's main thread). Each figure is the median of --runs timed passes after
// one warm-up pass. The NIK strings are flat (as JSON bodies and database rows deliver them).
import { createRequire } from 'node:module';
import { cpus, totalmem, release } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const domain = process.argv.includes('--esm') ? await import(join(root, 'libs/domain/dist/esm/index.js')) : require(join(root, 'libs/domain/dist/cjs/index.js'));
const { nikParser } = require('nik-parser');
// Destructured once, as a consumer's `const { parseNik } = require(...)` does.
const { parseNik } = domain;

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const COUNT = Number(arg('count', 1_000_000));
const RUNS = Number(arg('runs', 7));
const OUT = resolve(root, arg('out', 'tmp/bench/nik-bench.md'));
const AS_OF = '2026-11-27';

// ---- a seeded population of NIKs ------------------------------------------------------------------------
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261127);
const pick = (list) => list[Math.floor(random() * list.length)];
const two = (n) => String(n).padStart(2, '0');

const all = domain.listProvinces().flatMap((p) => domain.listRegencies(p.code)).flatMap((r) => domain.listDistricts(r.code));
const nagekeo = all.filter((d) => d.code.startsWith('5316')).map((d) => d.code);
const ntt = all.filter((d) => d.code.startsWith('53') && !d.code.startsWith('5316')).map((d) => d.code);
const indonesia = all.map((d) => d.code);

/** A resident of Nagekeo: 80% NIKs first issued in Nagekeo, 15% elsewhere in NTT, 5% elsewhere. */
function realisticPerson() {
  const u = random();
  const district = u < 0.8 ? pick(nagekeo) : u < 0.95 ? pick(ntt) : pick(indonesia);
  // Ages 0–89, thinning with age like a young population.
  const age = Math.min(89, Math.floor(-Math.log(1 - random()) * 28));
  const birth = new Date(Date.UTC(2026 - age, 10, 27) - Math.floor(random() * 365) * 86_400_000);
  const sex = random() < 0.505 ? 'F' : 'M';
  const serial = Math.min(9999, 1 + Math.floor(-Math.log(1 - random()) * 40));
  const birthDate = `${birth.getUTCFullYear()}-${two(birth.getUTCMonth() + 1)}-${two(birth.getUTCDate())}`;
  const nik =
    district +
    two(birth.getUTCDate() + (sex === 'F' ? 40 : 0)) +
    two(birth.getUTCMonth() + 1) +
    two(birth.getUTCFullYear() % 100) +
    String(serial).padStart(4, '0');
  return { nik, birthDate, sex };
}

const people = Array.from({ length: COUNT }, realisticPerson);
// Flat strings, as a JSON body or a database row delivers them.
const niks = JSON.parse(JSON.stringify(people.map((p) => p.nik)));

// ---- the contenders --------------------------------------------------------------------------------------
const options = { asOf: AS_OF };
const contenders = {
  '@adminduk/domain parseNik': (list) => {
    let women = 0;
    let chars = 0;
    for (let i = 0; i < list.length; i++) {
      const r = parseNik(list[i], options);
      if (r.ok) {
        if (r.value.sex === 'F') women++;
        chars += r.value.birthDate.length;
      }
    }
    return women + chars;
  },
  'nik-parser 1.0.1': (list) => {
    let women = 0;
    for (let i = 0; i < list.length; i++) {
      try {
        const p = nikParser(list[i]);
        if (p.isValid()) {
          if (p.kelamin() === 'wanita') women++;
          women += p.lahir().getDate() > 0 ? 0 : 1;
        }
      } catch {
        // nik-parser throws on a kecamatan it does not know
      }
    }
    return women;
  },
  'regex /^\\d{16}$/ (floor)': (list) => {
    const re = /^\d{16}$/;
    let n = 0;
    for (let i = 0; i < list.length; i++) if (re.test(list[i])) n++;
    return n;
  },
};

// Passes are interleaved (one pass of each contender per round) so that a noisy neighbour on a shared
// machine slows all of them alike; each figure is the median over the rounds.
console.log(`benchmark: ${COUNT.toLocaleString('en')} realistic NIKs, ${RUNS} interleaved rounds, asOf ${AS_OF}`);
const rates = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
let sink = 0;
for (const fn of Object.values(contenders)) sink += fn(niks); // warm-up
for (let round = 0; round < RUNS; round++) {
  for (const [name, fn] of Object.entries(contenders)) {
    const start = performance.now();
    sink += fn(niks);
    rates[name].push(niks.length / ((performance.now() - start) / 1000));
  }
}
const speed = {};
for (const [name, list] of Object.entries(rates)) {
  list.sort((a, b) => a - b);
  speed[name] = { median: list[Math.floor(list.length / 2)], min: list[0], max: list[list.length - 1] };
  console.log(`  ${name}: ${(speed[name].median / 1e6).toFixed(2)} M/s (min ${(speed[name].min / 1e6).toFixed(2)}, max ${(speed[name].max / 1e6).toFixed(2)})`);
}
if (sink === 0) console.log('(no work done?)');

// ---- correctness on the same corpus ----------------------------------------------------------------------
// The tricky corpus (libs/domain/test/nik-corpus.json) plus 10,000 generated cases: half valid, half with
// one field corrupted (a letter, serial 0000, day 32–40, month 13, 31 February, an unknown province).
const corpus = JSON.parse(readFileSync(join(root, 'libs/domain/test/nik-corpus.json'), 'utf8'));
const cases = corpus.cases.map((c) => ({ nik: c.nik, asOf: c.asOf ?? corpus.defaultAsOf, valid: c.valid, birthDate: c.birthDate, sex: c.sex }));
const corruptions = [
  (n) => n.slice(0, 15) + 'A',
  (n) => n.slice(0, 12) + '0000',
  (n) => n.slice(0, 6) + String(32 + Math.floor(random() * 9)) + n.slice(8),
  (n) => n.slice(0, 8) + '13' + n.slice(10),
  (n) => n.slice(0, 6) + (n[6] >= '4' ? '71' : '31') + '02' + n.slice(10),
  (n) => '99' + n.slice(2),
];
for (let i = 0; i < 10_000; i++) {
  const p = realisticPerson();
  if (i % 2 === 0) cases.push({ nik: p.nik, asOf: AS_OF, valid: true, birthDate: p.birthDate, sex: p.sex });
  else cases.push({ nik: corruptions[i % corruptions.length](p.nik), asOf: AS_OF, valid: false });
}

const isoLocal = (d) => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
const answers = {
  '@adminduk/domain parseNik': (c) => {
    const r = domain.parseNik(c.nik, { asOf: c.asOf });
    return r.ok ? { valid: true, sex: r.value.sex, birthDate: r.value.birthDate } : { valid: false };
  },
  'nik-parser 1.0.1': (c) => {
    const p = nikParser(c.nik);
    if (!p.isValid()) return { valid: false };
    return { valid: true, sex: p.kelamin() === 'wanita' ? 'F' : 'M', birthDate: isoLocal(p.lahir()) };
  },
  'regex /^\\d{16}$/ (floor)': (c) => ({ valid: /^\d{16}$/.test(c.nik) }),
};
const correctness = {};
for (const [name, answer] of Object.entries(answers)) {
  const tally = { verdict: 0, full: 0, threw: 0, fieldsGiven: true };
  for (const c of cases) {
    let a;
    try {
      a = answer(c);
    } catch {
      tally.threw++;
      continue;
    }
    if (a.valid !== c.valid) continue;
    tally.verdict++;
    if (!c.valid) tally.full++;
    else if (a.sex === undefined) tally.fieldsGiven = false;
    else if (a.sex === c.sex && a.birthDate === c.birthDate) tally.full++;
  }
  correctness[name] = tally;
}

// ---- report ----------------------------------------------------------------------------------------------
const ours = speed['@adminduk/domain parseNik'].median;
const pct = (n) => `${((100 * n) / cases.length).toFixed(1)}%`;
const lines = [
  `### NIK parsing benchmark`,
  '',
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}. ` +
    `Date: ${new Date().toISOString().slice(0, 10)}. One core (Node's main thread). Command: \`npm run bench:nik\`.`,
  '',
  `Speed on ${COUNT.toLocaleString('en')} realistic NIKs (80% Nagekeo, 15% elsewhere in NTT, 5% elsewhere; seeded), median of ${RUNS} interleaved rounds (one pass of each parser per round):`,
  '',
  '| parser | parses per second (median) | min – max | parseNik / this |',
  '| --- | ---: | ---: | ---: |',
  ...Object.entries(speed).map(
    ([name, s]) =>
      `| ${name} | ${(s.median / 1e6).toFixed(2)} M | ${(s.min / 1e6).toFixed(2)} – ${(s.max / 1e6).toFixed(2)} M | ${(ours / s.median).toFixed(2)}× |`,
  ),
  '',
  `Correctness on the same ${cases.length.toLocaleString('en')} cases (the ${corpus.cases.length} tricky cases of libs/domain/test/nik-corpus.json, ` +
    '5,000 valid generated NIKs and 5,000 with one field corrupted). "Verdict" is valid/invalid; "fully right" also needs the right sex and birth date for valid NIKs:',
  '',
  '| parser | verdict right | fully right | threw an exception |',
  '| --- | ---: | ---: | ---: |',
  ...Object.entries(correctness).map(
    ([name, t]) => `| ${name} | ${t.verdict} (${pct(t.verdict)}) | ${t.fieldsGiven ? `${t.full} (${pct(t.full)})` : 'n/a (no fields)'} | ${t.threw} |`,
  ),
  '',
];
const report = lines.join('\n');
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, report);
console.log('\n' + report);
console.log(`(written to ${OUT})`);

// --update-readme: put these figures into libs/domain/README.md between its bench:nik markers.
if (process.argv.includes('--update-readme')) {
  const readmePath = join(root, 'libs/domain/README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:nik:start -->';
  const end = '<!-- bench:nik:end -->';
  const cpu = (cpus()[0]?.model ?? 'unknown CPU').replace(/\(R\)/g, '').replace(/ Processor$/, '');
  const n = (x) => x.toLocaleString('en');
  const section = [
    start,
    `Measured on ${new Date().toISOString().slice(0, 10)}, ${cpu} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Linux, ` +
      `Node ${process.version.slice(1)}, one core; median of ${RUNS} rounds:`,
    '',
    '| parser | parses per second | parseNik / this |',
    '| --- | ---: | ---: |',
    ...Object.entries(speed).map(([name, s]) => `| ${name} | ${(s.median / 1e6).toFixed(2)} M | ${(ours / s.median).toFixed(2)}× |`),
    '',
    '| parser | verdict right | sex and birth date right too | threw |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(correctness).map(
      ([name, t]) => `| ${name} | ${n(t.verdict)} (${pct(t.verdict)}) | ${t.fieldsGiven ? `${n(t.full)} (${pct(t.full)})` : '—'} | ${t.threw} |`,
    ),
    end,
  ].join('\n');
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a === -1 || b === -1) throw new Error('README markers not found');
  writeFileSync(readmePath, readme.slice(0, a) + section + readme.slice(b + end.length));
  console.log('updated libs/domain/README.md');
}
