/** Shared setup: an emulator on a ManualClock plus a sandbox user with an open session. */
import { ManualClock } from '../../../src/lib/clock';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator';
import { BunqTestClient } from './bunq-test-client';

export const T0 = Date.UTC(2025, 3, 17, 12, 0, 0);

export interface Harness {
  emu: RunningEmulator;
  clock: ManualClock;
}

export async function startHarness(opts: EmulatorOptions = {}): Promise<Harness> {
  const clock = new ManualClock(T0);
  const emu = await startEmulator({ clock, rateLimits: false, ...opts });
  return { emu, clock };
}

/** A sandbox user (created through the control API) and a client with a live session. */
export async function loggedIn(h: Harness, kind: 'person' | 'company' = 'person') {
  const info = h.emu.control.createSandboxUser(kind);
  const client = new BunqTestClient(h.emu.url);
  await client.handshake(info.apiKey);
  return { info, client };
}

export function accountPath(client: BunqTestClient, accountId: number, rest = ''): string {
  return `/user/${client.userId}/monetary-account/${accountId}${rest}`;
}
