/**
 * The region part shared by NIK and No. KK: digits 1–6 are province (2), regency or city (2) and kecamatan
 * (2) of the issuing office (PP 37/2007 art. 37). Internal to the identifiers.
 */
import {
  CODE_RETIRED,
  CODE_UNKNOWN,
  districtCodeStatus,
  provinceCodeStatus,
  regencyCodeStatus,
} from '../regions/regions.js';

export interface RegionCheck {
  /** Why the region is unknown, or undefined when province and regency are known. */
  readonly unknown?: string;
  /** True when the kecamatan is missing from our data under a known regency (a warning only). */
  readonly districtUnknown: boolean;
  /** True when the code is a retired one: the kecamatan, or (when that is unknown) the regency. */
  readonly historical: boolean;
}

const KNOWN_CURRENT: RegionCheck = { districtUnknown: false, historical: false };
const KNOWN_RETIRED: RegionCheck = { districtUnknown: false, historical: true };

export function checkRegion(regency: number, district: number): RegionCheck {
  const regencyStatus = regencyCodeStatus(regency);
  if (regencyStatus === CODE_UNKNOWN) {
    const province = Math.floor(regency / 100);
    const pp = (province < 10 ? '0' : '') + province;
    const unknown =
      provinceCodeStatus(province) === CODE_UNKNOWN
        ? `province code ${pp} is not in the current or the retired region list`
        : `regency code ${pp}.${String(regency % 100).padStart(2, '0')} is not in the current or the retired region list`;
    return { unknown, districtUnknown: false, historical: false };
  }
  const districtStatus = districtCodeStatus(district);
  if (districtStatus === CODE_UNKNOWN) {
    return { districtUnknown: true, historical: regencyStatus === CODE_RETIRED };
  }
  return districtStatus === CODE_RETIRED ? KNOWN_RETIRED : KNOWN_CURRENT;
}

export function districtUnknownMessage(district: number): string {
  const s = String(district).padStart(6, '0');
  return (
    `kecamatan code ${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4)} is not in our region data (which starts in 2016); ` +
    'it may be an older code'
  );
}
