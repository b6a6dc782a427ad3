/**
 * The demo's three example tokens, one per user the product is for: a read-only balance
 * widget for the joint account, a sync script that reads 30 days of the personal account,
 * and a bookkeeper who may pay bills from the personal account to one known IBAN, capped.
 */
import type { Runtime } from '../runtime';
import type { IssuedToken } from '../tokens/token-service';

export interface DemoUser {
  readonly userId: number;
  readonly accounts: readonly { id: number; type: string; iban: string; description: string }[];
}

export interface DemoToken extends IssuedToken {
  readonly description: string;
}

/** A valid Dutch IBAN outside the emulator, standing in for the landlord the bookkeeper pays. */
export const DEMO_PAYEE_IBAN = 'NL91ABNA0417164300';

export async function issueDemoTokens(runtime: Runtime, user: DemoUser): Promise<Record<'widget' | 'sync' | 'bookkeeper', DemoToken>> {
  const account = (type: string) => {
    const found = user.accounts.find((a) => a.type === type);
    if (!found) throw new Error(`the sandbox user has no ${type}`);
    return found;
  };
  const personal = account('MonetaryAccountBank');
  const joint = account('MonetaryAccountJoint');
  const expiresAt = new Date(runtime.clock.now() + 30 * 86_400_000);
  const widget = await runtime.tokens.issue({
    name: 'demo balance widget',
    preset: 'widget',
    grant: { scopes: ['read-user', 'read-balance'], accounts: [joint.id] },
    expiresAt,
  });
  const sync = await runtime.tokens.issue({
    name: 'demo sync script',
    preset: 'sync',
    grant: { scopes: ['read-user', 'read-balance', 'read-recent'], accounts: [personal.id], recentDays: 30 },
    expiresAt,
  });
  const bookkeeper = await runtime.tokens.issue({
    name: 'demo bookkeeper',
    preset: 'bookkeeper',
    grant: {
      scopes: ['read-user', 'read-balance', 'read-transactions', 'create-payment'],
      accounts: [personal.id],
      payment: {
        currency: 'EUR',
        maxPerPayment: '50.00',
        caps: { day: '100.00', month: '500.00' },
        ibanAllowlist: [DEMO_PAYEE_IBAN],
        sourceAccounts: [personal.id],
        outsideAllowlist: 'deny',
      },
    },
    expiresAt,
  });
  return {
    widget: { ...widget, description: `read-balance of the joint account ${joint.id}` },
    sync: { ...sync, description: `read-recent (30 days) of the personal account ${personal.id}` },
    bookkeeper: { ...bookkeeper, description: `pays up to 50.00 EUR (100.00/day) from ${personal.id} to ${DEMO_PAYEE_IBAN}` },
  };
}
