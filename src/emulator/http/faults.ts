/**
 * Fault injection for gateway tests (brief). Faults queue up; each applies to the /v1 requests
 * its `match` selects (all by default) and is used up after `times` applications (unlimited when
 * absent). `phase: 'after'` lets the request execute first — a payment is booked — and then
 * replaces the response (status) or kills the socket (drop-connection): the "did my payment go
 * through?" case. `delay` uses real timers (wall clock), not the injected Clock.
 * `expire-sessions` is an action, applied when set, never queued.
 */
export interface FaultMatch {
  method?: string;
  pathPrefix?: string;
  pathIncludes?: string;
}

interface Repeatable {
  times?: number;
  match?: FaultMatch;
}

export type Fault =
  | (Repeatable & { kind: 'status'; status: number; message?: string; phase?: 'before' | 'after' })
  | (Repeatable & { kind: 'delay'; ms: number })
  | (Repeatable & { kind: 'rate-limit' })
  | (Repeatable & { kind: 'corrupt-signature' })
  | (Repeatable & { kind: 'drop-connection'; phase?: 'before' | 'after' })
  | { kind: 'expire-sessions' };

export type QueuedFault = Exclude<Fault, { kind: 'expire-sessions' }>;

export type Terminal =
  | { kind: 'status'; status: number; message: string }
  | { kind: 'rate-limit' }
  | { kind: 'drop-connection' };

export interface AppliedFaults {
  delayMs: number;
  corruptSignature: boolean;
  before: Terminal | null;
  after: Terminal | null;
}

const DEFAULT_TEXT: Record<number, string> = {
  500: 'An internal server error occurred. Please contact bunq.',
  503: 'The service is temporarily unavailable.',
  491: 'The API is in maintenance mode.',
};

function matches(m: FaultMatch | undefined, method: string, path: string): boolean {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== method) return false;
  if (m.pathPrefix && !path.startsWith(m.pathPrefix)) return false;
  return !(m.pathIncludes && !path.includes(m.pathIncludes));
}

function terminal(f: QueuedFault): Terminal | null {
  if (f.kind === 'status') return { kind: 'status', status: f.status, message: f.message ?? DEFAULT_TEXT[f.status] ?? `Emulated HTTP ${f.status}.` };
  if (f.kind === 'rate-limit') return { kind: 'rate-limit' };
  if (f.kind === 'drop-connection') return { kind: 'drop-connection' };
  return null;
}

export class FaultQueue {
  #entries: { fault: QueuedFault; remaining: number }[] = [];

  add(fault: QueuedFault): void {
    this.#entries.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#entries = [];
  }

  /** Active faults, with `times` showing what is left. */
  list(): QueuedFault[] {
    return this.#entries.map((e) => (Number.isFinite(e.remaining) ? { ...e.fault, times: e.remaining } : { ...e.fault }));
  }

  /** Picks and uses up the faults that apply to this request. */
  take(method: string, path: string): AppliedFaults {
    const out: AppliedFaults = { delayMs: 0, corruptSignature: false, before: null, after: null };
    for (const e of this.#entries) {
      if (!matches(e.fault.match, method, path)) continue;
      const f = e.fault;
      const t = terminal(f);
      const after = (f.kind === 'status' || f.kind === 'drop-connection') && f.phase === 'after';
      if (t && (after ? out.after : out.before)) continue;
      if (f.kind === 'delay') out.delayMs += f.ms;
      else if (f.kind === 'corrupt-signature') out.corruptSignature = true;
      else if (t && after) out.after = t;
      else if (t) out.before = t;
      e.remaining -= 1;
    }
    this.#entries = this.#entries.filter((e) => e.remaining > 0);
    return out;
  }
}
