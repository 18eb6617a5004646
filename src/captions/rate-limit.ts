import { setTimeout as sleep } from 'node:timers/promises';

/**
 * At most `perSecond` request starts per second, spaced evenly: each caller reserves the next free slot and
 * waits for it, so concurrent workers (and their retries) share one budget.
 */
export class RateLimiter {
  private nextSlot = 0;
  private readonly interval: number;

  constructor(perSecond: number) {
    this.interval = 1000 / perSecond;
  }

  async take(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.interval;
    if (slot > now) await sleep(slot - now, undefined, { signal });
  }
}
