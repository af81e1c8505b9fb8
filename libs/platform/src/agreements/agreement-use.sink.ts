/**
 * The default sink of the use counted per agreement: one `<service>.agreement.used.v1` event per agreement and office
 * day, recorded in the service's outbox in one transaction (the relay publishes them like every other event). A
 * service whose contracts have no such subject (reporting) publishes nothing here; it provides its own sink.
 */
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS, type EventSubject } from '@adminduk/contracts';
import { SERVICE_CONFIG } from '../config/tokens';
import type { ServiceConfig } from '../config/service-config';
import { OutboxService } from '../messaging/outbox.service';
import type { AgreementUse, AgreementUseSink } from './agreement-use.service';

/** The subject a service publishes its agreements' use on, if its contracts have one. */
export function agreementUsedSubject(service: string): EventSubject | undefined {
  const subjects = (SUBJECTS as unknown as Readonly<Record<string, Readonly<Record<string, string>> | undefined>>)[service];
  return subjects?.agreementUsed as EventSubject | undefined;
}

@Injectable()
export class OutboxAgreementUseSink implements AgreementUseSink {
  private readonly subject: EventSubject | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxService,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.subject = agreementUsedSubject(config.service);
  }

  async write(uses: readonly AgreementUse[]): Promise<void> {
    const subject = this.subject;
    if (!subject) return;
    await this.orm.em.fork().transactional(async (em) => {
      for (const use of uses) this.outbox.record(em, subject as typeof SUBJECTS.identity.agreementUsed, use);
    });
  }
}
