/**
 * The admin API's request and response shapes, in zod. These are the ONLY definitions: the
 * routes validate with them (routes.ts) and the OpenAPI 3.1 document is generated from them
 * (openapi.ts, zod-openapi), so the document cannot drift from what the server does.
 * `.meta({ id })` makes a schema a named component in the document.
 */
import { z } from 'zod';
import 'zod-openapi';
import { AmountString, Currency, PaymentConstraintsSchema } from '../policy/grant';

const TokenId = z.string().min(1).max(100).meta({ description: 'Token id (UUID).', example: '6f1c2a9e-4b1d-4c55-9a8e-2f3b1d0c7e11' });
const AccountId = z.number().int().positive().meta({ description: 'bunq monetary-account id.', example: 5200 });
const IsoDate = z.iso.datetime({ offset: true });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine code, e.g. not_found, body_invalid, unauthorized, csrf_invalid.' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const PaymentInput = z
  .object({
    currency: Currency.optional(),
    maxPerPayment: AmountString.optional().meta({ description: 'Largest single payment, bunq amount format.', example: '50.00' }),
    caps: z
      .object({ day: AmountString.optional(), week: AmountString.optional(), month: AmountString.optional() })
      .strict()
      .optional()
      .meta({ description: 'Rolling caps: day = 24 h, week = 7 days, month = 30 days.' }),
    ibanAllowlist: z.array(z.string().max(50)).max(100).optional(),
    sourceAccounts: z.array(AccountId).max(100).optional().meta({ description: 'Default: the token\'s accounts.' }),
    outsideAllowlist: z.enum(['deny', 'draft']).optional(),
  })
  .strict()
  .meta({ id: 'PaymentInput', description: 'Payment limits. With a preset, given fields override the preset\'s.' });

export const CreateTokenRequest = z
  .object({
    name: z.string().min(1).max(100),
    preset: z.string().max(50).optional().meta({ description: 'A preset id from GET /presets; its scopes and limits are the starting point.' }),
    scopes: z.array(z.string().max(50)).max(50).optional().meta({ description: 'Scopes (added to the preset\'s, if any).' }),
    accounts: z.array(AccountId).min(1).max(100),
    recentDays: z.number().int().min(1).max(3650).optional(),
    payment: PaymentInput.optional(),
    expiresAt: IsoDate.optional(),
    expiresInSeconds: z.number().int().positive().max(3660 * 86_400).optional(),
    ipAllowlist: z.array(z.string().max(50)).max(50).optional(),
    ratePerMinute: z.number().int().positive().max(1_000_000).nullable().optional(),
    ratePerDay: z.number().int().positive().max(100_000_000).nullable().optional(),
  })
  .strict()
  .meta({ id: 'CreateTokenRequest', description: 'Give expiresAt or expiresInSeconds (or a preset, whose suggested lifetime is used).' });

export const Spend = z
  .object({
    currency: z.string(),
    day: AmountString,
    week: AmountString,
    month: AmountString,
  })
  .meta({ id: 'Spend', description: 'Spent (reserved, committed or unknown) in each rolling window, counted against the caps.' });

export const TokenView = z
  .object({
    id: TokenId,
    name: z.string(),
    status: z.enum(['active', 'expired', 'revoked']),
    preset: z.string().nullable(),
    parentId: z.string().nullable(),
    scopes: z.array(z.string()),
    accounts: z.array(AccountId),
    recentDays: z.number().int(),
    payment: PaymentConstraintsSchema.nullable(),
    ipAllowlist: z.array(z.string()),
    ratePerMinute: z.number().int().nullable(),
    ratePerDay: z.number().int().nullable(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    lastUsedIp: z.string().nullable(),
    summary: z.array(z.string()).meta({ description: 'What the token can do, in plain language, one sentence each.' }),
    spend: Spend.nullable(),
  })
  .meta({ id: 'Token' });

export const IssuedTokenView = TokenView.extend({
  bearer: z.string().meta({ description: 'Authorization: Bearer form ("bgw_" + JWT). Shown once, never retrievable again.' }),
  bunqKey: z.string().meta({ description: 'The same token in bunq API-key form (64 hex). Shown once.' }),
}).meta({ id: 'IssuedToken' });

export const TokenList = z.object({ tokens: z.array(TokenView) }).meta({ id: 'TokenList' });
export const ListTokensQuery = z.object({ all: z.enum(['true', 'false']).optional().meta({ description: 'Include revoked tokens.' }) });
export const TokenIdParams = z.object({ id: TokenId });
export const RevokeResult = z.object({ revoked: z.array(z.string()) }).meta({ id: 'RevokeResult' });

export const AuditQuery = z
  .object({
    tokenId: z.string().max(100).optional(),
    decision: z.enum(['allow', 'deny']).optional(),
    since: IsoDate.optional(),
    until: IsoDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.coerce.number().int().positive().optional().meta({ description: 'nextCursor of the previous page.' }),
  })
  .strict();

export const AuditEventView = z
  .object({
    id: z.number().int(),
    at: z.string(),
    requestId: z.string(),
    tokenId: z.string().nullable(),
    tokenName: z.string().nullable(),
    method: z.string(),
    endpoint: z.string(),
    monetaryAccountId: z.number().int().nullable(),
    amount: z.string().nullable(),
    currency: z.string().nullable(),
    counterpartyIban: z.string().nullable(),
    decision: z.enum(['allow', 'deny']),
    reasonId: z.string(),
    status: z.number().int(),
    upstreamStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    clientIp: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const AuditPage = z
  .object({ events: z.array(AuditEventView), nextCursor: z.number().int().nullable() })
  .meta({ id: 'AuditPage', description: 'Newest first. nextCursor is null on the last page.' });

export const ExplainRequest = z
  .object({
    tokenId: TokenId,
    method: z.string().min(1).max(10),
    path: z.string().min(1).max(2048).meta({ example: '/v1/user/3100/monetary-account' }),
    body: z.string().max(65_536).optional().meta({ description: 'The JSON request body, as text.' }),
  })
  .strict()
  .meta({ id: 'ExplainRequest' });

export const ExplainResult = z
  .object({
    allowed: z.boolean(),
    reasonId: z.string(),
    status: z.number().int(),
    message: z.string(),
    endpointId: z.string().optional(),
    scope: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    effects: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ExplainResult' });

export const StatusView = z
  .object({
    bunq: z.object({
      configured: z.boolean(),
      baseUrl: z.string().nullable(),
      userId: z.number().int().nullable(),
      userDisplayName: z.string().nullable(),
      installationId: z.number().int().nullable(),
      sessionExpiresAt: z.string().nullable(),
    }),
    upstreamRateLimits: z
      .object({
        live: z.literal(false),
        note: z.string(),
        documented: z.record(z.string(), z.string()),
      })
      .meta({ description: 'bunq sends no rate-limit headers (bunq-api.md §7), so only the documented limits are shown.' }),
    tokens: z.object({ active: z.number().int(), expired: z.number().int(), revoked: z.number().int() }),
    audit24h: z.object({ allowed: z.number().int(), denied: z.number().int() }),
    ledger: z.object({ unknownOutcomes: z.number().int() }),
  })
  .meta({ id: 'Status' });

export const AccountView = z
  .object({
    id: AccountId,
    type: z.string(),
    description: z.string(),
    iban: z.string().nullable(),
    balance: z.object({ value: z.string(), currency: z.string() }).nullable(),
    status: z.string().nullable(),
  })
  .meta({ id: 'Account' });
export const AccountList = z.object({ accounts: z.array(AccountView), userId: z.number().int() }).meta({ id: 'AccountList' });

export const PresetView = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    suggestedExpiryDays: z.number().int(),
    grant: z.object({
      scopes: z.array(z.string()),
      recentDays: z.number().int().optional(),
      payment: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Preset' });
export const PresetList = z.object({ presets: z.array(PresetView) }).meta({ id: 'PresetList' });

export const ScopeView = z
  .object({
    id: z.string(),
    group: z.enum(['read', 'write', 'money']),
    title: z.string(),
    description: z.string(),
    restriction: z.string().nullable(),
    includes: z.array(z.string()),
    personalData: z.boolean(),
    movesMoney: z.boolean(),
  })
  .meta({ id: 'Scope' });
export const ScopeList = z.object({ scopes: z.array(ScopeView) }).meta({ id: 'ScopeList' });

export const LoginRequest = z.object({ credential: z.string().min(1).max(200) }).strict().meta({ id: 'LoginRequest' });
export const SessionView = z
  .object({
    authenticated: z.literal(true),
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every state-changing request made with the session cookie.' }),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'Session' });

export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;
export type TokenView = z.infer<typeof TokenView>;
export type IssuedTokenView = z.infer<typeof IssuedTokenView>;
export type AuditQuery = z.infer<typeof AuditQuery>;
export type AuditEventView = z.infer<typeof AuditEventView>;
export type AuditPage = z.infer<typeof AuditPage>;
export type ExplainRequest = z.infer<typeof ExplainRequest>;
export type ExplainResult = z.infer<typeof ExplainResult>;
export type StatusView = z.infer<typeof StatusView>;
export type AccountView = z.infer<typeof AccountView>;
