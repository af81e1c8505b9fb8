/**
 * The REST benchmark's baseline: a bare Fastify + pg server answering the same two reads as the identity service
 * with the same SQL the service runs for them (the resident by NIK within the caller's region, the family card by
 * No. KK with its members; each followed by its audit row and audit results in one transaction, because the
 * service may not return a record without the audit trail, UU 27/2022) — but no Nest, no authentication, no
 * validation, no ORM, no problem+json, no logging. It is the floor the service is compared with, not a service.
 *
 *   DATABASE_URL=postgres://… PORT=… node -r ./tools/scripts/ts-register.cjs bench/lib/bare-server.ts
 *
 * Pool size 10, as the service's MikroORM pool (libs/platform/src/database/mikro-orm-config.ts).
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool, type PoolClient } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const REGION = '5316';

async function audit(client: PoolClient, resourceType: string, endpoint: string, results: readonly { id: string; district_code: string }[]): Promise<void> {
  const id = randomUUID();
  await client.query('begin');
  try {
    await client.query(
      `insert into audit_entry (id, at, actor_id, actor_kind, actor_roles, action, resource_type, resource_id, region_code, result_count, endpoint, request_id, outcome)
       values ($1, now(), $2, $3, $4, $5, $6, null, $7, $8, $9, $10, 'SUCCESS')`,
      [id, 'bench-operator', 'user', JSON.stringify(['operator']), 'SEARCH', resourceType, results[0]?.district_code ?? REGION, results.length, endpoint, randomUUID()],
    );
    for (const r of results) await client.query('insert into audit_entry_result (entry_id, resource_id) values ($1, $2)', [id, r.id]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

const app = Fastify({ logger: false });

app.get<{ Querystring: { nik?: string } }>('/residents', async (request, reply) => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query(
      'select r0.* from resident as r0 where r0.nik = $1 and r0.district_code like $2 order by r0.id asc limit $3',
      [request.query.nik ?? '', `${REGION}%`, 51],
    );
    await audit(client, 'resident', 'GET /residents', rows);
    return reply.send({ items: rows });
  } finally {
    client.release();
  }
});

app.get<{ Querystring: { kkNumber?: string } }>('/family-cards', async (request, reply) => {
  const client = await pool.connect();
  try {
    const cards = (await client.query('select f0.* from family_card as f0 where f0.kk_number = $1', [request.query.kkNumber ?? ''])).rows.filter((c) =>
      String(c.district_code).startsWith(REGION),
    );
    const members =
      cards.length === 0
        ? []
        : (
            await client.query(
              'select m0.*, r1.* from family_card_membership as m0 left join resident as r1 on m0.resident_id = r1.id where m0.card_id = any($1)',
              [cards.map((c) => c.id)],
            )
          ).rows;
    await audit(client, 'family-card', 'GET /family-cards', cards);
    return reply.send({ items: cards.map((c) => ({ ...c, members: members.filter((m) => m.card_id === c.id) })) });
  } finally {
    client.release();
  }
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
