/**
 * Page cursors (older_id / newer_id) on lists that hide objects BY ID among visible ones
 * (another account in the account list, another token's request or draft): bunq fills a page
 * with the objects nearest the cursor, hidden ones included, so a cursor of the caller's choice
 * would let it find a hidden id by bisection (an empty page means "the nearest object is
 * hidden"). On those lists a cursor must be one the gateway itself hands out
 * (filter/rebase-cursors.ts) or a client builds from what it was shown: a visible id, or for
 * older_id one above it, for newer_id one below it. Anything else is refused before bunq is
 * called. Lists that hide nothing by id take any cursor.
 */
import { InvalidRequest } from '../lib/errors';
import type { GatewayCall } from '../policy/call';

export function checkCursor(call: GatewayCall, visible: ReadonlySet<number> | undefined): void {
  if (visible === undefined) return;
  const { older_id: older, newer_id: newer } = call.query;
  if (older !== undefined && !visible.has(older) && !visible.has(older - 1)) {
    throw new InvalidRequest('older_id must be a page link this gateway gave, or the id of an object this token can see.');
  }
  if (newer !== undefined && !visible.has(newer) && !visible.has(newer + 1)) {
    throw new InvalidRequest('newer_id must be a page link this gateway gave, or the id of an object this token can see.');
  }
}
