/** Compares secrets in constant time (length leaks, content does not). */
import { timingSafeEqual } from 'node:crypto';

export function constantEquals(a: string | Buffer, b: string | Buffer): boolean {
  const x = typeof a === 'string' ? Buffer.from(a) : a;
  const y = typeof b === 'string' ? Buffer.from(b) : b;
  return x.length === y.length && timingSafeEqual(x, y);
}
