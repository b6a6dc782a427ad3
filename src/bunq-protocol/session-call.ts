/**
 * The bunq-protocol checks on a call made with a session, after the request is normalised:
 * the device's permitted_ips (bunq-api.md §10) and the client signature over the raw body —
 * REQUIRED where the endpoint can move money (bunq-api.md §3.2: creating or executing a
 * payment), verified wherever present (bunq-clients.md §4.6).
 */
import type { Catalog } from '../policy/catalog';
import type { GatewayCall, RawCall } from '../policy/call';
import type { ClientSessionRecord } from '../store/client-context-repo';
import { badCredentials } from './bunq-errors';
import { checkClientSignature, clientKeyOf } from './client-signature';
import { isPermittedIp } from './permitted-ips';

export function signatureRequiredFor(endpointId: string, catalog: Catalog): boolean {
  const entry = catalog.get(endpointId);
  return entry !== undefined && entry.scopes.some((id) => catalog.scopes.get(id)?.movesMoney === true);
}

export function checkSessionCall(raw: RawCall, call: GatewayCall, session: ClientSessionRecord, catalog: Catalog): void {
  if (!isPermittedIp(session.device.permittedIps, raw.clientIp)) throw badCredentials('ip_not_permitted_for_device');
  checkClientSignature(raw.rawHeaders, raw.body, clientKeyOf(session.installation), signatureRequiredFor(call.endpointId, catalog));
}
