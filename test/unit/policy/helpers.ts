/** Shared builders for the policy tests: the real catalog, raw calls, grants and a context. */
import type { RawCall } from '../../../src/policy/call';
import { loadCatalog, type Catalog } from '../../../src/policy/catalog';
import type { DecideContext } from '../../../src/policy/decide';
import { GrantSchema, type Grant, type GrantInput } from '../../../src/policy/grant';
import { normalizeRequest } from '../../../src/policy/normalize-request';

export const catalog: Catalog = loadCatalog();
export const USER = 1234;
export const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
export const ctx: DecideContext = { bunqUserId: USER, now: NOW, catalog };

export const ALLOWED_IBAN = 'NL91ABNA0417164300';
export const OTHER_IBAN = 'DE89370400440532013000';

export function raw(method: string, target: string, body?: unknown, headers: string[] = []): RawCall {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { requestId: 'req-1', clientIp: '127.0.0.1', method, target, rawHeaders: headers, body: bytes };
}

export function call(method: string, target: string, body?: unknown, headers?: string[]) {
  return normalizeRequest(raw(method, target, body, headers), catalog);
}

export function grant(input: Partial<GrantInput> = {}): Grant {
  return GrantSchema.parse({ scopes: ['read-user'], accounts: [11, 12], ...input });
}

export type PaymentInput = NonNullable<GrantInput['payment']>;

export const payment: PaymentInput = {
  currency: 'EUR',
  maxPerPayment: '500.00',
  caps: { day: '1000.00' },
  ibanAllowlist: [ALLOWED_IBAN],
  sourceAccounts: [11],
  outsideAllowlist: 'deny',
};

export function payer(over: Partial<PaymentInput> = {}, extra: Partial<GrantInput> = {}): Grant {
  return grant({ scopes: ['create-payment'], payment: { ...payment, ...over }, ...extra });
}

export const A = `/v1/user/${USER}/monetary-account/11`;

export function paymentBody(over: Record<string, unknown> = {}) {
  return {
    amount: { value: '12.50', currency: 'EUR' },
    counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'Supplier BV' },
    description: 'Invoice 42',
    ...over,
  };
}
