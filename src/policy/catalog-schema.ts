/**
 * The shapes of the files in policies/ (validated with zod at start-up, every object .strict()).
 *
 * scopes.json   {"scopes":[Scope…]}
 * endpoints.json {"endpoints":[Entry…]}   (deny by default: an unlisted endpoint is refused)
 * presets/<id>.json  Preset: a partial grant template. At issuance the owner fills in
 *   `accounts` (always) and, when the preset carries `payment`, `payment.sourceAccounts` and
 *   `payment.ibanAllowlist`; the result must then pass validateGrant().
 */
import { z } from 'zod';
import type { ResponseKind } from './call';
import { PaymentConstraintsSchema } from './grant';

export const ScopeFileSchema = z
  .object({
    description: z.string().optional(),
    scopes: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z][a-z-]*[a-z]$/, 'kebab-case scope id'),
          group: z.enum(['read', 'write', 'money']),
          title: z.string().min(1).max(80),
          description: z.string().min(1).max(400),
          /** recent-window: only the last grant.recentDays days; own-objects: only objects this token created. */
          restriction: z.enum(['recent-window', 'own-objects']).optional(),
          /** Scopes this one is at least as broad as (a parent holding this may hand those to a child). */
          includes: z.array(z.string()).default([]),
          /** Holding this scope switches OFF personal-data redaction of user objects. */
          personalData: z.boolean().default(false),
        })
        .strict(),
    ),
  })
  .strict();

export const QueryParam = z.enum(['count', 'older_id', 'newer_id']);
export type QueryParam = z.infer<typeof QueryParam>;

/** Only kinds the filter stage knows (call.ts ResponseKind); `satisfies` keeps the two in step. */
const RESPONSE_KINDS = [
  'user', 'user-list', 'monetary-account', 'monetary-account-list', 'payment', 'payment-list',
  'draft-payment', 'draft-payment-list', 'request-inquiry', 'request-inquiry-list', 'id',
] as const satisfies readonly ResponseKind[];

export const ResponseKindSchema = z.enum(RESPONSE_KINDS);

export const EntrySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/, 'an id like "payment.create"'),
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
    path: z.string(),
    /** upstream: checked and forwarded; gateway: answered by the gateway's own handshake; refused: never forwarded. */
    handledBy: z.enum(['upstream', 'gateway', 'refused']).default('upstream'),
    /** Any-of, in order of preference: the first one the grant holds is the allowing scope. */
    scopes: z.array(z.string()).default([]),
    response: ResponseKindSchema.optional(),
    body: z.string().optional(),
    query: z.array(QueryParam).default([]),
    /** condition id → that condition's config; evaluated in the fixed order of conditions/index.ts. */
    conditions: z.record(z.string(), z.unknown()).default({}),
    note: z.string().optional(),
  })
  .strict();

export const EndpointFileSchema = z
  .object({ description: z.string().optional(), endpoints: z.array(z.unknown()) })
  .strict();

export const PresetSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z-]*$/),
    title: z.string().min(1).max(80),
    description: z.string().min(1).max(400),
    /** Suggested token lifetime in days; the owner may shorten it at issuance. */
    suggestedExpiryDays: z.number().int().min(1).max(3650),
    grant: z
      .object({
        scopes: z.array(z.string()).min(1),
        recentDays: z.number().int().min(1).max(3650).optional(),
        // The owner fills in sourceAccounts and ibanAllowlist at issuance.
        payment: PaymentConstraintsSchema.omit({ sourceAccounts: true, ibanAllowlist: true })
          .optional(),
      })
      .strict(),
  })
  .strict();

export type ScopeFile = z.infer<typeof ScopeFileSchema>;
export type EntryInput = z.infer<typeof EntrySchema>;
export type Preset = z.infer<typeof PresetSchema>;
