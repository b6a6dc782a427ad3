/**
 * "Last used" time and IP of a token, for the owner. Written at most once a minute per token
 * (or when the IP changes) and off the request's critical path: usage bookkeeping must never
 * slow down or fail a call.
 */
import type { TokenRecord } from '../store/token-repo';
import type { Runtime } from '../runtime';

const lastWrite = new Map<string, { at: number; ip: string }>();

export function recordUsage(rt: Runtime, token: TokenRecord, ip: string, now: number): void {
  const last = lastWrite.get(token.id) ?? (token.lastUsedAt ? { at: token.lastUsedAt.getTime(), ip: token.lastUsedIp ?? '' } : undefined);
  if (last && last.ip === ip && now - last.at < 60_000) return;
  lastWrite.set(token.id, { at: now, ip });
  // Counted as a running call, so shutdown does not close the database under this write.
  const finished = rt.calls.enter();
  rt.tokenRepo
    .touch(token.id, new Date(now), ip)
    .catch((err: unknown) => {
      rt.logger.warn({ err, tokenId: token.id }, 'could not record token usage');
    })
    .finally(finished);
}
