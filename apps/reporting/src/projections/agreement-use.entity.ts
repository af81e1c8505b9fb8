/**
 * Requests answered under each data-access agreement (PKS), per service and office day: the sum of the increments the
 * services report (`<service>.agreement.used.v1`, libs/contracts access.events.ts), each event added exactly once (the
 * consumer's inbox; the replay reads each stream event once). The agreement's number only: no personal data.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export interface AgreementUseFacts {
  /** `<service>|<agreement>|<day>`: one row per service, agreement and day. */
  id: string;
  service: string;
  agreement: string;
  day: string;
  requests: number;
  refused: number;
}

@Entity({ tableName: 'reporting_agreement_use' })
@Index({ name: 'reporting_agreement_use_agreement_idx', properties: ['agreement', 'day'] })
export class AgreementUse implements AgreementUseFacts {
  @PrimaryKey({ length: 200 }) id!: string;
  @Property({ length: 20 }) service!: string;
  @Property({ length: 80 }) agreement!: string;
  @Property({ length: 10 }) day!: string;
  @Property() requests!: number;
  @Property() refused!: number;
}

export function agreementUseId(service: string, agreement: string, day: string): string {
  return `${service}|${agreement}|${day}`;
}
