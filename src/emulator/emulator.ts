/**
 * The emulator instance: state, injected clock, server RSA key, request log, fault queue and
 * rate limiter. One RSA-2048 server key per emulator instance (bunq-api.md §12.1 allows "per
 * installation (or global)"): every installation gets the same ServerPublicKey, and every
 * response — installation and errors included — is signed with it.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Clock } from '../lib/clock';
import { EmulatorState } from './core/state';
import { Rng } from './core/rng';
import type { UserKind } from './core/types';
import { RequestLog } from './http/request-log';
import { FaultQueue } from './http/faults';
import { RateLimiter } from './http/rate-limit';
import { createSandboxUser, type SandboxUserInfo } from './data/sandbox-user';

export interface EmulatorConfig {
  clock: Clock;
  rateLimits: boolean;
  sessionTimeoutSeconds: number;
  seed: number;
  /** Most recorded requests kept (the oldest are dropped); Infinity keeps all. */
  requestLogLimit: number;
}

export interface ServerKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateServerKey(): ServerKeyPair {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export class Emulator {
  readonly state = new EmulatorState();
  readonly log: RequestLog;
  readonly faults = new FaultQueue();
  readonly limiter: RateLimiter;
  readonly serverPrivateKey: KeyObject;
  readonly serverPublicKeyPem: string;
  rateLimits: boolean;
  #userCount = 0;

  constructor(readonly config: EmulatorConfig, keys: ServerKeyPair = generateServerKey()) {
    this.log = new RequestLog(config.requestLogLimit);
    this.limiter = new RateLimiter(config.clock);
    this.rateLimits = config.rateLimits;
    this.serverPrivateKey = keys.privateKey;
    this.serverPublicKeyPem = String(keys.publicKey.export({ type: 'spki', format: 'pem' })).trimEnd();
  }

  get clock(): Clock {
    return this.config.clock;
  }

  createSandboxUser(kind: UserKind): SandboxUserInfo {
    this.#userCount += 1;
    const rng = new Rng(this.config.seed).fork(this.#userCount * 7919);
    return createSandboxUser(this.state, rng, kind, this.clock.now(), this.config.sessionTimeoutSeconds);
  }

  /** Fault "expire-sessions": every session token stops working now. */
  expireSessions(): void {
    for (const s of [...this.state.sessions.values()]) this.state.removeSession(s);
  }

  liveSessionCount(): number {
    const now = this.clock.now();
    return [...this.state.sessions.values()].filter((s) => s.expiresAt > now).length;
  }
}
