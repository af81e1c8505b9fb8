#!/usr/bin/env node
// Region data compiler.
//
//   node tools/regions/compile-regions.mjs --import ../shared/data/wilayah   copy the source CSVs into the project
//   node tools/regions/compile-regions.mjs                                    compile the project's copy into modules
//   node tools/regions/compile-regions.mjs --check                            fail when the generated modules are stale
//
// The project carries its own copy of the Kemendagri region codes (libs/domain/data/wilayah/, with the
// source and licence in its README) and never reads ../shared at run time. This script compiles that copy
// into two compact generated modules:
//   libs/domain/src/regions/regions.data.ts    provinces, regencies and kecamatan (current + retired)
//   libs/domain/src/villages/villages.data.ts  desa / kelurahan (current + retired), a separate entry point
// so that NIK validation never loads the 83k villages.
//
// Encoding (decoded by libs/domain/src/regions/compact.ts): one record per line, a code's digits followed
// directly by its name. Kecamatan and villages are grouped under their parent, one parent per line:
// '<parent digits>:<own digits><name>;<own digits><name>'. Retired records carry '@<first>-<last>'
// editions after the name. Names never contain ';', ':', '@', a backquote, '$' or a backslash
// (checked below), so every string is a plain template literal with one record per line.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, 'libs/domain/data/wilayah');
const regionsOut = join(root, 'libs/domain/src/regions/regions.data.ts');
const villagesOut = join(root, 'libs/domain/src/villages/villages.data.ts');
const FILES = ['provinces.csv', 'regencies.csv', 'districts.csv', 'villages.csv', 'retired_codes.csv', 'population.csv'];

/** Minimal RFC 4180 reader: the source quotes a field only when it contains a comma. */
export function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const fields = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let value = '';
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i += 2; }
          else if (line[i] === '"') { i++; break; }
          else value += line[i++];
        }
        fields.push(value);
        i++; // the comma after the closing quote
      } else {
        const end = line.indexOf(',', i);
        const stop = end === -1 ? line.length : end;
        fields.push(line.slice(i, stop));
        i = stop + 1;
      }
    }
    rows.push(fields);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}

function readRows(name) {
  return parseCsv(readFileSync(join(dataDir, name), 'utf8'));
}

const digits = (code) => code.replaceAll('.', '');

function checkName(name, code) {
  if (/[|;:@`$\\\n]/.test(name) || name.trim() !== name || name === '') {
    throw new Error(`region ${code}: name ${JSON.stringify(name)} cannot be encoded`);
  }
  return name;
}

function groupByParent(rows, parentLength, ownLength, encode) {
  const groups = new Map();
  for (const row of rows) {
    const code = digits(row.code);
    if (code.length !== parentLength + ownLength) throw new Error(`unexpected code ${row.code}`);
    const parent = code.slice(0, parentLength);
    if (!groups.has(parent)) groups.set(parent, []);
    groups.get(parent).push(code.slice(parentLength) + encode(row, code));
  }
  return [...groups].map(([parent, items]) => `${parent}:${items.join(';')}`).join('\n');
}

const editions = (row) => `@${row.first_seen_edition}-${row.last_seen_edition}`;

const HEADER = (what) => `// GENERATED FILE: do not edit. Made by tools/regions/compile-regions.mjs from
// libs/domain/data/wilayah/ (Kemendagri region codes, Kepmendagri 300.2.2-2430/2025 edition, compiled by
// Cahya DSN, github.com/cahyadsn/wilayah, MIT licence; see that folder's README for source and caveats).
// ${what}
// Encoding: see tools/regions/compile-regions.mjs and libs/domain/src/regions/compact.ts.
`;

function compile() {
  const provinces = readRows('provinces.csv');
  const regencies = readRows('regencies.csv');
  const districts = readRows('districts.csv');
  const villages = readRows('villages.csv');
  const retired = readRows('retired_codes.csv');
  const byLevel = (level) => retired.filter((r) => r.level === level);

  const provinceText = provinces.map((r) => digits(r.code) + checkName(r.name, r.code)).join('\n');
  const regencyText = regencies.map((r) => digits(r.code) + checkName(r.name, r.code)).join('\n');
  const districtText = groupByParent(districts, 4, 2, (r) => checkName(r.name, r.code));
  const retiredRegencyText = byLevel('regency')
    .map((r) => digits(r.code) + checkName(r.name_last_seen, r.code) + editions(r))
    .join('\n');
  const retiredDistrictText = groupByParent(byLevel('district'), 4, 2, (r) => checkName(r.name_last_seen, r.code) + editions(r));
  const villageText = groupByParent(villages, 6, 4, (r) => checkName(r.name, r.code));
  const retiredVillageText = groupByParent(byLevel('village'), 6, 4, (r) => checkName(r.name_last_seen, r.code) + editions(r));
  if (byLevel('province').length > 0) throw new Error('retired provinces are not supported by the encoding');

  const lit = (s) => `\`\n${s}\n\``;
  const regionsModule =
    HEADER(`${provinces.length} provinces, ${regencies.length} regencies, ${districts.length} kecamatan; retired: ` +
      `${byLevel('regency').length} regencies, ${byLevel('district').length} kecamatan.`) +
    `export const PROVINCES = ${lit(provinceText)};\n` +
    `export const REGENCIES = ${lit(regencyText)};\n` +
    `export const RETIRED_REGENCIES = ${lit(retiredRegencyText)};\n` +
    `export const DISTRICTS = ${lit(districtText)};\n` +
    `export const RETIRED_DISTRICTS = ${lit(retiredDistrictText)};\n`;
  const villagesModule =
    HEADER(`${villages.length} desa / kelurahan; retired: ${byLevel('village').length}.`) +
    `export const VILLAGES = ${lit(villageText)};\n` +
    `export const RETIRED_VILLAGES = ${lit(retiredVillageText)};\n`;
  return { regionsModule, villagesModule };
}

function importFrom(source) {
  mkdirSync(dataDir, { recursive: true });
  for (const file of FILES) {
    const from = join(source, file);
    if (!existsSync(from)) throw new Error(`missing ${from}`);
    copyFileSync(from, join(dataDir, file));
  }
  console.log(`copied ${FILES.length} files from ${source} into ${dataDir}`);
}

const args = process.argv.slice(2);
if (args[0] === '--import') importFrom(resolve(args[1] ?? join(root, '..', 'shared', 'data', 'wilayah')));
const { regionsModule, villagesModule } = compile();
if (args.includes('--check')) {
  const stale = [
    [regionsOut, regionsModule],
    [villagesOut, villagesModule],
  ].filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
  if (stale.length > 0) {
    console.error(`stale generated region modules: ${stale.map(([f]) => f).join(', ')}; run npm run regions`);
    process.exit(1);
  }
  console.log('generated region modules are up to date');
} else {
  mkdirSync(dirname(regionsOut), { recursive: true });
  mkdirSync(dirname(villagesOut), { recursive: true });
  writeFileSync(regionsOut, regionsModule);
  writeFileSync(villagesOut, villagesModule);
  console.log(`wrote ${regionsOut} (${regionsModule.length} bytes) and ${villagesOut} (${villagesModule.length} bytes)`);
}
