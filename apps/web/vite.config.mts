/**
 * The office app's build: Vite 8 with its built-in JSX transform set to Preact's automatic runtime (no Babel, no
 * preset plugin), the workspace libraries bundled from their sources, one chunk per workplace, and an offline app
 * shell (Workbox service worker `sw.js`, Indonesian web app manifest). Run from the workspace root:
 * `vite build --config apps/web/vite.config.mts` (what `nx build web` does) writes dist/apps/web.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../../', import.meta.url));
const fromWorkspace = (path: string) => `${workspace}${path}`;

/** Where the development server sends what the gateway serves in production (see README.md). */
const gateway = process.env['WEB_DEV_GATEWAY'] ?? 'http://127.0.0.1:3000';

/** Requests the service worker must leave to the network: the APIs, the sign-in provider, the configuration. */
const NETWORK_ONLY_NAVIGATIONS = [/^\/api\//, /^\/oidc\//, /^\/config\.json$/];

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of the build, for the servers to send as they
 * are (npm start's gateway: @fastify/static preCompressed; the proxy container: nginx gzip_static). Compressed once
 * at build time, at the highest levels: on a 400 kbit/s link the first screen's 122 kB of JavaScript is 2.4 s
 * uncompressed and under a second compressed.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'adminduk-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|webmanifest|json)$/.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: `${root}public`,
  // Preact's automatic JSX runtime through Vite's own (Oxc) transform.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    // The libraries' sources, as tsconfig.base.json's paths say (their './x.js' imports resolve to './x.ts').
    alias: [
      { find: /^@adminduk\/domain\/villages$/, replacement: fromWorkspace('libs/domain/src/villages.ts') },
      { find: /^@adminduk\/domain$/, replacement: fromWorkspace('libs/domain/src/index.ts') },
      { find: /^@adminduk\/clients$/, replacement: fromWorkspace('libs/clients/src/index.ts') },
    ],
  },
  build: {
    outDir: fromWorkspace('dist/apps/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Every browser the office uses supports module preload; no polyfill in the first chunk.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    port: 4200,
    host: '127.0.0.1',
    proxy: { '/api': gateway, '/oidc': gateway, '/config.json': gateway },
  },
  plugins: [
    precompress(fromWorkspace('dist/apps/web')),
    VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      // The app registers the worker itself, in production builds only (src/pwa.ts), and asks before updating.
      injectRegister: false,
      registerType: 'prompt',
      // The icons and the manifest are in the precache through globPatterns below (each listed once).
      includeAssets: [],
      includeManifestIcons: false,
      manifest: {
        name: 'Adminduk Nagekeo',
        short_name: 'Adminduk',
        description: 'Aplikasi kerja Dinas Kependudukan dan Pencatatan Sipil Kabupaten Nagekeo: laporan mitra, meja petugas, jemput bola, dan ikhtisar.',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b4f71',
        background_color: '#ffffff',
        categories: ['government', 'productivity'],
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The built shell: the page, every chunk (each workplace too, so all open offline), styles and icons.
        globPatterns: ['**/*.{html,js,css,svg,png}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: NETWORK_ONLY_NAVIGATIONS,
        cleanupOutdatedCaches: true,
        // No runtime caching of /api/ or /oidc/: those requests are not handled by the worker at all. The one
        // exception is /config.json, network first with the last good copy as the fallback, so that the app
        // still starts in a village without signal (it holds no personal data; see README.md).
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/config.json',
            handler: 'NetworkFirst',
            options: {
              cacheName: 'adminduk-config',
              networkTimeoutSeconds: 4,
              expiration: { maxEntries: 1 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
});
