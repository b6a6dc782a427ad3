/** Time as the scheduler sees it: injected, so tests drive windows and back-off without sleeping. */
export interface SchedulerTime {
  now(): number;
  /** Calls `fn` after `ms`; must not keep the process alive. */
  setTimeout(fn: () => void, ms: number): void;
}

export const realTime: SchedulerTime = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    setTimeout(fn, ms).unref();
  },
};
