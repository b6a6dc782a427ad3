import { validateGrant } from '../../../src/policy/validate-grant';
import { ALLOWED_IBAN, catalog, payment } from './helpers';

const base = { scopes: ['read-user', 'create-payment'], accounts: [11, 12], payment };

describe('validateGrant', () => {
  it('when the grant is valid, then it is returned with defaults and normalised IBANs', () => {
    const result = validateGrant({ ...base, payment: { ...payment, ibanAllowlist: ['nl91 abna 0417 1643 00'] } }, catalog);
    expect(result).toMatchObject({ ok: true, grant: { recentDays: 30, payment: { ibanAllowlist: [ALLOWED_IBAN] } } });
  });

  it('when the grant only reads, then no payment constraints are needed', () => {
    expect(validateGrant({ scopes: ['read-user', 'read-recent'], accounts: [1], recentDays: 14 }, catalog).ok).toBe(true);
  });

  it.each([
    ['an unknown scope', { ...base, scopes: ['read-user', 'read-everything'], payment: undefined }, /unknown scope "read-everything"/],
    ['a duplicate scope', { ...base, scopes: ['read-user', 'read-user'], payment: undefined }, /duplicate scope/],
    ['a duplicate account', { ...base, accounts: [11, 11] }, /duplicate account/],
    ['create-payment without payment', { ...base, payment: undefined }, /payment: required by the scope "create-payment"/],
    ['payment without create-payment', { ...base, scopes: ['read-user'] }, /payment: only allowed with a scope that moves money/],
    ['a source account outside the accounts', { ...base, payment: { ...payment, sourceAccounts: [13] } }, /sourceAccounts: 13 is not one of the grant's accounts/],
    ['an invalid IBAN', { ...base, payment: { ...payment, ibanAllowlist: ['NL91ABNA0417164301'] } }, /"NL91ABNA0417164301" is not a valid IBAN/],
    ['a lookalike IBAN', { ...base, payment: { ...payment, ibanAllowlist: ['NL91\u0410BNA0417164300'] } }, /is not a valid IBAN/],
    ['the same IBAN twice in different spellings', { ...base, payment: { ...payment, ibanAllowlist: [ALLOWED_IBAN, 'nl91abna0417164300'] } }, /duplicate IBAN/],
    ['a zero maximum', { ...base, payment: { ...payment, maxPerPayment: '0.00' } }, /maxPerPayment: must be greater than zero/],
    ['a zero cap', { ...base, payment: { ...payment, caps: { week: '0' } } }, /caps\.week: must be greater than zero/],
    ['a malformed amount', { ...base, payment: { ...payment, maxPerPayment: '1,50' } }, /payment\.maxPerPayment/],
    ['no accounts', { ...base, accounts: [] }, /accounts/],
    ['an unknown field', { ...base, admin: true }, /[Uu]nrecognized key/],
  ])('when the grant has %s, then it is refused with a reason', (_name, input, reason) => {
    const result = validateGrant(input, catalog);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});
