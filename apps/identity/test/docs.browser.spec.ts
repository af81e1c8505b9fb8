/**
 * Swagger UI at /docs under the platform's Content-Security-Policy (issue 16 item 1): the page renders the API in
 * Debian's Chromium driven by playwright-core, and the browser reports no error — no script, style or image refused
 * by the policy. The same setup serves /docs on every service (bootstrap/edges.ts).
 */
import { chromium, type Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '@adminduk/platform/testing';
import { IDENTITY_OPENAPI, IdentityModule } from '../src/identity.module';

jest.setTimeout(120_000);

let t: TestApp;
let browser: Browser | undefined;

beforeAll(async () => {
  t = await createTestApp('identity', (c) => IdentityModule.forRoot(c), IDENTITY_OPENAPI);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('renders Swagger UI with the CSP in force and no browser error', async () => {
  const page = await (browser as Browser).newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  const response = await page.goto(`${await t.app.getUrl()}/docs`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
  expect(await page.textContent('.swagger-ui .info .title')).toContain(IDENTITY_OPENAPI.title);
  // The operations are listed (the document was fetched and rendered by Swagger UI's scripts).
  await page.waitForSelector('.opblock', { timeout: 30_000 });
  expect(errors).toEqual([]);
});
