/**
 * Payment batches (bunq-api.md §9.5): POST …/payment-batch {"payments":[<payment body>…]} — must
 * be signed; all payments are validated and funded together, then booked (all or nothing) → Id.
 * GET list/one → {"PaymentBatch":{"id","payments":{"Payment":[…]}}} (current SW/PY shape;
 * [CONFLICT] with an old plain-array sample). Max batch size is [UNKNOWN]; we allow 200.
 */
import type { PaymentBatch } from '../core/types';
import type { Route } from '../http/router';
import type { RequestContext } from '../http/context';
import { badRequest, notFound } from '../http/errors';
import { executeOrders, parsePaymentOrder } from '../core/payment-rules';
import { paymentJson } from '../serialize/payment-json';
import { idResult, listResult, ok, ownAccount, param } from './helpers';

const BASE = '/v1/user/{userID}/monetary-account/{monetary-accountID}/payment-batch';
export const MAX_BATCH = 200;

function batchJson(ctx: RequestContext, b: PaymentBatch) {
  const payments = b.paymentIds.flatMap((id) => {
    const p = ctx.em.state.payments.get(id);
    return p ? [paymentJson(p)] : [];
  });
  return { PaymentBatch: { id: b.id, payments: { Payment: payments } } };
}

export const paymentBatchRoutes: Route[] = [
  {
    method: 'POST', template: BASE, auth: 'session', signature: 'required',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const list = ctx.json()['payments'];
      if (!Array.isArray(list) || list.length === 0) throw badRequest('The payments field must be a non-empty list.');
      if (list.length > MAX_BATCH) throw badRequest(`A payment batch may hold at most ${MAX_BATCH} payments.`);
      const { state } = ctx.em;
      const orders = list.map((p: unknown) => parsePaymentOrder(state, (p ?? {}) as Record<string, unknown>, account));
      const batch: PaymentBatch = { id: state.nextId('paymentBatch'), accountId: account.id, createdAt: ctx.now, paymentIds: [] };
      const payments = executeOrders(state, account, orders, { at: ctx.now, clientRequestId: ctx.clientRequestId, batchId: batch.id });
      batch.paymentIds = payments.map((p) => p.id);
      state.paymentBatches.set(batch.id, batch);
      return idResult(batch.id);
    },
  },
  {
    method: 'GET', template: BASE, auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const batches = [...ctx.em.state.paymentBatches.values()].filter((b) => b.accountId === account.id);
      return listResult(ctx, batches, (b) => batchJson(ctx, b));
    },
  },
  {
    method: 'GET', template: `${BASE}/{itemId}`, auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const b = ctx.em.state.paymentBatches.get(param(ctx, 'itemId'));
      if (!b || b.accountId !== account.id) throw notFound();
      return ok(batchJson(ctx, b));
    },
  },
];
