/**
 * Starts the admin listener next to the gateway (cli serve/demo): creates the admin
 * credential on first start (the caller prints it once) and serves the console and admin API.
 * Closing it does not close the runtime; the gateway owns that.
 */
import http from 'node:http';
import { listen } from '../http/listen';
import type { Runtime } from '../runtime';
import { createAdminApp, isLoopbackAddress } from './admin-app';
import { AdminCredential } from './admin-credential';
import { AdminSessions } from './admin-sessions';
import { OwnerService } from './owner-service';

export interface RunningAdmin {
  readonly url: string;
  /** The admin credential when it was created by this start (print it once), otherwise null. */
  readonly newCredential: string | null;
  close(): Promise<void>;
}

export const ADMIN_API_VERSION = '1.0.0';

export async function startAdmin(runtime: Runtime, opts: { host: string; port: number }): Promise<RunningAdmin> {
  const credential = new AdminCredential(runtime.db, runtime.clock);
  const newCredential = await credential.ensure();
  const app = createAdminApp({
    service: new OwnerService(runtime),
    credential,
    sessions: new AdminSessions(runtime.db, runtime.clock, runtime.config.ADMIN_SESSION_HOURS * 3_600_000),
    secureCookies: runtime.config.ADMIN_COOKIE_SECURE,
    logger: runtime.logger,
    version: ADMIN_API_VERSION,
    loopbackOnly: isLoopbackAddress(opts.host),
  });
  const server = http.createServer(app);
  const url = await listen(server, { host: opts.host, port: opts.port, scheme: 'http' });
  return {
    url,
    newCredential,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
