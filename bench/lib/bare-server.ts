/**
 * The REST benchmark's baseline: a bare Fastify + pg server answering the same two reads as the identity service
 * with the same SQL the service runs for them (the resident by NIK within the caller's region, the family card by
 * No. KK with its members; each followed by its audit row and audit results, written by group commit as the service
 * writes them, because the service may not return a record without the audit trail, UU 27/2022) — but no Nest, no authentication, no
 * validation, no ORM, no problem+json, no logging. It is the floor the service is compared with, not a service.
 *
 *   DATABASE_URL=postgres://… PORT=… node -r ./tools/scripts/ts-register.cjs bench/lib/bare-server.ts
 *
 * Pool size 10, as the service's MikroORM pool (libs/platform/src/database/mikro-orm-config.ts).
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const REGION = '5316';

interface AuditRow {
  readonly id: string;
  readonly resourceType: string;
  readonly endpoint: string;
  readonly results: readonly { id: string; district_code: string }[];
}

interface WaitingRow {
  readonly row: AuditRow;
  readonly done: (error?: unknown) => void;
}

const waiting: WaitingRow[] = [];
let writing = false;

/**
 * The audit row of a read, written before the read answers. Like the service (AuditService.recordNow), the rows of
 * reads made at the same moment are written together: one transaction with one multi-row insert per table.
 */
function audit(resourceType: string, endpoint: string, results: readonly { id: string; district_code: string }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    waiting.push({ row: { id: randomUUID(), resourceType, endpoint, results }, done: (error) => (error ? reject(error) : resolve()) });
    if (!writing) {
      writing = true;
      setImmediate(() => void writeWaiting());
    }
  });
}

async function writeWaiting(): Promise<void> {
  try {
    while (waiting.length > 0) {
      const group = waiting.splice(0, 500);
      const client = await pool.connect();
      try {
        await client.query('begin');
        const entryValues: unknown[] = [];
        const entryRows = group.map(({ row }, i) => {
          entryValues.push(row.id, 'bench-operator', 'user', JSON.stringify(['operator']), 'SEARCH', row.resourceType, row.results[0]?.district_code ?? REGION, row.results.length, row.endpoint, randomUUID());
          const p = i * 10;
          return `($${p + 1}, now(), $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, null, $${p + 7}, $${p + 8}, $${p + 9}, $${p + 10}, 'SUCCESS')`;
        });
        await client.query(
          `insert into audit_entry (id, at, actor_id, actor_kind, actor_roles, action, resource_type, resource_id, region_code, result_count, endpoint, request_id, outcome) values ${entryRows.join(', ')}`,
          entryValues,
        );
        const results = group.flatMap(({ row }) => row.results.map((r) => [row.id, r.id]));
        if (results.length > 0) {
          await client.query(`insert into audit_entry_result (entry_id, resource_id) values ${results.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`, results.flat());
        }
        await client.query('commit');
        for (const w of group) w.done();
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        for (const w of group) w.done(error);
      } finally {
        client.release();
      }
    }
  } finally {
    writing = false;
  }
}

const app = Fastify({ logger: false });

// Each query on a pooled connection of its own, as the service's reads outside a transaction.
app.get<{ Querystring: { nik?: string } }>('/residents', async (request, reply) => {
  const { rows } = await pool.query('select r0.* from resident as r0 where r0.nik = $1 and r0.district_code like $2 order by r0.id asc limit $3', [
    request.query.nik ?? '',
    `${REGION}%`,
    51,
  ]);
  await audit('resident', 'GET /residents', rows);
  return reply.send({ items: rows });
});

app.get<{ Querystring: { kkNumber?: string } }>('/family-cards', async (request, reply) => {
  const cards = (await pool.query('select f0.* from family_card as f0 where f0.kk_number = $1', [request.query.kkNumber ?? ''])).rows.filter((c) =>
    String(c.district_code).startsWith(REGION),
  );
  const members =
    cards.length === 0
      ? []
      : (
          await pool.query('select m0.*, r1.* from family_card_membership as m0 left join resident as r1 on m0.resident_id = r1.id where m0.card_id = any($1)', [
            cards.map((c) => c.id),
          ])
        ).rows;
  await audit('family-card', 'GET /family-cards', cards);
  return reply.send({ items: cards.map((c) => ({ ...c, members: members.filter((m) => m.card_id === c.id) })) });
});

app.get('/health/ready', async () => ({ status: 'ok' }));

app
  .listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' })
  .then(() => process.stdout.write('bare server listening\n'))
  .catch((error: unknown) => {
    process.stderr.write(`bare server failed: ${String(error)}\n`);
    process.exit(1);
  });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
