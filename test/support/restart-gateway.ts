// Restarts the gateway the way an owner's `bunq-gateway serve` restart does: the old server and
// runtime are closed, a NEW runtime opens the same database with the same master key, and a new
// server listens on the same port. Nothing in memory survives; only what is stored does.
import { openRuntime, type Runtime } from '../../src/runtime';
import { startGateway, type RunningGateway } from '../../src/server';

export interface Restarted {
  readonly runtime: Runtime;
  readonly gateway: RunningGateway;
}

export async function restartGateway(old: RunningGateway, config: Runtime['config']): Promise<Restarted> {
  const port = Number(new URL(old.url).port);
  await old.close();
  const runtime = await openRuntime(config, { migrate: false });
  await runtime.reloadBunq();
  const gateway = await startGateway(runtime, { host: '127.0.0.1', port });
  return { runtime, gateway };
}
