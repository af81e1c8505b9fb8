/** Wakes the outbox relay right after events were recorded, instead of waiting for its next poll. */
import { Injectable } from '@nestjs/common';

@Injectable()
export class OutboxSignal {
  private listener?: () => void;
  private timer?: NodeJS.Timeout;

  onSignal(listener: () => void): void {
    this.listener = listener;
  }

  /** Called when events were recorded; the flush happens a moment later, so the wake-up is deferred. */
  notifySoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.listener?.();
    }, 5);
    this.timer.unref();
  }
}
