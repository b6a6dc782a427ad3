/**
 * The request-target, refused rather than interpreted (RFC 3986 §6 normalisation is exactly
 * what an attacker uses to make a checker and a forwarder disagree):
 * printable ASCII only; at most 512 characters; no fragment; NO percent-encoding at all (ids
 * are digits and segments [a-z0-9-], so nothing needs encoding); no backslash; no ";" matrix
 * parameters; the path starts with "/v1/" exactly (case-sensitive); no empty segments ("//"),
 * no trailing slash, no dot segments; each segment is a literal [a-z][a-z0-9-]* or a canonical
 * integer id (no sign, no leading zero, at most 2^53 − 1).
 */
import { InvalidRequest } from '../../lib/errors';
import type { PathSegments } from '../match-endpoint';

export const MAX_TARGET_LENGTH = 512;
const LITERAL = /^[a-z][a-z0-9-]*$/;
const ID = /^(0|[1-9][0-9]{0,15})$/;

export interface ParsedTarget {
  /** Segments after /v1: literals as strings, ids as numbers. */
  readonly segments: PathSegments;
  /** The raw query string without "?", or null when there was no "?". */
  readonly query: string | null;
}

function reject(message: string): never {
  throw new InvalidRequest(message);
}

function parseSegment(segment: string): string | number {
  if (LITERAL.test(segment)) return segment;
  if (segment === '.' || segment === '..') reject('Dot segments ("." and "..") are not accepted in the path.');
  const first = segment.charCodeAt(0);
  if (segment[0] === '+' || segment[0] === '-') reject('Path ids must not carry a sign.');
  if (first >= 48 && first <= 57) {
    const id = ID.test(segment) ? Number(segment) : NaN;
    if (!Number.isSafeInteger(id)) reject('Path ids must be canonical integers: digits only, no leading zeros, at most 2^53 - 1.');
    return id;
  }
  return reject(`The path segment ${JSON.stringify(segment.slice(0, 40))} is not accepted (lower-case letters, digits and "-" only).`);
}

export function parseTarget(target: string): ParsedTarget {
  if (typeof target !== 'string' || target.length === 0) reject('The request-target is empty.');
  if (target.length > MAX_TARGET_LENGTH) reject(`The request-target is longer than ${MAX_TARGET_LENGTH} characters.`);
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) reject('The request-target must be printable ASCII (no spaces, control or non-ASCII characters).');
  }
  if (target.includes('%')) reject('Percent-encoding is not accepted anywhere in the request-target.');
  if (target.includes('#')) reject('A fragment ("#") is not accepted in the request-target.');
  if (target.includes('\\')) reject('Backslashes are not accepted in the path.');
  if (target.includes(';')) reject('Matrix parameters (";") are not accepted in the path.');
  const q = target.indexOf('?');
  const pathPart = q === -1 ? target : target.slice(0, q);
  if (!pathPart.startsWith('/v1/')) reject('The path must start with "/v1/" (lower-case, exactly).');
  if (pathPart.includes('//')) reject('Empty path segments ("//") are not accepted.');
  if (pathPart.endsWith('/')) reject('A trailing slash is not accepted.');
  const segments = pathPart.slice(4).split('/').map(parseSegment);
  return { segments, query: q === -1 ? null : target.slice(q + 1) };
}
