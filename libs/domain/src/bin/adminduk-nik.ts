#!/usr/bin/env node
/**
 * `adminduk-nik`: check NIKs from the command line. The I/O edge of the pure code in src/cli/nik-cli.ts.
 *   npx adminduk-nik 5316014103900001
 *   cut -d, -f1 residents.csv | npx adminduk-nik --format json
 */
import { createInterface } from 'node:readline';
import { checkLine, CSV_HEADER, formatResult, parseCliArgs, USAGE } from '../cli/nik-cli.js';

async function main(): Promise<number> {
  // The edge reads the clock; the domain code never does.
  const today = new Date().toISOString().slice(0, 10);
  const parsed = parseCliArgs(process.argv.slice(2), today);
  if (!parsed.ok) {
    process.stderr.write(`adminduk-nik: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.value;
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let invalid = 0;
  if (options.niks.length > 0) {
    const format = options.format ?? 'text';
    const out: string[] = format === 'csv' ? [CSV_HEADER] : [];
    for (const nik of options.niks) {
      const checked = checkLine(nik, options.asOf);
      if (!checked) continue;
      if (!checked.result.ok) invalid++;
      out.push(formatResult(format, checked.input, checked.result));
    }
    process.stdout.write(out.join(format === 'text' ? '\n\n' : '\n') + '\n');
    return invalid > 0 ? 1 : 0;
  }
  const format = options.format ?? 'csv';
  if (format === 'csv') process.stdout.write(CSV_HEADER + '\n');
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buffer = '';
  let first = true;
  for await (const line of lines) {
    const checked = checkLine(line, options.asOf);
    if (!checked) continue;
    if (!checked.result.ok) invalid++;
    buffer += (format === 'text' && !first ? '\n' : '') + formatResult(format, checked.input, checked.result) + '\n';
    first = false;
    if (buffer.length > 65536) {
      if (!process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      buffer = '';
    }
  }
  process.stdout.write(buffer);
  return invalid > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`adminduk-nik: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
