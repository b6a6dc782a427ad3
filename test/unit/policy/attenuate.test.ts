import { checkAttenuation } from '../../../src/policy/attenuate';
import type { Grant } from '../../../src/policy/grant';
import { ALLOWED_IBAN, OTHER_IBAN, catalog, grant, payment, type PaymentInput } from './helpers';

const pay = (over: Partial<PaymentInput> = {}, extra: Partial<Grant> = {}) =>
  grant({ scopes: ['read-user', 'create-payment'], accounts: [11, 12], payment: { ...payment, ...over }, ...extra });
const parent = pay({ caps: { day: '1000.00', month: '5000.00' }, ibanAllowlist: [ALLOWED_IBAN, OTHER_IBAN], sourceAccounts: [11, 12], outsideAllowlist: 'deny' });

describe('checkAttenuation: a child can never gain anything', () => {
  it.each<[string, Grant, Grant]>([
    ['the same grant', parent, parent],
    ['fewer scopes', grant({ scopes: ['read-user'], accounts: [11] }), parent],
    ['fewer accounts', pay({ caps: { day: '1000.00', month: '5000.00' }, sourceAccounts: [11] }, { accounts: [11] }), parent],
    ['lower limits', pay({ maxPerPayment: '10.00', caps: { day: '20.00', week: '50.00', month: '100.00' }, ibanAllowlist: [ALLOWED_IBAN], sourceAccounts: [11] }), parent],
    ['a shorter recent window', grant({ scopes: ['read-recent'], recentDays: 7 }), grant({ scopes: ['read-recent'], recentDays: 30 })],
    ['draft mode under a draft parent', pay({ outsideAllowlist: 'draft' }), pay({ outsideAllowlist: 'draft' })],
  ])('when the child has %s, then it is accepted', (_name, child, p) => {
    expect(checkAttenuation(child, p)).toEqual({ ok: true });
  });

  it.each<[string, Grant, Grant, RegExp]>([
    ['a scope the parent lacks', grant({ scopes: ['read-user', 'read-balance'] }), grant({ scopes: ['read-user'] }), /scope "read-balance"/],
    ['read-transactions under a read-recent parent', grant({ scopes: ['read-transactions'] }), grant({ scopes: ['read-recent'] }), /scope "read-transactions"/],
    ['read-personal-data under a read-user parent', grant({ scopes: ['read-personal-data'] }), grant({ scopes: ['read-user'] }), /scope "read-personal-data"/],
    ['an account the parent lacks', grant({ accounts: [11, 13] }), grant({ accounts: [11, 12] }), /monetary account 13/],
    ['a longer recent window', grant({ scopes: ['read-recent'], recentDays: 60 }), grant({ scopes: ['read-recent'], recentDays: 30 }), /recentDays 60 exceeds the parent's 30/],
    ['payment under a parent without payment', pay(), grant({ scopes: ['read-user', 'create-payment'] }), /no payment constraints/],
    ['another currency', pay({ currency: 'USD', caps: { day: '1.00', month: '1.00' } }), parent, /currency USD/],
    ['a higher maximum per payment', pay({ maxPerPayment: '500.01', caps: { day: '1.00', month: '1.00' } }), parent, /maxPerPayment 500\.01/],
    ['a missing day cap', pay({ caps: { month: '1.00' } }), parent, /day cap of 1000\.00/],
    ['a higher month cap', pay({ caps: { day: '1.00', month: '5000.01' } }), parent, /month cap 5000\.01/],
    ['an IBAN outside the parent allowlist', pay({ caps: { day: '1.00', month: '1.00' }, ibanAllowlist: ['BE68539007547034'] }), parent, /IBAN BE68539007547034/],
    ['a source account the parent cannot pay from', pay({ caps: { day: '1.00', month: '1.00' }, sourceAccounts: [11, 12] }), pay({ caps: { day: '1.00', month: '1.00' }, sourceAccounts: [11] }), /source account 12/],
    ['draft mode under a deny parent', pay({ caps: { day: '1.00', month: '1.00' }, outsideAllowlist: 'draft' }), parent, /'draft' needs the parent/],
  ])('when the child has %s, then it is refused', (_name, child, p, reason) => {
    const result = checkAttenuation(child, p);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('checkAttenuation with the catalog (scope inclusion)', () => {
  it('when the parent holds read-transactions, then a read-recent child is allowed, with any window', () => {
    expect(checkAttenuation(grant({ scopes: ['read-recent'], recentDays: 90 }), grant({ scopes: ['read-transactions'] }), catalog)).toEqual({ ok: true });
  });

  it('when the parent holds read-personal-data, then a read-user child is allowed', () => {
    expect(checkAttenuation(grant({ scopes: ['read-user'] }), grant({ scopes: ['read-personal-data'] }), catalog)).toEqual({ ok: true });
  });

  it('when the parent holds read-recent only, then a longer child window is still refused', () => {
    expect(checkAttenuation(grant({ scopes: ['read-recent'], recentDays: 31 }), grant({ scopes: ['read-recent'], recentDays: 30 }), catalog).ok).toBe(false);
  });

  it('when the child has no windowed scope, then its recentDays does not matter', () => {
    expect(checkAttenuation(grant({ scopes: ['read-user'], recentDays: 90 }), grant({ scopes: ['read-user'], recentDays: 7 }), catalog)).toEqual({ ok: true });
  });

  it('when the parent holds read-user, then read-personal-data is still refused', () => {
    expect(checkAttenuation(grant({ scopes: ['read-personal-data'] }), grant({ scopes: ['read-user'] }), catalog).ok).toBe(false);
  });

  it('without the catalog, when the child holds an included scope, then it is refused (plain subset)', () => {
    expect(checkAttenuation(grant({ scopes: ['read-recent'] }), grant({ scopes: ['read-transactions'] })).ok).toBe(false);
  });
});
