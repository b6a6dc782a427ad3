/**
 * One audit event per request that reached the pipeline, allowed or denied. It names what
 * was decided and why, never a credential, key or raw body. Event fields:
 *
 * | field              | meaning                                                          |
 * |--------------------|------------------------------------------------------------------|
 * | decision           | "allow" or "deny"                                                |
 * | reasonId           | stable snake_case id: "allowed", "converted_to_draft", or the    |
 * |                    | error code of the refusal ("scope_missing", "cap_exceeded", …)   |
 * | endpoint           | "METHOD /v1/template" of the matched catalog entry, or the raw   |
 * |                    | method and path (cut to 200 chars) when nothing matched          |
 * | status             | HTTP status returned to the caller                               |
 * | upstreamStatus     | bunq's status when the call was forwarded                        |
 */
export interface AuditEvent {
  readonly at: number;
  readonly requestId: string;
  readonly tokenId: string | null;
  readonly method: string;
  readonly endpoint: string;
  readonly monetaryAccountId: number | null;
  readonly amountMinor: bigint | null;
  readonly currency: string | null;
  readonly counterpartyIban: string | null;
  readonly decision: 'allow' | 'deny';
  readonly reasonId: string;
  readonly status: number;
  readonly upstreamStatus: number | null;
  readonly durationMs: number;
  readonly clientIp: string;
}
