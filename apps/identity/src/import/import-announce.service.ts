/**
 * `import <file> --announce`: the events of an import that ran with --no-events (an initial load, written as
 * fast as possible), recorded afterwards — identity.resident.registered.v1 (origin IMPORT) for every resident and
 * identity.family-card.changed.v1 (CARD_IMPORTED) for every card the job created, in the outbox, from where the
 * running service's relay publishes them and reporting builds its read models as it would have from the import.
 *
 * The job's cards are taken in id order, 1,000 per transaction, each transaction moving the job's
 * `announcedThrough` checkpoint with its events: stopped or killed, the command resumes where it was, and no
 * event is recorded twice. The events carry the residents as they are when announced (a marital status changed
 * since the import is the new one). Announce before the office starts working on the imported records, so that
 * consumers see each resident registered before anything else happens to them.
 */
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { databaseKind, Problem, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import { Resident } from '../residents/resident.entity';
import { FamilyCardVersion } from '../family-cards/family-card-version.entity';
import { cardImportedEvent, residentRegisteredEvent, type AnnouncedResident } from './import-events.mapper';
import { ImportIds } from './import-ids';
import { ImportJob } from './import-job.entity';
import { ImportedDocument } from './imported-document.entity';
import { encodeRows, ImportWriter, OUTBOX_TABLE, type Row } from './import-writer.repository';
import { hashFile } from './register-file';

export interface AnnounceOutcome {
  readonly jobId: string;
  readonly cards: number;
  readonly residents: number;
  readonly elapsedMs: number;
}

const CARDS_PER_BATCH = 1000;

@Injectable()
export class ImportAnnounceService {
  constructor(
    private readonly orm: MikroORM,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async announce(file: string, onProgress?: (cards: number) => void): Promise<AnnounceOutcome> {
    const started = Date.now();
    let sha256: string;
    try {
      sha256 = (await hashFile(file)).sha256;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw Problem.notFound('IMPORT_FILE_NOT_FOUND', 'no such file');
      throw error;
    }
    const job = await this.orm.em.fork().findOne(ImportJob, { sha256 });
    if (!job) throw Problem.notFound('IMPORT_NOT_FOUND', 'this file has not been imported: there is nothing to announce');
    if (job.withEvents) throw Problem.conflict('IMPORT_ALREADY_ANNOUNCED', `the events of import ${job.id} are in the outbox already`);
    if (job.status !== 'COMPLETED') throw Problem.conflict('IMPORT_NOT_COMPLETED', `import ${job.id} is not finished: run it again to finish it, then announce it`);

    const kind = databaseKind(this.config.databaseUrl);
    const ids = new ImportIds();
    const requestId = `import:${job.id}`;
    let checkpoint = job.announcedThrough ?? null;
    let cards = 0;
    let residents = 0;
    for (;;) {
      const batch = await this.orm.em.fork().transactional(async (tx) => {
        const writer = new ImportWriter(tx, kind);
        const locked = await writer.lockJob(job.id);
        if ((locked?.announcedThrough ?? null) !== checkpoint) {
          throw Problem.conflict('IMPORT_RUNNING_ELSEWHERE', `another run is announcing import ${job.id}: only one at a time`);
        }
        const versions = await tx.find(
          FamilyCardVersion,
          { requestId, version: 1, ...(checkpoint ? { card: { $gt: checkpoint } } : {}) },
          { orderBy: { card: 'asc' }, limit: CARDS_PER_BATCH, populate: ['card'] },
        );
        if (versions.length === 0) {
          await tx.nativeUpdate(ImportJob, { id: job.id }, { withEvents: true, updatedAt: new Date() });
          return undefined;
        }
        const members = await tx.find(Resident, { id: { $in: versions.flatMap((v) => v.members.map((m) => m.residentId)) } });
        const byId = new Map(members.map((r) => [r.id, r]));
        const documents = new Map((await tx.find(ImportedDocument, { residentId: { $in: members.map((r) => r.id) } })).map((d) => [d.residentId, d]));
        const now = new Date();
        const events: Row[] = [];
        versions.forEach((v, i) => {
          const card = v.card;
          for (const m of v.members) {
            const r = byId.get(m.residentId);
            if (!r) continue;
            const d = documents.get(r.id);
            const said = d
              ? {
                  ...(d.ektpState ? { ektpState: d.ektpState as AnnouncedResident['ektpState'] } : {}),
                  ...(d.kiaState ? { kiaState: d.kiaState as AnnouncedResident['kiaState'] } : {}),
                  ...(d.birthDeed !== null && d.birthDeed !== undefined ? { birthDeed: d.birthDeed } : {}),
                  ...(d.ektpRecordedOn ? { ektpRecordedOn: d.ektpRecordedOn } : {}),
                  ...(d.registeredOn ? { registeredOn: d.registeredOn } : {}),
                }
              : {};
            events.push(residentRegisteredEvent(ids.next(), r.id, { ...r, ...said }, card.id, requestId, now, i === 0));
          }
          events.push(cardImportedEvent(ids.next(), { id: card.id, kkNumber: v.kkNumber, memberCount: v.members.length, districtCode: card.districtCode, villageCode: card.villageCode }, requestId, now, i === 0));
        });
        await writer.insert(OUTBOX_TABLE, [encodeRows(kind, OUTBOX_TABLE, events)]);
        const last = (versions[versions.length - 1] as FamilyCardVersion).card.id;
        await tx.nativeUpdate(ImportJob, { id: job.id }, { announcedThrough: last, updatedAt: now });
        return { last, cards: versions.length, residents: events.length - versions.length };
      });
      if (!batch) break;
      checkpoint = batch.last;
      cards += batch.cards;
      residents += batch.residents;
      onProgress?.(cards);
    }
    return { jobId: job.id, cards, residents, elapsedMs: Date.now() - started };
  }
}
