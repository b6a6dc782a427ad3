/**
 * JSON as bunq puts it on the wire: ASCII only, every non-ASCII UTF-16 unit escaped as
 * \uXXXX (PHP json_encode's default). bunq-js-client hashes the decoded string one byte
 * per UTF-16 unit, so any raw non-ASCII byte breaks its signature check
 * (docs/reference/bunq-clients.md §1.5). Used by the emulator and by the gateway's own
 * answers.
 */
const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_ALL = /[\u007f-\uffff]/g;
const SLASH_ALL = /\//g;

/**
 * bunq's JSON also writes "/" as "\/" (PHP json_encode's default; bunq-clients.md §1.5, §6).
 * The emulator does the same, so gateway code that ever worked on bunq's body text rather than
 * the parsed value would meet bunq's bytes in tests. Safe on any serialised JSON: "/" occurs
 * only inside strings, where "\/" decodes to "/". The gateway's own answers do not need it
 * (no JSON reader cares) and skip the pass.
 */
export function escapeSlashes(json: string): string {
  return json.includes('/') ? json.replace(SLASH_ALL, '\\/') : json;
}

export function toBunqJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Most answers are ASCII already; testing first spares a copy of the whole string per call.
  if (!NON_ASCII.test(json)) return json;
  return json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** bunq's error envelope (DESC §API conventions, Errors). */
export function bunqErrorBody(description: string, extra: Record<string, unknown> = {}): string {
  return toBunqJson({
    Error: [{ error_description: description, error_description_translated: description, ...extra }],
  });
}
