/**
 * JSON as bunq puts it on the wire: ASCII only, every non-ASCII UTF-16 unit escaped as
 * \uXXXX (PHP json_encode's default). bunq-js-client hashes the decoded string one byte
 * per UTF-16 unit, so any raw non-ASCII byte breaks its signature check
 * (shared/reference/bunq-clients.md §1.5). Used by the emulator and by the gateway's own
 * bunq-facing responses.
 */
const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_ALL = /[\u007f-\uffff]/g;

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
