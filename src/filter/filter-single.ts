/**
 * A single-object answer (GET …/{itemId}): exactly one known wrapper. An object the token may
 * not see is NEVER returned, it reads as not found. A stray Pagination member is dropped.
 */
import type { FilterSpec } from './filter-spec';
import type { ObjectRule } from './object-rules';
import { ObjectNotVisible, UnexpectedUpstreamAnswer } from './filter-errors';
import { readEnvelope, requireId, wrap } from './envelope';
import type { JsonObject } from './json';

export function filterSingle(spec: FilterSpec, body: unknown, rule: ObjectRule): JsonObject {
  const [item, ...rest] = readEnvelope(body).items;
  if (item === undefined || rest.length > 0) {
    throw new UnexpectedUpstreamAnswer('not_exactly_one_object');
  }
  if (!rule.wrappers.has(item.type)) throw new UnexpectedUpstreamAnswer('unknown_wrapper');
  requireId(item.value);
  if (!rule.visible(spec, item.value)) throw new ObjectNotVisible();
  return { Response: [wrap(item.type, rule.trim(spec, item.type, item.value))] };
}
