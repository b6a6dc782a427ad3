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
  UPSTREAM_TIMEOUT_MS: positiveInt.default(15000).describe('Timeout of one call to bunq.'),
  RECONCILE_AFTER_MS: positiveInt
    .optional()
    .describe(
      'Age after which a payment whose outcome the gateway never learned (process killed, timeout) is reconciled against bunq. Default: 2 × UPSTREAM_TIMEOUT_MS + 30 s (longer than any live instance holds a call).',
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
