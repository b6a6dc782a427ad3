/**
 * Payment requests (bunq-api.md §9.6, §3.2):
 *  - …/request-inquiry: POST → Id; GET list/one (wrapper RequestInquiry); PUT {"status":"REVOKED"}
 *    → the RequestInquiry object itself (PY _OBJECT_TYPE_PUT; [CONFLICT] SW says Id — SDK wins).
 *  - …/request-response: GET list/one (wrapper RequestResponse); PUT {"status":"ACCEPTED"} must
 *    be signed (466) and pays; REJECTED declines; → the RequestResponse object.
 */
import type { RequestContext } from '../http/context';
import type { Route } from '../http/router';
import { badRequest, notFound } from '../http/errors';
import { answerResponse, createInquiry, revokeInquiry } from '../core/requests';
import { requestInquiryJson, requestResponseJson } from '../serialize/request-json';
import { idResult, listResult, ok, ownAccount, param } from './helpers';

const ACCOUNT = '/v1/user/{userID}/monetary-account/{monetary-accountID}';
const opt = { auth: 'session', signature: 'optional' } as const;

function ownInquiry(ctx: RequestContext) {
  const account = ownAccount(ctx);
  const r = ctx.em.state.requestInquiries.get(param(ctx, 'itemId'));
  if (!r || r.accountId !== account.id) throw notFound();
  return r;
}

function ownResponse(ctx: RequestContext) {
  const account = ownAccount(ctx);
  const r = ctx.em.state.requestResponses.get(param(ctx, 'itemId'));
  if (!r || r.accountId !== account.id) throw notFound();
  return r;
}

export const requestRoutes: Route[] = [
  {
    ...opt, method: 'POST', template: `${ACCOUNT}/request-inquiry`,
    handler: (ctx) => idResult(createInquiry(ctx.em.state, ownAccount(ctx), ctx.json(), ctx.now).id),
  },
  {
    ...opt, method: 'GET', template: `${ACCOUNT}/request-inquiry`,
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const list = [...ctx.em.state.requestInquiries.values()].filter((r) => r.accountId === account.id);
      return listResult(ctx, list, (r) => ({ RequestInquiry: requestInquiryJson(r) }));
    },
  },
  { ...opt, method: 'GET', template: `${ACCOUNT}/request-inquiry/{itemId}`, handler: (ctx) => ok({ RequestInquiry: requestInquiryJson(ownInquiry(ctx)) }) },
  {
    ...opt, method: 'PUT', template: `${ACCOUNT}/request-inquiry/{itemId}`,
    handler: (ctx) => {
      const r = ownInquiry(ctx);
      if (ctx.json()['status'] !== 'REVOKED') throw badRequest('The status can only be updated to REVOKED.');
      revokeInquiry(ctx.em.state, r, ctx.now);
      return ok({ RequestInquiry: requestInquiryJson(r) });
    },
  },
  {
    ...opt, method: 'GET', template: `${ACCOUNT}/request-response`,
    handler: (ctx) => {
      const account = ownAccount(ctx);
      const { state } = ctx.em;
      const list = [...state.requestResponses.values()].filter((r) => r.accountId === account.id);
      return listResult(ctx, list, (r) => ({ RequestResponse: requestResponseJson(state, r) }));
    },
  },
  { ...opt, method: 'GET', template: `${ACCOUNT}/request-response/{itemId}`, handler: (ctx) => ok({ RequestResponse: requestResponseJson(ctx.em.state, ownResponse(ctx)) }) },
  {
    ...opt, method: 'PUT', template: `${ACCOUNT}/request-response/{itemId}`,
    handler: (ctx) => {
      const r = ownResponse(ctx);
      const status = ctx.json()['status'];
      if (status !== 'ACCEPTED' && status !== 'REJECTED') throw badRequest('The status must be ACCEPTED or REJECTED.');
      if (status === 'ACCEPTED') ctx.requireSignature();
      answerResponse(ctx.em.state, r, status, ctx.now, ctx.clientRequestId);
      return ok({ RequestResponse: requestResponseJson(ctx.em.state, r) });
    },
  },
];
