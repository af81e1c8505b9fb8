/** Reads what a deed view shows: the record, its folded state, documents, copies and partners' reports. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { DeedCopy } from '../copies/deed-copy.entity';
import { KutipanPdfService } from '../copies/kutipan-pdf.service';
import { DeedDocument } from '../documents/deed-document.entity';
import { OfficeClockService } from '../office-clock.service';
import type { DeedActionRecord } from './deed-action.entity';
import { DeedJournalService } from './deed-journal.service';
import { DeedNotification } from './deed-notification.entity';
import type { DeedRecord } from './deed-record.entity';
import type { DeedView } from './deed.dto';
import { toDeedView } from './deed.mapper';

@Injectable()
export class DeedViewsService {
  constructor(
    private readonly journal: DeedJournalService,
    private readonly pdf: KutipanPdfService,
    private readonly clock: OfficeClockService,
  ) {}

  async view(em: EntityManager, record: DeedRecord, rows?: readonly DeedActionRecord[]): Promise<DeedView> {
    const actions = rows ?? (await this.journal.actions(em, record.id));
    const state = await this.journal.state(em, record, actions);
    const documents = await em.find(DeedDocument, { deedId: record.id }, { orderBy: { id: 'asc' } });
    const copies = await em.find(DeedCopy, { deedId: record.id }, { orderBy: { id: 'asc' } });
    const notifications = await em.find(DeedNotification, { deedId: record.id }, { orderBy: { id: 'asc' } });
    return toDeedView({ record, state, actions, documents, copies, notifications, verificationUrl: (code) => this.pdf.verificationUrl(code), instant: (moment) => this.clock.instant(moment) });
  }
}
