/**
 * The spend ledger makes payment caps hold under concurrency. An amount is RESERVED before
 * the call to bunq, inside one transaction that first re-reads what every token in the chain
 * (the spender and each ancestor) has spent in each rolling window; the transaction is
 * serialised, so two concurrent payments can never both fit under a cap that only one fits under:
 *  - SQLite: the adapter's single connection runs one transaction at a time (one instance only).
 *  - PostgreSQL (several instances): the transaction first takes `SELECT … FOR UPDATE` row locks
 *    on the Token rows of the whole chain, in id order (a fixed order: no deadlock). Any two
 *    reservations whose caps could interact share at least one token of their chains, so they
 *    queue on that row lock; under READ COMMITTED each following statement sees what the
 *    previous holder committed, so the sums read after the lock are current.
 * Afterwards the entry is COMMITTED (bunq accepted), RELEASED (bunq definitely refused) or
 * held as UNKNOWN (timeout: it keeps counting until reconciled against bunq).
 */
import { Forbidden } from '../lib/errors';
import { formatAmount, parseAmount } from '../lib/money';
import type { PaymentConstraints } from '../policy/grant';
import { dialectOfDb, type Db } from './client';

/** Long enough for a burst of payments on one token to queue on its row lock, then fail closed. */
const RESERVE_TX = { maxWait: 30_000, timeout: 30_000 } as const;

export type SpendStatus = 'RESERVED' | 'COMMITTED' | 'RELEASED' | 'UNKNOWN';
const COUNTING: SpendStatus[] = ['RESERVED', 'COMMITTED', 'UNKNOWN'];

const WINDOWS = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;
export type CapWindow = keyof typeof WINDOWS;

export interface ChargedToken {
  readonly id: string;
  /** The token's payment constraints; caps in bunq amount strings. */
  readonly payment: PaymentConstraints;
}

export interface Reservation {
  readonly entryId: string;
  readonly clientRequestId: string;
  readonly spenderId: string;
  /** Spender first, then ancestors: each is charged. */
  readonly chain: readonly ChargedToken[];
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly monetaryAccountId: number;
  readonly counterpartyIban: string | null;
  readonly mode: 'payment' | 'draft';
  readonly now: number;
}

export class SpendLedger {
  constructor(private readonly db: Db) {}

  /**
   * Reserves the amount or throws cap_exceeded. Returns how full the tightest cap is afterwards
   * (0..1, for metrics), or undefined when no token in the chain has a cap.
   */
  async reserve(r: Reservation): Promise<number | undefined> {
    let usage: number | undefined;
    const locksRows = dialectOfDb(this.db) === 'postgresql';
    await this.db.$transaction(async (tx) => {
      if (locksRows) {
        const ids = [...new Set(r.chain.map((t) => t.id))].sort();
        await tx.$queryRaw`SELECT "id" FROM "Token" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
      }
      for (const token of r.chain) {
        for (const window of Object.keys(WINDOWS) as CapWindow[]) {
          const cap = token.payment.caps[window];
          if (cap === undefined) continue;
          const agg = await tx.spendEntry.aggregate({
            _sum: { amountMinor: true },
            where: {
              status: { in: COUNTING },
              currency: r.currency,
              createdAt: { gt: new Date(r.now - WINDOWS[window]) },
              charges: { some: { tokenId: token.id } },
            },
          });
          const spent = agg._sum.amountMinor ?? 0n;
          const capMinor = parseAmount(cap);
          if (capMinor > 0n) usage = Math.max(usage ?? 0, Number(((spent + r.amountMinor) * 10_000n) / capMinor) / 10_000);
          if (spent + r.amountMinor > capMinor) {
            const remaining = capMinor > spent ? capMinor - spent : 0n;
            const whose = token.id === r.spenderId ? 'this token' : 'a token this one was derived from';
            throw new Forbidden(
              'cap_exceeded',
              `Payment refused: it would exceed the ${window} cap of ${cap} ${r.currency} of ${whose}; ${formatAmount(remaining)} ${r.currency} remains.`,
              { cap_window: window, cap: cap, remaining: formatAmount(remaining), currency: r.currency, token_id: token.id },
            );
          }
        }
      }
      const createdAt = new Date(r.now);
      await tx.spendEntry.create({
        data: {
          id: r.entryId,
          tokenId: r.spenderId,
          monetaryAccountId: r.monetaryAccountId,
          amountMinor: r.amountMinor,
          currency: r.currency,
          counterpartyIban: r.counterpartyIban,
          mode: r.mode,
          status: 'RESERVED',
          clientRequestId: r.clientRequestId,
          createdAt,
          charges: { create: r.chain.map((t) => ({ tokenId: t.id, createdAt })) },
        },
      });
    }, RESERVE_TX);
    return usage;
  }

  async settle(entryId: string, status: Exclude<SpendStatus, 'RESERVED'>, at: number, bunqObjectId?: number): Promise<void> {
    await this.db.spendEntry.update({
      where: { id: entryId },
      data: { status, settledAt: new Date(at), ...(bunqObjectId === undefined ? {} : { bunqObjectId }) },
    });
  }

  /** Entries in one status, newest first (for the owner's `ledger` command). */
  async list(status: SpendStatus, limit = 100) {
    return this.db.spendEntry.findMany({ where: { status }, orderBy: { createdAt: 'desc' }, take: limit });
  }

  /**
   * The owner settles an UNKNOWN entry after checking bunq: paid → COMMITTED (keeps counting),
   * not paid → RELEASED. Only UNKNOWN entries can be resolved, so a committed payment can never
   * be released by mistake.
   */
  async resolve(entryId: string, paid: boolean, at: number): Promise<boolean> {
    const { count } = await this.db.spendEntry.updateMany({
      where: { id: entryId, status: 'UNKNOWN' },
      data: { status: paid ? 'COMMITTED' : 'RELEASED', settledAt: new Date(at) },
    });
    return count === 1;
  }

  /**
   * Entries whose outcome was never learned (RESERVED by a process that died, or UNKNOWN),
   * created before `before`, oldest first, one page after `after` (the last entry of the page
   * before): entries left to the owner stay unsettled, so a pass must page past them.
   */
  async unsettled(before: Date, limit = 100, after?: { readonly createdAt: Date; readonly id: string }) {
    return this.db.spendEntry.findMany({
      where: {
        status: { in: ['RESERVED', 'UNKNOWN'] },
        createdAt: { lt: before },
        ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  /**
   * Settles an unsettled entry after bunq was checked (reconcile-spend.ts). Conditional on the
   * entry still being RESERVED or UNKNOWN, so a settlement made meanwhile is never overwritten.
   */
  async reconcile(entryId: string, status: Exclude<SpendStatus, 'RESERVED'>, at: number, bunqObjectId?: number): Promise<boolean> {
    const { count } = await this.db.spendEntry.updateMany({
      where: { id: entryId, status: { in: ['RESERVED', 'UNKNOWN'] } },
      data: { status, settledAt: new Date(at), ...(bunqObjectId === undefined ? {} : { bunqObjectId }) },
    });
    return count === 1;
  }

  /**
   * Whether a bunq payment id is already the settled outcome of some payment entry. Only
   * payment entries: a draft entry's `bunqObjectId` is a draft-payment id, from another id space,
   * and a draft whose id happened to equal a payment's would hide that payment from
   * reconciliation (its entry released while the money left).
   */
  async isClaimed(bunqObjectId: number): Promise<boolean> {
    return (await this.db.spendEntry.count({ where: { bunqObjectId, status: 'COMMITTED', mode: 'payment' } })) > 0;
  }

  /** What a token has spent in each window (for status pages and explain). */
  async spent(tokenId: string, currency: string, now: number): Promise<Record<CapWindow, bigint>> {
    const out = { day: 0n, week: 0n, month: 0n };
    for (const window of Object.keys(WINDOWS) as CapWindow[]) {
      const agg = await this.db.spendEntry.aggregate({
        _sum: { amountMinor: true },
        where: { status: { in: COUNTING }, currency, createdAt: { gt: new Date(now - WINDOWS[window]) }, charges: { some: { tokenId } } },
      });
      out[window] = agg._sum.amountMinor ?? 0n;
    }
    return out;
  }
}
