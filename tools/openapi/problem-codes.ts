/**
 * The problem codes a service can answer, for its OpenAPI document (`Problem.code["x-codes"]`): the office app
 * keeps an Indonesian message for each of them, and its catalogue test fails on a code without one.
 *
 * Read from the sources, where the codes are written: the service's own (`Problem.notFound('DEED_NOT_FOUND', …)`,
 * `new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', …)`, problem items `{ code: 'FIELD_REQUIRED', … }`) and the
 * platform's, which every service shares (its errors folder names its codes as plain literals: the HTTP status
 * table, the database and validation problems). Codes a service passes on from the domain library (a lifecycle
 * violation as the problem's code, the domain's rules as items) are the domain's code lists (`*_CODES`), which the
 * app reads beside these. A scan, not a proof: a code built at run time from a variable would be missed, which is
 * why the edge writes its codes as literals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CODE = "'([A-Z][A-Z0-9_]*[A-Z0-9])'";
const AT_THE_EDGE = [
  new RegExp(`Problem\\.\\w+\\(\\s*${CODE}`, 'g'),
  new RegExp(`new ProblemException\\(\\s*\\d{3},\\s*${CODE}`, 'g'),
  new RegExp(`problemBody\\(\\s*\\d{3},\\s*${CODE}`, 'g'),
  new RegExp(`\\bcode:\\s*${CODE}`, 'g'),
];
/** In the platform's errors folder every upper-case literal is a code (or a driver's, excluded below). */
const ANY_LITERAL = new RegExp(CODE, 'g');
/** Codes of the libraries underneath, compared against and translated, never answered. */
const NOT_OURS = /^(FST_ERR_|E[A-Z]+$|ERR_)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

function collect(files: readonly string[], patterns: readonly RegExp[], into: Set<string>): void {
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) if (match[1] && !NOT_OURS.test(match[1])) into.add(match[1]);
  }
}

/** The codes of the service in `apps/<service>` (sorted), with the platform's. */
export function problemCodes(root: string, service: string): string[] {
  const codes = new Set<string>();
  const platform = join(root, 'libs', 'platform', 'src');
  const errorsFolder = join(platform, 'errors');
  collect(sourceFiles(join(root, 'apps', service, 'src')), AT_THE_EDGE, codes);
  const platformFiles = sourceFiles(platform);
  collect(platformFiles.filter((f) => !relative(errorsFolder, f).startsWith('..')), [ANY_LITERAL], codes);
  collect(platformFiles, AT_THE_EDGE, codes);
  return [...codes].sort();
}
