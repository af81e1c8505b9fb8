/**
 * The HTTP edge every service shares (DESIGN.md house rule 11), registered by configureApp:
 *
 * - **Input**: path parameters, query and JSON body are refused with 400 before validation and before any handler
 *   when they hold control characters (VALIDATION_FAILED, item CONTROL_CHARACTER naming the field) or nest deeper
 *   than JSON_MAX_DEPTH (BODY_TOO_DEEP): errors/input-guard.ts.
 * - **Security headers** (@fastify/helmet) on every response: `X-Content-Type-Options: nosniff`, a
 *   Content-Security-Policy that lets Swagger UI at /docs work (scripts and styles from the service itself; its
 *   inline styles allowed) and forbids framing, `Referrer-Policy: no-referrer`, HSTS, and the Cross-Origin policies.
 *   A page with its own CSP (the reporting dashboard, the deeds verification page) sets it on its reply, which wins.
 * - **Caching**: every response is `Cache-Control: no-store` unless its endpoint chose its own Cache-Control (the
 *   dashboard page, public figures that opt in). Personal data is in most answers, and an answer that is not
 *   stored is the honest default; an endpoint has to say that its answer may be kept.
 * - **Downloads**: a PDF, image, CSV or other binary answer without a Content-Disposition gets `attachment`, so that
 *   a browser saves it instead of rendering it on the API's origin (endpoints name their file: attachment()).
 * - **Rate limits** (@fastify/rate-limit, per client address): requests without credentials (public figures, the
 *   dashboard, /verify, /docs; not the probes /health/* and /metrics) at most RATE_LIMIT_PUBLIC_MAX per
 *   RATE_LIMIT_WINDOW_MS; and a client whose credentials were refused (401) RATE_LIMIT_AUTH_FAILURES times in the
 *   window has its requests with credentials refused until the window ends, so that keys and tokens cannot be
 *   guessed at speed. Both answer 429 TOO_MANY_REQUESTS with Retry-After (seconds). The client address is Fastify's
 *   request.ip: from X-Forwarded-For when the peer is a trusted proxy (TRUST_PROXY; by default the private networks
 *   the office's proxy sits on), else the peer's own address, so a client reaching a service directly cannot pick
 *   a fresh address per request.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HEADER_REQUEST_ID } from '@adminduk/contracts';
import type { ServiceConfig } from '../config/service-config';
import { inspectInput } from '../errors/input-guard';
import { PROBLEM_CONTENT_TYPE, problemBody, type ProblemException } from '../errors/problem';

/** The Content-Security-Policy of every answer: enough for Swagger UI (/docs), nothing more. */
export const DEFAULT_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  // The services speak plain HTTP behind the office's TLS proxy (and on a laptop): no upgrade of their own URLs.
  upgradeInsecureRequests: null,
} as const;

/** Content types a browser could render on the API's origin: saved as a file unless the endpoint says otherwise. */
const DOWNLOAD_TYPES = /^(application\/(pdf|octet-stream|zip)|image\/(jpeg|png)|text\/csv)\b/i;

/** `attachment; filename="…"` for a file name made safe: ASCII letters, digits, dot, dash and underscore only. */
export function attachment(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 150);
  return `attachment; filename="${safe || 'download'}"`;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'text/csv': 'csv' };

/** attachment() for a file named `stem` with the extension of its content type (`dokumen-<id>.pdf`). */
export function attachmentFor(stem: string, contentType: string): string {
  const extension = EXTENSIONS[contentType.split(';')[0]?.trim().toLowerCase() ?? ''];
  return attachment(extension ? `${stem}.${extension}` : stem);
}

function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemException): FastifyReply {
  return reply
    .code(problem.status)
    .header(HEADER_REQUEST_ID, request.id)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem.toBody(request.url.split('?')[0], String(request.id)));
}

function isJson(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  return /^application\/([\w.+-]*\+)?json\b/.test(type);
}

function hasCredentials(request: FastifyRequest): boolean {
  return request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;
}

function isProbe(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/health/') || path === '/metrics';
}

export async function registerEdges(fastify: FastifyInstance, config: ServiceConfig): Promise<void> {
  // Input: before validation and handlers (and so before any database call).
  fastify.addHook('preValidation', async (request, reply) => {
    const problem =
      inspectInput(request.params, config.jsonMaxDepth) ?? inspectInput(request.query, config.jsonMaxDepth) ?? (isJson(request) ? inspectInput(request.body, config.jsonMaxDepth) : undefined);
    if (problem) return sendProblem(reply, request, problem);
    return undefined;
  });

  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: DEFAULT_CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    const type = String(reply.getHeader('content-type') ?? '');
    if (DOWNLOAD_TYPES.test(type) && !reply.hasHeader('content-disposition') && !request.url.startsWith('/docs')) void reply.header('content-disposition', 'attachment');
    return payload;
  });

  await fastify.register(rateLimit, { global: false });
  const { windowMs, publicMax, authFailures } = config.rateLimit;
  const tooMany = (reply: FastifyReply, request: FastifyRequest, seconds: number, detail: string): FastifyReply =>
    reply
      .code(429)
      .header('retry-after', String(Math.max(1, seconds)))
      .header(HEADER_REQUEST_ID, request.id)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problemBody(429, 'TOO_MANY_REQUESTS', 'Too many requests', detail, undefined, request.url.split('?')[0], String(request.id)));
  const publicLimiter = publicMax > 0 ? fastify.createRateLimit({ max: publicMax, timeWindow: windowMs, keyGenerator: (r) => `public|${r.ip}` }) : undefined;
  const failureLimiter = authFailures > 0 ? fastify.createRateLimit({ max: authFailures, timeWindow: windowMs, keyGenerator: (r) => `auth-failure|${r.ip}` }) : undefined;

  fastify.addHook('onRequest', async (request, reply) => {
    if (isProbe(request)) return undefined;
    if (hasCredentials(request)) {
      if (!failureLimiter) return undefined;
      const failures = await failureLimiter(request, { increment: false });
      if (!failures.isAllowed && failures.remaining <= 0) {
        return tooMany(reply, request, failures.ttlInSeconds, 'too many failed authentications from this address; wait before trying again');
      }
      return undefined;
    }
    if (!publicLimiter) return undefined;
    const used = await publicLimiter(request);
    if (!used.isAllowed && used.isExceeded) return tooMany(reply, request, used.ttlInSeconds, 'too many requests without credentials from this address; wait before trying again');
    return undefined;
  });

  if (failureLimiter) {
    fastify.addHook('onResponse', async (request, reply) => {
      // A failed authentication: credentials sent and refused. A request without any (an app before sign-in) is not one.
      if (reply.statusCode === 401 && hasCredentials(request)) await failureLimiter(request);
    });
  }
}
