/**
 * What every service's HTTP application gets, in main.ts and in tests alike: the Fastify adapter with the
 * body limit and request ids, the request context, validation, problem+json for errors that happen before
 * Nest (unparseable or oversized bodies, the router's 414 and malformed URLs), the edges (control characters and
 * over-deep JSON refused, security headers, no-store, downloads as attachments, rate limits: edges.ts), metrics,
 * Swagger UI at /docs, and graceful shutdown.
 */
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HEADER_REQUEST_ID } from '@adminduk/contracts';
import type { ServiceConfig } from '../config/service-config';
import { runInContext } from '../context/request-context';
import { createValidationPipe } from '../errors/validation';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { frameworkProblem } from '../errors/problem.filter';
import { requestIdOf } from '../logging/logging';
import { MetricsService } from '../metrics/metrics';
import { setupOpenApi, type OpenApiInfo } from '../openapi/openapi';
import { registerEdges } from './edges';

export function createFastifyAdapter(config: ServiceConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // One request id for Fastify, the logs, the response header and the events the request causes.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const id = requestIdOf(req.headers[HEADER_REQUEST_ID]);
      req.headers[HEADER_REQUEST_ID] = id;
      return id;
    },
    // The router's own errors (an over-long path segment, bad URL encoding) as problem+json like every other.
    frameworkErrors: (error: { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
      const body = frameworkProblem(error, String(request.id));
      void reply.code(body.status).header(HEADER_REQUEST_ID, request.id).type(PROBLEM_CONTENT_TYPE).send(body);
    },
  });
}

export async function configureApp(app: NestFastifyApplication, config: ServiceConfig, openApi: OpenApiInfo): Promise<void> {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(HEADER_REQUEST_ID, request.id);
    runInContext({ requestId: String(request.id), endpoint: `${request.method} ${request.routeOptions?.url ?? request.url.split('?')[0]}` }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe({ method: request.method, route: request.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  await registerEdges(fastify, config);
  // Errors raised by Fastify itself (body parsing, size) reach the ProblemFilter through Nest's error handler.
  setupOpenApi(app, config, openApi);
}
