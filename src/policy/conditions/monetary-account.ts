/**
 * monetary-account: the monetary account named in the path MUST be one of the grant's
 * accounts (explicit list, no wildcard: grant.ts). Passing sets the Allow's accountId.
 */
import { z } from 'zod';
import { deny } from '../decision';
import { defineCondition } from './condition';

export const monetaryAccount = defineCondition({
  id: 'monetary-account',
  config: z.object({ param: z.string() }).strict(),
  params: (config) => [config.param],
  needsIntent: false,
  evaluate(config, { call, grant }) {
    const accountId = call.params[config.param];
    if (accountId !== undefined && grant.accounts.includes(accountId)) {
      return { allowed: true, effect: { accountId } };
    }
    return deny(
      'account_not_allowed',
      403,
      `This token may not use monetary account ${String(accountId)}; ask the owner to add it to the token's accounts.`,
      { account_id: accountId ?? null },
    );
  },
});
