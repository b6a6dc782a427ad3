/**
 * The express shell: security headers, raw body bytes (whatever the Content-Type: some bunq
 * clients send none), health endpoints, tokens only over TLS or loopback (check-transport.ts),
 * and everything else to the pipeline, which refuses what it does not know. Express only carries bytes here; it decides nothing.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { GatewayError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { checkTransport } from './check-transport';
import { errorResponse } from './error-responder';
import { toHandler, type CallHandler } from './to-handler';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  readonly handleCall: CallHandler;
  /** POST /gateway/tokens/derive: a token holder derives a narrower token. */
  readonly handleDerive: CallHandler;
  readonly logger: Logger;
  /** Whether the gateway can serve (database open, bunq context loaded). */
  readonly readiness: () => Promise<{ ready: boolean; detail: Record<string, unknown> }>;
  /** GATEWAY_ALLOW_INSECURE_HTTP: accept plain HTTP from other machines (default false). */
  readonly allowInsecureHttp?: boolean;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false);
  app.use(helmet());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const { ready, detail } = await deps.readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', ...detail });
  });

  app.use(checkTransport(deps.allowInsecureHttp === true));
  // Node decodes only the chunked transfer-coding; any other ("gzip, chunked") would reach the
  // parser still encoded. RFC 9112 §6.1: a coding the server does not understand is refused (501).
  app.use((req, _res, next) => {
    const coding = req.headers['transfer-encoding'];
    if (coding === undefined || coding.trim().toLowerCase() === 'chunked') {
      next();
      return;
    }
    next(new GatewayError('invalid_request', 501, 'Only the chunked transfer-coding is supported.'));
  });
  // inflate:false: a compressed body is refused (415), never unpacked and guessed at.
  app.use(express.raw({ type: () => true, limit: MAX_BODY_BYTES, inflate: false }));
  app.post('/gateway/tokens/derive', toHandler(deps.handleDerive));
  app.use(toHandler(deps.handleCall));

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    // Our own refusals (check-transport.ts) pass as they are; body-parser's 4xx are re-worded.
    const mapped =
      err instanceof GatewayError
        ? err
        : status === 413
          ? new GatewayError('invalid_request', 413, `The body is larger than ${MAX_BODY_BYTES} bytes.`)
          : status !== undefined && status >= 400 && status < 500
            ? new GatewayError('invalid_request', status, 'The request could not be read.')
            : err;
    const answer = errorResponse(mapped, deps.logger, '-');
    res.status(answer.status).set(answer.headers).end(answer.body);
  });
  return app;
}
