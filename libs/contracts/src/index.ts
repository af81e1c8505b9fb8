/** `@adminduk/contracts`: NATS subjects, event envelopes and payload schemas shared by the services. */
export * from './schema.js';
export * from './envelope.js';
export * from './subjects.js';
export * from './identity.events.js';
export * from './deeds.events.js';
export * from './outreach.events.js';
export * from './access.events.js';
export * from './payloads.js';
