/**
 * Time is injected everywhere (token expiry, session expiry, rolling caps, emulator
 * sessions) so tests can freeze and advance it instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: number | Date = Date.now()) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  set(to: number | Date): void {
    this.#now = typeof to === 'number' ? to : to.getTime();
  }
}

/** bunq's timestamp format: UTC `YYYY-MM-DD hh:mm:ss.ffffff` (bunq DESC §Time formats). */
export function toBunqTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2017-01-13T13:19:16.215Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** Parses bunq's `YYYY-MM-DD hh:mm:ss.ffffff` (always UTC) into epoch milliseconds. */
export function fromBunqTimestamp(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(value);
  if (!m) throw new TypeError(`not a bunq timestamp: ${value}`);
  const fraction = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  return Date.parse(`${m[1]}T${m[2]}.${fraction}Z`);
}
