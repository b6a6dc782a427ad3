/**
 * Shared route helpers: bunq's Response envelope (bunq-api.md §5.1), list bodies with Pagination
 * (§6), and ownership checks — another user's objects answer 404 and are never leaked (brief).
 */
import type { Account, Json } from '../core/types';
import type { RequestContext } from '../http/context';
import type { HandlerResult } from '../http/router';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';

export function ok(...items: unknown[]): HandlerResult {
  return { body: { Response: items } };
}

export function idResult(id: number): HandlerResult {
  return ok({ Id: { id } });
}

export function listResult<T extends { id: number }>(ctx: RequestContext, items: readonly T[], wrap: (item: T) => Json): HandlerResult {
  const { page, pagination } = paginate(items, ctx.query, ctx.path.replace(/\/$/, ''));
  return { body: { Response: page.map(wrap), Pagination: pagination } };
}

export function param(ctx: RequestContext, name: string): number {
  const v = ctx.params[name];
  if (v === undefined) throw notFound();
  return v;
}

/** The {userID} in the path must be the session's own user. */
export function checkOwnUser(ctx: RequestContext): void {
  if (param(ctx, 'userID') !== ctx.me.id) throw notFound();
}

/** The {monetary-accountID} (or another param) must be an account of the session's user. */
export function ownAccount(ctx: RequestContext, name = 'monetary-accountID'): Account {
  checkOwnUser(ctx);
  const account = ctx.em.state.accounts.get(param(ctx, name));
  if (!account || account.userId !== ctx.me.id) throw notFound();
  return account;
}

export function stringField(body: Json, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}
