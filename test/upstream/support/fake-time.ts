// Time for the scheduler tests: nothing moves until advance(), which fires due timers in order
// and lets the promise chains they start settle before moving on.
import type { SchedulerTime } from '../../../src/upstream/scheduler';

export class FakeTime implements SchedulerTime {
  #now = 1_000_000;
  #timers: { at: number; fn: () => void }[] = [];

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): void {
    this.#timers.push({ at: this.#now + ms, fn });
  }

  /** Moves time forward by `ms`, in timer order. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers[0];
      if (!next || next.at > end) break;
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await settle();
    }
    this.#now = end;
    await settle();
  }
}

/** Lets queued microtasks and promise chains run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
