/**
 * Pagination links (bunq-api.md §6) stay host-less `/v1/…` paths, because bunq2ynab fetches
 * `base + older_url` (bunq-clients.md §2.2). A link survives ONLY in bunq's own shape, on the
 * very path of the request: `<listPath>?count=N&older_id=N` (older_url) or `…newer_id=N`
 * (newer_url, future_url), count optional and at most 200. It is rebuilt from the parsed numbers;
 * anything else (a host, another path, other or repeated parameters) becomes null.
 */
import { FilterMisconfigured, UnexpectedUpstreamAnswer } from './filter-errors';
import { isJsonObject, readField } from './json';

export interface PaginationLinks {
  future_url: string | null;
  newer_url: string | null;
  older_url: string | null;
}

type Direction = 'older_id' | 'newer_id';

export const MAX_PAGE_COUNT = 200;
/** `/v1` then path segments: no query, no dot segments, no percent-encoding. */
const LIST_PATH = /^\/v1(?:\/[A-Za-z0-9_-]+)+$/;
const PAGE_PARAM = /^(count|older_id|newer_id)=([1-9][0-9]{0,15})$/;

/** Sanitised links for a list answer; always all three keys, as bunq sends them. */
export function sanitisePagination(
  raw: unknown,
  listPath: string | undefined,
  stopOlder: boolean,
): PaginationLinks {
  if (listPath === undefined || !LIST_PATH.test(listPath)) {
    throw new FilterMisconfigured('list_path_invalid');
  }
  if (raw !== undefined && !isJsonObject(raw)) {
    throw new UnexpectedUpstreamAnswer('pagination_not_an_object');
  }
  const links = raw ?? {};
  return {
    future_url: sanitisePageUrl(readField(links, 'future_url'), listPath, 'newer_id'),
    newer_url: sanitisePageUrl(readField(links, 'newer_url'), listPath, 'newer_id'),
    older_url: stopOlder
      ? null
      : sanitisePageUrl(readField(links, 'older_url'), listPath, 'older_id'),
  };
}

export function sanitisePageUrl(
  url: unknown,
  listPath: string,
  direction: Direction,
): string | null {
  const prefix = `${listPath}?`;
  if (typeof url !== 'string' || !url.startsWith(prefix)) return null;
  const params = new Map<string, number>();
  for (const part of url.slice(prefix.length).split('&')) {
    const match = PAGE_PARAM.exec(part);
    const [, name, digits] = match ?? [];
    if (name === undefined || digits === undefined || params.has(name)) return null;
    params.set(name, Number(digits));
  }
  const id = params.get(direction);
  const count = params.get('count');
  const expected = 1 + (count === undefined ? 0 : 1);
  if (id === undefined || !Number.isSafeInteger(id) || params.size !== expected) return null;
  if (count !== undefined && count > MAX_PAGE_COUNT) return null;
  return `${prefix}${count === undefined ? '' : `count=${count}&`}${direction}=${id}`;
}
