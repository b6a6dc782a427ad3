/**
 * JSON as bunq puts it on the wire (PHP json_encode's defaults): ASCII only, every non-ASCII
 * UTF-16 unit escaped as \uXXXX, and "/" escaped as "\/" (bunq-clients.md §1.5, §6).
 * bunq-js-client hashes the decoded string one byte per UTF-16 unit, so any raw non-ASCII byte
 * breaks its signature check. Used by the emulator and by the gateway's own answers.
 */
const TO_ESCAPE = /[/\u007f-\uffff]/;
const TO_ESCAPE_ALL = /[/\u007f-\uffff]/g;

export function toBunqJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Testing first spares a copy of the whole string when there is nothing to escape.
  if (!TO_ESCAPE.test(json)) return json;
  return json.replace(TO_ESCAPE_ALL, escapeOne);
}

function escapeOne(c: string): string {
  return c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** bunq's error envelope (DESC §API conventions, Errors). */
export function bunqErrorBody(description: string, extra: Record<string, unknown> = {}): string {
  return toBunqJson({
    Error: [{ error_description: description, error_description_translated: description, ...extra }],
  });
}
