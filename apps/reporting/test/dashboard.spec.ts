/**
 * The dashboard's HTTP side: the page and its files are served to anyone (no token: the regent and the public
 * read the same figures), only the listed files, with their content types, a strict Content-Security-Policy
 * and revalidation headers; the dashboard stays out of the OpenAPI document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, buildOpenApiDocument, type ServiceConfig } from '@adminduk/platform';
import { createTestApp, type TestApp } from '@adminduk/platform/testing';
import { DashboardModule } from '../src/dashboard/dashboard.module';
import { DASHBOARD_FILES, DASHBOARD_PUBLIC_DIR } from '../src/dashboard/dashboard.assets';

// The dashboard module alone on the platform (no projections): what is tested here is how files are served.
@Module({})
class DashboardHostModule {}
const hostModule = (config: ServiceConfig): DynamicModule => ({
  module: DashboardHostModule,
  imports: [PlatformModule.forRoot({ config, database: { entities: [], migrations: { postgresql: [], sqlite: [] } }, streams: [] }), DashboardModule],
});
const OPENAPI = { title: 'dashboard test', description: 'dashboard test', version: '0' };

describe('the dashboard page and its files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('reporting', hostModule, OPENAPI);
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('serves the page to anyone, without a token, with a strict self-only Content-Security-Policy', async () => {
    const res = await get('/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    // The page opens on this office's regency (REGENCY_CODE, 5316 Nagekeo by default).
    expect(res.body).toContain('<meta name="adminduk-regency" content="5316" />');
    expect(res.body).not.toContain('{{');
  });

  it('answers a revalidation with 304 and no body when the file has not changed', async () => {
    const first = await get('/dashboard/assets/app.js');
    const again = await get('/dashboard/assets/app.js', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const changed = await get('/dashboard/assets/app.js', { 'if-none-match': '"something-else"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toBe(first.body);
  });

  it('serves every file the page and its modules refer to, with the right content type', async () => {
    const html = (await get('/dashboard')).body;
    const referenced = new Set([...html.matchAll(/(?:href|src)="dashboard\/assets\/([^"]+)"/g)].map((m) => m[1]));
    // ES modules import their siblings: follow the imports so a missing file cannot hide behind another.
    const queue = [...referenced];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (!file.endsWith('.js')) continue;
      const source = readFileSync(join(DASHBOARD_PUBLIC_DIR, file), 'utf8');
      for (const m of source.matchAll(/from '\.\/([\w.-]+)'/g)) {
        if (!referenced.has(m[1])) queue.push(m[1]);
        referenced.add(m[1]);
      }
    }
    expect([...referenced].sort()).toEqual(expect.arrayContaining(['app.js', 'api.js', 'chart.js', 'favicon.svg', 'format.js', 'route.js', 'style.css', 'views.js']));
    const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
    for (const file of referenced) {
      const res = await get(`/dashboard/assets/${file}`);
      expect({ file, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ file, status: 200, type: types[file.split('.').pop() ?? ''] });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('lists exactly the files that ship in public/ (nothing deployed is unreachable, nothing listed is missing)', () => {
    expect(Object.keys(DASHBOARD_FILES).sort()).toEqual(readdirSync(DASHBOARD_PUBLIC_DIR).sort());
  });

  it('loads nothing from the internet: no absolute URL to another host in the page, styles or scripts', () => {
    for (const file of Object.keys(DASHBOARD_FILES)) {
      const text = readFileSync(join(DASHBOARD_PUBLIC_DIR, file), 'utf8');
      // The SVG namespace is an identifier, not a download.
      const urls = [...text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'")]*/gi)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
      expect({ file, urls }).toEqual({ file, urls: [] });
    }
  });

  it.each([
    ['a file outside the list', '/dashboard/assets/dashboard.module.ts'],
    ['an encoded parent directory', '/dashboard/assets/..%2Fdashboard.module.ts'],
    ['two encoded parent directories', '/dashboard/assets/..%2F..%2F..%2F..%2Fpackage.json'],
    ['encoded dots and slash', '/dashboard/assets/%2e%2e%2fdashboard.assets.ts'],
    ['a backslash path', '/dashboard/assets/..%5C..%5Cpackage.json'],
    ['an absolute path', '/dashboard/assets/%2Fetc%2Fpasswd'],
    ['an inherited property name', '/dashboard/assets/constructor'],
    ['__proto__', '/dashboard/assets/__proto__'],
  ])('refuses %s with a 404 problem, reading nothing', async (_label, url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'DASHBOARD_ASSET_NOT_FOUND' });
    expect(res.body).not.toContain('@Module');
    expect(res.body).not.toContain('root:');
  });

  it('refuses a listed name with a NUL suffix at the edge (400 CONTROL_CHARACTER), reading nothing', async () => {
    const res = await get('/dashboard/assets/app.js%00.txt');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ code: 'CONTROL_CHARACTER', field: 'file' }] });
    expect(res.body).not.toContain('function');
  });

  it('does not resolve plain ../ segments into files outside the dashboard', async () => {
    for (const url of ['/dashboard/assets/../../package.json', '/dashboard/assets/../dashboard.module.ts', '/dashboard/../../package.json']) {
      const res = await get(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toContain('"workspaces"');
    }
  });

  it('keeps the dashboard out of the OpenAPI document (it is a page for people, not API)', () => {
    const doc = buildOpenApiDocument(t.app, OPENAPI);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/dashboard'))).toEqual([]);
  });
});
