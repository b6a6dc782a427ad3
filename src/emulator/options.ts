/**
 * Emulator options and their defaults (brief). session_timeout defaults to 300 s as in the JS
 * client's test data (bunq-api.md §2.4 emulator recommendation).
 */
import { systemClock, type Clock } from '../lib/clock';
import type { EmulatorConfig } from './emulator';

export interface EmulatorOptions {
  /** 0 = ephemeral (default 0). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default systemClock. Session expiry, rate-limit windows and timestamps follow it. */
  clock?: Clock;
  /** Enforce bunq's rate limits (default true). */
  rateLimits?: boolean;
  /** The users' auto-logout (session_timeout); default 300. */
  sessionTimeoutSeconds?: number;
  /** Deterministic data generation (default fixed). */
  seed?: number;
  /**
   * Keep only the last N recorded requests (default: all, which tests rely on). A benchmark
   * sends tens of thousands of calls whose records it never reads.
   */
  requestLogLimit?: number;
}

export const DEFAULT_SEED = 20250417;
export const DEFAULT_SESSION_TIMEOUT_SECONDS = 300;

export function toConfig(opts: EmulatorOptions): EmulatorConfig {
  const timeout = opts.sessionTimeoutSeconds ?? DEFAULT_SESSION_TIMEOUT_SECONDS;
  if (!Number.isInteger(timeout) || timeout <= 0) throw new RangeError('sessionTimeoutSeconds must be a positive integer');
  return {
    clock: opts.clock ?? systemClock,
    rateLimits: opts.rateLimits ?? true,
    sessionTimeoutSeconds: timeout,
    seed: opts.seed ?? DEFAULT_SEED,
    requestLogLimit: requestLogLimit(opts.requestLogLimit),
  };
}

function requestLogLimit(limit: number | undefined): number {
  if (limit === undefined) return Infinity;
  if (!Number.isInteger(limit) || limit <= 0) throw new RangeError('requestLogLimit must be a positive integer');
  return limit;
}
