import {
  AmountFormatError,
  addAmounts,
  compareAmounts,
  formatAmount,
  isAmountString,
  parseAmount,
  parseSignedAmount,
} from '../../../src/lib/money';

describe('parseAmount', () => {
  it.each([
    ['12.50', 1250n],
    ['12.5', 1250n],
    ['12', 1200n],
    ['0', 0n],
    ['0.01', 1n],
    ['0.1', 10n],
    ['999999999999.99', 99999999999999n],
  ])('when given %s, then it returns %s minor units', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it.each([
    ['negative', '-1.00'],
    ['plus sign', '+1.00'],
    ['exponent', '1e3'],
    ['leading space', ' 1.00'],
    ['trailing space', '1.00 '],
    ['comma decimal', '1,50'],
    ['three decimals', '1.005'],
    ['leading zero', '01.00'],
    ['bare dot', '1.'],
    ['dot first', '.50'],
    ['empty', ''],
    ['thirteen integer digits', '1000000000000'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['hex', '0x10'],
    ['thousands separator', '1.000,00'],
    ['unicode digit', '١٢'],
  ])('when given %s (%s), then it throws AmountFormatError', (_name, input) => {
    expect(() => parseAmount(input)).toThrow(AmountFormatError);
  });

  it('when given a number instead of a string, then it throws', () => {
    expect(() => parseAmount(12.5 as unknown as string)).toThrow(AmountFormatError);
  });

  it('when a value is not exact in binary floating point, then it is still exact', () => {
    expect(parseAmount('0.1') + parseAmount('0.2')).toBe(parseAmount('0.3'));
  });
});

describe('parseSignedAmount', () => {
  it('when the amount is negative, then it returns negative minor units', () => {
    expect(parseSignedAmount('-12.50')).toBe(-1250n);
    expect(parseSignedAmount('7.05')).toBe(705n);
  });
  it('when the amount has a plus sign or three decimals, then it throws', () => {
    expect(() => parseSignedAmount('+1.00')).toThrow(AmountFormatError);
    expect(() => parseSignedAmount('-1.005')).toThrow(AmountFormatError);
  });
});

describe('formatAmount', () => {
  it.each([
    [1250n, '12.50'],
    [1n, '0.01'],
    [0n, '0.00'],
    [100n, '1.00'],
    [-5n, '-0.05'],
    [-123456n, '-1234.56'],
    [99999999999999n, '999999999999.99'],
  ])('when given %s, then it returns %s', (input, expected) => {
    expect(formatAmount(input)).toBe(expected);
  });

  it('when formatting a parsed amount, then the round trip is exact', () => {
    for (const v of ['0.01', '12.30', '100.00', '999999999999.99']) expect(formatAmount(parseAmount(v))).toBe(v);
  });
});

describe('compare and add', () => {
  it('when comparing, then it returns -1, 0 or 1', () => {
    expect(compareAmounts(1n, 2n)).toBe(-1);
    expect(compareAmounts(2n, 2n)).toBe(0);
    expect(compareAmounts(3n, 2n)).toBe(1);
  });
  it('when adding, then the sum is exact', () => {
    expect(addAmounts(parseAmount('0.10'), parseAmount('0.20'), parseAmount('999999999999.99'))).toBe(100000000000029n);
    expect(addAmounts()).toBe(0n);
  });
  it('when checking the format, then only bunq amount strings pass', () => {
    expect(isAmountString('1.00')).toBe(true);
    expect(isAmountString('1.000')).toBe(false);
    expect(isAmountString(1)).toBe(false);
  });
});

describe('precision limits', () => {
  it('when the largest accepted signed amount is parsed, then it is exact', () => {
    expect(parseSignedAmount('-9999999999999.99')).toBe(-999999999999999n);
    expect(() => parseSignedAmount('10000000000000.00')).toThrow(AmountFormatError);
  });
});
