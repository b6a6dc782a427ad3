/**
 * Sandbox users (bunq-api.md §2.5): POST /v1/sandbox-user-person (or -company) with no
 * authentication returns {"Response":[{"ApiKey":{"api_key":"sandbox_…"}}]}. Works against
 * bunq's sandbox and the built-in emulator; production has no such endpoint.
 */
import { z } from 'zod';

const SandboxUserAnswer = z.object({
  Response: z.array(z.object({ ApiKey: z.object({ api_key: z.string().min(16) }) })).min(1),
});

export async function createSandboxApiKey(baseUrl: string, kind: 'person' | 'company'): Promise<string> {
  if (kind !== 'person' && kind !== 'company') throw new Error('--sandbox-user must be person or company');
  const res = await fetch(`${baseUrl}/sandbox-user-${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'bunq-scope-gateway', 'cache-control': 'no-cache' },
    body: '{}',
    redirect: 'error',
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`creating a sandbox user failed: HTTP ${res.status} ${text.slice(0, 200)}`);
  return SandboxUserAnswer.parse(JSON.parse(text)).Response[0]!.ApiKey.api_key;
}
