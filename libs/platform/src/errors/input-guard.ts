/**
 * The edge refuses before the database sees it (DESIGN.md house rule 11): every request's path parameters, query
 * and JSON body are inspected once, for every endpoint of every service, before validation and before any handler.
 *
 * - **Control characters**: a string (or an object key) holding U+0000–U+0008, U+000B, U+000C, U+000E–U+001F or
 *   U+007F (the C0 controls and DEL, except tab, line feed and carriage return) is refused with 400
 *   `VALIDATION_FAILED` and an item `{ code: 'CONTROL_CHARACTER', field }` naming the field. No field of the API
 *   holds them (PostgreSQL cannot store U+0000 in text at all: without this check a NUL in a name reached the
 *   database and came back as a 503 that clients retried forever); tab, line feed and carriage return are let
 *   through here because free-text fields (reasons, notes, addresses) may be multi-line, and the fields that must
 *   be one line refuse them by their own rules (names: NAME_CONTROL_CHARACTER, which also covers the C1 controls).
 * - **Depth**: a JSON body nested deeper than `maxDepth` containers (32 by default: the deepest body of the API has
 *   fewer than 6) is refused with 400 `BODY_TOO_DEEP`, instead of reaching the validators (a 4 KB body of 2,000
 *   nested arrays answered 500). The walk is iterative, so a deep body cannot exhaust the stack here either.
 */
import { Problem, type ProblemException } from './problem';

/** Containers a JSON body may nest (objects and arrays) by default. */
export const DEFAULT_JSON_MAX_DEPTH = 32;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The first control character of `text` as U+XXXX, or undefined. */
export function controlCharacterOf(text: string): string | undefined {
  const match = CONTROL.exec(text);
  return match ? `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** `parent.key`, `parent[3]`; a key that is itself unsafe is not echoed. */
function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const shown = CONTROL.test(key) || key.length > 100 ? '(a field name with a control character)' : key;
  return parent ? `${parent}.${shown}` : shown;
}

/**
 * The problem with `value` (a request's params, query or parsed JSON body), or undefined when there is none.
 * `root` prefixes field paths ('' for the body and query: the fields as the API documents them).
 */
export function inspectInput(value: unknown, maxDepth: number = DEFAULT_JSON_MAX_DEPTH, root = ''): ProblemException | undefined {
  const stack: { value: unknown; field: string; depth: number }[] = [{ value, field: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, field, depth } = stack.pop() as { value: unknown; field: string; depth: number };
    if (typeof current === 'string') {
      const found = controlCharacterOf(current);
      if (found) return controlCharacterProblem(field || 'body', found);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) {
      return Problem.badRequest('BODY_TOO_DEEP', `the JSON body is nested deeper than ${maxDepth} levels of objects and arrays`);
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], field: fieldPath(field, i), depth: depth + 1 });
      continue;
    }
    if (Buffer.isBuffer(current)) continue;
    const entries = Object.entries(current as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, v] = entries[i] as [string, unknown];
      const found = controlCharacterOf(key);
      if (found) return controlCharacterProblem(fieldPath(field, key), found);
      stack.push({ value: v, field: fieldPath(field, key), depth: depth + 1 });
    }
  }
  return undefined;
}

function controlCharacterProblem(field: string, character: string): ProblemException {
  return Problem.badRequest('VALIDATION_FAILED', `${field} holds a control character (${character})`, [
    { code: 'CONTROL_CHARACTER', field, message: `${field} holds a control character (${character}); no field takes one (tab and line breaks excepted)` },
  ]);
}
