/**
 * The owner's operations, ONE implementation for both surfaces: the CLI (src/cli/commands)
 * and the admin API (routes.ts) call these methods and nothing else, so a token made in the
 * console and one made on the command line go through the same checks (TokenService.issue →
 * GrantSchema + validateGrant against the catalog), and explain runs the gateway's own
 * normalisation and decision (policy/explain.ts).
 */
import { randomUUID } from 'node:crypto';
import { GatewayError } from '../lib/errors';
import { formatAmount } from '../lib/money';
import { explain, type Explanation } from '../policy/explain';
import { presetToGrant } from '../policy/preset';
import type { GrantInput } from '../policy/grant';
import type { Runtime } from '../runtime';
import type { TokenRecord } from '../store/token-repo';
import type { IssuedToken } from '../tokens/token-service';
import { describeToken } from './describe-token';
import type {
  AccountView,
  AuditEventView,
  AuditPage,
  AuditQuery,
  CreateTokenRequest,
  ExplainRequest,
  IssuedTokenView,
  StatusView,
  TokenView,
} from './schemas';

/** bunq's documented limits (bunq-api.md §7); bunq sends no headers with the live budget. */
const DOCUMENTED_RATE_LIMITS = {
  GET: '3 requests per 3 seconds',
  POST: '5 requests per 3 seconds',
  PUT: '2 requests per 3 seconds',
  '/session-server': '1 request per 30 seconds',
};

export class OwnerService {
  constructor(private readonly rt: Runtime) {}

  async createToken(req: CreateTokenRequest): Promise<IssuedTokenView> {
    const grant = this.#grant(req);
    const issued = await this.rt.tokens.issue({
      name: req.name,
      grant,
      expiresAt: this.#expiry(req),
      preset: req.preset ?? null,
      ipAllowlist: req.ipAllowlist ?? [],
      ratePerMinute: req.ratePerMinute ?? null,
      ratePerDay: req.ratePerDay ?? null,
    });
    return this.#issuedView(issued);
  }

  async listTokens(opts: { all?: boolean } = {}): Promise<TokenView[]> {
    const tokens = await this.rt.tokenRepo.list({ includeRevoked: opts.all === true });
    return Promise.all(tokens.map((t) => this.view(t)));
  }

  async getToken(id: string): Promise<TokenView> {
    return this.view(await this.#find(id));
  }

  async revokeToken(id: string): Promise<{ revoked: string[] }> {
    return { revoked: await this.rt.tokens.revoke(id) };
  }

  async rotateToken(id: string): Promise<IssuedTokenView> {
    return this.#issuedView(await this.rt.tokens.rotate(id));
  }

  async audit(q: AuditQuery & { afterId?: number }): Promise<AuditPage> {
    const limit = q.limit ?? 50;
    const rows = await this.rt.audit.query({
      ...(q.tokenId ? { tokenId: q.tokenId } : {}),
      ...(q.decision ? { decision: q.decision } : {}),
      ...(q.since ? { since: new Date(q.since) } : {}),
      ...(q.until ? { until: new Date(q.until) } : {}),
      ...(q.cursor !== undefined ? { beforeId: q.cursor } : {}),
      ...(q.afterId !== undefined ? { afterId: q.afterId } : {}),
      limit,
    });
    const names = new Map((await this.rt.tokenRepo.findMany([...new Set(rows.flatMap((r) => (r.tokenId ? [r.tokenId] : [])))])).map((t) => [t.id, t.name]));
    const events: AuditEventView[] = rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      requestId: r.requestId,
      tokenId: r.tokenId,
      tokenName: r.tokenId ? (names.get(r.tokenId) ?? null) : null,
      method: r.method,
      endpoint: r.endpoint,
      monetaryAccountId: r.monetaryAccountId,
      amount: r.amountMinor === null ? null : formatAmount(r.amountMinor),
      currency: r.currency,
      counterpartyIban: r.counterpartyIban,
      decision: r.decision === 'allow' ? 'allow' : 'deny',
      reasonId: r.reasonId,
      status: r.status,
      upstreamStatus: r.upstreamStatus,
      durationMs: r.durationMs,
      clientIp: r.clientIp,
    }));
    const last = events[events.length - 1];
    return { events, nextCursor: q.afterId === undefined && events.length === limit && last ? last.id : null };
  }

  /** Would this request be allowed? Checks the token and every token it was derived from; sends nothing. */
  async explain(req: ExplainRequest): Promise<Explanation> {
    const token = await this.#find(req.tokenId);
    const ancestors = await this.rt.tokenRepo.findMany(token.ancestry);
    const raw = {
      requestId: randomUUID(),
      clientIp: '127.0.0.1',
      method: req.method,
      target: req.path,
      rawHeaders: req.body ? ['Content-Type', 'application/json'] : [],
      body: Buffer.from(req.body ?? '', 'utf8'),
    };
    const ctx = { bunqUserId: this.rt.bunq().userId, now: this.rt.clock.now(), catalog: this.rt.catalog };
    let verdict = explain(raw, token.grant, ctx);
    for (const ancestor of ancestors) {
      if (!verdict.allowed) break;
      const up = explain(raw, ancestor.grant, ctx);
      if (!up.allowed) verdict = { ...up, message: `${up.message} (denied by parent token ${ancestor.id})` };
    }
    if (token.revokedAt) verdict = { ...verdict, allowed: false, message: `The token is revoked. ${verdict.message}` };
    else if (token.expiresAt.getTime() <= this.rt.clock.now()) verdict = { ...verdict, allowed: false, message: `The token has expired. ${verdict.message}` };
    return verdict;
  }

  async status(): Promise<StatusView> {
    let bunq: StatusView['bunq'] = { configured: false, baseUrl: null, userId: null, userDisplayName: null, installationId: null, sessionExpiresAt: null };
    try {
      const s = this.rt.bunq().status();
      bunq = {
        configured: true,
        baseUrl: s.baseUrl,
        userId: s.user.id,
        userDisplayName: s.user.displayName,
        installationId: s.installationId,
        sessionExpiresAt: s.session?.expiresAt ?? null,
      };
    } catch (err) {
      if (!(err instanceof GatewayError && err.code === 'not_configured')) throw err;
    }
    const now = new Date(this.rt.clock.now());
    const db = this.rt.db;
    const [active, expired, revoked, allowed, denied, unknownOutcomes] = await Promise.all([
      db.token.count({ where: { revokedAt: null, expiresAt: { gt: now } } }),
      db.token.count({ where: { revokedAt: null, expiresAt: { lte: now } } }),
      db.token.count({ where: { revokedAt: { not: null } } }),
      db.auditEvent.count({ where: { decision: 'allow', at: { gt: new Date(now.getTime() - 86_400_000) } } }),
      db.auditEvent.count({ where: { decision: 'deny', at: { gt: new Date(now.getTime() - 86_400_000) } } }),
      db.spendEntry.count({ where: { status: 'UNKNOWN' } }),
    ]);
    return {
      bunq,
      upstreamRateLimits: {
        live: false,
        note: 'bunq sends no rate-limit headers, so the gateway cannot show a live budget; these are bunq\'s documented limits per IP and endpoint.',
        documented: DOCUMENTED_RATE_LIMITS,
      },
      tokens: { active, expired, revoked },
      audit24h: { allowed, denied },
      ledger: { unknownOutcomes },
    };
  }

  /** The owner's monetary accounts with names and IBANs, read from bunq through the gateway's context (bunq-api.md §9.2). */
  async accounts(): Promise<{ userId: number; accounts: AccountView[] }> {
    const bunq = this.rt.bunq();
    // Through the one scheduler: the owner's console shares bunq's budget with every token.
    const res = await this.rt.upstream.request({
      tokenId: 'gateway:owner',
      cacheable: false,
      method: 'GET',
      path: `/user/${bunq.userId}/monetary-account`,
      query: { count: 200 },
    });
    if (res.status !== 200) throw new GatewayError('upstream_error', 502, `bunq answered ${res.status} when listing the accounts.`);
    const items = (res.json as { Response?: unknown[] }).Response ?? [];
    const accounts = items.flatMap((wrapped) => {
      const [type, acc] = Object.entries(wrapped as Record<string, Record<string, unknown>>)[0] ?? [];
      if (!type || !acc || typeof acc['id'] !== 'number') return [];
      const aliases = Array.isArray(acc['alias']) ? (acc['alias'] as { type?: string; value?: string }[]) : [];
      const balance = acc['balance'] as { value?: unknown; currency?: unknown } | undefined;
      return [
        {
          id: acc['id'],
          type,
          description: typeof acc['description'] === 'string' ? acc['description'] : '',
          iban: aliases.find((a) => a.type === 'IBAN')?.value ?? null,
          balance: typeof balance?.value === 'string' && typeof balance.currency === 'string' ? { value: balance.value, currency: balance.currency } : null,
          status: typeof acc['status'] === 'string' ? acc['status'] : null,
        },
      ];
    });
    return { userId: bunq.userId, accounts };
  }

  presets() {
    return [...this.rt.catalog.presets.values()].map((p) => ({
      id: p.id,
      title: p.title,
      description: p.description,
      suggestedExpiryDays: p.suggestedExpiryDays,
      grant: { ...p.grant } as { scopes: string[]; recentDays?: number; payment?: Record<string, unknown> },
    }));
  }

  scopes() {
    return [...this.rt.catalog.scopes.values()].map((s) => ({
      id: s.id,
      group: s.group,
      title: s.title,
      description: s.description,
      restriction: s.restriction ?? null,
      includes: [...s.includes],
      personalData: s.personalData,
      movesMoney: s.movesMoney,
    }));
  }

  async view(t: TokenRecord): Promise<TokenView> {
    const now = this.rt.clock.now();
    const p = t.grant.payment;
    let spend: TokenView['spend'] = null;
    if (p) {
      const s = await this.rt.ledger.spent(t.id, p.currency, now);
      spend = { currency: p.currency, day: formatAmount(s.day), week: formatAmount(s.week), month: formatAmount(s.month) };
    }
    return {
      id: t.id,
      name: t.name,
      status: t.revokedAt ? 'revoked' : t.expiresAt.getTime() <= now ? 'expired' : 'active',
      preset: t.preset,
      parentId: t.parentId,
      scopes: [...t.grant.scopes],
      accounts: [...t.grant.accounts],
      recentDays: t.grant.recentDays,
      payment: p ?? null,
      ipAllowlist: [...t.ipAllowlist],
      ratePerMinute: t.ratePerMinute,
      ratePerDay: t.ratePerDay,
      expiresAt: t.expiresAt.toISOString(),
      revokedAt: t.revokedAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      lastUsedIp: t.lastUsedIp,
      summary: describeToken(t, this.rt.catalog.scopes),
      spend,
    };
  }

  async #issuedView(issued: IssuedToken): Promise<IssuedTokenView> {
    return { ...(await this.view(issued.token)), bearer: issued.bearer, bunqKey: issued.bunqKey };
  }

  async #find(id: string): Promise<TokenRecord> {
    const token = await this.rt.tokenRepo.findById(id);
    if (!token) throw new GatewayError('not_found', 404, `No token with id ${id}.`);
    return token;
  }

  /** Preset (if any) + the owner's choices → a grant input; TokenService validates it. */
  #grant(req: CreateTokenRequest): GrantInput {
    const accounts = req.accounts;
    const p = req.payment ?? {};
    const overrides = {
      ...(p.currency ? { currency: p.currency } : {}),
      ...(p.maxPerPayment ? { maxPerPayment: p.maxPerPayment } : {}),
      ...(p.caps && Object.keys(p.caps).length ? { caps: p.caps } : {}),
      ...(p.outsideAllowlist ? { outsideAllowlist: p.outsideAllowlist } : {}),
    };
    const fill = { sourceAccounts: p.sourceAccounts ?? accounts, ibanAllowlist: p.ibanAllowlist ?? [] };
    if (req.preset !== undefined) {
      const preset = this.rt.catalog.presets.get(req.preset);
      if (!preset) throw new GatewayError('body_invalid', 400, `Unknown preset "${req.preset}"; known: ${[...this.rt.catalog.presets.keys()].join(', ')}.`);
      const base = presetToGrant(preset, { accounts, ...fill });
      return {
        ...base,
        scopes: [...base.scopes, ...(req.scopes ?? []).filter((s) => !base.scopes.includes(s))],
        ...(req.recentDays ? { recentDays: req.recentDays } : {}),
        ...(base.payment ? { payment: { ...base.payment, ...overrides } } : {}),
      };
    }
    if (!req.scopes?.length) throw new GatewayError('body_invalid', 400, 'Give a preset or at least one scope.');
    const movesMoney = req.scopes.some((s) => this.rt.catalog.scopes.get(s)?.movesMoney === true);
    if (movesMoney && !p.maxPerPayment) throw new GatewayError('body_invalid', 400, 'A token that can pay needs a maximum per payment.');
    return {
      scopes: req.scopes,
      accounts,
      ...(req.recentDays ? { recentDays: req.recentDays } : {}),
      ...(movesMoney ? { payment: { currency: 'EUR', caps: {}, outsideAllowlist: 'deny' as const, ...overrides, maxPerPayment: p.maxPerPayment!, ...fill } } : {}),
    };
  }

  #expiry(req: CreateTokenRequest): Date {
    if (req.expiresAt !== undefined && req.expiresInSeconds !== undefined) throw new GatewayError('body_invalid', 400, 'Give expiresAt or expiresInSeconds, not both.');
    if (req.expiresAt !== undefined) return new Date(req.expiresAt);
    if (req.expiresInSeconds !== undefined) return new Date(this.rt.clock.now() + req.expiresInSeconds * 1000);
    const days = req.preset === undefined ? undefined : this.rt.catalog.presets.get(req.preset)?.suggestedExpiryDays;
    if (!days) throw new GatewayError('body_invalid', 400, 'Every token needs an expiry: expiresAt or expiresInSeconds.');
    return new Date(this.rt.clock.now() + days * 86_400_000);
  }
}
