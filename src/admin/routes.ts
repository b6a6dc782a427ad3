/**
 * The admin API as data: one table of routes, each with its zod schemas and a handler that
 * calls OwnerService. api.ts mounts this table on express (validating every input with the
 * schemas); openapi.ts turns the same table into the OpenAPI 3.1 document. One list, so the
 * document describes exactly what is served.
 */
import type { z } from 'zod';
import type { OwnerService } from './owner-service';
import {
  AccountList,
  AuditPage,
  AuditQuery,
  CreateTokenRequest,
  ExplainRequest,
  ExplainResult,
  IssuedTokenView,
  ListTokensQuery,
  PresetList,
  RevokeResult,
  ScopeList,
  StatusView,
  TokenIdParams,
  TokenList,
  TokenView,
} from './schemas';

export const API_PREFIX = '/admin/api/v1';

export interface RouteInput {
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

export interface AdminRoute {
  readonly method: 'get' | 'post';
  /** OpenAPI form, relative to API_PREFIX: "/tokens/{id}". */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly status: 200 | 201;
  readonly response: z.ZodType;
  readonly handle: (svc: OwnerService, input: RouteInput) => Promise<unknown> | unknown;
}

const id = (input: RouteInput): string => input.params['id'] as string;

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  {
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    summary: 'List tokens (active and expired; revoked too with all=true), with spend against their caps.',
    query: ListTokensQuery,
    status: 200,
    response: TokenList,
    handle: async (svc, { query }) => ({ tokens: await svc.listTokens({ all: query['all'] === 'true' }) }),
  },
  {
    method: 'post',
    path: '/tokens',
    operationId: 'createToken',
    summary: 'Issue a token. The answer carries its secrets; they are shown once and never again.',
    body: CreateTokenRequest,
    status: 201,
    response: IssuedTokenView,
    handle: (svc, { body }) => svc.createToken(body as z.infer<typeof CreateTokenRequest>),
  },
  {
    method: 'get',
    path: '/tokens/{id}',
    operationId: 'getToken',
    summary: 'One token, with its spend per window. Never its secrets.',
    params: TokenIdParams,
    status: 200,
    response: TokenView,
    handle: (svc, input) => svc.getToken(id(input)),
  },
  {
    method: 'post',
    path: '/tokens/{id}/revoke',
    operationId: 'revokeToken',
    summary: 'Revoke a token and every token derived from it; effective on the next request.',
    params: TokenIdParams,
    status: 200,
    response: RevokeResult,
    handle: (svc, input) => svc.revokeToken(id(input)),
  },
  {
    method: 'post',
    path: '/tokens/{id}/rotate',
    operationId: 'rotateToken',
    summary: 'New secrets for the same token; the old ones, and every token derived from it, stop working at once. Spend so far still counts.',
    params: TokenIdParams,
    status: 200,
    response: IssuedTokenView,
    handle: (svc, input) => svc.rotateToken(id(input)),
  },
  {
    method: 'get',
    path: '/audit',
    operationId: 'listAudit',
    summary: 'Audit events, newest first, filtered by token, decision and time; page with cursor.',
    query: AuditQuery,
    status: 200,
    response: AuditPage,
    handle: (svc, { query }) => svc.audit(query as z.infer<typeof AuditQuery>),
  },
  {
    method: 'post',
    path: '/explain',
    operationId: 'explain',
    summary: 'Would this token be allowed to make this request, and why? Nothing is sent to bunq.',
    body: ExplainRequest,
    status: 200,
    response: ExplainResult,
    handle: (svc, { body }) => svc.explain(body as z.infer<typeof ExplainRequest>),
  },
  {
    method: 'get',
    path: '/status',
    operationId: 'getStatus',
    summary: 'bunq context health (base URL, user, session expiry), token and audit counts.',
    status: 200,
    response: StatusView,
    handle: (svc) => svc.status(),
  },
  {
    method: 'get',
    path: '/accounts',
    operationId: 'listAccounts',
    summary: "The owner's bunq monetary accounts with names and IBANs, read through the gateway's bunq context.",
    status: 200,
    response: AccountList,
    handle: (svc) => svc.accounts(),
  },
  {
    method: 'get',
    path: '/presets',
    operationId: 'listPresets',
    summary: 'Token presets from policies/presets/.',
    status: 200,
    response: PresetList,
    handle: (svc) => ({ presets: svc.presets() }),
  },
  {
    method: 'get',
    path: '/scopes',
    operationId: 'listScopes',
    summary: 'Every scope a token can hold, from policies/scopes.json.',
    status: 200,
    response: ScopeList,
    handle: (svc) => ({ scopes: svc.scopes() }),
  },
];
