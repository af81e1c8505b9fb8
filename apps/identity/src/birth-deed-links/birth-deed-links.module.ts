/** Birth deed → resident (BirthDeedLink, listed in identity.database.ts), kept from identity.resident.birth-deed-linked.v1. */
import { Module } from '@nestjs/common';
import { BirthDeedLinksHandler } from './birth-deed-links.handler';

@Module({ providers: [BirthDeedLinksHandler] })
export class BirthDeedLinksModule {}
