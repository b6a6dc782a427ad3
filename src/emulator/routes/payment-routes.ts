/**
 * Payments (bunq-api.md §9.3, §3.2): GET …/payment (newest first, paginated), GET …/payment/{id},
 * POST …/payment — must be signed (466 otherwise), → {"Id":{"id":N}} of the sender's row.
 * The caller's X-Bunq-Client-Request-Id is kept on the payment for reconciliation
 * (control.findPaymentByClientRequestId).
 */
import type { Route } from '../http/router';
import { notFound } from '../http/errors';
import { executeOrders, parsePaymentOrder } from '../core/payment-rules';
import { paymentJson } from '../serialize/payment-json';
import { idResult, listResult, ok, ownAccount, param } from './helpers';

const BASE = '/v1/user/{userID}/monetary-account/{monetary-accountID}/payment';

export const paymentRoutes: Route[] = [
  {
    method: 'GET', template: BASE, auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      return listResult(ctx, ctx.em.state.paymentsByAccount.get(account.id) ?? [], (p) => ({ Payment: paymentJson(p) }));
    },
  },
  {
    method: 'GET', template: `${BASE}/{itemId}`, auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const payment = ctx.em.state.payments.get(param(ctx, 'itemId'));
      if (!payment || payment.accountId !== account.id) throw notFound();
      return ok({ Payment: paymentJson(payment) });
    },
  },
  {
    method: 'POST', template: BASE, auth: 'session', signature: 'required',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const order = parsePaymentOrder(ctx.em.state, ctx.json(), account);
      const [payment] = executeOrders(ctx.em.state, account, [order], { at: ctx.now, clientRequestId: ctx.clientRequestId });
      return idResult(payment?.id ?? 0);
    },
  },
];
