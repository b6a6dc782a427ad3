/**
 * A token sees only its grant's monetary accounts (GrantSchema.accounts, no wildcard): list
 * items of any other account are removed, a single one reads as not found. Every payment,
 * request and draft names its account in `monetary_account_id` (SW *Read); one that does not is
 * an unknown shape and the whole answer is withheld.
 */
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { readField, type JsonObject } from './json';

export function isGrantedAccount(accountId: number, accounts: ReadonlySet<number>): boolean {
  return accounts.has(accountId);
}

export function isOnGrantedAccount(item: JsonObject, accounts: ReadonlySet<number>): boolean {
  const accountId = readField(item, 'monetary_account_id');
  if (typeof accountId !== 'number' || !Number.isSafeInteger(accountId)) {
    throw new UnexpectedUpstreamAnswer('account_id_missing');
  }
  return isGrantedAccount(accountId, accounts);
}
