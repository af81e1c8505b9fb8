// A held deeds event (PARTICULARS_MISMATCH) for tests that need one without NATS: a death deed naming someone
// else than the register's resident, handed to the consumer in a transaction as the platform's inbox would.
import { MikroORM } from '@mikro-orm/core';
import { SUBJECTS, type DeathRegistered, type EventEnvelope } from '@adminduk/contracts';
import { localDate, uuidv7 } from '@adminduk/platform';
import type { TestApp } from '@adminduk/platform/testing';
import { DeedEventReview } from '../src/deed-events/deed-event-review.entity';
import { DeedEventsHandler } from '../src/deed-events/deed-events.handler';
import { Resident } from '../src/residents/resident.entity';

/**
 * The id of the review holding a death of `residentId` reported as 'Kornelis Sawu', registered in kecamatan 531601
 * (and in `villageCode`, when given).
 */
export async function heldDeathReview(t: TestApp, residentId: string, villageCode?: string): Promise<string> {
  const orm = t.app.get(MikroORM);
  const resident = await orm.em.fork().findOneOrFail(Resident, { id: residentId });
  const deedId = uuidv7();
  const event: EventEnvelope<DeathRegistered> = {
    id: uuidv7(),
    subject: SUBJECTS.deeds.deathRegistered,
    occurredAt: new Date().toISOString(),
    producer: 'deeds',
    payload: {
      deedId,
      registeredAt: new Date().toISOString(),
      eventDate: localDate(t.config.utcOffset),
      timeliness: 'ON_TIME',
      districtCode: villageCode?.slice(0, 6) ?? '531601',
      ...(villageCode ? { villageCode } : {}),
      deceasedNik: resident.nik,
      deceased: { fullName: 'Kornelis Sawu' },
    },
  };
  await orm.em.fork().transactional((tx) => t.app.get(DeedEventsHandler).onDeathRegistered(tx, event));
  const review = await orm.em.fork().findOneOrFail(DeedEventReview, { deedId, code: 'PARTICULARS_MISMATCH' });
  return review.id;
}

/**
 * The id of an OPEN review that holds nothing: a death deed naming a NIK no resident of the register has
 * (NIK_NOT_IN_REGISTER), registered in kecamatan 531601. The office closes it by hand once it has looked into it.
 */
export async function openDeathReviewWithoutHold(t: TestApp): Promise<string> {
  const orm = t.app.get(MikroORM);
  const deedId = uuidv7();
  const serial = String(Math.floor(Math.random() * 9000) + 1000);
  const event: EventEnvelope<DeathRegistered> = {
    id: uuidv7(),
    subject: SUBJECTS.deeds.deathRegistered,
    occurredAt: new Date().toISOString(),
    producer: 'deeds',
    payload: {
      deedId,
      registeredAt: new Date().toISOString(),
      eventDate: localDate(t.config.utcOffset),
      timeliness: 'ON_TIME',
      districtCode: '531601',
      // A NIK of another regency (Kota Kupang, 5371): nobody of this register.
      deceasedNik: `537101120570${serial}`,
      deceased: { fullName: 'Yohanes Wula' },
    },
  };
  await orm.em.fork().transactional((tx) => t.app.get(DeedEventsHandler).onDeathRegistered(tx, event));
  const review = await orm.em.fork().findOneOrFail(DeedEventReview, { deedId });
  return review.id;
}
