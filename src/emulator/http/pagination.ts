/**
 * bunq list pagination (bunq-api.md §6, §12.6). Lists are newest first (descending id).
 * Query: count (default 10, 1..200; >200 → 400 [INFERRED]), older_id=X (ids < X), newer_id=X
 * (the `count` ids > X closest to X, still newest first). Both cursors at once → 400 (our choice).
 * Response sibling `Pagination` holds host-less `/v1/…` URLs that always include count:
 *  - older_url: `older_id=<smallest id on page>` when older items exist, else null;
 *  - newer_url: `newer_id=<largest id on page>` when newer items exist, else null;
 *  - future_url: only when newer_url is null, `newer_id=<largest id on page>` (for polling).
 * [CONFLICT] DESC calls older_id "the first item"; with newest-first order we use the reading in
 * §6: older_id = smallest id on the page, newer_id = largest. For an empty page the cursor it was
 * asked with is the boundary (empty list: newer_id=0).
 */
import { badRequest } from './errors';

export interface PaginationJson {
  future_url: string | null;
  newer_url: string | null;
  older_url: string | null;
}

export const COUNT_TEXT = 'The count parameter must be an integer between 1 and 200.';

function idParam(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`The ${name} parameter must be a positive integer.`);
  return Number(raw);
}

export function readCount(query: URLSearchParams): number {
  const raw = query.get('count');
  if (raw === null) return 10;
  if (!/^\d{1,6}$/.test(raw)) throw badRequest(COUNT_TEXT);
  const n = Number(raw);
  if (n < 1 || n > 200) throw badRequest(COUNT_TEXT);
  return n;
}

export function paginate<T extends { id: number }>(
  items: readonly T[], query: URLSearchParams, path: string,
): { page: T[]; pagination: PaginationJson } {
  const count = readCount(query);
  const olderId = idParam(query, 'older_id');
  const newerId = idParam(query, 'newer_id');
  if (olderId !== null && newerId !== null) throw badRequest('Use either older_id or newer_id, not both.');
  const desc = [...items].sort((a, b) => b.id - a.id);
  let page: T[];
  if (olderId !== null) page = desc.filter((i) => i.id < olderId).slice(0, count);
  else if (newerId !== null) page = desc.filter((i) => i.id > newerId).slice(-count);
  else page = desc.slice(0, count);

  const first = page[0];
  const last = page[page.length - 1];
  let high: number;
  let low: number;
  if (first && last) {
    high = first.id;
    low = last.id;
  } else if (olderId !== null) {
    high = olderId - 1;
    low = olderId;
  } else {
    high = newerId ?? 0;
    low = high + 1;
  }
  const url = (cursor: string, id: number) => `${path}?count=${count}&${cursor}=${id}`;
  const newerUrl = desc.some((i) => i.id > high) ? url('newer_id', high) : null;
  return {
    page,
    pagination: {
      future_url: newerUrl === null ? url('newer_id', high) : null,
      newer_url: newerUrl,
      older_url: desc.some((i) => i.id < low) ? url('older_id', low) : null,
    },
  };
}
