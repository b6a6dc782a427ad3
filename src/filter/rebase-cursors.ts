/**
 * bunq builds a page's links from the ids on ITS page (older_url: the lowest, newer_url and
 * future_url: the highest; bunq-api.md §6), and those may be ids of objects the token may not
 * see: another account, another token's request, a payment older than the window. Handing them
 * on would let a token enumerate what the filter hid, one `count=1` page at a time.
 *
 * So a link may only name an id the token already knows: one it was shown on this page, one it
 * sent itself, or (for lists whose visible set the gateway knows: granted accounts, own
 * requests and drafts) one derived from that set, so paging still skips a fully hidden page
 * instead of stopping at it. Otherwise the link is withdrawn (null), never guessed.
 */
import type { PaginationLinks } from './sanitise-pagination';

export interface CursorFacts {
  /** Ids of the objects kept on this page. */
  readonly keptIds: readonly number[];
  /** older_id / newer_id the caller sent with this request. */
  readonly sentIds: ReadonlySet<number>;
  /** Every id the token may see in this list, when the gateway knows them all; else undefined. */
  readonly visibleIds: ReadonlySet<number> | undefined;
}

const LINK = /^(.*[?&])(older_id|newer_id)=(\d+)$/;

export function rebaseCursors(links: PaginationLinks, facts: CursorFacts): PaginationLinks {
  const kept = new Set(facts.keptIds);
  const known = (id: number) => kept.has(id) || facts.sentIds.has(id);
  const visible = facts.visibleIds === undefined ? undefined : [...facts.visibleIds];
  const minKept = facts.keptIds.length > 0 ? Math.min(...facts.keptIds) : undefined;
  const maxKept = facts.keptIds.length > 0 ? Math.max(...facts.keptIds) : undefined;
  const sentNewer = [...facts.sentIds];

  return {
    // Next page: ids below the lowest on this page. Start it just above the next visible id.
    older_url: rebase(links.older_url, (id) => {
      if (known(id)) return id;
      if (visible) return plusOne(maxOf(visible.filter((v) => v < id)));
      return minKept;
    }),
    // Previous page: ids above the highest on this page. End it just below the next visible id.
    newer_url: rebase(links.newer_url, (id) => {
      if (known(id)) return id;
      if (visible) return minusOne(minOf(visible.filter((v) => v > id)));
      return maxKept;
    }),
    // Polling for new objects: from the highest id the token knows at or below bunq's.
    future_url: rebase(links.future_url, (id) => {
      if (known(id)) return id;
      const below = visible ? maxOf(visible.filter((v) => v <= id)) : maxKept;
      return below ?? maxOf(sentNewer.filter((v) => v <= id));
    }),
  };
}

function rebase(link: string | null, choose: (id: number) => number | undefined): string | null {
  if (link === null) return null;
  const match = LINK.exec(link);
  if (!match) return null;
  const id = choose(Number(match[3]));
  return id === undefined || id < 1 ? null : `${match[1]}${match[2]}=${id}`;
}

function maxOf(ids: readonly number[]): number | undefined {
  return ids.length === 0 ? undefined : Math.max(...ids);
}
function minOf(ids: readonly number[]): number | undefined {
  return ids.length === 0 ? undefined : Math.min(...ids);
}
function plusOne(id: number | undefined): number | undefined {
  return id === undefined ? undefined : id + 1;
}
function minusOne(id: number | undefined): number | undefined {
  return id === undefined ? undefined : id - 1;
}
