/**
 * Whether a data-access agreement is in force on an office day (the day at UTC_OFFSET, +08:00 / WITA in Nagekeo):
 * from signedOn to expiresOn, both included. Outside those days its keys are refused with 403 — AGREEMENT_EXPIRED
 * after the last day, AGREEMENT_NOT_IN_FORCE before the first — naming the agreement and its days only.
 */
import type { DataAgreementConfig } from '../config/data-agreements';
import { Problem } from '../errors/problem';

export type AgreementStanding = 'in-force' | 'expired' | 'not-yet-in-force';

export function agreementStanding(agreement: Pick<DataAgreementConfig, 'signedOn' | 'expiresOn'>, officeDay: string): AgreementStanding {
  // yyyy-mm-dd strings compare as the days they name.
  if (officeDay > agreement.expiresOn) return 'expired';
  if (officeDay < agreement.signedOn) return 'not-yet-in-force';
  return 'in-force';
}

/** 403 AGREEMENT_EXPIRED or AGREEMENT_NOT_IN_FORCE unless the agreement is in force on the office day. */
export function requireAgreementInForce(agreement: DataAgreementConfig, officeDay: string): void {
  const standing = agreementStanding(agreement, officeDay);
  if (standing === 'expired') {
    throw Problem.forbidden('AGREEMENT_EXPIRED', `the data-access agreement ${agreement.number} expired after ${agreement.expiresOn}; this key is stopped until the office registers a renewed agreement`);
  }
  if (standing === 'not-yet-in-force') {
    throw Problem.forbidden('AGREEMENT_NOT_IN_FORCE', `the data-access agreement ${agreement.number} comes into force on ${agreement.signedOn}; this key is refused until then`);
  }
}
