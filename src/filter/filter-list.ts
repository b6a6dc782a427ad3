/**
 * A list answer: every element must be a wrapper the rule knows (one unknown element withholds
 * the whole answer), invisible elements are removed, the rest are allowlisted copies, and the
 * Pagination sibling is always present with sanitised links (bunq-api.md §5.1, §6).
 */
import type { FilterSpec } from './filter-spec';
import type { ObjectRule } from './object-rules';
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { readEnvelope, requireId, wrap } from './envelope';
import type { JsonObject } from './json';
import { sanitisePagination } from './sanitise-pagination';
import { olderPagesMayHoldWindow } from './trim-to-window';

export function filterList(spec: FilterSpec, body: unknown, rule: ObjectRule): JsonObject {
  const { items, pagination } = readEnvelope(body);
  const kept: JsonObject[] = [];
  for (const { type, value } of items) {
    if (!rule.wrappers.has(type)) throw new UnexpectedUpstreamAnswer('unknown_wrapper');
    requireId(value);
    if (rule.visible(spec, value)) kept.push(wrap(type, rule.trim(spec, type, value)));
  }
  const windowStartMs = rule.windowed ? spec.windowStartMs : undefined;
  const stopOlder =
    windowStartMs !== undefined &&
    !olderPagesMayHoldWindow(
      items.map((item) => item.value),
      kept.length,
      windowStartMs,
    );
  return { Response: kept, Pagination: sanitisePagination(pagination, spec.listPath, stopOlder) };
}
