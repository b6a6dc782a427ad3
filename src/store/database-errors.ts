/**
 * Tells "the database cannot be reached or refuses work right now" apart from other database
 * errors, so the caller gets a clear 503 database_unavailable (retry later) instead of a bare
 * 500. Prisma reports these as a DriverAdapterError, raw or wrapped in a Prisma error's
 * meta.driverAdapterError, whose cause is one of the adapter kinds below or a PostgreSQL
 * SQLSTATE of class 08 (connection exception), 53 (insufficient resources) or 57P01-57P05
 * (server shutting down / not accepting connections); SQLite's SQLITE_BUSY and SQLITE_CANTOPEN
 * count too.
 */
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'ConnectionClosed',
  'TlsConnectionError',
  'AuthenticationFailed',
  'TooManyConnections',
  'SocketTimeout',
]);
const UNAVAILABLE_SQLSTATE = /^(?:08|53|57P0[1-5]|55000$)/;
const UNAVAILABLE_SQLITE = /^SQLITE_(?:BUSY|CANTOPEN|IOERR)/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

interface AdapterCause {
  kind?: unknown;
  code?: unknown;
  originalCode?: unknown;
  message?: unknown;
}

function causeIsUnavailable(cause: AdapterCause | undefined): boolean {
  if (!cause) return false;
  if (typeof cause.kind === 'string' && UNAVAILABLE_KINDS.has(cause.kind)) return true;
  const code = typeof cause.originalCode === 'string' ? cause.originalCode : typeof cause.code === 'string' ? cause.code : '';
  if (cause.kind === 'postgres') return UNAVAILABLE_SQLSTATE.test(code) || /not currently accepting connections/.test(String(cause.message));
  if (cause.kind === 'sqlite') return UNAVAILABLE_SQLITE.test(code) || UNAVAILABLE_SQLITE.test(String(cause.message));
  return UNAVAILABLE_SOCKET.has(code);
}

export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; cause?: unknown; code?: unknown; meta?: { driverAdapterError?: { cause?: AdapterCause } } };
  if (e.name === 'PrismaClientInitializationError') return true;
  if (e.name === 'DriverAdapterError') return causeIsUnavailable(e.cause as AdapterCause | undefined);
  if (e.meta?.driverAdapterError) return causeIsUnavailable(e.meta.driverAdapterError.cause);
  if (typeof e.code === 'string' && UNAVAILABLE_SOCKET.has(e.code)) return true;
  return false;
}

/** SQLite's "busy" in any of its forms (better-sqlite3 reports extended result codes). */
export function isSqliteBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
