/**
 * The payloads of deeds.deed.corrected.v1 (pembetulan, UU 23/2006 art. 71) and deeds.deed.annulled.v1 (pembatalan,
 * art. 72), built from the record as the action left it: identity keeps the register equal to the deed, so it
 * needs the persons by NIK and, for a correction, the register particulars with their values before and after.
 */
import { REGISTER_PARTICULARS, type DeedAnnulled, type DeedCorrected, type RegisterParticular } from '@adminduk/contracts';
import type { DeedState, FieldChange } from '@adminduk/domain';
import type { DeedRecord } from './deed-record.entity';

const ROLES = ['child', 'mother', 'father', 'deceased', 'husband', 'wife', 'adopter'] as const;
type Role = (typeof ROLES)[number];

/** The persons the deed names by NIK, as the registered-deed events name them. */
export function personsOfDeed(record: DeedRecord): DeedCorrected['persons'] {
  const p = record.particulars as Partial<Record<Role, { nik?: string } | undefined>>;
  const out: { role: Role; nik: string }[] = [];
  for (const role of ROLES) {
    const nik = p[role]?.nik;
    if (typeof nik === 'string' && /^\d{16}$/.test(nik)) out.push({ role, nik });
  }
  return out;
}

function amended(record: DeedRecord, state: DeedState) {
  return {
    deedId: record.id,
    // A corrected or annulled deed is REGISTERED or ISSUED first (the domain's table), so it has a number.
    deedType: record.deedType,
    deedNumber: state.deedNumber as string,
    eventDate: state.eventDate,
    persons: personsOfDeed(record),
    districtCode: record.districtCode,
    ...(record.villageCode ? { villageCode: record.villageCode } : {}),
  };
}

const isRegisterParticular = (field: string): field is RegisterParticular => (REGISTER_PARTICULARS as readonly string[]).includes(field);

export function correctedPayload(record: DeedRecord, state: DeedState, at: string, changes: readonly FieldChange[], reason: string): DeedCorrected {
  return {
    ...amended(record, state),
    correctedAt: at,
    deedVersion: state.version,
    fields: changes.map((c) => c.field),
    changes: changes.flatMap((c) => (isRegisterParticular(c.field) ? [{ field: c.field, from: c.from, to: c.to }] : [])),
    reason,
  };
}

export function annulledPayload(record: DeedRecord, state: DeedState, at: string, courtDecision: { number: string; finalOn: string }, reason?: string): DeedAnnulled {
  return { ...amended(record, state), annulledAt: at, courtDecision: { number: courtDecision.number, finalOn: courtDecision.finalOn }, ...(reason ? { reason } : {}) };
}
