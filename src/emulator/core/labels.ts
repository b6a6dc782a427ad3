/**
 * Public labels as bunq returns them in responses: LabelUser and LabelMonetaryAccount
 * (SW LabelUser, LabelMonetaryAccount; bunq-api.md §8). Requests carry a Pointer instead —
 * the asymmetry is deliberate (§8 "Important asymmetry").
 */
import type { Account, Json, User } from './types';

export function avatarJson(uuid: string, anchorUuid: string, imageUuid: string): Json {
  return {
    uuid,
    anchor_uuid: anchorUuid,
    image: [{ attachment_public_uuid: imageUuid, content_type: 'image/png', height: 1024, width: 1024 }],
    style: 'NONE',
  };
}

export function labelUser(user: User): Json {
  return {
    uuid: user.publicUuid,
    display_name: user.displayName,
    country: 'NL',
    avatar: user.avatar,
    public_nick_name: user.displayName.split(' ')[0] ?? user.displayName,
  };
}

export function accountLabel(account: Account, user: User): Json {
  return {
    iban: account.iban,
    is_light: false,
    display_name: user.displayName,
    avatar: account.avatar,
    label_user: labelUser(user),
    country: 'NL',
    bunq_me: null,
    swift_bic: 'BUNQNL2A',
    swift_account_number: null,
    transferwise_account_number: null,
    transferwise_bank_code: null,
    merchant_category_code: null,
  };
}

/** A counterparty outside the emulator; iban null for card merchants (MASTERCARD payments). */
export function externalLabel(iban: string | null, name: string, mcc: string | null = null): Json {
  const country = iban ? iban.slice(0, 2) : 'NL';
  return {
    iban,
    is_light: false,
    display_name: name,
    avatar: null,
    label_user: { uuid: null, display_name: name, country, avatar: null, public_nick_name: name },
    country,
    bunq_me: null,
    swift_bic: null,
    swift_account_number: null,
    transferwise_account_number: null,
    transferwise_bank_code: null,
    merchant_category_code: mcc,
  };
}
