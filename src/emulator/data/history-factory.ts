/**
 * ~120 days of realistic payments ending just before clock.now(): salary/invoices in, rent and
 * direct debits out, card payments, iDEAL purchases, friends paying back, and internal transfers
 * to the savings and joint accounts (booked on both sides). Events are sorted by time before
 * booking, so payment ids grow with time and newest-first pagination holds (bunq-api.md §6).
 * Outgoing events that the balance cannot cover are skipped — balances never go negative.
 */
import type { Rng } from '../core/rng';
import type { EmulatorState } from '../core/state';
import type { Account, UserKind } from '../core/types';
import { externalIban } from '../core/iban';
import { transfer, post, type Counterparty } from '../core/ledger';
import {
  BILLERS, CARD_MERCHANTS, CLIENTS, EMPLOYERS, FIRST_NAMES, FRIEND_DESCRIPTIONS, IDEAL_SHOPS, LAST_NAMES,
} from './sample-data';

export const HISTORY_DAYS = 120;
const DAY = 86_400_000;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export interface UserAccounts {
  bank: Account;
  savings: Account;
  joint: Account;
}

interface Event {
  at: number;
  book: () => void;
}

export function generateHistory(state: EmulatorState, rng: Rng, kind: UserKind, acc: UserAccounts, now: number): void {
  const events: Event[] = [];
  const start = now - HISTORY_DAYS * DAY;
  const ext = (name: string, iban: string | null = externalIban(rng), mcc: string | null = null): Counterparty =>
    ({ kind: 'external', iban, name, mcc });
  const landlord = ext('Woonstichting De Key');
  const employer = ext(rng.pick(EMPLOYERS));
  const billerIbans = BILLERS.map(() => externalIban(rng));
  const friends = [0, 1, 2].map(() => ext(`${rng.pick(FIRST_NAMES).name} ${rng.pick(LAST_NAMES).name}`));

  const pay = (at: number, from: Account, cents: number, to: Counterparty, description: string, type: string, subType: string) =>
    events.push({ at, book: () => { if (from.balance >= cents) transfer(state, from, cents, to, { description, type, subType, at }); } });
  const receive = (at: number, into: Account, cents: number, from: Counterparty, description: string, type: string, subType: string) =>
    events.push({ at, book: () => { post(state, into, cents, from, { description, type, subType, at }); } });

  acc.bank.balance = rng.int(180000, 350000);
  acc.savings.balance = rng.int(400000, 1200000);
  acc.joint.balance = rng.int(60000, 150000);

  for (let d = 0; d < HISTORY_DAYS; d++) {
    const dayStart = start + d * DAY;
    const date = new Date(dayStart);
    const dom = date.getUTCDate();
    const at = (fromHour: number, toHour: number) => dayStart + rng.int(fromHour * 3600, toHour * 3600 - 1) * 1000 + rng.int(0, 999);
    const month = `${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`;
    if (kind === 'person' && dom === 25) receive(at(6, 8), acc.bank, rng.int(320000, 390000), employer, `Salaris ${month}`, 'EBA_SCT', 'SCT');
    if (kind === 'company' && rng.chance(0.17)) {
      receive(at(8, 18), acc.bank, rng.int(50000, 400000), ext(rng.pick(CLIENTS)), `Factuur ${date.getUTCFullYear()}-${rng.digits(4)}`, 'EBA_SCT', 'SCT');
    }
    if (dom === 1) receive(at(3, 5), acc.savings, rng.int(150, 900), ext('bunq B.V.', null), `Rente ${month}`, 'BUNQ', 'PAYMENT');
    if (dom === 1) pay(at(6, 9), acc.bank, kind === 'person' ? 115000 : 245000, landlord, `Huur ${month}`, 'EBA_SCT', 'SCT');
    if (dom === 2) {
      pay(at(9, 10), acc.bank, kind === 'person' ? 20000 : 60000, { kind: 'internal', account: acc.savings }, kind === 'person' ? 'Sparen' : 'BTW reservering', 'BUNQ', 'PAYMENT');
      pay(at(10, 11), acc.bank, 35000, { kind: 'internal', account: acc.joint }, 'Bijdrage gezamenlijke rekening', 'BUNQ', 'PAYMENT');
    }
    BILLERS.forEach((b, i) => {
      if (b.day === dom) pay(at(5, 8), acc.bank, rng.int(b.min, b.max), ext(b.name, billerIbans[i] ?? null), `${b.desc} ${month}`, 'EBA_SDD', 'SDD');
    });
    const cards = kind === 'person' ? rng.int(0, 2) : rng.int(0, 1);
    for (let i = 0; i < cards; i++) {
      const m = rng.pick(CARD_MERCHANTS);
      pay(at(8, 22), acc.bank, rng.int(m.min, m.max), ext(m.name, null, m.mcc), m.name, 'MASTERCARD', 'PAYMENT');
    }
    if (rng.chance(0.25)) {
      const m = CARD_MERCHANTS[rng.int(0, 1)] ?? CARD_MERCHANTS[0];
      pay(at(9, 21), acc.joint, rng.int(1500, 6000), ext(m.name, null, m.mcc), m.name, 'MASTERCARD', 'PAYMENT');
    }
    if (rng.chance(0.11)) {
      const friend = rng.pick(friends);
      receive(at(12, 23), acc.bank, rng.int(500, 4500), friend, rng.pick(FRIEND_DESCRIPTIONS), 'EBA_SCT', 'SCT');
    }
    if (rng.chance(0.09)) {
      const shop = rng.pick(IDEAL_SHOPS);
      pay(at(10, 23), acc.bank, rng.int(1500, 12000), ext(shop), `${shop} bestelling ${rng.digits(10)}`, 'IDEAL', 'PAYMENT');
    }
  }
  events.filter((e) => e.at < now - 60_000).sort((a, b) => a.at - b.at).forEach((e) => e.book());
}
