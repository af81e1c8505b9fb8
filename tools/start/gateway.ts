/**
 * One origin for the office app (issue 15): `npm start`'s reverse proxy, on a port of its own (3000 by default).
 *
 *   /                     the app's build (dist/apps/web): files as they are, any other page → index.html (the app
 *                         routes in the browser); index.html and the service worker never cached, hashed assets
 *                         cached for a year
 *   /config.json          the app's runtime configuration (issuer, client id, API base, dashboard)
 *   /api/<service>/…      the service, with `/api/<service>` taken off the path (identity, deeds, outreach, reporting)
 *   /oidc/…               the development OpenID Connect provider, path unchanged (its issuer is <origin>/oidc)
 *
 * The app, the APIs and the sign-in share one origin, so the services open no CORS: a browser never makes a
 * cross-origin call. The proxy is an existing library (@fastify/http-proxy); the docker/ proxy container (nginx)
 * routes the same paths in production.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyHttpProxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

export interface GatewayUpstream {
  /** The path segment after /api/ ('identity'). */
  readonly name: string;
  /** 'http://127.0.0.1:3001' */
  readonly url: string;
}

export interface GatewayOptions {
  readonly host: string;
  readonly port: number;
  /** The app's build (index.html, assets/, sw.js); absent: a page says how to build it. */
  readonly webDir: string;
  readonly services: readonly GatewayUpstream[];
  /** The development provider's own address ('http://127.0.0.1:3005'); its paths start with /oidc. */
  readonly oidcUrl?: string;
  /** Served as /config.json. */
  readonly appConfig: Readonly<Record<string, unknown>>;
}

export interface Gateway {
  readonly url: string;
  close(): Promise<void>;
}

const NO_STORE = 'no-store';

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const names = new Set(options.services.map((s) => s.name));
  const app: FastifyInstance = Fastify({
    logger: false,
    trustProxy: false,
    // `/api/deeds?…` (no slash after the service) is the service's root like `/api/deeds/?…`: the proxy plugin would
    // otherwise pass the whole path on, prefix and all. Rewritten before routing.
    rewriteUrl: (request) => {
      const url = request.url ?? '/';
      const bare = /^\/api\/([a-z]+)(\?.*)?$/.exec(url);
      return bare?.[1] && names.has(bare[1]) ? `/api/${bare[1]}/${bare[2] ?? ''}` : url;
    },
  });
  const problem = (status: number, code: string, detail: string) => ({ type: `urn:adminduk:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: 'Gateway', status, code, detail });

  for (const service of options.services) {
    await app.register(fastifyHttpProxy, {
      upstream: service.url,
      prefix: `/api/${service.name}`,
      rewritePrefix: '',
      // Multipart uploads and PDFs pass through as bytes; the services read and answer them themselves.
      replyOptions: {
        // What the gateway saw, not what the client claims: the services trust these headers (behind a proxy).
        rewriteRequestHeaders: (request, headers) => ({
          ...headers,
          'x-forwarded-for': request.socket.remoteAddress ?? '',
          'x-forwarded-host': String(request.headers.host ?? ''),
          'x-forwarded-proto': 'http',
          'x-forwarded-prefix': `/api/${service.name}`,
        }),
        onError: (reply) => {
          void reply
            .status(502)
            .header('content-type', 'application/problem+json')
            .header('cache-control', NO_STORE)
            .send(problem(502, 'SERVICE_UNREACHABLE', `the ${service.name} service does not answer; it may still be starting`));
        },
      },
    });
  }
  if (options.oidcUrl) {
    await app.register(fastifyHttpProxy, {
      upstream: options.oidcUrl,
      prefix: '/oidc',
      rewritePrefix: '/oidc',
      replyOptions: {
        // The provider builds its own URLs from its issuer; it is also told where the request came in.
        rewriteRequestHeaders: (request, headers) => ({ ...headers, 'x-forwarded-host': String(request.headers.host ?? ''), 'x-forwarded-proto': 'http' }),
      },
    });
  }

  app.get('/config.json', async (_request, reply) => {
    void reply.header('cache-control', 'no-cache');
    return options.appConfig;
  });

  const index = join(options.webDir, 'index.html');
  if (existsSync(index)) {
    await app.register(fastifyStatic, {
      root: options.webDir,
      wildcard: false,
      index: false,
      // The build's .br / .gz copies (apps/web/vite.config.mts), sent to browsers that accept them.
      preCompressed: true,
      setHeaders: (res, path) => {
        if (/[/\\]assets[/\\]/.test(path)) void res.header('cache-control', 'public, max-age=31536000, immutable');
        else void res.header('cache-control', 'no-cache');
      },
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      // A page of the app (no file extension) gets the app, which routes in the browser; anything else is a 404.
      // '/api', '//api/…', '/API/…' and '/oidcx' are never pages: whatever looks like the APIs or the sign-in is a 404.
      const page = request.method === 'GET' && !/^\/+(api|oidc)/i.test(path) && !/\.[a-z][a-z0-9]*$/i.test(path);
      if (page) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.status(404).header('content-type', 'application/problem+json').send(problem(404, 'ROUTE_NOT_FOUND', `nothing at ${path}`));
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="id"><meta charset="utf-8"><title>Adminduk</title><p>Aplikasi belum dibangun: jalankan <code>npx nx run web:build</code>, lalu muat ulang halaman ini.</p><p lang="en">The app is not built: run <code>npx nx run web:build</code>, then reload.</p></html>',
        ),
    );
  }

  const address = await app.listen({ host: options.host, port: options.port });
  return {
    url: address.replace('0.0.0.0', '127.0.0.1'),
    close: () => app.close(),
  };
}
