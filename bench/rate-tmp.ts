import { setUp } from './lib/setup';
import { startChild, gatewayNodeFlags } from './lib/processes';
import { latencyAtRate, hammer } from './lib/load';
async function main() {
  const world = await setUp();
  const joint = world.user.accounts.find((a) => a.type === 'MonetaryAccountJoint')!;
  const path = `/v1/user/${world.user.userId}/monetary-account/${joint.id}`;
  const bearer = await world.issue({ scopes: ['read-user', 'read-balance'], accounts: [joint.id] }, 'bench');
  const extra = (process.env.NODEFLAGS ?? '').split(' ').filter(Boolean);
  const gw = await startChild([...gatewayNodeFlags(), ...extra, 'bin/bunq-gateway.js', 'serve', '--json'], { ...world.gatewayEnv, UPSTREAM_RATE_LIMITS: 'off', UPSTREAM_CACHE_TTL_MS: '0', UPSTREAM_COALESCE: 'off' });
  const h = { authorization: `Bearer ${bearer}` };
  await hammer(gw.url + path, h, 3);
  await hammer(gw.url + path, h, 10);
  for (let i = 0; i < 3; i++) console.log('gw', await latencyAtRate(gw.url + path, h, 500, 8));
  await gw.stop();
  await world.close();
}
main();
