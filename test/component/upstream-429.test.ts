// Issue #6: with bunq's limits on, a GET that bunq answers with 429 is sent again after the
// back-off (bunq documents no Retry-After: 3 s, bunq-api.md §7) and the caller gets the answer.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, counting, items } from './support/calls';

let t: TestGateway;
let widget: string;

beforeAll(async () => {
  t = await startTestGateway({ config: { UPSTREAM_RATE_LIMITS: 'bunq' } });
  widget = (await t.issue({ scopes: ['read-balance'], accounts: [t.joint.id] })).bearer;
});
afterAll(async () => t?.close());

test('when bunq answers a balance read with 429 once, then the gateway retries it and the caller gets 200', async () => {
  const path = `/v1/user/${t.user.userId}/monetary-account/${t.joint.id}`;
  t.emulator.control.setFault({ kind: 'rate-limit', times: 1, match: { pathPrefix: path } });
  const { result, upstream } = await counting(t, () => call(t, 'GET', path, widget));
  expect(result.status).toBe(200);
  expect(items(result)[0]!['id']).toBe(t.joint.id);
  expect(upstream).toBe(2);
});
