/**
 * JSON copying for the filter stage. Everything the filter returns is built fresh here, so no
 * output shares an object with the upstream answer, which may be cached and filtered again for
 * another token. Fields are read with Object.hasOwn, so an inherited "constructor" never counts
 * as present. A parsed body may carry a "__proto__" key: assigning it would change the copy's
 * prototype, so that one key is written with defineProperty (an own, plain data field). Every
 * other key is assigned normally — defineProperty on every field turned each copy into a
 * dictionary-mode object, and copying plus serialising those was the costliest step of a
 * cached read.
 */
import { UnexpectedUpstreamAnswer } from './filter-errors';

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own field of obj, or undefined. */
export function readField(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function setField(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  target[key] = value;
}

/** A deep copy of a parsed JSON value. */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isJsonObject(value)) return cloneObject(value);
  return value;
}

export function cloneObject(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(obj)) setField(out, key, cloneJson(obj[key]));
  return out;
}

/** A new object holding deep copies of the listed own fields of obj, and nothing else. */
export function pickFields(obj: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of fields) {
    if (Object.hasOwn(obj, key)) setField(out, key, cloneJson(obj[key]));
  }
  return out;
}

/** A field that must hold an object (a nested bunq object); anything else withholds the answer. */
export function nestedObject(value: unknown): JsonObject {
  if (!isJsonObject(value)) throw new UnexpectedUpstreamAnswer('nested_not_an_object');
  return value;
}

/** A field that must hold a list of objects; anything else withholds the answer. */
export function nestedObjects(value: unknown): JsonObject[] {
  if (!Array.isArray(value) || !value.every(isJsonObject)) throw new UnexpectedUpstreamAnswer('nested_not_an_object');
  return value;
}
