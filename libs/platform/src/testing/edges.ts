/**
 * Probes of the HTTP edges every service shares (issue 16; DESIGN.md house rule 11): the same checks on one endpoint
 * of each service, through the service's own test app.
 */
import type { TestApp } from './test-app';

/** A 4 KB body of 2,000 nested arrays (it answered 500 on every service before the depth limit). */
export const DEEP_ARRAYS = `${'['.repeat(2000)}${']'.repeat(2000)}`;

/** `{ a: { a: … { a: leaf } } }`, `levels` objects deep. */
export function nestedObjects(levels: number, leaf: unknown = 'x'): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

export interface EdgeAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: { code?: string; errors?: { code?: string; field?: string }[] } & Record<string, unknown>;
  readonly text: string;
}

/** One request to the test app; `payload` as a string is sent as it is, with Content-Type: application/json. */
export async function edgeCall(t: TestApp, method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string> = {}, payload?: unknown): Promise<EdgeAnswer> {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, headers: res.headers, body: type.includes('json') ? res.json() : {}, text: res.body };
}
