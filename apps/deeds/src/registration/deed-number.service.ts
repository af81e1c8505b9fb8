/**
 * Deed numbers from the domain allocator (allocateDeedNumber, format from DEEDS_NUMBER_*), one sequence per
 * (office, deed type, year), serialized by the counter row's lock (PostgreSQL: SELECT … FOR UPDATE) inside the
 * registration's transaction: the number and the deed are saved together or not at all, and never reused.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { allocateDeedNumber, type DeedType } from '@adminduk/domain';
import { itemsFromDomain, Problem, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';
import { DeedAccessService } from '../cases/deed-access.service';
import { DEEDS_CONFIG, type DeedsConfig } from '../deeds.config';
import { DeedNumberCounter } from './deed-number-counter.entity';

@Injectable()
export class DeedNumberService {
  constructor(
    private readonly access: DeedAccessService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(DEEDS_CONFIG) private readonly deeds: DeedsConfig,
  ) {}

  /** The next number for a deed of `deedType` registered on `date` (the office's date), in `tx`. */
  async allocate(tx: EntityManager, deedType: DeedType, date: string): Promise<string> {
    const scope = `${this.config.regencyCode}:${deedType}:${date.slice(0, 4)}`;
    await tx.getConnection().execute('insert into deed_number_counter (scope, last_sequence) values (?, 0) on conflict (scope) do nothing', [scope], 'run', tx.getTransactionContext());
    const counter = await tx.findOneOrFail(DeedNumberCounter, { scope }, { lockMode: this.access.lockMode() });
    const allocated = allocateDeedNumber({ regionCode: this.config.regencyCode, deedType, date, lastSequence: counter.lastSequence }, this.deeds.deedNumberFormat);
    if (!allocated.ok) throw Problem.unprocessable('DEED_NUMBER_NOT_ALLOCATED', 'no deed number can be allocated', itemsFromDomain(allocated.errors));
    counter.lastSequence = allocated.value.sequence;
    return allocated.value.deedNumber;
  }
}
