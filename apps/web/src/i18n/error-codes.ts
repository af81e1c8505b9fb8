/**
 * Where the catalogue test (catalogue.spec.ts) finds the codes that need a message: the stable problem codes each
 * service declares in its committed OpenAPI document, and the domain library's code lists. Small functions of the
 * documents they read, so that a change in where the generator writes the list is a change here only.
 */

/** The service documents the app's messages must cover (apps/<service>/openapi.json). */
export const SERVICES = ['identity', 'deeds', 'outreach', 'reporting'] as const;

export type CodeList = { readonly ok: true; readonly codes: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * The problem codes of one service: `components.schemas.Problem.properties.code["x-codes"]`, an array of strings
 * written by the OpenAPI generator (tools/openapi). Says exactly what is missing when the list is not there.
 */
export function problemCodesOf(openApi: unknown): CodeList {
  const path = ['components', 'schemas', 'Problem', 'properties', 'code', 'x-codes'];
  let node: unknown = openApi;
  for (const [i, key] of path.entries()) {
    if (typeof node !== 'object' || node === null || !(key in node)) {
      return { ok: false, reason: `no ${path.slice(0, i + 1).join('.')} in the document` };
    }
    node = (node as Record<string, unknown>)[key];
  }
  if (!Array.isArray(node) || node.length === 0 || !node.every((c) => typeof c === 'string')) {
    return { ok: false, reason: `${path.join('.')} is not a non-empty array of strings` };
  }
  return { ok: true, codes: node as string[] };
}

/** The domain library's code lists: every export whose name ends in `_CODES` and is an array of strings. */
export function domainCodeLists(domain: Readonly<Record<string, unknown>>): Readonly<Record<string, readonly string[]>> {
  const lists: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(domain)) {
    if (name.endsWith('_CODES') && Array.isArray(value) && value.every((v) => typeof v === 'string')) lists[name] = value as string[];
  }
  return lists;
}

/** The codes of `codes` without a non-empty message in `messages`. */
export function missingMessages(codes: Iterable<string>, messages: Readonly<Record<string, string>>): string[] {
  return [...new Set(codes)].filter((code) => typeof messages[code] !== 'string' || messages[code].trim() === '').sort();
}
