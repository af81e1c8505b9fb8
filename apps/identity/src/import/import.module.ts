/**
 * Bulk import of an existing population register (identity service). Its entities, ImportJob and
 * ImportRejection, are listed in identity.database.ts; it is run as a command (import.command.ts).
 */
import { Module } from '@nestjs/common';
import { ImportAnnounceService } from './import-announce.service';
import { ImportService } from './import.service';

@Module({
  providers: [ImportService, ImportAnnounceService],
  exports: [ImportService, ImportAnnounceService],
})
export class ImportModule {}
