/**
 * The office app's benchmark (issue 15): what a phone on a poor link downloads and waits for.
 *
 * - Initial JavaScript, gzip: the scripts index.html loads at once (its module script and modulepreloads), each
 *   compressed as a server would (gzip, level 6), against every script of the build (the share the first screen
 *   pays). Target ≤ 200 kB.
 * - First usable screen on a throttled link (Chromium's network emulation: 400 kbit/s both ways, 400 ms round
 *   trip): from navigation to the app's start page being ready (`body[data-state="ready"]`, its Masuk button
 *   usable), cold (empty cache, no service worker) and warm (the service worker installed; the app from its
 *   precache). Baseline in the same run and conditions: a bare page of a few bytes from the same gateway (the
 *   link's floor: connection and one round trip). Targets: cold ≤ 4 s, warm ≤ 1 s.
 * The app is served as `npm start` serves it: the gateway with the build, config.json and the sign-in provider
 * behind /oidc (the start page needs no service). Median of several runs each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { progress } from './lib/cleanup';
import { figure, type BenchResult } from './lib/report';
import { ROOT } from './lib/service';

const WEB_DIST = join(ROOT, 'dist', 'apps', 'web');
const CHROMIUM = '/usr/bin/chromium';

/** The gateway with the app and the sign-in provider, as the browser tests start it (tools/e2e/office-app/serve.ts). */
function startOffice(): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'tools', 'scripts', 'ts-register.cjs'), join(ROOT, 'tools', 'e2e', 'office-app', 'serve.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const ready = /office system ready at (\S+)/.exec(output);
      if (ready) resolve({ origin: ready[1] as string, child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the office test bed exited (${code}):\n${output}`)));
  });
}

async function stopOffice(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Debian's Chromium, headless, without the background traffic this machine's closed network refuses. */
function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WebOptions {
  /** Page loads measured per case (the median is the figure). */
  readonly runs?: number;
}

export const WEB_SMOKE: WebOptions = { runs: 1 };

/** The emulated link: 400 kbit/s down and up, 400 ms round trip. */
const LINK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

const gzipKb = (file: string): number => gzipSync(readFileSync(file), { level: 6 }).length / 1000;

/** The scripts index.html loads before anything else: its module entry and the modules it preloads. */
export function initialScripts(webDir: string): string[] {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const paths = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] as string);
  return [...new Set(paths)].map((p) => join(webDir, p.replace(/^\//, '')));
}

function allScripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return allScripts(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function throttled(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', LINK);
}

/** Milliseconds from navigation to the start page ready (or, for the bare page, loaded). */
async function timeToReady(page: Page, url: string, bare: boolean): Promise<number> {
  const started = performance.now();
  await page.goto(url, { waitUntil: bare ? 'load' : 'commit', timeout: 120_000 });
  if (!bare) await page.waitForSelector('body[data-state="ready"]', { timeout: 120_000 });
  return performance.now() - started;
}

async function coldRun(browser: Browser, url: string, bare: boolean): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'id-ID', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await throttled(context, page);
    return await timeToReady(page, url, bare);
  } finally {
    await context.close();
  }
}

/** Installs the service worker on a fast link, then measures reloads on the throttled one. */
async function warmRuns(browser: Browser, origin: string, runs: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'id-ID' });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-state="ready"]');
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await throttled(context, page);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timeToReady(page, `${origin}/`, false));
    return times;
  } finally {
    await context.close();
  }
}

export async function runWeb(options: WebOptions = {}): Promise<BenchResult> {
  const runs = options.runs ?? 5;
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`the app is not built (${WEB_DIST}): npx nx run web:build`);
  const initial = initialScripts(WEB_DIST);
  const initialKb = initial.reduce((sum, f) => sum + gzipKb(f), 0);
  const everyKb = allScripts(WEB_DIST).reduce((sum, f) => sum + gzipKb(f), 0);

  progress('web', 'starting the gateway and the sign-in provider…');
  const system = await startOffice();
  const browser = await launchChromium();
  try {
    // The bare page: the gateway's own 404 for a missing file is a few hundred bytes of problem+json; as a page
    // load it is the link's floor (connection, one round trip, a tiny body).
    const bareUrl = `${system.origin}/assets/bare-page-baseline.js`;
    const bare: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) {
      progress('web', `cold run ${i + 1}/${runs}…`);
      bare.push(await coldRun(browser, bareUrl, true));
      cold.push(await coldRun(browser, `${system.origin}/`, false));
    }
    progress('web', 'warm runs…');
    const warm = await warmRuns(browser, system.origin, runs);
    const bareMs = median(bare);
    return {
      name: 'web',
      title: "The office app: initial JavaScript and the first usable screen on a slow link",
      command: 'npm run bench:web',
      setup: `the built app (dist/apps/web) behind npm start's gateway; Debian's Chromium, 390 px phone, network emulation ${LINK.downloadThroughput * 8 / 1000} kbit/s and ${LINK.latency} ms round trip; median of ${runs} page loads each; first usable screen = the start page ready (body[data-state="ready"])`,
      figures: [
        figure(`initial JavaScript, gzip (${initial.length} file${initial.length === 1 ? '' : 's'} index.html loads)`, initialKb, 'kB', {
          baseline: { name: 'every script of the build', value: everyKb },
          target: { kind: 'max', value: 200 },
        }),
        figure('first usable screen, cold (no cache, no service worker)', median(cold), 'ms', { baseline: { name: 'bare page, same link', value: bareMs }, target: { kind: 'max', value: 4_000 } }),
        figure('first usable screen, warm (service worker installed)', median(warm), 'ms', { baseline: { name: 'bare page, same link', value: bareMs }, target: { kind: 'max', value: 1_000 } }),
      ],
      notes: [
        'Warm: the shell comes from the service worker\'s precache and config.json is fetched network-first by the worker. The page\'s network emulation does not appear to reach the worker\'s own fetch (the warm figure is below one round trip of the link): on a real 400 ms link add about one round trip (~0.5 s) for config.json.',
        'The emulation is Chromium\'s (DevTools protocol, on the page); sizes are gzip level 6 of the files as built.',
      ],
    };
  } finally {
    await browser.close();
    await stopOffice(system.child);
  }
}
