/**
 * What a fault run checks afterwards, read straight from the services' own databases and from NATS (read only):
 * every child exactly once in identity, every birth one case in deeds and registered, both outboxes drained,
 * and what lies in the dead letters.
 */
import { connect, type JetStreamManager, type MsgHdrs } from 'nats';
import { Client } from 'pg';

export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface RegisterState {
  /** Children (by their run-unique names) found at least once. */
  readonly childrenFound: number;
  /** Children found more than once (duplicates). */
  readonly childrenDuplicated: number;
  /** Extra rows beyond the first of each child. */
  readonly duplicateRows: number;
  /** Birth deeds identity has applied (deed_event_application). */
  readonly birthDeedsApplied: number;
  /** Of which left for an operator's review. */
  readonly birthDeedsInReview: number;
  /** Children on a family card. */
  readonly childrenOnCard: number;
  readonly unpublishedOutbox: number;
}

export async function identityState(url: string, childNames: readonly string[]): Promise<RegisterState> {
  const [children] = await query<{ found: string; duplicated: string; extra: string; on_card: string }>(
    url,
    `select count(*) as found, count(*) filter (where n > 1) as duplicated, coalesce(sum(n - 1), 0) as extra, coalesce(sum(on_card), 0) as on_card
       from (select full_name, count(*) as n, count(family_card_id) as on_card from resident where full_name = any($1) group by full_name) t`,
    [childNames],
  );
  const [applied] = await query<{ applied: string; review: string }>(
    url,
    `select count(*) as applied, count(*) filter (where outcome <> 'APPLIED') as review from deed_event_application where subject = 'deeds.birth.registered.v1'`,
  );
  const [outbox] = await query<{ n: string }>(url, 'select count(*) as n from outbox_event where published_at is null');
  return {
    childrenFound: Number(children?.found ?? 0),
    childrenDuplicated: Number(children?.duplicated ?? 0),
    duplicateRows: Number(children?.extra ?? 0),
    birthDeedsApplied: Number(applied?.applied ?? 0),
    birthDeedsInReview: Number(applied?.review ?? 0),
    childrenOnCard: Number(children?.on_card ?? 0),
    unpublishedOutbox: Number(outbox?.n ?? 0),
  };
}

/** How many of `childNames` identity holds (at least once): the cheap probe used while waiting. */
export async function childrenPresent(url: string, childNames: readonly string[]): Promise<number> {
  const [row] = await query<{ n: string }>(url, 'select count(distinct full_name) as n from resident where full_name = any($1)', [childNames]);
  return Number(row?.n ?? 0);
}

export interface DeedsState {
  readonly birthCases: number;
  readonly registered: number;
  readonly waitingForIdentity: number;
  /** Reports that joined an existing case (a retried report must not make a second case). */
  readonly duplicateReports: number;
  readonly unpublishedOutbox: number;
}

export async function deedsState(url: string): Promise<DeedsState> {
  const [deeds] = await query<{ cases: string; registered: string; waiting: string }>(
    url,
    `select count(*) as cases, count(*) filter (where status = 'REGISTERED') as registered, count(*) filter (where waiting_for is not null) as waiting
       from deed_record where deed_type = 'BIRTH'`,
  );
  const [notes] = await query<{ n: string }>(url, "select count(*) as n from deed_notification where outcome = 'DUPLICATE'");
  const [outbox] = await query<{ n: string }>(url, 'select count(*) as n from outbox_event where published_at is null');
  return {
    birthCases: Number(deeds?.cases ?? 0),
    registered: Number(deeds?.registered ?? 0),
    waitingForIdentity: Number(deeds?.waiting ?? 0),
    duplicateReports: Number(notes?.n ?? 0),
    unpublishedOutbox: Number(outbox?.n ?? 0),
  };
}

export interface DeadLetter {
  readonly stream: string;
  readonly subject: string;
  readonly reason?: string;
  readonly detail?: string;
  readonly consumer?: string;
  readonly data: string;
}

/** Every message in the run's dead-letter streams (`<PREFIX>_DEADLETTER_*`), read from the server or cluster at `servers`. */
export async function deadLetters(servers: readonly string[], prefix: string): Promise<DeadLetter[]> {
  const streamPrefix = `${prefix.toUpperCase().replace(/-/g, '_')}_DEADLETTER_`;
  const nc = await connect({ servers: [...servers] });
  try {
    const jsm: JetStreamManager = await nc.jetstreamManager();
    const letters: DeadLetter[] = [];
    for await (const stream of jsm.streams.list()) {
      if (!stream.config.name.startsWith(streamPrefix)) continue;
      for (let seq = stream.state.first_seq; seq <= stream.state.last_seq && stream.state.messages > 0; seq++) {
        const m = await jsm.streams.getMessage(stream.config.name, { seq }).catch(() => undefined);
        if (!m) continue;
        const h: MsgHdrs | undefined = m.header;
        letters.push({
          stream: stream.config.name,
          subject: m.subject,
          reason: h?.get('x-dead-letter-reason'),
          detail: h?.get('x-dead-letter-detail'),
          consumer: h?.get('x-dead-letter-consumer'),
          data: new TextDecoder().decode(m.data).slice(0, 200),
        });
      }
    }
    return letters;
  } finally {
    await nc.close();
  }
}

export interface StreamReplicas {
  /** The stream's name (with the run's prefix). */
  readonly stream: string;
  /** config.num_replicas */
  readonly replicas: number;
  /** The server leading it (none during an election). */
  readonly leader?: string;
  /** The other servers holding it, and whether each is current (caught up with the leader). */
  readonly peers: ReadonlyArray<{ readonly name: string; readonly current: boolean }>;
  readonly messages: number;
}

/** The replicas of every stream of the run (`<PREFIX>_*`) as the cluster reports them (stream info). */
export async function streamReplicas(servers: readonly string[], prefix: string): Promise<StreamReplicas[]> {
  const streamPrefix = `${prefix.toUpperCase().replace(/-/g, '_')}_`;
  const nc = await connect({ servers: [...servers] });
  try {
    const jsm = await nc.jetstreamManager();
    const found: StreamReplicas[] = [];
    for await (const listed of jsm.streams.list()) {
      if (!listed.config.name.startsWith(streamPrefix)) continue;
      // The listing may come from before the last change; ask the stream's leader now.
      const info = await jsm.streams.info(listed.config.name);
      found.push({
        stream: info.config.name,
        replicas: info.config.num_replicas,
        leader: info.cluster?.leader,
        peers: (info.cluster?.replicas ?? []).map((r) => ({ name: r.name, current: r.current })),
        messages: info.state.messages,
      });
    }
    return found.sort((a, b) => a.stream.localeCompare(b.stream));
  } finally {
    await nc.close();
  }
}

/** Whether a stream is held by `replicas` servers, its leader and every other one current. */
export function fullyReplicated(s: StreamReplicas, replicas: number): boolean {
  return s.replicas === replicas && s.leader !== undefined && s.peers.length === replicas - 1 && s.peers.every((p) => p.current);
}

/** Residents under 18 in identity's register on `asOf` (the whole of the birth-deed indicator). */
export async function identityChildren(url: string, asOf: string): Promise<number> {
  const eighteenYearsBefore = `${Number(asOf.slice(0, 4)) - 18}${asOf.slice(4)}`;
  const [row] = await query<{ n: string }>(url, "select count(*) as n from resident where status = 'ALIVE' and birth_date > $1 and birth_date <= $2", [eighteenYearsBefore, asOf]);
  return Number(row?.n ?? 0);
}

export interface ReportingChildren {
  /** BIRTH_DEED_0_18's whole: residents aged 0–17. */
  readonly children: number;
  readonly withBirthDeed: number;
  /** KIA's covered part. */
  /** Null when the public answer withholds it (a small cell, 1–4, or the part that would give one back). */
  readonly withKia: number | null;
}

/** The reporting service's figures about children in the regency, from its public indicators. */
export async function reportingChildren(reportingUrl: string, regency: string): Promise<ReportingChildren> {
  const res = await fetch(`${reportingUrl}/indicators?region=${regency}`, { signal: AbortSignal.timeout(30_000) });
  if (res.status !== 200) throw new Error(`reporting answered ${res.status}`);
  const body = (await res.json()) as { indicators: Array<{ id: string; total: number; parts: Array<{ key: string; count: number }> }> };
  const byId = (id: string) => body.indicators.find((i) => i.id === id);
  const part = (id: string, key: string) => byId(id)?.parts.find((p) => p.key === key)?.count ?? 0;
  // A withheld KIA part (small cells: the part without a KIA is 1–4, so the part with one is withheld too) is
  // unknown, not 0: the check then cannot compare it.
  const kia = byId('KIA')?.parts.find((p) => p.key === 'WITH_KIA')?.count;
  return { children: byId('BIRTH_DEED_0_18')?.total ?? 0, withBirthDeed: part('BIRTH_DEED_0_18', 'WITH_DEED'), withKia: kia === undefined ? 0 : kia };
}

/** Living residents under 18 whose KIA identity has printed (what reporting's KIA part "with KIA" counts). */
export async function identityKiaHolders(url: string, asOf: string): Promise<number> {
  const eighteenYearsBefore = `${Number(asOf.slice(0, 4)) - 18}${asOf.slice(4)}`;
  const [row] = await query<{ n: string }>(
    url,
    `select count(distinct k.resident_id) as n from kia_action k join resident r on r.id = k.resident_id
      where k.type = 'PRINT' and r.status = 'ALIVE' and r.birth_date > $1 and r.birth_date <= $2`,
    [eighteenYearsBefore, asOf],
  );
  return Number(row?.n ?? 0);
}
