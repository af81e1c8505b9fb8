/**
 * Turns every exception into problem+json. Bad input never becomes "Internal server error": validation,
 * body parsing, unknown routes, version conflicts and unique violations all get their own 4xx code; a
 * database that cannot be reached is a 503; only a real bug is a 500 (and is logged).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DriverException, NotFoundError, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemBody, type ProblemBody } from './problem';

const HTTP_CODES: Readonly<Record<number, [string, string]>> = {
  400: ['BAD_REQUEST', 'The request is invalid'],
  401: ['UNAUTHENTICATED', 'Not authenticated'],
  403: ['FORBIDDEN', 'Not allowed'],
  404: ['NOT_FOUND', 'Not found'],
  405: ['METHOD_NOT_ALLOWED', 'Method not allowed'],
  406: ['NOT_ACCEPTABLE', 'Not acceptable'],
  409: ['CONFLICT', 'Conflict'],
  413: ['BODY_TOO_LARGE', 'Request body too large'],
  414: ['URI_TOO_LONG', 'URI too long'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable'],
};

/**
 * A lost database connection that reached us without MikroORM's conversion to a DriverException: `pg` raises a
 * plain Error when the server goes away during a COMMIT ("Connection terminated unexpectedly"), and connection
 * failures carry Node's socket codes or a PostgreSQL SQLSTATE of class 08 (connection exception) or 57P01–57P03
 * (admin shutdown, crash shutdown, cannot connect now). The fault suite (bench/faults) found the COMMIT case: a
 * 500 while PostgreSQL restarted, where the client must be told to retry (503).
 */
export function isDatabaseConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))) {
    return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection due to administrator command/i.test(error.message);
}

/**
 * Errors Fastify's router raises before any handler (its `frameworkErrors`): a path segment longer than the router
 * takes (414 URI_TOO_LONG) and a path that is not valid URL encoding (400 MALFORMED_URL). Fastify would answer them
 * as plain JSON echoing the whole path, which may carry a NIK; the problem names neither the path nor its value.
 */
export function frameworkProblem(error: { readonly code?: string }, requestId?: string): ProblemBody {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return problemBody(414, 'URI_TOO_LONG', 'URI too long', 'a part of the path is longer than any identifier this API takes', undefined, undefined, requestId);
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return problemBody(400, 'MALFORMED_URL', 'The request is invalid', 'the path is not valid URL encoding (a % not followed by two hexadecimal digits?)', undefined, undefined, requestId);
  }
  return problemBody(400, 'BAD_REQUEST', 'The request is invalid', 'the request could not be routed', undefined, undefined, requestId);
}

/** Problem body for any error, also used by Fastify's own error handler (body parsing happens before Nest). */
export function toProblem(error: unknown, instance?: string, requestId?: string): ProblemBody {
  if (error instanceof ProblemException) return error.toBody(instance, requestId);
  if (error instanceof OptimisticLockError) {
    return problemBody(409, 'VERSION_CONFLICT', 'Conflict', 'the record was changed by someone else since you read it; read it again and retry', undefined, instance, requestId);
  }
  if (error instanceof UniqueConstraintViolationException) {
    return problemBody(409, 'DUPLICATE', 'Conflict', 'a record with the same unique value already exists', undefined, instance, requestId);
  }
  if (error instanceof NotFoundError) return problemBody(404, 'NOT_FOUND', 'Not found', 'no such record', undefined, instance, requestId);
  if (error instanceof DriverException || isDatabaseConnectionLoss(error)) {
    return problemBody(503, 'DATABASE_UNAVAILABLE', 'Service unavailable', 'the database is not reachable; retry later', undefined, instance, requestId);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const [code, title] = HTTP_CODES[status] ?? ['HTTP_ERROR', 'Error'];
    const response = error.getResponse();
    const message = typeof response === 'object' && response !== null && 'message' in response ? (response as { message: unknown }).message : error.message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    // Nest turns Fastify's body-parsing errors into plain 400 HttpExceptions (our own code throws problems).
    const specific = status === 404 && /Cannot \w+ /.test(detail) ? 'ROUTE_NOT_FOUND' : status === 400 && /JSON|body/i.test(detail) ? 'MALFORMED_BODY' : code;
    return problemBody(status, specific, title, detail, undefined, instance, requestId);
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const code =
      fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'BODY_TOO_LARGE'
        : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 400
            ? 'MALFORMED_BODY'
            : (HTTP_CODES[status]?.[0] ?? 'BAD_REQUEST');
    return problemBody(status, code, HTTP_CODES[status]?.[1] ?? 'The request is invalid', fastifyError.message, undefined, instance, requestId);
  }
  return problemBody(500, 'INTERNAL_ERROR', 'Internal error', 'an unexpected error occurred; it has been logged', undefined, instance, requestId);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toProblem(error, request.url?.split('?')[0], String(request.id ?? ''));
    if (body.status >= 500) this.logger.error({ err: error, code: body.code }, 'request failed');
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
