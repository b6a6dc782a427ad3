import { scope, scopeMissingMessage } from '../../../../src/policy/conditions/scope';
import { catalog, grant } from '../helpers';

const entry = (id: string) => catalog.get(id)!;

describe('scope condition', () => {
  it('when the grant holds the scope, then that scope is chosen', () => {
    expect(scope.evaluate(entry('payment.list'), grant({ scopes: ['read-recent'] }), catalog.scopes)).toMatchObject({ id: 'read-recent' });
  });

  it('when the grant holds two allowing scopes, then the first in catalog order (the broadest) wins', () => {
    const chosen = scope.evaluate(entry('payment.list'), grant({ scopes: ['read-recent', 'read-transactions'] }), catalog.scopes);
    expect(chosen).toMatchObject({ id: 'read-transactions' });
  });

  it('when the grant lacks every allowing scope, then it denies scope_missing naming the scope and endpoint', () => {
    const d = scope.evaluate(entry('payment.create'), grant({ scopes: ['read-transactions'] }), catalog.scopes);
    expect(d).toMatchObject({
      allowed: false,
      reasonId: 'scope_missing',
      status: 403,
      message: "This token lacks the scope 'create-payment' required for POST /v1/user/{userID}/monetary-account/{monetary-accountID}/payment.",
      details: { required_scope: 'create-payment', required_scopes: ['create-payment'] },
    });
  });

  it('when several scopes allow the endpoint, then the message lists the alternatives', () => {
    expect(scopeMissingMessage(['read-transactions', 'read-recent'], 'GET /v1/x')).toBe(
      "This token lacks the scope 'read-transactions' (or 'read-recent') required for GET /v1/x.",
    );
  });
});
