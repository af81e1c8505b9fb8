/** The identity service's entities and migrations (one list per database kind; see tools/db/migrations.ts). */
import type { DatabaseDefinition } from '@adminduk/platform';
import { Resident } from './residents/resident.entity';
import { NikSerialCounter } from './residents/nik-serial.entity';
import { MIGRATIONS } from './migrations';

export const IDENTITY_ENTITIES = [Resident, NikSerialCounter];

export const IDENTITY_DATABASE: DatabaseDefinition = { entities: IDENTITY_ENTITIES, migrations: MIGRATIONS };
