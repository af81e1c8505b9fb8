/**
 * The service's NATS connection. It connects in the background and reconnects for ever, so that a service
 * starts and serves requests while NATS is down: its events wait in the outbox until the connection returns.
 * NATS_URL may name several servers (the members of a cluster): the client connects to one of them, learns the
 * others the cluster announces, and moves to another when its server fails.
 * NATS_PREFIX is applied here, to every subject and stream name, so test runs can share one server.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { SERVICE_CONFIG } from '../config/tokens';
import type { NatsStreamSettings, ServiceConfig } from '../config/service-config';

@Injectable()
export class NatsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('NatsService');
  private connection?: NatsConnection;
  private connecting?: Promise<NatsConnection>;
  private closed = false;
  private readonly reconnectListeners = new Set<() => void>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  get enabled(): boolean {
    return this.config.natsEnabled;
  }

  /** The service this connection belongs to ('identity', …). */
  get service(): string {
    return this.config.service;
  }

  /** The subject as published on the wire (with NATS_PREFIX). */
  subject(subject: string): string {
    return this.config.natsPrefix ? `${this.config.natsPrefix}.${subject}` : subject;
  }

  /** The subject as the contracts name it (without NATS_PREFIX). */
  unprefixed(subject: string): string {
    const prefix = this.config.natsPrefix ? `${this.config.natsPrefix}.` : '';
    return prefix && subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;
  }

  streamName(name: string): string {
    return this.config.natsPrefix ? `${this.config.natsPrefix.toUpperCase().replace(/-/g, '_')}_${name}` : name;
  }

  /** Replicas and limits of the streams the service creates (NATS_STREAM_*; applied by messaging/streams.ts). */
  streamSettings(): NatsStreamSettings {
    return this.config.natsStreams;
  }

  onModuleInit(): void {
    if (!this.config.natsEnabled) return;
    this.connecting = connect({
      servers: [...this.config.natsServers],
      name: this.config.service,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      waitOnFirstConnect: true,
    }).then((nc) => {
      this.connection = nc;
      this.logger.log(`connected to NATS at ${nc.getServer()}`);
      void (async () => {
        for await (const status of nc.status()) {
          // With several servers the data says which one was lost, and which one the client moved to.
          if (status.type === 'disconnect' || status.type === 'reconnect') this.logger.warn(`NATS ${status.type} (${String(status.data)})`);
          if (status.type === 'reconnect') for (const listener of this.reconnectListeners) listener();
        }
      })();
      if (this.closed) void nc.close();
      return nc;
    });
    this.connecting.catch((error: unknown) => this.logger.error({ err: error }, 'NATS connection failed'));
  }

  /**
   * Calls `listener` each time the connection comes back after a disconnect (not on the first connect), e.g. to
   * retry at once what waited for NATS instead of at its next backoff. Returns the function that removes it.
   */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** True while connected (not during a reconnect). */
  isConnected(): boolean {
    return this.connection !== undefined && !this.connection.isClosed() && this.connection.info !== undefined && !this.reconnecting;
  }

  private get reconnecting(): boolean {
    // `protocol.connected` is false between a disconnect and the next reconnect.
    const protocol = (this.connection as unknown as { protocol?: { connected?: boolean } })?.protocol;
    return protocol?.connected === false;
  }

  /** The connection once it exists (waits for the first connect). */
  async ready(): Promise<NatsConnection> {
    if (!this.config.natsEnabled || !this.connecting) throw new Error('NATS is disabled (NATS_ENABLED=false)');
    return this.connecting;
  }

  current(): NatsConnection | undefined {
    return this.connection;
  }

  async jetstream(): Promise<JetStreamClient> {
    return (await this.ready()).jetstream();
  }

  async jetstreamManager(): Promise<JetStreamManager> {
    return (await this.ready()).jetstreamManager();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.connection && !this.connection.isClosed()) await this.connection.drain().catch(() => this.connection?.close());
  }
}
