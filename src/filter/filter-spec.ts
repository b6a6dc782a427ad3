/**
 * What the filter stage must do to one upstream answer before the caller sees it. Built by
 * the pipeline from the policy decision; the filter functions are pure and work by
 * allowlist (copy, then keep only what the grant covers).
 */
import type { ResponseKind } from '../policy/call';
import type { LocalPage } from './page-locally';

export interface FilterSpec {
  readonly kind: ResponseKind;
  /** Monetary accounts the token may see; anything else is removed from lists. */
  readonly accounts: ReadonlySet<number>;
  /** read-recent: items created before this instant are removed and paging stops there. */
  readonly windowStartMs?: number;
  /** read-key-requests: only these object ids survive in request/draft lists. */
  readonly ownObjectIds?: ReadonlySet<number>;
  /** Strip personal data (date of birth, documents, addresses, tax ids, co-owner details). */
  readonly redactPersonalData: boolean;
  /** The token may read neither balances nor payments: a draft's resulting payment loses its balance. */
  readonly hideBalances?: boolean;
  /**
   * The request's concrete path as bunq's Pagination links spell it: with the `/v1` prefix,
   * without the query, ids filled in, e.g. `/v1/user/7/monetary-account/12/payment`. REQUIRED
   * for every `*-list` kind (absent or malformed = FilterMisconfigured, 500): a Pagination link
   * survives only if it points at exactly this path (bunq-api.md §6).
   */
  readonly listPath?: string;
  /** The caller's page, cut by the gateway from everything bunq returned (page-locally.ts). */
  readonly localPage?: LocalPage;
  /** older_id / newer_id the caller sent: ids a rebuilt page link may name (rebase-cursors.ts). */
  readonly cursors?: { readonly olderId?: number; readonly newerId?: number };
}
