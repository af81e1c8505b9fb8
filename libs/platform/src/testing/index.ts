/** `@adminduk/platform/testing`: helpers for service and integration tests (never in production code). */
export * from './temp-database';
export * from './test-app';
export * from './free-port';
export * from './private-nats-server';
export * from './private-nats-cluster';
export * from './wait-for';
export * from './nats-cleanup';
export * from './access-matrix';
export * from './office-instants';
export * from './edges';
