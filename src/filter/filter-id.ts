/**
 * POST/PUT results: exactly `{"Response":[{"Id":{"id":N}}]}` (bunq-api.md §5.1) and nothing
 * else; any other shape is withheld.
 */
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { readEnvelope, requireId } from './envelope';
import type { JsonObject } from './json';

export function filterId(body: unknown): JsonObject {
  const { items, pagination } = readEnvelope(body);
  const [item, ...rest] = items;
  if (
    item === undefined ||
    rest.length > 0 ||
    pagination !== undefined ||
    item.type !== 'Id' ||
    Object.keys(item.value).length !== 1
  ) {
    throw new UnexpectedUpstreamAnswer('not_an_id_answer');
  }
  return { Response: [{ Id: { id: requireId(item.value) } }] };
}
