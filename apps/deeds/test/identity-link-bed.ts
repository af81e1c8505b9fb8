// The test bed of the deeds int-specs in which identity or NATS goes away (identity-outage, nats-reconnect-retry):
// a NATS server of the test's own (so that it can be stopped), a PostgreSQL database, deeds on both, the three
// callers, and births verified and ready for registration. `close` removes all of it, whatever the test left.
import { STREAMS } from '@adminduk/contracts';
import { NatsService } from '@adminduk/platform';
import { createDatabase, dropDatabase, startPrivateNatsServer, uniqueNatsPrefix, type PrivateNatsServer, type TestApp } from '@adminduk/platform/testing';
import { BIRTH_DOCUMENTS, birthReport, bootDeeds, Caller, completeAndVerify, family, PARTNERS, type Reply } from './deed-fixtures';
import { deleteStream, REGISTER } from './fake-identity';

export interface IdentityLinkBed {
  readonly server: PrivateNatsServer;
  /** NATS_URL and NATS_PREFIX of this bed (for a fake identity on the same server and prefix). */
  readonly env: Record<string, string>;
  readonly deeds: TestApp;
  readonly pustu: Caller;
  readonly operator: Caller;
  readonly registrar: Caller;
  /** A verified birth of a new family, which identity knows (once it answers). */
  verifiedBirth(child: { fullName: string; sex: 'M' | 'F' }): Promise<Reply>;
  /** Deletes the stream, closes `identity` (if any) and deeds, drops the database, stops NATS. */
  close(identity?: TestApp): Promise<void>;
}

/**
 * `name`: the database's and prefix's stem; `deedsEnv`: deeds' own settings (retry and time-out of the identity link);
 * `kkFrom`: where this bed's family card numbers start (each spec its own range: the fake register is shared).
 */
export async function startIdentityLinkBed(name: string, deedsEnv: Record<string, string>, kkFrom: number): Promise<IdentityLinkBed> {
  const server = await startPrivateNatsServer();
  const env = { NATS_URL: server.url, NATS_PREFIX: uniqueNatsPrefix(name) };
  let db: { name: string; url: string } | undefined;
  let deeds: TestApp | undefined;
  try {
    db = await createDatabase(name.replace(/-/g, ''));
    deeds = await bootDeeds({ ...env, DATABASE_URL: db.url, NATS_ENABLED: 'true' }, deedsEnv);
    await deeds.app.get(NatsService).ready();
  } catch (error) {
    // Nothing of a bed that did not start is left behind.
    await deeds?.close().catch(() => undefined);
    if (db) await dropDatabase(db.name).catch(() => undefined);
    await server.dispose();
    throw error;
  }
  const app = deeds;
  const dbName = db.name;
  const pustu = Caller.partner(app, PARTNERS.pustuBoawae);
  const operator = await Caller.user(app, ['operator'], ['531603'], 'op-boawae');
  const registrar = await Caller.user(app, ['registrar'], ['5316'], 'pejabat-pencatatan-sipil');
  let kk = kkFrom;
  return {
    server,
    env,
    deeds: app,
    pustu,
    operator,
    registrar,
    async verifiedBirth(child) {
      const parents = family('531603');
      REGISTER.addFamily(`53160305012000${String(++kk).padStart(2, '0')}`, parents, '531603', '5316031001');
      const report = await pustu.ok('/notifications', birthReport(parents), 201);
      return completeAndVerify(operator, report.body.deedId, BIRTH_DOCUMENTS, { particulars: { child: { ...child, religion: 'KATOLIK' } } });
    },
    async close(identity) {
      try {
        await deleteStream(app.app.get(NatsService), STREAMS.deeds.name);
        await identity?.close();
        await app.close();
        await dropDatabase(dbName);
      } finally {
        await server.dispose();
      }
    },
  };
}
