/**
 * source-account: money may only leave the accounts in grant.payment.sourceAccounts (a subset
 * of the grant's accounts, checked at issuance by validateGrant).
 */
import { z } from 'zod';
import { deny } from '../decision';
import { PASS, defineCondition } from './condition';
import { isDeny, paymentConstraints } from './payment-constraints';

export const sourceAccount = defineCondition({
  id: 'source-account',
  config: z.object({ param: z.string() }).strict(),
  params: (config) => [config.param],
  needsIntent: true,
  evaluate(config, input) {
    const payment = paymentConstraints(input);
    if (isDeny(payment)) return payment;
    const accountId = input.call.params[config.param];
    if (accountId !== undefined && payment.sourceAccounts.includes(accountId)) return PASS;
    return deny(
      'source_account_not_allowed',
      403,
      `This token may not move money out of monetary account ${String(accountId)}; allowed source accounts: ${payment.sourceAccounts.join(', ')}.`,
      { account_id: accountId ?? null, allowed_source_accounts: payment.sourceAccounts.map(String) },
    );
  },
});
