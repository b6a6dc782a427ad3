/**
 * Who may use the admin API: the admin credential as `Authorization: Bearer bgwadm_…` (for
 * scripts), or a console session cookie. Rules:
 * - Nothing else is accepted: gateway tokens (bgw_…, 64-hex keys) are refused with 401.
 * - With a Bearer header the cookie is ignored and no CSRF token is needed: browsers never
 *   attach that header on their own, so a cross-site page cannot forge it.
 * - With the session cookie, every state-changing request (not GET/HEAD) must carry the
 *   X-CSRF-Token that belongs to that session (csrf-csrf double submit, HMAC bound to the
 *   session id), on top of the cookie's SameSite=Strict.
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import type { AdminCredential } from './admin-credential';
import type { AdminSessions } from './admin-sessions';
import { sendError } from './admin-errors';

export const SESSION_COOKIE = 'bgw_admin_session';
export const CSRF_COOKIE = 'bgw_csrf';

export interface AdminAuthDeps {
  readonly credential: AdminCredential;
  readonly sessions: AdminSessions;
  readonly secureCookies: boolean;
}

export function sessionIdOf(req: Request): string {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' ? value : '';
}

export function createAdminAuth(deps: AdminAuthDeps) {
  // A per-process HMAC key: after a restart the console fetches a fresh CSRF token (GET /session).
  const csrfSecret = randomBytes(32).toString('hex');
  const csrf = doubleCsrf({
    getSecret: () => csrfSecret,
    getSessionIdentifier: sessionIdOf,
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'strict', path: '/', secure: deps.secureCookies, httpOnly: true },
    getCsrfTokenFromRequest: (req) => req.headers['x-csrf-token'],
  });

  async function requireAdmin(req: Request, res: Response, next: NextFunction): Promise<void> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const m = /^Bearer ([\x21-\x7e]+)$/.exec(authorization);
      if (m && (await deps.credential.verify(m[1]!))) {
        next();
        return;
      }
      const gatewayToken = m !== null && (m[1]!.startsWith('bgw_') || /^[0-9a-f]{64}$/.test(m[1]!));
      sendError(res, 401, 'unauthorized', gatewayToken ? 'Gateway tokens are not accepted by the admin API; use the admin credential.' : 'The admin credential is not valid.');
      return;
    }
    const sessionId = sessionIdOf(req);
    if (!sessionId || !(await deps.sessions.isValid(sessionId))) {
      sendError(res, 401, 'unauthorized', 'Log in with the admin credential, or send it as Authorization: Bearer.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && !csrf.validateRequest(req)) {
      sendError(res, 403, 'csrf_invalid', 'Missing or invalid X-CSRF-Token for this session.');
      return;
    }
    next();
  }

  return {
    requireAdmin: (req: Request, res: Response, next: NextFunction) => void requireAdmin(req, res, next).catch(next),
    /** A CSRF token for the session whose id is in the request's cookie (set the cookie first at login). */
    csrfToken: (req: Request, res: Response) => csrf.generateCsrfToken(req, res, { overwrite: true }),
    validateCsrf: (req: Request) => csrf.validateRequest(req),
  };
}
