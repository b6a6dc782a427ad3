/**
 * Parses the environment once into a frozen, typed Config. A bad or missing value becomes
 * ConfigError with one line per variable; the CLI prints those lines and exits non-zero.
 */
import path from 'node:path';
import { ConfigSchema, type Config } from './schema';

export class ConfigError extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(`invalid configuration:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.lines = lines;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Record<string, string> = {}): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = overrides[key] ?? env[key];
    // An empty variable counts as unset, as shells and compose files often produce them.
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // Never echo the offending value: it may be a secret.
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError(lines);
  }
  const { RECONCILE_AFTER_MS: reconcileAfter, RECONCILE_RELEASE_AFTER_MS: releaseAfter, UPSTREAM_TIMEOUT_MS: timeout } = parsed.data;
  if (reconcileAfter !== undefined && reconcileAfter < minReconcileAfterMs(timeout)) {
    throw new ConfigError(['RECONCILE_AFTER_MS: must be at least 2 × UPSTREAM_TIMEOUT_MS + 25 s (a live payment may take that long)']);
  }
  if (releaseAfter < (reconcileAfter ?? defaultReconcileAfterMs(timeout))) {
    throw new ConfigError(['RECONCILE_RELEASE_AFTER_MS: must be at least RECONCILE_AFTER_MS (an entry is not looked at before that age)']);
  }
  const dataDir = path.resolve(parsed.data.GATEWAY_DATA_DIR);
  return Object.freeze({
    ...parsed.data,
    GATEWAY_DATA_DIR: dataDir,
    databaseUrl: parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, 'gateway.db')}`,
    masterKeyFile: path.resolve(parsed.data.GATEWAY_MASTER_KEY_FILE ?? path.join(dataDir, 'master.key')),
  });
}

/**
 * The shortest reconciliation age that still lets every live payment finish first: a session
 * renewal (one timeout, after up to 20 s waiting for another instance's renewal,
 * upstream/context/session-keeper.ts) then the payment itself (one timeout), plus 5 s for the
 * clocks of other instances. Shorter, reconciliation could judge a payment still on its way, and
 * the send deadline (steps/reconcile-spend.ts) would refuse payments that only waited normally.
 */
export function minReconcileAfterMs(upstreamTimeoutMs: number): number {
  return 2 * upstreamTimeoutMs + 25_000;
}

/** RECONCILE_AFTER_MS when unset: the shortest safe age plus 5 s. */
export function defaultReconcileAfterMs(upstreamTimeoutMs: number): number {
  return 2 * upstreamTimeoutMs + 30_000;
}

