/**
 * bunq's success envelope: `{"Response":[{"<Type>":{…}}, …], "Pagination":{…}}`, every element
 * a single-key wrapper naming the object type (bunq-api.md §5.1). Anything else is an answer
 * the filter cannot check and is withheld (UnexpectedUpstreamAnswer), never passed through.
 */
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { isJsonObject, readField, setField, type JsonObject } from './json';

export interface Wrapped {
  readonly type: string;
  readonly value: JsonObject;
}

export interface Envelope {
  readonly items: readonly Wrapped[];
  /** The raw Pagination member; undefined when absent. */
  readonly pagination: unknown;
}

const TOP_LEVEL_KEYS = new Set(['Response', 'Pagination']);

export function readEnvelope(body: unknown): Envelope {
  if (!isJsonObject(body)) throw new UnexpectedUpstreamAnswer('not_an_object');
  if (Object.keys(body).some((key) => !TOP_LEVEL_KEYS.has(key))) {
    throw new UnexpectedUpstreamAnswer('unknown_top_level_key');
  }
  const response = readField(body, 'Response');
  if (!Array.isArray(response)) throw new UnexpectedUpstreamAnswer('response_not_an_array');
  return { items: response.map(unwrap), pagination: readField(body, 'Pagination') };
}

/** `{"<Type>":{…}}` → its type and object. */
export function unwrap(entry: unknown): Wrapped {
  if (!isJsonObject(entry)) throw new UnexpectedUpstreamAnswer('wrapper_not_an_object');
  const [type, ...rest] = Object.keys(entry);
  if (type === undefined || rest.length > 0) {
    throw new UnexpectedUpstreamAnswer('wrapper_not_single_key');
  }
  const value = entry[type];
  if (!isJsonObject(value)) throw new UnexpectedUpstreamAnswer('wrapper_not_an_object');
  return { type, value };
}

export function wrap(type: string, value: JsonObject): JsonObject {
  const out: JsonObject = {};
  setField(out, type, value);
  return out;
}

/** Every bunq object carries a positive integer `id` (SW BunqId); without one it is unknown. */
export function requireId(obj: JsonObject): number {
  const id = readField(obj, 'id');
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new UnexpectedUpstreamAnswer('id_missing');
  }
  return id;
}
