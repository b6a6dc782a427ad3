/**
 * read-recent: items created before FilterSpec.windowStartMs are removed (a single one reads as
 * not found), and a page link NEVER reaches beyond the window: lists are newest first
 * (bunq-api.md §6), so once a page holds an item at or past the window edge, or nothing is left
 * after filtering, older_url is withdrawn. An item whose `created` is missing or not a bunq
 * timestamp (§5.3) counts as outside the window.
 */
import { fromBunqTimestamp } from '../lib/clock';
import { readField, type JsonObject } from './json';

/** Epoch ms of the item's `created`, or undefined when it is not a valid bunq timestamp. */
export function createdMs(item: JsonObject): number | undefined {
  const created = readField(item, 'created');
  if (typeof created !== 'string') return undefined;
  try {
    const ms = fromBunqTimestamp(created);
    return Number.isNaN(ms) ? undefined : ms;
  } catch {
    return undefined;
  }
}

export function isInWindow(item: JsonObject, windowStartMs: number | undefined): boolean {
  if (windowStartMs === undefined) return true;
  const ms = createdMs(item);
  return ms !== undefined && ms >= windowStartMs;
}

/**
 * Whether an older page could still hold items inside the window: only if something was kept
 * and every item on this upstream page (kept or not) is strictly newer than the window start.
 */
export function olderPagesMayHoldWindow(
  pageItems: readonly JsonObject[],
  keptCount: number,
  windowStartMs: number,
): boolean {
  if (keptCount === 0) return false;
  return pageItems.every((item) => {
    const ms = createdMs(item);
    return ms !== undefined && ms > windowStartMs;
  });
}
