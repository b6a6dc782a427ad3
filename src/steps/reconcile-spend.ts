/**
 * Reconciles spend entries whose outcome the gateway never learned: RESERVED by a process that
 * was killed between reserving and settling, or UNKNOWN after a timeout or dropped connection.
 * Nothing is ever re-sent; an entry is only settled from what bunq shows.
 *
 * bunq offers no lookup of a payment by the X-Bunq-Client-Request-Id it was sent with (the
 * header is only echoed on the response and must be unique per user, bunq-api.md §4.1/§4.2),
 * so the entry's account is listed (GET …/monetary-account/{id}/payment, newest first,
 * count 200, bunq-api.md §6/§9.3) and matched on: amount = minus the entry's amount, same
 * currency, counterparty_alias.iban = the entry's IBAN, `created` no earlier than 60 s before
 * the reservation (clock skew), and a payment id no other payment entry has been settled with.
 *  - exactly one match → COMMITTED with that bunq payment id;
 *  - none, and the page reaches back before the reservation → RELEASED (bunq never booked it),
 *    but only once the entry is older than the release age (RECONCILE_RELEASE_AFTER_MS, hours):
 *    a request bunq received while the gateway gave up on it may still be booked after the
 *    gateway looked, and releasing it then would let later payments spend its amount again
 *    (the cap overspent by what left late). Until then it stays UNKNOWN and keeps counting
 *    against the caps; every pass looks again, and the owner can settle it earlier
 *    (`bunq-gateway ledger resolve`). Matching has no upper time bound for the same reason: a
 *    later booking still matches (a payment to the same payee made outside the gateway may
 *    match too, which errs towards counting, never towards releasing);
 *  - several matches (same amount to the same payee), or a window older than one page → left
 *    UNKNOWN for the owner (`bunq-gateway ledger list|resolve`): guessing could release money
 *    that left.
 * Draft-payment entries are left to the owner too. Each settlement writes an audit row.
 * Entries are only considered once older than `staleAfterMs`, longer than any live instance
 * can hold a call open, so a payment still in flight elsewhere is never touched; one instance
 * at a time reconciles (lease 'spend-reconcile').
 */
import { randomUUID } from 'node:crypto';
import { fromBunqTimestamp } from '../lib/clock';
import { formatAmount } from '../lib/money';
import { LeaseRepository } from '../store/lease-repo';
import { defaultReconcileAfterMs } from '../config/load';

/** The reconciler's place in the scheduler's fair queue (no token id looks like this). */
const RECONCILER = 'gateway:reconciler';
import type { Runtime } from '../runtime';

const PAGE = 200;
/** Unsettled entries read from the ledger at a time. */
const ENTRY_PAGE = 100;
const CLOCK_SKEW_MS = 60_000;

export interface ReconcileResult {
  committed: number;
  released: number;
  leftUnknown: number;
}

interface BunqPaymentRow {
  id: number;
  createdMs: number;
  amount: string;
  currency: string;
  iban: string | null;
}

function paymentsOf(json: unknown): BunqPaymentRow[] {
  const rows = (json as { Response?: unknown }).Response;
  if (!Array.isArray(rows)) throw new TypeError('bunq payment list without Response');
  return rows.flatMap((row: unknown) => {
    const p = (row as { Payment?: Record<string, unknown> }).Payment;
    if (!p) return [];
    const amount = p['amount'] as { value?: unknown; currency?: unknown } | undefined;
    const counterparty = p['counterparty_alias'] as { iban?: unknown } | undefined;
    if (typeof p['id'] !== 'number' || typeof p['created'] !== 'string' || typeof amount?.value !== 'string') return [];
    return [
      {
        id: p['id'],
        createdMs: fromBunqTimestamp(p['created']),
        amount: amount.value,
        currency: typeof amount.currency === 'string' ? amount.currency : '',
        iban: typeof counterparty?.iban === 'string' ? counterparty.iban : null,
      },
    ];
  });
}

/** `ages.staleAfterMs`: when an entry is first looked at; `ages.releaseAfterMs`: when "not in bunq's list" may release it. */
export async function reconcileSpend(rt: Runtime, ages: { staleAfterMs: number; releaseAfterMs: number }): Promise<ReconcileResult> {
  const { staleAfterMs } = ages;
  const releaseAfterMs = Math.max(ages.releaseAfterMs, staleAfterMs);
  const result: ReconcileResult = { committed: 0, released: 0, leftUnknown: 0 };
  const leases = new LeaseRepository(rt.db);
  const holder = randomUUID();
  const now = rt.clock.now();
  if (!(await leases.acquire('spend-reconcile', holder, now, 5 * 60_000))) return result;
  try {
    const listed = new Map<number, { rows: BunqPaymentRow[]; complete: boolean }>();
    for await (const entry of unsettledEntries(rt, new Date(now - staleAfterMs))) {
      const bunq = rt.bunq();
      const settle = async (status: 'COMMITTED' | 'RELEASED' | 'UNKNOWN', reasonId: string, bunqObjectId?: number) => {
        if (!(await rt.ledger.reconcile(entry.id, status, rt.clock.now(), bunqObjectId))) return;
        // Written at once (not batched): it records a change of money state, like the ledger's.
        await rt.audit.recordNow({
          at: rt.clock.now(),
          requestId: `reconcile-${entry.id}`,
          tokenId: entry.tokenId,
          method: 'POST',
          endpoint: 'RECONCILE spend entry',
          monetaryAccountId: entry.monetaryAccountId,
          amountMinor: entry.amountMinor,
          currency: entry.currency,
          counterpartyIban: entry.counterpartyIban,
          decision: 'allow',
          reasonId,
          status: 200,
          upstreamStatus: null,
          durationMs: 0,
          clientIp: 'gateway',
        });
        rt.logger.warn({ entryId: entry.id, status, bunqObjectId }, 'spend entry reconciled against bunq');
      };
      if (entry.mode !== 'payment' || entry.counterpartyIban === null) {
        if (entry.status === 'RESERVED') await settle('UNKNOWN', 'reconcile_left_to_owner');
        result.leftUnknown++;
        continue;
      }
      let page = listed.get(entry.monetaryAccountId);
      if (!page) {
        // Through the one scheduler like every call to bunq: the reconciler spends the same
        // per-endpoint budget as token holders and must not push it into bunq's 429.
        const answer = await rt.upstream.request({
          tokenId: RECONCILER,
          cacheable: false,
          // bunq's answer as of now: a shared read could have been answered before this pass's
          // staleness age and show a payment bunq was still executing as never booked.
          fresh: true,
          method: 'GET',
          path: `/user/${bunq.userId}/monetary-account/${entry.monetaryAccountId}/payment`,
          query: { count: PAGE },
        });
        const rows = paymentsOf(answer.json);
        page = { rows, complete: rows.length < PAGE };
        listed.set(entry.monetaryAccountId, page);
      }
      const from = entry.createdAt.getTime() - CLOCK_SKEW_MS;
      const covered = page.complete || page.rows.some((r) => r.createdMs < from);
      const matches = [];
      for (const r of page.rows) {
        if (r.amount !== `-${formatAmount(entry.amountMinor)}` || r.currency !== entry.currency || r.iban !== entry.counterpartyIban) continue;
        if (r.createdMs < from || (await rt.ledger.isClaimed(r.id))) continue;
        matches.push(r);
      }
      if (matches.length === 1) {
        await settle('COMMITTED', 'reconciled_paid', matches[0]!.id);
        result.committed++;
      } else if (matches.length === 0 && covered && now - entry.createdAt.getTime() >= releaseAfterMs) {
        await settle('RELEASED', 'reconciled_not_paid');
        result.released++;
      } else if (matches.length === 0 && covered) {
        // Not booked so far; bunq may still book it. Counted until the release age.
        if (entry.status === 'RESERVED') await settle('UNKNOWN', 'reconcile_not_booked_yet');
        result.leftUnknown++;
      } else {
        if (entry.status === 'RESERVED') await settle('UNKNOWN', 'reconcile_ambiguous');
        result.leftUnknown++;
      }
    }
    return result;
  } finally {
    await leases.release('spend-reconcile', holder).catch(() => undefined);
  }
}

/** Every unsettled entry, page by page: the ones left to the owner never hide newer ones. */
async function* unsettledEntries(rt: Runtime, before: Date) {
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const page = await rt.ledger.unsettled(before, ENTRY_PAGE, after);
    yield* page;
    if (page.length < ENTRY_PAGE) return;
    after = page[page.length - 1]!;
  }
}

/** Age after which an unsettled entry cannot belong to a call still in flight on a live instance. */
export function staleAfterMs(config: Runtime['config']): number {
  // A live call: session renewal (≤ one upstream timeout + the 20 s lease wait) then the call itself.
  return config.RECONCILE_AFTER_MS ?? defaultReconcileAfterMs(config.UPSTREAM_TIMEOUT_MS);
}

/** Age from which an entry bunq's list does not show may be released (see the top of this file). */
export function releaseAfterMs(config: Runtime['config']): number {
  return Math.max(config.RECONCILE_RELEASE_AFTER_MS, staleAfterMs(config));
}

/**
 * The latest moment a payment reserved at `reservedAt` may still be sent to bunq. The age above
 * bounds a live call only if the call cannot start late: waits for the reservation's lock, the
 * queue and a session renewal could together outlast it, and reconciliation would then release
 * (see no payment for) an entry whose payment is about to leave, freeing its cap for others.
 * So a payment not sent by this deadline is not sent at all (a definite 503): sent by then, it
 * ends within one timeout, before the entry can be reconciled, with a margin for the clocks of
 * other instances.
 */
export function sendDeadline(config: Runtime['config'], reservedAt: number): number {
  const slack = staleAfterMs(config) - config.UPSTREAM_TIMEOUT_MS;
  return reservedAt + slack - Math.min(5_000, Math.floor(slack / 2));
}

/** Runs reconcileSpend once now and then every RECONCILE_INTERVAL_MS until stopped. */
export function startReconciler(rt: Runtime): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const pass = () => {
    running = reconcileSpend(rt, { staleAfterMs: staleAfterMs(rt.config), releaseAfterMs: releaseAfterMs(rt.config) }).then(
      (r) => {
        if (r.committed + r.released + r.leftUnknown > 0) rt.logger.info(r, 'spend reconciliation pass');
      },
      (err: unknown) => rt.logger.error({ err: (err as Error).message }, 'spend reconciliation failed; retried on the next pass'),
    );
  };
  const timer = setInterval(pass, rt.config.RECONCILE_INTERVAL_MS);
  timer.unref();
  pass();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
