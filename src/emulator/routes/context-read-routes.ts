/**
 * Read-only views of the caller's own API context (bunq-api.md §2.1 "Related", §2.2 "Listing"):
 * GET /v1/installation → [Id]; GET /v1/installation/{id}/server-public-key → [ServerPublicKey];
 * GET /v1/device-server[/{id}] → DeviceServer {id, created, updated, description, ip, status}.
 */
import { toBunqTimestamp } from '../../lib/clock';
import type { Device } from '../core/types';
import type { Route } from '../http/router';
import { notFound } from '../http/errors';
import { listResult, ok, param } from './helpers';

function deviceJson(d: Device) {
  const ip = d.permittedIps === '*' ? null : (d.permittedIps[0] ?? null);
  return { DeviceServer: { id: d.id, created: toBunqTimestamp(d.createdAt), updated: toBunqTimestamp(d.createdAt), description: d.description, ip, status: 'ACTIVE' } };
}

const ownDevices = (userId: number, devices: Iterable<Device>) => [...devices].filter((d) => d.userId === userId);

export const contextReadRoutes: Route[] = [
  {
    method: 'GET', template: '/v1/installation', auth: 'session', signature: 'optional',
    handler: (ctx) => ok({ Id: { id: ctx.installation?.id ?? 0 } }),
  },
  {
    method: 'GET', template: '/v1/installation/{installationID}/server-public-key', auth: 'session', signature: 'optional',
    handler: (ctx) => {
      if (param(ctx, 'installationID') !== ctx.installation?.id) throw notFound();
      return ok({ ServerPublicKey: { server_public_key: ctx.em.serverPublicKeyPem } });
    },
  },
  {
    method: 'GET', template: '/v1/device-server', auth: 'session', signature: 'optional',
    handler: (ctx) => listResult(ctx, ownDevices(ctx.me.id, ctx.em.state.devices.values()), deviceJson),
  },
  {
    method: 'GET', template: '/v1/device-server/{itemId}', auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const d = ctx.em.state.devices.get(param(ctx, 'itemId'));
      if (!d || d.userId !== ctx.me.id) throw notFound();
      return ok(deviceJson(d));
    },
  },
];
