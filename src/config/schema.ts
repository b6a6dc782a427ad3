/**
 * Every setting the gateway reads from the environment, with its default and meaning.
 * Parsed once at start-up (load.ts); a bad value stops the process with one line naming the
 * variable. Secrets (the master key) are validated here but never echoed.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Repository root (this file is src/config/schema.ts or dist/config/schema.js). */
export const repoRoot = path.resolve(__dirname, '..', '..');

export const ConfigSchema = z.object({
  GATEWAY_HOST: z.string().min(1).default('127.0.0.1').describe('Interface the gateway listens on.'),
  GATEWAY_PORT: port.default(8080).describe('Port the gateway listens on (0 = any free port).'),
  GATEWAY_DATA_DIR: z
    .string()
    .min(1)
    .default('.data')
    .describe('Directory for the SQLite database and the master key file.'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(?:file:.+|postgres(?:ql)?:\/\/.+)$/,
      'must be a SQLite URL like file:./.data/gateway.db or a PostgreSQL URL like postgresql://user@host:5432/db',
    )
    .optional()
    .describe(
      'Database URL. Default: file:<GATEWAY_DATA_DIR>/gateway.db (SQLite, one instance). postgresql://… lets several instances share one state.',
    ),
  GATEWAY_MASTER_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex characters or base64')
    .optional()
    .describe('Key that encrypts secrets at rest (AES-256-GCM). Default: read from GATEWAY_MASTER_KEY_FILE.'),
  GATEWAY_MASTER_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('File holding the master key; created with mode 0600 on first start. Default: <GATEWAY_DATA_DIR>/master.key.'),
  GATEWAY_ISSUER: z.string().min(1).default('bunq-scope-gateway').describe('JWT issuer of gateway tokens.'),
  GATEWAY_AUDIENCE: z.string().min(1).default('bunq-api').describe('JWT audience of gateway tokens.'),
  GATEWAY_TOKEN_MAX_TTL_DAYS: positiveInt.max(3660).default(366).describe('Longest expiry a token may be given.'),
  GATEWAY_POLICIES_DIR: z
    .string()
    .min(1)
    .default(path.join(repoRoot, 'policies'))
    .describe('Directory with endpoints.json, scopes.json and presets/.'),
  BUNQ_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('bunq API base URL incl. /v1 (e.g. https://api.bunq.com/v1); used by `init`.'),
  GATEWAY_ALLOW_INSECURE_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe(
      'Accept tokens over plain HTTP from other machines (default false: only over TLS or from loopback). Set it only when a TLS-terminating proxy on a trusted network forwards to the gateway.',
    ),
  GATEWAY_INSTALLATIONS_PER_MINUTE: positiveInt
    .default(10)
    .describe('POST /v1/installation needs no credential, so each client IP may create at most this many per minute (bunq clients install once).'),
  GATEWAY_TLS_CERT_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('PEM certificate (chain) file: with GATEWAY_TLS_KEY_FILE the gateway serves HTTPS itself.'),
  GATEWAY_TLS_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('PEM private key file of GATEWAY_TLS_CERT_FILE.'),
  ADMIN_HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('Interface the admin API and console listen on. Keep it on localhost unless a TLS proxy guards it.'),
  ADMIN_PORT: port.default(8081).describe('Port of the admin API and console (0 = any free port).'),
  ADMIN_COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Mark console cookies Secure; set to true when the console is reached over HTTPS (a TLS proxy).'),
  ADMIN_SESSION_HOURS: positiveInt.max(168).default(12).describe('How long a console login lasts.'),
  UPSTREAM_TIMEOUT_MS: positiveInt.default(15000).describe('Timeout of one call to bunq.'),
  UPSTREAM_RATE_LIMITS: z
    .enum(['bunq', 'off'])
    .default('bunq')
    .describe("'bunq': keep every call within bunq's documented limits (3 GET, 5 POST/DELETE, 2 PUT per 3 s per endpoint). 'off': no client-side limit; only for an upstream without limits, e.g. benchmarks against the emulator."),
  UPSTREAM_RATE_WINDOW_MARGIN_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(350)
    .describe("Added to bunq's 3 s window so network jitter cannot bring two calls closer at bunq than we counted them."),
  UPSTREAM_QUEUE_MAX: positiveInt.default(1000).describe('Calls that may wait for a bunq slot in total; beyond that: 503 upstream_busy with Retry-After.'),
  UPSTREAM_QUEUE_PER_TOKEN_MAX: positiveInt
    .default(100)
    .describe('Calls one token may have waiting for bunq, so one busy token cannot fill the whole queue.'),
  UPSTREAM_QUEUE_MAX_WAIT_MS: positiveInt
    .default(10_000)
    .describe('Longest a call waits for a bunq slot; after that it is refused (503, NOT sent) rather than sent late.'),
  UPSTREAM_RETRIES_ON_429: z.coerce
    .number()
    .int()
    .min(0)
    .max(5)
    .default(2)
    .describe('How often a GET answered 429 by bunq is queued again after back-off. POST, PUT and DELETE are never retried.'),
  UPSTREAM_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(3000)
    .describe('How long a balance/account read from bunq is reused for every token (each filtered to its own view); 0 disables.'),
  UPSTREAM_COALESCE: z
    .enum(['on', 'off'])
    .default('on')
    .describe("'on': identical GETs in flight at the same time share one bunq call (each answer still filtered per token). 'off': every allowed GET is its own bunq call (e.g. to measure the gateway's own cost per call)."),
  AUDIT_BUFFER_MAX: positiveInt
    .default(10_000)
    .describe('Audit rows of calls that moved no money that may wait to be written (database slow or down); at this many, new calls are refused with 503 audit_unavailable.'),
  RECONCILE_AFTER_MS: positiveInt
    .optional()
    .describe(
      'Age after which a payment whose outcome the gateway never learned (process killed, timeout) is reconciled against bunq. Default: 2 × UPSTREAM_TIMEOUT_MS + 30 s (longer than any live instance holds a call).',
    ),
  RECONCILE_RELEASE_AFTER_MS: positiveInt
    .default(6 * 3_600_000)
    .describe(
      "Age before which a payment that bunq's list does not show is NOT released: bunq may still book a request it received while the gateway gave up on it, so until then its amount keeps counting against the caps (`ledger resolve` settles it earlier). Default 6 h; at least RECONCILE_AFTER_MS.",
    ),
  RECONCILE_INTERVAL_MS: positiveInt.default(60_000).describe('How often `serve` looks for such payments (also once at start).'),
  METRICS_HOST: z.string().min(1).default('127.0.0.1').describe('Interface of the Prometheus /metrics listener.'),
  METRICS_PORT: port.optional().describe('Port of the Prometheus /metrics listener (a separate one); unset = no metrics listener.'),
  LOG_LEVEL: logLevel.default('info').describe('pino log level.'),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>> & {
  readonly databaseUrl: string;
  readonly masterKeyFile: string;
};
