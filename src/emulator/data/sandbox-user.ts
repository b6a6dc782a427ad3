/**
 * POST /v1/sandbox-user-person|company behind the scenes: a user with an API key
 * ("sandbox_" + 56 hex, bunq-api.md §1, §2.5), three accounts, ~120 days of payments and a few
 * request-inquiries. Data is deterministic per (seed, n-th user); the API key is random.
 */
import { randomBytes } from 'node:crypto';
import type { Rng } from '../core/rng';
import type { EmulatorState } from '../core/state';
import type { Account, AccountType, RequestStatus, User, UserKind } from '../core/types';
import { avatarJson, accountLabel, externalLabel } from '../core/labels';
import { externalIban } from '../core/iban';
import { makePerson } from './person-factory';
import { makeCompany } from './company-factory';
import { makeAccount } from './account-factory';
import { generateHistory } from './history-factory';

const DAY = 86_400_000;

export interface SandboxUserInfo {
  apiKey: string;
  userId: number;
  kind: UserKind;
  accounts: { id: number; type: AccountType; iban: string; description: string }[];
}

function seedRequestInquiries(state: EmulatorState, rng: Rng, user: User, bank: Account, now: number): void {
  const plan: [RequestStatus, number, string][] = [
    ['ACCEPTED', 20, 'Etentje Café Zoë'],
    ['REJECTED', 9, 'Concertkaartjes'],
    ['PENDING', 2, 'Boodschappen weekend'],
  ];
  for (const [status, daysAgo, description] of plan) {
    const created = now - daysAgo * DAY - rng.int(0, 3600) * 1000;
    const amount = rng.int(800, 6000);
    const rid = state.nextId('requestInquiry');
    state.requestInquiries.set(rid, {
      id: rid,
      accountId: bank.id,
      createdAt: created,
      updatedAt: status === 'PENDING' ? created : created + 3_600_000,
      timeResponded: status === 'PENDING' ? null : created + 3_600_000,
      timeExpiry: created + 21 * DAY,
      amountInquired: amount,
      amountResponded: status === 'ACCEPTED' ? amount : null,
      counterpartyAlias: externalLabel(externalIban(rng), rng.pick(['Sanne Visser', 'Joël Smit', 'Chloé Meijer'])),
      userAliasCreated: accountLabel(bank, user),
      description,
      merchantReference: null,
      minimumAge: null,
      requireAddress: 'NONE',
      status,
      allowBunqme: false,
      redirectUrl: null,
      responseId: null,
    });
  }
}

export function createSandboxUser(
  state: EmulatorState, rng: Rng, kind: UserKind, now: number, sessionTimeout: number,
): SandboxUserInfo {
  const created = now - rng.int(400, 900) * DAY;
  const id = state.nextId('user');
  const data = kind === 'person' ? makePerson(rng, state.nextId('taxResident')) : makeCompany(rng, state.nextId('taxResident'));
  const publicUuid = rng.uuid();
  const user: User = {
    id,
    kind,
    apiKey: `sandbox_${randomBytes(28).toString('hex')}`,
    createdAt: created,
    updatedAt: created,
    publicUuid,
    displayName: data.displayName,
    aliases: data.aliases,
    avatar: avatarJson(rng.uuid(), publicUuid, rng.uuid()),
    profile: data.profile,
    primaryAccountId: 0,
    sessionTimeout,
  };
  state.addUser(user);
  const person = kind === 'person';
  const bank = makeAccount(state, rng, user, 'MonetaryAccountBank', person ? 'Betaalrekening' : 'Zakelijke rekening', created + DAY);
  const savings = makeAccount(state, rng, user, 'MonetaryAccountSavings', person ? 'Spaarpot Zoë €' : 'Belastingreserve', created + 2 * DAY);
  const joint = makeAccount(state, rng, user, 'MonetaryAccountJoint', person ? 'Samen' : 'Projectrekening', created + 3 * DAY);
  user.primaryAccountId = bank.id;
  generateHistory(state, rng, kind, { bank, savings, joint }, now);
  seedRequestInquiries(state, rng, user, bank, now);
  return {
    apiKey: user.apiKey,
    userId: user.id,
    kind,
    accounts: [bank, savings, joint].map((a) => ({ id: a.id, type: a.type, iban: a.iban, description: a.description })),
  };
}
