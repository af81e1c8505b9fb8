/**
 * The reporting service's own use per agreement (integrators reading figures with their keys): it has no stream to
 * publish on, so the platform's counter hands the increments here and each becomes a row of the read model the other
 * services' `<service>.agreement.used.v1` events fill, as service `reporting` (kept by a replay, which rebuilds only
 * what the streams hold). One transaction per flush.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { AgreementUse as CountedUse, AgreementUseSink } from '@adminduk/platform';
import { AgreementUse, OWN_USE_SERVICE } from './agreement-use.entity';

@Injectable()
export class ReportingAgreementUseSink implements AgreementUseSink {
  constructor(private readonly orm: MikroORM) {}

  async write(uses: readonly CountedUse[]): Promise<void> {
    const em = this.orm.em.fork();
    for (const use of uses) em.create(AgreementUse, { id: randomUUID(), service: OWN_USE_SERVICE, agreement: use.agreement, day: use.day, requests: use.requests, refused: use.refused });
    await em.flush();
  }
}
