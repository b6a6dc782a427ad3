/**
 * POST /v1/sandbox-user-person and /v1/sandbox-user-company (bunq-api.md §2.5): no token, no
 * signature, body empty or {}. [CONFLICT with SW] the response is the SDK/doc shape
 * {"Response":[{"ApiKey":{"api_key":"sandbox_…"}}]}, not SW's Id.
 */
import type { Route } from '../http/router';
import { ok } from './helpers';

export const sandboxRoutes: Route[] = (['person', 'company'] as const).map((kind) => ({
  method: 'POST',
  template: `/v1/sandbox-user-${kind}`,
  auth: 'none',
  signature: 'optional',
  handler: (ctx) => {
    ctx.json();
    const created = ctx.em.createSandboxUser(kind);
    return ok({ ApiKey: { api_key: created.apiKey } });
  },
}));
