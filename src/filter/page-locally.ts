/**
 * The account list is paged by the gateway, not by bunq. bunq fills a page with the accounts
 * nearest the cursor, hidden ones included, so a page of bunq's would show how many hidden
 * accounts lie between two visible ones (vary `count` from a visible id and count them). A user
 * has a handful of accounts (bunq's page holds 200), so the gateway asks bunq for all of them at
 * once (count 200, no cursor: steps/forward-call.ts), keeps the visible ones, and cuts the
 * caller's page from those alone, with bunq's semantics (bunq-api.md §6): newest first, `count`
 * items (default 10), below `older_id` or just above `newer_id`; links name only shown ids.
 * What the caller sees depends only on the accounts it may see.
 */
import type { PaginationLinks } from './sanitise-pagination';
import type { JsonObject } from './json';

export const BUNQ_DEFAULT_COUNT = 10;

export interface LocalPage {
  readonly count?: number;
  readonly olderId?: number;
  readonly newerId?: number;
}

/** `kept`: the visible items with their ids, in bunq's order (newest, i.e. highest id, first). */
export function pageLocally(
  kept: readonly { readonly id: number; readonly item: JsonObject }[],
  page: LocalPage,
  listPath: string,
): { items: JsonObject[]; links: PaginationLinks } {
  const count = page.count ?? BUNQ_DEFAULT_COUNT;
  const sorted = [...kept].sort((a, b) => b.id - a.id);
  let slice: typeof sorted;
  if (page.newerId !== undefined) {
    const above = sorted.filter((k) => k.id > page.newerId!);
    slice = above.slice(Math.max(0, above.length - count)); // the `count` closest above the cursor
  } else {
    const below = page.olderId === undefined ? sorted : sorted.filter((k) => k.id < page.olderId!);
    slice = below.slice(0, count);
  }
  const prefix = `${listPath}?${page.count === undefined ? '' : `count=${page.count}&`}`;
  const newest = slice[0]?.id;
  const oldest = slice[slice.length - 1]?.id;
  const hasOlder = oldest !== undefined && sorted.some((k) => k.id < oldest);
  const hasNewer = newest !== undefined && sorted.some((k) => k.id > newest);
  const pollFrom = newest ?? page.newerId;
  return {
    items: slice.map((k) => k.item),
    links: {
      future_url: !hasNewer && pollFrom !== undefined ? `${prefix}newer_id=${pollFrom}` : null,
      newer_url: hasNewer ? `${prefix}newer_id=${newest}` : null,
      older_url: hasOlder ? `${prefix}older_id=${oldest}` : null,
    },
  };
}
