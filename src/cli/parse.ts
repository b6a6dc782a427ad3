/** Small, strict parsers for CLI option values; a bad value is a usage error naming the flag. */
import { InvalidArgumentError } from 'commander';

export function positiveInt(value: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('expected a positive whole number');
  }
  return Number(value);
}

export function collectInt(value: string, previous: number[] = []): number[] {
  return [...previous, positiveInt(value)];
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "90m", "12h", "30d", "2w" → milliseconds. */
export function duration(value: string): number {
  const m = /^([1-9][0-9]{0,5})([mhdw])$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected a duration like 90m, 12h, 30d or 2w');
  return Number(m[1]) * UNITS[m[2]!]!;
}

export function isoDate(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO 8601 date, e.g. 2027-01-31T00:00:00Z');
  return d;
}
