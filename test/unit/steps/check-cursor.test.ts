// On lists that hide objects by id among visible ones, a cursor must be one the gateway hands
// out or one built from a visible id; otherwise bisection with empty pages finds hidden ids.
import { checkCursor } from '../../../src/steps/check-cursor';
import type { GatewayCall } from '../../../src/policy/call';

const call = (query: GatewayCall['query']) => ({ query }) as GatewayCall;
const VISIBLE = new Set([10, 20]);

test.each([
  [{ older_id: 10 }], [{ older_id: 11 }], [{ older_id: 21 }], [{ newer_id: 20 }], [{ newer_id: 19 }], [{ newer_id: 9 }], [{ count: 5 }], [{}],
])('when the cursor is %j on a list whose visible ids are known, then it is accepted', (query) => {
  expect(() => checkCursor(call(query), VISIBLE)).not.toThrow();
});

test.each([[{ older_id: 15 }], [{ older_id: 12 }], [{ newer_id: 15 }], [{ newer_id: 18 }], [{ older_id: 1 }], [{ newer_id: 1_000 }]])(
  'when the cursor is %j, then it is refused with 400 before anything is sent',
  (query) => {
    expect(() => checkCursor(call(query), VISIBLE)).toThrow(/must be a page link this gateway gave/);
  },
);

test('when the list hides nothing by id, then any cursor is accepted', () => {
  expect(() => checkCursor(call({ older_id: 12_345 }), undefined)).not.toThrow();
});
