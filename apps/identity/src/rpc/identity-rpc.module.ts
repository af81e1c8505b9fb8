/** The identity service's request/reply subjects (NATS, queue group 'identity'): what other services may ask. */
import { Module } from '@nestjs/common';
import { ResidentByNikHandler } from './resident-by-nik.handler';
import { ResidentLookupService } from './resident-lookup.service';

@Module({ providers: [ResidentByNikHandler, ResidentLookupService] })
export class IdentityRpcModule {}
