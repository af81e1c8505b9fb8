/**
 * Requests answered under each data-access agreement (PKS): one row per report of use — each
 * `<service>.agreement.used.v1` event (libs/contracts access.events.ts; its increments, keyed by the event's id) and
 * each flush of the reporting service's own counter (agreement-use.sink.ts, its own id). A report applied again (a
 * retry, the replay's catch-up beside the live consumer) writes the same row again, so the sums never count it
 * twice; the scorecard adds the rows up per agreement. The agreement's number only: no personal data.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export interface AgreementUseFacts {
  /** The event's id (a service's report), or the id the reporting service gave its own flush. */
  id: string;
  service: string;
  agreement: string;
  day: string;
  requests: number;
  refused: number;
}

/** The service whose use is counted here directly (not from a stream): the replay keeps its rows. */
export const OWN_USE_SERVICE = 'reporting';

@Entity({ tableName: 'reporting_agreement_use' })
@Index({ name: 'reporting_agreement_use_agreement_idx', properties: ['agreement', 'day'] })
export class AgreementUse implements AgreementUseFacts {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ length: 20 }) service!: string;
  @Property({ length: 80 }) agreement!: string;
  @Property({ length: 10 }) day!: string;
  @Property() requests!: number;
  @Property() refused!: number;
}
