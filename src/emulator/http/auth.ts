/**
 * X-Bunq-Client-Authentication (bunq-api.md §2, §4.1, §12.2): device-server and session-server
 * take the installation token, everything else a session token; the wrong kind, an unknown or an
 * expired token → 401 "Insufficient authorisation.". Sessions expire session_timeout seconds after
 * the last authenticated call: [CONFLICT] on the extension rule (§2.4) — we use the reference's
 * emulator recommendation, a sliding expiry (each authenticated call sets expiry = now + timeout).
 * The device's IP binding is enforced on every session call (§10): 400 bad credentials.
 */
import type { Device } from '../core/types';
import type { AuthKind } from './router';
import type { RequestContext } from './context';
import { badCredentials, unauthorised } from './errors';

export function ipAllowed(device: Device, ip: string): boolean {
  return device.permittedIps === '*' || device.permittedIps.includes(ip);
}

export function authenticate(ctx: RequestContext, kind: AuthKind): void {
  if (kind === 'none') return;
  const { state } = ctx.em;
  const token = ctx.header('x-bunq-client-authentication');
  if (!token) throw unauthorised();
  if (kind === 'installation') {
    const installation = state.installationsByToken.get(token);
    if (!installation) throw unauthorised();
    ctx.installation = installation;
    return;
  }
  const session = state.sessionsByToken.get(token);
  if (!session) throw unauthorised();
  if (ctx.now >= session.expiresAt) {
    state.removeSession(session);
    throw unauthorised();
  }
  const device = state.devices.get(session.deviceId);
  const user = state.users.get(session.userId);
  const installation = state.installations.get(session.installationId);
  if (!device || !user || !installation) throw unauthorised();
  if (!ipAllowed(device, ctx.ip)) throw badCredentials();
  session.expiresAt = ctx.now + user.sessionTimeout * 1000;
  Object.assign(ctx, { session, device, user, installation });
}
