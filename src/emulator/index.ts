/**
 * bunq sandbox emulator — public entry. A faithful local imitation of bunq's public API
 * (shared/reference/bunq-api.md, esp. §12 emulator checklist; bunq-clients.md §4) for tests and
 * the demo. startEmulator() listens on host:port (ephemeral by default) and has no other side
 * effects; close() also ends keep-alive connections.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { EmulatorOptions } from './options';
import type { EmulatorControl } from './control/control';
import type { ServerKeyPair } from './emulator';
import { buildEmulatorApp, type EmulatorApp } from './app';

export type { EmulatorOptions } from './options';
export type { EmulatorApp } from './app';
export type { EmulatorControl, EmulatorStats } from './control/control';
export type { AccountSnapshot, PaymentSnapshot, DraftPaymentSnapshot, RequestInquirySnapshot, UserSnapshot } from './control/snapshots';
export type { RecordedRequest, RequestFilter } from './http/request-log';
export type { Fault, FaultMatch, QueuedFault } from './http/faults';
export type { SandboxUserInfo } from './data/sandbox-user';
export type { AccountType, UserKind } from './core/types';
export { TEXT as BUNQ_ERROR_TEXT, tooManyRequestsText } from './http/errors';
export { SUGAR_DADDY_EMAIL } from './core/requests';
export { isValidIban } from './core/iban';

export interface RunningEmulator {
  /** Origin, e.g. 'http://127.0.0.1:43123'. */
  url: string;
  /** url + '/v1' — the bunq base URL a client is configured with. */
  baseUrl: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** The emulator as an in-process request handler, with its control API attached. */
export function createEmulatorApp(opts: EmulatorOptions = {}): EmulatorApp {
  return buildEmulatorApp(opts);
}

const generateRsa = promisify(generateKeyPair);

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const keys: ServerKeyPair = await generateRsa('rsa', { modulusLength: 2048 });
  const app = buildEmulatorApp(opts, keys);
  const server = createServer(app);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | null = null;
  return {
    url,
    baseUrl: `${url}/v1`,
    control: app.control,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
