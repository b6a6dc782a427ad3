/**
 * `bunq-gateway serve`: the gateway on the configured database and bunq context, and next to
 * it the admin listener (console + admin API, ADMIN_HOST:ADMIN_PORT, localhost by default).
 * On the first start the admin credential is created and printed once.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';
import { openRuntime } from '../../runtime';
import { startGateway } from '../../server';
import { startAdmin } from '../../admin/admin-server';
import { adminLines } from '../admin-banner';
import { GatewayMetrics } from '../../metrics/metrics';
import { startMetricsServer } from '../../metrics/metrics-server';
import { startReconciler } from '../../steps/reconcile-spend';
import { untilSignal } from '../lifecycle';
import { output, commandLogger } from '../output';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the gateway (migrates the database first). Stops cleanly on SIGTERM.')
    .option('--port <port>', 'port to listen on (default: GATEWAY_PORT or 8080)')
    .option('--host <host>', 'interface to listen on (default: GATEWAY_HOST or 127.0.0.1)')
    .option('--admin-port <port>', 'port of the console and admin API (default: ADMIN_PORT or 8081; 0 = any free port)')
    .option('--admin-host <host>', 'interface of the console and admin API (default: ADMIN_HOST or 127.0.0.1)')
    .option('--json', 'print the listening URLs (and a new admin credential) as JSON')
    .action(async (opts: { port?: string; host?: string; adminPort?: string; adminHost?: string; json?: boolean }) => {
      const config = loadConfig(process.env, {
        ...(opts.port === undefined ? {} : { GATEWAY_PORT: opts.port }),
        ...(opts.host === undefined ? {} : { GATEWAY_HOST: opts.host }),
        ...(opts.adminPort === undefined ? {} : { ADMIN_PORT: opts.adminPort }),
        ...(opts.adminHost === undefined ? {} : { ADMIN_HOST: opts.adminHost }),
      });
      const logger = commandLogger(config.LOG_LEVEL, opts.json === true);
      const metrics = new GatewayMetrics({ processMetrics: true });
      const runtime = await openRuntime(config, { logger, metrics });
      if (!(await runtime.reloadBunq())) {
        logger.warn('no bunq context yet: calls are refused until `bunq-gateway init` has run');
      }
      const gateway = await startGateway(runtime, { host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
      const admin = await startAdmin(runtime, { host: config.ADMIN_HOST, port: config.ADMIN_PORT }).catch(async (err: unknown) => {
        await gateway.close();
        throw err;
      });
      // Payments a killed process left unsettled are settled from what bunq shows (never re-sent).
      const reconciler = startReconciler(runtime);
      const metricsServer =
        config.METRICS_PORT === undefined ? undefined : await startMetricsServer(metrics, { host: config.METRICS_HOST, port: config.METRICS_PORT });
      if (metricsServer) logger.info({ url: metricsServer.url }, 'Prometheus metrics listening');
      output(opts.json === true).result(
        { url: gateway.url, adminUrl: admin.url, ...(admin.newCredential ? { adminCredential: admin.newCredential } : {}) },
        () => [`bunq-gateway listening on ${gateway.url}`, ...adminLines(admin)].join('\n'),
      );
      process.exitCode = await untilSignal(async () => {
        await reconciler.stop();
        await admin.close();
        await gateway.close();
        await metricsServer?.close();
      });
    });
}
