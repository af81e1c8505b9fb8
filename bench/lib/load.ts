/** HTTP load with autocannon: fixed connections for a fixed time, each request's path taken in turn from a list. */
import autocannon from 'autocannon';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly paths: readonly string[];
  readonly headers?: Record<string, string>;
  readonly connections: number;
  readonly durationSeconds: number;
  /** A first, unmeasured run (JIT, connection pools, caches), in seconds. */
  readonly warmupSeconds?: number;
}

async function once(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  let next = 0;
  const paths = options.paths;
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    headers: options.headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
}

/** Runs the load and fails if any answer was not 2xx (a benchmark of refusals measures nothing). */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.paths.length === 0) throw new Error('no paths to request');
  if (options.warmupSeconds) await once(options, options.warmupSeconds);
  const result = await once(options, options.durationSeconds);
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0 || result['2xx'] === 0) {
    throw new Error(`${options.url}${options.paths[0]}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total} requests`);
  }
  return { requestsPerSecond: result['2xx'] / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result['2xx'] };
}
