/**
 * Draft payments (bunq-api.md §9.4, §3.2): POST (signature optional — creating a draft does not
 * execute a payment) → Id; GET list/one; PUT {"status":"ACCEPTED"} must be signed (466) and
 * executes the payment; PUT REJECTED/CANCELLED ends it. PUT → Id (SW, PY).
 */
import type { DraftPayment } from '../core/types';
import type { RequestContext } from '../http/context';
import type { Route } from '../http/router';
import { badRequest, notFound } from '../http/errors';
import { acceptDraft, closeDraft, parseDraftEntries } from '../core/draft-payments';
import { draftPaymentJson } from '../serialize/draft-payment-json';
import { idResult, listResult, ok, ownAccount, param } from './helpers';

const BASE = '/v1/user/{userID}/monetary-account/{monetary-accountID}/draft-payment';

function ownDraft(ctx: RequestContext): DraftPayment {
  const account = ownAccount(ctx);
  const d = ctx.em.state.draftPayments.get(param(ctx, 'itemId'));
  if (!d || d.accountId !== account.id) throw notFound();
  return d;
}

export const draftPaymentRoutes: Route[] = [
  {
    method: 'POST', template: BASE, auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const { state } = ctx.em;
      const entries = parseDraftEntries(state, ctx.json(), account);
      const d: DraftPayment = { id: state.nextId('draftPayment'), accountId: account.id, createdAt: ctx.now, updatedAt: ctx.now, status: 'PENDING', entries, paymentIds: [], batchId: null };
      state.draftPayments.set(d.id, d);
      return idResult(d.id);
    },
  },
  {
    method: 'GET', template: BASE, auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const { state } = ctx.em;
      const drafts = [...state.draftPayments.values()].filter((d) => d.accountId === account.id);
      return listResult(ctx, drafts, (d) => ({ DraftPayment: draftPaymentJson(state, d) }));
    },
  },
  {
    method: 'GET', template: `${BASE}/{itemId}`, auth: 'session', signature: 'optional',
    handler: (ctx) => ok({ DraftPayment: draftPaymentJson(ctx.em.state, ownDraft(ctx)) }),
  },
  {
    method: 'PUT', template: `${BASE}/{itemId}`, auth: 'session', signature: 'optional',
    handler: (ctx) => {
      const d = ownDraft(ctx);
      const status = ctx.json()['status'];
      if (status === 'ACCEPTED') {
        ctx.requireSignature();
        acceptDraft(ctx.em.state, d, ctx.now, ctx.clientRequestId);
      } else if (status === 'REJECTED' || status === 'CANCELLED') {
        closeDraft(d, status, ctx.now);
      } else {
        throw badRequest('The status must be ACCEPTED, REJECTED or CANCELLED.');
      }
      return idResult(d.id);
    },
  },
];
