/**
 * The admin API's error body: {"error":{"code","message","details"}} (schemas.ts ErrorResponse).
 * The owner's API is not a bunq API, so it does not use bunq's envelope. Unknown errors become
 * a generic 500 and go to the log only.
 */
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../lib/errors';
import type { Logger } from '../lib/logger';

export function sendError(res: Response, status: number, code: string, message: string, details?: Record<string, unknown>): void {
  res.status(status).json({ error: { code, message, ...(details ? { details } : {}) } });
}

export function adminErrorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof GatewayError && err.expose) {
      sendError(res, err.status, err.code, err.message, Object.keys(err.details).length ? { ...err.details } : undefined);
      return;
    }
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(res, status, status === 413 ? 'body_too_large' : 'body_invalid', status === 413 ? 'The body is too large.' : 'The request body could not be read as JSON.');
      return;
    }
    logger.error({ err }, 'admin API error');
    sendError(res, 500, 'internal_error', 'The admin API failed to handle this request.');
  };
}
