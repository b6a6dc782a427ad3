/**
 * A list answer: every element must be a wrapper the rule knows (one unknown element withholds
 * the whole answer), invisible elements are removed, the rest are allowlisted copies, and the
 * Pagination sibling is always present with sanitised links (bunq-api.md §5.1, §6) that name no
 * id the token was not shown (rebase-cursors.ts). The account list is paged here instead
 * (page-locally.ts), from the visible accounts alone.
 */
import type { FilterSpec } from './filter-spec';
import type { ObjectRule } from './object-rules';
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { readEnvelope, requireId, wrap } from './envelope';
import type { JsonObject } from './json';
import { sanitisePagination } from './sanitise-pagination';
import { olderPagesMayHoldWindow } from './trim-to-window';
import { rebaseCursors } from './rebase-cursors';
import { pageLocally } from './page-locally';

export function filterList(spec: FilterSpec, body: unknown, rule: ObjectRule): JsonObject {
  const { items, pagination } = readEnvelope(body);
  const kept: JsonObject[] = [];
  const keptIds: number[] = [];
  for (const { type, value } of items) {
    if (!rule.wrappers.has(type)) throw new UnexpectedUpstreamAnswer('unknown_wrapper');
    const id = requireId(value);
    if (!rule.visible(spec, value)) continue;
    kept.push(wrap(type, rule.trim(spec, type, value)));
    keptIds.push(id);
  }
  if (spec.localPage !== undefined) {
    sanitisePagination(pagination, spec.listPath, true); // still refuses a malformed Pagination
    const { items: page, links } = pageLocally(kept.map((item, i) => ({ id: keptIds[i]!, item })), spec.localPage, spec.listPath!);
    return { Response: page, Pagination: links };
  }
  const windowStartMs = rule.windowed ? spec.windowStartMs : undefined;
  const stopOlder =
    windowStartMs !== undefined &&
    !olderPagesMayHoldWindow(
      items.map((item) => item.value),
      kept.length,
      windowStartMs,
    );
  const links = rebaseCursors(sanitisePagination(pagination, spec.listPath, stopOlder), {
    keptIds,
    sentIds: new Set([spec.cursors?.olderId, spec.cursors?.newerId].filter((id) => id !== undefined)),
    visibleIds: rule.visibleIds(spec),
  });
  return { Response: kept, Pagination: links };
}
