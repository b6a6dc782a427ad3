/**
 * Money leaves only after the ledger has reserved it against the rolling caps of the spender
 * and of every token it was derived from (store/spend-ledger.ts does this atomically). The
 * reservation's id is also the X-Bunq-Client-Request-Id sent to bunq, recorded before the
 * call, so an unknown outcome can be reconciled against bunq later.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../inbound';
import type { Allow } from '../policy/decision';
import type { SpendLedger, SpendStatus } from '../store/spend-ledger';

export interface HeldSpend {
  readonly entryId: string;
  readonly clientRequestId: string;
  /** The entry's createdAt: its age decides when it may no longer be sent (reconcile-spend.ts). */
  readonly reservedAt: number;
  /** How full the tightest cap is with this reservation (0..1), if any cap applies. */
  readonly capUsage: number | undefined;
}

export async function reserveSpend(
  decision: Allow,
  principal: Principal,
  ledger: SpendLedger,
  now: number,
): Promise<HeldSpend | undefined> {
  const spend = decision.spend;
  if (!spend) return undefined;
  const chain = [principal.token, ...[...principal.ancestors].reverse()].map((t) => {
    // decide() already refused a chain member without payment constraints.
    if (!t.grant.payment) throw new TypeError(`token ${t.id} has no payment constraints`);
    return { id: t.id, payment: t.grant.payment };
  });
  const ids = { entryId: randomUUID(), clientRequestId: randomUUID() };
  const capUsage = await ledger.reserve({
    ...ids,
    spenderId: principal.token.id,
    chain,
    amountMinor: spend.amountMinor,
    currency: spend.currency,
    monetaryAccountId: spend.accountId,
    counterpartyIban: spend.counterpartyIban,
    mode: spend.mode,
    now,
  });
  return { ...ids, reservedAt: now, capUsage };
}

/** What the ledger should record once bunq has answered (or failed to). */
export function settlementFor(err: unknown): Exclude<SpendStatus, 'RESERVED' | 'COMMITTED'> {
  // Only a failure known to have stopped before bunq executed anything frees the money.
  return (err as { outcome?: unknown }).outcome === 'definite' ? 'RELEASED' : 'UNKNOWN';
}
