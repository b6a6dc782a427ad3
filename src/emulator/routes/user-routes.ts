/**
 * Users (bunq-api.md §9.1; SW UserListing/UserRead): GET /v1/user (list, polymorphic wrapper),
 * GET /v1/user/{id}, GET /v1/user-person/{id}, GET /v1/user-company/{id}. A session sees only its
 * own user; any other id → 404.
 */
import type { User } from '../core/types';
import type { RequestContext } from '../http/context';
import type { Route } from '../http/router';
import { notFound } from '../http/errors';
import { userJson, wrappedUser } from '../serialize/user-json';
import { listResult, ok, param } from './helpers';

function own(ctx: RequestContext): User {
  if (param(ctx, 'itemId') !== ctx.me.id) throw notFound();
  return ctx.me;
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/v1/user', auth: 'session', signature: 'optional', handler: (ctx) => listResult(ctx, [ctx.me], wrappedUser) },
  { method: 'GET', template: '/v1/user/{itemId}', auth: 'session', signature: 'optional', handler: (ctx) => ok(wrappedUser(own(ctx))) },
  ...(['person', 'company'] as const).map((kind): Route => ({
    method: 'GET',
    template: `/v1/user-${kind}/{itemId}`,
    auth: 'session',
    signature: 'optional',
    handler: (ctx) => {
      const user = own(ctx);
      if (user.kind !== kind) throw notFound();
      return ok({ [kind === 'person' ? 'UserPerson' : 'UserCompany']: userJson(user) });
    },
  })),
];
