/**
 * Serves the request/reply subjects declared with @ServeRpc over NATS core, in a queue group named after the
 * service, so that its instances share the load. Each request is checked against the contracts' RPC_SCHEMAS
 * before the handler runs, and every reply is an RpcReply: `{ ok: true, value }` or `{ ok: false, code, message }`
 * with a stable code (MALFORMED_REQUEST, INVALID_REQUEST, the handler's ProblemException code, or INTERNAL_ERROR
 * for a failure of the responder itself: never for bad input). The request id of the caller (x-request-id
 * header) is in the request context while the handler runs.
 *
 * Authorization: NATS is the services' internal network; who may publish on `<service>.rpc.>` is decided by the
 * NATS server's accounts and permissions, not here.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Msg, Subscription } from 'nats';
import { HEADER_REQUEST_ID, RPC_SCHEMAS, type RpcContractSubject, type RpcReply } from '@adminduk/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { runInContext } from '../context/request-context';
import { ProblemException } from '../errors/problem';
import { requestIdOf } from '../logging/logging';
import { MetricsService } from '../metrics/metrics';
import { NatsService } from '../nats/nats.service';
import { discoverMethods } from './handler-discovery';
import { SERVE_RPC, type ServeRpcMetadata } from './serve-rpc.decorator';

interface Responder {
  readonly subject: RpcContractSubject;
  readonly fn: (request: unknown) => Promise<unknown>;
  readonly name: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

@Injectable()
export class RpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RpcServer');
  private responders: Responder[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private started?: Promise<void>;
  private running = false;
  private readonly stopped: Promise<void>;
  private signalStop!: () => void;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly nats: NatsService,
    private readonly metrics: MetricsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.stopped = new Promise((resolve) => (this.signalStop = resolve));
  }

  onApplicationBootstrap(): void {
    this.responders = discoverMethods<ServeRpcMetadata>(this.discovery, this.scanner, this.reflector, SERVE_RPC).map(({ metadata, fn, name }) => ({
      subject: metadata.subject,
      fn: fn as unknown as Responder['fn'],
      name,
    }));
    const subjects = this.responders.map((r) => r.subject);
    const twice = subjects.find((s, i) => subjects.indexOf(s) !== i);
    if (twice) throw new Error(`two @ServeRpc handlers serve ${twice}`);
    if (!this.nats.enabled || this.responders.length === 0) return;
    this.running = true;
    this.started = this.subscribe();
    this.started.catch((error: unknown) => this.logger.error({ err: error }, 'could not serve the request/reply subjects'));
  }

  /** Resolves once the server has registered every subscription (for tests and start-up scripts). */
  async ready(timeoutMs = 15_000): Promise<void> {
    if (!this.started) throw new Error('no request/reply subject is served (NATS disabled or no @ServeRpc handler)');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`request/reply subjects not served after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.started, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops taking requests and lets those in hand be answered, before the NATS connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signalStop();
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
    await Promise.all([...this.inFlight]);
  }

  private async subscribe(): Promise<void> {
    const nc = await Promise.race([this.nats.ready(), this.stopped]);
    if (!nc || !this.running) return;
    for (const responder of this.responders) {
      const subscription = nc.subscribe(this.nats.subject(responder.subject), {
        queue: this.config.service,
        callback: (error, msg) => {
          if (error) {
            this.logger.error({ err: error, subject: responder.subject }, 'request/reply subscription failed');
            return;
          }
          const work = this.respond(responder, msg);
          this.inFlight.add(work);
          void work.finally(() => this.inFlight.delete(work));
        },
      });
      this.subscriptions.push(subscription);
      this.logger.log({ subject: responder.subject, queue: this.config.service }, 'serving');
    }
    await nc.flush();
  }

  private respond(responder: Responder, msg: Msg): Promise<void> {
    const requestId = requestIdOf(msg.headers?.get(HEADER_REQUEST_ID));
    return runInContext({ requestId, endpoint: responder.subject }, async () => {
      const reply = await this.answer(responder, msg.data, requestId);
      this.metrics.rpcRequests.inc({ subject: responder.subject, outcome: reply.ok ? 'ok' : reply.code });
      try {
        if (msg.reply) msg.respond(encoder.encode(JSON.stringify(reply)));
      } catch (error) {
        this.logger.warn({ err: error, subject: responder.subject, requestId }, 'could not send the reply');
      }
    });
  }

  private async answer(responder: Responder, data: Uint8Array, requestId: string): Promise<RpcReply<unknown>> {
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(data));
    } catch {
      return { ok: false, code: 'MALFORMED_REQUEST', message: 'the request is not UTF-8 JSON' };
    }
    const schemas = RPC_SCHEMAS[responder.subject];
    const request = schemas.request.parse(json, 'request');
    if (!request.ok) {
      return { ok: false, code: 'INVALID_REQUEST', message: `the request does not match the contract of ${responder.subject}`, errors: request.errors };
    }
    let value: unknown;
    try {
      value = await responder.fn(request.value);
    } catch (error) {
      if (error instanceof ProblemException) {
        return {
          ok: false,
          code: error.code,
          message: error.detail ?? error.title,
          ...(error.errors && error.errors.length > 0 ? { errors: error.errors.map((e) => ({ ...(e.field ? { path: e.field } : {}), ...(e.code ? { code: e.code } : {}), message: e.message })) } : {}),
        };
      }
      this.logger.error({ err: error, subject: responder.subject, requestId }, `${responder.name} failed`);
      return { ok: false, code: 'INTERNAL_ERROR', message: `the responder failed; its logs have request id ${requestId}` };
    }
    const reply = schemas.reply.parse(value, 'reply');
    if (!reply.ok) {
      this.logger.error({ subject: responder.subject, requestId, errors: reply.errors }, `${responder.name} returned a reply that breaks the contract`);
      return { ok: false, code: 'INTERNAL_ERROR', message: `the responder failed; its logs have request id ${requestId}` };
    }
    return { ok: true, value: reply.value };
  }
}
