/**
 * Structured logs (pino, through nestjs-pino) with a request id: taken from the `x-request-id` header when a
 * caller sends one, else a new UUIDv7; echoed in the response and carried in NATS headers by the outbox.
 * Every log line passes through maskPersonalData, and request URLs through maskUrl (names can be query values).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { HEADER_REQUEST_ID } from '@adminduk/contracts';
import { uuidv7 } from '../ids/uuid-v7';
import { currentContext } from '../context/request-context';
import { maskPersonalData, maskUrl } from './mask';
import type { ServiceConfig } from '../config/service-config';

export function requestIdOf(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(header) ? header : uuidv7();
}

export function loggerParams(config: ServiceConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { service: config.service },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = requestIdOf(req.headers[HEADER_REQUEST_ID]);
        res.setHeader(HEADER_REQUEST_ID, id);
        return id;
      },
      customProps: () => ({}),
      // Lines logged outside pino-http's request logger (message handlers, jobs) carry the request id too.
      mixin: () => {
        const context = currentContext();
        return context ? { requestId: context.requestId } : {};
      },
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: maskUrl(req.url ?? '') }),
        res: (res: { statusCode?: number; raw?: { statusCode?: number } }) => ({ statusCode: res.statusCode ?? res.raw?.statusCode }),
        err: (err: unknown) => maskPersonalData(err),
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => maskPersonalData(a)) as Parameters<typeof method>);
        },
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
    },
  };
}
