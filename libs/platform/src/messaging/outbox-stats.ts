import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OutboxEvent } from './outbox-event.entity';

/** How many events wait in the outbox (health, metrics). */
@Injectable()
export class OutboxStats {
  constructor(private readonly em: EntityManager) {}

  pending(): Promise<number> {
    return this.em.fork().count(OutboxEvent, { publishedAt: null });
  }
}
