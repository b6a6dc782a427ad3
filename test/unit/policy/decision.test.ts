import { GatewayError } from '../../../src/lib/errors';
import { deny, errorCodeFor, toGatewayError, type DenyReasonId } from '../../../src/policy/decision';

const ALL: DenyReasonId[] = [
  'invalid_request', 'body_invalid', 'endpoint_not_allowed', 'scope_missing', 'user_not_allowed', 'account_not_allowed',
  'source_account_not_allowed', 'payment_not_configured', 'currency_not_allowed', 'amount_exceeds_max',
  'counterparty_not_allowed', 'object_not_owned', 'cap_exceeded',
];

describe('toGatewayError', () => {
  it('when a denial is converted, then the error keeps status, message and details and adds the reason id', () => {
    const error = toGatewayError(deny('scope_missing', 403, 'This token lacks the scope x.', { required_scope: 'x' }));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'scope_missing', status: 403, message: 'This token lacks the scope x.', expose: true });
    expect(error.details).toEqual({ reason_id: 'scope_missing', required_scope: 'x' });
  });

  it.each(ALL)('when the reason is %s, then the error code is the same string', (reason) => {
    expect(errorCodeFor(reason)).toBe(reason);
  });
});
