/**
 * read-key-requests: a token that may only see what it created itself keeps only the ids the
 * pipeline recorded for it (FilterSpec.ownObjectIds); every other request-inquiry or
 * draft-payment is removed from lists and reads as not found. Unset = no such restriction.
 */
import type { JsonObject } from './json';
import { requireId } from './envelope';

export function isOwnObject(
  item: JsonObject,
  ownObjectIds: ReadonlySet<number> | undefined,
): boolean {
  return ownObjectIds === undefined || ownObjectIds.has(requireId(item));
}
