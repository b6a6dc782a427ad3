import { IBAN_COUNTRIES, isValidIban, normalizeIban, parseIban } from '../../../src/lib/iban';

const VALID = [
  'NL91ABNA0417164300', 'DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606',
  'BE68539007547034', 'AT611904300234573201', 'ES9121000418450200051332', 'IT60X0542811101000000123456',
  'CH9300762011623852957', 'PL61109010140000071219812874', 'IE29AIBK93115212345678', 'NO9386011117947',
  'MT84MALT011000012345MTLCAST001S', 'LU280019400644750000', 'SE4550000000058398257466', 'FI2112345600000785',
  'DK5000400440116243', 'PT50000201231234567890154', 'GR1601101250000000012300695',
];

describe('normalizeIban', () => {
  it('when given spaces and lower case, then it returns the compact upper-case form', () => {
    expect(normalizeIban('nl91 abna 0417 1643 00')).toBe('NL91ABNA0417164300');
  });
  it.each([
    ['Cyrillic A', 'NL91\u0410BNA0417164300'],
    ['Greek Omicron', 'NL91ABN\u039f0417164300'],
    ['fullwidth digit', 'NL91ABNA041716430\uff10'],
    ['non-breaking space', 'NL91\u00a0ABNA0417164300'],
    ['tab', 'NL91\tABNA0417164300'],
    ['dash', 'NL91-ABNA-0417-1643-00'],
    ['zero-width space', 'NL91\u200bABNA0417164300'],
    ['empty', ''],
    ['only spaces', '   '],
  ])('when given a %s, then it returns null', (_name, input) => {
    expect(normalizeIban(input)).toBeNull();
  });
});

describe('isValidIban', () => {
  it.each(VALID)('when given the valid IBAN %s, then it is valid', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['a wrong checksum', 'NL91ABNA0417164301'],
    ['swapped digits', 'DE89370400440532031000'],
    ['one character short', 'NL91ABNA041716430'],
    ['one character long', 'NL91ABNA04171643000'],
    ['letter O for zero in a numeric position', 'DE89370400440532O13000'],
    ['letter O for zero in the Dutch account number', 'NL91ABNA04171643OO'],
    ['digit in the Dutch bank code', 'NL91AB1A0417164300'],
    ['unknown country', 'XX91ABNA0417164300'],
    ['lower case (not normalised)', 'nl91abna0417164300'],
    ['spaces (not normalised)', 'NL91 ABNA 0417 1643 00'],
    ['check digits 00', 'NL00ABNA0417164300'],
    ['empty', ''],
  ])('when given %s, then it is invalid', (_name, iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it('when check digits are 99 although mod-97 would pass, then it is invalid', () => {
    // 99 ≡ 02 (mod 97): find an IBAN whose correct check digits are 02 and swap in 99.
    const withTwo = 'NL02ABNA0123456789';
    expect(isValidIban(withTwo)).toBe(true);
    expect(isValidIban('NL99ABNA0123456789')).toBe(false);
  });

  it('when given SEPA countries, then each one is known', () => {
    for (const c of ['NL', 'DE', 'BE', 'FR', 'ES', 'IT', 'AT', 'PT', 'IE', 'FI', 'LU', 'GB', 'CH', 'NO', 'IS', 'LI', 'SE', 'DK', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'HR', 'SI', 'EE', 'LV', 'LT', 'GR', 'CY', 'MT', 'MC', 'SM', 'VA', 'AD', 'GI']) {
      expect(IBAN_COUNTRIES).toContain(c);
    }
  });
});

describe('parseIban', () => {
  it('when the input is messy but valid, then it returns the normalised IBAN', () => {
    expect(parseIban(' de89 3704 0044 0532 0130 00 ')).toBe('DE89370400440532013000');
  });
  it('when the input contains a lookalike character, then it returns null', () => {
    expect(parseIban('DE89 3704 0044 0532 0130 0\u041e')).toBeNull();
  });
});
