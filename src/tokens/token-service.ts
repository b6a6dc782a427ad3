/**
 * Issuing, deriving, rotating and revoking tokens. Every grant is validated against the
 * catalog before a record is written; a derived (child) token can only ever be narrower than
 * its parent: fewer scopes and accounts, lower caps, an expiry no later than the parent's.
 * The secrets (bearer JWT and bunq-key form) are returned once and never stored.
 */
import { randomUUID } from 'node:crypto';
import { GatewayError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { GrantSchema, type Grant, type GrantInput } from '../policy/grant';
import { checkAttenuation, validateGrant } from '../policy/attenuate';
import type { Catalog } from '../policy/catalog';
import type { TokenRecord, TokenRepository } from '../store/token-repo';
import { compileAllowlist } from '../inbound/check-client-ip';
import { mintJwt, type JwtSettings } from './jwt';
import type { SigningKeyRing } from './signing-keys';
import { BEARER_PREFIX, hashSecret, newBunqKeyForm } from './token-format';

export interface IssueInput {
  readonly name: string;
  readonly grant: GrantInput;
  readonly expiresAt: Date;
  readonly ipAllowlist?: readonly string[];
  readonly ratePerMinute?: number | null;
  readonly ratePerDay?: number | null;
  readonly preset?: string | null;
}

export interface IssuedToken {
  readonly token: TokenRecord;
  /** "bgw_" + JWT: for Authorization: Bearer. Shown once. */
  readonly bearer: string;
  /** 64 lowercase hex: for bunq clients that expect an API key. Shown once. */
  readonly bunqKey: string;
}

export interface TokenServiceDeps {
  readonly repo: TokenRepository;
  readonly keys: SigningKeyRing;
  readonly jwt: JwtSettings;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly maxTtlDays: number;
}

export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {}

  async issue(input: IssueInput, parent?: TokenRecord): Promise<IssuedToken> {
    const grant = this.#validGrant(input.grant);
    const now = this.deps.clock.now();
    this.#checkExpiry(input.expiresAt, now, parent);
    const ipAllowlist = [...(input.ipAllowlist ?? [])];
    try {
      compileAllowlist(ipAllowlist);
    } catch (err) {
      throw new GatewayError('body_invalid', 400, (err as Error).message);
    }
    if (parent) {
      const verdict = checkAttenuation(grant, parent.grant, this.deps.catalog);
      if (!verdict.ok) throw new GatewayError('body_invalid', 400, `A derived token cannot exceed its parent: ${verdict.reason}`);
    }
    if (!input.name.trim() || input.name.length > 100) throw new GatewayError('body_invalid', 400, 'A token needs a name of 1 to 100 characters.');
    const jti = randomUUID();
    const bunqKey = newBunqKeyForm();
    const token = await this.deps.repo.create({
      id: randomUUID(),
      jti,
      name: input.name.trim(),
      grant,
      preset: input.preset ?? null,
      parentId: parent?.id ?? null,
      ancestry: parent ? [...parent.ancestry, parent.id] : [],
      keyHash: hashSecret(bunqKey),
      ipAllowlist,
      ratePerMinute: input.ratePerMinute ?? null,
      ratePerDay: input.ratePerDay ?? null,
      expiresAt: input.expiresAt,
      createdAt: new Date(now),
    }, parent);
    return { token, bunqKey, bearer: await this.#bearer(token, now) };
  }

  /**
   * New credentials for the same record: the old bearer and bunq-key forms stop working, and so
   * does every token derived from the token (anyone holding the old secrets could have derived
   * one as strong as it).
   */
  async rotate(id: string): Promise<IssuedToken & { readonly revokedDescendants: readonly string[] }> {
    const current = await this.#get(id);
    if (current.revokedAt) throw new GatewayError('conflict', 409, 'A revoked token cannot be rotated.');
    const bunqKey = newBunqKeyForm();
    const now = this.deps.clock.now();
    const { token, revokedDescendants } = await this.deps.repo.rotate(id, randomUUID(), hashSecret(bunqKey), new Date(now));
    return { token, bunqKey, bearer: await this.#bearer(token, now), revokedDescendants };
  }

  /** Revokes the token and everything derived from it. */
  async revoke(id: string, reason = 'revoked by owner'): Promise<string[]> {
    await this.#get(id);
    return this.deps.repo.revokeTree(id, new Date(this.deps.clock.now()), reason);
  }

  async #get(id: string): Promise<TokenRecord> {
    const token = await this.deps.repo.findById(id);
    if (!token) throw new GatewayError('not_found', 404, `No token with id ${id}.`);
    return token;
  }

  #validGrant(input: GrantInput): Grant {
    const parsed = GrantSchema.safeParse(input);
    if (!parsed.success) {
      throw new GatewayError('body_invalid', 400, `Invalid grant: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const checked = validateGrant(parsed.data, this.deps.catalog);
    if (!checked.ok) throw new GatewayError('body_invalid', 400, `Invalid grant: ${checked.errors.join('; ')}`);
    return checked.grant;
  }

  #checkExpiry(expiresAt: Date, now: number, parent?: TokenRecord): void {
    const t = expiresAt.getTime();
    if (!Number.isFinite(t) || t <= now) throw new GatewayError('body_invalid', 400, 'The expiry must be in the future.');
    if (t > now + this.deps.maxTtlDays * 86_400_000) {
      throw new GatewayError('body_invalid', 400, `The expiry may be at most ${this.deps.maxTtlDays} days away.`);
    }
    if (parent && t > parent.expiresAt.getTime()) {
      throw new GatewayError('body_invalid', 400, 'A derived token cannot outlive its parent.');
    }
  }

  async #bearer(token: TokenRecord, now: number): Promise<string> {
    const exp = Math.floor(token.expiresAt.getTime() / 1000);
    return BEARER_PREFIX + (await mintJwt(this.deps.keys.active, this.deps.jwt, { sub: token.id, jti: token.jti, exp }, now));
  }
}
