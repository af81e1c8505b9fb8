/** Names of the regency's kecamatan and villages, from the domain library's region data. */
import { Injectable } from '@nestjs/common';
import { findRegion, listDistricts } from '@adminduk/domain';
import { OfficeClockService } from '../common/office-clock.service';

@Injectable()
export class RegionNamesService {
  readonly regencyCode: string;
  readonly regencyName: string;
  private readonly districts: Map<string, string>;

  constructor(clock: OfficeClockService) {
    this.regencyCode = clock.regencyCode;
    this.regencyName = findRegion(clock.regencyCode)?.name ?? clock.regencyCode;
    this.districts = new Map(listDistricts(clock.regencyCode).map((d) => [d.code, d.name]));
  }

  /** The kecamatan of the regency, by code. */
  districtCodes(): string[] {
    return [...this.districts.keys()].sort();
  }

  districtName(code: string): string {
    return this.districts.get(code) ?? findRegion(code)?.name ?? code;
  }
}
