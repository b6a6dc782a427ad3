/**
 * Monetary accounts (bunq-api.md §9.2, §5.1): GET /v1/user/{userID}/monetary-account[/{id}] with
 * polymorphic wrappers MonetaryAccountBank/-Savings/-Joint, and the typed
 * monetary-account-bank|-savings|-joint list/get (a typed get of another type → 404).
 * Creating or updating accounts is not emulated (→ 405).
 */
import type { AccountType } from '../core/types';
import type { Route } from '../http/router';
import { notFound } from '../http/errors';
import { wrappedAccount } from '../serialize/account-json';
import { checkOwnUser, listResult, ok, ownAccount } from './helpers';

const TYPED: [string, AccountType][] = [
  ['monetary-account-bank', 'MonetaryAccountBank'],
  ['monetary-account-savings', 'MonetaryAccountSavings'],
  ['monetary-account-joint', 'MonetaryAccountJoint'],
];

export const accountRoutes: Route[] = [
  {
    method: 'GET', template: '/v1/user/{userID}/monetary-account', auth: 'session', signature: 'optional',
    handler: (ctx) => {
      checkOwnUser(ctx);
      return listResult(ctx, ctx.em.state.accountsOf(ctx.me.id), wrappedAccount);
    },
  },
  {
    method: 'GET', template: '/v1/user/{userID}/monetary-account/{itemId}', auth: 'session', signature: 'optional',
    handler: (ctx) => ok(wrappedAccount(ownAccount(ctx, 'itemId'))),
  },
  ...TYPED.flatMap(([segment, type]): Route[] => [
    {
      method: 'GET', template: `/v1/user/{userID}/${segment}`, auth: 'session', signature: 'optional',
      handler: (ctx) => {
        checkOwnUser(ctx);
        return listResult(ctx, ctx.em.state.accountsOf(ctx.me.id).filter((a) => a.type === type), wrappedAccount);
      },
    },
    {
      method: 'GET', template: `/v1/user/{userID}/${segment}/{itemId}`, auth: 'session', signature: 'optional',
      handler: (ctx) => {
        const account = ownAccount(ctx, 'itemId');
        if (account.type !== type) throw notFound();
        return ok(wrappedAccount(account));
      },
    },
  ]),
];
