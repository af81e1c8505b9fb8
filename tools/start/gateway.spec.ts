// The one origin of the office app: the gateway serves the app's build with a fallback to index.html for the app's
// pages, its runtime configuration, and routes /api/<service>/… and /oidc/… to real HTTP servers standing in for
// the services and the provider (what they receive is what is checked), without CORS.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { startGateway, type Gateway } from './gateway';

interface Seen {
  readonly method?: string;
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function upstream(name: string, seen: Seen[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ service: name, path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let web: string;
let gateway: Gateway;
let unbuilt: Gateway;
const seen: Record<string, Seen[]> = { deeds: [], oidc: [] };
const servers: Server[] = [];

beforeAll(async () => {
  web = mkdtempSync(join(tmpdir(), 'adminduk-gateway-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><html lang="id"><title>Adminduk</title><div id="app"></div></html>');
  writeFileSync(join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(web, 'assets', 'index-abc123.js.br'), brotliCompressSync(Buffer.from('console.log(1)')));
  writeFileSync(join(web, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  const deeds = await upstream('deeds', seen.deeds as Seen[]);
  const oidc = await upstream('oidc', seen.oidc as Seen[]);
  servers.push(deeds.server, oidc.server);
  gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    webDir: web,
    // reporting points at a port nothing listens on: a service that is down.
    services: [
      { name: 'deeds', url: deeds.url },
      { name: 'reporting', url: 'http://127.0.0.1:9' },
    ],
    oidcUrl: oidc.url,
    appConfig: { issuer: 'http://127.0.0.1:3000/oidc', clientId: 'adminduk-web' },
  });
  unbuilt = await startGateway({ host: '127.0.0.1', port: 0, webDir: join(web, 'missing'), services: [], appConfig: {} });
});

afterAll(async () => {
  await gateway?.close();
  await unbuilt?.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(web, { recursive: true, force: true });
});

describe('the gateway', () => {
  it('routes /api/deeds/… to deeds with the prefix taken off, body, query and headers intact', async () => {
    const res = await fetch(`${gateway.url}/api/deeds/notifications?limit=5`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t', 'idempotency-key': 'k-1', origin: 'https://elsewhere.example', 'x-forwarded-for': '10.9.9.9', 'x-forwarded-host': 'evil.example' },
      body: JSON.stringify({ deedType: 'BIRTH' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ service: 'deeds', path: '/notifications?limit=5' });
    const last = seen.deeds?.at(-1);
    expect(last).toMatchObject({ method: 'POST', url: '/notifications?limit=5', body: '{"deedType":"BIRTH"}' });
    expect(last?.headers).toMatchObject({ authorization: 'Bearer t', 'idempotency-key': 'k-1' });
    // The forwarded headers are the gateway's own, not what a client sent.
    expect(last?.headers).toMatchObject({ 'x-forwarded-for': '127.0.0.1', 'x-forwarded-host': new URL(gateway.url).host, 'x-forwarded-prefix': '/api/deeds' });
    // No CORS is opened: one origin needs none.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('routes /api/deeds and /api/deeds?… (no slash after the name) to the service root with the query intact', async () => {
    const bare = await fetch(`${gateway.url}/api/deeds?limit=5&status=DRAFT`);
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ service: 'deeds', path: '/?limit=5&status=DRAFT' });
    const root = await fetch(`${gateway.url}/api/deeds`);
    expect(await root.json()).toEqual({ service: 'deeds', path: '/' });
  });

  it('routes /oidc/… to the provider with the path unchanged, and says where the request came in', async () => {
    const res = await fetch(`${gateway.url}/oidc/.well-known/openid-configuration`);
    expect(await res.json()).toEqual({ service: 'oidc', path: '/oidc/.well-known/openid-configuration' });
    expect(seen.oidc?.at(-1)?.headers['x-forwarded-host']).toBe(new URL(gateway.url).host);
  });

  it('answers 502 problem+json SERVICE_UNREACHABLE for a service that is down', async () => {
    const res = await fetch(`${gateway.url}/api/reporting/indicators`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 502, code: 'SERVICE_UNREACHABLE' });
  });

  it("serves the app's runtime configuration, never cached", async () => {
    const res = await fetch(`${gateway.url}/config.json`);
    expect(await res.json()).toEqual({ issuer: 'http://127.0.0.1:3000/oidc', clientId: 'adminduk-web' });
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it("gives the app for any of its pages (the browser routes), hashed assets cached a year, index.html and sw.js revalidated", async () => {
    // A page may end in a dotted region code ('/wilayah/53.16'): still a page, not a file.
    for (const page of ['/', '/meja', '/masuk/selesai?code=x&state=y', '/wilayah/53.16']) {
      const res = await fetch(`${gateway.url}${page}`);
      expect([page, res.status, await res.text()]).toEqual([page, 200, expect.stringContaining('<div id="app">')]);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const asset = await fetch(`${gateway.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const sw = await fetch(`${gateway.url}/sw.js`);
    expect([sw.status, sw.headers.get('cache-control')]).toEqual([200, 'no-cache']);
  });

  it("sends the build's precompressed copy to a browser that accepts it", async () => {
    const res = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      const url = new URL(`${gateway.url}/assets/index-abc123.js`);
      const req = get({ host: url.hostname, port: url.port, path: url.pathname, headers: { 'accept-encoding': 'br, gzip' } }, (r: IncomingMessage) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
    });
    expect(res.encoding).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe('console.log(1)');
  });

  it('never answers the app for what looks like the APIs or the sign-in (a mistyped API call is a 404, not a page)', async () => {
    for (const path of ['/api', '//api/identity/residents', '/API/identity/residents', '/oidcx', '/api/unknown/x']) {
      const res = await fetch(`${gateway.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain('<div id="app">');
    }
  });

  it('answers 404 for a missing file, not the app', async () => {
    const res = await fetch(`${gateway.url}/assets/missing-1.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('says in Indonesian how to build the app when it is not built', async () => {
    const res = await fetch(`${unbuilt.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Aplikasi belum dibangun');
  });
});
