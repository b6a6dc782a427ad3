/** Opens the gateway's state for a CLI command (quiet logger, migrations applied). */
import { OwnerService } from '../admin/owner-service';
import { loadConfig } from '../config/load';
import { createLogger } from '../lib/logger';
import { openRuntime, type Runtime } from '../runtime';

export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, opts: { bunq?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const runtime = await openRuntime(config, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL) });
  try {
    if (opts.bunq) await runtime.reloadBunq();
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** The owner's operations (the same service the admin API uses) on the configured state. */
export function withOwner<T>(fn: (owner: OwnerService, rt: Runtime) => Promise<T>, opts: { bunq?: boolean } = {}): Promise<T> {
  return withRuntime((rt) => fn(new OwnerService(rt), rt), opts);
}
