/** The identity service's request/reply subjects (NATS, queue group 'identity'): what other services may ask. */
import { Module } from '@nestjs/common';
import { FamilyCardByNumberHandler } from './family-card-by-number.handler';
import { FamilyCardLookupService } from './family-card-lookup.service';
import { ResidentByBirthDeedHandler } from './resident-by-birth-deed.handler';
import { ResidentByNikHandler } from './resident-by-nik.handler';
import { ResidentLookupService } from './resident-lookup.service';

@Module({ providers: [ResidentByNikHandler, ResidentByBirthDeedHandler, ResidentLookupService, FamilyCardByNumberHandler, FamilyCardLookupService] })
export class IdentityRpcModule {}
