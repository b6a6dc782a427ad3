/**
 * The API-context handshake (bunq-api.md §2.1–§2.3, §12.1–§12.4):
 *  - POST /v1/installation: client_public_key PEM (LF or CRLF) → [Id, Token, ServerPublicKey] in
 *    that positional order (SDKs read indexes 0/1/2). Token: 64 hex.
 *  - POST /v1/device-server: installation token, signature required ([CONFLICT-minor]: SW says
 *    sign, DESC's must-sign list omits it; every SDK signs, so we require it). secret = API key;
 *    permitted_ips absent/[] → bound to the caller IP; containing "*" → wildcard; otherwise that
 *    list. Unknown key → 400 "User credentials are incorrect…".
 *  - POST /v1/session-server: installation token, signature mandatory (466). The key must have a
 *    device on this installation and the caller IP must be permitted, else 400 bad credentials.
 *    → [Id, Token, UserPerson|UserCompany] with session_timeout. [UNKNOWN] second session on the
 *    same installation: we replace the previous session (its token then gets 401).
 */
import { randomBytes } from 'node:crypto';
import { toBunqTimestamp } from '../../lib/clock';
import type { Device } from '../core/types';
import type { RequestContext } from '../http/context';
import type { Route } from '../http/router';
import { badCredentials, badRequest } from '../http/errors';
import { ipAllowed } from '../http/auth';
import { parseClientPublicKey } from '../http/signature';
import { wrappedUser } from '../serialize/user-json';
import { idResult, ok, stringField } from './helpers';

const token = (): string => randomBytes(32).toString('hex');

function tokenJson(id: number, at: number, value: string) {
  return { Token: { id, created: toBunqTimestamp(at), updated: toBunqTimestamp(at), token: value } };
}

function installation(ctx: RequestContext) {
  const pem = ctx.json()['client_public_key'];
  const key = parseClientPublicKey(pem);
  if (!key || typeof pem !== 'string') throw badRequest('The client_public_key is not a valid RSA-2048 public key in PEM format.');
  const { state } = ctx.em;
  const inst = { id: state.nextId('installation'), tokenId: state.nextId('token'), token: token(), clientPublicKeyPem: pem, clientPublicKey: key, createdAt: ctx.now };
  state.installations.set(inst.id, inst);
  state.installationsByToken.set(inst.token, inst);
  return ok({ Id: { id: inst.id } }, tokenJson(inst.tokenId, ctx.now, inst.token), { ServerPublicKey: { server_public_key: ctx.em.serverPublicKeyPem } });
}

function deviceServer(ctx: RequestContext) {
  const body = ctx.json();
  const description = stringField(body, 'description');
  const secret = stringField(body, 'secret');
  if (description === undefined) throw badRequest('The description field is required.');
  if (secret === undefined) throw badRequest('The secret field is required.');
  const ips = body['permitted_ips'];
  if (ips !== undefined && (!Array.isArray(ips) || !ips.every((ip) => typeof ip === 'string'))) {
    throw badRequest('The permitted_ips field must be a list of IP addresses.');
  }
  const { state } = ctx.em;
  const user = state.usersByApiKey.get(secret);
  const inst = ctx.installation;
  if (!user || !inst) throw badCredentials();
  const list = (ips ?? []) as string[];
  const device: Device = {
    id: state.nextId('device'), installationId: inst.id, userId: user.id, apiKey: secret, description,
    permittedIps: list.includes('*') ? '*' : list.length ? list : [ctx.ip], createdAt: ctx.now,
  };
  state.devices.set(device.id, device);
  state.tokenOwners.set(inst.token, { apiKey: secret, userId: user.id });
  return idResult(device.id);
}

function sessionServer(ctx: RequestContext) {
  const secret = stringField(ctx.json(), 'secret');
  const { state } = ctx.em;
  const inst = ctx.installation;
  const user = secret === undefined ? undefined : state.usersByApiKey.get(secret);
  if (!inst || !user) throw badCredentials();
  const device = [...state.devices.values()].reverse().find((d) => d.installationId === inst.id && d.apiKey === secret);
  if (!device || !ipAllowed(device, ctx.ip)) throw badCredentials();
  for (const s of [...state.sessions.values()]) if (s.installationId === inst.id) state.removeSession(s);
  const id = state.nextId('session');
  const session = { id, token: token(), installationId: inst.id, deviceId: device.id, userId: user.id, createdAt: ctx.now, expiresAt: ctx.now + user.sessionTimeout * 1000 };
  state.addSession(session);
  state.tokenOwners.set(session.token, { apiKey: user.apiKey, userId: user.id });
  return ok({ Id: { id } }, tokenJson(id, ctx.now, session.token), wrappedUser(user));
}

export const handshakeRoutes: Route[] = [
  { method: 'POST', template: '/v1/installation', auth: 'none', signature: 'optional', handler: installation },
  { method: 'POST', template: '/v1/device-server', auth: 'installation', signature: 'required', handler: deviceServer },
  { method: 'POST', template: '/v1/session-server', auth: 'installation', signature: 'required', handler: sessionServer },
  {
    // "Deletes the current session" whatever the id (PY sends 0); empty Response [INFERRED] (§2.3).
    method: 'DELETE', template: '/v1/session/{itemId}', auth: 'session', signature: 'optional',
    handler: (ctx) => {
      if (ctx.session) ctx.em.state.removeSession(ctx.session);
      return ok();
    },
  },
];
