/**
 * IBAN handling (ISO 13616; structures from the SWIFT IBAN registry). Used to validate grant
 * allowlists and the counterparty of every payment. Rules:
 * - normalise = remove ASCII spaces, upper-case; ANY other character (tabs, NBSP, Cyrillic or
 *   other lookalikes, punctuation) makes the input invalid instead of being guessed at;
 * - valid = known country, exact length, BBAN structure (digits where the registry says digits,
 *   so 'O' for '0' fails), check digits 02..98, and mod-97 == 1 (chunked, no floats).
 */

/** Country → BBAN structure: n = digit, a = upper-case letter, c = either (registry notation). */
const BBAN_STRUCTURE: Readonly<Record<string, string>> = {
  AD: '4n4n12c', AL: '8n16c', AT: '16n', BE: '12n', BG: '4a6n8c', CH: '5n12c', CY: '8n16c',
  CZ: '20n', DE: '18n', DK: '14n', EE: '16n', ES: '20n', FI: '14n', FR: '10n11c2n',
  GB: '4a14n', GI: '4a15c', GR: '7n16c', HR: '17n', HU: '24n', IE: '4c14n', IS: '22n',
  IT: '1a10n12c', LI: '5n12c', LT: '16n', LU: '3n13c', LV: '4a13c', MC: '10n11c2n',
  MD: '20c', ME: '18n', MK: '3n10c2n', MT: '4a5n18c', NL: '4a10n', NO: '11n', PL: '24n',
  PT: '21n', RO: '4a16c', SE: '20n', SI: '15n', SK: '20n', SM: '1a10n12c', VA: '18n',
};

const CLASS: Readonly<Record<string, string>> = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]' };

/** Precompiled once at module load: country → exact regex for the whole IBAN. */
const IBAN_PATTERNS: ReadonlyMap<string, RegExp> = new Map(
  Object.entries(BBAN_STRUCTURE).map(([country, structure]) => {
    const bban = structure.replace(/(\d+)([nac])/g, (_m, count: string, kind: string) => `${CLASS[kind] ?? ''}{${count}}`);
    return [country, new RegExp(`^${country}[0-9]{2}${bban}$`)];
  }),
);

/** Countries this module knows (SEPA members and a few more). */
export const IBAN_COUNTRIES: readonly string[] = Object.keys(BBAN_STRUCTURE);

/**
 * "nl91 abna 0417 1643 00" → "NL91ABNA0417164300". Returns null when the input contains
 * anything other than ASCII letters, digits and plain spaces, or is empty after stripping.
 */
export function normalizeIban(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  if (!/^[A-Za-z0-9 ]+$/.test(input)) return null;
  const compact = input.replace(/ /g, '').toUpperCase();
  return compact.length === 0 ? null : compact;
}

/** mod-97 over the rearranged IBAN, one character at a time (never exceeds 97 * 100). */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder;
}

/** True only for a NORMALISED IBAN (see normalizeIban) that passes every rule in the header. */
export function isValidIban(iban: string): boolean {
  if (typeof iban !== 'string') return false;
  const pattern = IBAN_PATTERNS.get(iban.slice(0, 2));
  if (!pattern || !pattern.test(iban)) return false;
  const checkDigits = iban.slice(2, 4);
  if (checkDigits === '00' || checkDigits === '01' || checkDigits === '99') return false;
  return mod97(iban) === 1;
}

/** normalizeIban + isValidIban: the normalised IBAN, or null when it is not a valid one. */
export function parseIban(input: string): string | null {
  const normalized = normalizeIban(input);
  return normalized !== null && isValidIban(normalized) ? normalized : null;
}
