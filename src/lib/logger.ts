/**
 * The one logger (pino, JSON lines). Redaction covers every header and field that can carry
 * a credential, so a secret can never reach the log even by accident. The log is not the
 * audit trail (see src/audit/).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  '*.authorization',
  'headers["x-bunq-client-authentication"]',
  '*["x-bunq-client-authentication"]',
  'headers["x-bunq-client-signature"]',
  'headers.cookie',
  'apiKey',
  'api_key',
  'secret',
  'token',
  'password',
  'privateKey',
  // A PostgreSQL URL can carry the database password.
  'databaseUrl',
  '*.databaseUrl',
  'DATABASE_URL',
  '*.DATABASE_URL',
  '*.apiKey',
  '*.secret',
  '*.token',
  '*.privateKey',
];

export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'bunq-gateway' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
