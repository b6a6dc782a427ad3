/**
 * Composition root: everything a gateway process (or a CLI command acting on its state)
 * needs, built once from the configuration. Order: master key → database (migrated) →
 * policy catalog → signing keys → repositories → bunq context (if initialised).
 */
import { loadOrCreateMasterKey } from './lib/master-key';
import { SecretBox } from './lib/secret-box';
import { systemClock, type Clock } from './lib/clock';
import { silentLogger, type Logger } from './lib/logger';
import { GatewayError } from './lib/errors';
import { InFlightCalls } from './lib/in-flight';
import type { Config } from './config/schema';
import { openDatabase, type Db } from './store/client';
import { dialectOf, sqliteFile } from './store/database-url';
import { ClientContextRepository } from './store/client-context-repo';
import { SqliteTokenReader } from './store/token-reader';
import { SqliteAuditWriter } from './store/sqlite-audit-writer';
import { SharedRateBudget } from './store/shared-rate-budget';
import { migrateDatabase } from './store/migrate';
import { TokenRepository } from './store/token-repo';
import { SpendLedger } from './store/spend-ledger';
import { OwnedObjects } from './store/owned-objects';
import { IdempotencyRepository } from './store/idempotency-repo';
import { AuditLog } from './audit/audit-log';
import { GatewayMetrics } from './metrics/metrics';
import { loadCatalog, type Catalog } from './policy/catalog';
import { SigningKeyRing } from './tokens/signing-keys';
import { TokenService } from './tokens/token-service';
import { loadBunqClient, type BunqClient } from './upstream';
import { MemoryRateBudget, ScheduledUpstream, UpstreamScheduler, realTime } from './upstream/scheduler';

export interface Runtime {
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly db: Db;
  readonly secretBox: SecretBox;
  readonly catalog: Catalog;
  readonly keys: SigningKeyRing;
  readonly tokenRepo: TokenRepository;
  /** Installations, devices and sessions of bunq clients using the gateway's handshake. */
  readonly clientContext: ClientContextRepository;
  readonly tokens: TokenService;
  readonly ledger: SpendLedger;
  readonly owned: OwnedObjects;
  readonly idempotency: IdempotencyRepository;
  readonly audit: AuditLog;
  readonly metrics: GatewayMetrics;
  /** Calls being served right now; close() waits for them before it closes the stores. */
  readonly calls: InFlightCalls;
  /** The bunq client, or a not_configured error until `init` has run. */
  bunq(): BunqClient;
  /** Every allowed call to bunq goes through here: read cache, then the rate-limit scheduler. */
  readonly upstream: ScheduledUpstream;
  /** Re-reads the stored bunq context (after `init`). */
  reloadBunq(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Config,
  opts: { clock?: Clock; logger?: Logger; migrate?: boolean; metrics?: GatewayMetrics } = {},
): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? silentLogger;
  const { key, created } = loadOrCreateMasterKey({ envValue: config.GATEWAY_MASTER_KEY, file: config.masterKeyFile });
  if (created) logger.info({ file: config.masterKeyFile }, 'created a new master key file (mode 0600); back it up');
  const secretBox = new SecretBox(key);
  if (opts.migrate !== false) await migrateDatabase(config.databaseUrl);
  const db = openDatabase(config.databaseUrl);
  const catalog = loadCatalog(config.GATEWAY_POLICIES_DIR);
  const keys = await SigningKeyRing.load(db, secretBox);
  // The prepared-statement fast path exists for SQLite only; on PostgreSQL a cache miss and the
  // token generation are read through Prisma (src/store/token-cache.ts).
  const onSqlite = dialectOf(config.databaseUrl) === 'sqlite';
  const tokenReader = onSqlite ? new SqliteTokenReader(sqliteFile(config.databaseUrl)) : undefined;
  // Likewise audit rows, written on every call: their own connection and statement on SQLite.
  const auditWriter = onSqlite ? new SqliteAuditWriter(sqliteFile(config.databaseUrl)) : undefined;
  const tokenRepo = new TokenRepository(db, tokenReader, logger);
  const jwt = { issuer: config.GATEWAY_ISSUER, audience: config.GATEWAY_AUDIENCE };
  let bunq: BunqClient | undefined;
  const scheduler = new UpstreamScheduler(
    {
      mode: config.UPSTREAM_RATE_LIMITS,
      windowMarginMs: config.UPSTREAM_RATE_WINDOW_MARGIN_MS,
      maxQueued: config.UPSTREAM_QUEUE_MAX,
      maxQueuedPerToken: config.UPSTREAM_QUEUE_PER_TOKEN_MAX,
      maxWaitMs: config.UPSTREAM_QUEUE_MAX_WAIT_MS,
      retriesOn429: config.UPSTREAM_RETRIES_ON_429,
    },
    // Several instances share PostgreSQL and bunq's per-IP limit, so they share the count too.
    dialectOf(config.databaseUrl) === 'postgresql' ? new SharedRateBudget(db) : new MemoryRateBudget(),
    realTime,
  );

  const metrics = opts.metrics ?? new GatewayMetrics();
  metrics.watchQueueDepth(() => scheduler.queued);

  const runtime: Runtime = {
    config,
    clock,
    logger,
    db,
    secretBox,
    catalog,
    keys,
    tokenRepo,
    clientContext: new ClientContextRepository(db, tokenReader),
    tokens: new TokenService({ repo: tokenRepo, keys, jwt, catalog, clock, maxTtlDays: config.GATEWAY_TOKEN_MAX_TTL_DAYS }),
    ledger: new SpendLedger(db),
    owned: new OwnedObjects(db, tokenReader),
    idempotency: new IdempotencyRepository(db),
    audit: new AuditLog(db, logger, auditWriter, { maxBuffered: config.AUDIT_BUFFER_MAX }),
    upstream: new ScheduledUpstream(() => runtime.bunq(), scheduler, config.UPSTREAM_CACHE_TTL_MS, clock, config.UPSTREAM_COALESCE === 'on'),
    metrics,
    calls: new InFlightCalls(),
    bunq() {
      if (!bunq) throw new GatewayError('not_configured', 503, 'The gateway has no bunq context yet; the owner must run `bunq-gateway init`.');
      return bunq;
    },
    async reloadBunq() {
      try {
        const next = await loadBunqClient({ db, secretBox, clock, logger, timeoutMs: config.UPSTREAM_TIMEOUT_MS });
        await bunq?.close();
        bunq = next;
        return true;
      } catch (err) {
        if (err instanceof GatewayError && err.code === 'not_configured') return false;
        throw err;
      }
    },
    async close() {
      // A call whose client hung up is still running; its audit row and ledger entry come last.
      await runtime.calls.idle();
      await runtime.audit.close();
      await bunq?.close();
      tokenReader?.close();
      auditWriter?.close();
      await db.$disconnect();
    },
  };
  metrics.watchAuditBuffer(() => runtime.audit.buffered);
  return runtime;
}
