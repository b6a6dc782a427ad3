/**
 * MonetaryAccountBank / -Savings / -Joint read objects (SW MonetaryAccountBankRead,
 * MonetaryAccountSavingsRead, MonetaryAccountJointRead; bunq-api.md §9.2). Wrapper key = type.
 */
import { toBunqTimestamp } from '../../lib/clock';
import { amountJson } from '../core/money';
import type { Account, Json } from '../core/types';

export function accountJson(account: Account): Json {
  const { setting, monetary_account_profile, all_auto_save_id, ...typed } = account.extra;
  return {
    id: account.id,
    created: toBunqTimestamp(account.createdAt),
    updated: toBunqTimestamp(account.updatedAt),
    avatar: account.avatar,
    currency: 'EUR',
    description: account.description,
    daily_limit: amountJson(account.dailyLimit),
    balance: amountJson(account.balance),
    alias: [{ type: 'IBAN', value: account.iban, name: account.ownerName }],
    public_uuid: account.publicUuid,
    status: account.status,
    sub_status: 'NONE',
    reason: null,
    reason_description: null,
    user_id: account.userId,
    monetary_account_profile,
    ...(account.type === 'MonetaryAccountSavings' ? {} : { display_name: account.ownerName }),
    setting,
    ...typed,
    all_auto_save_id,
  };
}

export function wrappedAccount(account: Account): Json {
  return { [account.type]: accountJson(account) };
}
