import { fillTemplate } from '../../../src/lib/fill-template';

test('when a template is filled, then every parameter is replaced in place and the literal text is kept', () => {
  const values: Record<string, string> = { userID: '7', 'monetary-accountID': '42' };
  expect(fillTemplate('/user/{userID}/monetary-account/{monetary-accountID}/payment', (n) => values[n]!)).toBe('/user/7/monetary-account/42/payment');
  expect(fillTemplate('/user/{userID}', (n) => values[n]!)).toBe('/user/7');
  expect(fillTemplate('/session-server', () => 'x')).toBe('/session-server');
  // The same template again (compiled once) with other values.
  expect(fillTemplate('/user/{userID}', () => '8')).toBe('/user/8');
});

test('when filling throws for a parameter, then the error reaches the caller', () => {
  expect(() => fillTemplate('/user/{userID}', () => {
    throw new TypeError('no value');
  })).toThrow('no value');
});
