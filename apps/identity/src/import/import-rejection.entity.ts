/**
 * A row of a register file that was not imported, and why: the rows of the import's validation report. Written
 * in the transaction of the batch the row belongs to, so that a resumed import reports every row exactly once.
 * It holds no personal data in clear: the NIK and No. KK masked as in the logs, no name, address or birth date
 * (messages are scrubbed of dates); the line number leads the operator to the row in their own file.
 */
import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { ImportJob } from './import-job.entity';

@Entity({ tableName: 'import_rejection' })
export class ImportRejection {
  [PrimaryKeyProp]?: ['job', 'line'];

  @ManyToOne(() => ImportJob, { primary: true, deleteRule: 'cascade' })
  job!: ImportJob;

  /** The line of the file the row starts on (the CSV header is line 1). */
  @PrimaryKey({ type: 'integer' })
  line!: number;

  /** '531601******0001', or stars when the value is not a NIK. */
  @Property({ length: 32 })
  maskedNik!: string;

  @Property({ length: 32 })
  maskedKkNumber!: string;

  /** The problem codes, separated by ';' (IMPORT_ROW_CODES and the domain library's codes). */
  @Property({ length: 1000 })
  codes!: string;

  /** One message per code, separated by ' | '. */
  @Property({ type: 'text' })
  messages!: string;
}
