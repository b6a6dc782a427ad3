/**
 * Creates the three monetary accounts every sandbox user gets: MonetaryAccountBank,
 * MonetaryAccountSavings and MonetaryAccountJoint (with all_co_owner), each with a mod-97 valid
 * NL IBAN alias at BUNQ (SW MonetaryAccountBankRead / -SavingsRead / -JointRead; bunq-api.md §9.2).
 */
import type { Rng } from '../core/rng';
import type { EmulatorState } from '../core/state';
import type { Account, AccountType, Json, User } from '../core/types';
import { bunqIban } from '../core/iban';
import { avatarJson, labelUser } from '../core/labels';
import { FIRST_NAMES, LAST_NAMES } from './sample-data';

const COLORS = ['#FE2851', '#2A7ABD', '#33A35C', '#F7B300', '#8E44AD'];

function setting(rng: Rng): Json {
  return {
    color: rng.pick(COLORS),
    icon: null,
    default_avatar_status: 'AVATAR_DEFAULT',
    restriction_chat: 'ALLOW_INCOMING',
    sdd_expiration_action: 'AUTOMATICALLY_ACCEPT',
  };
}

function extraFor(type: AccountType, rng: Rng, user: User): Json {
  const base: Json = { setting: setting(rng), monetary_account_profile: null, all_auto_save_id: [] };
  const owner = { alias: labelUser(user), status: 'ACCEPTED' };
  if (type === 'MonetaryAccountBank') return { ...base, overdraft_limit: { value: '0.00', currency: 'EUR' } };
  if (type === 'MonetaryAccountSavings') {
    return {
      ...base,
      all_co_owner: [owner],
      savings_goal: { value: `${rng.int(5, 25) * 1000}.00`, currency: 'EUR' },
      savings_goal_progress: 0,
      number_of_payment_remaining: '6',
    };
  }
  const partner = `${rng.pick(FIRST_NAMES).name} ${rng.pick(LAST_NAMES).name}`;
  const partnerAlias = { uuid: rng.uuid(), display_name: partner, country: 'NL', avatar: null, public_nick_name: partner.split(' ')[0] };
  return {
    ...base,
    overdraft_limit: { value: '0.00', currency: 'EUR' },
    all_co_owner: [owner, { alias: partnerAlias, status: 'ACCEPTED' }],
  };
}

export function makeAccount(
  state: EmulatorState, rng: Rng, user: User, type: AccountType, description: string, at: number,
): Account {
  let iban = bunqIban(rng);
  while (state.accountsByIban.has(iban)) iban = bunqIban(rng);
  const publicUuid = rng.uuid();
  const account: Account = {
    id: state.nextId('account'),
    userId: user.id,
    type,
    createdAt: at,
    updatedAt: at,
    description,
    iban,
    ownerName: user.displayName,
    publicUuid,
    avatar: avatarJson(rng.uuid(), publicUuid, rng.uuid()),
    balance: 0,
    dailyLimit: type === 'MonetaryAccountSavings' ? 100000 : 1000000,
    status: 'ACTIVE',
    extra: extraFor(type, rng, user),
  };
  state.addAccount(account);
  return account;
}
