/**
 * The reporting service's own use per agreement (integrators reading figures with their keys): it has no stream to
 * publish on, so the platform's counter hands the increments here and they are added to the same read model the
 * other services' `<service>.agreement.used.v1` events fill, as service `reporting`. One transaction per flush.
 */
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { lockedRow, lockModeFor, SERVICE_CONFIG, type AgreementUse as CountedUse, type AgreementUseSink, type ServiceConfig } from '@adminduk/platform';
import { AgreementUse, agreementUseId } from './agreement-use.entity';

@Injectable()
export class ReportingAgreementUseSink implements AgreementUseSink {
  constructor(
    private readonly orm: MikroORM,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async write(uses: readonly CountedUse[]): Promise<void> {
    const lockMode = lockModeFor(this.config.databaseUrl);
    await this.orm.em.fork().transactional(async (em) => {
      for (const use of uses) {
        const id = agreementUseId('reporting', use.agreement, use.day);
        const row = await lockedRow(em, AgreementUse, 'id', id, () => ({ id, service: 'reporting', agreement: use.agreement, day: use.day, requests: 0, refused: 0 }), lockMode);
        row.requests += use.requests;
        row.refused += use.refused;
      }
    });
  }
}
