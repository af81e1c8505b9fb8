// For the OpenSID export's round trips (opensid-export.spec.ts on SQLite, opensid-export.int-spec.ts on PostgreSQL):
// a generated register of one kecamatan with every marital status, addresses in the shape the OpenSID import composes
// and others, e-KTP states and OpenSID occupation labels; and a snapshot of a register's residents and cards (every
// particular, by NIK and No. KK) to compare two registers.
import { EntityManager } from '@mikro-orm/core';
import { foldEktp } from '@adminduk/domain';
import { localDate } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { EktpActionRecord } from '../src/ektp/ektp-action.entity';
import { ektpActionOf } from '../src/ektp/ektp.service';
import { FamilyCard } from '../src/family-cards/family-card.entity';
import { FamilyCardMembership } from '../src/family-cards/family-card-membership.entity';
import { Resident } from '../src/residents/resident.entity';
import { PopulationGenerator, type RegisterFamily } from './import-fixtures';

/** Cards of one kecamatan (the first of Nagekeo's whose share of `families` is largest), ready for the CSV import. */
export function kecamatanRegister(seed: number, asOf: string, families: number): { districtCode: string; families: RegisterFamily[] } {
  const all = new PopulationGenerator(seed, asOf).families(families);
  const counts = new Map<string, number>();
  for (const f of all) counts.set(f.rows[0]?.district_code as string, (counts.get(f.rows[0]?.district_code as string) ?? 0) + 1);
  const districtCode = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  const chosen = all.filter((f) => f.rows[0]?.district_code === districtCode);
  chosen.forEach((family, i) => {
    const year = Number(asOf.slice(0, 4));
    for (const row of family.rows) {
      // Addresses as the OpenSID import composes them (split back into alamat, dusun, RT, RW) and others (whole in alamat).
      if (i % 3 === 0) row.address = `Jl. Ahmad Yani No. ${i + 1}, Dusun Kotakeo, RT 001/RW 002`;
      else if (i % 5 === 0) row.address = `Dusun Nggolonio, RT 00${(i % 9) + 1}/RW 001`;
      else if (i % 7 === 0) row.address = `Jl. Trans Flores, RT -/RW 003`;
      // An occupation that is exactly OpenSID's label (written as its number) and one in another case (as text).
      if (row.occupation === 'Petani/Pekebun' && i % 2 === 0) row.occupation = 'PETANI/PEKEBUN';
      // e-KTP states the register holds (the import writes them as a baseline): recorded or issued for some adults.
      const age = year - Number(row.birth_date.slice(0, 4));
      if (age >= 25 && i % 4 === 1) row.ektp_state = 'RECORDED';
      else if (age >= 25 && i % 4 === 2) row.ektp_state = 'ISSUED';
    }
  });
  return { districtCode, families: chosen };
}

export interface ResidentSnapshot {
  readonly nik: string;
  readonly particulars: Record<string, unknown>;
  readonly ektp: string | undefined;
}

export interface CardSnapshot {
  readonly kkNumber: string;
  readonly districtCode: string;
  readonly villageCode: string;
  readonly address: string;
  readonly members: readonly { nik: string; relationship: number; position: number; father?: string; mother?: string }[];
}

/** The living residents of a kecamatan and its active cards, by NIK and No. KK, everything compared in a round trip. */
export async function snapshot(t: TestApp, districtCode: string): Promise<{ residents: ResidentSnapshot[]; cards: CardSnapshot[] }> {
  const em = t.app.get(EntityManager).fork();
  const asOf = localDate(t.config.utcOffset);
  const residents = await em.find(Resident, { districtCode, status: 'ALIVE' }, { orderBy: { nik: 'asc' } });
  const nikOf = new Map(residents.map((r) => [r.id, r.nik]));
  const actions = await em.find(EktpActionRecord, { residentId: { $in: residents.map((r) => r.id) } }, { orderBy: { residentId: 'asc', seq: 'asc' } });
  const ektpOf = (r: Resident): string | undefined => {
    const folded = foldEktp(actions.filter((a) => a.residentId === r.id).map(ektpActionOf), { birthDate: r.birthDate, maritalStatus: r.maritalStatus }, { asOf });
    return folded.ok ? folded.value.status : undefined;
  };
  const cards = await em.find(FamilyCard, { districtCode, status: 'ACTIVE' }, { orderBy: { kkNumber: 'asc' } });
  const memberships = await em.find(FamilyCardMembership, { card: { $in: cards.map((c) => c.id) } }, { orderBy: { position: 'asc' } });
  return {
    residents: residents.map((r) => ({
      nik: r.nik,
      particulars: {
        fullName: r.fullName,
        birthPlace: r.birthPlace,
        birthDate: r.birthDate,
        sex: r.sex,
        religion: r.religion,
        maritalStatus: r.maritalStatus,
        education: r.education ?? null,
        bloodType: r.bloodType ?? null,
        occupation: r.occupation ?? null,
        motherName: r.motherName,
        fatherName: r.fatherName ?? null,
        districtCode: r.districtCode,
        villageCode: r.villageCode,
        address: r.address,
      },
      ektp: ektpOf(r),
    })),
    cards: cards.map((c) => ({
      kkNumber: c.kkNumber,
      districtCode: c.districtCode,
      villageCode: c.villageCode,
      address: c.address,
      members: memberships
        .filter((m) => m.card.id === c.id)
        .map((m) => ({
          nik: nikOf.get(m.resident.id) as string,
          relationship: m.relationship,
          position: m.position,
          ...(m.fatherResidentId ? { father: nikOf.get(m.fatherResidentId) } : {}),
          ...(m.motherResidentId ? { mother: nikOf.get(m.motherResidentId) } : {}),
        })),
    })),
  };
}
