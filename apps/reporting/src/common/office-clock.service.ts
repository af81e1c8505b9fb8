/** The office's calendar day today (UTC_OFFSET, WITA in Nagekeo): the default date of every figure. */
import { Inject, Injectable } from '@nestjs/common';
import { localDate, SERVICE_CONFIG, type ServiceConfig } from '@adminduk/platform';

@Injectable()
export class OfficeClockService {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  today(): string {
    return localDate(this.config.utcOffset);
  }
}
