import { presetToGrant } from '../../../src/policy/preset';
import { validateGrant } from '../../../src/policy/validate-grant';
import { ALLOWED_IBAN, catalog } from './helpers';

describe('presets', () => {
  it('when the bookkeeper preset is filled in, then it is a valid grant with caps and an allowlist', () => {
    const preset = catalog.presets.get('bookkeeper')!;
    const result = validateGrant(presetToGrant(preset, { accounts: [11, 12], sourceAccounts: [11], ibanAllowlist: [ALLOWED_IBAN] }), catalog);
    expect(result).toMatchObject({
      ok: true,
      grant: {
        scopes: ['read-user', 'read-balance', 'read-transactions', 'create-payment'],
        payment: { currency: 'EUR', sourceAccounts: [11], ibanAllowlist: [ALLOWED_IBAN], caps: { day: '2500.00' } },
      },
    });
  });

  it('when the sync preset is filled in, then it reads the last 30 days only', () => {
    const result = validateGrant(presetToGrant(catalog.presets.get('sync')!, { accounts: [11] }), catalog);
    expect(result).toMatchObject({ ok: true, grant: { scopes: ['read-user', 'read-balance', 'read-recent'], recentDays: 30 } });
  });

  it('when the widget preset is filled in, then it sees the user and balances only', () => {
    const result = validateGrant(presetToGrant(catalog.presets.get('widget')!, { accounts: [12] }), catalog);
    expect(result).toMatchObject({ ok: true, grant: { scopes: ['read-user', 'read-balance'], accounts: [12] } });
  });

  it('when a money preset is filled in without source accounts, then validation refuses it', () => {
    expect(validateGrant(presetToGrant(catalog.presets.get('bookkeeper')!, { accounts: [11] }), catalog).ok).toBe(false);
  });

  it('when a preset is applied, then the catalog copy is not modified', () => {
    const preset = catalog.presets.get('bookkeeper')!;
    const grant = presetToGrant(preset, { accounts: [1], sourceAccounts: [1] });
    grant.scopes.push('x');
    expect(preset.grant.scopes).not.toContain('x');
  });
});
